"""The first readings of a text's facts, made where a fact can start, find exactly what the plain readings find.

References are read only where the reference probe finds a reference's first word (`facts._started`), not by
each pattern at every character; the words of a scale or a document before a slash form are searched in fast
forms; and what of a text's slash forms the population words do not change is read once for every set of words.
Each is held to its plain reading on generated text made of what the patterns look at and on every string of the
shipped data, and a reading tried nowhere, or a shared reading changed by one of its readers, is caught.
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


# --- what stands before a slash form ----------------------------------------------------------------------------------

BEFORE: dict[str, tuple[re.Pattern[str], re.Pattern[str]]] = {
    "scale": (
        re.compile(r"(?:\bka\.?|keskiarvo\w*|arvosana\w*|asteikolla\w*)\s*\(?$", re.IGNORECASE),
        facts._SCALE_BEFORE,
    ),
    "document": (
        re.compile(r"(?:\bdnro|\bnro|\bnumero|§|lehti|\blaki|\blain|\basetu\w*|\bHE|\bSVL)\.?\s*$", re.IGNORECASE),
        facts._DOCUMENT_BEFORE,
    ),
}
WORDS = [
    *" \n\t\u00a0.(_1aeklsx",
    *"\u212a\u017f\u0131\u0130",  # Kelvin sign, long s, dotless i, dotted I: IGNORECASE reads them as k, s, i, i
    "ka",
    "KA.",
    "keskiarvo",
    "Arvosanat",
    "asteikolla",
    "dnro",
    "Nro",
    "numero",
    "§",
    "lehti",
    "Laki",
    "lain",
    "asetus",
    "HE",
    "svl",
    "\u017fvl",
]
ENDINGS = st.lists(st.sampled_from(WORDS), max_size=8).map("".join)


def _found(pattern: re.Pattern[str], text: str) -> list[tuple[int, int]]:
    return [m.span() for m in pattern.finditer(text)]


@settings(max_examples=2000, deadline=None)
@given(ENDINGS)
def test_the_words_before_a_slash_form_are_found_as_their_plain_forms_find_them(text: str) -> None:
    for name, (plain, fast) in BEFORE.items():
        assert _found(fast, text) == _found(plain, text), name


def test_the_words_before_a_slash_form_are_found_as_their_plain_forms_find_them_in_the_shipped_data() -> None:
    befores = [text[max(0, at - 16) : at] for text in SHIPPED for at in range(len(text)) if text[at] == "/"]
    for name, (plain, fast) in BEFORE.items():
        for before in befores:
            assert _found(fast, before) == _found(plain, before), (name, before)


@pytest.mark.parametrize(
    ("before", "scale", "document"),
    [
        ("arvio ka. ", True, False),
        ("Keskiarvot (", True, False),
        ("paikka ", False, False),
        ("Lääkärilehti ", False, True),
        ("Dnro. ", False, True),
        ("toinen numero", False, True),
        ("numerot ", False, False),
        ("asetuksen ", False, True),
        ("omaHE ", False, False),
        ("\u017fvl ", False, True),  # a long s is an s to IGNORECASE
    ],
)
def test_the_words_before_a_slash_form(before: str, scale: bool, document: bool) -> None:
    for (plain, fast), expected in zip(BEFORE.values(), (scale, document), strict=True):
        assert (fast.search(before) is not None) == (plain.search(before) is not None) == expected, before


# --- slash forms read with other population words ---------------------------------------------------------------------

SLASHED = st.lists(
    st.sampled_from(
        [*" ,.-/", "1", "7", "12", "21", "2021", "1-10/2020", "7/14 kunnassa", "22/23", "1/23 ", "4/21 kunnassa"]
    ),
    max_size=10,
).map("".join)
STEMS = st.sampled_from([(), ("kunta",), ("kunta", "organisaatio")])


@settings(max_examples=500, deadline=None)
@given(SLASHED, STEMS, STEMS)
def test_slash_forms_read_after_other_population_words_are_those_read_first(
    text: str, stems: tuple[str, ...], others: tuple[str, ...]
) -> None:
    facts._KEPT.forget()
    first = facts._classified(text, stems)
    facts._KEPT.forget()
    facts._classified(text, others)
    facts._classified(text, others)
    assert facts._classified(text, stems) == first
