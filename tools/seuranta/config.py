"""The repository's `.seuranta.yaml`: data folder, rule switches and severities, allow-lists."""

from __future__ import annotations

from pathlib import Path
from typing import Any, NamedTuple

from seuranta.documents import CONFIG_FILE, Document, read
from seuranta.loader import DEFAULT_LIMITS, Limits


class Config(NamedTuple):
    data: str = "data"
    lang: str | None = None
    rules: dict[str, dict[str, Any]] = {}  # noqa: RUF012 - a NamedTuple field default, never mutated
    allow_emails: frozenset[str] = frozenset()
    allow_phones: frozenset[str] = frozenset()
    limits: Limits = DEFAULT_LIMITS

    def enabled(self, rule: str) -> bool:
        return bool(self.rules.get(rule, {}).get("enabled", True))

    def severity(self, rule: str, default: str) -> str:
        return str(self.rules.get(rule, {}).get("severity", default))


def from_data(data: dict[str, Any]) -> Config:
    allow = data.get("allow") or {}
    limits = data.get("limits") or {}
    return Config(
        data=str(data.get("data", "data")),
        lang=data.get("lang"),
        rules=dict(data.get("rules") or {}),
        allow_emails=frozenset(s.lower() for s in allow.get("emails", [])),
        allow_phones=frozenset(allow.get("phones", [])),
        limits=Limits(**limits),
    )


def read_config(root: Path) -> Document | None:
    path = root / CONFIG_FILE
    if not path.is_file():
        return None
    return read(path, display=CONFIG_FILE, relative=None)


class Loaded(NamedTuple):
    """The repository's configuration file (None when there is none) and what it configures."""

    doc: Document | None
    config: Config


def load(root: Path) -> Loaded:
    doc = read_config(root)
    return Loaded(doc, from_data(doc.data) if doc is not None and isinstance(doc.data, dict) else Config())
