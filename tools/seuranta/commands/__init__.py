"""One thin module per command; `cli.py` builds each one's options and calls its `execute()`."""

from __future__ import annotations

from seuranta.model.registry import Registry

# `seuranta show --format NAME`: each a function (model, ident, doc, lang) -> str.
SHOW_FORMATS = Registry({"text": "seuranta.commands.show:as_text", "json": "seuranta.commands.show:as_json"})
