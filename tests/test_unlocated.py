"""An acknowledged finding no output shows is not located: every report is what locating every finding gives.

While a file's positions are deferred, a mark asked for is a ticket; the nodes a file has are read from its
values, and a ticket, once located, is exactly the mark the file's text gives.
"""

from __future__ import annotations

import random
import shutil
from pathlib import Path
from typing import Any

import pytest

from clirun import seuranta
from conftest import REPO
from seuranta.check import parallel
from seuranta.commands import validate
from seuranta.model import loader
from seuranta.model.loader import defer_positions, is_ticket, load_bytes, located, position
from seuranta.model.problem import ERROR
from seuranta.reporters import REPORTERS
from test_loader_values import _hostile, _texts
from test_positions_marks import HOSTILE


def _paths(data: Any, path: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    """Every node's path, and beside each some that name no node (a key, an index past the end, -1, 1.0)."""
    found = [path, (*path, "nope"), (*path, 99), (*path, -1), (*path, 0.0), (*path, True)]
    items = data.items() if isinstance(data, dict) else enumerate(data) if isinstance(data, list) else ()
    for key, value in items:
        found += _paths(value, (*path, key))
    return found


def _held_alike(raw: bytes) -> int:
    """Deferred, a loaded file's marks hold exactly the paths its marks hold, and each ticket is located where
    the mark stands; the number of paths asked about."""
    parsed = load_bytes("f.yaml", raw)
    if parsed.data is None or any(p.severity == ERROR for p in parsed.problems):
        return 0
    paths = _paths(parsed.data)
    assert defer_positions(parsed)
    tickets = [
        (p, p in parsed.marks, parsed.marks.get(p), p in parsed.key_marks, parsed.key_marks.get(p)) for p in paths
    ]
    assert loader.ticket(parsed, lambda: (7, 7)) == (
        0,
        sum((m is not None) + (k is not None) for *_, m, _, k in tickets) + 1,
    )
    at = located(parsed)
    real_marks, real_keys = dict(parsed.marks), dict(parsed.key_marks)
    for path, held, mark, key_held, key in tickets:
        assert held == (path in real_marks) and key_held == (path in real_keys), (raw, path)
        for ticket, real in ((mark, real_marks.get(path)), (key, real_keys.get(path))):
            if real is None:
                assert ticket is None
            else:
                assert ticket is not None and is_ticket(position(ticket)), (raw, path)
                assert at.at(position(ticket)) == position(real), (raw, path)
    return len(paths)


def test_every_shipped_file_and_its_variants_hold_the_same_paths_deferred() -> None:
    rng = random.Random(16)
    asked = 0
    for path in sorted((REPO / "data").rglob("*.yaml")):
        raw = path.read_bytes()
        asked += _held_alike(raw)
        for variant in (_hostile(rng, raw.decode()) for _ in range(3)):
            if "9" * 4301 not in variant:
                _held_alike(variant.encode())
    assert asked > 10_000


@pytest.mark.parametrize("seed", range(100))
def test_generated_files_hold_the_same_paths_deferred(seed: int) -> None:
    for text in _texts(seed):
        if "9" * 4301 not in text:
            _held_alike(text.encode())


@pytest.mark.parametrize("text", HOSTILE)
def test_hostile_files_hold_the_same_paths_deferred(text: str) -> None:
    _held_alike(text.encode())


def test_nothing_is_deferred_once_the_marks_are_found() -> None:
    parsed = load_bytes("f.yaml", b"a:\n  b: 1\n")
    assert position(parsed.marks[("a", "b")]) == (2, 6)
    assert not defer_positions(parsed)
    assert loader.ticket(parsed, lambda: (7, 7)) is None


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
    reports = {**_reports(), **_reports("--show-acknowledged")}
    deferred = len(composed)
    monkeypatch.setattr(validate, "locates_acknowledged", lambda name, options: True)
    composed.clear()
    assert {**_reports(), **_reports("--show-acknowledged")} == reports
    assert "kuitattu [" in reports["text --show-acknowledged"] and "kuitattu [" not in reports["text "]
    assert "03-fysioterapeutin-suoravastaanottomalli.yaml:" in reports["text "]
    if not forked:  # the files whose findings are all acknowledged were not parsed again for their marks
        assert deferred < len(composed)
