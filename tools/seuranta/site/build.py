"""Write the whole site: every page and the stylesheet, into one folder."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any, NamedTuple

from seuranta.check.result import Result
from seuranta.model.documents import Document
from seuranta.site import pages, style
from seuranta.tables.tidy import Programme, measure_series


class Written(NamedTuple):
    pages: int
    measures: int
    groups: int
    figures: int


def reasons(docs: Sequence[Document]) -> dict[tuple[str, str, str], str]:
    """Each acknowledgement's reason, by (path, rule, match), for the findings page."""
    found: dict[tuple[str, str, str], str] = {}
    for doc in docs:
        acks: Any = doc.data.get("acknowledged") if isinstance(doc.data, dict) else None
        for ack in acks if isinstance(acks, list) else []:
            if isinstance(ack, dict):
                found[(doc.path, str(ack.get("rule")), str(ack.get("match")))] = str(ack.get("reason", ""))
    return found


def findings(result: Result, docs: Sequence[Document]) -> pages.Findings:
    known = reasons(docs)
    by_rule: dict[tuple[str, str, str], str] = {}
    for problem in result.problems:
        if problem.acknowledged:
            by_rule[(problem.path, problem.rule, problem.match)] = next(
                (
                    reason
                    for (path, rule, match), reason in known.items()
                    if path == problem.path and rule == problem.rule and match and match in problem.match
                ),
                "",
            )
    return pages.Findings(result.problems, by_rule, result.files)


def write(out: Path, programmes: Sequence[Programme], found: pages.Findings, *, date: str) -> Written:
    built = pages.all_pages(programmes, found, date)
    out.mkdir(parents=True, exist_ok=True)
    for page in built:
        target = out / page.path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(page.html, encoding="utf-8")
    (out / style.FILE).write_text(style.CSS, encoding="utf-8")
    measures = [m for p in programmes for m in p.measures]
    return Written(
        len(built),
        len(measures),
        sum(len(p.groups) for p in programmes),
        sum(len(s.points) for m in measures for s in measure_series(m)),
    )
