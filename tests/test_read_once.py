"""What the prose readers skip or share finds exactly what the plain reading finds.

A text ruled out by a cheap test (no date and no slash: no dated verb; no negated start: no contradicted
option; no year: no period phrase; no word of collaboration: no collaborating sentence; other runs of digits:
no near-copy) is one whose plain reading finds nothing. A reading kept for later (a difflib ratio, a word's
population, what a reader finds in a text) is the reading itself, and each reader gets its own list.
Each is checked on generated text made of what the readers look at, and on every string of the shipped data.
"""

from __future__ import annotations

import difflib
from collections.abc import Callable
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from seuranta.prose import (
    breakdowns,
    changes,
    contradictions,
    facts,
    notation,
    periods,
    placeholders,
    pointers,
    population,
    proportions,
    resemblance,
    respondents,
    tense,
)
from seuranta.rules import date_after_round, portfolio_mismatch, ref_unrelated
from test_fast_patterns import SHIPPED

WORDS = ("kunta", "organisaatio")
PIECES = [
    *" \n.,:;/-()?!",
    "a) ",
    "b) ",
    "(c) ",
    "e) ",
    "1",
    "7",
    "2021",
    "\u0663",  # an Arabic-Indic three: a digit, not ASCII
    "\u00b2",  # a superscript two: a number, not a digit
    "15.11.2020",
    "3.5.2021",
    "31.11.2021",
    "15.2.",
    "12/21",
    "1-10/2020",
    "7/14 kunnassa",
    "8/ 23 organisaatiossa",
    "julkaistaan",
    "alkaa",
    "valmistui",
    "otettu käyttöön",
    "käytössä",
    "Voimassa",
    "ei ole aloitettu",
    "EI vielä käynnistetty",
    "aloitettiin",
    "käynnistyi",
    "keväällä 2021",
    "toukokuussa 2022",
    "tilanteessa",
    "kanssa",
    "Yhteistyössä",
    "yhdessä",
    "HS 2",
    "Hankesalkku 3",
    "Muutos verrattuna 15.5.2021 tilanteeseen: a)-vastaukset + 2",
    "Onko kunnassa nimetty yhteyshenkilö?",
    "Huom! Uusi kysymys!",
    "xx",
    "7 vrk:ssa 86.",
    "N = 12",
    "ka. 3.9/5",
    "45,5,%",
    "ks. kohta 2",
    "salkuissa (1, 2)",
    "Malli käytössä",
    "organisaatiossa",
]
TEXTS = st.lists(st.sampled_from(PIECES), max_size=16).map("".join)
SOME = [text for text in SHIPPED if len(text) < 5000]


def _ruled_out_as_plain(text: str) -> None:
    for pattern, months in ((tense._FUTURE, False), (tense._STATE, True)):
        guarded = list(tense._dated(pattern, text, words=WORDS, months=months))
        assert guarded == list(tense._read(pattern, text, words=WORDS, months=months)), text
    clean = facts.masked(text)
    assert contradictions._contradictions(text) == (contradictions._read(text, clean) if ")" in clean else []), text
    assert periods.periods(text) == periods._phrases(text), text
    mentions = [portfolio_mismatch.Mention(at, text[at : at + 2], "p") for at in range(0, len(text), 7)]
    assert portfolio_mismatch._apart(text, mentions) == portfolio_mismatch._outside(text, mentions), text


@settings(max_examples=300, deadline=None)
@given(TEXTS)
def test_a_text_ruled_out_is_one_the_plain_reading_finds_nothing_in(text: str) -> None:
    _ruled_out_as_plain(text)


def test_a_text_ruled_out_is_one_the_plain_reading_finds_nothing_in_in_the_shipped_data() -> None:
    for text in SOME:
        _ruled_out_as_plain(text)


@settings(max_examples=300, deadline=None)
@given(TEXTS, TEXTS)
def test_a_near_copy_has_the_previous_texts_runs_of_digits(previous: str, text: str) -> None:
    edited = text + " " + previous  # a second text that may differ by a few words only
    for a, b in (
        (previous, text),
        (previous, edited),
        (previous, previous + " lisätty"),
        (text, text + "."),
        (text, edited),
    ):
        if resemblance.near_copy(a, b) is not None:
            assert resemblance.figures(a) == resemblance.figures(b), (a, b)


def _plain_ratio(a: str, b: str, least: float) -> float | None:
    score = difflib.SequenceMatcher(None, a, b).ratio()
    return score if score >= least else None


@settings(max_examples=300, deadline=None)
@given(st.text("ab c", max_size=40), st.text("ab c", max_size=40), st.sampled_from([0.4, 0.8, 0.85]))
def test_a_kept_ratio_is_difflibs_ratio(a: str, b: str, least: float) -> None:
    for _ in range(2):  # computed, then kept
        assert resemblance.ratio_at_least(a, b, least) == _plain_ratio(a, b, least)


def test_a_kept_ratio_is_difflibs_ratio_for_long_texts_with_popular_characters() -> None:
    long = "kyllä ei " * 40  # over 200 characters: difflib treats popular characters as junk
    for a, b in ((long, long), (long, long + "x"), (long[:-5], long), ("aaab" * 60, "aaba" * 60)):
        for least in (0.4, 0.85):
            assert resemblance.ratio_at_least(a, b, least) == _plain_ratio(a, b, least)


@given(st.sampled_from(["kunnassa", "kuntaa/aluetta", "Organisaatiosta", "kunnallinen", "alue", ""]))
def test_a_kept_population_answer_is_the_answer(word: str) -> None:
    for keys in (("kunta",), ("kunta", "alue"), ("kunna",), ()):
        assert population.named(word, keys) == population._named.__wrapped__(word, keys)
        assert population.named(word, list(keys)) == population.named(word, keys)


READERS: list[tuple[Callable[..., list[Any]], Callable[..., list[Any]], tuple[Any, ...]]] = [
    (placeholders.placeholders, placeholders._placeholders, ()),
    (notation.notations, notation._notations, ()),
    (tense.futures, tense._futures, ()),
    (tense.states, tense._states, (WORDS,)),
    (contradictions.contradictions, contradictions._contradictions, ()),
    (contradictions.start_claims, contradictions._start_claims, ()),
    (periods.quoted, periods._quoted, (WORDS,)),
    (pointers.see_items, pointers._see_items, ()),
    (pointers.portfolio_lists, pointers._portfolio_lists, ()),
    (respondents.follow_ups, respondents._follow_ups, (WORDS,)),
    (respondents.stated, respondents._stated, ()),
    (respondents.sizes, respondents._sizes, ()),
    (proportions.shares, proportions._shares, ()),
    (breakdowns.breakdowns, breakdowns._breakdowns, (WORDS,)),
    (changes.claims, changes._claims, ()),
    (changes.questions, changes._questions, (WORDS,)),
]


@settings(max_examples=100, deadline=None)
@given(TEXTS)
def test_each_reader_of_a_text_gets_what_the_reading_finds_in_a_list_of_its_own(text: str) -> None:
    for shared, plain, args in READERS:
        first = shared(text, *args)
        assert first == plain(text, *args), (plain.__name__, text)
        first.append(None)  # a reader that changes its list
        assert shared(text, *args) == plain(text, *args), (plain.__name__, text)


@settings(max_examples=100, deadline=None)
@given(TEXTS)
def test_a_reading_shared_by_every_reader_is_the_reading(text: str) -> None:
    for _ in range(2):  # read, then shared
        assert resemblance.figures(text) == resemblance._figures(text)
        assert resemblance.words(text) == resemblance._words(text)


@settings(max_examples=100, deadline=None)
@given(TEXTS, TEXTS)
def test_a_rules_reading_kept_per_text_is_its_plain_reading(text: str, title: str) -> None:
    for _ in range(2):  # read, then kept
        verbs = facts.kept(date_after_round._verbs, text)
        assert verbs == tuple(m.span() for m in date_after_round._DONE.finditer(text)), text
        plain = ref_unrelated._stems.__wrapped__
        assert ref_unrelated._stems(text) | ref_unrelated._stems(title) == plain(text + " " + title), (text, title)


def test_a_rules_reading_kept_per_text_is_its_plain_reading_in_the_shipped_data() -> None:
    for text in SOME:
        assert facts.kept(date_after_round._verbs, text) == tuple(
            m.span() for m in date_after_round._DONE.finditer(text)
        )
        assert ref_unrelated._stems(text) | ref_unrelated._stems(
            "Ennaltaehkäisevä työ"
        ) == ref_unrelated._stems.__wrapped__(text + " Ennaltaehkäisevä työ")
