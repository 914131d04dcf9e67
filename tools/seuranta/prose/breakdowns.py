"""Unlettered breakdowns of a count: "10/15 … 8 ikäihmisten palveluilla, 4 kuntoutuspalveluilla ja 3 …".

A breakdown is two or more bare counts, each followed by a word, joined by commas and closed by "ja" or
"sekä", after a count fraction of the same sentence (its total). Numbers with a unit ("3 kpl", "5 pv",
"20 %") or touching other digits, slashes, dots or commas (dates, scores, lists of numbers) are no counts.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import NamedTuple

from seuranta.prose import facts

_COUNT = re.compile(r"(\d(?<![\w/.,:+\-–]\d)\d{0,2}) (?=[a-zåäö])")  # the fast form (facts.py)
_UNIT = re.compile(
    r"(?:kpl|prosent|euro|e\b|h\b|min|vrk|pv|päivä|viiko|vk|kk|kuukau|tunti|vuo|v\b|krt|kert|käyn|hlö|henk)"
)
_GAP = re.compile(r"[^\d.;:!?()\n]*?(,\s*|\s+(?:ja|sekä)\s+)", re.IGNORECASE)
_SENTENCE_END = re.compile(r"[.;!?]\s|\n")
_MAX_GAP_WORDS = 6


class Breakdown(NamedTuple):
    """The counts `parts` (from offset `start`) that break down the fraction `total`."""

    start: int
    end: int
    text: str
    parts: tuple[int, ...]
    total: facts.Fraction


def _counts(clean: str) -> list[re.Match[str]]:
    return [m for m in _COUNT.finditer(clean) if not _UNIT.match(clean, m.end())]


def _joined(clean: str, left: re.Match[str], right: re.Match[str]) -> str | None:
    """The separator (", ", " ja ") between two counts of one list, or None when they are not one list."""
    gap = _GAP.fullmatch(clean, left.end(1), right.start())
    if gap is None or len(clean[left.end(1) : right.start()].split()) > _MAX_GAP_WORDS:
        return None
    return gap.group(1).strip().lower()


def _chains(clean: str) -> list[list[re.Match[str]]]:
    """Runs of counts joined by separators whose last separator is "ja" or "sekä"."""
    found: list[list[re.Match[str]]] = []
    run: list[re.Match[str]] = []
    last = ""
    for count in _counts(clean):
        separator = _joined(clean, run[-1], count) if run else None
        if separator is None:
            if len(run) >= 2 and last in ("ja", "sekä"):
                found.append(run)
            run = [count]
        else:
            run.append(count)
        last = separator or ""
    if len(run) >= 2 and last in ("ja", "sekä"):
        found.append(run)
    return found


def _total(clean: str, counts: list[facts.Fraction], start: int) -> facts.Fraction | None:
    """The last count fraction before `start` in the same sentence."""
    before = [f for f in counts if f.end <= start]
    if not before or _SENTENCE_END.search(clean, before[-1].end, start):
        return None
    return before[-1]


def breakdowns(text: str, stems: Iterable[str] = ()) -> list[Breakdown]:
    if "/" not in text:
        return []  # no count fraction (each has a slash), no total to break down
    return facts.once(_breakdowns, text, tuple(stems))


def _breakdowns(text: str, stems: Iterable[str]) -> list[Breakdown]:
    clean = facts.masked(text)
    counts = facts.counts(text, stems)
    found: list[Breakdown] = []
    if not counts:
        return found  # no count fraction, no total to break down
    for chain in _chains(clean):
        start, end = chain[0].start(), chain[-1].end(1)
        total = _total(clean, counts, start)
        if total is not None:
            parts = tuple(int(m.group(1)) for m in chain)
            found.append(Breakdown(start, end, text[start:end], parts, total))
    return found
