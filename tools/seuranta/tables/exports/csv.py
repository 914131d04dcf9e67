"""CSV: a folder with toimenpiteet.csv, tilanteet.csv, luvut.csv, in one of two dialects.

`excel-fi` (the default) is what Excel with Finnish settings opens on a double click: UTF-8 WITH
a byte order mark (without one, Excel for Windows reads the file in the system code page and ä
and ö come out garbled), ';' between fields, decimal comma, CRLF line ends. `standard` is for
other tools (pandas, R, DuckDB): UTF-8 without a BOM, ',' between fields, decimal point, LF line
ends. In both, dates are YYYY-MM-DD and yes/no "kyllä"/"ei".

A text cell that a spreadsheet would read as a formula (one starting with =, +, -, @, a tab or a
carriage return), and one starting with ' itself, is written with one ' in front: Excel,
LibreOffice and Google Sheets then show it as text, and removing one leading ' from a text cell
that has it gives the text back exactly. Numbers, dates and yes/no are never prefixed. Each
file is written atomically.
"""

from __future__ import annotations

import csv
import datetime
import io
from pathlib import Path
from typing import Any, NamedTuple

from seuranta.files import atomic
from seuranta.tables import tidy

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
TEXT_MARK = "'"
BOM = "\ufeff"


class Dialect(NamedTuple):
    """How a CSV file is spelled: separator, decimal mark, byte order mark, line end."""

    delimiter: str
    decimal: str
    bom: bool
    line_end: str


EXCEL_FI = Dialect(";", ",", True, "\r\n")
STANDARD = Dialect(",", ".", False, "\n")


def neutral(text: str) -> str:
    """A text cell no spreadsheet reads as a formula; `TEXT_MARK` is added, and only ever removed, in front."""
    return TEXT_MARK + text if text.startswith((*FORMULA_START, TEXT_MARK)) else text


def _csv_value(value: Any, dialect: Dialect) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "kyllä" if value else "ei"
    if isinstance(value, float):
        return repr(value).replace(".", dialect.decimal)
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, int):
        return str(value)
    return neutral(str(value))


def table_text(table: tidy.Table, dialect: Dialect = EXCEL_FI) -> str:
    out = io.StringIO()
    writer = csv.writer(out, delimiter=dialect.delimiter, lineterminator=dialect.line_end)
    writer.writerow([c.header for c in table.columns])
    writer.writerows([_csv_value(v, dialect) for v in row] for row in table.rows)
    return (BOM if dialect.bom else "") + out.getvalue()


def write(
    folder: Path, tables: list[tidy.Table], programmes: list[tidy.Programme], *, dialect: Dialect = EXCEL_FI
) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for table in tables:
        path = folder / f"{table.name}.csv"
        atomic.write_text(path, table_text(table, dialect))
        written.append(path)
    return written
