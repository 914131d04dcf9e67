"""Where the schemas live, and how a data file names the schema an editor checks it with.

The draft 2020-12 sources are beside the package in a wheel, at the repository root in a
checkout. Editors get the draft-07 build (`model/draft07.py`) at one path relative to every
repository's root, `schemas/draft-07/<kind>.schema.json`: seuranta's own repository has it
checked in, and `seuranta init` writes it into a data repository. A data file's modeline points
there relative to the file, so it resolves in any repository laid out the same way.
"""

from __future__ import annotations

import os
from functools import lru_cache
from pathlib import Path, PurePosixPath

from seuranta.model.draft07 import FOLDER

_PACKAGE = Path(__file__).resolve().parent.parent

EDITOR_SCHEMAS = PurePosixPath("schemas") / FOLDER
"""The editors' schemas, relative to a repository's root."""

EDITOR_KINDS = ("common", "config", "group", "measure", "programme")
"""Every schema file of the editors' build (the four file kinds and their shared definitions)."""


@lru_cache(maxsize=1)
def schemas_dir() -> Path:
    for candidate in (_PACKAGE / "schemas", _PACKAGE.parent.parent / "schemas"):
        if (candidate / "measure.schema.json").is_file():
            return candidate
    raise FileNotFoundError("seuranta schemas not found")


def editor_schemas_dir() -> Path:
    """The draft-07 build shipped with the package."""
    return schemas_dir() / FOLDER


def editor_schema(kind: str) -> PurePosixPath:
    """`schemas/draft-07/measure.schema.json`: a kind's editor schema relative to the repository root."""
    return EDITOR_SCHEMAS / f"{kind}.schema.json"


def modeline(kind: str, folder: str | os.PathLike[str]) -> str:
    """The first line of a file of `kind` in `folder` (relative to the repository root): the schema for editors."""
    target = os.path.relpath(editor_schema(kind), PurePosixPath(folder).as_posix() or ".")
    return f"# yaml-language-server: $schema={PurePosixPath(Path(target).as_posix())}\n"
