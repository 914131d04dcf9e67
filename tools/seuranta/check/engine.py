"""Check one file: the loader's findings, the schema, every enabled rule, then acknowledgements."""

from __future__ import annotations

import collections
import datetime
import itertools
from collections.abc import Iterable, Iterator
from types import ModuleType
from typing import Any, NamedTuple

from seuranta.check import schema
from seuranta.check.result import Result
from seuranta.model.config import Config
from seuranta.model.documents import GROUP, MEASURE, Document
from seuranta.model.index import Model
from seuranta.model.loader import Located, defer_positions, is_ticket, located, numbered
from seuranta.model.problem import ERROR, Message, Problem
from seuranta.rules import Context, context, support
from seuranta.rules.registry import ACK_UNUSED, CROSS_FILE, RULES

ACK_UNUSED_MESSAGE = Message(
    "Kuittaus ({rule}: '{match}') ei vastaa yhtään havaintoa. Poista se tai korjaa sääntö ja teksti.",
    "The acknowledgement ({rule}: '{match}') matches no finding. Remove it or fix its rule and text.",
)


def rule_problems(doc: Document, ctx: Context, rules: Iterable[ModuleType] | None = None) -> Iterator[Problem]:
    path = doc.path
    for rule, severity in _running(doc, ctx) if rules is None else _run(doc, ctx, _chosen(doc.kind, ctx, rules)):
        hits = iter(rule.check(doc, ctx))
        for hit in hits:  # most rules find nothing in most files: nothing is made for them
            yield from _problems(path, rule, severity, itertools.chain((hit,), hits))


def _problems(path: str, rule: ModuleType, severity: str, hits: Iterable[Any]) -> Iterator[Problem]:
    """A rule's hits in a file as findings."""
    messages: dict[tuple[tuple[str, Any], ...], Message] = {}
    template, ident = rule.MESSAGE, rule.ID
    for mark, fields, match in hits:  # a `Hit`
        line, column = numbered(mark)  # a deferred position stays a ticket (`check_document`)
        yield Problem(path, line, column, ident, severity, _message(template, fields, messages), match)


_SHARED = {str, int}  # exactly these types: equal values of them are written alike


def _message(template: Message, fields: dict[str, Any], memo: dict[tuple[tuple[str, Any], ...], Message]) -> Message:
    """The rule's message with a finding's fields, formatted once per distinct fields of text and whole
    numbers: a file's findings of one rule often repeat theirs."""
    if not _SHARED.issuperset(map(type, fields.values())):
        return Message(template.fi.format(**fields), template.en.format(**fields))
    key = tuple(fields.items())
    found = memo.get(key)
    if found is None:
        found = memo[key] = Message(template.fi.format(**fields), template.en.format(**fields))
    return found


Chosen = tuple[ModuleType, str, int]


def _chosen(kind: str, ctx: Context, rules: Iterable[ModuleType]) -> list[Chosen]:
    """The rules that read a file of this kind and are enabled, each with its configured severity and the
    kinds of fact it needs in the file's texts to find anything (its `NEEDS`; 0: it runs on every file)."""
    return [
        (rule, ctx.config.severity(rule.ID, rule.SEVERITY), getattr(rule, "NEEDS", 0))
        for rule in rules
        if kind in rule.KINDS and ctx.config.enabled(rule.ID)
    ]


def _enabled(kind: str, ctx: Context) -> list[Chosen]:
    """`_chosen()` of every rule, once per run and file kind (in the run memo)."""
    memo: dict[str, list[Chosen]] = ctx.run.setdefault("enabled rules", {})
    if kind not in memo:
        memo[kind] = _chosen(kind, ctx, RULES)
    return memo[kind]


Run = list[tuple[ModuleType, str]]


def _run(doc: Document, ctx: Context, chosen: list[Chosen]) -> Run:
    """The chosen rules to run on the file, with their severities: a rule that needs kinds of fact is passed over
    where no text of the file may hold one of them (`support.holds()`, asked only when a rule needs some)."""
    held = support.holds(doc, ctx) if any(needs for _, _, needs in chosen) else 0
    return [(rule, severity) for rule, severity, needs in chosen if not needs or needs & held]


def _running(doc: Document, ctx: Context) -> Run:
    """`_run()` of the enabled rules (`_enabled()`), once per run, file kind and kinds of fact its texts may hold
    (in the run memo): a file costs the loop only the rules that run on it."""
    memo: dict[str, tuple[bool, dict[int, Run]]] = ctx.run.setdefault("running rules", {})
    kind = doc.kind
    found = memo.get(kind)
    if found is None:
        found = memo[kind] = (any(needs for _, _, needs in _enabled(kind, ctx)), {})
    needing, by_held = found
    held = support.holds(doc, ctx) if needing else 0
    run = by_held.get(held)
    if run is None:
        run = by_held[held] = _run(doc, ctx, _enabled(kind, ctx))
    return run


_UNLOCATED = "acknowledged findings unlocated"


def leave_acknowledged_unlocated(ctx: Context) -> None:
    """No output of this run shows where an acknowledged finding stands (a report that leaves them out, and no
    cache to store them in): their line and column are left 0, and a file whose findings are all acknowledged
    is never parsed again for its marks (unless a rule reads one for more than a finding's position)."""
    ctx.run[_UNLOCATED] = True


def check_document(doc: Document, ctx: Context) -> list[Problem]:
    """Every finding for one file, acknowledgements applied."""
    problems = list(doc.parsed.problems)
    if doc.data is None:
        return problems
    problems += schema.check(doc)
    acknowledges = _acknowledges(doc)
    deferred = _UNLOCATED in ctx.run and acknowledges and defer_positions(doc.parsed)
    try:
        found = list(rule_problems(doc, ctx.for_file()))
    finally:
        tickets = located(doc.parsed) if deferred else None
    unread = _beside_unread(doc, ctx.model)
    problems += [p for p in found if p.rule not in CROSS_FILE] if unread else found
    # Whether an unused acknowledgement is a finding matters only in a file that acknowledges something.
    unused = acknowledges and not unread and not _orphan(doc, ctx.model)
    marked = acknowledge(doc, problems, ctx.config, unused=unused)
    return marked if tickets is None else [_located(p, tickets) for p in marked]


def _acknowledges(doc: Document) -> bool:
    """Whether the file acknowledges anything: without an acknowledgement every finding is shown, so
    deferring its positions would only add the tickets' cost (a file of 48,000 findings and none
    acknowledged took a third longer)."""
    acks = doc.data.get("acknowledged") if isinstance(doc.data, dict) else None
    return isinstance(acks, list) and bool(acks)


def _located(problem: Problem, tickets: Located) -> Problem:
    """A finding of a deferred file where it stands; an acknowledged one at line and column 0, unlocated."""
    if not is_ticket((problem.line, problem.column)):
        return problem
    if problem.acknowledged:
        return problem._replace(column=0)
    line, column = tickets.at((problem.line, problem.column))
    return problem._replace(line=line, column=column)


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
    index = _Acknowledgements(acks)
    marked = [_marked(p, index, used) for p in problems]
    severity = config.severity(ACK_UNUSED, ERROR)
    for at, ack in enumerate(acks):
        if unused and at not in used and isinstance(ack, dict) and config.enabled(ACK_UNUSED):
            text = Message(*(t.format(rule=ack.get("rule"), match=ack.get("match")) for t in ACK_UNUSED_MESSAGE))
            mark = doc.mark("acknowledged", at)
            marked.append(Problem(doc.path, mark[0], mark[1], ACK_UNUSED, severity, text, str(ack.get("match"))))
    return marked


class _Acknowledgements:
    """A file's acknowledgements, per rule an automaton over their matches (Aho–Corasick): the first
    acknowledgement whose match a finding's match equals or contains is found in one pass over the
    finding's match, so many findings and many acknowledgements cost their sum, not their product. A rule
    with a few acknowledgements (at most `FEW`) looks for each in the match instead: a bounded number of
    searches, each at the speed of `in`, with nothing built."""

    def __init__(self, acks: list[Any]) -> None:
        listed: dict[str, list[tuple[int, str]]] = {}
        for at, ack in enumerate(acks):
            rule, wanted = (ack.get("rule"), ack.get("match")) if isinstance(ack, dict) else (None, None)
            if isinstance(rule, str) and isinstance(wanted, str) and wanted:
                listed.setdefault(rule, []).append((at, wanted))
        self.by_rule = {rule: _Few(words) if len(words) <= FEW else _Automaton(words) for rule, words in listed.items()}

    def find(self, rule: str, found: str) -> int | None:
        """The first acknowledgement of `rule` whose match is `found` or a part of it."""
        automaton = self.by_rule.get(rule)
        return automaton.first_in(found) if automaton else None


FEW = 8


class _Few(NamedTuple):
    """A few numbered words, in increasing number: the smallest number of a word occurring in a text."""

    words: list[tuple[int, str]]

    def first_in(self, text: str) -> int | None:
        return next((number for number, word in self.words if word in text), None)


class _Automaton:
    """Aho–Corasick over numbered words: the smallest number of a word occurring in a text."""

    def __init__(self, words: list[tuple[int, str]]) -> None:
        self.goto: list[dict[str, int]] = [{}]
        self.best: list[int | None] = [None]
        for number, word in words:
            node = 0
            for char in word:
                if char not in self.goto[node]:
                    self.goto[node][char] = len(self.goto)
                    self.goto.append({})
                    self.best.append(None)
                node = self.goto[node][char]
            if self.best[node] is None:
                self.best[node] = number
        self.fail = [0] * len(self.goto)
        queue = collections.deque(self.goto[0].values())
        while queue:
            node = queue.popleft()
            for char, child in self.goto[node].items():
                queue.append(child)
                back = self.fail[node]
                while back and char not in self.goto[back]:
                    back = self.fail[back]
                self.fail[child] = self.goto[back].get(char, 0) if node else 0
                self.best[child] = _smaller(self.best[child], self.best[self.fail[child]])

    def first_in(self, text: str) -> int | None:
        node, first = 0, None
        for char in text:
            while node and char not in self.goto[node]:
                node = self.fail[node]
            node = self.goto[node].get(char, 0)
            first = _smaller(first, self.best[node])
        return first


def _smaller(a: int | None, b: int | None) -> int | None:
    return b if a is None else a if b is None else min(a, b)


def _marked(problem: Problem, index: _Acknowledgements, used: set[int]) -> Problem:
    at = index.find(problem.rule, problem.match)
    if at is None:
        return problem
    used.add(at)
    return problem._replace(acknowledged=True)


def validate(targets: list[Document], model: Model, config: Config, today: datetime.date) -> Result:
    ctx = context(model, config, today)
    problems = [p for doc in targets for p in check_document(doc, ctx)]
    return Result(sorted(problems, key=Problem.sort_key), len(targets))
