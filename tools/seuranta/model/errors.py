"""The error contract: exit codes, and the usage error every command raises as a value.

A command returns `FINDINGS` when what it checked or compared has something to report, raises
`UsageError` for a request it cannot carry out (an unknown measure, a missing file, a bad
option value), and lets anything else propagate: `cli.main()` prints each in one line and maps
it to its code. The codes are documented in the README and `docs/design.md`.
"""

from __future__ import annotations

import enum
from typing import Any

from seuranta.model.problem import Message


class Exit(enum.IntEnum):
    OK = 0
    FINDINGS = 1  # error findings (validate), changes (diff, fmt --check), refused writes, unread files (summary…)
    USAGE = 2  # an unknown option, file, measure, round or revision
    INTERNAL = 3  # a defect in seuranta: please report it


class UsageError(Exception):
    """A request the tool cannot carry out, worded for the editor in both languages."""

    def __init__(self, message: Message | str, **fields: Any) -> None:
        if isinstance(message, str):
            message = Message(message, message)
        self.message = Message(message.fi.format(**fields), message.en.format(**fields))
        super().__init__(self.message.en)

    def text(self, lang: str) -> str:
        return self.message.text(lang)
