"""Semantic rules: one module per rule, each with ID, SEVERITY, KINDS, MESSAGE, DOC and check().

`check(doc, ctx)` yields `Hit`s; the engine turns them into `Problem`s with the
configured severity and the message in both languages.
"""

from __future__ import annotations

import datetime
from typing import Any, NamedTuple

from seuranta.config import Config
from seuranta.model import Model
from seuranta.problem import Message


class Hit(NamedTuple):
    mark: tuple[int, int]
    fields: dict[str, Any]
    match: str = ""


class Context(NamedTuple):
    model: Model
    config: Config
    today: datetime.date


class Doc(NamedTuple):
    """What the rules reference shows: a summary and a bad and a good example."""

    summary: Message
    bad: str
    good: str


def hit(mark: tuple[int, int], match: str = "", **fields: Any) -> Hit:
    return Hit(mark, fields, match)
