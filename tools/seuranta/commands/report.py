"""`seuranta report`: a static, offline site in Finnish from the data tree and its findings.

With `--source REPO` (repeatable) the site is built from several regions' repositories at once:
the front page then sets all their programmes side by side. Each file is named with its
repository's folder in front (`pirkanmaa/data/…`), so findings and pages stay apart.

The site is built from masked data: every henkilötunnus in any text, id, title, finding or
acknowledgement becomes ******-**** before a page is made (and report.yml validates first, so
an error finding such as a henkilötunnus stops the build before anything is published).
"""

from __future__ import annotations

import datetime
import sys
from pathlib import Path
from typing import NamedTuple, TextIO

from seuranta.check import engine
from seuranta.check import tree as tree_mod
from seuranta.files import listing
from seuranta.files.repo import find_root
from seuranta.model import config as config_mod
from seuranta.model import counts
from seuranta.model.errors import Exit, UsageError
from seuranta.model.problem import Message, Problem
from seuranta.prose import personal
from seuranta.reporters import unreadable
from seuranta.site import build, pages
from seuranta.tables import tidy

NO_PROGRAMME = Message("Ohjelmaa ei löydy: {programmes}", "No such programme: {programmes}")
SAME_PROGRAMME = Message(
    "Ohjelma {programme} on sekä lähteessä {first} että {second}; ohjelmien tunnisteiden on oltava eri.",
    "Programme {programme} is in both {first} and {second}; programme ids must differ.",
)
WRITTEN = Message(
    "Raportti kirjoitettu: {index} ({pages}: {programmes}, {groups}, {measures}, {charts}; {problems}, {acknowledged}).\n",
    "Report written: {index} ({pages}: {programmes}, {groups}, {measures}, {charts}; {problems}, {acknowledged}).\n",
)


class Options(NamedTuple):
    out: Path
    today: datetime.date
    programmes: tuple[str, ...] = ()
    root: Path | None = None
    sources: tuple[Path, ...] = ()
    lang: str = "fi"  # of what the command says; the site is in Finnish


class Built(NamedTuple):
    """One repository's part of the site: its programmes, findings, and how many findings there were."""

    programmes: list[tidy.Programme]
    findings: pages.Findings
    problems: int
    acknowledged: int
    unread: list[Problem]  # the files that could not be read, each with its finding


def _named(prefix: str, path: str) -> str:
    return f"{prefix}{path}" if path else path


def _prefixed(built: Built, prefix: str) -> Built:
    """Every file name of one repository's part with its folder in front."""
    if not prefix:
        return built
    problems = [p._replace(path=_named(prefix, p.path)) for p in built.findings.problems]
    unread = [p._replace(path=_named(prefix, p.path)) for p in built.unread]
    reasons = {(_named(prefix, k[0]), k[1], k[2]): v for k, v in built.findings.reasons.items()}
    programmes = [
        p._replace(
            path=_named(prefix, p.path),
            groups=tuple(
                g._replace(
                    path=_named(prefix, g.path),
                    measures=tuple(m._replace(path=_named(prefix, m.path)) for m in g.measures),
                )
                for g in p.groups
            ),
        )
        for p in built.programmes
    ]
    findings = pages.Findings(problems, reasons, built.findings.files)
    return built._replace(programmes=programmes, findings=findings, unread=unread)


def _build(root: Path, options: Options) -> Built:
    config_doc, config = config_mod.load(root)
    tree = tree_mod.load_tree(root, config)
    unknown = [p for p in options.programmes if p not in tree.model.programmes]
    if unknown and not options.sources:
        raise UsageError(NO_PROGRAMME, programmes=", ".join(unknown))
    docs = tree.docs + ([config_doc] if config_doc else [])
    result = engine.validate(docs, tree.model, config, options.today)
    programmes = personal.redacted(tidy.catalog(tree.model, options.programmes))
    findings = personal.redacted(build.findings(result, docs))
    unread = unreadable.unread(tree.docs) + listing.refusals(root, config.data)
    return Built(programmes, findings, len(result.problems), result.acknowledged, unread)


def _sources(options: Options) -> Built:
    """Every source repository's part, one after another; a programme id in two of them is refused."""
    parts = [_prefixed(_build(source, options), f"{source.resolve().name}/") for source in options.sources]
    seen: dict[str, Path] = {}
    for source, part in zip(options.sources, parts, strict=True):
        for programme in part.programmes:
            if programme.id in seen:
                raise UsageError(SAME_PROGRAMME, programme=programme.id, first=seen[programme.id], second=source)
            seen[programme.id] = source
    problems = [p for part in parts for p in part.findings.problems]
    reasons = {k: v for part in parts for k, v in part.findings.reasons.items()}
    files = sum(part.findings.files for part in parts)
    return Built(
        [p for part in parts for p in part.programmes],
        pages.Findings(problems, reasons, files),
        sum(part.problems for part in parts),
        sum(part.acknowledged for part in parts),
        [p for part in parts for p in part.unread],
    )


def execute(options: Options, out: TextIO | None = None, err: TextIO | None = None) -> int:
    echo = out or sys.stdout
    built = _sources(options) if options.sources else _build(options.root or find_root(Path.cwd()), options)
    if options.sources and options.programmes:
        found = {p.id for p in built.programmes}
        unknown = [p for p in options.programmes if p not in found]
        if unknown:
            raise UsageError(NO_PROGRAMME, programmes=", ".join(unknown))
    written = build.write(options.out, built.programmes, built.findings, date=build_date(options.today))
    lang = options.lang
    echo.write(
        WRITTEN.text(lang).format(
            index=f"{options.out}/index.html",
            pages=counts.PAGES.counted(written.pages, lang),
            programmes=counts.PROGRAMMES.counted(len(built.programmes), lang),
            groups=counts.GROUPS.counted(written.groups, lang),
            measures=counts.MEASURES.counted(written.measures, lang),
            charts=counts.CHARTS.counted(written.figures, lang),
            problems=counts.OBSERVATIONS.counted(built.problems, lang),
            acknowledged=counts.ACKNOWLEDGED.counted(built.acknowledged, lang),
        )
    )
    return Exit.FINDINGS if unreadable.tell(built.unread, options.lang, err or sys.stderr) else Exit.OK


def build_date(day: datetime.date) -> str:
    return f"{day.day}.{day.month}.{day.year}"
