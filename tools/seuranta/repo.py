"""Finding the repository a command runs in, and the data files under it."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

from seuranta.documents import CONFIG_FILE


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


def yaml_names(folder: str) -> Iterator[str]:
    """The path of every .yaml/.yml file below `folder` as a plain string, hidden files and folders skipped."""
    for top, dirs, files in os.walk(folder):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        yield from (os.path.join(top, f) for f in files if f.endswith((".yaml", ".yml")) and not f.startswith("."))


def yaml_files(folder: Path) -> list[Path]:
    """Every .yaml/.yml file below `folder`, in a stable order."""
    return sorted(Path(name) for name in yaml_names(str(folder)))


def under(path: Path, folder: Path) -> Path | None:
    """`path` relative to `folder`, or None when it lies outside."""
    try:
        return path.resolve().relative_to(folder.resolve())
    except ValueError:
        return None


def display(path: Path, root: Path) -> str:
    """How findings name a file: relative to the repository root when inside it."""
    try:
        return path.resolve().relative_to(root).as_posix()
    except ValueError:
        return str(path)
