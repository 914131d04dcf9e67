"""Whether a text is one the walk reads (`marks.navigable()`) is told as the plain regular expression tells it: the
possessive runs of `_NAVIGABLE` match what the same expression matches with every run free to give back, and the
document markers left to it (a line led by `---` or `%`) are no line it matches."""

from __future__ import annotations

import random
import re
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from seuranta.model import marks
from test_loader_values import _hostile, _texts
from test_located_marks import TRICKY, _node
from test_positions_marks import HOSTILE, _shipped

# `_NAVIGABLE` with every possessive run made greedy: the engine may go back into each of them.
_BACKTRACKING = re.compile(marks._NAVIGABLE.pattern.replace("*+", "*"))


def _plain(text: str) -> bool:
    """`navigable()` as told with the backtracking expression and every document marker looked for."""
    if "\t" in text or "\r" in text or text.startswith(("---", "...", "%")):
        return False
    if "\n---" in text or "\n..." in text or "\n%" in text:
        return False
    whole = text + "\n"
    return _BACKTRACKING.match(whole).end() == len(whole)  # type: ignore[union-attr]


def _same(text: str) -> None:
    whole = text + "\n"
    assert marks._NAVIGABLE.match(whole).end() == _BACKTRACKING.match(whole).end(), text  # type: ignore[union-attr]
    assert marks.navigable(text) == _plain(text), text


def test_the_plain_expression_is_the_possessive_one_with_every_run_free() -> None:
    assert "*+" in marks._NAVIGABLE.pattern
    assert not any(form in _BACKTRACKING.pattern for form in ("*+", "++", "?+", "}+", "(?>"))


def test_every_shipped_file_and_its_variants_are_told_alike() -> None:
    rng = random.Random(16)
    for path in _shipped():
        text = path.read_text(encoding="utf-8")
        _same(text)
        for _ in range(3):
            _same(_hostile(rng, text))


@pytest.mark.parametrize("seed", range(100))
def test_generated_files_are_told_alike(seed: int) -> None:
    for text in _texts(seed):
        _same(text)


@pytest.mark.parametrize("text", HOSTILE + TRICKY)
def test_hostile_and_tricky_files_are_told_alike(text: str) -> None:
    _same(text)


# What may stand at a line's start or end: markers, indicators, quotes, comments and keys.
_MARKERS = ["---", "...", "%YAML 1.2", "% x", "--- a", "-", "- ", "#", "'", '"', "|", ">-", "a:", "  ", "    "]


@settings(max_examples=400, deadline=None)
@given(
    lines=_node(0, 0),
    inserted=st.lists(st.tuples(st.integers(0, 40), st.sampled_from(_MARKERS), st.booleans()), max_size=3),
    end=st.sampled_from(["", "\n", "\n\n", " ", "'"]),
)
def test_any_block_text_with_markers_is_told_alike(lines: list[str], inserted: list[Any], end: str) -> None:
    """Block YAML of every scalar style over one line or more, with markers and indicators put at a line's start
    (as a line of their own, or leading one) or at its end."""
    for at, marker, own in inserted:
        at %= len(lines) + 1
        if own or at == len(lines):
            lines.insert(at, marker)
        else:
            lines[at] = marker + lines[at] if at % 2 else lines[at] + marker
    _same("\n".join(lines) + end)


@settings(max_examples=600, deadline=None)
@given(st.text(alphabet="ab1:- \n'\"#|>[],{}?.%\\\u00e4", max_size=80))
def test_any_text_is_told_alike(text: str) -> None:
    _same(text)
