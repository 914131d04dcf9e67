"""GitHub Actions workflow commands: ::error file=…,line=…,col=…,title=…::message."""

from __future__ import annotations

from typing import TextIO

from seuranta.check.result import Result
from seuranta.model.problem import Problem
from seuranta.reporters import ReportOptions, summary_line

LEVEL = {"error": "error", "warning": "warning"}


def _data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _property(text: str) -> str:
    return _data(text).replace(":", "%3A").replace(",", "%2C")


def annotation(problem: Problem, lang: str) -> str:
    level = "notice" if problem.acknowledged else LEVEL[problem.severity]
    props = f"file={_property(problem.path)},line={problem.line},col={problem.column},title={_property(problem.rule)}"
    return f"::{level} {props}::{_data(problem.message.text(lang))}"


def report(result: Result, options: ReportOptions, out: TextIO) -> None:
    for problem in result.problems:
        if options.show_acknowledged or not problem.acknowledged:
            out.write(annotation(problem, options.lang) + "\n")
    out.write(summary_line(result, options.lang) + "\n")
