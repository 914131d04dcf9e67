"""Facts inside Finnish prose: fractions, percentages, dates, month/year forms, references, tallies.

Small pure functions over one text. Each returns NamedTuples carrying `start`/`end` offsets
into the text and `text`, the exact characters matched, so that rules can place a finding,
`diff` can compare figures between rounds and `extract` can propose observations.

Nothing here knows a programme: the words that name a population (lemmas, or legacy prefix stems)
are passed in; `population.py` says which words they name.
URLs are masked before any scan, so digits inside links are never read as facts.

Public: fractions / counts (Fraction), month_years (MonthYear), percents (Percent), dates (Date,
with checkable / day_of), references (Reference, with normal_number for measure numbers),
tallies (Tally); scan (Scan: each text's facts, read once and shared by every reader of the text);
and the helpers next_word, matches_stem, masked.
"""

from __future__ import annotations

import bisect
import calendar
import collections
import datetime
import re
from collections.abc import Callable, Hashable, Iterable, Iterator
from functools import lru_cache
from typing import Any, NamedTuple, TypeVar

from seuranta.prose import population

COUNT = "count"  # "7/14 organisaatiossa", "8/10 malli"
SCALE = "scale"  # "ka. 3,9/5"
CLOCK = "clock"  # "24/7"
RATE = "rate"  # "5/1000 asukasta"

GROUP = "group"
MEASURE = "measure"
PORTFOLIO = "portfolio"
EXTERNAL = "external"


class Fraction(NamedTuple):
    """`numerator`/`denominator`, with the word after it ("organisaatiossa") when there is one."""

    start: int
    end: int
    text: str
    numerator: int
    denominator: int
    word: str
    kind: str


class Percent(NamedTuple):
    start: int
    end: int
    text: str
    value: float
    signed: bool


class Date(NamedTuple):
    """A day.month[.year] date; `year` is None for "15.2."; `valid` is False for "31.11.2021", "30.421"."""

    start: int
    end: int
    text: str
    day: int
    month: int
    year: int | None
    valid: bool
    malformed: bool = False


class MonthYear(NamedTuple):
    """ "12/21", "3/2021", "1-10/2020": month `first`..`month` of `year`; `valid` when months are 1–12."""

    start: int
    end: int
    text: str
    first: int
    month: int
    year: int
    valid: bool


class Reference(NamedTuple):
    """A cross-reference: a group ("työpaketti 2"), a measure ("tp10", bound to a group or not),
    a portfolio ("HS 2") or an external one ("ks. Innokylä"). Numbers stay as written."""

    start: int
    end: int
    text: str
    kind: str
    group: str | None = None
    measure: str | None = None
    portfolio: str | None = None


class Tally(NamedTuple):
    """Lettered answer counts ("a) … 2/ 23 kuntaa", "b) …") and "Puuttuvia vastauksia N/ D"."""

    start: int
    end: int
    text: str
    answers: tuple[Fraction, ...]
    missing: Fraction | None

    @property
    def total(self) -> int:
        return max(f.denominator for f in self.parts)

    @property
    def counted(self) -> int:
        return sum(f.numerator for f in self.parts)

    @property
    def parts(self) -> tuple[Fraction, ...]:
        return self.answers + ((self.missing,) if self.missing else ())


class Span(NamedTuple):
    start: int
    end: int


# --- shared helpers -------------------------------------------------------------------------

_URL = re.compile(r"(?:https?://|www\.)\S+", re.IGNORECASE)
_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
_WORD = re.compile(r"[ \t]{0,4}([^\W\d_][\w-]*(?:/[^\W\d_][\w-]*)*)")


def urls(text: str) -> list[Span]:
    return [Span(m.start(), m.end()) for m in _URL.finditer(text)]


def _blank(pattern: re.Pattern[str], text: str) -> str:
    return pattern.sub(lambda m: " " * len(m.group()), text)


_LOCAL_RUN = re.compile(r"[\w.+-]*")  # read backwards from an "@": the run of an address's local part


def addresses(pattern: re.Pattern[str], text: str) -> Iterator[re.Match[str]]:
    r"""`pattern.finditer(text)` for a pattern of an address: a run of `[\w.+-]` (the local part), one "@" and
    no other. Each match is tried only where the run before an "@" starts (or where the last match ended),
    instead of at every character: `re` cannot skip ahead to a match that starts with a class of characters,
    and tries the run again from each of its characters. Linear: each stretch between two "@" is read back
    once."""
    end, before = 0, -1
    at = text.find("@")
    while at >= 0:
        low = max(end, before + 1)
        run = _LOCAL_RUN.match(text[low:at][::-1])
        start = at - run.end() if run else at
        found = pattern.match(text, start) if start < at else None
        if found:
            yield found
            end = found.end()
        before = at
        at = text.find("@", max(end, at + 1))


@lru_cache(maxsize=4096)
def without_urls(text: str) -> str:
    """The text with URLs blanked (same length, so offsets hold)."""
    return _without_urls(text, text.lower())


def _without_urls(text: str, lowered: str) -> str:
    return _blank(_URL, text) if "http" in lowered or "www." in lowered else text


@lru_cache(maxsize=4096)
def masked(text: str) -> str:
    """The text with URLs and e-mail addresses blanked: no digits in them are read as facts."""
    text = without_urls(text)
    return _blank_addresses(text) if "@" in text else text


def blanked(text: str, lowered: str) -> str:
    """`masked(text)` of a text whose `lower()` is at hand, not kept: for a text read once, such as the texts of
    a file joined (`prose/presence.py`)."""
    text = _without_urls(text, lowered)
    return _blank_addresses(text) if "@" in text else text


def _blank_addresses(text: str) -> str:
    pieces: list[str] = []
    end = 0
    for start, stop in map(re.Match.span, addresses(_EMAIL, text)):
        pieces += (text[end:start], " " * (stop - start))
        end = stop
    pieces.append(text[end:])
    return "".join(pieces)


def next_word(text: str, end: int) -> str:
    """The word right after offset `end` ("kuntaa" in "8/ 23 kuntaa", "kuntaa/aluetta"), or ""."""
    found = _WORD.match(text, end)
    return found.group(1) if found else ""


def matches_stem(word: str, stems: Iterable[str]) -> bool:
    """Does the word (or one of "kuntaa/aluetta") name one of the population words? A declared lemma
    names its inflected forms exactly, a legacy stem every word starting with it (`population.named`)."""
    return population.named(word, stems)


def _number(text: str) -> float:
    return float(text.replace(",", "."))


class _Taken:
    """Spans already claimed: does a new span overlap one (`start < end` and `other start < other end`)?

    Spans that overlap each other are kept as their union, so the kept spans are disjoint and sorted by
    start and by end alike: one bisection answers, where a scan of every span made a text with many
    facts quadratic. Only spans that overlap none are added later."""

    def __init__(self, spans: Iterable[tuple[int, int]] = ()) -> None:
        self.starts: list[int] = []
        self.ends: list[int] = []
        for start, end in sorted(spans):
            if self.ends and start < self.ends[-1]:
                self.ends[-1] = max(self.ends[-1], end)
            else:
                self.starts.append(start)
                self.ends.append(end)

    def overlaps(self, span: tuple[int, int]) -> bool:
        at = bisect.bisect_right(self.ends, span[0])
        return at < len(self.starts) and self.starts[at] < span[1]

    def add(self, span: tuple[int, int]) -> None:
        """Claim a span that overlaps none already claimed."""
        at = bisect.bisect_left(self.starts, span[0])
        self.starts.insert(at, span[0])
        self.ends.insert(at, span[1])


# --- the fast form of a pattern --------------------------------------------------------------
#
# `re` skips straight to the characters a pattern can start with only when its first item is a
# character or a class of them; a pattern that starts with a lookbehind or `\b` is tried at every
# character. So the patterns a whole text is scanned with start with what they match: "a digit not
# after a letter, digit, dot or comma" is written `\d(?<![\w.,]\d)` (the lookbehind looks at the
# character before the digit; at the start of the text there is none, so it holds), and a `\b` before
# a choice of words is followed by a lookahead for their first letters, which fails fast elsewhere.
# Each fast form finds exactly the matches of its plain form (tests/test_fast_patterns.py).
#
# `re` looks for a pattern's first characters only when the pattern is not case-insensitive as a whole
# (a cased letter under IGNORECASE turns the search off), so a case-insensitive fast form starts with a
# class of its first letter's every case and folds the rest in a scoped `(?i:…)`.

# What a letter matches under IGNORECASE besides its two cases.
_FOLDS = {"i": "\u0130\u0131", "k": "\u212a", "s": "\u017f", "å": "\u212b"}


# The letters IGNORECASE matches to a letter that lowering does not make that letter (a dotted capital I lowers to
# two characters, a dotless i and a long s to themselves): a text holding one may hold a match of a case-insensitive
# pattern that a substring test of the lowered text misses.
_UNLOWERED = "".join(fold for letter, folds in _FOLDS.items() for fold in folds if fold.lower() != letter)


def unlowered(text: str) -> bool:
    """Whether the text holds a letter of `_UNLOWERED` (where a test of the lowered text stands for IGNORECASE)."""
    return any(letter in text for letter in _UNLOWERED)


def cases(letter: str) -> str:
    """Every character that `letter` matches under IGNORECASE, for a character class."""
    return letter.lower() + letter.upper() + _FOLDS.get(letter.lower(), "")


def any_word(words: Iterable[str], *, end: str = r"\b") -> re.Pattern[str]:
    """The fast form of `\\b(?:word|word|…)\\b` (`end` after the words instead of `\\b` when given),
    case-insensitive: the words grouped by their first letter (in their order, so the same one matches), the
    first letter matched by its every case and checked to start a word (`\\b` before a letter is "no word
    character before it")."""
    by_first: dict[str, list[str]] = {}
    for word in words:
        by_first.setdefault(word[0].lower(), []).append(re.escape(word[1:]))
    first = "".join(cases(letter) for letter in by_first)
    rests = "|".join(f"(?<={re.escape(letter)})(?:{'|'.join(rest)})" for letter, rest in by_first.items())
    return re.compile(rf"[{first}](?<!\w[{first}])(?i:{rests}){end}")


# --- slashes: fractions and month/year forms ------------------------------------------------

_RANGE_MY = re.compile(r"(\d(?<![\w/.,-]\d)\d?) ?[-–] ?(\d{1,2})/(\d{4}|\d{2})(?![\w/]|[.,]\d)")
_SLASH = re.compile(
    r"(?P<a>\d(?<![\w/.,]\d)\d*(?:[,.]\d+)?),?(?P<s1> ?)/(?P<s2> ?)(?P<b>\d+(?:[,.]\d+)?)(?![\w/]|[.,]\d)"
)
_DATE_WORDS = ("mennessä", "alkaen", "asti", "saakka", "aikana", "lopussa", "alussa", "loppuun", "jälkeen")
# What stands at the end of the text before a slash form: a scale's word, or a document's; the fast forms of
# `(?:\bka\.?|keskiarvo\w*|arvosana\w*|asteikolla\w*)\s*\(?$` and
# `(?:\bdnro|\bnro|\bnumero|§|lehti|\blaki|\blain|\basetu\w*|\bHE|\bSVL)\.?\s*$`, IGNORECASE (searched in the 16
# characters before every slash form: tried only at a word's first letter instead of at every character).
_SCALE_BEFORE = re.compile(
    rf"[{cases('k')}{cases('a')}](?:(?<!\w[{cases('k')}])(?i:(?<=k)a\.?)"
    r"|(?i:(?<=k)eskiarvo\w*|(?<=a)rvosana\w*|(?<=a)steikolla\w*))(?i:\s*\(?$)"
)
_DOCUMENT_FIRST = "".join(cases(letter) for letter in "dnlahs")
_DOCUMENT_BEFORE = re.compile(
    rf"[{_DOCUMENT_FIRST}§](?:(?<=§)|(?i:(?<=l)ehti)|(?<!\w[{_DOCUMENT_FIRST}])"
    r"(?i:(?<=d)nro|(?<=n)(?:ro|umero)|(?<=l)a(?:ki|in)|(?<=a)setu\w*|(?<=h)e|(?<=s)vl))(?i:\.?\s*$)"
)
_PER = (100, 1000, 10000, 100000)
# What every slash form starts with (a digit, a comma, a space, the slash): a text without it has none. The fast
# form of `\d,? ?/`, found from the slash back (a slash is rarer than a digit).
SLASH_PROBE = re.compile(r"/(?:(?<=\d/)|(?<=\d,/)|(?<=\d /)|(?<=\d, /))")


class _Slash(NamedTuple):
    match: re.Match[str]
    numerator: str
    denominator: str
    spaced: bool


def _year(digits: str) -> int:
    return int(digits) if len(digits) == 4 else 2000 + int(digits)


def _four_digit_year(value: str) -> bool:
    return len(value) == 4 and value.isdigit() and 1900 <= int(value) <= 2099


def _document(before: str) -> bool:
    """ "Lääkärilehti 48/2013", "laki 30/2021", "Dnro 12/2021": an issue or document number."""
    return bool(_DOCUMENT_BEFORE.search(before))


def _month_year_kind(slash: _Slash, word: str, *, stems: Iterable[str], before: str) -> bool:
    """Is "a/b" a month/year form ("3/2021", "12/21 mennessä", "Seurantakysely 4/21")?"""
    a, b = slash.numerator, slash.denominator
    if slash.spaced or not a.isdigit() or not b.isdigit() or len(a) > 2:
        return False
    if _four_digit_year(b):
        return int(a) <= 12 or not _document(before)
    if len(b) != 2 or not 19 <= int(b) <= 29 or matches_stem(word, stems):
        return False
    return 1 <= int(a) <= 12 or word.lower() in _DATE_WORDS


def _fraction_kind(slash: _Slash, *, before: str) -> str | None:
    a, b = slash.numerator, slash.denominator
    if _document(before) or (_four_digit_year(a) and b.isdigit()):
        return None
    if not a.isdigit() or not b.isdigit() or _SCALE_BEFORE.search(before) or "," in slash.match.group():
        return SCALE
    if (int(a), int(b)) == (24, 7):
        return CLOCK
    return RATE if int(b) in _PER else COUNT


def _slash_marks(text: str) -> list[int]:
    """Where each slash with a digit before it stands (a comma or a space may come between), in order."""
    return [m.start() for m in SLASH_PROBE.finditer(text)]


def _slash_forms(text: str, marks: list[int]) -> Iterator[re.Match[str]]:
    """`_SLASH.finditer(text)`, tried only where a slash form can start instead of at every digit: its numerator
    (and a comma) is a run of digits, dots and commas before a slash (and a space) that nothing of them stands
    before, so each slash of `marks` has one place to try, where that run starts."""
    end = 0
    for mark in marks:
        start = mark - 1 if text[mark - 1] == " " else mark
        while start and (text[start - 1] in ".," or text[start - 1].isdecimal()):
            start -= 1
        found = _SLASH.match(text, start) if start >= end else None
        if found:
            yield found
            end = found.end()


def _ranges(text: str, marks: list[int]) -> Iterator[re.Match[str]]:
    """`_RANGE_MY.finditer(text)`, tried only three to seven characters before each slash of `marks` with a dash
    two to four before it: a range is a month, a dash and a month before the slash, spaces allowed around the
    dash."""
    end = 0
    for mark in marks:
        dashes = text[max(0, mark - 4) : mark - 1]
        if "-" not in dashes and "–" not in dashes:
            continue
        for start in range(max(mark - 7, end), mark - 2):
            found = _RANGE_MY.match(text, start)
            if found:
                yield found
                end = found.end()
                break


def _range_month_years(text: str, marks: list[int]) -> list[MonthYear]:
    return [
        _month_year(found, first=int(found.group(1)), month=int(found.group(2)), year=found.group(3))
        for found in _ranges(text, marks)
    ]


def _month_year(found: re.Match[str], *, first: int, month: int, year: str) -> MonthYear:
    valid = 1 <= first <= 12 and 1 <= month <= 12
    return MonthYear(found.start(), found.end(), found.group(), first, month, _year(year), valid)


class _Forms(NamedTuple):
    """What of a text's slash forms the population words do not change (read once per text, whatever the words):
    the month ranges, and each other "a/b" outside them with the word after it and the 16 characters before it."""

    months: list[MonthYear]
    slashes: list[tuple[_Slash, str, str]]


_NO_FORMS = _Forms([], [])


def _forms(text: str) -> _Forms:
    clean = masked(text)
    marks = _slash_marks(clean)
    if not marks:  # `may_hold_slashes()`
        return _NO_FORMS
    months = _range_month_years(clean, marks)
    taken = _Taken((m.start, m.end) for m in months)
    slashes = []
    for found in _slash_forms(clean, marks):
        start, end = found.span()
        if not taken.overlaps((start, end)):
            a, s1, s2, b = found.group("a", "s1", "s2", "b")
            slash = _Slash(found, a, b, bool(s1 or s2))
            slashes.append((slash, next_word(clean, end), clean[max(0, start - 16) : start]))
    return _Forms(months, slashes)


_NO_SLASHES: tuple[tuple[MonthYear, ...], tuple[Fraction, ...]] = ((), ())


def may_hold_slashes(text: str) -> bool:
    """Whether the text (outside links and addresses) has what every fraction and month/year form starts
    with: without it, every reading of slash forms finds nothing, whatever the population words."""
    return SLASH_PROBE.search(masked(text)) is not None


def _classified(text: str, stems: tuple[str, ...]) -> tuple[tuple[MonthYear, ...], tuple[Fraction, ...]]:
    forms: _Forms = kept(_forms, text)  # shared by the readings with other population words
    if forms is _NO_FORMS:
        return _NO_SLASHES
    found: list[Fraction] = []
    short: list[tuple[_Slash, str]] = []  # each "a/b" outside the month ranges read as a month/year form
    for slash, word, before in forms.slashes:
        if _month_year_kind(slash, word, stems=stems, before=before):
            short.append((slash, word))
        elif (kind := _fraction_kind(slash, before=before)) is not None:
            found.append(_fraction(text, slash, word=word, kind=kind))
    return _settled(text, months=list(forms.months), found=found, short=short)


def _settled(
    text: str, *, months: list[MonthYear], found: list[Fraction], short: list[tuple[_Slash, str]]
) -> tuple[tuple[MonthYear, ...], tuple[Fraction, ...]]:
    """ "1/23" is January 2023, unless the same text counts out of 23 ("22/23"): then it is a count too."""
    denominators = {f.denominator for f in found if f.kind == COUNT}
    for slash, word in short:
        if len(slash.denominator) == 2 and int(slash.denominator) in denominators:
            found.append(_fraction(text, slash, word=word, kind=COUNT))
        else:
            month = int(slash.numerator)
            months.append(_month_year(slash.match, first=month, month=month, year=slash.denominator))
    return (tuple(sorted(months)), tuple(sorted(found))) if months or found else _NO_SLASHES


def _fraction(text: str, slash: _Slash, *, word: str, kind: str) -> Fraction:
    start = slash.match.start()
    end = text.index(word, slash.match.end()) + len(word) if word else slash.match.end()
    a, b = slash.numerator, slash.denominator
    numbers = (int(a), int(b)) if kind != SCALE else (0, 0)
    return Fraction(start, end, text[start:end], numbers[0], numbers[1], word, kind)


def fractions(text: str, stems: Iterable[str] = ()) -> list[Fraction]:
    """Every "a/b" that is not a month/year form, with its kind and the word after it.

    `stems` are the population word stems: "4/21 kunnassa" is a fraction, "4/21" a month."""
    return list(_KEPT[text].slashes(tuple(stems))[1])


def counts(text: str, stems: Iterable[str] = ()) -> list[Fraction]:
    """Only the count fractions ("7/14 organisaatiossa"): no scales, 24/7 or rates."""
    return list(_KEPT[text].counts(tuple(stems)))


def month_years(text: str, stems: Iterable[str] = ()) -> list[MonthYear]:
    """Month/year forms: "12/21 mennessä", "1-10/2020", "Seurantakysely 4/21", "(11/2020-1/2021)"."""
    return list(_KEPT[text].slashes(tuple(stems))[0])


# --- percentages ----------------------------------------------------------------------------

_PERCENT = re.compile(
    r"(?=[+±−\d-])(?<![\w.,])(?P<sign>(?<![\w])(?<!\d )[+±−-] ?)?(?P<value>\d+(?:[,.]\d+)?) ?(?:%|prosent\w*)",
    re.IGNORECASE,
)


PERCENT_PROBE = re.compile(r"[%pP](?:(?<=%)|(?i:rosent))")  # what every percentage ends with (fast form)


def percents(text: str) -> list[Percent]:
    """ "49,2%", "45 %", "95%:sti", "12 prosenttia", "+5 %" (signed: a change, not a share)."""
    return list(_KEPT[text].percents())


def may_hold_percents(text: str) -> bool:
    """Whether the text has what every percentage ends with: without it, `percents()` finds none."""
    return PERCENT_PROBE.search(text) is not None


def _percents(text: str) -> tuple[Percent, ...]:
    if not may_hold_percents(text):
        return ()
    return tuple(
        Percent(m.start(), m.end(), m.group(), _number(m.group("value")), bool(m.group("sign")))
        for m in _PERCENT.finditer(masked(text))
    )


# --- dates ----------------------------------------------------------------------------------

_FULL = re.compile(r"(\d(?<![\w.,]\d)\d?)\.(\d{1,2})\.(?:(\d{4})|(\d{2})| (\d{4}))(?!\w|[.,]\d)")
_BROKEN = re.compile(r"(\d(?<![\w.,]\d)\d?)\.(\d)(\d{2})(?!\w|[.,]\d)(?! ?(?:€|e\b|eur|asiak|henk|käyn|kpl|hlö))")
_RANGE_START = re.compile(r"(\d(?<![\w.,]\d)\d?)\.(\d{1,2})\.?(?= ?[-–] ?\d{1,2}\.\d)")
# `\d\.\d`, in every date form, found from the dot (rarer than a digit): a text without it has no date.
DATE_PROBE = re.compile(r"\.(?<=\d\.)\d")
_PARTIAL = re.compile(r"(\d(?<![\w.,]\d)\d?)\.(\d{1,2})\.(?!\d| \d{4})")


def valid_date(year: int, month: int, *, day: int) -> bool:
    try:
        datetime.date(year, month, day)
    except ValueError:
        return False
    return True


def _dotted(pattern: re.Pattern[str], text: str, dots: list[int]) -> Iterator[re.Match[str]]:
    """`pattern.finditer(text)` for a date pattern, tried only where a match can start: every match of one
    starts with one or two digits, a dot and a digit, so one or two characters before a dot between two digits
    (`dots`, in order) instead of at every digit. A match ends after its dot, so each dot is tried once."""
    end = 0
    for dot in dots:
        for start in (dot - 2, dot - 1):
            if start >= end:
                found = pattern.match(text, start)
                if found:
                    yield found
                    end = found.end()


def _dots(text: str) -> list[int]:
    """Where a dot stands between two digits, in order."""
    return [m.start() for m in DATE_PROBE.finditer(text)]


def _full_dates(text: str, dots: list[int]) -> Iterator[Date]:
    for m in _dotted(_FULL, text, dots):
        four = m.group(3) or m.group(5)
        year = int(four) if four else 2000 + int(m.group(4))
        day, month = int(m.group(1)), int(m.group(2))
        yield Date(m.start(), m.end(), m.group(), day, month, year, valid_date(year, month, day=day))


def _broken_dates(text: str, dots: list[int]) -> Iterator[Date]:
    """ "30.421": a day, a month and a two-digit year run together (19–29 only)."""
    for m in _dotted(_BROKEN, text, dots):
        day, month, year = int(m.group(1)), int(m.group(2)), int(m.group(3))
        if 1 <= day <= 31 and 19 <= year <= 29:
            yield Date(m.start(), m.end(), m.group(), day, month, 2000 + year, False, malformed=True)


def _partial(m: re.Match[str]) -> Date:
    day, month = int(m.group(1)), int(m.group(2))
    valid = 1 <= month <= 12 and 1 <= day <= calendar.monthrange(2024, month)[1]
    return Date(m.start(), m.end(), m.group(), day, month, None, valid)


def dates(text: str) -> list[Date]:
    """ "15.11.2020", "8.11.2021", "11.2. 2021", "15.2.21", "15.2." (no year), "15.4-…", and "30.421"."""
    return list(_KEPT[text].dates())


def may_hold_dates(text: str) -> bool:
    """Whether the text (outside links and addresses) has what every date form contains: without it,
    `dates()` finds none."""
    return DATE_PROBE.search(masked(text)) is not None


def _dates(text: str) -> tuple[Date, ...]:
    clean = masked(text)
    dots = _dots(clean)
    if not dots:  # `may_hold_dates()`
        return ()
    found: list[Date] = list(_full_dates(clean, dots)) + list(_broken_dates(clean, dots))
    taken = _Taken((d.start, d.end) for d in found)
    for pattern in (_RANGE_START, _PARTIAL):
        for m in _dotted(pattern, clean, dots):
            if not taken.overlaps(m.span()):
                found.append(_partial(m))
                taken.add(m.span())
    return tuple(sorted(found))


def checkable(date: Date) -> bool:
    """Whether a date's validity says anything: "1.13." is a section number, not a bad date."""
    if date.year is not None or date.malformed:
        return True
    return 1 <= date.month <= 12 and 1 <= date.day <= 31


def day_of(date: Date) -> datetime.date | None:
    """The calendar day of a date that has a year and exists."""
    return datetime.date(date.year, date.month, date.day) if date.year is not None and date.valid else None


def days(text: str) -> Iterator[str]:
    """The calendar days of the text's dates (`day_of()`), in ISO form, as a round's date is written."""
    for date in dates(text):
        day = day_of(date)
        if day is not None:
            yield day.isoformat()


# --- references -----------------------------------------------------------------------------

_N = r"\d{1,2}(?![\d]|\.\d|,\d)"
_LIST = rf"({_N}(?:(?: ?, ?| ja | ?& ?| ?\+ ?| ?[-–] ?){_N})*)"
_GROUP_REF = re.compile(rf"\btyö(?:paket|laatik)\w* ?{_LIST}\)?", re.IGNORECASE)
_MEASURE_REF = re.compile(rf"(?:\btp\b\.? ?|\btp(?=\d)|\btoimenpi(?:de|tee)\w* ){_LIST}(?: ?([a-h])\))?", re.IGNORECASE)
_PORTFOLIO_REF = re.compile(rf"(?:\bhankesalk\w* ?|\bhs ?){_LIST}", re.IGNORECASE)
_POINTER = re.compile(r"[^.;)\n]{0,60}")
_SEE = re.compile(r"\b(?=[kv])(?:(?:kts|ks|vrt)\.|(?:katso|vertaa)\b)", re.IGNORECASE)
# How every reference starts, in one alternation: a text without any has no reference.
_FIRST = f"[{cases('t')}{cases('h')}{cases('k')}{cases('v')}]"  # a reference's first letter, in every case
REFERENCE_PROBE = re.compile(  # the fast form of \b(?:työ(?:paket|laatik)|tp|…|(?:katso|vertaa)\b), IGNORECASE
    rf"{_FIRST}(?<!\w{_FIRST})(?i:(?<=t)(?:yö(?:paket|laatik)|p|oimenpi(?:de|tee))|(?<=h)(?:ankesalk|s)"
    r"|(?<=k)(?:ts\.|s\.|atso\b)|(?<=v)(?:rt\.|ertaa\b))"
)
_BINDS = re.compile(r"[ ,.:;)–-]{0,4}$")
_NUMBERS = re.compile(r"\d+")


def _listed(numbers: str) -> list[str]:
    return _NUMBERS.findall(numbers)


def _started(pattern: re.Pattern[str], text: str, starts: list[int]) -> Iterator[re.Match[str]]:
    """`pattern.finditer(text)` for a pattern of references, tried only where a reference starts (`starts`, in
    order: where `REFERENCE_PROBE` finds something) instead of at every character: each pattern starts with a
    word boundary and a word the probe finds there."""
    end = 0
    for start in starts:
        if start >= end and (found := pattern.match(text, start)) is not None:
            yield found
            end = found.end()


def _refs(pattern: re.Pattern[str], text: str, starts: list[int], *, kind: str) -> Iterator[Reference]:
    for m in _started(pattern, text, starts):
        suffix = (m.group(2) or "") if pattern.groups >= 2 else ""
        for number in _listed(m.group(1)):
            fields = {kind: number + suffix.lower()}
            yield Reference(m.start(), m.end(), m.group().rstrip(), kind, **fields)


def _bound(refs: list[Reference], text: str) -> list[Reference]:
    """A measure reference right after a group reference names a measure of that group."""
    groups = [r for r in refs if r.kind == GROUP]
    ends = [g.end for g in groups]  # group matches do not overlap, so their ends are sorted
    result: list[Reference] = []
    for ref in refs:
        owner = _owner(groups, ends, ref, text)
        if ref.kind == MEASURE and owner is not None:
            start = owner.start
            ref = ref._replace(start=start, text=text[start : ref.end].rstrip(), group=owner.group)
        result.append(ref)
    return result


def _owner(groups: list[Reference], ends: list[int], ref: Reference, text: str) -> Reference | None:
    """The last group reference ending before `ref` with only binding characters between (at most four
    and a line break, so no earlier group can bind: the group reference between stands in the way)."""
    at = bisect.bisect_right(ends, ref.start)
    if not at or ref.start - ends[at - 1] > 5:
        return None
    group = groups[at - 1]
    return group if _BINDS.match(text[group.end : ref.start]) else None


def _externals(text: str, taken: _Taken, starts: list[int]) -> Iterator[Reference]:
    """ "ks. Innokylä", "(ks. hankkeen valmistelumateriaali)": a pointer with no known target."""
    for m in _started(_SEE, text, starts):
        end = _POINTER.match(text, m.end()).end()  # type: ignore[union-attr]
        if not taken.overlaps((m.end(), end)):
            yield Reference(m.start(), end, text[m.start() : end].strip(), EXTERNAL)


def references(text: str) -> list[Reference]:
    """Group, measure and portfolio references, bound together ("Työpaketti 15, tp.4"), plus externals."""
    return list(_KEPT[text].references())


def may_hold_references(text: str) -> bool:
    """Whether the text (outside links and addresses) has how some reference starts: without it,
    `references()` finds none."""
    return REFERENCE_PROBE.search(masked(text)) is not None


def _references(text: str) -> tuple[Reference, ...]:
    clean = masked(text)
    starts = [m.start() for m in REFERENCE_PROBE.finditer(clean)]  # `may_hold_references()`: none, no reference
    if not starts:
        return ()
    refs = sorted(
        r
        for p, k in ((_GROUP_REF, GROUP), (_MEASURE_REF, MEASURE), (_PORTFOLIO_REF, PORTFOLIO))
        for r in _refs(p, clean, starts, kind=k)
    )
    bound = _bound(refs, clean)
    taken = _Taken((r.start, r.end) for r in bound)
    return tuple(sorted(bound + list(_externals(clean, taken, starts))))


@lru_cache(maxsize=4096)
def normal_number(number: str) -> str:
    """ "Tp. 5." → "5", "Tp 4 b)" → "4b", "1.2" → "1.2", "Toimenpide 3" → "3" (once per distinct number while it
    is among those asked last: every reference and every measure's number is normalised)."""
    text = re.sub(r"^\s*(?:toimenpide|tp)\.?", "", number.strip(), flags=re.IGNORECASE)
    text = re.sub(r"[\s()]", "", text).strip(".").lower()
    return re.sub(r"\.(?=[a-z]$)", "", text)


# --- tallies --------------------------------------------------------------------------------

# An answer letter at the start of a line or after a space: the fast form of `(?:(?<=\s)|^)\(?([a-h])\)\s`
# (MULTILINE), whose start is "not after anything but a space".
_LETTER = re.compile(r"(?=[(a-h])(?<!\S)\(?([a-h])\)\s")
# `[a-h]\)\s`, found from the parenthesis (rarer than a letter): a tally needs answer letters.
LETTER_PROBE = re.compile(r"\)(?<=[a-h]\))\s")
_MISSING = re.compile(r"puuttuv\w* vastauks\w*:? ?", re.IGNORECASE)


def _letters(text: str, pos: int = 0) -> Iterator[re.Match[str]]:
    """`_LETTER.finditer(text, pos)`, tried only where `LETTER_PROBE` finds a letter's parenthesis and space (from
    the parenthesis, which `re` skips to): `_LETTER`'s lookahead at its start has it tried at every character. A
    letter's match starts at its opening parenthesis, or at the letter when there is none (a letter after a
    parenthesis stands after no space), so at most one match ends at each parenthesis the probe finds."""
    for probe in LETTER_PROBE.finditer(text, pos + 1):
        at = probe.start()
        found = _LETTER.match(text, at - 2) if at - 2 >= pos and text[at - 2] == "(" else _LETTER.match(text, at - 1)
        if found is not None:
            yield found


def _runs(text: str) -> Iterator[list[re.Match[str]]]:
    """Runs of consecutive answer letters a), b), c) …; a new "a)" starts a new run."""
    run: list[re.Match[str]] = []
    for m in _letters(text):
        letter = m.group(1).lower()
        if run and ord(letter) == ord(run[-1].group(1).lower()) + 1:
            run.append(m)
            continue
        if len(run) >= 2:
            yield run
        run = [m] if letter == "a" else []
    if len(run) >= 2:
        yield run


def _first_count(items: list[Fraction], *, start: int, end: int) -> Fraction | None:
    """The first count starting in [start, end) (`items` are sorted by start)."""
    at = bisect.bisect_left(items, start, key=lambda f: f.start)
    return items[at] if at < len(items) and items[at].start < end else None


def _ends(text: str, run: list[re.Match[str]]) -> tuple[list[int], re.Match[str] | None]:
    """Where each answer ends (at the next letter, the missing count or the next run), and the missing count."""
    following = next(_letters(text, run[-1].end()), None)
    ends = [m.start() for m in run[1:]] + [following.start() if following else len(text)]
    missing_at = _MISSING.search(text, run[-1].end(), ends[-1])
    return ([*ends[:-1], missing_at.start()], missing_at) if missing_at else (ends, None)


def _tally(text: str, run: list[re.Match[str]], *, items: list[Fraction]) -> Tally | None:
    ends, missing_at = _ends(text, run)
    answers = tuple(_first_count(items, start=m.end(), end=end) for m, end in zip(run, ends, strict=True))
    found = tuple(a for a in answers if a is not None)
    if len(found) < len(answers):
        return None
    missing = _first_count(items, start=missing_at.end(), end=missing_at.end() + 12) if missing_at else None
    end = (missing or found[-1]).end
    return Tally(run[0].start(), end, text[run[0].start() : end], found, missing)


def may_hold_tallies(text: str) -> bool:
    """Whether the text has answer letters and a slash form: a tally's answers are counts ("a) … 2/ 23 kuntaa"),
    so without both it has none, whatever the population words."""
    return LETTER_PROBE.search(text) is not None and may_hold_slashes(text)


def tallies(text: str, stems: Iterable[str] = ()) -> list[Tally]:
    """Lettered answers each with a count, and the "Puuttuvia vastauksia" count when given."""
    return list(_KEPT[text].tallies(tuple(stems)))


def _tallies(text: str, items: list[Fraction]) -> tuple[Tally, ...]:
    found = (_tally(text, run, items=items) for run in _runs(text))
    return tuple(t for t in found if t is not None)


# --- one reading per text -------------------------------------------------------------------

Slashes = tuple[tuple[MonthYear, ...], tuple[Fraction, ...]]


class Scan(dict[Hashable, Any]):
    """The facts of one text, each kind read from it once: the first reader of a kind (a rule, `extract`,
    `diff`, the report) finds it, every later reader of the same text shares it. The slash forms and
    the tallies depend on the population words, so they are kept per tuple of words. A scan is the dictionary
    of what was read from the text, keyed by the reading (a function, or a function and its arguments): empty
    until its first reading, since thousands of scans are kept at once, and one lookup for every later one."""

    __slots__ = ("text",)

    def __init__(self, text: str) -> None:
        self.text = text

    def dates(self) -> tuple[Date, ...]:
        found: tuple[Date, ...] | None = self.get(_dates)
        if found is None:
            found = self[_dates] = _dates(self.text)
        return found

    def percents(self) -> tuple[Percent, ...]:
        found: tuple[Percent, ...] | None = self.get(_percents)
        if found is None:
            found = self[_percents] = _percents(self.text)
        return found

    def references(self) -> tuple[Reference, ...]:
        found: tuple[Reference, ...] | None = self.get(_references)
        if found is None:
            found = self[_references] = _references(self.text)
        return found

    def slashes(self, stems: tuple[str, ...]) -> Slashes:
        """The month/year forms and the fractions, each sorted."""
        key = (_classified, stems)
        found: Slashes | None = self.get(key)
        if found is None:
            found = self[key] = _classified(self.text, stems)
        return found

    def counts(self, stems: tuple[str, ...]) -> tuple[Fraction, ...]:
        key = (_counts_of, stems)
        found: tuple[Fraction, ...] | None = self.get(key)
        if found is None:
            found = self[key] = _counts_of(self.slashes(stems)[1])
        return found

    def tallies(self, stems: tuple[str, ...]) -> tuple[Tally, ...]:
        key = (_tallies, stems)
        found: tuple[Tally, ...] | None = self.get(key)
        if found is None:
            probed = may_hold_tallies(self.text)
            found = self[key] = _tallies(self.text, list(self.counts(stems))) if probed else ()
        return found


def _counts_of(fractions: tuple[Fraction, ...]) -> tuple[Fraction, ...]:
    return tuple(f for f in fractions if f.kind == COUNT)


T = TypeVar("T")
V = TypeVar("V")


_UNREAD: Any = object()  # what a scan holds for a reading not yet made (no reading gives it)


def kept(find: Callable[..., T], text: str, *args: Hashable) -> T:
    """`find(text, *args)`: what another module reads from the whole text (placeholders, tenses, claimed
    changes …), found by its first reader and shared like the facts while the text's scan is kept. Every
    reader gets the same value: for a value no reader changes (`once()` hands out lists). A reading is kept
    under the function alone when it has no more arguments than the text."""
    read = _KEPT[text]
    key = (find, *args) if args else find
    found: T = read.get(key, _UNREAD)
    if found is _UNREAD:
        found = read[key] = find(text, *args)
    return found


def lowered(text: str) -> str:
    """`text.lower()`, made once per text while its scan is kept: several tests of the kinds of fact look for
    a word in it."""
    return kept(str.lower, text)


def once(find: Callable[..., list[T]], text: str, *args: Hashable) -> list[T]:
    """`kept()` of a reading that is a list: each reader gets its own list. It is kept as a tuple (an empty
    one is the one empty tuple), which takes less room than the list."""
    read = _KEPT[text]
    key = (find, *args) if args else find
    found: tuple[T, ...] | None = read.get(key)
    if found is None:
        found = read[key] = tuple(find(text, *args))
    return list(found)


class Recent(collections.OrderedDict[str, V]):
    """What was found of the texts read last, at most `KEPT` of them and `CHARS` characters in all (the first
    read go first): every prose text of one file, and the texts that repeat from file to file, while a long run
    holds no more. A text read again is one dictionary lookup."""

    chars = 0

    def keep(self, text: str, value: V) -> V:
        self[text] = value
        self.chars += len(text)
        if len(self) > KEPT or self.chars > CHARS:
            self._evict()
        return value

    def _evict(self) -> None:
        """Forget the texts read first until at most `KEPT` and `CHARS` are kept (the last one always is)."""
        while len(self) > KEPT or (self.chars > CHARS and len(self) > 1):
            self.chars -= len(self.popitem(last=False)[0])

    def forget(self) -> None:
        """Forget every text."""
        self.clear()
        self.chars = 0

    @property
    def cache_clear(self) -> Callable[[], None]:
        """`forget`, by the name of `functools.lru_cache`'s: what starts a benchmark cold calls it (on what is
        kept, not on its class)."""
        return self.forget


class _Kept(Recent[Scan]):
    """The scans of the texts read last."""

    def __missing__(self, text: str) -> Scan:
        return self.keep(text, Scan(text))


KEPT = 8192  # every text of a file, and the texts that repeat from file to file (a status copied forward)
CHARS = 1 << 22  # four times the largest file the loader reads by default, so one file's texts fit
_KEPT = _Kept()


def scan(text: str) -> Scan:
    """The text's `Scan`: the same one for every reader while the text is among those read last."""
    return _KEPT[text]
