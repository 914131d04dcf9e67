"""path:line:column: severity [rule] message, one line per finding, then a summary line.

Everything from the data is terminal-safe and masked (`escaping.terminal`).
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import TextIO

from seuranta.check.result import Result
from seuranta.model.problem import Problem
from seuranta.reporters import ReportOptions, summary_line
from seuranta.reporters.escaping import terminal

SEVERITY_WORDS = {"fi": {"error": "virhe", "warning": "varoitus"}, "en": {"error": "error", "warning": "warning"}}
ACK_WORD = {"fi": "kuitattu", "en": "acknowledged"}


def line(problem: Problem, lang: str, safe: Callable[[str], str] = terminal) -> str:
    severity = ACK_WORD[lang] if problem.acknowledged else SEVERITY_WORDS[lang][problem.severity]
    where = f"{safe(problem.path)}:{problem.line}:{problem.column}"
    return f"{where}: {severity} [{safe(problem.rule)}] {safe(problem.message.text(lang))}"


def report(result: Result, options: ReportOptions, out: TextIO) -> None:
    safe = functools.lru_cache(maxsize=None)(terminal)  # findings share their paths, rules and messages
    shown = [line(p, options.lang, safe) for p in result.problems if options.show_acknowledged or not p.acknowledged]
    out.write("".join(f"{text}\n" for text in [*shown, summary_line(result, options.lang)]))
