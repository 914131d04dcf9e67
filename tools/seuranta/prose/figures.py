"""Figures in a status text (fractions and percentages) with the words around them, and pairing.

The figures themselves are found by `facts.fractions` and `facts.percents` (month/year forms
such as "10/2021", document numbers and "24/7" are not figures); this module adds the words
around each one and pairs the figures of two texts by position and by those words, so
"käytössä 11/14 sotekeskuksessa" pairs with "käytössä 13/15 sotekeskuksessa".
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Callable, Iterable
from typing import NamedTuple

from seuranta.prose import facts

FRACTION = "fraction"
PERCENT = "percent"

_SLASH = re.compile(r"(\d+(?:[,.]\d+)?),? ?/ ?(\d+(?:[,.]\d+)?)")
_NUMBER = re.compile(r"\d+(?:[,.]\d+)?")
_EDGE = ".,;:!?()[]\"'´`«»…"
_WORD = re.compile(r"\S+")
_SENTENCE_END = (".", ";", "!", "?")
_MARKER = re.compile(r"\(?\w\)|[-–•*]")  # "a)", "(b)", "-": list markers, not words
BEFORE_WORDS = 2


class Figure(NamedTuple):
    """One figure as written (whitespace removed), its value, and the words just before and after it."""

    kind: str
    text: str
    value: float
    of: float | None
    before: str
    after: str

    @property
    def share(self) -> float:
        return self.value / self.of if self.of else self.value / 100

    def phrase(self) -> str:
        return " ".join(part for part in (self.before, self.text, self.after) if part)


class Move(NamedTuple):
    """A figure that changed between two texts: old and new, named by the new text's words."""

    old: Figure
    new: Figure

    @property
    def direction(self) -> int:
        """1 rose, -1 fell, 0 same share (compared as shares, then as counts)."""
        change = (self.new.share - self.old.share) or (self.new.value - self.old.value)
        return (change > 0) - (change < 0)

    def phrase(self) -> str:
        return " ".join(
            part for part in (self.new.before, f"{self.old.text} → {self.new.text}", self.new.after) if part
        )


def _clean(word: str) -> str:
    return word.strip(_EDGE)


def _sentence_words(raw: list[str]) -> list[str]:
    """The words after the last one that ends a sentence ("… sotekeskuksessa. 8/10" keeps none)."""
    ends = [i for i, w in enumerate(raw) if w.endswith(_SENTENCE_END)]
    return raw[ends[-1] + 1 :] if ends else raw


def _around(text: str, start: int, end: int) -> tuple[str, str]:
    """Up to two words before a figure and one after it, within its line and sentence."""
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", end)
    line_end = len(text) if line_end < 0 else line_end
    raw = [w for w in _sentence_words(_WORD.findall(text, line_start, start)) if not _MARKER.fullmatch(w)]
    before = [w for w in map(_clean, raw) if w]
    following = _WORD.findall(text, end, line_end)
    after = "" if text[end : end + 1] in _SENTENCE_END or not following else _clean(following[0])
    return " ".join(before[-BEFORE_WORDS:]), after


def _number(text: str) -> float:
    value = float(text.replace(",", "."))
    return int(value) if text.isdigit() else value


def _fractions(text: str, stems: Iterable[str]) -> list[tuple[int, Figure]]:
    """Counts, rates and scales ("7/14", "5/1000", "3,9/5"); not "24/7"."""
    found = []
    for fraction in facts.fractions(text, stems):
        slash = _SLASH.match(text, fraction.start)
        if fraction.kind != facts.CLOCK and slash is not None:
            before, after = _around(text, fraction.start, slash.end())
            numbers = (_number(slash.group(1)), _number(slash.group(2)))
            found.append(
                (fraction.start, Figure(FRACTION, f"{slash.group(1)}/{slash.group(2)}", *numbers, before, after))
            )
    return found


def _percents(text: str) -> list[tuple[int, Figure]]:
    found = []
    for percent in facts.percents(text):
        number = _NUMBER.search(percent.text)
        sign = percent.text.strip()[0] if percent.signed else ""
        before, after = _around(text, percent.start, percent.end)
        found.append(
            (
                percent.start,
                Figure(PERCENT, f"{sign}{number.group() if number else ''}%", percent.value, None, before, after),
            )
        )
    return found


def extract(text: str, stems: Iterable[str] = ()) -> list[Figure]:
    """Every fraction and percentage in a text, in reading order; `stems` name the populations."""
    return [
        figure for _, figure in sorted(_fractions(text, tuple(stems)) + _percents(text), key=lambda found: found[0])
    ]


def _listed_stems(entries: object) -> list[str]:
    found: list[str] = []
    for entry in entries if isinstance(entries, list) else []:
        stems = entry.get("stems") if isinstance(entry, dict) else None
        found += [s for s in stems if isinstance(s, str)] if isinstance(stems, list) else []
    return found


def stems_of(*holders: object) -> tuple[str, ...]:
    """The word stems naming populations, from a programme's `populations` and a measure's `subpopulations`."""
    found: list[str] = []
    for holder in holders:
        if isinstance(holder, dict):
            found += _listed_stems(holder.get("populations")) + _listed_stems(holder.get("subpopulations"))
    return tuple(found)


def _words(figure: Figure) -> set[str]:
    return set(figure.before.lower().split()) | ({figure.after.lower()} if figure.after else set())


def _related(old: Figure, new: Figure) -> bool:
    """Worth pairing by position: same kind and at least one word around them in common."""
    return old.kind == new.kind and bool(_words(old) & _words(new))


def _keyed(kind: str, *words: str) -> object:
    """A pairing key; a figure with no words around it gets a key equal to nothing else."""
    return (kind, *words) if any(words) else object()


LEVELS: tuple[Callable[[Figure], object], ...] = (
    lambda f: _keyed(f.kind, f.before.lower(), f.after.lower()),
    lambda f: _keyed(f.kind, f.before.lower()),
    lambda f: _keyed(f.kind, f.after.lower()),
    lambda f: _keyed(f.kind, f.before.lower().rpartition(" ")[2]),
)


def _pair_level(
    old: list[Figure], new: list[Figure], olds: list[int], news: list[int], level: int
) -> list[tuple[int, int]]:
    """Pair equal keys in order; the runs between are paired at the next level, finally by position."""
    if level == len(LEVELS):
        return [(i, j) for i, j in zip(olds, news, strict=False) if _related(old[i], new[j])]
    key = LEVELS[level]
    matcher = difflib.SequenceMatcher(None, [key(old[i]) for i in olds], [key(new[j]) for j in news], autojunk=False)
    pairs: list[tuple[int, int]] = []
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            pairs += list(zip(olds[i1:i2], news[j1:j2], strict=False))
        elif op == "replace":
            pairs += _pair_level(old, new, olds[i1:i2], news[j1:j2], level + 1)
    return pairs


def pair_indices(old: list[Figure], new: list[Figure]) -> list[tuple[int, int]]:
    """Index pairs (old, new): the same words around them first, then the closest words, then by position."""
    return _pair_level(old, new, list(range(len(old))), list(range(len(new))), 0)


def pair(old: list[Figure], new: list[Figure]) -> list[tuple[Figure, Figure]]:
    return [(old[i], new[j]) for i, j in pair_indices(old, new)]


def moves(old_text: str, new_text: str, stems: Iterable[str] = ()) -> list[Move]:
    """The figures whose value changed between two texts."""
    found = pair(extract(old_text, stems), extract(new_text, stems))
    return [Move(a, b) for a, b in found if (a.value, a.of) != (b.value, b.of)]
