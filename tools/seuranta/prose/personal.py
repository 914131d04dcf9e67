"""Personal data in text: henkilötunnus codes and their check, e-mail addresses, phone numbers; and masking.

Each finder returns `Found(start, end, text)` (or `Hetu`) offsets into the text it was given.
`redact()` is what every output applies to text from the data: each detected henkilötunnus
becomes `HETU_MASK`, whatever its form. `masked_email()` and `masked_phone()` shorten an
address or a number for a message, keeping only what an editor needs to recognise it (the
finding's line:column says where it is).

A henkilötunnus is found as written by people, not only in its official form: lowercase
(`131052-308t`), any dash (`131052–308T`, `131052‐308T`), spaces around or instead of the
century sign (`131052 - 308T`, `131052 308T`) or before the check character (`131052-308 T`),
and glued to the text around it (`hetu131052-308T`, `_131052-308T`). Such a variant counts when
it is a real code (its date, individual number and check character hold); a variant whose check
fails is a lookalike only when it still has a century sign and a calendar date, so that ordinary
numbers ("150000 2000", "123456 7890") are never read as codes.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any, NamedTuple

from seuranta.prose.facts import addresses, masked, valid_date, without_urls

HETU_MASK = "******-****"
_DASHES = "\\-\u2010\u2011\u2012\u2013\u2014\u2212\ufe63\uff0d"
_SPACE = "[ \u00a0\u2009\u202f]"
_SIGNS = f"+A-FU-Ya-fu-y{_DASHES}"
# A pattern starting with "not after X" is tried at every position of a text; each of these starts
# with the characters its match can start with and looks back right after the first one, which
# lets `re` skip to where a match can start: the same matches, three to four times faster on prose.
_HETU_PARTS = (  # (?<![0-9])[0-9]{6}, the century sign or spaces, the individual number, a space, the check
    "[0-9](?<![0-9]{2})[0-9]{5}",
    f"{_SPACE}{{0,2}}[{_SIGNS}]{_SPACE}{{0,2}}|{_SPACE}{{1,2}}",
    "[0-9]{3}",
    f"{_SPACE}?",
    "[0-9A-Ya-y]",
)
HETU_PATTERN = _HETU = re.compile("".join(f"({part})" for part in _HETU_PARTS) + "(?![0-9])")
# Where `_HETU` matches, without taking the parts apart: what the rules search a file's strings with, a third
# faster than with the groups.
HETU_SHAPE = re.compile("".join(f"(?:{part})" for part in _HETU_PARTS) + "(?![0-9])")
# Six digits in a row, in every code: found by a fast scan for a digit, where the code's own pattern tries
# its lookbehind at every character, so a whole file is ruled out first with this.
HETU_PROBE = re.compile(r"[0-9][0-9]{5}")
# `HETU_PROBE` without trying a pattern at every digit: the text's UTF-8 bytes (no byte of a character other than
# 0-9 is an ASCII digit) with each digit made "0" and every other byte a space, searched for six zeros as fast
# as a string search. Over a whole file's strings, where `re` tries the probe at each of its digits, it is
# three times faster.
_SIX_DIGITS = bytes(48 if 48 <= byte <= 57 else 32 for byte in range(256))


def six_digits(text: str) -> bool:
    """Whether the text holds six digits 0-9 in a row (`HETU_PROBE` matches in it): every henkilötunnus,
    real or lookalike, does."""
    return b"000000" in text.encode("utf-8", "surrogatepass").translate(_SIX_DIGITS)


_OFFICIAL = re.compile(r"[0-9]{6}[-+A-FU-Y][0-9]{3}[0-9A-Y]")
_GLUE = re.compile(r"[\w+-]")
_EMAILS = re.compile(r"(?<![\w.+-])[\w.+-]+@[\w-]+(?:\.[\w-]+)*\.[a-z]{2,}(?![\w-])", re.IGNORECASE)
_NOT_AFTER = r"[\w+/.,-]"  # a phone number starts after none of these
PHONE_PATTERN = _PHONE = re.compile(  # (?<![\w+/.,-])(?:\+358[ -]?\(?0?\)?|\(?0)\d{1,3}…
    rf"(?:\+(?<!{_NOT_AFTER}\+)358[ -]?\(?0?\)?|\((?<!{_NOT_AFTER}\()0|0(?<!{_NOT_AFTER}0))"
    r"\d{1,3}\)?(?:[ -]?\d){5,8}(?![\w/]|[.,]\d)"
)

# Every phone number: `phones()` reads a text with its links and addresses blanked, where a number glued to an
# address ("a@b.fi+358 40 1234567") is one, so the "+" and "(" forms are probed without what stands before them.
# A number written from its "0" is probed after what it may not follow, as `_PHONE` reads it: a blanked
# character before a "0" would have taken the "0" with it (a link runs to a space, an address's last part takes
# every word character), so the dates, ids and figures ("2021-05-15", "1020 304") of nearly every file are not
# read as numbers. One pattern per form, each found from its literal as fast as a string search, where one
# pattern of the three is tried at every "+", "(" and "0" with each of them: a string holds a number only where
# one of them matches (`rules.support.Probe`).
_PHONE_REST = r"\d{1,3}\)?(?:[ -]?\d){5}"
PHONE_PROBES = (
    re.compile(r"\+358[ -]?\(?0?\)?" + _PHONE_REST),
    re.compile(r"\(0" + _PHONE_REST),
    re.compile(rf"0(?<!{_NOT_AFTER}0)" + _PHONE_REST),
)


class Found(NamedTuple):
    start: int
    end: int
    text: str


class Hetu(NamedTuple):
    """A henkilötunnus as written at text[start:end]; `valid` when it is a real code, else a lookalike."""

    start: int
    end: int
    text: str
    valid: bool


def _found(pattern: re.Pattern[str], text: str) -> list[Found]:
    return [Found(m.start(), m.end(), m.group()) for m in pattern.finditer(text)]


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


class _Parts(NamedTuple):
    birth: str
    sign: str  # the century sign, "" when the code was written with a dash variant or a space
    individual: str
    check: str


def _parts(groups: tuple[str, ...]) -> _Parts:
    """The parts of a `_HETU` match from its groups."""
    birth, written_sign, individual, _, check = groups
    sign = written_sign.strip(" \u00a0\u2009\u202f").upper()
    return _Parts(birth, sign if sign and sign in _CENTURY else "", individual, check.upper())


def _calendar(parts: _Parts) -> bool:
    """A birth date in the sign's century, or (for a dash variant or a space) in any century."""
    centuries = [_CENTURY[parts.sign]] if parts.sign else [1800, 1900, 2000]
    birth = parts.birth
    return any(valid_date(c + int(birth[4:]), int(birth[2:4]), day=int(birth[:2])) for c in centuries)


def _real(parts: _Parts) -> bool:
    if int(parts.individual) < 2 or not _calendar(parts):
        return False
    return _HETU_CHECK[int(parts.birth + parts.individual) % 31] == parts.check


def _glued(text: str, start: int, end: int) -> bool:
    """Whether a letter, digit, underscore, + or - touches the span on either side."""
    return bool(start and _GLUE.match(text[start - 1])) or bool(end < len(text) and _GLUE.match(text[end]))


def _classify(text: str, found: re.Match[str]) -> Hetu | None:
    """The candidate as a code or a lookalike, or None when it is not worth a finding."""
    if found.group(4) and found.end() < len(text) and text[found.end()].isalnum():
        return None  # "131052-308 tuntia": a word after a space, not a check character
    real, official, signed_date = _verdict(found.groups())
    if real:
        return Hetu(found.start(), found.end(), found.group(), True)
    if (official and not _glued(text, found.start(), found.end())) or signed_date:
        return Hetu(found.start(), found.end(), found.group(), False)
    return None


@lru_cache(maxsize=4096)
def _verdict(groups: tuple[str, ...]) -> tuple[bool, bool, bool]:
    """What a candidate's own characters say, once per distinct candidate: whether it is a real code,
    whether it has the official form, whether it has a century sign and a calendar date."""
    parts = _parts(groups)
    signed = bool(groups[1].strip(" \u00a0\u2009\u202f"))
    return _real(parts), _OFFICIAL.fullmatch("".join(groups)) is not None, signed and _calendar(parts)


def hetus(text: str) -> list[Hetu]:
    """Every henkilötunnus in the text, real ones and lookalikes, in any of the forms people write."""
    found = (_classify(text, m) for m in _HETU.finditer(text))
    return [h for h in found if h is not None]


def hetu_candidates(text: str) -> list[Found]:
    """Everything a finding is made of: each code and lookalike, as written."""
    return [Found(h.start, h.end, h.text) for h in hetus(text)]


def hetu_valid(code: str) -> bool:
    """A real henkilötunnus: a calendar birth date, individual number 002–999, the right check character.

    Knows the century signs added in 2023 (Y X W V U for the 1900s, B C D E F for the 2000s) and the
    variants people write (lowercase, other dashes, spaces)."""
    code = code.strip()
    found = _HETU.fullmatch(code)
    return found is not None and _classify(code, found) is not None and _real(_parts(found.groups()))


def redact(text: str) -> str:
    """The text with every henkilötunnus (real or lookalike) replaced by `HETU_MASK`."""
    found = hetus(text) if _HETU.search(text) else []
    if not found:
        return text
    parts, at = [], 0
    for hetu in found:
        parts += [text[at : hetu.start], HETU_MASK]
        at = hetu.end
    return "".join([*parts, text[at:]])


def redacted(value: Any) -> Any:
    """`redact()` applied to every string in a value: dict keys and values, lists, tuples and NamedTuples."""
    if isinstance(value, str):
        return redact(value)
    if isinstance(value, dict):
        return {redacted(k): redacted(v) for k, v in value.items()}
    if isinstance(value, list):
        return [redacted(v) for v in value]
    if isinstance(value, tuple):
        items = [redacted(v) for v in value]
        return type(value)(*items) if hasattr(value, "_fields") else tuple(items)
    return value


def emails(text: str) -> list[Found]:
    """E-mail addresses outside links ("…?x=a@b.fi" in a URL is not an address)."""
    return [Found(m.start(), m.end(), m.group()) for m in addresses(_EMAILS, without_urls(text))] if "@" in text else []


def phones(text: str) -> list[Found]:
    """Finnish phone numbers: "040 123 4567", "+358 40 1234567", "(03) 565 7000"; URLs skipped."""
    return _found(_PHONE, masked(text))


@lru_cache(maxsize=4096)
def digits(text: str) -> str:
    """A phone number reduced to digits, the country code folded to 0: "+358 40 1" → "0401"."""
    only = re.sub(r"\D", "", text)
    return "0" + only[3:].lstrip("0") if text.strip().startswith("+358") else only


def masked_email(address: str) -> str:
    """ "matti.meikalainen@pirha.fi" → "m***@pirha.fi": the first letter and the organisation's domain."""
    local, _, domain = address.partition("@")
    return f"{local[:1]}***@{domain}"


@lru_cache(maxsize=4096)
def masked_phone(number: str) -> str:
    """ "040 123 4567" → "040 *** ****": the first three digits (the prefix), the rest as stars."""
    seen = 0
    shown = []
    for char in number:
        seen += char.isdigit()
        shown.append("*" if char.isdigit() and seen > 3 else char)
    return "".join(shown)
