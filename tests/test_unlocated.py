"""An acknowledged finding no output shows is not located: every report is what locating every finding gives.

While a file's positions are deferred, a finding placed in a text is a ticket, and a ticket, once located, is
exactly where `place()` puts it undeferred.
"""

from __future__ import annotations

import random
import shutil
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from clirun import seuranta
from conftest import REPO
from seuranta.check import parallel
from seuranta.commands import validate
from seuranta.model import loader, marks
from seuranta.model.config import Config
from seuranta.model.documents import Document
from seuranta.model.index import build
from seuranta.model.loader import Ticket, defer_positions, is_ticket, load_bytes, located, numbered, position
from seuranta.model.problem import ERROR
from seuranta.reporters import REPORTERS
from seuranta.rules import context, support
from test_loader_values import _hostile, _texts
from test_positions_marks import HOSTILE


def _placed_alike(raw: bytes) -> int:
    """Deferred, every offset of every string of a loaded file is placed by a ticket that is located where
    `place()` puts it undeferred; the number of places asked for."""
    parsed = load_bytes("f.yaml", raw)
    if parsed.data is None or any(p.severity == ERROR for p in parsed.problems):
        return 0
    doc = Document("measure", "", parsed)
    asked = [(t.path, at) for t in support.strings(parsed.data) for at in {0, len(t.text) // 2, len(t.text)}]
    assert defer_positions(parsed)
    tickets = [
        support.place(doc, path, offset=at, ctx=context(build([]), Config(), date(2023, 1, 1))) for path, at in asked
    ]
    assert all(isinstance(t, Ticket) for t in tickets) and parsed.marks.positions.found is None  # type: ignore[attr-defined]
    at = located(parsed)
    ctx = context(build([]), Config(), date(2023, 1, 1))
    for (path, offset), ticket in zip(asked, tickets, strict=True):
        assert is_ticket(numbered(ticket))
        assert at.at(numbered(ticket)) == support.place(doc, path, offset=offset, ctx=ctx), (raw, path, offset)
    assert not isinstance(support.place(doc, (), offset=0, ctx=ctx), Ticket)
    return len(asked)


def test_every_shipped_file_and_its_variants_are_placed_alike_deferred() -> None:
    rng = random.Random(16)
    asked = 0
    for path in sorted((REPO / "data").rglob("*.yaml")):
        raw = path.read_bytes()
        asked += _placed_alike(raw)
        for variant in (_hostile(rng, raw.decode()) for _ in range(3)):
            if "9" * 4301 not in variant:
                _placed_alike(variant.encode())
    assert asked > 10_000


@pytest.mark.parametrize("seed", range(100))
def test_generated_files_are_placed_alike_deferred(seed: int) -> None:
    for text in _texts(seed):
        if "9" * 4301 not in text:
            _placed_alike(text.encode())


@pytest.mark.parametrize("text", HOSTILE)
def test_hostile_files_are_placed_alike_deferred(text: str) -> None:
    _placed_alike(text.encode())


def test_nothing_is_deferred_once_the_marks_are_found() -> None:
    parsed = load_bytes("f.yaml", b"a:\n  b: 1\n")
    assert position(parsed.marks[("a", "b")]) == (2, 6)
    assert not defer_positions(parsed)
    assert loader.ticket(parsed, lambda: (7, 7)) is None


def test_a_mark_read_while_deferred_is_the_mark() -> None:
    """A rule may read a mark for more than a finding's position (round-duplicate words its line): any reading
    of a ticket is the real (line, column); the engine alone reads its number."""
    raw = b"a:\n  b: x\n  c: [1, 2]\n"
    plain = Document("measure", "", load_bytes("f.yaml", raw))
    parsed = load_bytes("f.yaml", raw)
    doc = Document("measure", "", parsed)
    assert defer_positions(parsed)
    first, second = doc.mark("a", "c", 1), doc.key_mark("a", "b")
    assert numbered(first) == (0, 1) and numbered(second) == (0, 2) and parsed.marks.positions.found is None  # type: ignore[attr-defined]
    line, column = first
    assert (line, column) == plain.mark("a", "c", 1) == (3, 10) and first[0] == 3 and first == (3, 10)
    assert hash(second) == hash((2, 3)) and f"{second}" == "(2, 3)" and second < (2, 4) and 3 in first
    assert numbered(doc.mark("a")) == plain.mark("a") == (2, 3)  # found now: nothing more is deferred
    at = located(parsed)
    assert [at.at((0, n)) for n in (1, 2)] == [(3, 10), (2, 3)]


@pytest.fixture
def tree(tmp_path: Path) -> Path:
    shutil.copytree(REPO / "data", tmp_path / "data")
    shutil.copy(REPO / ".seuranta.yaml", tmp_path / ".seuranta.yaml")
    broken = tmp_path / "data/pirsote/tp01/03-fysioterapeutin-suoravastaanottomalli.yaml"
    text = broken.read_text(encoding="utf-8")
    broken.write_text(text.replace("10/15 sotekeskuksessa", "10/17 sotekeskuksessa", 1), encoding="utf-8")
    return tmp_path


def _reports(*extra: str) -> dict[str, str]:
    return {
        f"{name} {' '.join(extra)}": seuranta("validate", "--no-cache", "--format", name, *extra).stdout
        for name in sorted(REPORTERS.names)
    }


@pytest.mark.parametrize("forked", [False, True])
def test_every_report_is_what_locating_every_finding_gives(
    tree: Path, monkeypatch: pytest.MonkeyPatch, forked: bool
) -> None:
    monkeypatch.chdir(tree)
    if forked:
        monkeypatch.setattr(parallel, "workers", lambda: 2)
        monkeypatch.setattr(parallel, "MIN_FILES", 1)
    composed: list[str] = []
    compose = loader._composed_marks

    def counted(text: str) -> Any:
        composed.append(text)
        return compose(text)

    monkeypatch.setattr(loader, "_composed_marks", counted)
    walk = marks.Walk.mark

    def walked(self: Any, path: Any, *, key: bool) -> Any:
        composed.append(self.text)
        return walk(self, path, key=key)

    monkeypatch.setattr(marks.Walk, "mark", walked)
    reports = {**_reports(), **_reports("--show-acknowledged")}
    deferred = len(composed)
    monkeypatch.setattr(validate, "locates_acknowledged", lambda name, options: True)
    composed.clear()
    assert {**_reports(), **_reports("--show-acknowledged")} == reports
    assert "kuitattu [" in reports["text --show-acknowledged"] and "kuitattu [" not in reports["text "]
    assert "03-fysioterapeutin-suoravastaanottomalli.yaml:" in reports["text "]
    if not forked:  # the files whose findings are all acknowledged were not parsed or walked again for their marks
        assert deferred < len(composed)
