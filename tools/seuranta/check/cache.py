"""A cache of validation results that the content of the files, not their timestamps, keeps fresh.

A file's cached findings are reused when its bytes are the ones they were computed from and the
*context key* is the one they were computed under. The bytes are known by their digest
(`content`); the stat signature is only a shortcut for "the same bytes", trusted when the file's
timestamps are older than the moment the bytes were read by more than `RACY_NS` (as git treats a
"racy" index entry: a change in the same clock tick could leave the signature unchanged). The key
covers everything a file's findings can depend on besides its own bytes: the tool's code, the
schemas, the configuration, the date, and the index of every other file (programme and group files
in full, each measure's id, number and title), which is what rules may read of other files.

Each table (`validate`: one entry per file; `findings`: the findings of each file that has any;
`index`: one summary per file; `state`: one row proving a whole tree unchanged, with the data folder's
entries as columns in the listing's order; `summaries`: every summary in that order) is a sealed base
file (a header line naming the format version and the digest of the body, then the body) and an
append-only log of sealed JSON lines, folded into the base once it grows. A run reads only the tables
it needs: a warm run whose `state` proves every file unchanged reads the findings alone; a run that
names a few files of the data folder (pre-commit) proves the others by the state's columns and reads
the summaries, and the findings only of unchanged files it reports; any other run that checks a file
reads the entries and the index.
Whatever does not prove itself — another version, a digest that does not match, a line cut short, a
row of the wrong shape — is as if never stored.

A base's body is in `marshal`'s format, which Python reads about twice as fast as JSON: plain data
(dicts, lists, strings, numbers, None) written by this code, read back only once its digest and its
stamp (this version, this very code, this marshal format) match, so `marshal.loads` never sees bytes
that a crash, a truncation or another program left; nothing read is ever run. (`pickle` could run
code while loading, so it is not used.) A cache someone else wrote cannot carry this code's stamp,
whose code digest includes the modification times of this installation's files.
"""

from __future__ import annotations

import contextlib
import functools
import gc
import hashlib
import json
import marshal
import os
import sys
from array import array
from collections.abc import Callable, Iterator
from itertools import repeat
from pathlib import Path
from typing import Any, NamedTuple

from seuranta.check import watched
from seuranta.model.documents import MEASURE, Document
from seuranta.model.loader import Parsed
from seuranta.model.problem import Message, Problem

VERSION = 4
FOLDER = Path(".seuranta-cache")
CACHE_FILE = FOLDER / "validate.json"
INDEX_FILE = FOLDER / "index.json"
FINDINGS_FILE = FOLDER / "findings.json"
STATE_FILE = FOLDER / "state.json"
SUMMARIES_FILE = FOLDER / "summaries.json"
MEASURE_INDEX_KEYS = ("id", "number", "title")
RACY_NS = 2_000_000_000  # FAT's 2-second timestamps, and any coarser clock tick than that
SMALL_LOG = 1 << 16  # a log this short is appended to, however small its base
_PACKAGE = Path(__file__).resolve().parent.parent


class Entry(NamedTuple):
    signature: list[int]  # mtime_ns, ctime_ns, size, inode
    seen: int  # the time (ns) just before the bytes named by `content` were read
    content: str  # digest of the file's bytes; "" when they could not be read whole
    kind: str
    expected_id: str
    digest: str  # digest of the file's summary
    context: str
    findings: int  # how many findings the file had under `context` (stored in the findings table when any)


def signature(stat: os.stat_result) -> list[int]:
    """A shortcut for "unchanged": ctime is in it because `touch -d` can set mtime back but not ctime."""
    return [stat.st_mtime_ns, stat.st_ctime_ns, stat.st_size, stat.st_ino]


def signatures(paths: list[str]) -> bytes:
    """Every path's `signature()`, four signed 64-bit integers a file (as `Files.signatures` holds them): as
    a server watching the data folder holds them (`watched`), else each path stat'ed."""
    held = watched.signatures(paths)
    if held is not None:
        return held
    stat = os.stat
    return array("q", [value for path in paths for value in signature(stat(path))]).tobytes()


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


def lights(names: list[str], kinds: list[str], expected: list[str], summaries: list[Any]) -> list[Document]:
    """`light()` of every file at once, each made without a Python call (a tree holds thousands)."""
    count = len(names)
    empty = [[{} for _ in range(count)], [{} for _ in range(count)], [[] for _ in range(count)], repeat("", count)]
    parsed = map(tuple.__new__, repeat(Parsed), zip(names, summaries, *empty, strict=True))
    return list(map(tuple.__new__, repeat(Document), zip(kinds, expected, parsed, strict=True)))


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
    """Changes whenever any file's summary changes, or a file comes or goes (names hold no NUL; digests are hex)."""
    text = "\0".join([f"{name}\0{found}" for name, found in sorted(digests.items())])
    return hashlib.blake2b(text.encode("utf-8", "surrogatepass"), digest_size=32).hexdigest()


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
    """What a table's header and every log line name: the format version, the code that wrote it and the
    interpreter's marshal format (a base's body is in it)."""
    return f"{VERSION}:{code_digest()}:{marshal.version}:{sys.version_info[0]}.{sys.version_info[1]}"


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


@contextlib.contextmanager
def collector_paused() -> Iterator[None]:
    """The cyclic garbage collector paused for the block, then as it was. Decoding the cache makes hundreds
    of thousands of objects, none in a cycle, and each pass of the collector would walk them all. They are
    then counted among the long-lived objects (frozen, then unfrozen into the oldest generation), so the
    first young collection after the block does not walk them all at once either; a full collection still
    reaches them."""
    was = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was:
            gc.freeze()
            gc.unfreeze()
            gc.enable()


@contextlib.contextmanager
def collector_settled() -> Iterator[None]:
    """What exists when the block starts (a loaded tree, its index) left out of every collection in the block:
    frozen, as a worker freezes what it loaded, so that a full collection while the rules run walks only
    what they made. (An object unfrozen into the oldest generation is not counted among the long-lived ones
    until a full collection has walked it, so the first full collection would come soon and walk the whole
    tree; a run of 12,000 files made two, a fifth of a second each.) Unfrozen afterwards when nothing was
    frozen before; in a process that froze what it holds (a server and the runs it forks), it stays so."""
    if not gc.isenabled():
        yield
        return
    thawed = gc.get_freeze_count() == 0
    gc.freeze()
    try:
        yield
    finally:
        if thawed:
            gc.unfreeze()


def _log(path: Path) -> Path:
    return path.with_suffix(".log")


class Codec(NamedTuple):
    """How a table's base body is written (`pack`, from the sorted rows) and read back (`unpack`, raising
    ValueError, TypeError, IndexError or KeyError on anything of the wrong shape); log lines hold rows as they are."""

    pack: Callable[[dict[str, Any]], Any]
    unpack: Callable[[Any], dict[str, Any]]


def _plain(rows: dict[str, Any]) -> Any:
    return rows


def _rows(body: Any) -> dict[str, Any]:
    if not isinstance(body, dict):
        raise TypeError("a table's rows are an object")
    return body


PLAIN = Codec(_plain, _rows)


class _Held(NamedTuple):
    signatures: tuple[list[int], list[int]]  # the base's and the log's when read ([]: no such file)
    rows: dict[str, Any]


_HELD: dict[Path, _Held] = {}
"""Tables a `seuranta server` read before forking a run (`hold()`); empty in every other process."""


class _Writes:
    pending: list[Callable[[], None]] | None = None
    """The writes a run has put off until its report is sent (`defer_writes()`); None: each is done at once."""


def after_report(write: Callable[[], None]) -> None:
    """Do a cache write now, or, in a run that reports first (`defer_writes()`), once the report is sent.
    Every table is replaced whole or appended to in sealed lines, so a run that reads it meanwhile sees
    the table before or after the write, each true of the files it proves."""
    if _Writes.pending is None:
        write()
    else:
        _Writes.pending.append(write)


def defer_writes() -> None:
    """From now on in this process, `after_report()` keeps the writes for `deferred()` (a server's child)."""
    _Writes.pending = []


def deferred() -> list[Callable[[], None]]:
    """The writes put off so far, in order; none are kept."""
    writes, _Writes.pending = _Writes.pending or [], []
    return writes


def _file_signature(path: Path) -> list[int]:
    try:
        return signature(os.stat(path))
    except OSError:
        return []


def hold(root: Path, tables: list[Path], now: int, *, watched: bool = False) -> None:
    """Keep `root`'s `tables` (plain ones) read in this process, for the runs a server forks from it. A table
    is kept as a data file's entry is: with the signatures of its base and log, and only when their timestamps
    are older than the moment before it was read (`now`) by more than `RACY_NS`, or however recent when the
    cache folder is `watched` (the server then lets go of a table on any event on it, `release()`); a run
    uses it only while both signatures are still those, and reads the table itself otherwise."""
    for table in tables:
        path = root / table
        found = (_file_signature(path), _file_signature(_log(path)))
        held = _HELD.get(path)
        if held is not None and held.signatures == found:
            continue
        _HELD.pop(path, None)
        stamps = [t for sig in found for t in sig[:2]]
        if not found[0] or (max(stamps) >= now - RACY_NS and not watched):
            continue  # missing, or changed too recently to tell a later change by its signature
        rows = read_table(path)
        if (_file_signature(path), _file_signature(_log(path))) == found:
            _HELD[path] = _Held(found, rows)


def holds(path: Path) -> bool:
    """This process holds the table (`hold()`)."""
    return path in _HELD


def release(keep: Callable[[Path], bool]) -> None:
    """Forget the held tables whose path `keep` does not accept."""
    for path in [p for p in _HELD if not keep(p)]:
        del _HELD[path]


def read_table(path: Path, codec: Codec = PLAIN) -> dict[str, Any]:
    """Every row of a table that proves itself: the base, then the log's lines in order (or the rows a
    server holds of it, while its base and log have the signatures they were read with)."""
    held = _HELD.get(path)
    if held is not None and codec is PLAIN and held.signatures == (_file_signature(path), _file_signature(_log(path))):
        return dict(held.rows)
    rows: dict[str, Any] = {}
    try:
        header, _, body = path.read_bytes().partition(b"\n")
    except OSError:
        header = body = b""
    head = _unseal(header)
    if isinstance(head, list) and head == [stamp(), _seal(body).decode()]:
        try:
            with collector_paused():
                rows.update(codec.unpack(marshal.loads(body)))
        except (ValueError, TypeError, IndexError, KeyError, EOFError):
            rows.clear()
    try:
        lines = _log(path).read_bytes().split(b"\n")
    except OSError:
        lines = []
    mine = stamp()
    for line in lines:
        found = _unseal(line)
        if isinstance(found, list) and len(found) == 3 and found[0] == mine and isinstance(found[1], str):
            rows[found[1]] = found[2]
    return rows


def _dump(value: Any) -> bytes:
    """Compact JSON; a name's undecodable bytes (lone surrogates) pass through, as `json.loads` reads them."""
    return json.dumps(value, ensure_ascii=False, separators=(",", ":")).encode("utf-8", "surrogatepass")


def write_table(
    path: Path,
    changed: dict[str, Any],
    everything: Callable[[], dict[str, Any]],
    codec: Codec = PLAIN,
    *,
    whole: bool = False,
) -> None:
    """Append the `changed` rows (None: removed) to the log; fold `everything()` into the base instead
    when there is no base yet, the log would grow past a quarter of it (and past `SMALL_LOG`), or `whole` (a
    table of one row, written afresh each time: its strings are not looked for repeats)."""
    if not changed:
        return
    log = _log(path)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        if not whole:
            lines = b"".join(_sealed_line(_dump([stamp(), name, value])) for name, value in changed.items())
            based = path.stat().st_size if path.exists() else 0
            logged = log.stat().st_size if log.exists() else 0
            if based and logged + len(lines) <= max(based // 4, SMALL_LOG):
                with open(log, "ab") as out:
                    out.write(lines)
                return
        from seuranta.files.atomic import write_bytes  # only when a base is written

        rows = {name: value for name, value in sorted(everything().items()) if value is not None}
        packed = codec.pack(rows)
        body = marshal.dumps(packed if whole else _shared(packed, {}))
        write_bytes(path, _sealed_line(_dump([stamp(), _seal(body).decode()])) + body, durable=False)
        log.unlink(missing_ok=True)
    except OSError:
        pass


def _shared(value: Any, strings: dict[str, str]) -> Any:
    """The value with every equal string one object: marshal then writes each string once, and reading the
    base back makes each once (dates, labels, keys and texts repeat across files). Strings are immutable,
    so sharing them changes nothing a reader sees."""
    if isinstance(value, str):
        return strings.setdefault(value, value)
    if isinstance(value, list):
        return [_shared(item, strings) for item in value]
    if isinstance(value, dict):
        return {_shared(key, strings): _shared(item, strings) for key, item in value.items()}
    return value


def _sealed_line(body: bytes) -> bytes:
    return _seal(body) + b" " + body + b"\n"


# The two tables


def read_cache(root: Path) -> dict[str, Entry]:
    """The stored entries. A sealed table was written by this very code (its stamp says so), so an
    entry of the right length has the right shape; anything else is as if never stored."""
    size = len(Entry._fields)
    return {
        name: Entry(*fields) for name, fields in read_table(root / CACHE_FILE).items() if _well_formed(fields, size)
    }


class Found(NamedTuple):
    """A file's findings, with the bytes (their digest) and the context key they were computed under:
    the findings are those of exactly this pair, whichever run stored them."""

    content: str
    context: str
    problems: list[list[Any]]


def _pack_findings(rows: dict[str, Any]) -> Any:
    """The findings base: each distinct message once, and a finding's path left out when it is the file's."""
    messages: dict[tuple[str, ...], int] = {}
    packed = {}
    for name, (content, context, problems) in rows.items():
        packed[name] = [
            content,
            context,
            [
                [None if p[0] == name else p[0], *p[1:5], messages.setdefault(tuple(p[5]), len(messages)), *p[6:]]
                for p in problems
            ],
        ]
    return [list(messages), packed]


def _unpack_findings(body: Any) -> dict[str, Any]:
    messages, packed = body
    return {
        name: [
            content,
            context,
            [[name if p[0] is None else p[0], *p[1:5], messages[p[5]], *p[6:]] for p in problems],
        ]
        for name, (content, context, problems) in packed.items()
    }


FINDINGS = Codec(_pack_findings, _unpack_findings)


def read_findings(root: Path) -> dict[str, Found]:
    return {
        name: Found(*row)
        for name, row in read_table(root / FINDINGS_FILE, FINDINGS).items()
        if isinstance(row, list) and len(row) == len(Found._fields) and isinstance(row[2], list) and row[2]
    }


def write_findings(root: Path, changed: dict[str, Found | None], everything: Callable[[], dict[str, Found]]) -> None:
    """Store the changed findings (None: the file has none, or is gone)."""
    write_table(
        root / FINDINGS_FILE,
        {n: None if f is None else list(f) for n, f in changed.items()},
        lambda: {n: list(f) for n, f in everything().items()},
        FINDINGS,
    )


def stored_problems(entry: Entry, found: dict[str, Found], name: str) -> list[list[Any]] | None:
    """The entry's findings as stored: none when it had none, else the stored ones computed from the same
    bytes under the same key; None when they are not stored (the file is checked again)."""
    if entry.findings == 0:
        return []
    row = found.get(name)
    if (
        row is None
        or row.content != entry.content
        or row.context != entry.context
        or len(row.problems) != entry.findings
    ):
        return None
    return row.problems


class State(NamedTuple):
    """A whole tree as one run left it: while every file has the signature it had then (and none is racy),
    every file was checked under `context` and its findings are the ones the findings table holds.

    `files` holds each file's entry in the listing's order, column by column, so that a run which names a
    few files proves the others unchanged by comparing signatures in bulk (`Files`); it is empty when a file
    outside the data folder took part in the run."""

    sources: str  # digest of every file's name and signature, in the listing's order
    age: int  # the least, over the files, of how much older than the entry's `seen` the signature's times are
    index_key: str  # the index key of the tree
    context: str  # the context key every file was checked under
    findings: str  # digest of the name and content of every file with findings
    files: list[Any]  # the `Files` columns, or []


class Files(NamedTuple):
    """The entries of a tree's files as columns, in the listing's order, all checked under one context key."""

    names: str  # digest of the names, in order (`names_digest`)
    signatures: bytes  # four signed 64-bit integers a file (`array("q")`): its signature
    ages: bytes  # one signed 64-bit integer a file: how much older than its `seen` its timestamps are
    contents: list[str]
    kinds: list[str]
    expected: list[str]
    digests: list[str]  # of the summaries
    findings: list[int]


def names_digest(names: list[str]) -> str:
    """Of the names in order (names hold no NUL)."""
    held = watched.names_digest(names)
    if held is not None:
        return held
    return hashlib.blake2b("\0".join(names).encode("utf-8", "surrogatepass"), digest_size=16).hexdigest()


def files_of(state: State, count: int) -> Files | None:
    """The state's columns when they are there, well formed, and of `count` files; None otherwise."""
    if not isinstance(state.files, list) or len(state.files) != len(Files._fields):
        return None
    files = Files(*state.files)
    if not (
        isinstance(files.signatures, bytes)
        and isinstance(files.ages, bytes)
        and len(files.signatures) == 32 * count
        and len(files.ages) == 8 * count
        and all(isinstance(column, list) and len(column) == count for column in files[3:])
    ):
        return None
    return files


def quadruples(signatures: list[list[int]]) -> bytes:
    """Signatures as `Files.signatures` holds them."""
    return array("q", [value for signature in signatures for value in signature]).tobytes()


def integers(raw: bytes) -> array[int]:
    found = array("q")
    found.frombytes(raw)
    return found


STATE_ROW = "tree"


def signed_digest(names: str, signatures: bytes) -> str:
    """Of every file's name and signature, in order: `names` is the digest of the names (`names_digest()`),
    `signatures` the signatures as `signatures()` gives them."""
    found = hashlib.blake2b(names.encode(), digest_size=16)
    found.update(signatures)
    return found.hexdigest()


def findings_digest(named: dict[str, str]) -> str:
    """Of the files with findings: each name and the digest of the bytes the findings are of."""
    return hashlib.blake2b(json.dumps(sorted(named.items())).encode(), digest_size=16).hexdigest()


def state_proves(state: State, sources: str) -> bool:
    """Every file has the signature it had, and none is racy: `stat_proves` for every entry at once."""
    return state.sources == sources and state.age > RACY_NS


def age(entry: Entry) -> int:
    return entry.seen - max(entry.signature[0], entry.signature[1])


def read_state(root: Path) -> State | None:
    row = read_table(root / STATE_FILE).get(STATE_ROW)
    if not isinstance(row, list) or len(row) != len(State._fields):
        return None
    return State(*row)


def write_state(root: Path, state: State) -> None:
    """The state as a new base (the row is as large as the tree, so a log line of it would be too)."""
    row = [*state[:-1], list(state.files)]
    write_table(root / STATE_FILE, {STATE_ROW: row}, lambda: {STATE_ROW: row}, whole=True)


def _well_formed(fields: Any, size: int) -> bool:
    return type(fields) is list and len(fields) == size


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


def summaries_key(names: str, digests: list[str]) -> str:
    """Of the names (their digest) and the digests of their summaries, in order (digests are hex)."""
    return hashlib.blake2b("\0".join([names, *digests]).encode(), digest_size=16).hexdigest()


def read_summaries(root: Path, key: str, count: int) -> list[Any] | None:
    """The summaries of `count` files in the listing's order, stored under `key`; None when not so stored."""
    row = read_table(root / SUMMARIES_FILE).get(STATE_ROW)
    if not isinstance(row, list) or len(row) != 2 or row[0] != key:
        return None
    values = row[1]
    return values if isinstance(values, list) and len(values) == count else None


def write_summaries(root: Path, key: str, values: list[Any]) -> None:
    row = [key, values]
    write_table(root / SUMMARIES_FILE, {STATE_ROW: row}, lambda: {STATE_ROW: row}, whole=True)
