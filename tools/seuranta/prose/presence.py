"""Which kinds of fact a text may hold: one bit per kind, found once per text and kept on its scan.

A rule that reads only some kinds passes over a file none of whose texts may hold any of them
(`rules/support.py:holds()`, the rule's `NEEDS`), so a file without dates costs the date rules nothing.
A bit is the test its reader makes before it reads (`may_hold_…()`: what every fact of the kind contains,
a digit, dot and digit for a date, a word for a claimed change), so a text without the bit is one its
reading finds nothing in; the bits cost a few searches of each text, not its readings.
`tests/test_presence.py` holds each bit to its reading and every rule that names its needs to what it
finds without them.
"""

from __future__ import annotations

from collections.abc import Callable

from seuranta.prose import (
    changes,
    facts,
    notation,
    pointers,
    proportions,
    respondents,
)

DATES = 1 << 0  # facts.dates()
SLASHES = 1 << 1  # facts.fractions(), counts(), month_years(), and what reads them: breakdowns, quoted figures
TALLIES = 1 << 2  # facts.tallies(), and what reads them: survey questions, follow-ups
REFERENCES = 1 << 3  # facts.references()
PERCENTS = 1 << 4  # facts.percents()
NOTATIONS = 1 << 5  # notation.notations()
SEE_ITEMS = 1 << 6  # pointers.see_items()
PORTFOLIO_LISTS = 1 << 7  # pointers.portfolio_lists()
SIZES = 1 << 8  # respondents.sizes()
SHARES = 1 << 9  # proportions.shares()
CLAIMS = 1 << 10  # changes.claims()


def kinds(text: str) -> int:
    """The bits of the kinds of fact the text may hold (once per text while its scan is kept)."""
    return facts.kept(_kinds, text)


def _kinds(text: str) -> int:
    found = 0
    for bit, may_hold in _TESTS:
        if may_hold(text):
            found |= bit
    return found


_TESTS: tuple[tuple[int, Callable[[str], bool]], ...] = (
    (DATES, facts.may_hold_dates),
    (SLASHES, facts.may_hold_slashes),
    (TALLIES, facts.may_hold_tallies),
    (REFERENCES, facts.may_hold_references),
    (PERCENTS, facts.may_hold_percents),
    (NOTATIONS, notation.may_hold_notations),
    (SEE_ITEMS, pointers.may_hold_see_items),
    (PORTFOLIO_LISTS, pointers.may_hold_portfolio_lists),
    (SIZES, respondents.may_hold_sizes),
    (SHARES, proportions.may_hold_shares),
    (CLAIMS, changes.may_hold_claims),
)
