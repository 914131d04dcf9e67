"""How many answered: population sizes written "N=15" and follow-up questions' respondent counts.

- `sizes`: every "N=15" (capital N: a population or sample size; a lower-case "n=8" is a count);
- `follow_ups`: a question asked only of those who answered yes before ("Jos vastasit edelliseen kyllä,
  … (vastaajia 11/ 22 kuntaa)?") with its respondent count and the yes-answers of the tally before it;
- `stated`: a round's respondent count stated outright ("Vastaajia 22/ 23 kuntaa"), with the round whose
  "Tilanne 15.11.2021" heading it stands under, when it has one;
- `answered`: how many answered a lettered tally whose answers share a denominator below its total.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import NamedTuple

from seuranta.prose import facts

SIZE = re.compile(r"N(?<!\wN) ?= ?(\d+)")  # fast form (prose/facts.py) of (?<![\w])N ?= ?(\d+)
_FOLLOW_UP = re.compile(r"jos vastasit edelliseen kyllä[^?]{0,300}?\(vastaajia (\d+) ?/ ?\d+[^)]*\)", re.IGNORECASE)
_STATED = re.compile(r"(?<!\()\bvastaajia:? ?(\d+) ?/ ?(\d+)", re.IGNORECASE)
_HEADING = re.compile(r"\btilanne (\d{1,2})\.(\d{1,2})\.(\d{4})", re.IGNORECASE)
_YES = re.compile(r"\s*\(?[a-h]\)\s*kyllä", re.IGNORECASE)


class Size(NamedTuple):
    start: int
    end: int
    text: str
    value: int


class FollowUp(NamedTuple):
    start: int
    end: int
    text: str
    respondents: int
    yes: tuple[int, ...]  # the yes-answers of the question before it


def sizes(text: str) -> list[Size]:
    return facts.once(_sizes, text)


def may_hold_sizes(text: str) -> bool:
    """Whether the text has a size ("N=15", outside links and addresses): without it, `sizes()` finds none."""
    return "N" in text and SIZE.search(facts.masked(text)) is not None


def _sizes(text: str) -> list[Size]:
    if not may_hold_sizes(text):
        return []
    return [Size(m.start(), m.end(), m.group(), int(m.group(1))) for m in SIZE.finditer(facts.masked(text))]


def _yes_counts(text: str, tally: facts.Tally) -> tuple[int, ...]:
    """The counts of the answers that start with "Kyllä" ("a) Kyllä, useita henkilöitä 6/ 23 kuntaa")."""
    found, at = [], tally.start
    for answer in tally.answers:
        if _YES.match(text, at):
            found.append(answer.numerator)
        at = answer.end
    return tuple(found)


def follow_ups(text: str, words: Iterable[str]) -> list[FollowUp]:
    return facts.once(_follow_ups, text, tuple(words))


def _follow_ups(text: str, words: Iterable[str]) -> list[FollowUp]:
    if "edelliseen" not in text.lower():
        return []
    tallies = facts.tallies(text, words)
    found = []
    for m in _FOLLOW_UP.finditer(text):
        before = [t for t in tallies if t.end <= m.start()]
        yes = _yes_counts(text, before[-1]) if before else ()
        if yes:
            found.append(FollowUp(m.start(), m.end(), m.group(), int(m.group(1)), yes))
    return found


class Stated(NamedTuple):
    """ "Vastaajia 22/ 23 kuntaa": `number` of `total` answered; `round` the ISO date of the heading above it."""

    start: int
    end: int
    text: str
    number: int
    total: int
    round: str | None


def _heading(text: str, at: int) -> str | None:
    found = list(_HEADING.finditer(text, 0, at))
    if not found:
        return None
    day, month, year = (int(g) for g in found[-1].groups())
    return f"{year:04d}-{month:02d}-{day:02d}" if facts.valid_date(year, month, day=day) else None


def stated(text: str) -> list[Stated]:
    """Respondent counts stated outright; a follow-up question's "(vastaajia 11/ 22 kuntaa)" is no round's."""
    return facts.once(_stated, text)


def _stated(text: str) -> list[Stated]:
    if "astaajia" not in text:
        return []
    clean = facts.masked(text)
    return [
        Stated(m.start(), m.end(), m.group(), int(m.group(1)), int(m.group(2)), _heading(clean, m.start()))
        for m in _STATED.finditer(clean)
    ]


def answered(tally: facts.Tally) -> int | None:
    """The number who answered: the one denominator the answers share, when it is below the tally's total."""
    shared = {a.denominator for a in tally.answers}
    if len(shared) != 1 or len(tally.answers) < 2:
        return None
    count = shared.pop()
    return count if count < tally.total else None
