"""Output formats for validation results; each format in its own module."""

from __future__ import annotations

import os
from collections.abc import Callable
from typing import NamedTuple, TextIO

from seuranta.check.result import Result
from seuranta.model import counts
from seuranta.model.registry import Registry


class ReportOptions(NamedTuple):
    lang: str
    show_acknowledged: bool


Reporter = Callable[[Result, ReportOptions, TextIO], None]


def summary_line(result: Result, lang: str) -> str:
    """ "0 virhettä, 1 varoitus, 0 kuitattua, 1 tiedosto tarkistettu." / "0 errors, 1 warning, … 1 file checked." """
    parts = (
        (counts.ERRORS, result.count("error")),
        (counts.WARNINGS, result.count("warning")),
        (counts.ACKNOWLEDGED, result.acknowledged),
        (counts.FILES_CHECKED, result.files),
    )
    return ", ".join(noun.counted(number, lang) for noun, number in parts) + "."


# `seuranta validate --format NAME`: each module's `report(result, options, out)`.
REPORTERS = Registry(
    {name: f"seuranta.reporters.{name}:report" for name in ("text", "json", "github", "sarif", "junit", "markdown")}
)


# The formats that print an acknowledged finding only with `--show-acknowledged`, and the one that never does.
_ACKNOWLEDGED_WHEN_ASKED = frozenset(("text", "github", "markdown"))
_ACKNOWLEDGED_NEVER = frozenset(("junit",))


def locates_acknowledged(name: str, options: ReportOptions) -> bool:
    """Whether the report `name` prints where an acknowledged finding stands (json and sarif always do)."""
    if name in _ACKNOWLEDGED_NEVER:
        return False
    return name not in _ACKNOWLEDGED_WHEN_ASKED or options.show_acknowledged


def default_format() -> str:
    return "github" if os.environ.get("GITHUB_ACTIONS") == "true" else "text"
