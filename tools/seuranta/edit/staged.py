"""Files to write, checked in memory against the tree before any is written, then written atomically.

`seuranta import xlsx` stages every file it would write (new or changed), loads the staged texts
with the strict loader, indexes them with the rest of the tree and runs the checks on them. The
findings the staged files would have that the files on disk do not have now are what the write
would add; the command refuses (writes nothing) when it would add an error of the kinds it
refuses, and otherwise writes every staged file atomically.
"""

from __future__ import annotations

import datetime
from pathlib import Path
from typing import NamedTuple

from seuranta.check import engine
from seuranta.check import tree as tree_mod
from seuranta.edit import checked
from seuranta.files import atomic, listing
from seuranta.model.config import Config
from seuranta.model.documents import Document, expected_id, kind_of
from seuranta.model.index import build
from seuranta.model.loader import load_bytes
from seuranta.model.problem import Problem


class Check(NamedTuple):
    """The staged files' findings, and those of them the files on disk do not have now."""

    problems: list[Problem]
    added: list[Problem]
    files: int

    def added_errors(self, rules: frozenset[str] | None = None) -> list[Problem]:
        """Added errors, of the given rules (and every refused path) only when `rules` is given."""
        return [p for p in self.added if rules is None or p.rule in rules or p.rule == checked.GUARD_RULE]


def _document(root: Path, config: Config, path: Path, text: str) -> Document:
    """The staged text as `validate` would load the written file: its name, id and the configured limits."""
    name = listing.display(path, root)
    kind = kind_of(path)
    relative = listing.under(path, root / config.data)
    ident = expected_id(relative, kind) if relative is not None else ""
    return Document(kind, ident, load_bytes(name, text.encode("utf-8"), config.limits))


def check(root: Path, config: Config, staged: dict[Path, str], today: datetime.date) -> Check:
    """Check the staged texts as if written, beside every other file of the tree: a path no writer may write
    (`checked.guard`) is an added error, and so is every error finding the staged files have that the files on
    disk do not (compared as `checked.added_errors` compares them)."""
    guarded = [p for path in staged for p in checked.guard(checked.target(root, path, config))]
    tree = tree_mod.load_tree(root, config)
    new = [_document(root, config, path, text) for path, text in staged.items()]
    names = {doc.path for doc in new}
    before = [doc for doc in tree.docs if doc.path in names]
    docs = [doc for doc in tree.docs if doc.path not in names] + new
    now = engine.validate(before, tree.model, config, today).problems
    after = engine.validate(new, build(docs), config, today).problems
    added = guarded + checked.added_errors(now, after)
    return Check(guarded + after, added, len(new))


def write(staged: dict[Path, str]) -> list[Path]:
    """Write every staged file atomically, creating its folder when needed."""
    for path, text in staged.items():
        path.parent.mkdir(parents=True, exist_ok=True)
        atomic.write_text(path, text)
    return list(staged)
