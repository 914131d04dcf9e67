"""The identity-code and phone patterns, written to start with the characters a match starts with,
find exactly what their plain forms ("not after …" first) find, with the same groups."""

from __future__ import annotations

import re

from hypothesis import given
from hypothesis import strategies as st

from seuranta.prose import personal

SPACE = "[ \u00a0\u2009\u202f]"
SIGNS = "+A-FU-Ya-fu-y\\-\u2010\u2011\u2012\u2013\u2014\u2212\ufe63\uff0d"
PLAIN_HETU = re.compile(
    rf"(?<![0-9])([0-9]{{6}})({SPACE}{{0,2}}[{SIGNS}]{SPACE}{{0,2}}|{SPACE}{{1,2}})"
    rf"([0-9]{{3}})({SPACE}?)([0-9A-Ya-y])(?![0-9])"
)
PLAIN_PHONE = re.compile(r"(?<![\w+/.,-])(?:\+358[ -]?\(?0?\)?|\(?0)\d{1,3}\)?(?:[ -]?\d){5,8}(?![\w/]|[.,]\d)")
TEXT = st.text(alphabet="0123456789 \u00a0\u2009-\u2013+()/.,_aAäTY", max_size=40)


def matches(pattern: re.Pattern[str], text: str) -> list[tuple[object, ...]]:
    return [(m.span(), m.groups()) for m in pattern.finditer(text)]


@given(TEXT, TEXT)
def test_the_patterns_find_what_their_plain_forms_find(before: str, after: str) -> None:
    for text in (before + "131052-308T" + after, before + "+358 40 123 4567" + after, before + after):
        assert matches(personal.HETU_PATTERN, text) == matches(PLAIN_HETU, text)
        assert matches(personal.PHONE_PATTERN, text) == matches(PLAIN_PHONE, text)
        assert (personal.HETU_PATTERN.fullmatch(text) is None) == (PLAIN_HETU.fullmatch(text) is None)
