"""What changed, by meaning: between revisions, or between two rounds; and how it is shown."""

from __future__ import annotations

from seuranta.model.registry import Registry

# `seuranta diff --format NAME`: each a module with `changes(Diff, FormatOptions)` and `rounds(RoundsDiff, …)`.
DIFF_FORMATS = Registry({name: f"seuranta.diff.formats.{name}" for name in ("text", "markdown", "json")})
