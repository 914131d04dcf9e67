"""The semantic comparison behind `seuranta diff`: pure functions on loaded documents.

Two versions of the changed files (path → Document) become a list of document changes:
measures added, removed, renamed (same id or title at a new path) or changed; status
entries paired by round date; metadata fields compared leaf by leaf; changed text word by
word; figures that moved. `compare_rounds` compares two rounds within one tree.
"""

from __future__ import annotations

import difflib
import json
import re
from collections import Counter
from collections.abc import Iterable, Mapping
from typing import Any, NamedTuple

from seuranta.model.documents import MEASURE, Document
from seuranta.model.index import Model, rounds
from seuranta.prose import figures
from seuranta.rules.support import Population, figure_populations

ADDED = "added"
REMOVED = "removed"
RENAMED = "renamed"
CHANGED = "changed"
SAME = "="
OLD = "-"
NEW = "+"
ITEM_KEYS = ("id", "date", "metric", "rule")
_TOKEN = re.compile(r"(\s*)(\S+)")
_ABSENT: Any = object()


class Piece(NamedTuple):
    """A run of text in a word diff: op is '=' (both), '-' (old only) or '+' (new only)."""

    op: str
    text: str


class FieldChange(NamedTuple):
    field: str
    change: str
    before: Any
    after: Any
    words: tuple[Piece, ...] = ()
    moves: tuple[figures.Move, ...] = ()


class StatusChange(NamedTuple):
    date: str
    change: str
    before: str | None
    after: str | None
    words: tuple[Piece, ...] = ()
    moves: tuple[figures.Move, ...] = ()
    fields: tuple[FieldChange, ...] = ()

    @property
    def layout_only(self) -> bool:
        """The text changed in spaces or line breaks only."""
        return self.change == CHANGED and self.before != self.after and all(p.op == SAME for p in self.words)


class DocChange(NamedTuple):
    kind: str
    change: str
    ident: str
    path: str
    title: str
    old_ident: str = ""
    old_path: str = ""
    fields: tuple[FieldChange, ...] = ()
    statuses: tuple[StatusChange, ...] = ()
    problem: str = ""


class Revision(NamedTuple):
    """One side of a diff: the name given and its commit, or no commit for the working tree."""

    name: str
    commit: str | None = None


class Diff(NamedTuple):
    base: Revision
    head: Revision
    changes: tuple[DocChange, ...]
    layout_files: int = 0

    def count(self, change: str, kind: str = MEASURE) -> int:
        return sum(1 for c in self.changes if c.kind == kind and c.change == change)

    def status_count(self, change: str) -> int:
        return sum(1 for c in self.changes for s in c.statuses if s.change == change)


# --- words -----------------------------------------------------------------------------------


def _tokens(text: str) -> list[tuple[str, str]]:
    return [(m.group(1), m.group(2)) for m in _TOKEN.finditer(text)]


def _run(op: str, tokens: list[tuple[str, str]]) -> list[Piece]:
    """A run of tokens as pieces; the space before the run stays outside any marker."""
    lead = [Piece(SAME, tokens[0][0])] if tokens[0][0] else []
    return [*lead, Piece(op, tokens[0][1] + "".join(space + word for space, word in tokens[1:]))]


def _replace(old: list[tuple[str, str]], new: list[tuple[str, str]]) -> list[Piece]:
    pieces = _run(OLD, old)
    return [*pieces, Piece(NEW, _run(NEW, new)[-1].text)]


def _merged(pieces: list[Piece]) -> tuple[Piece, ...]:
    out: list[Piece] = []
    for piece in pieces:
        if out and out[-1].op == piece.op:
            out[-1] = Piece(piece.op, out[-1].text + piece.text)
        elif piece.text:
            out.append(piece)
    return tuple(out)


def words(before: str, after: str) -> tuple[Piece, ...]:
    """A word diff (difflib on words); spacing of unchanged runs is the new text's."""
    old, new = _tokens(before), _tokens(after)
    matcher = difflib.SequenceMatcher(None, [w for _, w in old], [w for _, w in new], autojunk=False)
    pieces: list[Piece] = []
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            pieces += _run(SAME, new[j1:j2])
        elif op == "replace":
            pieces += _replace(old[i1:i2], new[j1:j2])
        else:
            pieces += _run(OLD, old[i1:i2]) if op == "delete" else _run(NEW, new[j1:j2])
    return _merged(pieces)


# --- fields ----------------------------------------------------------------------------------


def same(first: Any, second: Any) -> bool:
    """Equal as data (1 is not 1.0 nor true; key order does not matter)."""
    return json.dumps(first, sort_keys=True, default=str) == json.dumps(second, sort_keys=True, default=str)


def _item_label(items: list[Any], index: int) -> str:
    for key in ITEM_KEYS:
        values = [item.get(key) if isinstance(item, dict) else None for item in items]
        if all(isinstance(v, (str, int)) for v in values) and len(set(values)) == len(values):
            return f"[{values[index]}]"
    return f"[{index}]"


def flatten(value: Any, prefix: str = "") -> dict[str, Any]:
    """Leaf values by dotted path; lists of plain values are leaves, list items keyed by id or date."""
    if isinstance(value, dict) and value:
        return {
            k: v for key, item in value.items() for k, v in flatten(item, f"{prefix}.{key}" if prefix else key).items()
        }
    if isinstance(value, list) and any(isinstance(item, (dict, list)) for item in value):
        return {k: v for i, item in enumerate(value) for k, v in flatten(item, prefix + _item_label(value, i)).items()}
    return {prefix: value}


def field_change(name: str, before: Any, after: Any, known: tuple[Population, ...] = ()) -> FieldChange:
    change = ADDED if before is _ABSENT else REMOVED if after is _ABSENT else CHANGED
    old, new = (None if before is _ABSENT else before), (None if after is _ABSENT else after)
    if change == CHANGED and isinstance(old, str) and isinstance(new, str):
        return FieldChange(name, change, old, new, words(old, new), tuple(figures.moves(old, new, known)))
    return FieldChange(name, change, old, new)


def field_changes(
    before: Mapping[str, Any], after: Mapping[str, Any], skip: Iterable[str] = (), known: tuple[Population, ...] = ()
) -> tuple[FieldChange, ...]:
    """Leaf-by-leaf changes between two mappings, in the new version's order."""
    old = flatten({k: v for k, v in before.items() if k not in skip})
    new = flatten({k: v for k, v in after.items() if k not in skip})
    names = list(new) + [name for name in old if name not in new]
    return tuple(
        field_change(name, old.get(name, _ABSENT), new.get(name, _ABSENT), known)
        for name in names
        if name and not same(old.get(name, _ABSENT), new.get(name, _ABSENT))
    )


# --- statuses --------------------------------------------------------------------------------


def keyed_statuses(data: Any) -> dict[tuple[str, int], dict[str, Any]]:
    """Status entries by (round date, occurrence), so a repeated date pairs in order."""
    entries = data.get("statuses") if isinstance(data, dict) else None
    seen: Counter[str] = Counter()
    keyed: dict[tuple[str, int], dict[str, Any]] = {}
    for entry in entries if isinstance(entries, list) else []:
        if isinstance(entry, dict):
            date = str(entry.get("date"))
            keyed[(date, seen[date])] = entry
            seen[date] += 1
    return keyed


def _text(entry: dict[str, Any] | None) -> str | None:
    return None if entry is None else str(entry.get("text", ""))


def status_change(
    date: str, before: dict[str, Any] | None, after: dict[str, Any] | None, known: tuple[Population, ...] = ()
) -> StatusChange | None:
    if before is None or after is None:
        return StatusChange(date, ADDED if before is None else REMOVED, _text(before), _text(after))
    old, new = _text(before) or "", _text(after) or ""
    fields = field_changes(before, after, ("date", "text"), known)
    if old == new and not fields:
        return None
    versions = (figures.Text(date, old, figures.observed(before)), figures.Text(date, new, figures.observed(after)))
    moves = tuple(figures.moves(*versions, known))
    return StatusChange(date, CHANGED, old, new, words(old, new) if old != new else (), moves, fields)


def status_changes(before: Any, after: Any, known: tuple[Population, ...] = ()) -> tuple[StatusChange, ...]:
    old, new = keyed_statuses(before), keyed_statuses(after)
    keys = sorted(set(old) | set(new))
    found = (status_change(key[0], old.get(key), new.get(key), known) for key in keys)
    return tuple(change for change in found if change is not None)


# --- documents -------------------------------------------------------------------------------


def ident(doc: Document) -> str:
    declared = doc.data.get("id") if isinstance(doc.data, dict) else None
    return declared if isinstance(declared, str) and declared else doc.expected_id


def title(doc: Document) -> str:
    found = doc.data.get("title") if isinstance(doc.data, dict) else None
    return found.strip() if isinstance(found, str) else ""


def _problem(doc: Document) -> str:
    return (
        "" if doc.data is not None else next((f"{p.path}:{p.line}: {p.message.en}" for p in doc.parsed.problems), "?")
    )


def _one_sided(date: str, entry: dict[str, Any], change: str) -> StatusChange:
    text = _text(entry)
    return StatusChange(date, change, None, text) if change == ADDED else StatusChange(date, change, text, None)


def whole(doc: Document, change: str) -> DocChange:
    """A document that is only on one side: added or removed, with its statuses."""
    statuses = tuple(_one_sided(date, entry, change) for (date, _), entry in keyed_statuses(doc.data).items())
    return DocChange(doc.kind, change, ident(doc), doc.path, title(doc), statuses=statuses, problem=_problem(doc))


def changed(old: Document, new: Document, programme: Mapping[str, Any] | None = None) -> DocChange | None:
    """What changed in one document (kept at its path or renamed); None when only its layout did."""
    renamed = old.path != new.path
    if not renamed and same(old.data, new.data):
        return None
    base = DocChange(new.kind, RENAMED if renamed else CHANGED, ident(new), new.path, title(new) or title(old))
    base = base._replace(old_ident=ident(old), old_path=old.path) if renamed else base
    if old.data is None or new.data is None:
        return base._replace(problem=_problem(new) or _problem(old))
    skip = ("statuses", "id") if renamed else ("statuses",)
    known = tuple(figure_populations(new.data, dict(programme or {})))
    return base._replace(
        fields=field_changes(old.data, new.data, skip, known), statuses=status_changes(old.data, new.data, known)
    )


def renames(gone: Mapping[str, Document], new: Mapping[str, Document]) -> list[tuple[Document, Document]]:
    """Removed and added measures that are one measure moved: same id, else same title."""
    pairs: list[tuple[Document, Document]] = []
    for key in (ident, title):
        taken = {o.path for o, _ in pairs} | {n.path for _, n in pairs}
        olds = [d for d in gone.values() if d.kind == MEASURE and d.path not in taken and key(d)]
        news = {key(d): d for d in reversed(list(new.values())) if d.kind == MEASURE and d.path not in taken and key(d)}
        for doc in olds:
            match = news.pop(key(doc), None)
            pairs += [(doc, match)] if match is not None else []
    return pairs


def _programme(doc: Document, programmes: Mapping[str, Mapping[str, Any]]) -> Mapping[str, Any]:
    return programmes.get(doc.expected_id.split("/", 1)[0], {})


def _order(change: DocChange) -> tuple[str, int, str]:
    rank = {"programme": 0, "group": 1}.get(change.kind, 2)
    return (change.ident.split("/", 1)[0], rank, change.path)


def compare(
    before: Mapping[str, Document],
    after: Mapping[str, Document],
    *,
    base: Revision,
    head: Revision,
    programmes: Mapping[str, Mapping[str, Any]] | None = None,
) -> Diff:
    """Compare two versions of the changed files (display path → Document; absent = no such file).

    `programmes` are the programmes' data by id, whose populations the figures count over."""
    programmes = programmes or {}
    gone = {p: d for p, d in before.items() if p not in after}
    new = {p: d for p, d in after.items() if p not in before}
    moved = renames(gone, new)
    moved_paths = {o.path for o, _ in moved} | {n.path for _, n in moved}
    kept = [changed(before[p], after[p], _programme(after[p], programmes)) for p in before if p in after]
    renamed = (changed(o, n, _programme(n, programmes)) for o, n in moved)
    found = [c for c in kept if c is not None] + [c for c in renamed if c is not None]
    found += [whole(d, ADDED) for p, d in new.items() if p not in moved_paths]
    found += [whole(d, REMOVED) for p, d in gone.items() if p not in moved_paths]
    return Diff(base, head, tuple(sorted(found, key=_order)), layout_files=sum(1 for c in kept if c is None))


# --- two rounds in one tree ------------------------------------------------------------------


class RoundEntry(NamedTuple):
    ident: str
    title: str
    before: str | None
    after: str | None
    moves: tuple[figures.Move, ...] = ()


class RoundsDiff(NamedTuple):
    first: str
    second: str
    programmes: tuple[str, ...]
    both: tuple[RoundEntry, ...]
    only_first: tuple[RoundEntry, ...]
    only_second: tuple[RoundEntry, ...]

    @property
    def moved(self) -> tuple[RoundEntry, ...]:
        return tuple(entry for entry in self.both if entry.moves)

    @property
    def differs(self) -> bool:
        return bool(self.moved or self.only_first or self.only_second)


def programmes_with(model: Model, dates: Iterable[str]) -> tuple[str, ...]:
    """The programmes that declare every one of the given round dates."""
    wanted = set(dates)
    return tuple(
        sorted(
            p for p, doc in model.programmes.items() if isinstance(doc.data, dict) and wanted <= set(rounds(doc.data))
        )
    )


def status_text(data: Any, date: str) -> str | None:
    entry = keyed_statuses(data).get((date, 0))
    return _text(entry)


def round_entry(doc: Document, first: str, second: str, programme: dict[str, Any]) -> RoundEntry:
    """A measure in two rounds: its texts, and the figures of its series that moved between them."""
    old, new = status_text(doc.data, first), status_text(doc.data, second)
    found = figures.measure_series(doc.data, figure_populations(doc.data, programme))
    moves = tuple(figures.between(found, first, second)) if old is not None and new is not None else ()
    return RoundEntry(ident(doc), title(doc), old, new, moves)


def compare_rounds(model: Model, first: str, second: str) -> RoundsDiff:
    """Measures of the programmes declaring both rounds: reported in both (figures moved or not) or in one."""
    programmes = programmes_with(model, (first, second))
    chosen = [(key, doc) for key, doc in sorted(model.measures.items()) if key.split("/", 1)[0] in programmes]
    entries = [round_entry(doc, first, second, model.programme_of(key)) for key, doc in chosen]
    return RoundsDiff(
        first,
        second,
        programmes,
        tuple(e for e in entries if e.before is not None and e.after is not None),
        tuple(e for e in entries if e.before is not None and e.after is None),
        tuple(e for e in entries if e.before is None and e.after is not None),
    )
