"""The first readings of a text's facts, made where a fact can start, find exactly what the plain readings find.

References are read only where the reference probe finds a reference's first word (`facts._started`), not by
each pattern at every character. Held to the plain reading (each pattern's `finditer`) on generated text made of
what the patterns look at, and on every string of the shipped data; and a reading tried nowhere is caught.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from seuranta.prose import facts
from test_fast_patterns import SHIPPED

PIECES = [
    *" \n.,:;/-()–&+",
    *"0123456789abhkt",
    "\u212a",  # the Kelvin sign: a k to IGNORECASE
    "ja ",
    "työpaketti",
    "Työpaketit ",
    "työlaatikko",
    "tp",
    "TP",
    "tp.",
    "toimenpide ",
    "toimenpiteet ",
    "hankesalkku ",
    "HS",
    "hs ",
    "kts.",
    "Ks.",
    "katso",
    "vrt.",
    "vertaa ",
    "kohta",
    "Innokylä",
    "http://x.fi/tp1",
    "a@tp.fi",
]
TEXTS = st.lists(st.sampled_from(PIECES), max_size=14).map("".join)


def _plain(pattern: re.Pattern[str], text: str, starts: list[int]) -> Iterator[re.Match[str]]:
    return pattern.finditer(text)


def _read(text: str, started: Callable[[re.Pattern[str], str, list[int]], Iterator[re.Match[str]]]) -> object:
    with pytest.MonkeyPatch.context() as patched:
        patched.setattr(facts, "_started", started)
        return facts._references(text)


@settings(max_examples=2000, deadline=None)
@given(TEXTS)
def test_references_read_where_one_starts_are_the_plain_reading(text: str) -> None:
    assert facts._references(text) == _read(text, _plain)


def test_references_read_where_one_starts_are_the_plain_reading_in_the_shipped_data() -> None:
    read = [text for text in SHIPPED if _read(text, _plain)]
    assert len(read) > 100
    for text in SHIPPED:
        assert facts._references(text) == _read(text, _plain), text


def test_references_read_nowhere_are_caught() -> None:
    assert _read("Kts. työpaketti 2 tp 10", lambda pattern, text, starts: iter(())) == ()
    assert len(facts._references("Kts. työpaketti 2 tp 10")) == 2
