"""One JSON object: {"findings": [...], "summary": {...}}; acknowledged findings are always included."""

from __future__ import annotations

import json
from typing import Any, TextIO

from seuranta.check.result import Result
from seuranta.model.problem import Problem
from seuranta.reporters import ReportOptions


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
    out.write(json.dumps(document, ensure_ascii=False, indent=2) + "\n")
