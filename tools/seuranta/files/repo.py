"""Finding the repository a command runs in."""

from __future__ import annotations

from pathlib import Path

from seuranta.model.documents import CONFIG_FILE


def find_root(start: Path) -> Path:
    """The nearest folder upwards holding `.seuranta.yaml`, else a `data/` folder, else `start`."""
    start = start.resolve()
    for folder in (start, *start.parents):
        if (folder / CONFIG_FILE).is_file():
            return folder
    for folder in (start, *start.parents):
        if (folder / "data").is_dir() and (folder / "schemas").is_dir():
            return folder
    return start
