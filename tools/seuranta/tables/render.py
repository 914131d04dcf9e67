"""Printing summary tables: any tabulate format, or CSV. The only module that uses tabulate."""

from __future__ import annotations

import csv
import html
import io
import textwrap

from tabulate import tabulate, tabulate_formats

from seuranta.tables.exports.csv import neutral
from seuranta.tables.summaries import Table

CSV = "csv"
UNSAFE = ("unsafehtml",)
FORMATS: tuple[str, ...] = (*tuple(f for f in tabulate_formats if f not in UNSAFE), CSV)
MACHINE = (CSV, "tsv")
MARKUP = ("html", "latex", "github", "pipe", "mediawiki", "moinmoin", "jira", "textile", "asciidoc", "youtrack")
CELL = 48  # characters of a text cell in a terminal table
HEADER = 16  # characters of a header line in a terminal table


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


def for_terminal(fmt: str) -> bool:
    """A format read as plain text (a terminal, a log), where a table must stay narrow; markup formats
    (Markdown, HTML, LaTeX, …) and machine formats are rendered by something that wraps them."""
    return fmt not in MACHINE and not fmt.startswith(MARKUP)


def shorten(value: object) -> object:
    """A long text cell cut at a word to CELL characters, ending in "…"; numbers and short text as they are."""
    if not isinstance(value, str) or len(value) <= CELL:
        return value
    cut = value[: CELL - 1]
    return (cut.rsplit(" ", 1)[0] if " " in cut[CELL // 2 :] else cut).rstrip(" ,;:") + "…"


def narrow(table: Table) -> Table:
    """The table for a terminal: headers broken at spaces onto several lines, long text cells after the first
    column (which names the row and is kept whole) shortened."""
    headers = tuple(
        textwrap.fill(h, HEADER, break_long_words=False) if isinstance(h, str) else h for h in table.headers
    )
    rows = [(row[0], *(shorten(v) for v in row[1:])) if row else row for row in table.rows]
    return table._replace(headers=headers, rows=rows)


def labelled(table: Table) -> Table:
    """Round dates shown by their labels as printed (a long one shortened), in the headers and the table's round
    columns."""
    labels = {date: str(shorten(label)) for date, label in table.labels}
    if not labels:
        return table
    headers = tuple(labels.get(h, h) if isinstance(h, str) else h for h in table.headers)
    columns = set(table.round_columns)
    rows = [
        tuple(labels.get(v, v) if i in columns and isinstance(v, str) else v for i, v in enumerate(r))
        for r in table.rows
    ]
    return table._replace(headers=headers, rows=rows)


def render_one(table: Table, fmt: str, lang: str = "fi") -> str:
    if fmt in MACHINE:
        return csv_text(table) if fmt == CSV else _tabulate(table, fmt)
    shown = labelled(table)
    body = narrow(shown) if for_terminal(fmt) else shown
    return title_line(table.title, fmt) + (_commas(body, fmt) if lang == "fi" else _tabulate(body, fmt))


def _tabulate(table: Table, fmt: str) -> str:
    return tabulate(table.rows, headers=table.headers, tablefmt=fmt, disable_numparse=text_columns(table)) + "\n"


def _commas(table: Table, fmt: str) -> str:
    """A table people read in Finnish: its decimals with a decimal comma ("28,6"), right-aligned as numbers."""
    decimal = [i for i in range(len(table.headers)) if any(isinstance(row[i], float) for row in table.rows)]
    if not decimal:
        return _tabulate(table, fmt)
    rows = [tuple(_comma(v) if i in decimal else v for i, v in enumerate(row)) for row in table.rows]
    align = ["right" if i in decimal else None for i in range(len(table.headers))]
    found = table._replace(rows=rows)
    shown = tabulate(rows, headers=found.headers, tablefmt=fmt, disable_numparse=True, colalign=_aligned(found, align))
    return shown + "\n"


def _aligned(table: Table, decimal: list[str | None]) -> list[str]:
    """tabulate's own alignment of each column (numbers right, text left), decimals right."""
    text = set(text_columns(table))
    return [found or ("left" if i in text else "right") for i, found in enumerate(decimal)]


def _comma(value: object) -> object:
    return f"{value:g}".replace(".", ",") if isinstance(value, float) else value


def render(tables: list[Table], fmt: str, lang: str = "fi") -> str:
    """Every table in one format, separated by a blank line; in Finnish, decimals with a decimal comma wherever
    people read the table (machine formats keep the point)."""
    return "\n".join(render_one(table, fmt, lang) for table in tables)
