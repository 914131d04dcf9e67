"""A file's free-text values are listed as the walk over each field's path lists them, whatever shape the file has.

`rules/support.py:prose()` writes out the shapes of most fields (a key of the file, a key of each item of a list)
and looks into the file's mapping once for all of them; each must list the same strings at the same paths, in the
same order, as the general walk (`_expand`) over each field in turn.
"""

from __future__ import annotations

from typing import Any

import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import REPO
from seuranta.rules import support

PATTERNS = [pattern for patterns in support.PROSE.values() for pattern in patterns]
KEYS = sorted({step for pattern in PATTERNS for step in pattern if step != "*"})
LEAVES = st.none() | st.booleans() | st.integers(-2, 3) | st.sampled_from(["", "teksti", "7/14 kunnassa"])
DATA = st.recursive(
    LEAVES,
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.sampled_from([*KEYS, "muu", "*"]), inner, max_size=4)
    ),
    max_leaves=24,
)


def _both(data: Any, *patterns: support.Path) -> tuple[list[support.Text], list[support.Text]]:
    fast: list[support.Text] = []
    plain: list[support.Text] = []
    support._expand_fields(data, [support._field(pattern) for pattern in patterns], fast)
    for pattern in patterns:
        support._expand(data, pattern, (), plain)
    return fast, plain


@settings(max_examples=400, deadline=None)
@given(DATA)
def test_a_fields_values_are_those_the_walk_finds_in_any_data(data: Any) -> None:
    for pattern in [*PATTERNS, ("*",), ("statuses", "*"), ("*", "text"), ("a", "b", "*"), ("a", "*", "b", "c")]:
        fast, plain = _both(data, pattern)
        assert fast == plain, pattern
    for kind, patterns in support.PROSE.items():
        fast, plain = _both(data, *patterns)
        assert fast == plain, kind
        assert all(type(text) is support.Text and len(text) == 2 for text in fast), kind


def test_every_shape_of_field_is_walked_here() -> None:
    shapes = {support._field(pattern).shape for pattern in [*PATTERNS, ("*",)]}
    assert shapes == {support._KEY, support._EACH, support._UNDER, support._WALK}


def test_a_fields_values_are_those_the_walk_finds_in_the_shipped_data() -> None:
    found = 0
    for path in sorted((REPO / "data").rglob("*.yaml")):
        data = yaml.load(path.read_text(encoding="utf-8"), Loader=yaml.CSafeLoader)
        for patterns in support.PROSE.values():
            fast, plain = _both(data, *patterns)
            assert fast == plain, (path, patterns)
            found += len(plain)
    assert found > 1000
