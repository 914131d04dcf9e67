"""`seuranta summary`: coverage, latest figures, missing statuses and findings as tables."""

from __future__ import annotations

import datetime
import sys
from pathlib import Path
from typing import NamedTuple, TextIO

import click

from seuranta import engine, git, snapshots, summaries, tables
from seuranta.documents import Document
from seuranta.model import build
from seuranta.repo import find_root

EXIT_OK = 0
EXIT_ERROR = 2


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


def documents(root: Path, rev: str | None, *, positions: bool = True) -> list[Document]:
    """The working tree's data files, or a revision's read from git."""
    config = snapshots.load_config(root)
    if rev is None:
        return engine.load_tree(root, config, positions=positions).docs
    where = snapshots.place(root, config)
    return snapshots.whole_revision(where, git.rev_parse(where.top, rev))


def source(root: Path, options: Options) -> summaries.Source:
    docs = documents(root, options.rev, positions=options.table == "findings")
    return summaries.Source(docs, build(docs), snapshots.load_config(root), options.today)


def execute(options: Options, out: TextIO | None = None) -> int:
    out = out or sys.stdout
    if options.format not in tables.FORMATS:
        click.echo(
            f"seuranta summary: tuntematon muoto / unknown format: {options.format} ({', '.join(tables.FORMATS)})",
            err=True,
        )
        return EXIT_ERROR
    root = options.root or find_root(Path.cwd())
    filters = summaries.Filters(options.programme, options.group, options.round)
    try:
        found = summaries.TABLES[options.table](source(root, options), filters, options.lang)
    except (git.GitError, summaries.SummaryError) as err:
        click.echo(f"seuranta summary: {err}", err=True)
        return EXIT_ERROR
    out.write(tables.render(found, options.format))
    return EXIT_OK
