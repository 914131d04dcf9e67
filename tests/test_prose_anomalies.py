"""The prose modules behind the careful reader's rules: what each reads, and what it leaves alone."""

from __future__ import annotations

import datetime

import pytest

from seuranta.prose import (
    changes,
    contradictions,
    notation,
    periods,
    placeholders,
    pointers,
    proportions,
    resemblance,
    respondents,
    tense,
)

WORDS = ("kunta", "organisaatio")


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("lääkärille xx, hoitajille xx.", [("xx", "filler"), ("xx", "filler")]),
        ("käytössä (RIKU JA TUJUA TÄYTTÄNYT 15.9.).", [("(RIKU JA TUJUA TÄYTTÄNYT 15.9.)", "note")]),
        ("Tavoite. Huom! Uusi kysymys! Kia", [("Huom! Uusi kysymys!", "note")]),
        ("hoitoon alle 7 vrk:ssa 86. NPS", [("86.", "unit")]),
        ("työkalut (THL/PUHTI) ja (THL, STM, KELA)", []),
        ("osallistujia oli 27. Palaute hyvää. Huom! Tiedot kyselystä.", []),
        ("Katso https://example.org/xx ja 56% alle 7vrk:ssa.", []),
    ],
)
def test_placeholders(text: str, found: list[tuple[str, str]]) -> None:
    assert [(p.text, p.kind) for p in placeholders.placeholders(text)] == found


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("(ka. 3,3,/5)", [("3,3,/5", "stray", "3,3/5")]),
        ("(ka. 3.9/5) ja 21.1% käynneistä", [("3.9/5", "point", "3,9/5"), ("21.1%", "point", "21,1%")]),
        ("ka. 3,9/5, versio 2.0, kohdat 1.1–4.5, 15.9.2021, 1.10/2020, 0.7 käyntiä", []),
    ],
)
def test_notations(text: str, found: list[tuple[str, str, str]]) -> None:
    assert [(n.text, n.kind, n.fixed) for n in notation.notations(text)] == found


def test_pointers() -> None:
    assert [s.number for s in pointers.see_items("Kts. Kohta 2. (Katso kohta 15.2.) ks. kohdasta 3")] == [
        "2",
        "15.2",
        "3",
    ]
    assert pointers.see_items("Edellyttää kohdan 1.2 toteutumista.") == []
    assert [p.numbers for p in pointers.portfolio_lists("hankesalkkujen yhteinen (1,2,3,5,6) työpaja")] == [
        ("1", "2", "3", "5", "6")
    ]
    assert pointers.portfolio_lists("Hankesalkku 3 (2021) ja työpaketit (1, 2)") == []


def test_shares() -> None:
    (share,) = proportions.shares("arvioitu 140 000 puhelua (80%~84 000) viime vuonna")
    assert (share.total, share.percent, share.amount, round(share.actual_percent)) == (140000, 80.0, 84000, 60)
    assert proportions.shares("käyntejä 2021 (80%) ja 45 %") == []


def test_sizes_and_follow_ups() -> None:
    assert [s.value for s in respondents.sizes("alueille N=15. Tässä kyselyssä N=14; n=6 kunnassa")] == [15, 14]
    text = (
        "Onko kunnassa koordinaattori?\na) Kyllä, useita 7/ 22 kuntaa\nb) Kyllä, yksi 5/ 22 kuntaa\n"
        "c) Ei 10/ 22 kuntaa\nJos vastasit edelliseen kyllä, koordinoiko henkilö (vastaajia 11/ 22 kuntaa)?"
    )
    (follow,) = respondents.follow_ups(text, WORDS)
    assert (follow.respondents, follow.yes) == (11, (7, 5))


def test_claims_and_their_questions() -> None:
    text = (
        "Tilanne 15.11.2021\nOnko kunnassa EPT-yhdyshenkilö?\na) Kyllä 13/ 21 kuntaa\nb) Ei 8/ 21 kuntaa\n"
        "Muutos verrrattuna 15.5.2021 tilanteeseen: a)-vastaukset + 2 kuntaa, b)-vastaukset: ei muutosta"
    )
    (claim,) = changes.claims(text)
    assert (claim.compared, claim.deltas) == (datetime.date(2021, 5, 15), (("a", 2), ("b", 0)))
    asked = changes.asked_before(text, claim, WORDS)
    assert asked is not None and asked.question == "onko kunnassa ept-yhdyshenkilö?"
    assert asked.counts() == {"a": 13, "b": 8}
    assert changes.claims("Tavoite: a)-vastaukset +8 kuntaa") == []


def test_a_goal_line_counts_its_changes_from_the_baseline_and_answers_pair_by_their_text() -> None:
    baseline = (
        "Tilanne 12.11.2020\na) Kunnan EPT-rakenteet ja moniammatilliset vastuut on kirjattu 3/23 kuntaa\n"
        "b) Kunnan EPT-rakenteet ovat valmisteilla 6/23 kuntaa\nc) Kunnassa on nimetty EPT-yhdyshenkilö 3/23 kuntaa"
    )
    text = (
        "Onko kunnassa kirjattu EPT-rakenteet?\na) Kunnan EPT-rakenteet ja moniammatilliset vastuut on kirjattu 5/ 23 "
        "kuntaa\nb) Osa kunnan EPT-rakenteista ja moniammatillisista vastuista on kirjattu 6/ 23 kuntaa\n"
        "c) Kunnan EPT-rakenteet ovat valmisteilla 9/ 23 kuntaa\nTavoite: Kunnan EPT-rakenteet ja moniammatilliset "
        "vastuut on kirjattu: a)-vastaukset +2 kuntaa, b)-vastaukset +6 kuntaa, c)-vastaukset +9 kuntaa"
    )
    (claim,) = changes.claims(text)
    assert (claim.baseline, claim.compared, claim.deltas) == (True, None, (("a", 2), ("b", 6), ("c", 9)))
    assert changes.round_of(claim, ["2020-11-15", "2021-05-15"], "2020-11-15") == "2020-11-15"
    asked = changes.asked_before(text, claim, WORDS)
    assert asked is not None
    found = changes.compare(claim, asked, changes.questions(baseline, WORDS), alone=True)
    assert [(c.letter, c.claimed, c.before, c.now) for c in found] == [
        ("a", 2, 3, 5),
        ("b", 6, None, 6),
        ("c", 9, 6, 9),
    ]


def test_a_tally_without_a_question_sentence_is_still_a_question() -> None:
    """A baseline "Tilanne 12.11.2020\\na) … 2/ 23 kuntaa" has no "?"; its tally still counts."""
    (asked,) = changes.questions("Tilanne 12.11.2020\na) Valmis 2/ 23 kuntaa\nb) Ei 21/ 23 kuntaa", WORDS)
    assert (asked.question, asked.counts()) == ("", {"a": 2, "b": 21})


def test_one_question_answered_twice() -> None:
    text = "Onko X? a) Kyllä 6/ 23 kuntaa b) Ei 17/ 23 kuntaa Onko X? a) Kyllä 8/ 23 kuntaa b) Ei 15/ 23 kuntaa"
    ((first, second),) = changes.conflicting(text, WORDS)
    assert (first.counts(), second.counts()) == ({"a": 6, "b": 17}, {"a": 8, "b": 15})
    assert changes.conflicting(text.replace("Onko X? a) Kyllä 8", "Onko Y? a) Kyllä 8"), WORDS) == []


def test_tense() -> None:
    (future,) = tense.futures("Suositus julkaistaan 16.3.2021. Koulutus 1.5.2021 alkaen.")
    assert (future.text, future.day) == ("julkaistaan 16.3.2021", datetime.date(2021, 3, 16))
    (state,) = tense.states("käytössä HVA-tasoisesti 12/22. Valmiina 12/22 mennessä.", WORDS)
    assert (state.shown, state.month) == ("12/22", True)
    # A year before the calendar's first names no month: no state is dated by it, and nothing raises.
    assert tense.states("käytössä 1-2/0000.", WORDS) == []
    (state,) = tense.states("käytössä 1-2/0001.", WORDS)
    assert (state.shown, state.day) == ("1-2/0001", datetime.date(1, 2, 1))


def test_near_copies() -> None:
    base = "Ei ole selvinnyt, mitä tarkoittaa tai tavoitellaan"
    assert resemblance.near_copy(base, base + " käsitteellä.") == [resemblance.Edit((), ("käsitteellä",))]
    assert resemblance.near_copy(base, base.replace(",", ";") + "?") == []
    assert resemblance.near_copy(base, base) is None
    assert resemblance.near_copy(base, base.replace("tavoitellaan", "haetaan")) is None
    assert (
        resemblance.near_copy(
            "Käytössä 10/15 organisaatiossa, malli tekeillä.", "Käytössä 12/15 organisaatiossa, malli tekeillä."
        )
        is None
    )


def test_contradictions() -> None:
    (found,) = contradictions.contradictions("e) Suunnittelua ei ole käynnstetty. Työpaketti 5 käynnistänyt pilotin.")
    assert (found.text, found.other) == ("e) Suunnittelua ei ole käynnstetty", "käynnistänyt pilotin")
    assert contradictions.contradictions("a) Aloitettu 8/ 23 kuntaa\nb) Ei ole aloitettu 15/ 23 kuntaa") == []


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("Seurantakyselyssä keväällä 2021 6/14 organisaatiossa.", [("keväällä 2021 6/14 organisaatiossa", 3, 5)]),
        ("Syksyn 2020 kyselyssä 13/15 organisaatiossa.", [("Syksyn 2020 kyselyssä 13/15 organisaatiossa", 9, 11)]),
        ("Kyselyssä toukokuussa 2021: 8/14 organisaatiota.", [("toukokuussa 2021: 8/14 organisaatiota", 5, 5)]),
        ("15.5.2021 tilanteessa 8/14 organisaatiossa.", [("15.5.2021 tilanteessa 8/14 organisaatiossa", 5, 5)]),
        ("Kun keväällä 2021 oli 6/14 organisaatiossa, nyt 9/15 organisaatiossa.", []),
        ("Muutos verrattuna 15.5.2021 tilanteeseen: 8/14 organisaatiossa.", []),
        ("Keväällä 2021 6/14 organisaatiossa ja nyt 9/15 organisaatiossa.", []),
        ("Malli käytössä 8/14 organisaatiossa keväällä 2021.", []),
        (
            "Keväällä 2021, 6/14 organisaatiossa. Koulutus kesäkuussa 2021 kolmessa eri osassa mukana 4/15 organisaatiossa.",
            [],
        ),
    ],
)
def test_figures_introduced_by_their_period(text: str, found: list[tuple[str, int, int]]) -> None:
    quoted = periods.quoted(text, WORDS)
    assert [(q.text, q.first.month, q.last.month) for q in quoted] == found
