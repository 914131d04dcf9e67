"""CSV: a folder with toimenpiteet.csv, tilanteet.csv, luvut.csv.

UTF-8 without BOM, ';' between fields, decimal comma, dates as YYYY-MM-DD, yes/no as "kyllä"/"ei".
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
from typing import Any

from seuranta.files import atomic
from seuranta.tables import tidy

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
TEXT_MARK = "'"


def neutral(text: str) -> str:
    """A text cell no spreadsheet reads as a formula; `TEXT_MARK` is added, and only ever removed, in front."""
    return TEXT_MARK + text if text.startswith((*FORMULA_START, TEXT_MARK)) else text


def _csv_value(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "kyllä" if value else "ei"
    if isinstance(value, float):
        return repr(value).replace(".", ",")
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, int):
        return str(value)
    return neutral(str(value))


def table_text(table: tidy.Table) -> str:
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";", lineterminator="\r\n")
    writer.writerow([c.header for c in table.columns])
    writer.writerows([_csv_value(v) for v in row] for row in table.rows)
    return out.getvalue()


def write(folder: Path, tables: list[tidy.Table], programmes: list[tidy.Programme]) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for table in tables:
        path = folder / f"{table.name}.csv"
        atomic.write_text(path, table_text(table))
        written.append(path)
    return written
