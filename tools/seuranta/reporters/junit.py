"""JUnit XML: one test case per checked file with findings, one failure per finding.

Every text is `escaping.xml`: masked and free of the characters XML forbids, so it always parses.
"""

from __future__ import annotations

import itertools
from typing import TextIO
from xml.etree import ElementTree

from seuranta.check.result import Result
from seuranta.reporters import ReportOptions
from seuranta.reporters.escaping import xml
from seuranta.reporters.text import line


def report(result: Result, options: ReportOptions, out: TextIO) -> None:
    shown = [p for p in result.problems if not p.acknowledged]
    suite = ElementTree.Element(
        "testsuite", name="seuranta", tests=str(result.files), failures=str(len(shown)), errors="0"
    )
    for path, group in itertools.groupby(shown, key=lambda p: p.path):
        case = ElementTree.SubElement(suite, "testcase", classname="seuranta", name=xml(path))
        for problem in group:
            failure = ElementTree.SubElement(
                case, "failure", type=xml(problem.rule), message=xml(problem.message.text(options.lang))
            )
            failure.text = line(problem, options.lang)
    ElementTree.indent(suite)
    out.write('<?xml version="1.0" encoding="utf-8"?>\n' + ElementTree.tostring(suite, encoding="unicode") + "\n")
