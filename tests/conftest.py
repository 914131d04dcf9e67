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
