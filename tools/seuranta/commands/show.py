"""`seuranta show MEASURE_ID`: one measure's whole timeline, round by round, with the figures found."""

from __future__ import annotations

import difflib
import json
import sys
from pathlib import Path
from typing import Any, NamedTuple, TextIO

import click

from seuranta import engine, snapshots
from seuranta.documents import Document
from seuranta.figures import Figure, extract
from seuranta.model import Model, rounds
from seuranta.repo import find_root

EXIT_OK = 0
EXIT_ERROR = 2
INDENT = "    "
WORDS = {
    "fi": {
        "group": "ryhmä",
        "figures": "luvut",
        "no_status": "(ei tilannetta)",
        "not_found": "toimenpidettä ei löydy",
        "maybe": "tarkoititko",
        "path": "tiedosto",
    },
    "en": {
        "group": "group",
        "figures": "figures",
        "no_status": "(no status)",
        "not_found": "no such measure",
        "maybe": "did you mean",
        "path": "file",
    },
}


class Options(NamedTuple):
    measure: str
    format: str
    lang: str
    root: Path | None = None


class Entry(NamedTuple):
    """One round of a timeline: its date and label, the status text (None if not reported) and its figures."""

    date: str
    label: str
    text: str | None
    figures: list[Figure]


def wanted_id(name: str, data: str) -> str:
    """An id from an id or a file path (data/…/x.yaml)."""
    name = name.strip().removeprefix("./")
    name = name.removeprefix(data.strip("/") + "/")
    return name.removesuffix(".yaml").removesuffix(".yml")


def find(model: Model, name: str, data: str) -> Document | None:
    ident = wanted_id(name, data)
    if ident in model.measures:
        return model.measures[ident]
    ending = [key for key in model.measures if key.endswith("/" + ident)]
    return model.measures[ending[0]] if len(ending) == 1 else None


def labels(model: Model, ident: str) -> dict[str, str]:
    programme = model.programme_of(ident)
    found = [r for r in programme.get("rounds", []) if isinstance(r, dict)]
    return {str(r.get("date")): str(r.get("label") or r.get("date")) for r in found}


def timeline(model: Model, ident: str, doc: Document) -> list[Entry]:
    """Every declared round and every status, in date order; statuses keep their file order within a date."""
    statuses = [e for e in doc.data.get("statuses") or [] if isinstance(e, dict)]
    named = labels(model, ident)
    found = [Entry(str(e.get("date")), "", str(e.get("text", "")), []) for e in statuses]
    reported = {entry.date for entry in found}
    found += [Entry(date, "", None, []) for date in rounds(model.programme_of(ident)) if date not in reported]
    ordered = sorted(found, key=lambda entry: entry.date)
    return [e._replace(label=named.get(e.date, e.date), figures=extract(e.text or "")) for e in ordered]


def header(model: Model, ident: str, doc: Document, lang: str) -> list[str]:
    data = doc.data
    number = f"{data.get('number')} " if data.get("number") else ""
    group = model.group_of(ident)
    group_line = f"{WORDS[lang]['group']}: {'/'.join(ident.split('/')[:2])}" + (
        f" {group.get('title')}" if group.get("title") else ""
    )
    return [ident, f"{number}{data.get('title', '')}".strip(), group_line, f"{WORDS[lang]['path']}: {doc.path}", ""]


def entry_lines(entry: Entry, lang: str) -> list[str]:
    head = entry.label if entry.label == entry.date else f"{entry.label} ({entry.date})"
    if entry.text is None:
        return [head, INDENT + WORDS[lang]["no_status"], ""]
    body = [INDENT + line if line else "" for line in entry.text.split("\n")]
    figures = (
        [f"{INDENT}{WORDS[lang]['figures']}:"] + [INDENT * 2 + f.phrase() for f in entry.figures]
        if entry.figures
        else []
    )
    return [head] + body + figures + [""]


def as_text(model: Model, ident: str, doc: Document, lang: str) -> str:
    found = header(model, ident, doc, lang) + [
        line for e in timeline(model, ident, doc) for line in entry_lines(e, lang)
    ]
    return "\n".join(found).rstrip("\n") + "\n"


def figure(found: Figure) -> dict[str, Any]:
    return {
        "kind": found.kind,
        "text": found.text,
        "value": found.value,
        "of": found.of,
        "before": found.before,
        "after": found.after,
    }


def as_json(model: Model, ident: str, doc: Document, lang: str) -> str:
    entries = [
        {"date": e.date, "label": e.label, "text": e.text, "figures": [figure(f) for f in e.figures]}
        for e in timeline(model, ident, doc)
    ]
    data = doc.data
    document = {
        "id": ident,
        "path": doc.path,
        "number": data.get("number"),
        "title": data.get("title"),
        "timeline": entries,
    }
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"


def not_found(model: Model, name: str, lang: str) -> int:
    close = difflib.get_close_matches(name, list(model.measures), n=3, cutoff=0.8)
    hint = f"; {WORDS[lang]['maybe']}: {', '.join(close)}" if close else ""
    click.echo(f"seuranta show: {WORDS[lang]['not_found']}: {name}{hint}", err=True)
    return EXIT_ERROR


def execute(options: Options, out: TextIO | None = None) -> int:
    out = out or sys.stdout
    root = options.root or find_root(Path.cwd())
    config = snapshots.load_config(root)
    model = engine.load_tree(root, config).model
    doc = find(model, options.measure, config.data)
    if doc is None:
        return not_found(model, options.measure, options.lang)
    ident = next(key for key, value in model.measures.items() if value is doc)
    out.write((as_json if options.format == "json" else as_text)(model, ident, doc, options.lang))
    return EXIT_OK
