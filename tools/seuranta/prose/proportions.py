"""A share worked out in the text: "140 000 puhelua (80%~84 000)": a total, a percentage and its count.

The total is the number right before the parenthesis (with at most two words between, "140 000
puhelua"); inside it a percentage and, after "~", "≈" or "=", the count it stands for. Numbers may
group their thousands with spaces ("84 000").
"""

from __future__ import annotations

import re
from typing import NamedTuple

from seuranta.prose import facts
from seuranta.prose.facts import masked

_NUMBER = r"\d{1,3}(?:[  ]\d{3})+|\d+"
_SHARE = re.compile(
    rf"(?<![\d,.])(?P<total>{_NUMBER})(?:\s+[^\W\d_]+){{0,2}}\s*\(\s*(?P<percent>\d+(?:,\d+)?)\s*%\s*[~≈=]\s*"
    rf"(?P<count>{_NUMBER})\s*\)"
)


class Share(NamedTuple):
    start: int
    end: int
    text: str
    total: int
    percent: float
    amount: int

    @property
    def expected(self) -> float:
        return self.total * self.percent / 100

    @property
    def actual_percent(self) -> float:
        return 100 * self.amount / self.total if self.total else 0.0


def _int(text: str) -> int:
    return int(re.sub(r"\s", "", text))


def shares(text: str) -> list[Share]:
    return facts.once(_shares, text)


def may_hold_shares(text: str) -> bool:
    """Whether the text has a per cent sign and a mark of what it stands for: without them, `shares()` finds none."""
    return "%" in text and any(mark in text for mark in "~≈=")


def _shares(text: str) -> list[Share]:
    if not may_hold_shares(text):
        return []
    return [
        Share(
            m.start(),
            m.end(),
            m.group(),
            _int(m.group("total")),
            float(m.group("percent").replace(",", ".")),
            _int(m.group("count")),
        )
        for m in _SHARE.finditer(masked(text))
    ]
