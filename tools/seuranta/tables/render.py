"""Printing summary tables: any tabulate format, or CSV. The only module that uses tabulate."""

from __future__ import annotations

import csv
import html
import io

from tabulate import tabulate, tabulate_formats

from seuranta.tables.exports.csv import neutral
from seuranta.tables.summaries import Table

CSV = "csv"
UNSAFE = ("unsafehtml",)
FORMATS: tuple[str, ...] = (*tuple(f for f in tabulate_formats if f not in UNSAFE), CSV)
MACHINE = (CSV, "tsv")


def title_line(title: str, fmt: str) -> str:
    """The table's title in the format's own way; none for machine-read formats."""
    if fmt in MACHINE:
        return ""
    if fmt == "html":
        return f"<h3>{html.escape(title)}</h3>\n"
    if fmt.startswith("latex"):
        return f"% {title}\n"
    return f"{title}\n\n"


def csv_text(table: Table) -> str:
    """The table as CSV, its text cells safe for a spreadsheet as the export's are (`exports.csv.neutral`)."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(table.headers)
    writer.writerows([neutral(v) if isinstance(v, str) else v for v in row] for row in table.rows)
    return out.getvalue()


def text_columns(table: Table) -> list[int]:
    """Columns holding text, which must never be read as numbers ("1.1", "2021-05-15")."""
    return [i for i in range(len(table.headers)) if any(isinstance(row[i], str) for row in table.rows)]


def render_one(table: Table, fmt: str) -> str:
    if fmt == CSV:
        return csv_text(table)
    body = tabulate(table.rows, headers=table.headers, tablefmt=fmt, disable_numparse=text_columns(table))
    return title_line(table.title, fmt) + body + "\n"


def render(tables: list[Table], fmt: str) -> str:
    """Every table in one format, separated by a blank line."""
    return "\n".join(render_one(table, fmt) for table in tables)
