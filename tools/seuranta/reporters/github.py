"""GitHub Actions workflow commands: ::error file=…,line=…,col=…,title=…::message.

The data and the properties are escaped as the runner reads them (`escaping.workflow_data`,
`escaping.workflow_property`), so a finding is always one command and nothing else.
"""

from __future__ import annotations

from typing import TextIO

from seuranta.check.result import Result
from seuranta.model.problem import Problem
from seuranta.reporters import ReportOptions, summary_line
from seuranta.reporters.escaping import workflow_data, workflow_property

LEVEL = {"error": "error", "warning": "warning"}


def annotation(problem: Problem, lang: str) -> str:
    level = "notice" if problem.acknowledged else LEVEL[problem.severity]
    file, title = workflow_property(problem.path), workflow_property(problem.rule)
    props = f"file={file},line={problem.line},col={problem.column},title={title}"
    return f"::{level} {props}::{workflow_data(problem.message.text(lang))}"


def report(result: Result, options: ReportOptions, out: TextIO) -> None:
    for problem in result.problems:
        if options.show_acknowledged or not problem.acknowledged:
            out.write(annotation(problem, options.lang) + "\n")
    out.write(summary_line(result, options.lang) + "\n")
