"""Parse → check: load the tree, run the schema and every enabled rule, apply acknowledgements."""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Iterator
from pathlib import Path
from types import ModuleType
from typing import Any, NamedTuple

from seuranta import parallel, schema
from seuranta.config import Config
from seuranta.documents import Document, read
from seuranta.model import Model, build

__all__ = ["Document", "Model", "Result", "build", "check_document", "load_tree", "validate"]
from seuranta.problem import ERROR, WARNING, Message, Problem
from seuranta.repo import display, under, yaml_files
from seuranta.rules import Context

ACK_UNUSED = "ack-unused"
ACK_UNUSED_MESSAGE = Message(
    "Kuittaus ({rule}: '{match}') ei vastaa yhtään havaintoa. Poista se tai korjaa sääntö ja teksti.",
    "The acknowledgement ({rule}: '{match}') matches no finding. Remove it or fix its rule and text.",
)


class Result(NamedTuple):
    problems: list[Problem]
    files: int

    def count(self, severity: str) -> int:
        return sum(1 for p in self.problems if p.severity == severity and not p.acknowledged)

    @property
    def acknowledged(self) -> int:
        return sum(1 for p in self.problems if p.acknowledged)


class Tree(NamedTuple):
    docs: list[Document]
    model: Model


def load_tree(root: Path, config: Config, extra: Iterable[Path] = (), *, positions: bool = True) -> Tree:
    """Every data file under the repository, plus any extra files named outside it.

    Without `positions` (for commands that report no line numbers) a large tree is read on every core."""
    data_dir = root / config.data
    paths = yaml_files(data_dir) if data_dir.is_dir() else []
    prefix = len(root.parts)

    def one(path: Path) -> Document:
        return read(
            path, display="/".join(path.parts[prefix:]), relative=path.relative_to(data_dir), limits=config.limits
        )

    docs = [one(p) for p in paths] if positions else parallel.map_names(lambda p: _without_positions(one(p)), paths)
    known = {(root / d.path).resolve() for d in docs} if extra else set()
    for path in extra:
        if path.resolve() not in known:
            docs.append(read(path, display=display(path, root), relative=under(path, data_dir), limits=config.limits))
    return Tree(docs, build(docs))


def _without_positions(doc: Document) -> Document:
    """The document without libyaml's marks, which cannot cross a process boundary cheaply."""
    return doc._replace(parsed=doc.parsed._replace(marks={}, key_marks={}, text=""))


def rule_problems(doc: Document, ctx: Context, rules: Iterable[ModuleType] | None = None) -> Iterator[Problem]:
    from seuranta.rules.registry import RULES

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
    problems += rule_problems(doc, ctx)
    return acknowledge(doc, problems, ctx.config)


def acknowledge(doc: Document, problems: list[Problem], config: Config) -> list[Problem]:
    acks = doc.data.get("acknowledged") if isinstance(doc.data, dict) else None
    if not isinstance(acks, list):
        return problems
    used: set[int] = set()
    marked = [_marked(p, acks, used) for p in problems]
    severity = config.severity(ACK_UNUSED, ERROR)
    for index, ack in enumerate(acks):
        if index not in used and isinstance(ack, dict) and config.enabled(ACK_UNUSED):
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
    ctx = Context(model, config, today)
    problems = [p for doc in targets for p in check_document(doc, ctx)]
    return Result(sorted(problems, key=Problem.sort_key), len(targets))


def failed(result: Result, *, strict: bool) -> bool:
    return result.count(ERROR) > 0 or (strict and result.count(WARNING) > 0)
