"""The rules, in the order their findings are reported."""

from __future__ import annotations

from types import ModuleType

from seuranta.rules import id_path

RULES: tuple[ModuleType, ...] = (id_path,)
