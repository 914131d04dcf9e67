"""A finding is placed where the plain way places it: a line and column counted (`Lines.at()` of a file's first
places) are the ones the line starts give by bisection, and a scalar's start taken from the walk of the text
(`loader.offset()`) is the one its mark gives."""

from __future__ import annotations

import random
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from seuranta.model import loader, positions
from seuranta.model.config import Config
from seuranta.model.documents import Document
from seuranta.model.index import build
from seuranta.model.loader import load_bytes
from seuranta.model.problem import ERROR
from seuranta.rules import context, support
from test_loader_values import _hostile, _texts
from test_located_marks import TRICKY, _node
from test_positions_marks import HOSTILE

ROOT = Path(__file__).resolve().parent.parent


def _bisected(text: str, offset: int) -> tuple[int, int]:
    lines = positions.Lines(text)
    assert lines.starts  # found at once: every place by bisection
    return lines.at(offset)


@settings(max_examples=500, deadline=None)
@given(st.text(alphabet="a \n\u00e4\u2028\r", max_size=40), st.lists(st.integers(0, 45), min_size=1, max_size=12))
def test_a_counted_place_is_the_bisected_one(text: str, offsets: list[int]) -> None:
    """The first places asked of a text are counted, the rest bisected: each is where bisection puts it."""
    lines = positions.Lines(text)
    for offset in offsets:
        assert lines.at(offset) == _bisected(text, offset), (text, offset)
    assert (lines.found is None) == (len(offsets) <= positions._COUNTED)


def test_every_offset_of_a_text_is_placed_alike_counted() -> None:
    text = "ab\ncd\n\nef\n\u00e4\u2028x\r\ny"
    for offset in range(len(text) + 2):
        assert positions.Lines(text).at(offset) == _bisected(text, offset), offset


def _places(raw: bytes) -> list[Any]:
    """Where `place()` puts a few offsets of every string of a loaded file, and the mark of every string's node."""
    parsed = load_bytes("f.yaml", raw)
    if parsed.data is None or any(p.severity == ERROR for p in parsed.problems):
        return []
    doc = Document("measure", "", parsed)
    ctx = context(build([]), Config(), date(2023, 1, 1))
    found: list[Any] = []
    for string in support.strings(parsed.data):
        offsets = sorted({0, 1, len(string.text) // 2, max(len(string.text) - 1, 0), len(string.text)})
        found += [tuple(support.place(doc, string.path, offset=at, ctx=ctx)) for at in offsets]
        found.append(doc.mark(*string.path))
    return found


def _alike(raw: bytes, monkeypatch: pytest.MonkeyPatch) -> int:
    """The places found with the walk's offsets and counted lines are the ones found from marks alone, with every
    place bisected; the number of places compared."""
    fast = _places(raw)
    with monkeypatch.context() as plain:
        plain.setattr(loader, "offset", lambda parsed, path: None)
        plain.setattr(positions, "_COUNTED", 0)
        slow = _places(raw)
    assert fast == slow, raw
    return len(fast)


def test_every_shipped_file_and_its_variants_are_placed_alike(monkeypatch: pytest.MonkeyPatch) -> None:
    rng = random.Random(16)
    compared = 0
    for path in sorted((ROOT / "data").rglob("*.yaml")):
        raw = path.read_bytes()
        compared += _alike(raw, monkeypatch)
        for variant in (_hostile(rng, raw.decode()) for _ in range(2)):
            if "9" * 4301 not in variant:
                _alike(variant.encode(), monkeypatch)
    assert compared > 10_000


@pytest.mark.parametrize("seed", range(60))
def test_generated_files_are_placed_alike(seed: int, monkeypatch: pytest.MonkeyPatch) -> None:
    for text in _texts(seed):
        if "9" * 4301 not in text:
            _alike(text.encode(), monkeypatch)


@pytest.mark.parametrize("text", HOSTILE + TRICKY)
def test_hostile_and_tricky_files_are_placed_alike(text: str, monkeypatch: pytest.MonkeyPatch) -> None:
    _alike(text.encode(), monkeypatch)


@settings(max_examples=300, deadline=None)
@given(lines=_node(0, 0).filter(lambda lines: not lines[0].startswith("-")))
def test_any_block_text_is_placed_alike(lines: list[str]) -> None:
    """Block YAML of every scalar style (plain, quoted, block, flow sequences) over one line or more, comments,
    blank lines and letters beyond ASCII."""
    with pytest.MonkeyPatch.context() as monkeypatch:
        _alike(("\n".join(lines) + "\n").encode(), monkeypatch)
