"""CSV: a folder with toimenpiteet.csv, tilanteet.csv, luvut.csv.

UTF-8 without BOM, ';' between fields, decimal comma, dates as YYYY-MM-DD, yes/no as "kyllä"/"ei".
"""

from __future__ import annotations

import csv
import datetime
from pathlib import Path
from typing import Any

from seuranta.tables import tidy


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


def write(folder: Path, tables: list[tidy.Table], programmes: list[tidy.Programme]) -> list[Path]:
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
