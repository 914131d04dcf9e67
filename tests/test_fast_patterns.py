"""The fast form of each pattern a whole text is scanned with finds exactly what its plain form finds.

The fast forms start with what they match, so that `re` skips to where a match can start
(prose/facts.py, "the fast form of a pattern"); their plain forms, as first written, are kept here.
Both are run over every string of the shipped data and over generated text made of what the patterns
look at (digits, separators, the words they know, letters that fold to ASCII under IGNORECASE), and
must give the same matches: the same spans and the same groups.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import REPO
from seuranta.prose import (
    breakdowns,
    contradictions,
    facts,
    notation,
    periods,
    personal,
    placeholders,
    resemblance,
    respondents,
    tense,
)
from seuranta.rules import date_after_round, portfolio_mismatch

_I = re.IGNORECASE
_SPACE = "[ \u00a0\u2009\u202f]"
_SIGNS = "+A-FU-Ya-fu-y\\-\u2010\u2011\u2012\u2013\u2014\u2212\ufe63\uff0d"

PLAIN: dict[str, tuple[re.Pattern[str], re.Pattern[str]]] = {
    "month/year range": (
        re.compile(r"(?<![\w/.,-])(\d{1,2}) ?[-–] ?(\d{1,2})/(\d{4}|\d{2})(?![\w/]|[.,]\d)"),
        facts._RANGE_MY,
    ),
    "slash": (
        re.compile(r"(?<![\w/.,])(?P<a>\d+(?:[,.]\d+)?),?(?P<s1> ?)/(?P<s2> ?)(?P<b>\d+(?:[,.]\d+)?)(?![\w/]|[.,]\d)"),
        facts._SLASH,
    ),
    "full date": (
        re.compile(r"(?<![\w.,])(\d{1,2})\.(\d{1,2})\.(?:(\d{4})|(\d{2})| (\d{4}))(?!\w|[.,]\d)"),
        facts._FULL,
    ),
    "broken date": (
        re.compile(r"(?<![\w.,])(\d{1,2})\.(\d)(\d{2})(?!\w|[.,]\d)(?! ?(?:€|e\b|eur|asiak|henk|käyn|kpl|hlö))"),
        facts._BROKEN,
    ),
    "range start": (
        re.compile(r"(?<![\w.,])(\d{1,2})\.(\d{1,2})\.?(?= ?[-–] ?\d{1,2}\.\d)"),
        facts._RANGE_START,
    ),
    "partial date": (re.compile(r"(?<![\w.,])(\d{1,2})\.(\d{1,2})\.(?!\d| \d{4})"), facts._PARTIAL),
    "percent": (
        re.compile(r"(?<![\w.,])(?P<sign>(?<![\w])(?<!\d )[+±−-] ?)?(?P<value>\d+(?:[,.]\d+)?) ?(?:%|prosent\w*)", _I),
        facts._PERCENT,
    ),
    "reference probe": (
        re.compile(
            r"\btyö(?:paket|laatik)|\btp|\btoimenpi(?:de|tee)|\bhankesalk|\bhs|\b(?:kts|ks|vrt)\.|\b(?:katso|vertaa)\b",
            _I,
        ),
        facts.REFERENCE_PROBE,
    ),
    "see": (re.compile(r"\b(?:kts|ks|vrt)\.|\b(?:katso|vertaa)\b", _I), facts._SEE),
    "percent probe": (re.compile(r"%|prosent", _I), facts.PERCENT_PROBE),
    "state word": (
        re.compile(r"\b(?:käytössä|käyttöönotettu|käyttöön otettu|valmiina|voimassa|toiminnassa)\b", _I),
        tense._STATE,
    ),
    "unit-less figure": (
        re.compile(
            r"\b\d+ ?(?:(?:vrk|pv|pvä|vko|kk):?ss[aä]|päivässä|viikossa|kuukaudessa|tunnissa|vuorokaudessa) "
            r"(\d{1,3}(?:,\d+)?)\.(?=\s|$)",
            _I,
        ),
        placeholders._BARE,
    ),
    "future verb": (
        re.compile(
            r"\b(?:julkaistaan|järjestetään|pidetään|alkaa|alkavat|käynnistyy|käynnistetään|aloitetaan|valmistuu|"
            r"valmistuvat|otetaan käyttöön|lähetetään|koulutetaan|avataan|lanseerataan|päättyy)\b",
            _I,
        ),
        tense._FUTURE,
    ),
    "past verb": (
        re.compile(
            r"\b(?:valmistui|valmistuivat|valmistunut|valmistuneet|julkaistiin|julkaistu|hyväksyttiin|hyväksytty|"
            r"pidettiin|pidetty|järjestettiin|järjestetty|toteutettiin|toteutettu|toteutui|toteutuivat|käynnistyi|"
            r"käynnistyivät|käynnistettiin|käynnistetty|aloitettiin|aloitettu|päättyi|allekirjoitettiin|allekirjoitettu|"
            r"lanseerattiin|lanseerattu|otettiin käyttöön|otettu käyttöön)\b",
            _I,
        ),
        date_after_round._DONE,
    ),
    "bare count": (re.compile(r"(?<![\w/.,:+\-–])(\d{1,3}) (?=[a-zåäö])"), breakdowns._COUNT),
    "henkilötunnus": (
        re.compile(
            rf"(?<![0-9])([0-9]{{6}})({_SPACE}{{0,2}}[{_SIGNS}]{_SPACE}{{0,2}}|{_SPACE}{{1,2}})"
            rf"([0-9]{{3}})({_SPACE}?)([0-9A-Ya-y])(?![0-9])"
        ),
        personal.HETU_PATTERN,
    ),
    "phone": (
        re.compile(r"(?<![\w+/.,-])(?:\+358[ -]?\(?0?\)?|\(?0)\d{1,3}\)?(?:[ -]?\d){5,8}(?![\w/]|[.,]\d)"),
        personal.PHONE_PATTERN,
    ),
    "digit run": (re.compile(r"\d+"), resemblance._DIGITS),
    "stray separator": (re.compile(r"(?<![\d.,])(\d+[.,]\d+)[.,] ?(/ ?\d+|%)"), notation._STRAY),
    "decimal point": (
        re.compile(r"(?<![\d.,])(\d{1,3})\.(\d{1,2})( ?(?:%|/ ?\d{1,3}(?![\d.])))"),
        notation._POINT,
    ),
    "respondents size": (re.compile(r"(?<![\w])N ?= ?(\d+)"), respondents.SIZE),
    "period day": (
        re.compile(
            r"(?<![\d.])(?P<day>\d{1,2})\.(?P<month>\d{1,2})\.(?P<year>20\d\d)(?!\d)(?:\s+tilantee(?:ssa|n)\b)?"
        ),
        periods._DAY,
    ),
    "start reported done": (
        re.compile(
            r"\b(?:aloit(?:ettu|ettiin|u|ti|tanut|taneet)|alko(?:i|ivat)|alkan(?:ut|eet)"
            r"|käynnist(?:etty|ettiin|yi|yivät|ynyt|yneet|i|änyt|äneet))\b",
            _I,
        ),
        contradictions._DONE,
    ),
    "answer letter": (re.compile(r"(?:(?<=\s)|^)\(?([a-h])\)\s", re.MULTILINE), facts._LETTER),
    "negated start": (
        re.compile(r"\bei\s+(?:ole\s+)?(?:vielä\s+)?(?:käynn?i?st|aloit|alka|alkan)\w*", _I),
        contradictions._NEGATED,
    ),
}

# Probes: a pattern that finds something only where its probe finds something (a text the probe rules out is not
# scanned).
PROBED: dict[str, tuple[re.Pattern[str], re.Pattern[str]]] = {
    "unit-less figure": (placeholders._BARE_PROBE, placeholders._BARE),
    "note in capitals": (placeholders._CAPITALS_PROBE, placeholders._CAPITALS),
}

# Probes in a fast form, found from a rarer character than the one their plain form starts with: a probe says only
# whether a text may hold something, so the two forms must agree on whether they find anything.
FOUND: dict[str, tuple[re.Pattern[str], re.Pattern[str]]] = {
    "date probe": (re.compile(r"\d\.\d"), facts.DATE_PROBE),
    "slash probe": (re.compile(r"\d,? ?/"), facts.SLASH_PROBE),
    "answer letter probe": (re.compile(r"[a-h]\)\s"), facts.LETTER_PROBE),
    "decimal point probe": (re.compile(r"\d\.\d"), notation.DECIMAL_PROBES[0]),
    "decimal comma probe": (re.compile(r"\d,\d"), notation.DECIMAL_PROBES[1]),
}

# What the patterns look at, and what folds to it under IGNORECASE (long s is s, dotless i and dotted I are i,
# the Kelvin sign is k).
PIECES = [
    *"0123456789.,/-–−±+%() \n\t\u00a0abhkptsvxAKT\u017f\u0131\u0130\u212a_:€",
    "0",
    "12",
    "2021",
    "prosent",
    "PROSENTTIA",
    "tp",
    "Tp. ",
    "hs",
    "HS ",
    "kts.",
    "ks. ",
    "katso",
    "toimenpide ",
    "työpaketti ",
    "hankesalkku ",
    "valmistui",
    "otettu käyttöön",
    "julkaistaan",
    "alkaa",
    "kuntaa",
    "+358",
    "131052-308T",
    "040 123 4567",
    "N = ",
    "n=",
    "ei ole ",
    "EI vielä ",
    "aloitettu",
    "käynnistetty",
    "alkoi ",
    "Käynnistyi",
    "\u212aäynnistyi",
    "tilanteessa",
    "vrk:ssa ",
    "päivässä ",
    "SSA ",
    "\u017fsä ",
    "2021",
    "3.5",
    "45,5,",
]


# Facts as written, each set between every pair of the characters their lookarounds look at.
SAMPLES = [
    "15.11.2020",
    "8.11.21",
    "11.2. 2021",
    "15.2.",
    "15.4-30.4",
    "30.421",
    "12/21",
    "3/2021",
    "1-10/2020",
    "7/14",
    "8/ 23",
    "3,9/5",
    "49,2%",
    "45 %",
    "+5 %",
    "12 prosenttia",
    "tp 4",
    "Tp.10",
    "HS 2",
    "Kts.",
    "katso",
    "työpaketti 2",
    "valmistui",
    "julkaistaan",
    "8 kuntaa",
    "131052-308T",
    "131052 308T",
    "040 123 4567",
    "+358 40 1234567",
    "(03) 565 7000",
    "vrt.",
    "Vertaa",
    "käytössä",
    "käyttöön otettu",
    "7 vrk:ssa 86.",
    "3 päivässä 12,5.",
    "N = 12",
    "n=8",
    "ei ole aloitettu",
    "Ei vielä käynnistetty",
    "15.4.2021 tilanteessa",
    "ka. 3.9/5",
    "21.1%",
    "45,5,%",
    "3,3,/5",
    "3, /5",
    "12 /3",
    "11 - 12/2021",
    "1 – 2/21",
    "b)\u00a0",
]
EDGES = ["", *"a1.,/-–+:( )\n_€%ä"]
WRAPPED = [before + sample + after for sample in SAMPLES for before in EDGES for after in EDGES]


def _matches(pattern: re.Pattern[str], text: str) -> list[tuple[tuple[int, int], tuple[Any, ...]]]:
    return [(m.span(), m.groups()) for m in pattern.finditer(text)]


def _strings(data: Any) -> Iterator[str]:
    if isinstance(data, str):
        yield data
    elif isinstance(data, dict):
        for value in data.values():
            yield from _strings(value)
    elif isinstance(data, list):
        for value in data:
            yield from _strings(value)


def _shipped() -> list[str]:
    texts = []
    for path in sorted((REPO / "data").rglob("*.yaml")):
        texts += list(_strings(yaml.load(path.read_text(encoding="utf-8"), Loader=yaml.CSafeLoader)))
    return texts


SHIPPED = _shipped()


def test_the_forms_have_the_same_groups() -> None:
    for name, (plain, fast) in PLAIN.items():
        assert (fast.groups, fast.groupindex) == (plain.groups, plain.groupindex), name


@pytest.mark.parametrize("name", list(PLAIN))
def test_the_fast_form_finds_what_the_plain_form_finds_in_the_shipped_data(name: str) -> None:
    plain, fast = PLAIN[name]
    found = 0
    for text in SHIPPED:
        expected = _matches(plain, text)
        assert _matches(fast, text) == expected, (name, text)
        found += len(expected)
    assert found or name in ("broken date", "henkilötunnus", "phone")  # the shipped data has none of these


@pytest.mark.parametrize("name", list(PLAIN))
def test_the_fast_form_finds_what_the_plain_form_finds_next_to_any_separator(name: str) -> None:
    plain, fast = PLAIN[name]
    assert any(_matches(plain, text) for text in WRAPPED), name
    for text in WRAPPED:
        assert _matches(fast, text) == _matches(plain, text), (name, text)


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(PIECES), max_size=24).map("".join))
def test_the_fast_form_finds_what_the_plain_form_finds_in_any_text(text: str) -> None:
    for name, (plain, fast) in PLAIN.items():
        assert _matches(fast, text) == _matches(plain, text), name
        assert (fast.fullmatch(text) is None) == (plain.fullmatch(text) is None), name  # a code checked whole


@pytest.mark.parametrize("name", list(PROBED))
def test_a_pattern_finds_nothing_where_its_probe_finds_nothing(name: str) -> None:
    probe, pattern = PROBED[name]
    texts = [*SHIPPED, *WRAPPED]
    assert any(pattern.search(text) for text in texts), name
    for text in texts:
        assert probe.search(text) or not pattern.search(text), (name, text)


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(PIECES), max_size=24).map("".join))
def test_a_probe_finds_something_wherever_its_pattern_does(text: str) -> None:
    for name, (probe, pattern) in PROBED.items():
        assert probe.search(text) or not pattern.search(text), name


@pytest.mark.parametrize("name", list(FOUND))
def test_a_fast_probe_finds_something_where_its_plain_form_does(name: str) -> None:
    plain, fast = FOUND[name]
    texts = [*SHIPPED, *WRAPPED]
    assert any(plain.search(text) for text in texts) and not all(plain.search(text) for text in texts), name
    for text in texts:
        assert (fast.search(text) is None) == (plain.search(text) is None), (name, text)


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(PIECES), max_size=24).map("".join))
def test_a_fast_probe_finds_something_where_its_plain_form_does_in_any_text(text: str) -> None:
    for name, (plain, fast) in FOUND.items():
        assert (fast.search(text) is None) == (plain.search(text) is None), name


# The date patterns, tried only one and two characters before a dot between two digits (`facts._dotted()`).
DOTTED = ("full date", "broken date", "range start", "partial date")


def _dotted(pattern: re.Pattern[str], text: str) -> list[tuple[tuple[int, int], tuple[Any, ...]]]:
    return [(m.span(), m.groups()) for m in facts._dotted(pattern, text, facts._dots(text))]


@pytest.mark.parametrize("name", DOTTED)
def test_a_date_pattern_tried_before_dots_finds_what_the_plain_form_finds(name: str) -> None:
    plain, fast = PLAIN[name]
    for text in [*SHIPPED, *WRAPPED]:
        assert _dotted(fast, text) == _matches(plain, text), (name, text)


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(PIECES), max_size=24).map("".join))
def test_a_date_pattern_tried_before_dots_finds_what_the_plain_form_finds_in_any_text(text: str) -> None:
    for name in DOTTED:
        plain, fast = PLAIN[name]
        assert _dotted(fast, text) == _matches(plain, text), name


# The slash forms, tried only where a run of digits before each slash starts, and the month ranges, tried only three
# to seven characters before each slash (`facts._slash_forms()`, `facts._ranges()`).
AT_SLASHES = {"slash": facts._slash_forms, "month/year range": facts._ranges}


def _at_slashes(name: str, text: str) -> list[tuple[tuple[int, int], tuple[Any, ...]]]:
    return [(m.span(), m.groups()) for m in AT_SLASHES[name](text, facts._slash_marks(text))]


@pytest.mark.parametrize("name", list(AT_SLASHES))
def test_a_slash_pattern_tried_at_slashes_finds_what_the_plain_form_finds(name: str) -> None:
    plain = PLAIN[name][0]
    for text in [*SHIPPED, *WRAPPED]:
        assert _at_slashes(name, text) == _matches(plain, text), (name, text)


@settings(max_examples=600, deadline=None)
@given(st.lists(st.sampled_from(PIECES), max_size=24).map("".join))
def test_a_slash_pattern_tried_at_slashes_finds_what_the_plain_form_finds_in_any_text(text: str) -> None:
    for name in AT_SLASHES:
        assert _at_slashes(name, text) == _matches(PLAIN[name][0], text), name


# A programme's portfolio names (portfolio-mismatch): the fast form finds what the plain form finds.
def _portfolio_names() -> list[str]:
    named: set[str] = set()
    for path in sorted((REPO / "data").glob("*/programme.yaml")):
        named |= set(portfolio_mismatch._names(yaml.load(path.read_text(encoding="utf-8"), Loader=yaml.CSafeLoader))[2])
    return sorted(named, key=len, reverse=True)


NAMES = _portfolio_names()
_FOLDED = str.maketrans("kKsSiI", "\u212a\u212a\u017f\u017f\u0131\u0130")  # letters that fold to k, s and i
MORE_NAMES = ["sote-keskus", "sote", "kanta-häme", "åbo", "ääni", "ikäihmiset", "k.", "it"]


def test_the_portfolio_names_fast_form_finds_what_the_plain_form_finds() -> None:
    assert len(NAMES) > 5
    for names in (NAMES, sorted([*NAMES, *MORE_NAMES], key=len, reverse=True)):
        fast, plain = portfolio_mismatch._pattern(names), portfolio_mismatch._plain_pattern(names)
        assert fast.pattern != plain.pattern
        written = [name.upper() for name in names] + [name.translate(_FOLDED) for name in names]
        texts = [
            *SHIPPED,
            *WRAPPED,
            *(before + name + after for name in written for before in EDGES for after in EDGES),
        ]
        assert any(plain.search(text) for text in texts)
        for text in texts:
            assert _matches(fast, text) == _matches(plain, text), text


@settings(max_examples=300, deadline=None)
@given(
    st.lists(st.sampled_from([*PIECES, *MORE_NAMES, "SOTE", "Sote-keskus", "ÅBO", "\u212aanta-häme"]), max_size=16).map(
        "".join
    )
)
def test_the_portfolio_names_fast_form_finds_what_the_plain_form_finds_in_any_text(text: str) -> None:
    names = sorted([*NAMES, *MORE_NAMES], key=len, reverse=True)
    assert _matches(portfolio_mismatch._pattern(names), text) == _matches(
        portfolio_mismatch._plain_pattern(names), text
    )


def test_names_starting_with_a_letter_of_other_cases_keep_the_plain_form() -> None:
    names = ["σύνολο", "sote"]
    assert portfolio_mismatch._pattern(names).pattern == portfolio_mismatch._plain_pattern(names).pattern
