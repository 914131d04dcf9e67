"""Personal data in text: henkilötunnus candidates and their check, e-mail addresses, phone numbers.

Each function returns `Found(start, end, text)` offsets into the text it was given.
"""

from __future__ import annotations

import re
from typing import NamedTuple

from seuranta.prose.facts import masked, valid_date, without_urls

HETU_PATTERN = _HETU = re.compile(r"(?<![\w+-])(\d{6})([-+ABCDEFUVWXY])(\d{3})([0-9A-Y])(?![\w-])")
_EMAILS = re.compile(r"(?<![\w.+-])[\w.+-]+@[\w-]+(?:\.[\w-]+)*\.[a-z]{2,}(?![\w-])", re.IGNORECASE)
PHONE_PATTERN = _PHONE = re.compile(
    r"(?<![\w+/.,-])(?:\+358[ -]?\(?0?\)?|\(?0)\d{1,3}\)?(?:[ -]?\d){5,8}(?![\w/]|[.,]\d)"
)


class Found(NamedTuple):
    start: int
    end: int
    text: str


def _found(pattern: re.Pattern[str], text: str) -> list[Found]:
    return [Found(m.start(), m.end(), m.group()) for m in pattern.finditer(text)]


def hetu_candidates(text: str) -> list[Found]:
    """Everything shaped like a henkilötunnus (DDMMYY, century sign, ZZZ, check character)."""
    return _found(_HETU, text)


def emails(text: str) -> list[Found]:
    """E-mail addresses outside links ("…?x=a@b.fi" in a URL is not an address)."""
    return _found(_EMAILS, without_urls(text))


def phones(text: str) -> list[Found]:
    """Finnish phone numbers: "040 123 4567", "+358 40 1234567", "(03) 565 7000"; URLs skipped."""
    return _found(_PHONE, masked(text))


def digits(text: str) -> str:
    """A phone number reduced to digits, the country code folded to 0: "+358 40 1" → "0401"."""
    only = re.sub(r"\D", "", text)
    return "0" + only[3:].lstrip("0") if text.strip().startswith("+358") else only


_HETU_CHECK = "0123456789ABCDEFHJKLMNPRSTUVWXY"
_CENTURY = {
    "+": 1800,
    "-": 1900,
    "U": 1900,
    "V": 1900,
    "W": 1900,
    "X": 1900,
    "Y": 1900,
    "A": 2000,
    "B": 2000,
    "C": 2000,
    "D": 2000,
    "E": 2000,
    "F": 2000,
}


def hetu_valid(code: str) -> bool:
    """A real henkilötunnus: a calendar birth date, individual number 002–999, the right check character.

    Knows the century signs added in 2023 (Y X W V U for the 1900s, B C D E F for the 2000s)."""
    found = _HETU.fullmatch(code.strip().upper())
    if not found:
        return False
    birth, sign, individual, check = found.groups()
    year = _CENTURY[sign] + int(birth[4:])
    if not valid_date(year, int(birth[2:4]), day=int(birth[:2])) or int(individual) < 2:
        return False
    return _HETU_CHECK[int(birth + individual) % 31] == check
