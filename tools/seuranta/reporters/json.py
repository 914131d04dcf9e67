"""One JSON object: {"findings": [...], "summary": {...}}; acknowledged findings are always included.

Strings are masked and invisible characters written as \\u escapes (`escaping.json_table`).
"""

from __future__ import annotations

from operator import attrgetter
from typing import TextIO

from seuranta.check.result import Result
from seuranta.reporters import ReportOptions
from seuranta.reporters.escaping import json_table

FIELDS = ("path", "line", "column", "rule", "severity", "message", "acknowledged")


def report(result: Result, options: ReportOptions, out: TextIO) -> None:
    summary = {
        "files": result.files,
        "errors": result.count("error"),
        "warnings": result.count("warning"),
        "acknowledged": result.acknowledged,
    }
    message = "message.fi" if options.lang == "fi" else "message.en"  # as `Message.text()` chooses
    row = attrgetter("path", "line", "column", "rule", "severity", message, "acknowledged")
    rows = list(map(row, result.problems))
    out.write(json_table("findings", FIELDS, rows, {"summary": summary}))
