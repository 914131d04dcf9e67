"""The data files of one version: the working tree on disk, or a git revision read as blobs.

Documents are named the same way on both sides (their path from the repository root), so a
file at a revision and the same file in the working tree compare by name.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path, PurePosixPath
from typing import NamedTuple

from seuranta.files import git
from seuranta.model import config as config_mod
from seuranta.model.config import Config
from seuranta.model.documents import Document, expected_id, kind_of, read
from seuranta.model.loader import Limits, load_bytes

YAML_SUFFIXES = (".yaml", ".yml")


class Place(NamedTuple):
    """Where the data lives in git: the work tree's top, the data folder and the repository root below it."""

    top: Path
    data: str
    prefix: str
    limits: Limits


def load_config(root: Path) -> Config:
    return config_mod.load(root).config


def place(root: Path, config: Config) -> Place:
    top = git.toplevel(root)
    below = root.resolve().relative_to(top.resolve()).as_posix()
    prefix = "" if below == "." else below + "/"
    return Place(top, prefix + config.data.strip("/"), prefix, config.limits)


def is_data_file(name: str, where: Place) -> bool:
    """A .yaml/.yml file under the data folder, outside hidden folders."""
    path = PurePosixPath(name)
    if path.suffix not in YAML_SUFFIXES or not path.is_relative_to(where.data):
        return False
    return not any(part.startswith(".") for part in path.relative_to(where.data).parts)


def data_files(names: Iterable[str], where: Place) -> list[str]:
    return sorted({name for name in names if is_data_file(name, where)})


def from_blob(name: str, raw: bytes, where: Place) -> Document:
    kind = kind_of(Path(name))
    relative = Path(PurePosixPath(name).relative_to(where.data))
    return Document(kind, expected_id(relative, kind), load_bytes(name[len(where.prefix) :], raw, where.limits))


def at_revision(where: Place, commit: str, names: Iterable[str]) -> dict[str, Document]:
    """The named files at a commit (missing ones left out), by display path."""
    blobs = git.read_blobs(where.top, commit, names)
    docs = (from_blob(name, raw, where) for name, raw in blobs.items() if raw is not None)
    return {doc.path: doc for doc in docs}


def in_working_tree(where: Place, names: Iterable[str]) -> dict[str, Document]:
    """The named files as they are on disk (missing ones left out), by display path."""
    docs = []
    for name in names:
        path = where.top / name
        if path.is_file():
            relative = Path(PurePosixPath(name).relative_to(where.data))
            docs.append(read(path, display=name[len(where.prefix) :], relative=relative, limits=where.limits))
    return {doc.path: doc for doc in docs}


def whole_revision(where: Place, commit: str) -> list[Document]:
    """Every data file at a commit, in path order."""
    names = data_files(git.tree_files(where.top, commit, where.data), where)
    return list(at_revision(where, commit, names).values())
