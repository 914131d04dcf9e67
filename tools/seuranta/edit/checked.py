"""A checked write: the new text validated in memory, then written atomically, or nothing written.

Every writer of data files (`status add`, `new`, `extract --write`, `import xlsx`) ends in
`write()`. It refuses, with findings and without touching the disk:

- a path outside the data folder (`../../x`), or one whose real place (symlinks followed) is outside
  the repository;
- a file that exists and is read-only (a rename would otherwise replace it);
- a text that would add an error: the file is checked with the same engine as `validate` (loader,
  schema, every enabled rule, acknowledgements) against the index of its whole programme, once as it
  is on disk and once as it would be, and any error finding the new text has that the old one did
  not is returned. Errors already there are not the writer's to fix and do not stop it.

Findings are compared without their positions (an inserted line moves every later one): by rule,
matched text and message with its digits blanked.
"""

from __future__ import annotations

import datetime
import os
import re
from collections import Counter
from collections.abc import Iterable
from pathlib import Path
from typing import NamedTuple

from seuranta.check.engine import check_document
from seuranta.files import atomic, listing
from seuranta.model import config as config_mod
from seuranta.model import counts, loader
from seuranta.model.config import Config
from seuranta.model.documents import Document, expected_id, kind_of, read
from seuranta.model.index import build
from seuranta.model.problem import ERROR, Message, Problem
from seuranta.rules import context

OUTSIDE = Message(
    "{path} on datakansion {data} ulkopuolella; tiedostoa ei kirjoitettu. Anna polku datakansion sisällä.",
    "{path} is outside the data folder {data}; nothing was written. Give a path inside the data folder.",
)
OUTSIDE_REPOSITORY = Message(
    "{path} on tietovaraston ulkopuolella; tiedostoa ei kirjoitettu.",
    "{path} is outside the repository; nothing was written.",
)
LINK_OUT = Message(
    "{path} on symbolinen linkki tietovaraston ulkopuolelle ({target}); tiedostoa ei kirjoitettu.",
    "{path} is a symbolic link out of the repository ({target}); nothing was written.",
)
READ_ONLY = Message(
    "{path} on kirjoitussuojattu; tiedostoa ei muutettu. Poista suojaus, jos muutos on tarkoituksellinen.",
    "{path} is read-only; the file was left as it was. Make it writable if the change is intended.",
)
REFUSED = Message(
    "Tiedostoa ei kirjoitettu, koska siihen tulisi {count} (yllä). Korjaa syöte ja yritä uudelleen.",
    "Nothing was written: the change would add {count} (above). Fix the input and try again.",
)
GUARD_RULE = "write-refused"


class Target(NamedTuple):
    """A file a writer means to write: where it is, how findings name it, and the repository it belongs to."""

    path: Path
    name: str
    root: Path
    config: Config

    @property
    def data_dir(self) -> Path:
        return self.root / self.config.data


def target(root: Path, path: Path, config: Config | None = None) -> Target:
    """The target for `path` in the repository at `root`, with its configuration (read when not given)."""
    config = config if config is not None else config_mod.load(root).config
    return Target(path, _shown(path, root), root, config)


def _shown(path: Path, root: Path) -> str:
    """How findings name the file: relative to the repository root when inside it, symlinks not followed (a
    link is named as the editor named it)."""
    plain, top = Path(os.path.abspath(path)), Path(os.path.abspath(root))
    return plain.relative_to(top).as_posix() if _inside(plain, top) else str(plain)


def _problem(where: Target, message: Message, **fields: str) -> Problem:
    text = Message(message.fi.format(**fields), message.en.format(**fields))
    return Problem(where.name, 1, 1, GUARD_RULE, ERROR, text)


def _inside(path: Path, folder: Path) -> bool:
    return path == folder or folder in path.parents


def guard(where: Target, *, data_only: bool = True) -> list[Problem]:
    """Why `where` may not be written at all: outside the data folder (unless not `data_only`: `fmt` also
    lays out `.seuranta.yaml`), linked out of the repository (or the data folder), or read-only."""
    data = Path(os.path.abspath(where.data_dir))
    plain = Path(os.path.abspath(where.path))
    shown = {"path": where.name, "data": listing.display(where.data_dir, where.root)}
    if data_only and not _inside(plain, data):
        return [_problem(where, OUTSIDE, **shown)]
    if not _inside(plain, Path(os.path.abspath(where.root))):
        return [_problem(where, OUTSIDE_REPOSITORY, path=where.name)]
    real = where.path.resolve()
    home = where.data_dir if data_only else where.root
    if not _inside(real, where.root.resolve()) or not _inside(real, home.resolve()):
        return [_problem(where, LINK_OUT, path=where.name, target=str(real))]
    if atomic.read_only(where.path):
        return [_problem(where, READ_ONLY, path=where.name)]
    return []


def _programme_documents(where: Target, relative: Path) -> list[Document]:
    """Every other listed file of the programme `relative` (a path under the data folder) belongs to."""
    programme = relative.parts[0] if len(relative.parts) > 1 else ""
    found = []
    for source in listing.data_sources(where.root, where.data_dir):
        rel = Path(source.relative or "")
        if rel.parts[:1] == (programme,) and rel != relative:
            found.append(read(Path(source.path), display=source.name, relative=rel, limits=where.config.limits))
    return found


def _document(where: Target, relative: Path, raw: bytes) -> Document:
    kind = kind_of(where.path)
    return Document(kind, expected_id(relative, kind), loader.load_bytes(where.name, raw, where.config.limits))


def _findings(doc: Document, others: list[Document], today: datetime.date, config: Config) -> list[Problem]:
    return check_document(doc, context(build([doc, *others]), config, today))


def _key(problem: Problem) -> tuple[str, str, str]:
    return problem.rule, problem.match, re.sub(r"[0-9]+", "#", problem.message.en)


def added_errors(before: Iterable[Problem], after: Iterable[Problem]) -> list[Problem]:
    """The error findings of `after` beyond those `before` already had (positions ignored), in the order
    `validate` reports them."""
    remaining = Counter(_key(p) for p in before if p.severity == ERROR and not p.acknowledged)
    added = []
    for problem in after:
        if problem.severity != ERROR or problem.acknowledged:
            continue
        if remaining[_key(problem)] > 0:
            remaining[_key(problem)] -= 1
        else:
            added.append(problem)
    return sorted(added, key=Problem.sort_key)


def check(where: Target, text: str, today: datetime.date) -> list[Problem]:
    """The errors writing `text` to `where` would add, with the whole programme as the index."""
    relative = where.path.resolve().relative_to(where.data_dir.resolve())
    others = _programme_documents(where, relative)
    after = _findings(_document(where, relative, text.encode("utf-8")), others, today, where.config)
    if not where.path.exists():
        return added_errors([], after)
    before = _findings(_document(where, relative, where.path.read_bytes()), others, today, where.config)
    return added_errors(before, after)


def write(where: Target, text: str, today: datetime.date) -> list[Problem]:
    """Write `text` to `where` atomically when it is safe; otherwise the findings, and nothing written.

    The contract every writer relies on:
    - returns `[]` exactly when the file now holds `text` (written with `files.atomic`: a temporary
      file in the same folder, fsync, rename; a failure leaves the old file and no temporary file);
    - returns the reasons otherwise, and the disk is as it was: `guard()`'s refusal of the path
      (rule `write-refused`), or the error findings the text would add (`check()`), each located in
      the new text, followed by nothing else. Callers print them and exit 1.
    - `today` is the date the rules use (`date-future`), as `validate` would be given it.
    """
    refused = guard(where)
    if refused:
        return refused
    added = check(where, text, today)
    if added:
        return added
    atomic.write_text(where.path.resolve(), text)  # a link inside the data folder stays a link
    return []


def refusal_note(count: int, lang: str) -> str:
    """The line printed after the findings of a refused write."""
    return REFUSED.text(lang).format(count=counts.NEW_ERRORS.counted(count, lang))
