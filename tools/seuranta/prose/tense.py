"""Dated statements by their tense: what will happen on a date, and what is in place by a date.

- `futures`: a verb in the present-for-future ("julkaistaan 16.3.2021", "alkaa 1.9.2021",
  "järjestetään 3.5.2021") and the full date in the same clause after it;
- `states`: a word of a state already reached ("käytössä", "käyttöönotettu", "valmiina") and the date or
  month/year ("12/22") in the same clause after it.

A deadline ("12/22 mennessä", "asti", "saakka") is neither.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Iterable, Iterator
from typing import NamedTuple

from seuranta.prose import facts

_FUTURE = re.compile(
    r"\b(?:julkaistaan|järjestetään|pidetään|alkaa|alkavat|käynnistyy|käynnistetään|aloitetaan|valmistuu|"
    r"valmistuvat|otetaan käyttöön|lähetetään|koulutetaan|avataan|lanseerataan|päättyy)\b",
    re.IGNORECASE,
)
_STATE = re.compile(r"\b(?:käytössä|käyttöönotettu|käyttöön otettu|valmiina|voimassa|toiminnassa)\b", re.IGNORECASE)
_CLAUSE = re.compile(r"[^.;!?\n]{0,40}")
_UNTIL = ("mennessä", "asti", "saakka", "alkaen", "lähtien")


class Dated(NamedTuple):
    start: int  # the verb or state word
    end: int  # the end of the date
    text: str
    day: datetime.date  # the date, or the first day of a month/year
    shown: str  # the date as written
    month: bool  # a month/year form rather than a day


def _after(text: str, start: int, *, words: Iterable[str], months: bool) -> tuple[int, str, datetime.date, bool] | None:
    window = _CLAUSE.match(text, start)
    end = window.end() if window else start
    dated = [(d.start, d.end, d.text, facts.day_of(d), False) for d in facts.dates(text) if start <= d.start < end]
    if months:
        dated += [
            (m.start, m.end, m.text, datetime.date(m.year, m.month, 1), True)
            for m in facts.month_years(text, words)
            if m.valid and start <= m.start < end
        ]
    for _, stop, shown, day, month in sorted(dated):
        if day is not None and not text[stop : stop + 10].lstrip().lower().startswith(_UNTIL):
            return stop, shown, day, month
    return None


def _dated(pattern: re.Pattern[str], text: str, *, words: Iterable[str], months: bool) -> Iterator[Dated]:
    for m in pattern.finditer(facts.masked(text)):
        found = _after(text, m.end(), words=words, months=months)
        if found is not None:
            stop, shown, day, month = found
            yield Dated(m.start(), stop, text[m.start() : stop], day, shown, month)


def futures(text: str) -> list[Dated]:
    return list(_dated(_FUTURE, text, words=(), months=False))


def states(text: str, words: Iterable[str] = ()) -> list[Dated]:
    return list(_dated(_STATE, text, words=tuple(words), months=True))
