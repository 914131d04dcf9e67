"""The repository's `.seuranta.yaml`: data folder, rule switches and severities, allow-lists."""

from __future__ import annotations

from pathlib import Path
from typing import Any, NamedTuple

from seuranta.model.documents import CONFIG_FILE, Document, read
from seuranta.model.loader import DEFAULT_LIMITS, Limits


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


def _mapping(value: Any) -> dict[str, Any]:
    return value if isinstance(value, dict) else {}


def _strings(value: Any) -> list[str]:
    return [item for item in value if isinstance(item, str)] if isinstance(value, list) else []


def _limits(value: Any) -> Limits:
    given = {key: item for key, item in _mapping(value).items() if key in Limits._fields and isinstance(item, int)}
    return Limits(**given)


def from_data(data: dict[str, Any]) -> Config:
    """The configuration; a part of the wrong shape falls back to its default (the schema reports it)."""
    allow = _mapping(data.get("allow"))
    rules = {key: value for key, value in _mapping(data.get("rules")).items() if isinstance(value, dict)}
    return Config(
        data=data["data"] if isinstance(data.get("data"), str) else "data",
        lang=data["lang"] if data.get("lang") in ("fi", "en") else None,
        rules=rules,
        allow_emails=frozenset(s.lower() for s in _strings(allow.get("emails"))),
        allow_phones=frozenset(_strings(allow.get("phones"))),
        limits=_limits(data.get("limits")),
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
