"""`seuranta report`: a static, offline site in Finnish from the data tree and its findings."""

from __future__ import annotations

import datetime
import sys
from pathlib import Path
from typing import NamedTuple, TextIO

from seuranta import config as config_mod
from seuranta import engine, tidy
from seuranta.repo import find_root
from seuranta.site import build

EXIT_OK = 0


class Options(NamedTuple):
    out: Path
    today: datetime.date
    programmes: tuple[str, ...] = ()
    root: Path | None = None


def execute(options: Options, out: TextIO | None = None) -> int:
    echo = out or sys.stdout
    root = options.root or find_root(Path.cwd())
    config_doc, config = config_mod.load(root)
    tree = engine.load_tree(root, config)
    unknown = [p for p in options.programmes if p not in tree.model.programmes]
    if unknown:
        raise FileNotFoundError(f"ohjelmaa ei löydy / no such programme: {', '.join(unknown)}")
    docs = tree.docs + ([config_doc] if config_doc else [])
    result = engine.validate(docs, tree.model, config, options.today)
    programmes = tidy.catalog(tree.model, options.programmes)
    written = build.write(options.out, programmes, build.findings(result, docs), date=build_date(options.today))
    echo.write(
        f"Raportti kirjoitettu: {options.out}/index.html ({written.pages} sivua: {len(programmes)} ohjelmaa, "
        f"{written.groups} ryhmää, {written.measures} toimenpidettä, {written.figures} lukua kuvioina; "
        f"havaintoja {len(result.problems)}, joista kuitattuja {result.acknowledged}).\n"
    )
    return EXIT_OK


def build_date(day: datetime.date) -> str:
    return f"{day.day}.{day.month}.{day.year}"
