"""One JSON object: the revisions, a summary and every change, for scripts and bots.

Written by `escaping.json_document`: every string masked, every invisible character a \\u escape.
"""

from __future__ import annotations

from typing import Any

from seuranta.diff.compare import Diff, DocChange, FieldChange, Piece, Revision, RoundEntry, RoundsDiff, StatusChange
from seuranta.diff.formats import FormatOptions
from seuranta.prose.figures import Move
from seuranta.reporters.escaping import json_document

DIRECTIONS = {1: "up", -1: "down", 0: "same"}


def dumps(document: dict[str, Any]) -> str:
    return json_document(document)


def side(revision: Revision) -> dict[str, Any]:
    if revision.commit is None:
        return {"rev": None, "commit": None, "working_tree": True}
    return {"rev": revision.name or None, "commit": revision.commit, "working_tree": False}


def pieces(found: tuple[Piece, ...]) -> list[dict[str, str]]:
    return [{"op": p.op, "text": p.text} for p in found]


def move(found: Move) -> dict[str, Any]:
    return {
        "old": found.old.text,
        "new": found.new.text,
        "direction": DIRECTIONS[found.direction],
        "phrase": found.phrase(),
    }


def field(change: FieldChange) -> dict[str, Any]:
    return {
        "field": change.field,
        "change": change.change,
        "before": change.before,
        "after": change.after,
        "words": pieces(change.words),
        "figures": [move(m) for m in change.moves],
    }


def status(change: StatusChange) -> dict[str, Any]:
    return {
        "date": change.date,
        "change": change.change,
        "before": change.before,
        "after": change.after,
        "layout_only": change.layout_only,
        "words": pieces(change.words),
        "figures": [move(m) for m in change.moves],
        "fields": [field(f) for f in change.fields],
    }


def document(change: DocChange) -> dict[str, Any]:
    return {
        "kind": change.kind,
        "change": change.change,
        "id": change.ident,
        "path": change.path,
        "old_id": change.old_ident or None,
        "old_path": change.old_path or None,
        "title": change.title,
        "problem": change.problem or None,
        "fields": [field(f) for f in change.fields],
        "statuses": [status(s) for s in change.statuses],
    }


def summary(diff: Diff) -> dict[str, Any]:
    return {
        "measures": {c: diff.count(c) for c in ("added", "removed", "renamed", "changed")},
        "statuses": {c: diff.status_count(c) for c in ("added", "removed", "changed")},
        "other_files": sum(1 for c in diff.changes if c.kind != "measure"),
        "layout_only_files": diff.layout_files,
    }


def changes(diff: Diff, options: FormatOptions) -> str:
    return dumps(
        {
            "base": side(diff.base),
            "head": side(diff.head),
            "summary": summary(diff),
            "changes": [document(c) for c in diff.changes],
        }
    )


def entry(found: RoundEntry) -> dict[str, Any]:
    return {"id": found.ident, "title": found.title, "figures": [move(m) for m in found.moves]}


def rounds(diff: RoundsDiff, options: FormatOptions) -> str:
    return dumps(
        {
            "rounds": [diff.first, diff.second],
            "programmes": list(diff.programmes),
            "moved": [entry(e) for e in diff.moved],
            "unmoved": [entry(e) for e in diff.both if not e.moves],
            "only_first": [entry(e) for e in diff.only_first],
            "only_second": [entry(e) for e in diff.only_second],
        }
    )
