from __future__ import annotations

import os
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
EXAMPLES = Path(__file__).resolve().parent / "examples"


@pytest.fixture(autouse=True)
def _fixed_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    """Tests see a fixed clock and no CI-specific defaults."""
    monkeypatch.setenv("SEURANTA_TODAY", "2023-01-01")
    monkeypatch.delenv("GITHUB_ACTIONS", raising=False)
    monkeypatch.setenv("SEURANTA_LANG", "fi")


def update_golden() -> bool:
    return os.environ.get("SEURANTA_UPDATE_GOLDEN") == "1"


@pytest.fixture
def git_repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A real git repository with one commit per round (tests/gitrepo.py), as the working directory."""
    import gitrepo

    repo: Path = gitrepo.build(tmp_path, monkeypatch)
    monkeypatch.chdir(repo)
    return repo
