"""Numbers written against the Finnish notation the prose uses everywhere else.

- STRAY: a separator left after the decimals of a score or share ("ka. 3,3,/5", "45,5,%");
- POINT: a decimal point in a score or share ("ka. 3.9/5", "21.1%"), where Finnish writes a comma.

Only numbers right before a "/N" scale or a per cent sign are read: "2.0 -valmennus", section
numbers ("1.1–4.5", "kohta 2.5") and dates ("15.9.", "1.10/2020") are no such figures.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import NamedTuple

from seuranta.prose import facts
from seuranta.prose.facts import masked

STRAY = "stray"
POINT = "point"


class Notation(NamedTuple):
    start: int
    end: int
    text: str
    kind: str
    fixed: str  # the figure as Finnish writes it ("3,3/5", "21,1%")


# Fast forms (prose/facts.py): the digit first, then what may not stand before it.
_STRAY = re.compile(r"(\d(?<![\d.,]\d)\d*[.,]\d+)[.,] ?(/ ?\d+|%)")
_POINT = re.compile(r"(\d(?<![\d.,]\d)\d{0,2})\.(\d{1,2})( ?(?:%|/ ?\d{1,3}(?![\d.])))")


# `\d[.,]\d` as two searches, each found from its separator (rarer than a digit, and one character where `re` looks
# for it fastest): a notation needs a decimal.
DECIMAL_PROBES = (re.compile(r"\.(?<=\d\.)\d"), re.compile(r",(?<=\d,)\d"))


def notations(text: str) -> list[Notation]:
    return facts.once(_notations, text)


def may_hold_notations(text: str) -> bool:
    """Whether the text has a scale or a per cent sign and a decimal: without them, `notations()` finds none."""
    return ("/" in text or "%" in text) and any(probe.search(text) is not None for probe in DECIMAL_PROBES)


# Where each form's scale or per cent sign can stand, found from that sign (rarer than a digit): a stray separator's
# right after a separator and a digit (and a space), a decimal point's right after a point and one or two digits
# (and a space). A text without it has none of the form, and is not searched for it digit by digit.
STRAY_PROBE = re.compile(r"[/%](?:(?<=\d[.,][/%])|(?<=\d[.,] [/%]))")
POINT_PROBE = re.compile(r"[/%](?:(?<=\.\d[/%])|(?<=\.\d\d[/%])|(?<=\.\d [/%])|(?<=\.\d\d [/%]))")


def _notations(text: str) -> list[Notation]:
    if not may_hold_notations(text):
        return []
    clean = masked(text)
    found = [
        Notation(m.start(), m.end(), m.group(), STRAY, m.group(1).replace(".", ",") + m.group(2))
        for m in _found(_STRAY, STRAY_PROBE, clean)
    ]
    taken = [(n.start, n.end) for n in found]
    found += [
        Notation(m.start(), m.end(), m.group(), POINT, f"{m.group(1)},{m.group(2)}{m.group(3)}")
        for m in _found(_POINT, POINT_PROBE, clean)
        if not any(start < m.end() and m.start() < end for start, end in taken)
    ]
    return sorted(found)


def _found(pattern: re.Pattern[str], probe: re.Pattern[str], clean: str) -> Iterator[re.Match[str]]:
    """`pattern.finditer(clean)`, none where its probe finds nothing."""
    return pattern.finditer(clean) if probe.search(clean) is not None else iter(())
