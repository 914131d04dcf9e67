"""Data-driven acceptance tests: every folder under tests/examples is a small repository.

Each holds `.seuranta.yaml`, a `data/` tree and `expected.txt`, the exact output of
`seuranta validate --lang en` run in that folder. SEURANTA_UPDATE_GOLDEN=1 rewrites them.
"""

from __future__ import annotations

import contextlib
import io
from pathlib import Path

import pytest

from conftest import EXAMPLES, update_golden
from seuranta.cli import main

CASES = sorted(p for p in EXAMPLES.iterdir() if (p / ".seuranta.yaml").is_file()) if EXAMPLES.is_dir() else []


def run_in(folder: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[int, str]:
    monkeypatch.chdir(folder)
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        code = main(["validate", "--lang", "en", "--no-cache"])
    return code, out.getvalue()


@pytest.mark.parametrize("case", CASES, ids=[p.name for p in CASES])
def test_example(case: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    code, output = run_in(case, monkeypatch)
    golden = case / "expected.txt"
    if update_golden():
        golden.write_text(output, encoding="utf-8")
    assert output == golden.read_text(encoding="utf-8")
    errors = int(output.strip().splitlines()[-1].split()[0])
    assert code == (1 if errors else 0)


def test_there_are_good_and_bad_examples() -> None:
    names = [p.name for p in CASES]
    assert any("-good" in n for n in names) and any("-bad" in n for n in names)
