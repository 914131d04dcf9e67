"""`seuranta export`: the tidy tables as XLSX, a folder of CSV files, or one JSON object.

XLSX: sheets "toimenpiteet", "tilanteet", "luvut" (Finnish headers, dates as dates, numbers as
numbers, frozen header row, auto filter) and the monitoring table in the import layout
("seurantataulukko", one per programme when several are exported).
CSV: a folder with toimenpiteet.csv, tilanteet.csv, luvut.csv: UTF-8 without BOM, ';' between
fields, decimal comma, dates as YYYY-MM-DD, yes/no as "kyllä"/"ei".
JSON: {"toimenpiteet": [...], "tilanteet": [...], "luvut": [...]} with English keys.
"""

from __future__ import annotations

import csv
import datetime
import json
import sys
from pathlib import Path
from typing import Any, NamedTuple, TextIO

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from seuranta.check import tree as tree_mod
from seuranta.files.repo import find_root
from seuranta.model import config as config_mod
from seuranta.model.errors import Exit, UsageError
from seuranta.model.problem import Message
from seuranta.tables import tidy

NO_PROGRAMME = Message("Ohjelmaa ei löydy: {programmes}", "No such programme: {programmes}")

FORMATS = ("csv", "xlsx", "json")
WIDE = 60
NARROW = 14


class Options(NamedTuple):
    out: Path
    format: str
    programmes: tuple[str, ...] = ()
    root: Path | None = None


def format_for(out: Path, given: str | None) -> str:
    if given:
        return given
    suffix = out.suffix.lower()
    return "xlsx" if suffix == ".xlsx" else "json" if suffix == ".json" else "csv"


# --- CSV ------------------------------------------------------------------------------------


def _csv_value(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "kyllä" if value else "ei"
    if isinstance(value, float):
        return repr(value).replace(".", ",")
    if isinstance(value, datetime.date):
        return value.isoformat()
    return str(value)


def write_csv(folder: Path, tables: list[tidy.Table]) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for table in tables:
        path = folder / f"{table.name}.csv"
        with path.open("w", encoding="utf-8", newline="") as handle:
            writer = csv.writer(handle, delimiter=";", lineterminator="\r\n")
            writer.writerow([c.header for c in table.columns])
            writer.writerows([_csv_value(v) for v in row] for row in table.rows)
        written.append(path)
    return written


# --- JSON -----------------------------------------------------------------------------------


def _json_value(value: Any) -> Any:
    return value.isoformat() if isinstance(value, datetime.date) else value


def write_json(path: Path, tables: list[tidy.Table]) -> list[Path]:
    document = {t.name: [{k: _json_value(v) for k, v in r.items()} for r in t.records()] for t in tables}
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(document, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    return [path]


# --- XLSX -----------------------------------------------------------------------------------


def _finish(sheet: Worksheet, widths: list[int]) -> None:
    """Bold frozen header row, auto filter over the data, sensible widths, wrapped long text."""
    for header in sheet[1]:
        header.font = Font(bold=True)
        header.alignment = Alignment(vertical="top", wrap_text=True)
    sheet.freeze_panes = "A2"
    sheet.auto_filter.ref = f"A1:{get_column_letter(max(sheet.max_column, 1))}{max(sheet.max_row, 1)}"
    for index, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width


def _table_sheet(book: Workbook, table: tidy.Table) -> None:
    sheet = book.create_sheet(table.name)
    sheet.append([c.header for c in table.columns])
    for row in table.rows:
        sheet.append(list(row))
    for index, column in enumerate(table.columns, start=1):
        letter = get_column_letter(index)
        for found in sheet[letter][1:]:
            if column.type == tidy.DATE and isinstance(found.value, (datetime.date, datetime.datetime)):
                found.number_format = "d.m.yyyy"
            elif column.type == tidy.TEXT and isinstance(found.value, str) and len(found.value) > WIDE:
                found.alignment = Alignment(vertical="top", wrap_text=True)
    _finish(
        sheet,
        [
            WIDE
            if c.key in ("text", "title", "quote", "outputs", "question")
            else NARROW
            if c.type != tidy.TEXT
            else 24
            for c in table.columns
        ],
    )


def _monitoring_sheet(book: Workbook, programme: tidy.Programme, name: str) -> None:
    sheet = book.create_sheet(name)
    header, rows = tidy.monitoring_table(programme)
    sheet.append(list(header))
    for row in rows:
        sheet.append(list(row))
    for line in sheet.iter_rows(min_row=2):
        for found in line:
            found.alignment = Alignment(vertical="top", wrap_text=True)
            found.number_format = "@"
    _finish(sheet, [24, 28, 16, 40, 16, 40, 24, 40] + [WIDE] * (len(header) - len(tidy.LAYOUT)))


def write_xlsx(path: Path, tables: list[tidy.Table], programmes: list[tidy.Programme]) -> list[Path]:
    book = Workbook()
    if book.active is not None:
        book.remove(book.active)
    for table in tables:
        _table_sheet(book, table)
    for programme in programmes:
        _monitoring_sheet(book, programme, tidy.sheet_name(programme.id, len(programmes)))
    path.parent.mkdir(parents=True, exist_ok=True)
    book.save(path)
    return [path]


# --- command --------------------------------------------------------------------------------


def _unplaced(programmes: list[tidy.Programme]) -> list[str]:
    """Statuses whose date is no declared round: they have no column in the monitoring table."""
    found = []
    for programme in programmes:
        dates = {r.date for r in programme.rounds}
        found += [f"{m.id} {s.date}" for m in programme.measures for s in m.statuses if s.date not in dates]
    return found


def execute(options: Options, out: TextIO | None = None) -> int:
    echo = out or sys.stdout
    root = options.root or find_root(Path.cwd())
    config = config_mod.load(root).config
    tree = tree_mod.load_tree(root, config)
    unknown = [p for p in options.programmes if p not in tree.model.programmes]
    if unknown:
        raise UsageError(NO_PROGRAMME, programmes=", ".join(unknown))
    programmes = tidy.catalog(tree.model, options.programmes)
    tables = tidy.tables(programmes)
    if options.format == "csv":
        written = write_csv(options.out, tables)
    elif options.format == "json":
        written = write_json(options.out, tables)
    else:
        written = write_xlsx(options.out, tables, programmes)
    counts = ", ".join(f"{t.name} {len(t.rows)}" for t in tables)
    echo.write(f"Vienti ({options.format}): {', '.join(str(p) for p in written)}: {counts} riviä.\n")
    if options.format == "xlsx":
        for item in _unplaced(programmes):
            echo.write(f"Huom: tilanne {item} ei ole ohjelman kierros, joten se puuttuu seurantataulukosta.\n")
    return Exit.OK
