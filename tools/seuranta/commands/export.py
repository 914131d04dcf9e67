"""`seuranta export`: the tidy tables as XLSX, a folder of CSV files, or one JSON object.

XLSX: sheets "toimenpiteet", "tilanteet", "luvut" (Finnish headers, dates as dates, numbers as
numbers, frozen header row, auto filter) and the monitoring table in the import layout
("seurantataulukko", one per programme when several are exported).
CSV: a folder with toimenpiteet.csv, tilanteet.csv, luvut.csv in a dialect from `CSV_DIALECTS`:
`excel-fi` (UTF-8 with BOM, ';', decimal comma) or `standard` (UTF-8, ',', decimal point).
Parquet: a folder with measures, statuses, figures and findings .parquet, written by DuckDB, every row
stamped with programme, region, commit and schema version (`tables/warehouse.py`).
JSON: {"toimenpiteet": [...], "tilanteet": [...], "luvut": [...]} with English keys.

Every henkilötunnus is masked (******-****) before the tables are made; every file is written
atomically; no cell is ever a formula (docs/reports.md).
"""

from __future__ import annotations

import datetime
import sys
from pathlib import Path
from typing import Any, NamedTuple, TextIO

from seuranta.check import tree as tree_mod
from seuranta.files import listing
from seuranta.files.repo import find_root
from seuranta.model import config as config_mod
from seuranta.model import counts
from seuranta.model.errors import Exit, UsageError
from seuranta.model.problem import Message
from seuranta.prose import personal
from seuranta.reporters import unreadable
from seuranta.tables import CSV_DIALECTS, EXPORT_FORMATS, tidy

NO_PROGRAMME = Message("Ohjelmaa ei löydy: {programmes}", "No such programme: {programmes}")
WRITTEN = Message("Vienti ({format}): {paths}: {counts}.\n", "Export ({format}): {paths}: {counts}.\n")
UNPLACED = Message(
    "Huom: tilanne {item} ei ole ohjelman kierros, joten se puuttuu seurantataulukosta.\n",
    "Note: status {item} is no round of its programme, so the monitoring table leaves it out.\n",
)


class Options(NamedTuple):
    out: Path
    format: str
    programmes: tuple[str, ...] = ()
    root: Path | None = None
    dialect: str = "excel-fi"
    today: datetime.date | None = None
    lang: str = "fi"


def format_for(out: Path, given: str | None) -> str:
    if given:
        return given
    suffix = out.suffix.lower()
    return "xlsx" if suffix == ".xlsx" else "json" if suffix == ".json" else "csv"


# --- command --------------------------------------------------------------------------------


def _unplaced(programmes: list[tidy.Programme]) -> list[str]:
    """Statuses whose date is no declared round: they have no column in the monitoring table."""
    found = []
    for programme in programmes:
        dates = {r.date for r in programme.rounds}
        found += [f"{m.id} {s.date}" for m in programme.measures for s in m.statuses if s.date not in dates]
    return found


def _settings(options: Options, root: Path, config: config_mod.Config) -> dict[str, Any]:
    """What a format needs beyond the tables: the CSV dialect; Parquet's findings, commit and schema version."""
    if options.format == "csv":
        return {"dialect": CSV_DIALECTS[options.dialect]}
    if options.format == "parquet":
        from seuranta.tables import warehouse

        today = options.today or datetime.date.today()
        result = tree_mod.check_tree(root, config, targets=None, extra=[], today=today)
        stamp = warehouse.Stamp(warehouse.commit_of(root), warehouse.schema_version())
        return {"findings": result.problems, "stamp": stamp}
    return {}


def execute(options: Options, out: TextIO | None = None, err: TextIO | None = None) -> int:
    echo = out or sys.stdout
    root = options.root or find_root(Path.cwd())
    config = config_mod.load(root).config
    tree = tree_mod.load_tree(root, config)
    unknown = [p for p in options.programmes if p not in tree.model.programmes]
    if unknown:
        raise UsageError(NO_PROGRAMME, programmes=", ".join(unknown))
    programmes = personal.redacted(tidy.catalog(tree.model, options.programmes))
    tables = tidy.tables(programmes)
    settings = _settings(options, root, config)
    written = EXPORT_FORMATS[options.format](options.out, tables, programmes, **settings)
    rows = ", ".join(f"{t.name} {counts.ROWS.counted(len(t.rows), options.lang)}" for t in tables)
    paths = ", ".join(str(p) for p in written)
    echo.write(WRITTEN.text(options.lang).format(format=options.format, paths=paths, counts=rows))
    if options.format == "xlsx":
        for item in _unplaced(programmes):
            echo.write(UNPLACED.text(options.lang).format(item=item))
    refused = unreadable.unread(tree.docs) + listing.refusals(root, config.data)
    return Exit.FINDINGS if unreadable.tell(refused, options.lang, err or sys.stderr) else Exit.OK
