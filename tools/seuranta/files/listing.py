"""The one listing of data files that every command walks.

A file is listed once, under the name findings give it (relative to the repository root when
inside it, with forward slashes), in one order: by path components, so a folder's files come
before those of a sibling folder whose name extends it (`tp01/…` before `tp01-b/…`). Files
named on the command line that lie inside the data folder are the same entries; files outside
it are added after, in the order given.

A name that cannot be read as a data file is never opened: a folder that cannot be read, a FIFO or
other non-regular file, a dangling or looping symbolic link, a link out of the repository. Each is
a located finding (`refusals()`), so no file is skipped in silence.
"""

from __future__ import annotations

import operator
import os
import stat
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import NamedTuple

from seuranta.model.access import KINDS, MESSAGES, reason
from seuranta.model.errors import UsageError
from seuranta.model.problem import Message, Problem

MISSING = Message("Tiedostoa tai kansiota ei löydy: {names}", "No such file or folder: {names}")


YAML_SUFFIXES = (".yaml", ".yml")
_NAME = operator.attrgetter("name")


class Refused(NamedTuple):
    """A name under the data folder that is not read: where it is on disk, the rule and its fields."""

    path: str
    rule: str
    fields: dict[str, str]


def refusal_problem(refused: Refused, name: str) -> Problem:
    """`refused` as a finding on `name`, the name findings give it."""
    severity, message = MESSAGES[refused.rule]
    text = Message(message.fi.format(**refused.fields), message.en.format(**refused.fields))
    return Problem(name, 1, 1, refused.rule, severity, text)


class Walked(NamedTuple):
    """What a walk went through: every folder it read and every link it followed (paths)."""

    folders: list[str]
    links: list[str]


class Source(NamedTuple):
    """A data file: where it is on disk, how findings name it and its place under the data folder."""

    path: str
    name: str
    relative: str | None


def order(name: str) -> tuple[str, ...]:
    """The listing's sort key: path components, compared one by one."""
    return tuple(name.split("/"))


def yaml_names(
    folder: str, refused: list[Refused] | None = None, root: str | None = None, walked: Walked | None = None
) -> Iterator[str]:
    """The path of every regular .yaml/.yml file below `folder` as a plain string, hidden files and
    folders skipped; what cannot be read is appended to `refused` (a link is followed only to a
    regular file, inside `root` when given). `walked`, when given, collects the folders read and the
    links followed."""
    found = refused if refused is not None else []
    try:
        with os.scandir(folder) as scan:
            entries = sorted(scan, key=_NAME)
    except OSError as err:
        found.append(Refused(folder, "file-unreadable", reason(err)))
        return
    if walked is not None:
        walked.folders.append(folder)
    for entry in entries:  # a regular file (most entries) is told first, by the entry's type alone
        name = entry.name
        if name.startswith("."):
            continue
        if entry.is_file(follow_symlinks=False):
            if name.endswith(YAML_SUFFIXES):
                yield entry.path
        elif entry.is_dir(follow_symlinks=False):
            yield from yaml_names(entry.path, found, root, walked)
        elif entry.is_symlink() or name.endswith(YAML_SUFFIXES):
            for path in _special(entry, found, root):
                if walked is not None:
                    walked.links.append(path)
                yield path


def _special(entry: os.DirEntry[str], refused: list[Refused], root: str | None) -> Iterator[str]:
    """A link or a non-regular file: yielded only when it is a link to a regular data file in the repository."""
    try:
        target = os.stat(entry.path)
    except OSError as err:
        if entry.name.endswith(YAML_SUFFIXES):
            refused.append(Refused(entry.path, "file-link-broken", reason(err)))
        return
    if stat.S_ISDIR(target.st_mode):
        if entry.is_symlink():
            refused.append(Refused(entry.path, "file-link-folder", {}))
        return
    if not entry.name.endswith(YAML_SUFFIXES):
        return
    if not stat.S_ISREG(target.st_mode):
        what = KINDS.get(stat.S_IFMT(target.st_mode), ("erikoistiedosto", "a special file"))
        refused.append(Refused(entry.path, "file-not-regular", {"what_fi": what[0], "what_en": what[1]}))
    elif root is not None and not _inside(os.path.realpath(entry.path), root):
        refused.append(Refused(entry.path, "file-link-outside", {}))
    else:
        yield entry.path


def _inside(path: str, root: str) -> bool:
    return path == root or path.startswith(root.rstrip(os.sep) + os.sep)


def yaml_files(folder: Path) -> list[Path]:
    """Every .yaml/.yml file below `folder`, in the listing's order."""
    return sorted((Path(name) for name in yaml_names(str(folder))), key=lambda p: p.parts)


def data_sources(
    root: Path, data: Path, refused: list[Refused] | None = None, walked: Walked | None = None
) -> list[Source]:
    """Every file of the data folder, walked with plain strings (at national scale pathlib costs more)."""
    if not data.is_dir():
        return []
    base, prefix = str(data), len(str(root)) + 1
    names = yaml_names(base, refused, os.path.realpath(root), walked)
    found = [Source(full, full[prefix:].replace(os.sep, "/"), full[len(base) + 1 :]) for full in names]
    return sorted(found, key=lambda s: order(s.name))


def refusals(root: Path, data_folder: str, folders: Iterable[Path] | None = None) -> list[Problem]:
    """A finding for every name under the data folder (or under `folders`) that is not read as a data file."""
    refused: list[Refused] = []
    real_root = os.path.realpath(root)
    for folder in [root / data_folder] if folders is None else folders:
        if folder.is_dir():
            refused.extend(_refused_only(str(folder), real_root))
    return refusal_problems(refused, root)


def refusal_problems(refused: list[Refused], root: Path) -> list[Problem]:
    """The refusals of a walk as findings, each once, in the findings' order."""
    found = {refusal_problem(r, _name(r.path, root)) for r in refused}
    return sorted(found, key=Problem.sort_key)


def outward_links(paths: list[Path], root: Path) -> tuple[list[Path], list[Problem]]:
    """Files named on the command line, less the links that lead out of the repository (each a finding)."""
    real_root = os.path.realpath(root)
    kept: list[Path] = []
    refused: list[Problem] = []
    for path in paths:
        if os.path.islink(path) and not _inside(os.path.realpath(path), real_root):
            refused.append(refusal_problem(Refused(str(path), "file-link-outside", {}), _name(str(path), root)))
        else:
            kept.append(path)
    return kept, refused


def _name(path: str, root: Path) -> str:
    """How findings name a path, its links not followed (a link's target is not its name)."""
    relative = os.path.relpath(os.path.abspath(path), os.path.abspath(root))
    return path if relative.startswith("..") else relative.replace(os.sep, "/")


def _refused_only(folder: str, root: str) -> list[Refused]:
    refused: list[Refused] = []
    for _ in yaml_names(folder, refused, root):
        pass
    return refused


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


def sources(
    root: Path, data_folder: str, extra: Iterable[Path] = (), listed: list[Source] | None = None
) -> list[Source]:
    """The data folder's files (`listed`, when already known), then any files named outside it; each file once."""
    data = root / data_folder
    found = list(listed) if listed is not None else data_sources(root, data)
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
        elif path.exists():  # a FIFO or device named here is the loader's finding, never opened
            found.append(path)
        else:
            missing.append(name)
    if missing:
        raise UsageError(MISSING, names=", ".join(missing))
    return found
