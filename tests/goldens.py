"""Golden files under tests/golden/: exact-string comparison; SEURANTA_UPDATE_GOLDEN=1 rewrites them."""

from __future__ import annotations

from pathlib import Path

from conftest import update_golden

GOLDEN = Path(__file__).resolve().parent / "golden"


def check(name: str, text: str) -> None:
    """The text must equal tests/golden/<name> exactly (written instead when updating)."""
    path = GOLDEN / name
    if update_golden():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8", newline="")
    assert path.is_file(), f"no golden file {path}; run with SEURANTA_UPDATE_GOLDEN=1"
    assert text == path.read_text(encoding="utf-8")
