"""A registry of named implementations, imported only when one is used.

The command line takes its choices from a registry's names, so a choice is listed once, and
starting `seuranta validate` never imports the spreadsheet writer.
"""

from __future__ import annotations

import importlib
from collections.abc import Iterator, Mapping
from typing import Any


class Registry(Mapping[str, Any]):
    """name → "module:attribute" (or "module" for the module itself), resolved on lookup."""

    def __init__(self, targets: dict[str, str]) -> None:
        self._targets = dict(targets)

    @property
    def names(self) -> tuple[str, ...]:
        return tuple(self._targets)

    def __getitem__(self, name: str) -> Any:
        module, _, attribute = self._targets[name].partition(":")
        found = importlib.import_module(module)
        return getattr(found, attribute) if attribute else found

    def __iter__(self) -> Iterator[str]:
        return iter(self._targets)

    def __len__(self) -> int:
        return len(self._targets)
