"""`seuranta show MEASURE_ID`: one measure's whole timeline, round by round, with the figures found.

A measure's metrics are listed under its header and each status's answers to them under the status;
a continuation (bridging after the project) closes the timeline. Each is shown only when the measure has it.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any, NamedTuple, TextIO

from seuranta.check import tree as tree_mod
from seuranta.commands import SHOW_FORMATS
from seuranta.files import snapshots
from seuranta.files.repo import find_root
from seuranta.model import suggest
from seuranta.model.documents import MEASURE, Document
from seuranta.model.errors import Exit, UsageError
from seuranta.model.index import Model, rounds
from seuranta.model.problem import Message
from seuranta.prose import figures as figures_mod
from seuranta.prose.figures import Figure
from seuranta.reporters import unreadable
from seuranta.reporters.escaping import json_text, terminal_lines
from seuranta.rules.support import figure_populations

INDENT = "    "
WORDS = {
    "fi": {
        "group": "ryhmä",
        "figures": "luvut",
        "no_status": "(ei tilannetta)",
        "not_found": "toimenpidettä ei löydy",
        "maybe": "tarkoititko",
        "path": "tiedosto",
        "metrics": "mittarit",
        "due": "määräaika",
        "answers": "vastaukset",
        "continuation": "Jatko hankkeen jälkeen",
        "responsible": "vastuutaho",
        "successor": "jatkaja",
        "yes": "kyllä",
        "no": "ei",
    },
    "en": {
        "group": "group",
        "figures": "figures",
        "no_status": "(no status)",
        "not_found": "no such measure",
        "maybe": "did you mean",
        "path": "file",
        "metrics": "metrics",
        "due": "due",
        "answers": "answers",
        "continuation": "Continuation after the project",
        "responsible": "responsible",
        "successor": "successor",
        "yes": "yes",
        "no": "no",
    },
}


class Options(NamedTuple):
    measure: str
    format: str
    lang: str
    root: Path | None = None


class Entry(NamedTuple):
    """One round of a timeline: its date and label, the status text (None if not reported), its figures and
    its answers to the measure's metrics."""

    date: str
    label: str
    text: str | None
    figures: list[Figure]
    answers: tuple[dict[str, Any], ...] = ()
    series: tuple[str, ...] = ()  # the name of each figure's series, in the order of `figures`
    observed: tuple[tuple[str, str], ...] = ()  # the status's observations as (quote, unit)


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
    listed = programme.get("rounds")
    found = [r for r in listed if isinstance(r, dict)] if isinstance(listed, list) else []
    return {str(r.get("date")): str(r.get("label") or r.get("date")) for r in found}


def timeline(model: Model, ident: str, doc: Document) -> list[Entry]:
    """Every declared round and every status, in date order; statuses keep their file order within a date."""
    statuses = [e for e in doc.data.get("statuses") or [] if isinstance(e, dict)]
    named = labels(model, ident)
    found = [
        Entry(str(e.get("date")), "", str(e.get("text", "")), [], _dicts(e.get("answers")), (), figures_mod.observed(e))
        for e in statuses
    ]
    reported = {entry.date for entry in found}
    found += [Entry(date, "", None, []) for date in rounds(model.programme_of(ident)) if date not in reported]
    ordered = sorted(found, key=lambda entry: entry.date)
    return [_with_figures(e._replace(label=named.get(e.date, e.date)), model, ident, doc) for e in ordered]


def _with_figures(entry: Entry, model: Model, ident: str, doc: Document) -> Entry:
    """The entry's figures, each named by its series across the measure's rounds (`figures.measure_series`)."""
    known = figure_populations(doc.data, model.programme_of(ident))
    names = {(p.round, p.start): s.name for s in figures_mod.measure_series(doc.data, known) for p in s.points}
    found = figures_mod.extract(entry.text or "", known, entry.date, entry.observed)
    return entry._replace(figures=found, series=tuple(names.get((f.round, f.start), "") for f in found))


def _dicts(value: Any) -> tuple[dict[str, Any], ...]:
    return tuple(item for item in value if isinstance(item, dict)) if isinstance(value, list) else ()


def _one_line(value: Any) -> str:
    return " ".join(str(value).split())


def _parts(value: Any) -> str:
    """A cell written on several lines, as one line with its parts separated by semicolons."""
    return "; ".join(_one_line(line) for line in str(value).split("\n") if line.strip())


def _value(value: Any, lang: str) -> str:
    return WORDS[lang]["yes" if value else "no"] if isinstance(value, bool) else str(value)


def metric_lines(doc: Document, lang: str) -> list[str]:
    """`metrics:` and one line per metric: id (kind, due): text."""
    lines = []
    for item in _dicts(doc.data.get("metrics")):
        details = [str(item["kind"])] if "kind" in item else []
        details += [f"{WORDS[lang]['due']} {item['due']}"] if "due" in item else []
        shown = f" ({', '.join(details)})" if details else ""
        lines.append(f"{INDENT}{item.get('id')}{shown}: {_one_line(item.get('text', ''))}")
    return [f"{WORDS[lang]['metrics']}:", *lines] if lines else []


def answer_lines(entry: Entry, lang: str) -> list[str]:
    """`answers:` and one line per answer: metric: value – text."""
    lines = []
    for item in entry.answers:
        parts = [_value(item["value"], lang)] if "value" in item else []
        parts += [_one_line(item["text"])] if "text" in item else []
        lines.append(f"{INDENT * 2}{item.get('metric')}: {' – '.join(parts)}")
    return [f"{INDENT}{WORDS[lang]['answers']}:", *lines] if lines else []


def continuation_lines(doc: Document, lang: str) -> list[str]:
    """The continuation's text, then its responsible party and successor when given."""
    found = doc.data.get("continuation")
    if not isinstance(found, dict):
        return []
    body = [INDENT + line if line else "" for line in str(found.get("text", "")).split("\n")]
    named = [
        f"{INDENT}{WORDS[lang][key]}: {_parts(found[key])}" for key in ("responsible", "successor") if key in found
    ]
    return [WORDS[lang]["continuation"], *body, *named, ""]


def header(model: Model, ident: str, doc: Document, lang: str) -> list[str]:
    data = doc.data
    number = f"{data.get('number')} " if data.get("number") else ""
    group = model.group_of(ident)
    group_line = f"{WORDS[lang]['group']}: {'/'.join(ident.split('/')[:2])}" + (
        f" {group.get('title')}" if group.get("title") else ""
    )
    return [
        ident,
        f"{number}{data.get('title', '')}".strip(),
        group_line,
        f"{WORDS[lang]['path']}: {doc.path}",
        *metric_lines(doc, lang),
        "",
    ]


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
    return [head, *body, *figures, *answer_lines(entry, lang), ""]


def as_text(model: Model, ident: str, doc: Document, lang: str) -> str:
    found = (
        header(model, ident, doc, lang)
        + [line for e in timeline(model, ident, doc) for line in entry_lines(e, lang)]
        + continuation_lines(doc, lang)
    )
    return "\n".join(found).rstrip("\n") + "\n"


def figure(found: Figure, series: str) -> dict[str, Any]:
    return {
        "kind": "fraction" if found.kind in figures_mod.FRACTIONS else "percent",
        "text": found.text,
        "value": found.value,
        "of": found.of,
        "before": found.before,
        "after": found.after,
        "population": found.population or None,
        "series": series,
    }


def metric(found: dict[str, Any]) -> dict[str, Any]:
    return {key: found.get(key) for key in ("id", "kind", "due", "text")}


def answer(found: dict[str, Any]) -> dict[str, Any]:
    return {key: found.get(key) for key in ("metric", "value", "text")}


def continuation(found: Any) -> dict[str, Any] | None:
    return {key: found.get(key) for key in ("text", "responsible", "successor")} if isinstance(found, dict) else None


def as_json(model: Model, ident: str, doc: Document, lang: str) -> str:
    entries = [
        {
            "date": e.date,
            "label": e.label,
            "text": e.text,
            "figures": [figure(f, s) for f, s in zip(e.figures, e.series, strict=True)],
            "answers": [answer(a) for a in e.answers],
        }
        for e in timeline(model, ident, doc)
    ]
    data = doc.data
    document = {
        "id": ident,
        "path": doc.path,
        "number": data.get("number"),
        "title": data.get("title"),
        "metrics": [metric(m) for m in _dicts(data.get("metrics"))],
        "timeline": entries,
        "continuation": continuation(data.get("continuation")),
    }
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"


def not_found(model: Model, name: str) -> UsageError:
    close = suggest.close(name, model.measures)
    hints = {lang: f"; {WORDS[lang]['maybe']}: {', '.join(close)}" if close else "" for lang in ("fi", "en")}
    return UsageError(
        Message(*(f"{WORDS[lang]['not_found']}: {{name}}{hints[lang]}" for lang in ("fi", "en"))), name=name
    )


def unread_as(docs: list[Document], name: str, data: str) -> list[Document]:
    """The files that did not load and whose path could name the asked measure (its id, or its id's
    number part: `tp01/03` for `pirsote/tp01/03-kotihoito`)."""
    ident = wanted_id(name, data)
    failed = [doc for doc in docs if doc.data is None and doc.kind == MEASURE]
    return [doc for doc in failed if _names(doc.expected_id, ident)]


def _names(expected: str, ident: str) -> bool:
    return any(whole == ident or whole.startswith(ident + "-") for whole in (expected, expected.partition("/")[2]))


def execute(options: Options, out: TextIO | None = None, err: TextIO | None = None) -> int:
    out = out or sys.stdout
    root = options.root or find_root(Path.cwd())
    config = snapshots.load_config(root)
    loaded = tree_mod.load_tree(root, config)
    model = loaded.model
    doc = find(model, options.measure, config.data)
    if doc is None:
        if unreadable.tell(
            unreadable.unread(unread_as(loaded.docs, options.measure, config.data)), options.lang, err or sys.stderr
        ):
            return Exit.FINDINGS
        raise not_found(model, options.measure)
    ident = next(key for key, value in model.measures.items() if value is doc)
    shown = SHOW_FORMATS[options.format](model, ident, doc, options.lang)
    out.write(json_text(shown) if options.format == "json" else terminal_lines(shown))  # masked, escaped
    return Exit.OK
