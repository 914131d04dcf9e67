"""The index of a tree's stand-in documents, built once in a server for the runs it forks.

A run naming a few files (`tree._named_context()`) checks them against the index of every file: the stand-in
documents made from the stored summaries (`cache.lights()`), with the parsed documents in their places.
A server that holds the state's columns and the summaries table builds the stand-ins' index once
(`prepare()`); a run whose columns and summaries are those very held rows takes it (`model()`), with
each parsed document put in the place its stand-in held. A parsed document is proven to have its
stand-in's kind, expected id and summary, so it is indexed under the same id, and it takes the stand-in's
place exactly where building the index anew would put it; where that is not so (a document whose data
is not a mapping), the run builds the index itself.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any, NamedTuple

from seuranta.check import cache
from seuranta.model.documents import GROUP, MEASURE, PROGRAMME, Document
from seuranta.model.index import Model, _ident, build

_TABLES = (PROGRAMME, GROUP, MEASURE)


class Prepared(NamedTuple):
    names: str  # the digest of the names the stand-ins were made for (`cache.names_digest()`)
    kinds: list[str]  # the state's columns they were made of (the held rows themselves)
    expected: list[str]
    values: list[Any]  # the summaries (the held row itself)
    docs: list[Document]
    model: Model


_HELD: dict[Path, Prepared] = {}
"""What a server prepared (`prepare()`); empty in every other process."""


def prepare(root: Path, names: list[str]) -> None:
    """Build the index of `root`'s stand-ins from the state and summaries tables this process holds
    (`cache.hold()`), for the listing `names`, unless it is built of those very rows already; forget it when
    the tables are not held or do not prove themselves."""
    if not (cache.holds(root / cache.STATE_FILE) and cache.holds(root / cache.SUMMARIES_FILE)):
        _HELD.pop(root, None)
        return
    state = cache.read_state(root)
    files = cache.files_of(state, len(names)) if state is not None else None
    if files is None or files.names != cache.names_digest(names):
        _HELD.pop(root, None)
        return
    values = cache.read_summaries(root, cache.summaries_key(files.names, files.digests), len(names))
    if values is None:
        _HELD.pop(root, None)
        return
    if _of(_HELD.get(root), files, values):
        return
    docs = cache.lights(names, files.kinds, files.expected, values)
    _HELD[root] = Prepared(files.names, files.kinds, files.expected, values, docs, build(docs))


def _of(prepared: Prepared | None, files: cache.Files, values: list[Any]) -> bool:
    """The prepared index is of exactly these rows."""
    return (
        prepared is not None
        and prepared.kinds is files.kinds
        and prepared.expected is files.expected
        and prepared.values is values
        and prepared.names == files.names
    )


def release(keep: Callable[[Path], bool]) -> None:
    """Forget what was prepared of the repositories `keep` does not accept."""
    for root in [root for root in _HELD if not keep(root)]:
        del _HELD[root]


def model(root: Path, files: cache.Files, values: list[Any], parsed: dict[int, Document]) -> Model | None:
    """`build()` of the stand-ins made of `files` and `values` with `parsed` in their places, when the
    server prepared it from exactly these rows; None otherwise (the run builds it)."""
    prepared = _HELD.get(root)
    if prepared is None or not _of(prepared, files, values):
        return None
    found = prepared.model
    for at, doc in parsed.items():
        placed = _placed(found, prepared.docs[at], doc)
        if placed is None:
            return None
        found = placed
    return found


def _entry(doc: Document) -> tuple[str, str] | None:
    """Where `build()` indexes the document, if anywhere."""
    return (doc.kind, _ident(doc)) if doc.kind in _TABLES and doc.data is not None else None


def _placed(found: Model, standin: Document, doc: Document) -> Model | None:
    """The index with `doc` where `standin` was; None when `doc` would be indexed elsewhere."""
    entry = _entry(doc)
    if entry != _entry(standin):
        return None
    if entry is None:
        return found  # neither is indexed; both are unread, under the same expected id, or neither is
    kind, name = entry
    tables = [found.programmes, found.groups, found.measures]
    table = tables[_TABLES.index(kind)]
    if table.get(name) is not standin:
        return found  # an earlier file has the id: it stays first
    replaced = dict(table)
    replaced[name] = doc
    tables[_TABLES.index(kind)] = replaced
    return Model(tables[0], tables[1], tables[2], found.unread)
