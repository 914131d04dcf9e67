"""The one parser of dates given on the command line: `2022-11-15` or `15.11.2022`, as ISO `2022-11-15`.

Every option that takes a date (`status add --date`, `summary --round`, `diff --rounds`, …) reads
it here, so a form one accepts every one accepts.
"""

from __future__ import annotations

import datetime
import re

_ISO = re.compile(r"([0-9]{4})-([0-9]{1,2})-([0-9]{1,2})\Z")
_FINNISH = re.compile(r"([0-9]{1,2})\.([0-9]{1,2})\.([0-9]{4})\Z")

FORMS = "2022-11-15, 15.11.2022"


def _calendar(year: int, month: int, day: int) -> str | None:
    """The ISO form of a day in the calendar, or None (31.11.)."""
    try:
        return datetime.date(year, month, day).isoformat()
    except ValueError:
        return None


def iso_date(value: str) -> str | None:
    """2022-11-15 or 15.11.2022 as 2022-11-15, or None when it is neither or not in the calendar."""
    value = value.strip()
    iso, finnish = _ISO.match(value), _FINNISH.match(value)
    if iso:
        year, month, day = (int(part) for part in iso.groups())
    elif finnish:
        day, month, year = (int(part) for part in finnish.groups())
    else:
        return None
    return _calendar(year, month, day)


# Dates as editors write them: 15.11.2022, 15.11.22, 15/11/2022, 2022-11-5, 2022.11.15.
_DAY_FIRST = re.compile(r"\s*([0-9]{1,2})[./-]([0-9]{1,2})[./-]([0-9]{4}|[0-9]{2})\.?\s*\Z")
_YEAR_FIRST = re.compile(r"\s*([0-9]{4})[./-]([0-9]{1,2})[./-]([0-9]{1,2})\.?\s*\Z")


def meant(value: str) -> str | None:
    """The ISO date an editor meant by a day-first or unpadded date ('15.11.22' → '2022-11-15'), or None.
    More lenient than `iso_date` (two-digit years, other separators): for suggesting what to write, never
    for reading an option."""
    day_first, year_first = _DAY_FIRST.match(value), _YEAR_FIRST.match(value)
    if day_first:
        day, month, year = (int(part) for part in day_first.groups())
        year += 2000 if len(day_first.group(3)) == 2 else 0
    elif year_first:
        year, month, day = (int(part) for part in year_first.groups())
    else:
        return None
    return _calendar(year, month, day)
