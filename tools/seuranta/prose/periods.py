"""Figures introduced by the period they were measured in: "keväällä 2021 6/14 organisaatiossa".

A period phrase names a season ("keväällä 2021", "syksyn 2020", "kevät 2021"), a month ("toukokuussa
2021") or a day ("15.5.2021", "15.5.2021 tilanteessa"); a count figure that follows it in the same clause,
at most three words later, was measured then. A figure in a sentence that marks a comparison
("verrattuna", "vrt.", "kun keväällä oli", "aiemmin", "edellisessä") or that also gives a figure of no
period (the current one beside the earlier) is a comparison, not a figure quoted in place of the current.
"""

from __future__ import annotations

import bisect
import calendar
import datetime
import re
from collections.abc import Iterable
from typing import NamedTuple

from seuranta.prose import facts

# season -> (first month, last month); winter runs from the December before the year named.
_SEASONS = {"kevä": (3, 5), "kesä": (6, 8), "syks": (9, 11), "talv": (0, 2)}
_SEASON = re.compile(
    r"\b(?P<season>kevä(?:ällä|änä|än|t)|kesä(?:llä|nä|n)?|syksy(?:llä|nä|n)?|talve(?:lla|na|n)|talvi)"
    r"\s+(?P<year>20\d\d)\b",
    re.IGNORECASE,
)
_MONTHS = ("tammi", "helmi", "maalis", "huhti", "touko", "kesä", "heinä", "elo", "syys", "loka", "marras", "joulu")
_MONTH = re.compile(rf"\b(?P<month>{'|'.join(_MONTHS)})kuu(?:ssa|n|lla)?\s+(?P<year>20\d\d)\b", re.IGNORECASE)
_DAY = re.compile(r"(?P<day>\d(?<![\d.]\d)\d?)\.(?P<month>\d{1,2})\.(?P<year>20\d\d)(?!\d)(?:\s+tilantee(?:ssa|n)\b)?")
_YEAR = re.compile(r"20\d\d")  # in every season, month and day phrase
_SPACED_YEAR = re.compile(r"20(?<=\s20)\d\d")  # a year after whitespace: what every season and month phrase ends with
_RUN = re.compile(r"\w+$")  # the run of word characters that ends where a search ends
_LONGEST = max(len(f"{month}kuussa") for month in _MONTHS)  # the longest word of a season or month phrase
_BETWEEN = re.compile(r"(?:[\s:]+[^\W\d_][\w-]*){0,3}[\s:]+$")
_SENTENCE = re.compile(r"(?:[^.!?\n]|[.!?](?=[^\s.!?]))+(?:[.!?]+|$)", re.MULTILINE)
_COMPARISON = re.compile(r"\b(?:verrattuna|vrt|kun|aiemmin|aiempa\w*|edelli\w*)\b", re.IGNORECASE)


class Period(NamedTuple):
    start: int
    end: int
    first: datetime.date
    last: datetime.date


class Quoted(NamedTuple):
    """A count figure and the period phrase that introduces it, in the `sentence`-th sentence."""

    start: int  # the period phrase
    end: int  # the end of the figure
    text: str
    first: datetime.date
    last: datetime.date
    sentence: int


def _season(m: re.Match[str]) -> Period:
    year = int(m.group("year"))
    first, last = _SEASONS[m.group("season").lower()[:4]]
    opening = datetime.date(year - 1, 12, 1) if first == 0 else datetime.date(year, first, 1)
    return Period(m.start(), m.end(), opening, datetime.date(year, last, calendar.monthrange(year, last)[1]))


def _month(m: re.Match[str]) -> Period:
    year, month = int(m.group("year")), _MONTHS.index(m.group("month").lower()) + 1
    days = calendar.monthrange(year, month)[1]
    return Period(m.start(), m.end(), datetime.date(year, month, 1), datetime.date(year, month, days))


def _day(m: re.Match[str]) -> Period | None:
    year, month, day = int(m.group("year")), int(m.group("month")), int(m.group("day"))
    if not facts.valid_date(year, month, day=day):
        return None
    return Period(m.start(), m.end(), datetime.date(year, month, day), datetime.date(year, month, day))


def periods(text: str) -> list[Period]:
    """Every season, month and day phrase of a text."""
    return _phrases(text) if _YEAR.search(text) else []  # every phrase names its year


def _phrases(text: str) -> list[Period]:
    seasons, months = _named(text, _SEASON), _named(text, _MONTH)
    found = [_season(m) for m in seasons] + [_month(m) for m in months]
    found += [p for p in (_day(m) for m in _DAY.finditer(text)) if p is not None]
    return sorted(found)


def _named(text: str, pattern: re.Pattern[str]) -> list[re.Match[str]]:
    """`list(pattern.finditer(text))` for the season and month patterns, tried only before a year: each match is
    a word (letters only, after no word character), whitespace and a year, so it starts where the run of word
    characters before the whitespace before a year starts (`pattern` is tried at the first of the last `_LONGEST`
    of them, and its `\b` fails where the run starts earlier). `re` tries a pattern that starts with `\b` and is
    case-insensitive as a whole at every character; a year after whitespace is rare. Matches cannot overlap: a
    word starts only at the start of a run of word characters, and a match holds one."""
    found = []
    for year in _SPACED_YEAR.finditer(text):
        end = year.start() - 1
        while end and text[end - 1].isspace():  # `\s` is what `str.isspace()` is
            end -= 1
        run = _RUN.search(text, max(0, end - _LONGEST), end)
        if run is not None and (phrase := pattern.match(text, run.start())) is not None:
            found.append(phrase)
    return found


def _sentence_of(starts: list[int], at: int) -> int:
    return bisect.bisect_right(starts, at) - 1


def _introducer(found: list[Period], starts: list[int], text: str, figure: facts.Fraction) -> Period | None:
    """The period phrase right before a figure, with at most three words between."""
    at = bisect.bisect_left(starts, figure.start) - 1
    period = found[at] if at >= 0 else None
    if period is None or period.end > figure.start or not _BETWEEN.fullmatch(text, period.end, figure.start):
        return None
    return period


def quoted(text: str, words: Iterable[str]) -> list[Quoted]:
    """The count figures a period phrase introduces, outside sentences that compare (that mark a comparison
    or also give a figure of no period)."""
    if "/" not in text:
        return []  # no count figure (each has a slash) for a period to introduce
    return facts.once(_quoted, text, tuple(words))


def _quoted(text: str, words: Iterable[str]) -> list[Quoted]:
    counts = facts.counts(text, words)  # the text's scan: most texts have no count for a period to introduce
    found = periods(facts.masked(text)) if counts else []
    if not found:
        return []
    starts = [p.start for p in found]
    figures = [(f, _introducer(found, starts, text, f)) for f in counts]
    if not any(period for _, period in figures):
        return []
    sentences = [(m.start(), bool(_COMPARISON.search(m.group()))) for m in _SENTENCE.finditer(text)]
    opening = [start for start, _ in sentences]
    comparing = {i for i, (_, compares) in enumerate(sentences) if compares}
    comparing |= {_sentence_of(opening, f.start) for f, period in figures if period is None}
    return [
        Quoted(period.start, figure.end, text[period.start : figure.end], period.first, period.last, sentence)
        for figure, period in figures
        if period is not None and (sentence := _sentence_of(opening, figure.start)) not in comparing
    ]
