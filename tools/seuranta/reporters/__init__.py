"""Output formats for validation results; each format in its own module."""

from __future__ import annotations

import os
from collections.abc import Callable
from typing import NamedTuple, TextIO

from seuranta.check.result import Result
from seuranta.model.registry import Registry


class ReportOptions(NamedTuple):
    lang: str
    show_acknowledged: bool


Reporter = Callable[[Result, ReportOptions, TextIO], None]


def summary_line(result: Result, lang: str) -> str:
    errors, warnings, acked = result.count("error"), result.count("warning"), result.acknowledged
    if lang == "fi":
        return f"{errors} virhettä, {warnings} varoitusta, {acked} kuitattua, {result.files} tiedostoa tarkistettu."
    return f"{errors} errors, {warnings} warnings, {acked} acknowledged, {result.files} files checked."


# `seuranta validate --format NAME`: each module's `report(result, options, out)`.
REPORTERS = Registry(
    {name: f"seuranta.reporters.{name}:report" for name in ("text", "json", "github", "sarif", "junit", "markdown")}
)


def default_format() -> str:
    return "github" if os.environ.get("GITHUB_ACTIONS") == "true" else "text"
