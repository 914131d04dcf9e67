"""The one listing of data files that every command walks.

A file is listed once, under the name findings give it (relative to the repository root when
inside it, with forward slashes), in one order: by path components, so a folder's files come
before those of a sibling folder whose name extends it (`tp01/…` before `tp01-b/…`). Files
named on the command line that lie inside the data folder are the same entries; files outside
it are added after, in the order given.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import NamedTuple

from seuranta.model.errors import UsageError
from seuranta.model.problem import Message

MISSING = Message("Tiedostoa tai kansiota ei löydy: {names}", "No such file or folder: {names}")


class Source(NamedTuple):
    """A data file: where it is on disk, how findings name it and its place under the data folder."""

    path: str
    name: str
    relative: str | None


def order(name: str) -> tuple[str, ...]:
    """The listing's sort key: path components, compared one by one."""
    return tuple(name.split("/"))


def yaml_names(folder: str) -> Iterator[str]:
    """The path of every .yaml/.yml file below `folder` as a plain string, hidden files and folders skipped."""
    for top, dirs, files in os.walk(folder):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        yield from (os.path.join(top, f) for f in files if f.endswith((".yaml", ".yml")) and not f.startswith("."))


def yaml_files(folder: Path) -> list[Path]:
    """Every .yaml/.yml file below `folder`, in the listing's order."""
    return sorted((Path(name) for name in yaml_names(str(folder))), key=lambda p: p.parts)


def data_sources(root: Path, data: Path) -> list[Source]:
    """Every file of the data folder, walked with plain strings (at national scale pathlib costs more)."""
    if not data.is_dir():
        return []
    base, prefix = str(data), len(str(root)) + 1
    found = [Source(full, full[prefix:].replace(os.sep, "/"), full[len(base) + 1 :]) for full in yaml_names(base)]
    return sorted(found, key=lambda s: order(s.name))


def display(path: Path, root: Path) -> str:
    """How findings name a file: relative to the repository root when inside it."""
    try:
        return path.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return str(path)


def under(path: Path, folder: Path) -> Path | None:
    """`path` relative to `folder`, or None when it lies outside."""
    try:
        return path.resolve().relative_to(folder.resolve())
    except ValueError:
        return None


def sources(root: Path, data_folder: str, extra: Iterable[Path] = ()) -> list[Source]:
    """The data folder's files, then any files named outside it; each file once."""
    data = root / data_folder
    found = data_sources(root, data)
    known = {s.name for s in found}
    for path in extra:
        name = display(path, root)
        if name not in known:
            known.add(name)
            relative = under(path, data)
            found.append(Source(str(path), name, str(relative) if relative is not None else None))
    return found


def expand(paths: Iterable[str]) -> list[Path]:
    """The files named on the command line, folders walked; a name that does not exist is a usage error."""
    found: list[Path] = []
    missing: list[str] = []
    for name in paths:
        path = Path(name)
        if path.is_dir():
            found.extend(yaml_files(path))
        elif path.is_file():
            found.append(path)
        else:
            missing.append(name)
    if missing:
        raise UsageError(MISSING, names=", ".join(missing))
    return found
