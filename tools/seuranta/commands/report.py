"""`seuranta report`: a static, offline site in Finnish from the data tree and its findings.

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
from seuranta.model.errors import Exit, UsageError
from seuranta.model.problem import Message
from seuranta.prose import personal
from seuranta.reporters import unreadable
from seuranta.site import build
from seuranta.tables import tidy

NO_PROGRAMME = Message("Ohjelmaa ei löydy: {programmes}", "No such programme: {programmes}")


class Options(NamedTuple):
    out: Path
    today: datetime.date
    programmes: tuple[str, ...] = ()
    root: Path | None = None
    lang: str = "fi"  # of what is said about files that could not be read; the site is in Finnish


def execute(options: Options, out: TextIO | None = None, err: TextIO | None = None) -> int:
    echo = out or sys.stdout
    root = options.root or find_root(Path.cwd())
    config_doc, config = config_mod.load(root)
    tree = tree_mod.load_tree(root, config)
    unknown = [p for p in options.programmes if p not in tree.model.programmes]
    if unknown:
        raise UsageError(NO_PROGRAMME, programmes=", ".join(unknown))
    docs = tree.docs + ([config_doc] if config_doc else [])
    result = engine.validate(docs, tree.model, config, options.today)
    programmes = personal.redacted(tidy.catalog(tree.model, options.programmes))
    findings = personal.redacted(build.findings(result, docs))
    written = build.write(options.out, programmes, findings, date=build_date(options.today))
    echo.write(
        f"Raportti kirjoitettu: {options.out}/index.html ({written.pages} sivua: {len(programmes)} ohjelmaa, "
        f"{written.groups} ryhmää, {written.measures} toimenpidettä, {written.figures} lukua kuvioina; "
        f"havaintoja {len(result.problems)}, joista kuitattuja {result.acknowledged}).\n"
    )
    refused = unreadable.unread(tree.docs) + listing.refusals(root, config.data)
    return Exit.FINDINGS if unreadable.tell(refused, options.lang, err or sys.stderr) else Exit.OK


def build_date(day: datetime.date) -> str:
    return f"{day.day}.{day.month}.{day.year}"
