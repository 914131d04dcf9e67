"""A scalar paired with its value in one loop (`positions._literal()`, where every line is the value's next run
of text) is paired as the walk pairs it (`positions._Walk`), in every scalar style; where one run is not, the walk
pairs it."""

from __future__ import annotations

import random
from pathlib import Path

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from seuranta.model import positions
from seuranta.model.loader import load_bytes
from seuranta.model.problem import ERROR
from seuranta.rules import support
from test_loader_values import _hostile, _texts
from test_located_marks import TRICKY, _node
from test_positions_marks import HOSTILE

ROOT = Path(__file__).resolve().parent.parent
STYLES = [None, "'", '"', "|", ">"]
TEXT = st.text(alphabet="ab ä7/'\"\\:#-\n\t€\u2028\xa0", max_size=60)


def _walked(value: str, source: str, mark: int) -> positions.Alignment:
    """`align()` by the walk alone."""
    style = source[mark : mark + 1]
    if style in ("|", ">"):
        end = source.find("\n", mark)
        return positions._Walk(value, source, end + 1 if end >= 0 else len(source), style).run()
    if style in ("'", '"'):
        return positions._Walk(value, source, mark + 1, style).run()
    return positions._Walk(value, source, mark, "").run()


def _same(value: str, source: str, mark: int) -> None:
    assert positions.align(value, source, mark) == _walked(value, source, mark), (value, source, mark)


def _file(raw: bytes) -> tuple[int, int]:
    """Every string of a loaded file paired alike; the number of strings, and of those paired in one loop."""
    parsed = load_bytes("f.yaml", raw)
    if parsed.data is None or any(p.severity == ERROR for p in parsed.problems):
        return 0, 0
    text, strings, quick = parsed.text, 0, 0
    for string in support.strings(parsed.data):
        strings += 1
        mark = parsed.marks[string.path]
        start = (mark >> 24, mark & 0xFFFFFF)
        at = positions.Lines(text).offset(start[0] + 1, start[1] + 1)
        _same(string.text, text, at)
        style = text[at : at + 1]
        begin = at if style not in ("'", '"', "|", ">") else at + 1 if style in "'\"" else text.find("\n", at) + 1
        quick += (
            positions._literal(string.text, text, begin, positions._STOPS.get(style, positions._PLAIN_STOP)) is not None
        )
    return strings, quick


def test_every_shipped_string_and_its_variants_are_paired_alike() -> None:
    rng = random.Random(16)
    strings = quick = 0
    for path in sorted((ROOT / "data").rglob("*.yaml")):
        raw = path.read_bytes()
        counted = _file(raw)
        strings, quick = strings + counted[0], quick + counted[1]
        for variant in (_hostile(rng, raw.decode()) for _ in range(2)):
            if "9" * 4301 not in variant:
                _file(variant.encode())
    assert quick > strings * 0.9  # nearly every string is paired in one loop


@pytest.mark.parametrize("seed", range(60))
def test_generated_strings_are_paired_alike(seed: int) -> None:
    for text in _texts(seed):
        if "9" * 4301 not in text:
            _file(text.encode())


@pytest.mark.parametrize("text", HOSTILE + TRICKY)
def test_hostile_and_tricky_strings_are_paired_alike(text: str) -> None:
    _file(text.encode())


@settings(max_examples=300, deadline=None)
@given(lines=_node(0, 0).filter(lambda lines: not lines[0].startswith("-")))
def test_any_block_text_is_paired_alike(lines: list[str]) -> None:
    _file(("\n".join(lines) + "\n").encode())


@settings(max_examples=500, deadline=None)
@given(value=TEXT, style=st.sampled_from(STYLES), width=st.integers(min_value=8, max_value=80))
def test_any_value_in_any_style_is_paired_alike(value: str, style: str | None, width: int) -> None:
    """Values of quotes, escapes, line breaks, tabs and spaces beyond ASCII, written by PyYAML in every style."""
    text = yaml.safe_dump({"v": value}, default_style=style, width=width, allow_unicode=True)
    _file(text.encode("utf-8"))


@settings(max_examples=500, deadline=None)
@given(value=TEXT, source=TEXT, mark=st.integers(0, 20))
def test_any_value_against_any_source_is_paired_alike(value: str, source: str, mark: int) -> None:
    """A value its source does not spell (a run that differs, ends early, or goes on past it)."""
    _same(value, source, min(mark, len(source)))
