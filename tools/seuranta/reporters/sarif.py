"""SARIF 2.1.0 for GitHub code scanning: one run, one result per finding.

Messages are terminal-safe (code scanning shows them as text); the document is written by
`escaping.json_document`: masked, every invisible character a \\u escape.
"""

from __future__ import annotations

from typing import Any, TextIO

from seuranta import __version__
from seuranta.check.result import Result
from seuranta.model.problem import Problem
from seuranta.reporters import ReportOptions
from seuranta.reporters.escaping import json_document, terminal

SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"


def result_of(problem: Problem, lang: str) -> dict[str, Any]:
    entry: dict[str, Any] = {
        "ruleId": problem.rule,
        "level": "error" if problem.severity == "error" else "warning",
        "message": {"text": terminal(problem.message.text(lang))},
        "locations": [
            {
                "physicalLocation": {
                    "artifactLocation": {"uri": problem.path},
                    "region": {"startLine": problem.line, "startColumn": problem.column},
                }
            }
        ],
    }
    if problem.acknowledged:
        entry["suppressions"] = [{"kind": "inSource", "justification": "acknowledged"}]
    return entry


def report(result: Result, options: ReportOptions, out: TextIO) -> None:
    rules = sorted({p.rule for p in result.problems})
    document = {
        "$schema": SCHEMA,
        "version": "2.1.0",
        "runs": [
            {
                "tool": {"driver": {"name": "seuranta", "version": __version__, "rules": [{"id": r} for r in rules]}},
                "results": [result_of(p, options.lang) for p in result.problems],
            }
        ],
    }
    out.write(json_document(document))
