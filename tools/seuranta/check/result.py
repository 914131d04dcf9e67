"""What a check of some files found: the findings, sorted, and how many files were checked."""

from __future__ import annotations

from typing import NamedTuple

from seuranta.model.problem import ERROR, WARNING, Problem


class Result(NamedTuple):
    problems: list[Problem]
    files: int

    def count(self, severity: str) -> int:
        return sum(1 for p in self.problems if p.severity == severity and not p.acknowledged)

    @property
    def acknowledged(self) -> int:
        return sum(1 for p in self.problems if p.acknowledged)


def failed(result: Result, *, strict: bool) -> bool:
    """Whether the findings fail the run: errors, and warnings too when strict."""
    return result.count(ERROR) > 0 or (strict and result.count(WARNING) > 0)
