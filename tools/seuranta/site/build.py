"""Write the whole site: every page and the stylesheet, into one folder."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any, NamedTuple

from seuranta.check.result import Result
from seuranta.files import atomic
from seuranta.model.documents import Document
from seuranta.site import pages, style
from seuranta.tables.tidy import Programme, measure_series


class Written(NamedTuple):
    pages: int
    measures: int
    groups: int
    figures: int


def reasons(docs: Sequence[Document]) -> dict[tuple[str, str], list[tuple[str, str]]]:
    """Each acknowledgement's (match, reason), by (path, rule), for the findings page."""
    found: dict[tuple[str, str], list[tuple[str, str]]] = {}
    for doc in docs:
        acks: Any = doc.data.get("acknowledged") if isinstance(doc.data, dict) else None
        for ack in acks if isinstance(acks, list) else []:
            if isinstance(ack, dict):
                entry = (str(ack.get("match")), str(ack.get("reason", "")))
                found.setdefault((doc.path, str(ack.get("rule"))), []).append(entry)
    return found


def findings(result: Result, docs: Sequence[Document]) -> pages.Findings:
    known = reasons(docs)
    by_rule: dict[tuple[str, str, str], str] = {}
    for problem in result.problems:
        if problem.acknowledged:
            candidates = known.get((problem.path, problem.rule), [])
            by_rule[(problem.path, problem.rule, problem.match)] = next(
                (reason for match, reason in candidates if match and match in problem.match), ""
            )
    return pages.Findings(result.problems, by_rule, result.files)


def write(out: Path, programmes: Sequence[Programme], found: pages.Findings, *, date: str) -> Written:
    built = pages.all_pages(programmes, found, date)
    out.mkdir(parents=True, exist_ok=True)
    for page in built:
        target = out / page.path
        target.parent.mkdir(parents=True, exist_ok=True)
        atomic.write_text(target, page.html)
    atomic.write_text(out / style.FILE, style.CSS)
    measures = [m for p in programmes for m in p.measures]
    return Written(
        len(built),
        len(measures),
        sum(len(p.groups) for p in programmes),
        sum(len(s.points) for m in measures for s in measure_series(m)),
    )
