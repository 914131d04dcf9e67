"""Which kinds of fact a text holds: one bit per kind, read once per text and kept on its scan.

A rule that reads only some kinds passes over a file none of whose texts holds any of them
(`rules/support.py:holds()`, the rule's `NEEDS`), so a file without dates costs the date rules nothing.
A bit is set when the reading of its kind finds something in the text; for the readings that depend on
the population words, when the text has what every fact of them contains whatever the words are (a slash
form's digit and slash; a tally's answer letter and slash form). `tests/test_presence.py` holds every
rule that names its needs to what it finds without them.
"""

from __future__ import annotations

from seuranta.prose import (
    changes,
    contradictions,
    facts,
    notation,
    placeholders,
    pointers,
    proportions,
    respondents,
    tense,
)

DATES = 1 << 0  # facts.dates()
SLASHES = 1 << 1  # facts.fractions(), counts(), month_years(), and what reads them: breakdowns, quoted figures
TALLIES = 1 << 2  # facts.tallies(), and what reads them: survey questions, follow-ups
REFERENCES = 1 << 3  # facts.references()
PERCENTS = 1 << 4  # facts.percents()
PLACEHOLDERS = 1 << 5  # placeholders.placeholders()
NOTATIONS = 1 << 6  # notation.notations()
SEE_ITEMS = 1 << 7  # pointers.see_items()
PORTFOLIO_LISTS = 1 << 8  # pointers.portfolio_lists()
SIZES = 1 << 9  # respondents.sizes()
SHARES = 1 << 10  # proportions.shares()
CLAIMS = 1 << 11  # changes.claims()
CONTRADICTIONS = 1 << 12  # contradictions.contradictions()
START_CLAIMS = 1 << 13  # contradictions.start_claims()
FUTURES = 1 << 14  # tense.futures()


def kinds(text: str) -> int:
    """The bits of the kinds of fact the text holds (once per text while its scan is kept)."""
    return facts.kept(_kinds, text)


def _kinds(text: str) -> int:
    found = DATES if facts.dates(text) else 0
    if facts.may_hold_slashes(text):
        found |= SLASHES | (TALLIES if facts.may_hold_tallies(text) else 0)
    readings = (
        (REFERENCES, facts.references),
        (PERCENTS, facts.percents),
        (PLACEHOLDERS, placeholders.placeholders),
        (NOTATIONS, notation.notations),
        (SEE_ITEMS, pointers.see_items),
        (PORTFOLIO_LISTS, pointers.portfolio_lists),
        (SIZES, respondents.sizes),
        (SHARES, proportions.shares),
        (CLAIMS, changes.claims),
        (CONTRADICTIONS, contradictions.contradictions),
        (START_CLAIMS, contradictions.start_claims),
        (FUTURES, tense.futures),
    )
    for bit, read in readings:
        if read(text):
            found |= bit
    return found
