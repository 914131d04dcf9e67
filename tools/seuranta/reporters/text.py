"""path:line:column: severity [rule] message, one line per finding, then a summary line.

Everything from the data is terminal-safe and masked (`escaping.terminal`).
"""

from __future__ import annotations

from typing import TextIO

from seuranta.check.result import Result
from seuranta.model.problem import Problem
from seuranta.reporters import ReportOptions, summary_line
from seuranta.reporters.escaping import terminal

SEVERITY_WORDS = {"fi": {"error": "virhe", "warning": "varoitus"}, "en": {"error": "error", "warning": "warning"}}
ACK_WORD = {"fi": "kuitattu", "en": "acknowledged"}


def line(problem: Problem, lang: str) -> str:
    severity = ACK_WORD[lang] if problem.acknowledged else SEVERITY_WORDS[lang][problem.severity]
    where = f"{terminal(problem.path)}:{problem.line}:{problem.column}"
    return f"{where}: {severity} [{terminal(problem.rule)}] {terminal(problem.message.text(lang))}"


def report(result: Result, options: ReportOptions, out: TextIO) -> None:
    shown = [line(p, options.lang) for p in result.problems if options.show_acknowledged or not p.acknowledged]
    out.write("".join(f"{text}\n" for text in [*shown, summary_line(result, options.lang)]))
