"""`seuranta summary`: coverage, latest figures, missing statuses and findings as tables."""

from __future__ import annotations

import datetime
import sys
from pathlib import Path
from typing import NamedTuple, TextIO

from seuranta.check import tree as tree_mod
from seuranta.files import git, listing, snapshots
from seuranta.files.repo import find_root
from seuranta.model.config import Config
from seuranta.model.documents import MEASURE, Document, read
from seuranta.model.errors import Exit, UsageError
from seuranta.model.index import build
from seuranta.model.problem import Message
from seuranta.reporters import unreadable
from seuranta.reporters.escaping import terminal_lines
from seuranta.tables import SUMMARY_TABLES, summaries
from seuranta.tables import render as tables

UNKNOWN_FORMAT = Message("Tuntematon muoto: {format} (muodot: {known})", "Unknown format: {format} (formats: {known})")


class Options(NamedTuple):
    table: str
    programme: str | None
    group: str | None
    round: str | None
    rev: str | None
    format: str
    lang: str
    today: datetime.date
    root: Path | None = None


def documents(root: Path, rev: str | None, *, positions: bool = True, table: str | None = None) -> list[Document]:
    """The working tree's data files, or a revision's read from git. Without `positions`, only what `table`
    reads of each measure (`summaries.MEASURE_READS`), on every core for a large tree."""
    config = snapshots.load_config(root)
    if rev is None:
        if positions:
            return tree_mod.load_tree(root, config).docs
        return _read_for(root, config, summaries.MEASURE_READS.get(table or ""))
    where = snapshots.place(root, config)
    return snapshots.whole_revision(where, git.rev_parse(where.top, rev))


def _read_for(root: Path, config: Config, reads: dict[str, tuple[str, ...] | None] | None) -> list[Document]:
    """Every listed data file without its marks and text, each measure with only what a table `reads`: what
    crosses from a worker is what the table uses."""
    from seuranta.check import parallel  # imported only where it may be used: it brings multiprocessing

    listed = listing.sources(root, config.data)
    return parallel.map_names(lambda s: _read_light(s, config, reads), listed, acyclic=True)


def _read_light(source: listing.Source, config: Config, reads: dict[str, tuple[str, ...] | None] | None) -> Document:
    relative = Path(source.relative) if source.relative is not None else None
    doc = read(Path(source.path), display=source.name, relative=relative, limits=config.limits)
    data = summaries.trimmed(doc.data, reads) if doc.kind == MEASURE else doc.data
    return doc._replace(parsed=doc.parsed._replace(data=data, marks={}, key_marks={}, text=""))


def source(root: Path, options: Options) -> summaries.Source:
    positions = options.table == "findings"
    docs = documents(root, options.rev, positions=positions, table=None if positions else options.table)
    return summaries.Source(docs, build(docs), snapshots.load_config(root), options.today)


def execute(options: Options, out: TextIO | None = None, err: TextIO | None = None) -> int:
    out = out or sys.stdout
    if options.format not in tables.FORMATS:
        raise UsageError(UNKNOWN_FORMAT, format=options.format, known=", ".join(tables.FORMATS))
    root = options.root or find_root(Path.cwd())
    filters = summaries.Filters(options.programme, options.group, options.round)
    read = source(root, options)
    found = SUMMARY_TABLES[options.table](read, filters, options.lang)
    out.write(terminal_lines(tables.render(found, options.format, options.lang)))  # masked, no control characters
    refused = listing.refusals(root, read.config.data) if options.rev is None else []
    if unreadable.tell(unreadable.unread(read.docs) + refused, options.lang, err or sys.stderr):
        return Exit.FINDINGS
    return Exit.OK
