"""Season and month phrases, tried only before a year, are the phrases their patterns find at every character.

`periods._named()` tries the season and month patterns only where the run of word characters before the
whitespace before a year starts (every such phrase ends with a year). It is held to `finditer` on every string of
the shipped data, on texts made of the shipped data's words with the period words, digits, dots, slashes, dashes
and whitespace, and a reading that misses a phrase is caught.
"""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from seuranta.prose import periods
from test_fast_patterns import SHIPPED

PATTERNS = {"season": periods._SEASON, "month": periods._MONTH}
WORDS = sorted({word for text in SHIPPED for word in text.split()})
PERIOD_WORDS = [
    *("keväällä", "Kevään", "KEVÄT", "kesä", "kesällä", "Syksyn", "syksy", "talvella", "Talvi", "talven"),
    *("tammikuussa", "Helmikuun", "maaliskuulla", "toukokuu", "Marraskuussa", "joulukuun", "elokuussa"),
    *("\u212aeväällä", "\u017fyksyllä"),  # a Kelvin sign and a long s: IGNORECASE reads them as k and s
    *("esi", "kuu", "ssa", "2021", "2019", "20", "21", "2020", "19", "_", "9"),
]
SEPARATORS = ["", " ", "  ", "\n", "\t", "\u00a0", "\n\n", " \t", "\u00a0 ", ".", ",", "/", "-", "–", "(", ")", ":"]
TEXTS = st.lists(
    st.tuples(st.sampled_from(WORDS) | st.sampled_from(PERIOD_WORDS), st.sampled_from(SEPARATORS)).map("".join),
    max_size=16,
).map("".join)


def _plain(pattern: re.Pattern[str], text: str) -> list[tuple[tuple[int, int], tuple[str | None, ...]]]:
    return [(m.span(), m.groups()) for m in pattern.finditer(text)]


def _named(pattern: re.Pattern[str], text: str) -> list[tuple[tuple[int, int], tuple[str | None, ...]]]:
    return [(m.span(), m.groups()) for m in periods._named(text, pattern)]


@pytest.mark.parametrize("name", PATTERNS)
def test_phrases_tried_before_a_year_are_the_plain_phrases_in_the_shipped_data(name: str) -> None:
    pattern = PATTERNS[name]
    assert sum(1 for text in SHIPPED if _plain(pattern, text)) > 5
    for text in SHIPPED:
        assert _named(pattern, text) == _plain(pattern, text), text


@settings(max_examples=1500, deadline=None)
@given(TEXTS)
def test_phrases_tried_before_a_year_are_the_plain_phrases_in_any_text(text: str) -> None:
    for pattern in PATTERNS.values():
        assert _named(pattern, text) == _plain(pattern, text)


def test_a_phrase_missed_is_caught() -> None:
    """The test above fails on a reading that looks too short a way back from the year for a month's word."""
    text = "Tilanne marraskuussa 2021: 6/14 kunnassa."
    assert _named(periods._MONTH, text) == _plain(periods._MONTH, text) != []
    with pytest.MonkeyPatch.context() as patched:
        patched.setattr(periods, "_LONGEST", 8)
        assert _named(periods._MONTH, text) != _plain(periods._MONTH, text)
