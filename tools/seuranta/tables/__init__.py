"""Tables of the data: summaries, tidy rows for spreadsheets and BI tools, and their rendering."""

from __future__ import annotations

from seuranta.model.registry import Registry

# `seuranta summary --table NAME`: each a function (Source, Filters, lang) -> list[Table].
SUMMARY_TABLES = Registry(
    {name: f"seuranta.tables.summaries:{name}" for name in ("coverage", "latest", "missing", "findings", "goals")}
)

# `seuranta export --format NAME`: each a function (out, tables, programmes) -> written paths.
EXPORT_FORMATS = Registry(
    {name: f"seuranta.tables.exports.{name}:write" for name in ("csv", "xlsx", "json", "parquet")}
)

# `seuranta export --format csv --dialect NAME`: each a `tables.exports.csv.Dialect`.
CSV_DIALECTS = Registry(
    {"excel-fi": "seuranta.tables.exports.csv:EXCEL_FI", "standard": "seuranta.tables.exports.csv:STANDARD"}
)
