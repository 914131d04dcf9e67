"""A loaded file's marks found by walking its text to a node (`marks.located()`) are the ones parsing it gives — the
composer's, or the marking builder's where the composer does not read it — for every node and key, and no mark
for a path that is no node (a key not there, an index past the end, a child of a scalar)."""

from __future__ import annotations

import contextlib
import cProfile
import importlib.util
import pstats
import random
import time
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from seuranta.model import loader, marks
from seuranta.model.loader import DEFAULT_LIMITS, load_bytes
from seuranta.model.problem import ERROR
from test_loader_values import _hostile, _texts
from test_positions_marks import HOSTILE, _shipped

ROOT = Path(__file__).resolve().parent.parent
Marks = tuple[dict[Any, int], dict[Any, int]]


def _parsed(text: str) -> Marks | None:
    """The marks parsing gives a file that loads (no other file's marks are ever asked for)."""
    built = loader._parse("f.yaml", text, DEFAULT_LIMITS)
    if not isinstance(built.root, dict) or any(p.severity == ERROR for p in built.problems):
        return None
    composed = loader._composed_marks(text)
    return composed if composed is not None else (built.marks, built.key_marks)


def _asked(parsed: Marks) -> set[tuple[Any, ...]]:
    """Every node's path, and around each a path that is no node."""
    paths = set(parsed[0]) | set(parsed[1])
    around = set()
    for path in paths:
        around |= {(*path, "nope"), (*path, "text"), (*path, 0), (*path, 1), (*path, 99), (*path, -1)}
        if path and isinstance(path[-1], int):
            around |= {(*path[:-1], path[-1] + 1), (*path[:-1], str(path[-1]))}
        elif path:
            around |= {(*path[:-1], path[-1] + "x"), (*path[:-1], 0)}
    return paths | around


def _check(text: str) -> bool:
    """Where the loader walks the text (a file that loads, with lines split at line feeds alone, `navigable()`),
    every path's mark is the parsed one; True when it walks it."""
    parsed = _parsed(text)
    if parsed is None or loader._odd_breaks(text) or not marks.navigable(text):
        return False
    walk = marks.Walk(text)
    for path in _asked(parsed):
        for key in (False, True):
            try:
                found = walk.mark(path, key=key)
            except marks.Unsure:  # the file is parsed for this one
                continue
            assert found == parsed[key].get(path), (text, path, key, found, parsed[key].get(path))
    return True


def _files(folder: Path) -> list[Path]:
    return sorted(p for p in folder.rglob("*.yaml") if p.is_file())


def test_every_shipped_file_and_its_variants_are_walked_to_the_parsed_marks() -> None:
    rng = random.Random(16)
    walked = 0
    for path in _shipped():
        text = path.read_text(encoding="utf-8")
        walked += _check(text)
        for variant in (_hostile(rng, text) for _ in range(3)):
            if "9" * 4301 not in variant:
                _check(variant)
    assert walked > len(_shipped()) * 0.8  # the walk is what finds the marks of most files


def test_every_example_repository_file_is_walked_to_the_parsed_marks() -> None:
    files = _files(ROOT / "tests" / "examples") + sorted((ROOT / "tests" / "examples").rglob(".seuranta.yaml"))
    walked = sum(_check(path.read_text(encoding="utf-8")) for path in files)
    assert walked > len(files) * 0.6


def test_generated_measure_files_are_walked_to_the_parsed_marks(tmp_path: Path) -> None:
    spec = importlib.util.spec_from_file_location("generate", ROOT / "benchmarks" / "generate.py")
    assert spec is not None and spec.loader is not None
    generate = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(generate)
    generate.generate(tmp_path, 300, 16)
    files = _files(tmp_path / "data")
    walked = sum(_check(path.read_text(encoding="utf-8")) for path in files)
    assert len(files) > 300 and walked > len(files) * 0.8


@pytest.mark.parametrize("seed", range(200))
def test_generated_files_are_walked_to_the_parsed_marks(seed: int) -> None:
    for text in _texts(seed):
        if "9" * 4301 not in text:
            _check(text)


TRICKY = [
    "a:\n- 1\n-\n- - x\n  - y\n-   z\nb:\n  - c: 1\n    d:\n    - e\n  -\n    f: 2\n",
    "a: 'one\n  two'\nb: \"x\\\n  y\"\nc: 'it''s'\n",
    "a:\n  b: 'shallow\nc: quote'\n",
    "- a: 'x\n  y'\n  b: 1\n",
    "a: |\n  b: not a key\n  - not an entry\nc: >-\n\n   deeper\n  d\ne: 1\n",
    "a: plain\n  b: more\nc: 1\n",
    "a: plain\n  - more\nc: 1\n",
    "a: plain # c\n# c\nb:\n  # c\n\n  c: 1\n",
    "a:\n\n  # c\nb:   \nc:\n  x\n  y\n",
    "  a: 1\n  b:\n    c: 2\n",
    "a: [1, 2, 'x, y', \"z\"]\nb: []\nc: {}\nd: [ ]\n",
    "a: [b: 1]\n",
    "a: [1, [2]]\n",
    "a: {b: 1}\n",
    "'a': 1\nb c: 2\nd : 3\n",
    "? a\n: 1\n",
    "a: &x 1\nb: *x\n",
    "a: 1\n---\nb: 2\n",
    "a:\tb\n",
    "a: 1\r\nb: 2\r\n",
    "a:\n  - b\n - c\n",
    "a: b: c\n",
    "a: x\nb: y\na: z\n",
    "äö: å\nb: ääkköset: ei\nc: 'ä\n   ö'\n",
    "a:\n- b:\n  - c\n  d: 1\n",
    "a:\n  b:\n  - c\n  -\n  e: 1\n",
    "-a: 1\n",
    "a: -1\nb: -x\nc: ?x\nd: :x\n",
    "a: |+\n  x\n\n\nb: >2\n   y\n",
    "a:\n  |\n  x\n",
    "a: x\n   # comment\nb: 1\n",
    "a: 'x' # c\nb: \"y\"  # c\n",
    "a:\n  - - - x\n    - y\n  - z\n",
    "- a\n- b\n",
    "just text\n",
    "",
    "# only a comment\n",
    "a: 1",
    "a:",
    "a:\n  b:",
]


@pytest.mark.parametrize("text", HOSTILE + TRICKY)
def test_hostile_and_tricky_files_are_walked_to_the_parsed_marks(text: str) -> None:
    _check(text)


def test_the_walk_declines_what_it_cannot_place_by_indentation() -> None:
    """A quoted scalar whose further line is no deeper than its key, a flow collection over lines, an explicit
    key, a key not of one plain word, a tab, a document marker: the file is parsed for its marks."""
    for text in [
        "a:\n  b: 'shallow\n  c: quote'\n",
        "a: [1,\n  2]\n",
        "? a\n: 1\n",
        "'a': 1\n",
        "b c: 2\n",
        "a:\tb\n",
        "a: 1\n---\nb: 2\n",
        "a: {b: 1}\n",
    ]:
        assert not marks.navigable(text), text


# Texts of the block YAML the data is written in: keys, sequences at and past their key's indentation, every
# scalar style over one line or more, empty values, comments, blank lines and trailing spaces.
_WORDS = st.sampled_from(["a", "b", "text", "x-y", "k_2", "ä", "0", "a b", "'q'", '"d"', "a:b", "-", "~", "#"])
_PLAIN = st.lists(st.sampled_from(["sana", "ää", "1/2", "a:b", "x#y", "'", '"', "[", "-", "é€", "2021"]), min_size=1)


@st.composite
def _scalar(draw: st.DrawFn, indent: int) -> list[str]:
    """A scalar's lines, the first without its indentation (it follows a key or a dash)."""
    pad = " " * (indent + draw(st.integers(0, 3)))
    style = draw(st.sampled_from(["plain", "single", "double", "block", "flow", "empty"]))
    words = draw(_PLAIN)
    more = draw(st.lists(_PLAIN, max_size=2))
    if style == "plain":
        return [" ".join(words)] + [pad + " ".join(w) for w in more]
    if style in ("single", "double"):
        quote = "'" if style == "single" else '"'
        body = [" ".join(words).replace(quote, quote * 2 if quote == "'" else "\\" + quote)]
        body += [pad + " ".join(w).replace(quote, quote * 2 if quote == "'" else "\\" + quote) for w in more]
        body[0] = quote + body[0]
        body[-1] += quote
        return body
    if style == "block":
        header = draw(st.sampled_from(["|", "|-", ">", ">+", "|2"]))
        return [header] + [pad + " ".join(w) for w in [words, *more]]
    if style == "flow":
        return ["[" + ", ".join(words) + "]"]
    return [""]


@st.composite
def _node(draw: st.DrawFn, indent: int, depth: int) -> list[str]:
    """A mapping's or a sequence's lines at `indent`."""
    lines: list[str] = []
    sequence = draw(st.booleans())
    for _ in range(draw(st.integers(1, 3))):
        nested = depth < 3 and draw(st.booleans())
        head = "- " if sequence else draw(_WORDS) + ":" + draw(st.sampled_from([" ", "  "]))
        if nested:
            inner = indent + draw(st.sampled_from([0, 1, 2])) if not sequence else indent + 2
            body = draw(_node(inner, depth + 1))
            if sequence and draw(st.booleans()):
                lines.append(" " * indent + "- " + body[0].lstrip(" "))
                lines += body[1:]
            else:
                lines.append(" " * indent + head.rstrip(" ") + draw(st.sampled_from(["", " ", " # c"])))
                lines += body
        else:
            value = draw(_scalar(indent))
            lines.append(" " * indent + head + value[0])
            lines += value[1:]
        lines += draw(st.lists(st.sampled_from(["", "  ", "# c", " " * indent + "# c"]), max_size=1))
    return lines


@settings(max_examples=400, deadline=None)
@given(lines=_node(0, 0).filter(lambda lines: not lines[0].startswith("-")), end=st.sampled_from(["", "\n", "\n\n"]))
def test_any_block_text_is_walked_to_the_parsed_marks(lines: list[str], end: str) -> None:
    _check("\n".join(lines) + end)


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="ab1:- \n'\"#|>[],{}?\u00e4", max_size=60))
def test_any_text_is_walked_to_the_parsed_marks(text: str) -> None:
    _check(text)


def test_a_loaded_file_is_placed_by_the_walk_and_by_parsing_alike(monkeypatch: pytest.MonkeyPatch) -> None:
    raw = (ROOT / "data" / "pirsote" / "tp01" / "03-fysioterapeutin-suoravastaanottomalli.yaml").read_bytes()
    assert marks.navigable(raw.decode())
    walked = load_bytes("f.yaml", raw)
    parsed = load_bytes("f.yaml", raw)
    monkeypatch.setattr(marks, "navigable", lambda text: False)
    every = dict(parsed.marks), dict(parsed.key_marks)
    monkeypatch.undo()
    asked = sorted(_asked(every), key=repr)[: loader._LOCATED // 2]  # each asked for its mark and its key's
    assert [walked.marks.get(p) for p in asked] == [every[0].get(p) for p in asked]
    assert [walked.key_marks.get(p) for p in asked] == [every[1].get(p) for p in asked]
    positions = walked.marks.positions  # type: ignore[attr-defined]
    assert positions.walk is not None and positions.found is None  # walked, not parsed
    assert list(walked.marks.items()) == list(every[0].items())  # every mark at once: parsed
    assert positions.found is not None


def _walk_calls(statuses: int) -> int:
    """The calls of finding the mark of every status's text in a file of `statuses` statuses."""
    entry = "- date: '2020-11-15'\n  text: 7/14 organisaatiossa\n    jatkuu\n"
    parsed = load_bytes("f.yaml", ("id: x\nstatuses:\n" + entry * statuses).encode())
    profile = cProfile.Profile()
    found = profile.runcall(lambda: [parsed.marks[("statuses", i, "text")] for i in range(statuses)])
    assert found[-1] == (3 * statuses << 24) | 8  # the last text, after the two first lines and three a status
    return pstats.Stats(profile).total_calls  # type: ignore[attr-defined, no-any-return]


def test_finding_every_mark_of_a_file_is_linear_in_it() -> None:
    """Each walk may read the whole text: a file's first paths are walked to, and then every mark is parsed at
    once, so asking for every node's is about four times the calls at four times the size (not sixteen)."""
    small, large = _walk_calls(500), _walk_calls(2000)
    assert large < 5 * small, (small, large)


ADVERSARIAL = {
    "an unclosed quote over blank lines": "a: 'x\n" + "   \n" * 100_000 + "y'\n",
    "an unclosed quote over deeper lines": "a: 'x\n" + "   \n  z\n" * 60_000 + "y'\n",
    "blank and deeper lines after a plain value": "a: x\n" + "   \n  z\n" * 60_000 + "b: 1\n",
    "a line of quote pairs": "a: '" + "''" * 400_000 + "\n",
    "dashes in a row": "a:\n" + "- " * 300_000 + "x\n",
    "many keys": "".join(f"k{i}: 'v{i}'\n" for i in range(60_000)),
    "a long plain line": "a: " + "x " * 400_000 + "\n",
    "many spaces then a dash": "a:\n" + " " * 500_000 + "- x\n",
}


@pytest.mark.parametrize("shape", ADVERSARIAL)
def test_telling_whether_a_text_is_walked_is_linear_in_it(shape: str) -> None:
    """About a megabyte of each shape is told apart in well under a second of CPU; a regular expression that went
    back over its lines in every way they can be read would take longer than the universe."""
    text = ADVERSARIAL[shape]
    started = time.process_time()
    if marks.navigable(text):
        with contextlib.suppress(marks.Unsure):
            marks.located(text, ("a", 0), key=False)
    assert time.process_time() - started < 10, shape
