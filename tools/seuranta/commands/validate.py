"""`seuranta validate`: schema and rules over the whole tree or the given paths, or over a git revision.

With `rev`, every data file of that commit is read as a blob (`git cat-file`, nothing checked out)
and checked with the working tree's configuration: what a pull request's commit contains can be
validated by code that does not come from the pull request.
"""

from __future__ import annotations

import datetime
import sys
import time
from pathlib import Path
from typing import NamedTuple, TextIO

from seuranta.check import listed
from seuranta.check.result import Result, failed
from seuranta.check.tree import check_tree
from seuranta.files import listing
from seuranta.files.listing import display
from seuranta.files.repo import find_root
from seuranta.model import config as config_mod
from seuranta.model.documents import CONFIG_FILE
from seuranta.model.errors import Exit, UsageError
from seuranta.model.problem import Message, Problem
from seuranta.reporters import REPORTERS, ReportOptions, locates_acknowledged


class Options(NamedTuple):
    paths: tuple[str, ...]
    format: str
    lang: str
    strict: bool
    show_acknowledged: bool
    today: datetime.date
    use_cache: bool = True
    root: Path | None = None
    rev: str | None = None


PATHS_AND_REV = Message(
    "--rev tarkistaa revision kaikki tiedostot; jätä polut pois.",
    "--rev checks every file of the revision; give no paths.",
)


def at_revision(root: Path, config: config_mod.Config, options: Options) -> Result:
    """Every data file of the commit `options.rev`, read from git and checked with `config`."""
    from seuranta.check import engine
    from seuranta.files import git, snapshots
    from seuranta.model.index import build

    if options.paths:
        raise UsageError(PATHS_AND_REV)
    where = snapshots.place(root, config)
    docs = snapshots.whole_revision(where, git.rev_parse(where.top, options.rev or "HEAD"))
    return engine.validate(docs, build(docs), config, options.today)


def _refused(
    root: Path,
    config: config_mod.Config,
    paths: tuple[str, ...],
    outward: list[Problem],
    *,
    whole: bool,
    known: listed.Listing | None,
) -> list[Problem]:
    """The names not read as data (unreadable, not regular files, links out), each a located finding: of the
    whole data folder (as its listing found them, when known), or of the folders given and the links given."""
    if whole:
        return known.refused if known is not None else listing.refusals(root, config.data)
    folders = [Path(name) for name in paths if Path(name).is_dir()]
    return outward + (listing.refusals(root, config.data, folders) if folders else [])


def _walked(root: Path, data_folder: str) -> listed.Listing:
    """The data folder's files and refusals from one walk (without the cache, `check_tree` and `_refused` would
    each walk it)."""
    refused: list[listing.Refused] = []
    found = listing.data_sources(root, root / data_folder, refused)
    return listed.Listing(found, listing.refusal_problems(refused, root))


def _with_refused(result: Result, refused: list[Problem]) -> Result:
    return Result(sorted(result.problems + refused, key=Problem.sort_key), result.files) if refused else result


def execute(options: Options, out: TextIO | None = None) -> int:
    root = options.root or find_root(Path.cwd())
    config_doc, config = config_mod.load(root)
    if options.rev is not None:
        result = at_revision(root, config, options)
        REPORTERS[options.format](result, ReportOptions(options.lang, options.show_acknowledged), out or sys.stdout)
        return Exit.FINDINGS if failed(result, strict=options.strict) else Exit.OK
    wanted, outward = listing.outward_links(listing.expand(options.paths), root)
    targets = [display(p, root) for p in wanted] if wanted or outward else None
    whole = [root / CONFIG_FILE] if config_doc is not None else []  # the configuration is checked too
    extra = wanted if targets is not None else whole
    known = (
        listed.data_sources(root, config.data, now=time.time_ns())
        if options.use_cache
        else _walked(root, config.data)
        if targets is None
        else None
    )
    shown = ReportOptions(options.lang, options.show_acknowledged)
    result = check_tree(
        root,
        config,
        targets=targets,
        extra=extra,
        today=options.today,
        use_cache=options.use_cache,
        known=known,
        locate_acknowledged=locates_acknowledged(options.format, shown),
    )
    result = _with_refused(result, _refused(root, config, options.paths, outward, whole=targets is None, known=known))
    REPORTERS[options.format](result, shown, out or sys.stdout)
    return Exit.FINDINGS if failed(result, strict=options.strict) else Exit.OK
