"""Figures in status texts, paired across rounds into series.

Extraction is `seuranta.facts`: count fractions ("10/15 sotekeskuksessa", month/year forms left
out) and percentages ("49,2 %"). Each figure keeps the word that follows it, mapped to a
population when one of the programme's stems names it ("kuntaa", "kunnasta" → kunta), and the
words before it in the same clause, its label.

Pairing: a figure joins the series of an earlier round when the words that follow it agree (the
same population, or the same word) and the labels before it share most of their word stems; a
series takes one figure per round. "ft-suoravastaanottomalli käytössä 10/15 sotekeskuksessa",
"… käytössä 11/14 sotekeskuksessa" and "… 13/15 sotekeskuksessa" are one series.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import NamedTuple

from seuranta.prose import facts

PERCENT = "%"
CHANGE = "%-yks."
MATCH_THRESHOLD = 0.4
LABEL_WORDS = 8

_BOUNDARY = re.compile(r"[.!?;](?=\s)|\n|\s[-–•]\s")
_MARKER = re.compile(r"^\s*(?:\(?[a-hA-H]\)|[-–•*]|\d{1,2}\))\s*")
_WORDS = re.compile(r"[^\W\d_][\w-]*")
_STOP = frozenset({"ja", "on", "oli", "ovat", "ei", "sekä", "tai", "että", "mutta", "kuin", "se", "ne", "niin"})


class Population(NamedTuple):
    id: str
    stems: tuple[str, ...]


class Figure(NamedTuple):
    """One figure as written in one round's text."""

    round: str
    start: int
    quote: str
    value: float
    denominator: int | None
    unit: str
    word: str
    label: str

    @property
    def share(self) -> float:
        """Per cent: the fraction as a share, or the percentage itself."""
        return self.value * 100 / self.denominator if self.denominator else self.value

    @property
    def number(self) -> int | float:
        return int(self.value) if float(self.value).is_integer() else self.value

    def shown(self) -> str:
        """ "10/15" or "49,2 %", as a reader writes it."""
        if self.denominator:
            return f"{self.number}/{self.denominator}"
        sign = "+" if self.unit == CHANGE and self.value > 0 else ""
        return f"{sign}{str(self.number).replace('.', ',')} %"

    @property
    def follows(self) -> str:
        """What the pairing compares first: the population, or the word itself."""
        return self.unit if self.unit and self.unit not in (PERCENT, CHANGE) else self.word.lower()[:5]


class Series(NamedTuple):
    key: str
    label: str
    unit: str
    word: str
    points: tuple[Figure, ...]

    @property
    def title(self) -> str:
        parts = [self.label or "(ei selitettä)", "…", self.word] if self.word else [self.label or "(ei selitettä)"]
        return " ".join(parts)


def _population(word: str, populations: Iterable[Population]) -> str:
    return next((p.id for p in populations if word and facts.matches_stem(word, p.stems)), "")


def _label(text: str, start: int, floor: int) -> str:
    """The clause before a figure: back to a line or sentence break, or the previous figure."""
    begin = floor
    for found in _BOUNDARY.finditer(text, floor, start):
        begin = found.end()
    clause = _MARKER.sub("", text[begin:start]).strip(" \t:,(–-")
    words = clause.split()
    return " ".join(words[-LABEL_WORDS:])


def stems(label: str) -> frozenset[str]:
    return frozenset(w.lower()[:5] for w in _WORDS.findall(label) if len(w) >= 3 and w.lower() not in _STOP)


def extract(round_: str, text: str, populations: Iterable[Population]) -> list[Figure]:
    """Count fractions and percentages of one status text, in text order."""
    pops = tuple(populations)
    all_stems = [s for p in pops for s in p.stems]
    raw: list[tuple[int, int, str, float, int | None, str, str]] = [
        (f.start, f.end, f.text, float(f.numerator), f.denominator, _population(f.word, pops), f.word)
        for f in facts.counts(text, all_stems)
    ]
    raw += [
        (p.start, p.end, p.text, p.value, None, CHANGE if p.signed else PERCENT, facts.next_word(text, p.end))
        for p in facts.percents(text)
    ]
    found: list[Figure] = []
    floor = 0
    for start, end, quote, value, denominator, unit, word in sorted(raw):
        found.append(Figure(round_, start, quote, value, denominator, unit, word, _label(text, start, floor)))
        floor = end
    return found


def _score(a: str, b: str) -> float:
    left, right = stems(a), stems(b)
    if not left and not right:
        return 1.0
    return len(left & right) / len(left | right) if left | right else 0.0


def _pairs(figures: list[Figure], open_: list[list[Figure]]) -> list[tuple[float, int, int]]:
    """Every allowed (score, figure, series) pairing of one round, best first."""
    found = []
    for i, figure in enumerate(figures):
        for j, points in enumerate(open_):
            last = points[-1]
            if last.follows != figure.follows or last.unit != figure.unit:
                continue
            score = max(_score(figure.label, p.label) for p in points)
            if score >= MATCH_THRESHOLD:
                found.append((score, i, j))
    return sorted(found, key=lambda item: (-item[0], item[1], item[2]))


def _assign(figures: list[Figure], open_: list[list[Figure]]) -> None:
    """Best-scoring pairs first; a series takes one figure per round; the rest open new series."""
    taken_figures: set[int] = set()
    taken_series: set[int] = set()
    for _, i, j in _pairs(figures, open_):
        if i not in taken_figures and j not in taken_series:
            open_[j].append(figures[i])
            taken_figures.add(i)
            taken_series.add(j)
    open_.extend([f] for i, f in enumerate(figures) if i not in taken_figures)


def series(statuses: Iterable[tuple[str, str]], populations: Iterable[Population]) -> list[Series]:
    """Figures of (round, text) pairs, in round order, grouped into series across rounds."""
    pops = tuple(populations)
    open_: list[list[Figure]] = []
    for round_, text in sorted(statuses, key=lambda s: s[0]):
        _assign(extract(round_, text, pops), open_)
    ordered = sorted(open_, key=lambda points: (points[0].round, points[0].start))
    return [_series(index, points) for index, points in enumerate(ordered, start=1)]


def _series(index: int, points: list[Figure]) -> Series:
    label = next((p.label for p in reversed(points) if p.label), "")
    word = next((p.word for p in reversed(points) if p.word), "")
    return Series(f"s{index}", label, points[0].unit, word, tuple(points))
