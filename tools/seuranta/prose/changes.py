"""Survey questions and their answers: claimed changes between rounds, and one question answered twice.

Claimed changes: "Muutos verrattuna 15.5.2021 tilanteeseen: a)-vastaukset + 2 kuntaa, b)-vastaukset - 5 …".

A claim names the round it compares with (by its date) and a signed change per answer letter ("ei
muutosta" is 0). It belongs to the lettered tally right before it in the same text, whose question is
the sentence ending in "?" before the tally's "a)". The rule compares the claim with the figures of the
same question in the compared round.

A goal line with changes ("Tavoite: Kunnan EPT-rakenteet … kirjattu: a)-vastaukset +2 kuntaa, b)-vastaukset
+6 kuntaa") names no round: its changes are counted from the programme's baseline (`Claim.baseline`).
An answer is paired with the compared round's answer of the same text (`paired_answer`), so a question
whose options were reworded or re-lettered is compared option by option.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Iterable, Iterator
from typing import NamedTuple

from seuranta.prose import facts, resemblance

_CLAIM = re.compile(
    r"Muutos\s+verr+attuna\s+(\d{1,2})\.(\d{1,2})\.(\d{4})\s+tilanteeseen[^:\n]{0,120}?:?(?P<body>[^\n]{0,400})",
    re.IGNORECASE,
)
_DELTA = re.compile(r"\b([a-h])\)-?\s*vast\w*:?\s*(?:yhteensä\s*)?(?:(ei muutosta)|([+\-−–])\s*(\d+))", re.IGNORECASE)
_TARGET = re.compile(r"Tavoite:(?P<goal>[^\n]{0,400}?):\s*(?P<body>[a-h]\)-?\s*vast[^\n]{0,400})", re.IGNORECASE)
_END = re.compile(r"\b(?:Muutos|Tilanne)\b|Onko\b|Tavoite:", re.IGNORECASE)
_ROUND_HEADING = re.compile(r"^\s*Tilanne\s+\d{1,2}\.\d{1,2}\.\d{4}\s*", re.IGNORECASE)
_SPACE = re.compile(r"\s+")
_COUNTED = re.compile(r"\d ?/ ?\d+ [^\W\d_]+\b")


class Claim(NamedTuple):
    start: int
    end: int
    text: str
    compared: datetime.date | None  # None when the date does not exist, or for a goal line
    deltas: tuple[tuple[str, int], ...]  # (answer letter, claimed change)
    baseline: bool = False  # a goal line's changes, counted from the baseline round


class Question(NamedTuple):
    """A lettered tally and the question it answers (normalised), with each answer's text (normalised)."""

    question: str
    tally: facts.Tally
    labels: tuple[str, ...] = ()

    def counts(self) -> dict[str, int]:
        return {chr(ord("a") + i): a.numerator for i, a in enumerate(self.tally.answers)}

    def label(self, letter: str) -> str:
        at = ord(letter) - ord("a")
        return self.labels[at] if 0 <= at < len(self.labels) else ""


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


def _claim(text: str, m: re.Match[str], *, compared: datetime.date | None, baseline: bool) -> Claim | None:
    body_start = m.start("body")
    stop = _END.search(text, body_start, m.end("body"))
    end = stop.start() if stop else m.end("body")
    deltas = tuple(_delta(d) for d in _DELTA.finditer(text, body_start, end))
    if not deltas:
        return None
    return Claim(m.start(), end, text[m.start() : end].rstrip(" ,."), compared, deltas, baseline)


def claims(text: str) -> list[Claim]:
    """Claimed changes against a dated round, and goal lines' changes from the baseline."""
    return facts.once(_claims, text)


def may_hold_claims(text: str) -> bool:
    """Whether the text has a word of a claimed change or a goal line: without it, `claims()` finds none. The words
    are looked for in the lowered text, which the patterns' IGNORECASE reads alike but for a long s and a dotless or
    dotted capital i (`facts.unlowered()`): a text holding one of those may hold a claim."""
    lowered = facts.lowered(text)
    return "uutos" in lowered or "tavoite" in lowered or facts.unlowered(text)


def _claims(text: str) -> list[Claim]:
    """Each pattern is searched for only where the lowered text has a word it needs: "verr" for a claim (no letter of
    it is read by IGNORECASE as another), "tavoite:" for a goal line (or a letter `facts.unlowered()` tells)."""
    if not may_hold_claims(text):
        return []
    clean, lowered = facts.masked(text), facts.lowered(text)
    found: list[Claim | None] = []
    if "verr" in lowered:
        found += [_claim(text, m, compared=_date(m), baseline=False) for m in _CLAIM.finditer(clean)]
    if "tavoite:" in lowered or facts.unlowered(text):
        found += [
            _claim(text, m, compared=None, baseline=True)
            for m in _TARGET.finditer(clean)
            if not _END.search(m.group("goal"))
        ]
    return sorted(c for c in found if c is not None)


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


_LEADING_LETTER = re.compile(r"^\W*[a-h]\)\s*")
_TRAILING = re.compile(r"[\s:;,.\-–]+$")


def _labels(text: str, tally: facts.Tally) -> tuple[str, ...]:
    """Each answer's text: from its letter to its count, normalised."""
    labels, start = [], tally.start
    for answer in tally.answers:
        label = _TRAILING.sub("", _LEADING_LETTER.sub("", text[start : answer.start]))
        labels.append(_SPACE.sub(" ", label).strip().lower())
        start = answer.end
    return tuple(labels)


def questions(text: str, words: Iterable[str]) -> list[Question]:
    return facts.once(_questions, text, tuple(words))


def _questions(text: str, words: Iterable[str]) -> list[Question]:
    if ")" not in text:
        return []
    return [Question(_question(text, t.start), t, _labels(text, t)) for t in facts.tallies(text, words)]


_SAME_ANSWER = 0.85
_WORDS_TO_PAIR = 3  # a shorter answer ("Kyllä", "Ei") names no option of its own


def same_answers(asked: Question, pool: Iterable[Question]) -> dict[str, int]:
    """Answer letter -> the count of the compared answer with the same text (closely similar), each compared
    answer used once, the closest pairs first; answers too short to name an option of their own are left out."""
    mine = [(letter, asked.label(letter)) for letter in asked.counts()]
    theirs = [(q.label(letter), n) for q in pool for letter, n in q.counts().items()]
    scored = sorted(
        (-score, i, j)
        for j, (other, _) in enumerate(theirs)
        if len(other.split()) >= _WORDS_TO_PAIR
        for i, score in _similar([label for _, label in mine], other, _SAME_ANSWER)
    )
    found: dict[str, int] = {}
    used: set[int] = set()
    for _, i, j in scored:
        if mine[i][0] not in found and j not in used:
            found[mine[i][0]] = theirs[j][1]
            used.add(j)
    return found


def _similar(labels: list[str], other: str, least: float) -> Iterator[tuple[int, float]]:
    """Each label of enough words whose difflib ratio to `other` is at least `least`, with that ratio."""
    for i, label in enumerate(labels):
        if len(label.split()) < _WORDS_TO_PAIR:
            continue
        score = resemblance.ratio_at_least(label, other, least)
        if score is not None:
            yield i, score


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


class Compared(NamedTuple):
    """One claimed change beside the figures: `before` is None when the compared round has no such answer."""

    letter: str
    claimed: int
    now: int
    before: int | None


_NEAR = datetime.timedelta(days=10)
_SAME_QUESTION = 0.8


def round_of(claim: Claim, rounds: Iterable[str], baseline: str | None) -> str | None:
    """The round a claim compares with: a goal line's baseline, else the round nearest the claim's date, when one
    is at most ten days away."""
    if claim.baseline:
        return baseline
    if claim.compared is None:
        return None
    day = claim.compared
    near = [(abs(datetime.date.fromisoformat(r) - day), r) for r in rounds if len(r) == 10 and r[4] == "-"]
    best = min(near, default=None)
    return best[1] if best is not None and best[0] <= _NEAR else None


def _paired(asked: Question, earlier: list[Question], *, alone: bool) -> Question | None:
    """The earlier round's same question: by its sentence, or the only tally of both rounds when one of
    them writes no question sentence."""
    if not asked.question or not any(q.question for q in earlier):
        return earlier[0] if alone and len(earlier) == 1 else None
    best = max(_alike(asked.question, [q.question for q in earlier], _SAME_QUESTION), default=None)
    return earlier[best[1]] if best is not None else None


def _alike(question: str, others: list[str], least: float) -> Iterator[tuple[float, int]]:
    """(ratio, index) of each of `others` at least `least` alike `question`."""
    for i, other in enumerate(others):
        score = resemblance.ratio_at_least(question, other, least)
        if score is not None:
            yield score, i


def _before(asked: Question, paired: Question | None, earlier: list[Question]) -> dict[str, int]:
    """The compared round's count of each answer: the answer of the same text (in the same question when the
    question pairs), else, for a short answer ("Kyllä"), the same letter of the same question with as many
    answers."""
    found = same_answers(asked, [paired] if paired is not None else earlier)
    if paired is not None and len(paired.counts()) == len(asked.counts()):  # the same set of answers
        then = paired.counts()
        for letter in asked.counts():
            if letter not in found and letter in then and len(asked.label(letter).split()) < _WORDS_TO_PAIR:
                found[letter] = then[letter]
    return found


def compare(claim: Claim, asked: Question, earlier: list[Question], *, alone: bool) -> list[Compared]:
    """Each claimed change of an answer the asked tally has, beside the compared round's figures."""
    before = _before(asked, _paired(asked, earlier, alone=alone), earlier)
    now = asked.counts()
    return [
        Compared(letter, change, now[letter], before.get(letter)) for letter, change in claim.deltas if letter in now
    ]
