"""How many answered: population sizes written "N=15" and follow-up questions' respondent counts.

- `sizes`: every "N=15" (capital N: a population or sample size; a lower-case "n=8" is a count);
- `follow_ups`: a question asked only of those who answered yes before ("Jos vastasit edelliseen kyllä,
  … (vastaajia 11/ 22 kuntaa)?") with its respondent count and the yes-answers of the tally before it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import NamedTuple

from seuranta.prose import facts

_SIZE = re.compile(r"(?<![\w])N ?= ?(\d+)")
_FOLLOW_UP = re.compile(r"jos vastasit edelliseen kyllä[^?]{0,300}?\(vastaajia (\d+) ?/ ?\d+[^)]*\)", re.IGNORECASE)
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
    if "N" not in text:
        return []
    return [Size(m.start(), m.end(), m.group(), int(m.group(1))) for m in _SIZE.finditer(facts.masked(text))]


def _yes_counts(text: str, tally: facts.Tally) -> tuple[int, ...]:
    """The counts of the answers that start with "Kyllä" ("a) Kyllä, useita henkilöitä 6/ 23 kuntaa")."""
    found, at = [], tally.start
    for answer in tally.answers:
        if _YES.match(text, at):
            found.append(answer.numerator)
        at = answer.end
    return tuple(found)


def follow_ups(text: str, words: Iterable[str]) -> list[FollowUp]:
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
