"""facts.py: the facts read out of Finnish prose, with their offsets."""

from __future__ import annotations

import pytest
from stdnum.fi import hetu as stdnum_hetu

from seuranta.prose import facts, personal

STEMS = ("organisaatio", "sotekeskuks", "yta-alue", "kunta", "kunnas", "kunnis", "kunna")


def shown(found: list[facts.Fraction]) -> list[tuple[str, str, int, int]]:
    return [(f.text, f.kind, f.numerator, f.denominator) for f in found]


# --- fractions ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text, expected",
    [
        ("käytössä 7/14 organisaatiossa", [("7/14 organisaatiossa", "count", 7, 14)]),
        ("saatu 14 /15 organisaatiosta.", [("14 /15 organisaatiosta", "count", 14, 15)]),
        ("Vastaajia 8/ 23 kuntaa", [("8/ 23 kuntaa", "count", 8, 23)]),
        ("10/15 sotekeskuksessa", [("10/15 sotekeskuksessa", "count", 10, 15)]),
        ("6/15 kunnassa/Yta-alueella", [("6/15 kunnassa/Yta-alueella", "count", 6, 15)]),
        ("malli 8/10 hoitoketjun", [("8/10 hoitoketjun", "count", 8, 10)]),
    ],
)
def test_counts_carry_their_word(text: str, expected: list[tuple[str, str, int, int]]) -> None:
    assert shown(facts.counts(text, STEMS)) == expected


@pytest.mark.parametrize(
    "text, kind",
    [
        ("24/7 kotihoidon palvelut", facts.CLOCK),
        ("toteutuu (ka. 3,9/5) hyvin", facts.SCALE),
        ("(ka. 3,3,/5)", facts.SCALE),
        ("etenee (ka. 4/5)", facts.SCALE),
        ("5/1000 asukasta", facts.RATE),
        ("arvio 2.12/5 hyvä", facts.SCALE),
        ("1.125/2021", facts.SCALE),
    ],
)
def test_non_counts_are_kept_apart(text: str, kind: str) -> None:
    assert [f.kind for f in facts.fractions(text, STEMS)] == [kind]
    assert facts.counts(text, STEMS) == []


@pytest.mark.parametrize("text", ["95/viikko", "8/viikko/organisaatio (104)", "http://x.fi/1/2021", "2020/2021"])
def test_rates_links_and_year_pairs_are_no_fractions(text: str) -> None:
    assert facts.fractions(text, STEMS) == []


def test_offsets_point_into_the_text() -> None:
    text = "Seurantakyselyssä  7/14 organisaatiossa, 2/14 käytössä"
    for found in facts.fractions(text, STEMS):
        assert text[found.start : found.end] == found.text


def test_a_count_in_the_same_text_makes_a_short_form_a_count() -> None:
    text = "a) tietoja hyödynnetään: 1/23\nb) keräys meneillään: 1/23\nc) ei tietoja: 22/23"
    assert [(f.numerator, f.denominator) for f in facts.counts(text, STEMS)] == [(1, 23), (1, 23), (22, 23)]
    assert facts.month_years(text, STEMS) == []


# --- month/year forms --------------------------------------------------------------------


@pytest.mark.parametrize(
    "text, expected",
    [
        ("laaditaan 12/21 mennessä", [("12/21", 12, 12, 2021, True)]),
        ("ajalla 1-10/2020", [("1-10/2020", 1, 10, 2020, True)]),
        ("Seurantakysely 4/21", [("4/21", 4, 4, 2021, True)]),
        ("(11/2020-1/2021)", [("11/2020", 11, 11, 2020, True), ("1/2021", 1, 1, 2021, True)]),
        ("pilotointi alkaa 10/22.", [("10/22", 10, 10, 2022, True)]),
        ("seuraava kysely 13/2021", [("13/2021", 13, 13, 2021, False)]),
    ],
)
def test_month_year_forms(text: str, expected: list[tuple[str, int, int, int, bool]]) -> None:
    found = facts.month_years(text, STEMS)
    assert [(m.text, m.first, m.month, m.year, m.valid) for m in found] == expected
    assert facts.counts(text, STEMS) == []


@pytest.mark.parametrize("text", ["Lääkärilehti 48/2013", "laki 30/2021", "HE 56/2021"])
def test_issue_and_statute_numbers_are_no_dates(text: str) -> None:
    assert facts.month_years(text, STEMS) == []


def test_a_population_word_makes_a_short_form_a_fraction() -> None:
    assert shown(facts.counts("4/21 kunnassa", STEMS)) == [("4/21 kunnassa", "count", 4, 21)]
    assert facts.month_years("4/21 kunnassa", STEMS) == []


# --- dates -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text, expected",
    [
        ("15.11.2020", [("15.11.2020", 2020, True)]),
        ("valmistui 8.11.2021.", [("8.11.2021", 2021, True)]),
        ("11.2. 2021", [("11.2. 2021", 2021, True)]),
        ("3.6.21", [("3.6.21", 2021, True)]),
        ("31.11.2021", [("31.11.2021", 2021, False)]),
        ("30.421", [("30.421", 2021, False)]),
        ("15.4-30.421 välisenä", [("15.4", None, True), ("30.421", 2021, False)]),
        ("Katso kohta 15.2.)", [("15.2.", None, True)]),
    ],
)
def test_dates(text: str, expected: list[tuple[str, int | None, bool]]) -> None:
    assert [(d.text, d.year, d.valid) for d in facts.dates(text)] == expected


def test_broken_dates_are_marked_malformed() -> None:
    (date,) = facts.dates("30.421")
    assert (date.day, date.month, date.year, date.malformed) == (30, 4, 2021, True)


@pytest.mark.parametrize("text", ["14,1 ka", "12.520 asiakasta", "1.500", "klo 14.30"])
def test_numbers_that_are_no_dates(text: str) -> None:
    assert facts.dates(text) == []


def test_section_numbers_are_not_checkable_dates() -> None:
    (section,) = facts.dates("1.13. kohta")
    (bad_day,) = facts.dates("31.11. mennessä")
    assert not facts.checkable(section) and facts.checkable(bad_day) and not bad_day.valid


def test_day_of() -> None:
    assert str(facts.day_of(facts.dates("8.11.2021")[0])) == "2021-11-08"
    assert facts.day_of(facts.dates("15.2.")[0]) is None


# --- percentages -------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text, value, signed",
    [
        ("49,2% toteutuneista", 49.2, False),
        ("raportoituu 95%:sti", 95.0, False),
        ("45 %", 45.0, False),
        ("21.1%", 21.1, False),
        ("12 prosenttia", 12.0, False),
        ("etäkäynnit +150 %", 150.0, True),
    ],
)
def test_percents(text: str, value: float, signed: bool) -> None:
    (found,) = facts.percents(text)
    assert (found.value, found.signed) == (value, signed)
    assert text[found.start : found.end] == found.text


def test_a_range_is_not_a_negative_percent() -> None:
    assert [(p.value, p.signed) for p in facts.percents("10-20%")] == [(20.0, False)]
    assert [(p.value, p.signed) for p in facts.percents("vaihteluväli 18,4 -94,7%")] == [(94.7, False)]


# --- references --------------------------------------------------------------------------


def refs(text: str) -> list[tuple[str, str, str | None, str | None, str | None]]:
    return [(r.text, r.kind, r.group, r.measure, r.portfolio) for r in facts.references(text)]


@pytest.mark.parametrize(
    "text, expected",
    [
        (
            "Kts. työlaatikko 2 tp10.",
            [("työlaatikko 2", "group", "2", None, None), ("työlaatikko 2 tp10", "measure", "2", "10", None)],
        ),
        (
            "Työpaketti 15, tp.4",
            [("Työpaketti 15", "group", "15", None, None), ("Työpaketti 15, tp.4", "measure", "15", "4", None)],
        ),
        (
            "työpaketti 2 toimenpide 13 kautta",
            [("työpaketti 2", "group", "2", None, None), ("työpaketti 2 toimenpide 13", "measure", "2", "13", None)],
        ),
        ("Tp 4 b) erityisasiantuntijat", [("Tp 4 b)", "measure", None, "4b", None)]),
        ("tp. 10 ja TP1", [("tp. 10", "measure", None, "10", None), ("TP1", "measure", None, "1", None)]),
        ("Hankesalkku 9:n yhteydessä", [("Hankesalkku 9", "portfolio", None, None, "9")]),
        ("HS2 ja Hs 5", [("HS2", "portfolio", None, None, "2"), ("Hs 5", "portfolio", None, None, "5")]),
        (
            "Kts. lisäksi työpaketti 1 ja 15",
            [("työpaketti 1 ja 15", "group", "1", None, None), ("työpaketti 1 ja 15", "group", "15", None, None)],
        ),
    ],
)
def test_references(text: str, expected: list[tuple[str, str, str | None, str | None, str | None]]) -> None:
    assert refs(text) == expected


@pytest.mark.parametrize("text", ["ks. Innokylä", "(ks. hankkeen valmistelumateriaali)", "vrt. Tre-malli"])
def test_external_references_are_recognised(text: str) -> None:
    assert [r.kind for r in facts.references(text)] == [facts.EXTERNAL]


def test_a_date_after_kohta_is_no_reference() -> None:
    assert [r.kind for r in facts.references("Katso kohta 15.2.). Tällä hetkellä")] == [facts.EXTERNAL]
    assert facts.references("HS 12.3.2021 uutisoi") == []


@pytest.mark.parametrize(
    "number, normal",
    [
        ("Tp. 5.", "5"),
        ("Tp 5", "5"),
        ("Tp 4 b)", "4b"),
        ("Tp 4. a)", "4a"),
        ("TP1", "1"),
        ("1.2", "1.2"),
        ("1)", "1"),
    ],
)
def test_normal_number(number: str, normal: str) -> None:
    assert facts.normal_number(number) == normal


# --- tallies -----------------------------------------------------------------------------

TALLY = """\
Onko kunnassa palvelupolku?
a) Palvelupolku on valmis käytettäväksi         5/ 22 kuntaa
b) Valmistelu on käynnissä        16/ 22 kuntaa
c) Valmistelu on vastuutettu       1/ 22 kuntaa
d) Palvelupolkua ei ole 0/ 22 kuntaa
Puuttuvia vastauksia 1/ 23 kuntaa
Muutos: a)-vastaukset + 3 kuntaa, b)-vastaukset + 13 kuntaa"""


def test_tally_answers_and_missing() -> None:
    (tally,) = facts.tallies(TALLY, STEMS)
    assert [a.numerator for a in tally.answers] == [5, 16, 1, 0]
    assert tally.missing is not None and tally.missing.text == "1/ 23 kuntaa"
    assert (tally.counted, tally.total) == (23, 23)
    assert TALLY[tally.start : tally.end] == tally.text and tally.text.startswith("a) ")


def test_a_question_without_counts_is_no_tally() -> None:
    assert facts.tallies("a) Palvelupolku on valmis\nb) Valmistelu käynnissä\nc) Ei ole", STEMS) == []


def test_each_a_starts_a_new_tally() -> None:
    text = "a) Kyllä 5/ 23 kuntaa\nb) Ei 18/ 23 kuntaa\nToinen kysymys\na) Kyllä: 19/ 21\nb) Ei: 2/21"
    assert [t.counted for t in facts.tallies(text, STEMS)] == [23, 21]


# --- personal data -----------------------------------------------------------------------

VALID = [
    "131052-308T",
    "100190-999P",
    "100190Y999P",
    "010594Y9032",
    "010594Y9021",
    "020594X903P",
    "020594X902N",
    "030594W903B",
    "030694W9024",
    "040594V9030",
    "040594V902Y",
    "050594U903M",
    "050594U902L",
    "010516B903X",
    "010516B902W",
    "020516C903K",
    "020516C902J",
    "030516D9037",
    "030516D9026",
    "010501E9032",
    "020502E902X",
    "020503F9037",
    "020504A902E",
    "020504B904H",
]
INVALID = ["131052-308U", "310252-308Y", "131052/308T", "131052T308T", "131052-000V", "10101-0101", "131052-308"]


@pytest.mark.parametrize("code", VALID)
def test_valid_hetu_incl_the_2023_century_signs(code: str) -> None:
    assert personal.hetu_valid(code)
    assert stdnum_hetu.is_valid(code, allow_temporary=True)
    assert [c.text for c in personal.hetu_candidates(f"tunnus {code}.")] == [code]


@pytest.mark.parametrize("code", INVALID)
def test_invalid_hetu(code: str) -> None:
    assert not personal.hetu_valid(code)


def test_emails_outside_links() -> None:
    text = "Lisätietoja matti.meikalainen@pirha.fi, ks. https://pirha.fi/?x=a@b.fi"
    assert [e.text for e in personal.emails(text)] == ["matti.meikalainen@pirha.fi"]


@pytest.mark.parametrize(
    "text, numbers",
    [
        ("Soita 040 123 4567 tai +358 50 765 4321.", ["040 123 4567", "+358 50 765 4321"]),
        ("Tampereella oma puh. 03 10023 palvelee", ["03 10023"]),
        ("Päivystysapu 116117; 15/ 23 kuntaa; vuosina 2020-2022; 000_fb689c8ad07795ff.txt", []),
    ],
)
def test_phones(text: str, numbers: list[str]) -> None:
    assert [p.text for p in personal.phones(text)] == numbers


def test_phone_digits_fold_the_country_code() -> None:
    assert personal.digits("+358 40 123 4567") == personal.digits("040-1234567") == "0401234567"


def test_the_texts_read_last_are_kept_within_both_bounds(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(facts, "KEPT", 8)
    monkeypatch.setattr(facts, "CHARS", 40)
    recent: facts.Recent[int] = facts.Recent()
    for number in range(100):
        text = f"t{number}"
        assert recent.keep(text, number) == number
        assert len(recent) <= 8 and recent.chars <= 40
        assert recent.chars == sum(map(len, recent))
        assert list(recent) == [f"t{n}" for n in range(number - len(recent) + 1, number + 1)]  # the first read go first
    assert len(recent) == 8  # as many as the bound allows
    recent.keep("x" * 100, -1)  # one text over the characters' bound is kept alone
    assert list(recent.items()) == [("x" * 100, -1)] and recent.chars == 100
    recent.forget()
    assert not recent and recent.chars == 0
