"""A loaded file's marks from libyaml's composer are the marking builder's, node for node and key for key."""

from __future__ import annotations

import random
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from seuranta.model import loader
from seuranta.model.loader import DEFAULT_LIMITS, load_bytes
from seuranta.model.problem import ERROR
from test_loader_values import _hostile, _texts

HOSTILE = [
    "a: 1\nb:\n  c: [1, {d: 2}]\n  e:\n  - x\n  - y: z\n",
    "a: |\n  text\n  more\nb: >-\n  folded\n\nc: 'q''q'\n",
    'a: "multi\n  line \\\n  escaped"\nb: 1\n',
    "a: 'x\u2028y'\nb: 1\r c: 2\n",
    "a: 1\u2028b: 2\n",
    "a:\tb\n",
    "x: &a [1, 2]\ny: *a\n",
    "a: !!str 010\nb: ! 12\n",
    "%YAML 1.1\n---\na: 1\n",
    "? a\n: 1\n? b\n: [2]\n",
    "{a: 1, b: [2, 3], c: {d: e}}\n",
    "a: [1, 2\n",
    "a:\n  - 1\n - 2\n",
    "a: b: c\n",
    "\ufeffa: 1\n",
    "a: 1\n...\n",
    "- 1\n- 2\n",
    "äö: å\n'€': \"\\u00e4\"\n",
]


def _check(text: str) -> bool:
    """Where the file loads (the only files whose marks are ever asked for), the composer's marks are None or
    exactly the marking builder's, in the same order; True when the composer gave them."""
    built = loader._parse("f.yaml", text, DEFAULT_LIMITS)
    if not isinstance(built.root, dict) or any(p.severity == ERROR for p in built.problems):
        return False
    composed = loader._composed_marks(text)
    if composed is None:
        return False
    assert list(composed[0].items()) == list(built.marks.items()), text
    assert list(composed[1].items()) == list(built.key_marks.items()), text
    return True


def _shipped() -> list[Path]:
    return sorted((Path(__file__).resolve().parent.parent / "data").rglob("*.yaml"))


def test_every_shipped_file_and_its_variants_are_marked_as_the_builder_marks_them() -> None:
    rng = random.Random(16)
    taken = 0
    for path in _shipped():
        text = path.read_text(encoding="utf-8")
        taken += _check(text)
        for variant in (_hostile(rng, text) for _ in range(3)):
            if "9" * 4301 not in variant:
                _check(variant)
    assert taken > len(_shipped()) * 0.9


@pytest.mark.parametrize("seed", range(200))
def test_generated_files_are_marked_as_the_builder_marks_them(seed: int) -> None:
    for text in _texts(seed):
        if "9" * 4301 not in text:
            _check(text)


@pytest.mark.parametrize("text", HOSTILE)
def test_hostile_files_are_marked_as_the_builder_marks_them(text: str) -> None:
    _check(text)


def test_the_composer_declines_what_it_could_read_apart() -> None:
    """Line separators, anchors, tags and directives: the marking builder reads these files."""
    for text in ["a: 1\u2028b: 2\n", "a: 'x\u2028y'\nb: 1\r c: 2\n", "a: !!str 1\n", "%YAML 1.1\n---\na: 1\n"]:
        assert loader._composed_marks(text) is None


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="ab1:-?[]{},&*!|>'\"#%\\ \n\t~.0<\u2028", max_size=60))
def test_any_text_is_marked_as_the_builder_marks_it(text: str) -> None:
    _check(text)


def test_a_loaded_file_places_findings_by_the_composer_and_by_the_builder_alike(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    raw = b"a: 1\nb:\n  c: [1, {d: 2}]\n  e:\n  - x\n  - y: z\n"
    assert loader._composed_marks(raw.decode()) is not None
    composed = load_bytes("f.yaml", raw)
    marks, keys = dict(composed.marks), dict(composed.key_marks)
    monkeypatch.setattr(loader, "_composed_marks", lambda text: None)
    built = load_bytes("f.yaml", raw)
    assert list(built.marks.items()) == list(marks.items())
    assert list(built.key_marks.items()) == list(keys.items())
    assert loader.position(marks[("b", "e", 1, "y")]) == (6, 8)
    assert loader.position(keys[("b", "e", 1, "y")]) == (6, 5)
