"""Checking on several cores gives exactly the findings of checking on one, in the same order."""

from __future__ import annotations

import datetime
import os
import re
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

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


def _boom(_: object) -> object:
    raise ValueError("a broken file reader")


def _second_boom(_: object, __: object) -> object:
    raise KeyError("a broken rule")


def _killed(_: object) -> object:
    os._exit(9)  # as the kernel's out-of-memory killer or a signal ends a process: no word, no result


def _public_part(chunk: list[int]) -> list[int]:
    return chunk


def _checked(mine: list[int], others: list[list[int]]) -> int:
    return sum(mine) + sum(map(sum, others))


def test_two_rounds_gives_every_worker_the_others_parts() -> None:
    combined, results = parallel.two_rounds([[1, 2], [3]], first=_public_part, second=_checked, combine=len)
    assert (combined, results) == (2, [6, 6])


@pytest.mark.parametrize(
    ("first", "second", "said"),
    [
        (_boom, _checked, "ValueError: a broken file reader"),
        (_public_part, _second_boom, "KeyError: 'a broken rule'"),
        (_killed, _checked, "a worker process ended without its results"),
    ],
)
def test_a_failing_worker_is_an_error_not_a_wait_or_a_traceback(
    first: Callable[[Any], Any], second: Callable[[Any, Any], Any], said: str, capfd: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(parallel.WorkerFailed, match=re.escape(said)):
        parallel.two_rounds([[1, 2], [3, 4]], first=first, second=second)
    assert "Traceback" not in capfd.readouterr().err


def test_validate_says_a_workers_error_in_one_line_and_exits_3(
    tree: Path, monkeypatch: pytest.MonkeyPatch, capfd: pytest.CaptureFixture[str]
) -> None:
    from seuranta.check import engine
    from seuranta.cli import main

    monkeypatch.setattr(parallel, "workers", lambda: 2)
    monkeypatch.setattr(parallel, "MIN_FILES", 1)
    monkeypatch.setattr(engine, "check_document", _second_boom)
    monkeypatch.chdir(tree)
    assert main(["validate", "--no-cache", "--lang", "en"]) == 3
    err = capfd.readouterr().err
    assert err == "seuranta validate: internal error, please report it: WorkerFailed: KeyError: 'a broken rule'\n"


def _ends_on_odd(name: int) -> int:
    if name % 2:
        os._exit(9)
    return name


def test_map_names_says_a_killed_worker_instead_of_waiting(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(parallel, "MIN_FILES", 1)
    monkeypatch.setattr(parallel, "workers", lambda: 2)
    with pytest.raises(parallel.WorkerFailed, match="a worker process ended without its results"):
        parallel.map_names(_ends_on_odd, list(range(20)))


def test_map_names_passes_a_workers_error_on(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(parallel, "MIN_FILES", 1)
    monkeypatch.setattr(parallel, "workers", lambda: 2)
    with pytest.raises(ValueError, match="a broken file reader"):
        parallel.map_names(_boom, list(range(20)))
