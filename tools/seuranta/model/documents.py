"""File kinds and the loaded documents the checks work on."""

from __future__ import annotations

import os
from pathlib import Path, PurePath
from typing import Any, NamedTuple

from seuranta.model.loader import DEFAULT_LIMITS, Limits, Parsed, load, placed, position

PROGRAMME = "programme"
GROUP = "group"
MEASURE = "measure"
CONFIG = "config"

PROGRAMME_FILE = "programme.yaml"
GROUP_FILE = "_group.yaml"
CONFIG_FILE = ".seuranta.yaml"


class Document(NamedTuple):
    """One loaded file: its kind, the id its path implies, and what the loader gave."""

    kind: str
    expected_id: str
    parsed: Parsed

    @property
    def path(self) -> str:
        return self.parsed.path

    @property
    def data(self) -> Any:
        return self.parsed.data

    def mark(self, *where: Any) -> tuple[int, int]:
        """The line:column of a value, or of its nearest enclosing node (while the file's positions are
        deferred, a `loader.Ticket` that finds it when read)."""
        return placed(self.parsed, lambda: self._mark(where))

    def _mark(self, where: tuple[Any, ...]) -> tuple[int, int]:
        marks = self.parsed.marks
        while True:
            found = marks.get(where)  # one look-up a path: a mark is never None
            if found is not None:
                return position(found)
            if not where:
                return (1, 1)
            where = where[:-1]

    def key_mark(self, *where: Any) -> tuple[int, int]:
        return placed(self.parsed, lambda: self._key_mark(where))

    def _key_mark(self, where: tuple[Any, ...]) -> tuple[int, int]:
        found = self.parsed.key_marks.get(where)
        return position(found) if found is not None else self._mark(where)


def kind_of(path: str | PurePath) -> str:
    """The kind of a file by its name (a path as a string, as the listing gives it, is not parsed into parts)."""
    name = os.path.basename(path)
    if name == PROGRAMME_FILE:
        return PROGRAMME
    if name == GROUP_FILE:
        return GROUP
    if name == CONFIG_FILE:
        return CONFIG
    return MEASURE


def expected_id(relative: str | PurePath, kind: str) -> str:
    """The id a file's place under data/ gives it (programme, programme/group, programme/group/measure);
    `relative` is a path or, as the listing gives it, a string of the parts joined by `os.sep`."""
    parts = tuple(relative.split(os.sep)) if isinstance(relative, str) else relative.parts
    dot = parts[-1].rfind(".") if parts else -1
    if 0 < dot < len(parts[-1]) - 1:  # a suffix, as `with_suffix("")` would drop it
        parts = (*parts[:-1], parts[-1][:dot])
    if kind == PROGRAMME:
        return "/".join(parts[:-1])
    if kind == GROUP:
        return "/".join(parts[:-1])
    return "/".join(parts)


def read(path: Path, *, display: str, relative: Path | None, limits: Limits = DEFAULT_LIMITS) -> Document:
    kind = kind_of(path)
    ident = expected_id(relative, kind) if relative is not None else ""
    return Document(kind, ident, load(path, display, limits))
