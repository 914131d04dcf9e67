"""Which kinds of fact a text may hold: one bit per kind, found once per file for each of its texts.

A rule that reads only some kinds passes over a file none of whose texts may hold any of them
(`rules/support.py:holds()`, the rule's `NEEDS`), so a file without dates costs the date rules nothing.
A bit is the test its reader makes before it reads (`may_hold_…()`: what every fact of the kind contains,
a digit, dot and digit for a date, a word for a claimed change), so a text without the bit is one its
reading finds nothing in; the bits cost a few searches of each file, not its readings.

`kinds(text)` makes the tests of one text. `each(texts)` gives the same bits for every text of a file with
each test made once over them all: the texts joined by a line break, their links and addresses blanked once
(no link or address reaches over a line break, so each text is blanked as it is alone) and lowered once. A
search of the joined forms goes from the start of the first text, then from the start of the text after the
one it found something in, so it reads each character once and stops at once in a file without the kind; what
it finds inside a text's span it finds in the text alone (the line break before a text reads as its start to
every lookbehind of the tests, the one after it as its end). A text repeating one tested last is not tested
again. `tests/test_presence_joined.py` holds `each()` to `kinds()` of each text; `tests/test_presence.py` each
bit to its reading, and every rule that names its needs to what it finds without them.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import NamedTuple

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

# --- every text of a file at once -------------------------------------------------------------------------------------

SEPARATOR = "\n"


class Joined(NamedTuple):
    """Texts joined by `SEPARATOR`, as the tests read them: as written, with links and addresses blanked
    (`facts.masked()`), and lowered (each of the same length, so a text has one span in all three); where
    each text starts and ends; and whether they hold a letter that lowering leaves apart (`facts.unlowered()`)."""

    text: str
    clean: str
    lowered: str
    starts: list[int]
    ends: list[int]
    unlowered: bool


def each(texts: Sequence[str]) -> list[int]:
    """`kinds()` of each text, with each test made once over all the texts not among those tested last."""
    held = [_KNOWN.get(text, -1) for text in texts]
    if -1 in held:
        fresh = [at for at, bits in enumerate(held) if bits < 0]
        for at, bits in zip(fresh, _each([texts[at] for at in fresh]), strict=True):
            held[at] = bits
            _KNOWN.keep(texts[at], bits)
    return held


def _each(texts: list[str]) -> list[int]:
    joined = SEPARATOR.join(texts)
    lowered = _lower(joined)
    if len(lowered) != len(joined):  # a letter lowered to two ("İ"): the lowered texts do not line up
        return [_kinds(text) for text in texts]
    starts, ends, start = [], [], 0
    for text in texts:
        starts.append(start)
        start += len(text)
        ends.append(start)
        start += len(SEPARATOR)
    forms = Joined(joined, facts.blanked(joined, lowered), lowered, starts, ends, facts.unlowered(lowered))
    held = [0] * len(texts)
    for bit, holding in _HOLDING:
        for at in holding(forms):
            held[at] |= bit
    return held


def _lower(text: str) -> str:
    """`text.lower()`, by a table of the lowered Latin-1 letters for a text of nothing else (each is lowered to one
    of them): `str.lower()` looks up every character of a text with an "ä" in the tables of all of Unicode."""
    if text.isascii():
        return text.lower()
    try:
        return text.encode("latin-1").translate(_LATIN_1_LOWERED).decode("latin-1")
    except UnicodeEncodeError:
        return text.lower()


_LATIN_1_LOWERED = bytes(ord(chr(code).lower()) for code in range(256))

_KNOWN: facts.Recent[int] = facts.Recent()  # the bits of the texts tested last: a text copied forward is tested once


def _matching(pattern: re.Pattern[str], string: str, forms: Joined) -> Iterator[int]:
    """The texts in whose span of `string` (one of the joined forms) the pattern finds something, in order: one
    search from the start of the first text, then from the start of the text after each that it finds something
    in. A match inside a text's span is one in the text alone: the line break before a text reads as its start to
    every test's lookbehind, and the line break after it as its end to every `\\b`; a match reaching over a text's
    end (an answer letter's space, the line break) is checked in the text's span alone."""
    starts, ends = forms.starts, forms.ends
    last, start = len(starts) - 1, 0
    while (found := pattern.search(string, start)) is not None:
        at = bisect.bisect_right(starts, found.start()) - 1
        if found.end() <= ends[at] or pattern.search(string, starts[at], ends[at]) is not None:
            yield at
        if at == last:
            return
        start = starts[at + 1]


def _finding(word: str, string: str, forms: Joined) -> Iterator[int]:
    """The texts in whose span of `string` the word (with no line break) stands, in order."""
    starts = forms.starts
    last, start = len(starts) - 1, 0
    while (found := string.find(word, start)) >= 0:
        at = bisect.bisect_right(starts, found) - 1
        yield at
        if at == last:
            return
        start = starts[at + 1]


def _has(forms: Joined, at: int, *marks: str) -> bool:
    """Whether one of the marks stands in the text `at` as written."""
    text, start, end = forms.text, forms.starts[at], forms.ends[at]
    return any(text.find(mark, start, end) >= 0 for mark in marks)


# The texts holding each kind, the test of `_TESTS` made on the joined forms (in the same order).


def _dates(forms: Joined) -> Iterable[int]:
    return _matching(facts.DATE_PROBE, forms.clean, forms)


def _slashes(forms: Joined) -> Iterable[int]:
    return _matching(facts.SLASH_PROBE, forms.clean, forms)


def _tallies(forms: Joined) -> Iterable[int]:
    clean, starts, ends = forms.clean, forms.starts, forms.ends
    if "/" not in clean:  # no slash form (its probe starts with a slash), no tally
        return
    for at in _matching(facts.LETTER_PROBE, forms.text, forms):
        if facts.SLASH_PROBE.search(clean, starts[at], ends[at]) is not None:
            yield at


def _references(forms: Joined) -> Iterable[int]:
    """The probe made only where a word it starts with stands in the lowered texts (`_REFERENCE_STARTS`): it
    starts with a class of letters, which `re` cannot skip ahead to, and was tried at every "t", "h", "k" and "v".
    Lowering makes every letter that the probe's IGNORECASE reads as a word's letter that letter, but for a long s
    and a dotless i (an s and an i to IGNORECASE, lowered to themselves; `facts.unlowered()`): with either, the
    probe is made as it is."""
    lowered, clean, starts = forms.lowered, forms.clean, forms.starts
    if forms.unlowered:
        return _matching(facts.REFERENCE_PROBE, clean, forms)
    match, last, found = facts.REFERENCE_PROBE.match, len(starts) - 1, set()
    for pattern in _REFERENCE_STARTS:
        start = 0
        while (word := pattern.search(lowered, start)) is not None:
            start = word.start()
            if match(clean, start) is None:
                start += 1
                continue
            at = bisect.bisect_right(starts, start) - 1
            found.add(at)
            if at == last:
                break
            start = starts[at + 1]
    return sorted(found)


# The words every match of `facts.REFERENCE_PROBE` starts with, lowered, one pattern for each first letter: `re`
# skips ahead to a pattern's first letter as fast as `str.find()` does, but not to one of a class of letters.
_REFERENCE_STARTS = tuple(
    re.compile(words)
    for words in (r"t(?:p|yö(?:paket|laatik)|oimenpi)", r"h(?:ankesalk|s)", r"k(?:t?s\.|atso)", r"v(?:rt\.|ertaa)")
)


def _percents(forms: Joined) -> Iterable[int]:
    """The probe, made only where a per cent sign, "rosent" in any case or a long s (an s of IGNORECASE
    that is not lowered to one) stands: it looks at every "p"."""
    text = forms.text
    if "%" in text or "rosent" in forms.lowered or "\u017f" in text:
        return _matching(facts.PERCENT_PROBE, text, forms)
    return ()


def _notations(forms: Joined) -> Iterable[int]:
    text, starts, ends = forms.text, forms.starts, forms.ends
    point, comma = notation.DECIMAL_PROBES
    found = []
    for at in sorted({*_finding("/", text, forms), *_finding("%", text, forms)}):
        start, end = starts[at], ends[at]
        if point.search(text, start, end) or comma.search(text, start, end):
            found.append(at)
    return found


def _see_items(forms: Joined) -> Iterable[int]:
    return _finding("koh", forms.lowered, forms)


def _portfolio_lists(forms: Joined) -> Iterable[int]:
    if "(" not in forms.text:
        return ()
    return (at for at in _finding("salk", forms.lowered, forms) if _has(forms, at, "("))


def _sizes(forms: Joined) -> Iterable[int]:
    if "=" not in forms.clean:  # what every size holds after its "N", rarer than an "N"
        return ()
    return _matching(respondents.SIZE, forms.clean, forms)


def _shares(forms: Joined) -> Iterable[int]:
    text = forms.text
    if "%" not in text or not any(mark in text for mark in "~≈="):
        return ()
    return (at for at in _finding("%", text, forms) if _has(forms, at, "~", "≈", "="))


def _claims(forms: Joined) -> Iterable[int]:
    """The words in the lowered texts, and every text with a letter that lowering leaves apart from one of them (a
    long s, a dotless i: `changes.may_hold_claims()`)."""
    lowered, text, starts, ends = forms.lowered, forms.text, forms.starts, forms.ends
    found = {*_finding("uutos", lowered, forms), *_finding("tavoite", lowered, forms)}
    if forms.unlowered:
        found.update(at for at in range(len(starts)) if facts.unlowered(text[starts[at] : ends[at]]))
    return sorted(found)


_HOLDING: tuple[tuple[int, Callable[[Joined], Iterable[int]]], ...] = (
    (DATES, _dates),
    (SLASHES, _slashes),
    (TALLIES, _tallies),
    (REFERENCES, _references),
    (PERCENTS, _percents),
    (NOTATIONS, _notations),
    (SEE_ITEMS, _see_items),
    (PORTFOLIO_LISTS, _portfolio_lists),
    (SIZES, _sizes),
    (SHARES, _shares),
    (CLAIMS, _claims),
)
