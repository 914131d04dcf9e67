"""A probe searches a file's strings joined together, and finds exactly the strings it finds one by one.

`support.strings_with()` joins a file's strings with `support.SEPARATOR` and searches the joined text once;
only where it matches are strings searched on their own. Held here, for every rule's probe, to searching
each string alone, over lists of strings made of the characters the probes look at (digits, the letters of
check characters and addresses, dashes, signs, spaces, line breaks, links): it may never lose a string, and
a separator that the probes read as text (a digit, a letter, a dash, nothing at all) is shown to lose some.
"""

from __future__ import annotations

import datetime
import re
from typing import Any, cast

import pytest
from hypothesis import find, given, settings
from hypothesis import strategies as st

from seuranta.model.config import Config
from seuranta.model.documents import MEASURE, Document
from seuranta.model.index import build
from seuranta.model.loader import load_bytes
from seuranta.prose import personal
from seuranta.rules import context, registry, support

RULE_PROBES = [rule.PROBE for rule in registry.RULES if hasattr(rule, "PROBE")]
PROBES: list[support.Probe] = [*RULE_PROBES, personal.HETU_PROBE, personal.PHONE_PATTERN, re.compile(r"\d\.\d")]

PIECES = [
    *["131052-308T", "131052 - 308T", "131052 308t", "131052-308 T", "010594Y9032", "131052–308T", "1310523"],
    *["040 123 4567", "+358 40 1234567", "(03) 565 7000", "0401234567", "2021-05-15", "a@b.fi", "www.x.fi/"],
    *["https://x.fi/a", "a@b.fi+358 40 1234567", "a@b.fi(03) 565 7000"],
    *"0123456789 -–+@.,:/()_\n\u00a0aefiATY",
]
STRINGS = st.lists(st.sampled_from(PIECES), max_size=6).map("".join)
LISTS = st.lists(STRINGS, max_size=6)
_BASE = load_bytes("data/ex/tp01/01-a.yaml", b"id: ex/tp01/01-a\n")
_CTX = context(build([Document(MEASURE, "ex/tp01/01-a", _BASE)]), Config(), datetime.date(2023, 1, 1))


def _doc(data: Any) -> Document:
    return Document(MEASURE, "ex/tp01/01-a", _BASE._replace(data=data))


def _joined(values: list[str], probe: support.Probe) -> list[str]:
    """The strings `strings_with()` finds, its lists nested as a file's are."""
    half = len(values) // 2
    data = {"id": "ex", "texts": values[:half], "statuses": [{"text": v} for v in values[half:]]}
    return [found.text for found in support.strings_with(_doc(data), _CTX.for_file(), probe)]


def _alone(values: list[str], probe: support.Probe) -> list[str]:
    """The strings any of the probe's patterns matches in, each searched alone."""
    patterns = probe if isinstance(probe, tuple) else (probe,)
    return [text for text in ["ex", *values] if any(pattern.search(text) for pattern in patterns)]


def _loses(values: list[str]) -> bool:
    return any(_joined(values, probe) != _alone(values, probe) for probe in PROBES)


def test_every_rule_that_probes_is_held_here() -> None:
    assert {rule.ID for rule in registry.RULES if hasattr(rule, "PROBE")} == {
        "hetu",
        "hetu-lookalike",
        "personal-email",
        "personal-phone",
    }


@settings(max_examples=1500, deadline=None)
@given(LISTS)
def test_the_joined_search_finds_exactly_the_strings_each_search_alone_finds(values: list[str]) -> None:
    for probe in PROBES:
        assert _joined(values, probe) == _alone(values, probe), probe


@pytest.mark.parametrize("separator", ["", "0", "a", "-", "."])
def test_a_separator_the_probes_read_as_text_loses_strings(monkeypatch: pytest.MonkeyPatch, separator: str) -> None:
    monkeypatch.setattr(support, "SEPARATOR", separator)
    lost = find(LISTS, _loses, settings=settings(max_examples=5000, derandomize=True, database=None))
    assert any(set(_alone(lost, probe)) - set(_joined(lost, probe)) for probe in PROBES), lost


class _Text(str):
    pass


class _List(list[Any]):
    pass


class _Mapping(dict[str, Any]):
    pass


# The loader's values (exact str, list, dict, int, bool, None), and what else a caller may hand in: a float, and
# subclasses of the containers and of str, which the walk takes as `isinstance()` does.
TEXTS = st.sampled_from(["", "a", "131052-308T", "a@b.fi"])
NESTED = st.recursive(
    st.none() | st.booleans() | st.integers(-2, 3) | st.just(1.5) | TEXTS | TEXTS.map(_Text),
    lambda inner: (
        st.lists(inner, max_size=3)
        | st.lists(inner, max_size=3).map(_List)
        | st.dictionaries(st.sampled_from(["a", "b", "text"]), inner, max_size=3)
        | st.dictionaries(st.sampled_from(["a", "b"]), inner, max_size=2).map(_Mapping)
    ),
    max_leaves=20,
)


@settings(max_examples=500, deadline=None)
@given(NESTED)
def test_the_joined_text_holds_a_files_strings_in_the_order_of_the_walk_that_makes_their_paths(data: Any) -> None:
    joined = support._file_values(_doc(data), _CTX.for_file())
    assert joined == support.SEPARATOR.join(found.text for found in support.strings(data))


def test_a_probe_made_for_one_call_is_not_taken_for_another_made_after_it() -> None:
    """The file memo keeps each probe's strings under the probe's identity, holding the probe: a probe the caller
    dropped is not freed, so the next one made cannot take its place (a tuple made for each call would)."""
    doc = _doc({"id": "ex", "texts": ["a@b.fi", "x 7", "teksti"]})
    file_ctx = _CTX.for_file()
    for pattern in ["@", "x", "@", "k", "x"]:
        found = support.strings_with(doc, file_ctx, (re.compile(pattern),))
        assert [t.text for t in found] == _alone(["a@b.fi", "x 7", "teksti"], re.compile(pattern)), pattern


class _Counted:
    """A probe that counts its searches."""

    def __init__(self, pattern: str) -> None:
        self.pattern, self.searches = re.compile(pattern), 0

    def search(self, text: str, pos: int = 0) -> re.Match[str] | None:
        self.searches += 1
        return self.pattern.search(text, pos)


def test_a_file_costs_a_probe_one_search_and_one_more_per_string_it_matches_in() -> None:
    values = [f"teksti {n}" for n in range(200)]
    counted = _Counted("@")
    doc = _doc({"id": "ex", "statuses": [{"text": v} for v in values]})
    assert support.strings_with(doc, _CTX.for_file(), cast(re.Pattern[str], counted)) == []
    assert counted.searches == 1
    values[17], values[150] = "a@b.fi", "c@d.fi ja e@f.fi"
    doc = _doc({"id": "ex", "statuses": [{"text": v} for v in values]})
    found = support.strings_with(doc, _CTX.for_file(), cast(re.Pattern[str], counted := _Counted("@")))
    assert [(t.path, t.text) for t in found] == [
        (("statuses", 17, "text"), "a@b.fi"),
        (("statuses", 150, "text"), "c@d.fi ja e@f.fi"),
    ]
    assert counted.searches == 1 + 2 * 2  # the first match; then each string and the joined text after it
    values[150] = "(03) 565 7000"
    doc = _doc({"id": "ex", "statuses": [{"text": v} for v in values]})
    probe = (_Counted("@"), _Counted(r"\(0"), _Counted(r"\+358"))
    found = support.strings_with(doc, _CTX.for_file(), cast(support.Probe, probe))
    assert [t.text for t in found] == ["a@b.fi", "(03) 565 7000"]
    assert [p.searches for p in probe] == [1 + 2, 1 + 2, 1]  # each pattern's own matches, as if alone


@settings(max_examples=1500, deadline=None)
@given(STRINGS)
def test_the_code_shape_the_rules_probe_with_matches_where_the_code_pattern_does(text: str) -> None:
    assert [m.span() for m in personal.HETU_SHAPE.finditer(text)] == [
        m.span() for m in personal.HETU_PATTERN.finditer(text)
    ]
