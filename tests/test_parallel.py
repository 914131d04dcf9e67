"""Checking on several cores gives exactly the findings of checking on one, in the same order."""

from __future__ import annotations

import datetime
import shutil
from pathlib import Path

import pytest

from conftest import REPO
from seuranta.check import parallel
from seuranta.check.tree import check_tree
from seuranta.model.config import Config


@pytest.fixture
def tree(tmp_path: Path) -> Path:
    shutil.copytree(REPO / "data", tmp_path / "data")
    (tmp_path / ".seuranta.yaml").write_text((REPO / ".seuranta.yaml").read_text(encoding="utf-8"), encoding="utf-8")
    broken = tmp_path / "data/pirsote/tp01/03-fysioterapeutin-suoravastaanottomalli.yaml"
    broken.write_text(
        broken.read_text(encoding="utf-8").replace("10/15 sotekeskuksessa", "10/17 sotekeskuksessa", 1),
        encoding="utf-8",
    )
    return tmp_path


def run(root: Path) -> list[tuple[str, int, int, str]]:
    result = check_tree(
        root,
        Config(allow_phones=frozenset({"03 10023"})),
        targets=None,
        extra=[],
        today=datetime.date(2023, 1, 1),
        use_cache=False,
    )
    return [(p.path, p.line, p.column, p.rule) for p in result.problems if not p.acknowledged]


def test_forked_workers_find_what_one_process_finds(tree: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(parallel, "workers", lambda: 1)
    alone = run(tree)
    monkeypatch.setattr(parallel, "workers", lambda: 2)
    monkeypatch.setattr(parallel, "MIN_FILES", 1)
    assert run(tree) == alone
    assert ("data/pirsote/tp01/03-fysioterapeutin-suoravastaanottomalli.yaml", "fraction-denominator") in [
        (p, r) for p, _, _, r in alone
    ]


def test_map_names_keeps_the_order(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(parallel, "workers", lambda: 2)
    monkeypatch.setattr(parallel, "MIN_FILES", 1)
    names = [f"n{i}" for i in range(9)]
    assert parallel.map_names(str.upper, names) == [n.upper() for n in names]


def test_a_tree_read_on_every_core_holds_the_same_data(tree: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from seuranta.check.tree import load_tree

    alone = load_tree(tree, Config())
    monkeypatch.setattr(parallel, "workers", lambda: 2)
    monkeypatch.setattr(parallel, "MIN_FILES", 1)
    shared = load_tree(tree, Config(), positions=False)
    assert [(d.path, d.kind, d.expected_id, d.data) for d in shared.docs] == [
        (d.path, d.kind, d.expected_id, d.data) for d in alone.docs
    ]
    assert sorted(shared.model.measures) == sorted(alone.model.measures)
