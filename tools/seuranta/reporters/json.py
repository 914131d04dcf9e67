"""One JSON object: {"findings": [...], "summary": {...}}; acknowledged findings are always included.

Strings are masked and invisible characters written as \\u escapes (`escaping.json_document`).
"""

from __future__ import annotations

from typing import Any, TextIO

from seuranta.check.result import Result
from seuranta.model.problem import Problem
from seuranta.reporters import ReportOptions
from seuranta.reporters.escaping import json_document


def finding(problem: Problem, lang: str) -> dict[str, Any]:
    return {
        "path": problem.path,
        "line": problem.line,
        "column": problem.column,
        "rule": problem.rule,
        "severity": problem.severity,
        "message": problem.message.text(lang),
        "acknowledged": problem.acknowledged,
    }


def report(result: Result, options: ReportOptions, out: TextIO) -> None:
    document = {
        "findings": [finding(p, options.lang) for p in result.problems],
        "summary": {
            "files": result.files,
            "errors": result.count("error"),
            "warnings": result.count("warning"),
            "acknowledged": result.acknowledged,
        },
    }
    out.write(json_document(document))
