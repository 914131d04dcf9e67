"""Survey questions and their answers: claimed changes between rounds, and one question answered twice.

Claimed changes: "Muutos verrattuna 15.5.2021 tilanteeseen: a)-vastaukset + 2 kuntaa, b)-vastaukset - 5 …".

A claim names the round it compares with (by its date) and a signed change per answer letter ("ei
muutosta" is 0). It belongs to the lettered tally right before it in the same text, whose question is
the sentence ending in "?" before the tally's "a)". The rule compares the claim with the figures of the
same question in the compared round.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Iterable
from typing import NamedTuple

from seuranta.prose import facts

_CLAIM = re.compile(
    r"Muutos\s+verr+attuna\s+(\d{1,2})\.(\d{1,2})\.(\d{4})\s+tilanteeseen[^:\n]{0,120}?:?(?P<body>[^\n]{0,400})",
    re.IGNORECASE,
)
_DELTA = re.compile(r"\b([a-h])\)-?\s*vast\w*:?\s*(?:yhteensä\s*)?(?:(ei muutosta)|([+\-−–])\s*(\d+))", re.IGNORECASE)
_END = re.compile(r"\b(?:Muutos|Tilanne)\b|Onko\b|Tavoite:", re.IGNORECASE)
_ROUND_HEADING = re.compile(r"^\s*Tilanne\s+\d{1,2}\.\d{1,2}\.\d{4}\s*", re.IGNORECASE)
_SPACE = re.compile(r"\s+")
_COUNTED = re.compile(r"\d ?/ ?\d+ [^\W\d_]+\b")


class Claim(NamedTuple):
    start: int
    end: int
    text: str
    compared: datetime.date | None  # None when the date does not exist
    deltas: tuple[tuple[str, int], ...]  # (answer letter, claimed change)


class Question(NamedTuple):
    """A lettered tally and the question it answers (normalised)."""

    question: str
    tally: facts.Tally

    def counts(self) -> dict[str, int]:
        return {chr(ord("a") + i): a.numerator for i, a in enumerate(self.tally.answers)}


def _date(m: re.Match[str]) -> datetime.date | None:
    try:
        return datetime.date(int(m.group(3)), int(m.group(2)), int(m.group(1)))
    except ValueError:
        return None


def _delta(m: re.Match[str]) -> tuple[str, int]:
    if m.group(2):
        return m.group(1).lower(), 0
    sign = 1 if m.group(3) == "+" else -1
    return m.group(1).lower(), sign * int(m.group(4))


def claims(text: str) -> list[Claim]:
    if "uutos" not in text.lower():
        return []
    found = []
    for m in _CLAIM.finditer(facts.masked(text)):
        body_start = m.start("body")
        stop = _END.search(text, body_start, m.end("body"))
        end = stop.start() if stop else m.end("body")
        deltas = tuple(_delta(d) for d in _DELTA.finditer(text, body_start, end))
        if deltas:
            found.append(Claim(m.start(), end, text[m.start() : end].rstrip(" ,."), _date(m), deltas))
    return found


def _question(text: str, start: int) -> str:
    """The sentence ending in "?" right before `start`, normalised ("" when there is none)."""
    head = text[:start].rstrip()
    if not head.endswith("?"):
        return ""
    found = ((head.rfind(mark, 0, len(head) - 1), mark) for mark in ("\n", ". ", ": ", "? "))
    stops = [-1] + [at + len(mark) - 1 for at, mark in found if at >= 0]
    stops += [m.end() - 1 for m in _COUNTED.finditer(head)]  # a folded text: the previous answer's count
    opening = max(stops)
    sentence = _ROUND_HEADING.sub("", head[opening + 1 :])
    return _SPACE.sub(" ", sentence).strip().lower()


def questions(text: str, words: Iterable[str]) -> list[Question]:
    if ")" not in text:
        return []
    return [Question(_question(text, t.start), t) for t in facts.tallies(text, words)]


def asked_before(text: str, claim: Claim, words: Iterable[str]) -> Question | None:
    """The tally (and its question) that a claim follows."""
    before = [q for q in questions(text, words) if q.tally.end <= claim.start]
    return before[-1] if before else None


def conflicting(text: str, words: Iterable[str]) -> list[tuple[Question, Question]]:
    """Pairs of tallies in one text that answer the same question sentence with different counts."""
    if text.count("?") < 2:
        return []
    seen: dict[str, Question] = {}
    found = []
    for asked in questions(text, words):
        if not asked.question:
            continue
        first = seen.setdefault(asked.question, asked)
        if first is not asked and first.counts() != asked.counts():
            found.append((first, asked))
    return found
