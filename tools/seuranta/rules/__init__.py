"""Semantic rules: one module per rule, each with ID, SEVERITY, KINDS, MESSAGE, DOC and check().

`check(doc, ctx)` yields `Hit`s; the engine turns them into `Problem`s with the
configured severity and the message in both languages.
"""

from __future__ import annotations

import datetime
from typing import Any, NamedTuple

from seuranta.model.config import Config
from seuranta.model.index import Model
from seuranta.model.problem import Message


class Hit(NamedTuple):
    mark: tuple[int, int]
    fields: dict[str, Any]
    match: str = ""


class Context(NamedTuple):
    """What the engine hands every rule: the tree's index, the configuration, the date, and two
    memos that live exactly as long as their scope: `run` for one run over one index, `file` for
    the rules of one file (`rules.support` builds what they hold on first use)."""

    model: Model
    config: Config
    today: datetime.date
    run: dict[str, Any]
    file: dict[str, Any]

    def for_file(self) -> Context:
        """The context for the rules of the next file: the run's memo kept, a fresh file memo."""
        return self._replace(file={})


def context(model: Model, config: Config, today: datetime.date) -> Context:
    """A context for one run over `model`."""
    return Context(model, config, today, {}, {})


class Doc(NamedTuple):
    """What the rules reference shows: a summary and a bad and a good example."""

    summary: Message
    bad: str
    good: str


def hit(mark: tuple[int, int], match: str = "", **fields: Any) -> Hit:
    return Hit(mark, fields, match)
