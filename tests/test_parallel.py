"""Checking on several cores gives exactly the findings of checking on one, in the same order."""

from __future__ import annotations

import datetime
import marshal
import os
import re
import shutil
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


def _reports(capsys: pytest.CaptureFixture[str]) -> list[str]:
    from seuranta.cli import main

    shown = []
    for each in (["--format", "json"], ["--show-acknowledged"], []):
        assert main(["validate", "--no-cache", *each]) == 1
        shown.append(capsys.readouterr().out)
    return shown


def test_the_reports_do_not_depend_on_which_worker_checks_a_file(
    tree: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """The whole reports of one process, of two workers, of two workers each checking only the other's files
    (loading them again), and of the same with every such file given back to the worker that loaded it."""
    from seuranta.check import tree as checked_tree

    original = tree / "data/pirsote/tp01/03-fysioterapeutin-suoravastaanottomalli.yaml"
    (original.parent / "99-kopio.yaml").write_text(original.read_text(encoding="utf-8"), encoding="utf-8")
    monkeypatch.chdir(tree)
    monkeypatch.setattr(parallel, "workers", lambda: 1)
    alone = _reports(capsys)
    monkeypatch.setattr(parallel, "workers", lambda: 2)
    monkeypatch.setattr(parallel, "MIN_FILES", 1)
    assert _reports(capsys) == alone
    monkeypatch.setattr(parallel, "_turns", lambda me, count: [(me + 1) % count])
    assert _reports(capsys) == alone
    monkeypatch.setattr(checked_tree, "_adopted", lambda checker, share: None)
    assert _reports(capsys) == alone
    assert '"rule": "id-unique"' in alone[0] and '"rule": "fraction-denominator"' in alone[0]


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


def _killed_on_seven(piece: list[int]) -> list[int]:
    if 7 in piece:  # one worker ends; the other has loaded the rest and waits for the exchange
        os._exit(9)
    return piece


def _published(piece: list[int]) -> bytes:
    return marshal.dumps(piece)


def _total(pieces: list[list[int]], others: list[bytes]) -> int:
    return sum(map(sum, pieces)) + sum(sum(marshal.loads(part)) for part in others)


def _own(total: int, piece: list[int]) -> dict[str, Any]:
    return {str(item): ("own", total + item) for item in piece}


def _adopted(total: int, piece: list[int]) -> dict[str, Any] | None:
    return {str(item): ("adopted", total + item) for item in piece}


INTS = parallel.Rounds(load=list, publish=_published, prepare=_total, check=_own, adopt=_adopted)
ITEMS = list(range(200))
TOTAL = sum(ITEMS)


def test_balanced_gives_every_worker_the_others_parts() -> None:
    combined, results = parallel.balanced(ITEMS, INTS, count=2, combine=lambda parts: sorted(map(marshal.loads, parts)))
    assert combined == parallel.pieces(ITEMS)
    assert {name: value for name, (_, value) in results.items()} == {str(i): TOTAL + i for i in ITEMS}


def test_a_worker_checks_the_pieces_another_has_not_reached(monkeypatch: pytest.MonkeyPatch) -> None:
    """Each worker taking only the other's pieces: every piece is checked once, by the worker that did not load
    it, after loading it again; a piece that no longer reads as its owner read it goes back to its owner."""
    monkeypatch.setattr(parallel, "_turns", lambda me, count: [(me + 1) % count])
    _, results = parallel.balanced(ITEMS, INTS, count=2)
    assert results == {str(i): ("adopted", TOTAL + i) for i in ITEMS}
    given_back = INTS._replace(adopt=lambda total, piece: None)
    _, results = parallel.balanced(ITEMS, given_back, count=2)
    assert results == {str(i): ("own", TOTAL + i) for i in ITEMS}


def _failing_check(_: object, __: object) -> dict[str, Any]:
    raise KeyError("a broken rule")


@pytest.mark.parametrize(
    ("rounds", "said"),
    [
        (INTS._replace(load=_boom), "ValueError: a broken file reader"),
        (INTS._replace(check=_failing_check, adopt=_failing_check), "KeyError: 'a broken rule'"),
        (INTS._replace(load=_killed), "a worker process ended without its results"),
        (INTS._replace(load=_killed_on_seven), "a worker process ended without its results"),
    ],
)
def test_a_failing_worker_is_an_error_not_a_wait_or_a_traceback(
    rounds: parallel.Rounds, said: str, capfd: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(parallel.WorkerFailed, match=re.escape(said)):
        parallel.balanced(ITEMS, rounds, count=2)
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
