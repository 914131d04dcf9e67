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


def default_format() -> str:
    return "github" if os.environ.get("GITHUB_ACTIONS") == "true" else "text"
