"""XLSX: sheets "toimenpiteet", "tilanteet", "luvut" and the monitoring table in the import layout.

Finnish headers, dates as dates, numbers as numbers, frozen header row, auto filter; the
monitoring table ("seurantataulukko", one per programme when several are exported).
Every text is a string cell, never a formula (openpyxl would make one of any text starting
with =); a text that a spreadsheet would read as a formula when edited also gets the
quote-prefix style, which keeps it text. The workbook is written atomically.
"""

from __future__ import annotations

import datetime
import io
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from seuranta.files import atomic
from seuranta.tables import tidy
from seuranta.tables.exports.csv import FORMULA_START

WIDE = 60
NARROW = 14


def _finish(sheet: Worksheet, widths: list[int]) -> None:
    """Bold frozen header row, auto filter over the data, sensible widths, wrapped long text."""
    for header in sheet[1]:
        header.font = Font(bold=True)
        header.alignment = Alignment(vertical="top", wrap_text=True)
    sheet.freeze_panes = "A2"
    sheet.auto_filter.ref = f"A1:{get_column_letter(max(sheet.max_column, 1))}{max(sheet.max_row, 1)}"
    for index, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width


def _cell_value(value: Any) -> Any:
    """A value openpyxl can store: characters a worksheet cannot hold are shown as \\xNN escapes."""
    if isinstance(value, str) and ILLEGAL_CHARACTERS_RE.search(value):
        return ILLEGAL_CHARACTERS_RE.sub(lambda m: f"\\x{ord(m.group()):02x}", value)
    return value


def _append(sheet: Worksheet, values: Iterable[Any]) -> None:
    """One row; every text a string cell (never a formula), quote-prefixed where it would read as one."""
    sheet.append([_cell_value(v) for v in values])
    for found in sheet[sheet.max_row]:
        if isinstance(found.value, str):
            found.data_type = "s"
            if found.value.startswith(FORMULA_START):
                found.quotePrefix = True


def _table_sheet(book: Workbook, table: tidy.Table) -> None:
    sheet = book.create_sheet(table.name)
    _append(sheet, [c.header for c in table.columns])
    for row in table.rows:
        _append(sheet, row)
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
    _append(sheet, header)
    for row in rows:
        _append(sheet, row)
    for line in sheet.iter_rows(min_row=2):
        for found in line:
            found.alignment = Alignment(vertical="top", wrap_text=True)
            found.number_format = "@"
    _finish(sheet, [24, 28, 16, 40, 16, 40, 24, 40] + [WIDE] * (len(header) - len(tidy.LAYOUT)))


def write(path: Path, tables: list[tidy.Table], programmes: list[tidy.Programme]) -> list[Path]:
    book = Workbook()
    if book.active is not None:
        book.remove(book.active)
    for table in tables:
        _table_sheet(book, table)
    for programme in programmes:
        _monitoring_sheet(book, programme, tidy.sheet_name(programme.id, len(programmes)))
    path.parent.mkdir(parents=True, exist_ok=True)
    data = io.BytesIO()
    book.save(data)
    atomic.write_bytes(path, data.getvalue())
    return [path]
