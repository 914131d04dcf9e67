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
    try:
        return datetime.date(year, month, day).isoformat()
    except ValueError:
        return None
