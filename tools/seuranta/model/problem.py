"""The one finding type every check yields and every reporter prints."""

from __future__ import annotations

from typing import NamedTuple

ERROR = "error"
WARNING = "warning"
SEVERITIES = (ERROR, WARNING)


class Message(NamedTuple):
    """A finding's message in both languages the tool speaks."""

    fi: str
    en: str

    def text(self, lang: str) -> str:
        return self.fi if lang == "fi" else self.en


class Problem(NamedTuple):
    """A finding at path:line:column (1-based), from rule `rule`."""

    path: str
    line: int
    column: int
    rule: str
    severity: str
    message: Message
    match: str = ""
    acknowledged: bool = False

    def sort_key(self) -> tuple[str, int, int, str, str]:
        return (self.path, self.line, self.column, self.rule, self.message.en)


def problem(
    path: str,
    mark: tuple[int, int],
    *,
    rule: str,
    severity: str,
    message: Message,
    match: str = "",
) -> Problem:
    return Problem(path, mark[0], mark[1], rule, severity, message, match)
