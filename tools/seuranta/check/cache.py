"""A content-addressed cache of validation results, so an unchanged tree validates instantly.

A file's cached findings are reused when its stat signature is unchanged and the
*context key* is the one they were computed under. The key covers everything a
file's findings can depend on besides its own bytes: the tool's code, the schemas,
the configuration, the date, and the index of every other file (programme and group
files in full, each measure's id, number and title), which is what rules may read
of other files. Stored as JSON: the cache is data, never code.
"""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path
from typing import Any, NamedTuple

from seuranta.files.atomic import write_text
from seuranta.model.documents import MEASURE, Document
from seuranta.model.loader import Parsed
from seuranta.model.problem import Message, Problem

CACHE_FILE = Path(".seuranta-cache") / "validate.json"
INDEX_FILE = Path(".seuranta-cache") / "index.json"
MEASURE_INDEX_KEYS = ("id", "number", "title")
_PACKAGE = Path(__file__).resolve().parent.parent


class Entry(NamedTuple):
    signature: list[int]
    kind: str
    expected_id: str
    digest: str
    context: str
    index_key: str
    problems: list[list[Any]]


def signature(stat: os.stat_result) -> list[int]:
    """A shortcut for "unchanged": ctime is in it because `touch -d` can set mtime back but not ctime."""
    return [stat.st_mtime_ns, stat.st_ctime_ns, stat.st_size, stat.st_ino]


def summary(doc: Document) -> Any:
    """What other files' rules may read of this one."""
    if not isinstance(doc.data, dict):
        return None
    if doc.kind != MEASURE:
        return doc.data
    return {key: doc.data[key] for key in MEASURE_INDEX_KEYS if key in doc.data}


def digest(value: Any) -> str:
    return hashlib.sha256(json.dumps(value, sort_keys=True, ensure_ascii=False).encode()).hexdigest()[:32]


def light(path: str, *, kind: str, expected_id: str, summary_: Any) -> Document:
    """A stand-in document carrying only the summary, for the index of files not read in this process."""
    return Document(kind, expected_id, Parsed(path, summary_, {}, {}, [], ""))


def code_digest() -> str:
    """Changes whenever the tool's code or schemas change, released or not."""
    digest = hashlib.sha256()
    for path in sorted([*_PACKAGE.rglob("*.py"), *_schema_files()]):
        stat = path.stat()
        digest.update(f"{path}:{stat.st_mtime_ns}:{stat.st_size}\n".encode())
    return digest.hexdigest()


def _schema_files() -> list[Path]:
    from seuranta.model.resources import schemas_dir

    return list(schemas_dir().glob("*.json"))


def index_key(digests: dict[str, str]) -> str:
    """Changes whenever any file's summary changes, or a file comes or goes."""
    return hashlib.sha256(json.dumps(sorted(digests.items())).encode()).hexdigest()


def context_key(*, config: Any, today: str, index: str) -> str:
    text = json.dumps([code_digest(), config, today, index], default=_canonical, sort_keys=True)
    return hashlib.sha256(text.encode()).hexdigest()


def _canonical(value: Any) -> Any:
    """Sets in a stable order, so that the key never depends on the hash seed."""
    if isinstance(value, set | frozenset):
        return sorted(value, key=lambda item: json.dumps(item, default=_canonical, sort_keys=True))
    return str(value)


def to_rows(problems: list[Problem]) -> list[list[Any]]:
    return [[p.path, p.line, p.column, p.rule, p.severity, list(p.message), p.match, p.acknowledged] for p in problems]


def from_rows(rows: list[list[Any]]) -> list[Problem]:
    return [Problem(r[0], r[1], r[2], r[3], r[4], Message(*r[5]), r[6], r[7]) for r in rows]


def read_cache(root: Path) -> dict[str, Entry]:
    """The stored entries that are well formed; anything else is as if never stored."""
    try:
        raw = json.loads((root / CACHE_FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    if not isinstance(raw, dict):
        return {}
    return {path: Entry(*fields) for path, fields in raw.items() if _well_formed(fields)}


_ENTRY_TYPES = (list, str, str, str, str, str, list)
_ROW_TYPES = (str, int, int, str, str, list, str, bool)


def _well_formed(fields: Any) -> bool:
    if not isinstance(fields, list) or len(fields) != len(_ENTRY_TYPES):
        return False
    if not all(isinstance(value, kind) for value, kind in zip(fields, _ENTRY_TYPES, strict=True)):
        return False
    if not all(type(n) is int for n in fields[0]):
        return False
    return all(_row_well_formed(row) for row in fields[6])


def _row_well_formed(row: Any) -> bool:
    if not isinstance(row, list) or len(row) != len(_ROW_TYPES):
        return False
    if not all(isinstance(value, kind) for value, kind in zip(row, _ROW_TYPES, strict=True)):
        return False
    return len(row[5]) == len(Message._fields) and all(isinstance(m, str) for m in row[5])


def read_index(root: Path) -> dict[str, Any]:
    """The summaries of cached files, read only when some file must be checked afresh."""
    try:
        found = json.loads((root / INDEX_FILE).read_text(encoding="utf-8"))
        return found if isinstance(found, dict) else {}
    except (OSError, ValueError):
        return {}


def write_cache(root: Path, entries: dict[str, Entry], index: dict[str, Any] | None) -> None:
    """Store the entries, and the summaries when they changed (None keeps the stored ones)."""
    try:
        (root / CACHE_FILE).parent.mkdir(parents=True, exist_ok=True)
        if index is not None:
            write_text(root / INDEX_FILE, json.dumps(index, ensure_ascii=False, separators=(",", ":")))
        write_text(root / CACHE_FILE, json.dumps(entries, ensure_ascii=False, separators=(",", ":")))
    except OSError:
        pass
