"""Check one file: the loader's findings, the schema, every enabled rule, then acknowledgements."""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Iterator
from types import ModuleType
from typing import Any

from seuranta.check import schema
from seuranta.check.result import Result
from seuranta.model.config import Config
from seuranta.model.documents import GROUP, MEASURE, Document
from seuranta.model.index import Model
from seuranta.model.problem import ERROR, Message, Problem
from seuranta.rules import Context, context
from seuranta.rules.registry import ACK_UNUSED, CROSS_FILE, RULES

ACK_UNUSED_MESSAGE = Message(
    "Kuittaus ({rule}: '{match}') ei vastaa yhtään havaintoa. Poista se tai korjaa sääntö ja teksti.",
    "The acknowledgement ({rule}: '{match}') matches no finding. Remove it or fix its rule and text.",
)


def rule_problems(doc: Document, ctx: Context, rules: Iterable[ModuleType] | None = None) -> Iterator[Problem]:
    for rule in RULES if rules is None else rules:
        if doc.kind not in rule.KINDS or not ctx.config.enabled(rule.ID):
            continue
        severity = ctx.config.severity(rule.ID, rule.SEVERITY)
        for found in rule.check(doc, ctx):
            text = Message(rule.MESSAGE.fi.format(**found.fields), rule.MESSAGE.en.format(**found.fields))
            yield Problem(doc.path, found.mark[0], found.mark[1], rule.ID, severity, text, found.match)


def check_document(doc: Document, ctx: Context) -> list[Problem]:
    """Every finding for one file, acknowledgements applied."""
    problems = list(doc.parsed.problems)
    if doc.data is None:
        return problems
    problems += schema.check(doc)
    found = list(rule_problems(doc, ctx.for_file()))
    unread = _beside_unread(doc, ctx.model)
    problems += [p for p in found if p.rule not in CROSS_FILE] if unread else found
    return acknowledge(doc, problems, ctx.config, unused=not unread and not _orphan(doc, ctx.model))


def _ident(doc: Document) -> str:
    ident = doc.data.get("id") if isinstance(doc.data, dict) else None
    return ident if isinstance(ident, str) and ident else doc.expected_id


def _beside_unread(doc: Document, model: Model) -> bool:
    """A programme or group file of this file's programme failed to load."""
    programme = _ident(doc).split("/", 1)[0]
    return any(u == programme or u.startswith(programme + "/") for u in model.unread)


def _orphan(doc: Document, model: Model) -> bool:
    """A group or measure whose programme or group is not in the index: the rules that read them found
    nothing, so an unused acknowledgement proves nothing (the missing file is its own finding)."""
    if doc.kind not in (GROUP, MEASURE):
        return False
    ident = _ident(doc)
    return not model.programme_of(ident) or (doc.kind == MEASURE and not model.group_of(ident))


def acknowledge(doc: Document, problems: list[Problem], config: Config, *, unused: bool = True) -> list[Problem]:
    """Mark acknowledged findings; with `unused`, an acknowledgement that matches none is a finding."""
    acks = doc.data.get("acknowledged") if isinstance(doc.data, dict) else None
    if not isinstance(acks, list):
        return problems
    used: set[int] = set()
    marked = [_marked(p, acks, used) for p in problems]
    severity = config.severity(ACK_UNUSED, ERROR)
    for index, ack in enumerate(acks):
        if unused and index not in used and isinstance(ack, dict) and config.enabled(ACK_UNUSED):
            text = Message(*(t.format(rule=ack.get("rule"), match=ack.get("match")) for t in ACK_UNUSED_MESSAGE))
            mark = doc.mark("acknowledged", index)
            marked.append(Problem(doc.path, mark[0], mark[1], ACK_UNUSED, severity, text, str(ack.get("match"))))
    return marked


def _marked(problem: Problem, acks: list[Any], used: set[int]) -> Problem:
    for index, ack in enumerate(acks):
        if isinstance(ack, dict) and ack.get("rule") == problem.rule and _matches(ack.get("match"), problem.match):
            used.add(index)
            return problem._replace(acknowledged=True)
    return problem


def _matches(wanted: Any, found: str) -> bool:
    return isinstance(wanted, str) and bool(wanted) and (wanted == found or wanted in found)


def validate(targets: list[Document], model: Model, config: Config, today: datetime.date) -> Result:
    ctx = context(model, config, today)
    problems = [p for doc in targets for p in check_document(doc, ctx)]
    return Result(sorted(problems, key=Problem.sort_key), len(targets))
