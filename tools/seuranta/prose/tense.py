"""Dated statements by their tense: what will happen on a date, and what is in place by a date.

- `futures`: a verb in the present-for-future ("julkaistaan 16.3.2021", "alkaa 1.9.2021",
  "järjestetään 3.5.2021") and the full date in the same clause after it;
- `states`: a word of a state already reached ("käytössä", "käyttöönotettu", "valmiina") and the date or
  month/year ("12/22") in the same clause after it.

A deadline ("12/22 mennessä", "asti", "saakka") is neither.
"""

from __future__ import annotations

import bisect
import datetime
import re
from collections.abc import Iterable, Iterator
from typing import NamedTuple, TypeVar

from seuranta.prose import facts

_FUTURE = facts.any_word(
    (
        *("julkaistaan", "järjestetään", "pidetään", "alkaa", "alkavat", "käynnistyy", "käynnistetään"),
        *("aloitetaan", "valmistuu", "valmistuvat", "otetaan käyttöön", "lähetetään", "koulutetaan", "avataan"),
        *("lanseerataan", "päättyy"),
    )
)
_STATE = facts.any_word(("käytössä", "käyttöönotettu", "käyttöön otettu", "valmiina", "voimassa", "toiminnassa"))
_CLAUSE = re.compile(r"[^.;!?\n]{0,40}")
_UNTIL = ("mennessä", "asti", "saakka", "alkaen", "lähtien")
T = TypeVar("T", facts.Date, facts.MonthYear)


class Dated(NamedTuple):
    start: int  # the verb or state word
    end: int  # the end of the date
    text: str
    day: datetime.date  # the date, or the first day of a month/year
    shown: str  # the date as written
    month: bool  # a month/year form rather than a day


class _Found(NamedTuple):
    """A text's dates and (when read) month/year forms, each sorted by where it starts."""

    dates: list[facts.Date]
    months: list[facts.MonthYear]


def _between(items: list[T], start: int, end: int) -> list[T]:
    """The items starting in [start, end), found by bisection in a list sorted by start."""
    at = bisect.bisect_left(items, start, key=lambda item: item.start)
    stop = bisect.bisect_left(items, end, lo=at, key=lambda item: item.start)
    return items[at:stop]


def _after(text: str, start: int, *, found: _Found) -> tuple[int, str, datetime.date, bool] | None:
    window = _CLAUSE.match(text, start)
    end = window.end() if window else start
    dated = [(d.start, d.end, d.text, facts.day_of(d), False) for d in _between(found.dates, start, end)]
    dated += [
        (m.start, m.end, m.text, datetime.date(m.year, m.month, 1), True)
        for m in _between(found.months, start, end)
        if m.valid and m.year >= datetime.MINYEAR  # "1-2/0000" names no calendar month
    ]
    for _, stop, shown, day, month in sorted(dated):
        if day is not None and not text[stop : stop + 10].lstrip().lower().startswith(_UNTIL):
            return stop, shown, day, month
    return None


def _dated(pattern: re.Pattern[str], text: str, *, words: Iterable[str], months: bool) -> Iterator[Dated]:
    if facts.dates(text) or (months and "/" in text):  # else nothing dated for a verb to name (a month has a slash)
        yield from _read(pattern, text, words=words, months=months)


def _read(pattern: re.Pattern[str], text: str, *, words: Iterable[str], months: bool) -> Iterator[Dated]:
    found: _Found | None = None  # read at the first verb
    for m in pattern.finditer(facts.masked(text)):
        found = found or _Found(facts.dates(text), facts.month_years(text, words) if months else [])
        after = _after(text, m.end(), found=found)
        if after is not None:
            stop, shown, day, month = after
            yield Dated(m.start(), stop, text[m.start() : stop], day, shown, month)


def futures(text: str) -> list[Dated]:
    return facts.once(_futures, text)


def _futures(text: str) -> list[Dated]:
    return list(_dated(_FUTURE, text, words=(), months=False))


def states(text: str, words: Iterable[str] = ()) -> list[Dated]:
    return facts.once(_states, text, tuple(words))


def _states(text: str, words: Iterable[str]) -> list[Dated]:
    return list(_dated(_STATE, text, words=tuple(words), months=True))
