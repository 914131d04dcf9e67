"""A cache of validation results that the content of the files, not their timestamps, keeps fresh.

A file's cached findings are reused when its bytes are the ones they were computed from and the
*context key* is the one they were computed under. The bytes are known by their digest
(`content`); the stat signature is only a shortcut for "the same bytes", trusted when the file's
timestamps are older than the moment the bytes were read by more than `RACY_NS` (as git treats a
"racy" index entry: a change in the same clock tick could leave the signature unchanged). The key
covers everything a file's findings can depend on besides its own bytes: the tool's code, the
schemas, the configuration, the date, and the index of every other file (programme and group files
in full, each measure's id, number and title), which is what rules may read of other files.

Each table (`validate`: one entry per file; `index`: one summary per file) is a sealed base file
(a header line naming the format version and the digest of the body, then the body as JSON) and an
append-only log of sealed lines, folded into the base once it grows. Whatever does not prove
itself — another version, a digest that does not match, a line cut short, a row of the wrong
shape — is as if never stored. Stored as JSON: the cache is data, never code.
"""

from __future__ import annotations

import functools
import hashlib
import json
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any, NamedTuple

from seuranta.model.documents import MEASURE, Document
from seuranta.model.loader import Parsed
from seuranta.model.problem import Message, Problem

VERSION = 2
FOLDER = Path(".seuranta-cache")
CACHE_FILE = FOLDER / "validate.json"
INDEX_FILE = FOLDER / "index.json"
MEASURE_INDEX_KEYS = ("id", "number", "title")
RACY_NS = 2_000_000_000  # FAT's 2-second timestamps, and any coarser clock tick than that
_PACKAGE = Path(__file__).resolve().parent.parent


class Entry(NamedTuple):
    signature: list[int]  # mtime_ns, ctime_ns, size, inode
    seen: int  # the time (ns) just before the bytes named by `content` were read
    content: str  # digest of the file's bytes; "" when they could not be read whole
    kind: str
    expected_id: str
    digest: str  # digest of the file's summary
    context: str
    problems: list[list[Any]]


def signature(stat: os.stat_result) -> list[int]:
    """A shortcut for "unchanged": ctime is in it because `touch -d` can set mtime back but not ctime."""
    return [stat.st_mtime_ns, stat.st_ctime_ns, stat.st_size, stat.st_ino]


def stat_proves(entry: Entry, found: list[int]) -> bool:
    """The stored bytes are the file's bytes without reading them: same signature, and not racy."""
    return entry.signature == found and max(found[0], found[1]) < entry.seen - RACY_NS


def content_digest(raw: bytes) -> str:
    return hashlib.blake2b(raw, digest_size=16).hexdigest()


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


@functools.cache
def code_digest() -> str:
    """Changes whenever the tool's code or schemas change, released or not (computed once a process)."""
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


# Sealed tables: a base file and its log


def stamp() -> str:
    """What a table's header and every log line name: the format version and the code that wrote it."""
    return f"{VERSION}:{code_digest()}"


def _seal(body: bytes) -> bytes:
    return hashlib.blake2b(body, digest_size=16).hexdigest().encode()


def _unseal(line: bytes) -> Any:
    """The value of one sealed line `<digest> <json>`, or None when it does not prove itself."""
    mark, _, body = line.partition(b" ")
    if mark != _seal(body):
        return None
    try:
        return json.loads(body)
    except ValueError:
        return None


def _log(path: Path) -> Path:
    return path.with_suffix(".log")


def read_table(path: Path) -> dict[str, Any]:
    """Every row of a table that proves itself: the base, then the log's lines in order."""
    rows: dict[str, Any] = {}
    try:
        header, _, body = path.read_bytes().partition(b"\n")
    except OSError:
        header = body = b""
    head = _unseal(header)
    if isinstance(head, list) and head == [stamp(), _seal(body).decode()]:
        try:
            base = json.loads(body)
        except ValueError:
            base = None
        if isinstance(base, dict):
            rows.update(base)
    try:
        lines = _log(path).read_bytes().split(b"\n")
    except OSError:
        lines = []
    for line in lines:
        found = _unseal(line)
        if isinstance(found, list) and len(found) == 3 and found[0] == stamp() and isinstance(found[1], str):
            rows[found[1]] = found[2]
    return rows


def _dump(value: Any) -> bytes:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":")).encode()


def write_table(path: Path, changed: dict[str, Any], everything: Callable[[], dict[str, Any]]) -> None:
    """Append the `changed` rows (None: removed) to the log; fold `everything()` into the base instead
    when there is no base yet or the log would grow past a quarter of it."""
    if not changed:
        return
    lines = b"".join(_sealed_line(_dump([stamp(), name, value])) for name, value in changed.items())
    log = _log(path)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        based = path.stat().st_size if path.exists() else 0
        logged = log.stat().st_size if log.exists() else 0
        if based and logged + len(lines) <= based // 4:
            with open(log, "ab") as out:
                out.write(lines)
            return
        from seuranta.files.atomic import write_bytes  # only when a base is written

        body = _dump({name: value for name, value in sorted(everything().items()) if value is not None})
        write_bytes(path, _sealed_line(_dump([stamp(), _seal(body).decode()])) + body)
        log.unlink(missing_ok=True)
    except OSError:
        pass


def _sealed_line(body: bytes) -> bytes:
    return _seal(body) + b" " + body + b"\n"


# The two tables


def read_cache(root: Path) -> dict[str, Entry]:
    """The stored entries. A sealed table was written by this very code (its stamp says so), so an
    entry of the right length has the right shape; anything else is as if never stored."""
    return {name: Entry(*fields) for name, fields in read_table(root / CACHE_FILE).items() if _well_formed(fields)}


def _well_formed(fields: Any) -> bool:
    return isinstance(fields, list) and len(fields) == len(Entry._fields)


class Summary(NamedTuple):
    digest: str
    value: Any


def read_index(root: Path) -> dict[str, Summary]:
    """The summaries of cached files, each with the digest it was stored under (so none is hashed again)."""
    return {
        name: Summary(*row)
        for name, row in read_table(root / INDEX_FILE).items()
        if isinstance(row, list) and len(row) == 2 and isinstance(row[0], str)
    }


def write_cache(root: Path, changed: dict[str, Entry | None], everything: Callable[[], dict[str, Entry]]) -> None:
    """Store the changed entries (None: the file is gone)."""
    write_table(
        root / CACHE_FILE,
        {n: None if e is None else list(e) for n, e in changed.items()},
        lambda: {n: list(e) for n, e in everything().items()},
    )


def write_index(root: Path, changed: dict[str, Summary | None], everything: Callable[[], dict[str, Summary]]) -> None:
    """Store the changed summaries (None: the file is gone)."""
    write_table(
        root / INDEX_FILE,
        {n: None if s is None else list(s) for n, s in changed.items()},
        lambda: {n: list(s) for n, s in everything().items()},
    )
