"""Load and check the listed tree: every file, or some with the rest as context, cached where still valid."""

from __future__ import annotations

import datetime
import importlib
import marshal
import os
import time
from array import array
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import Any, NamedTuple

from seuranta.check import cache, listed, standins
from seuranta.check.result import Result
from seuranta.files import listing
from seuranta.model.config import Config
from seuranta.model.documents import CONFIG, MEASURE, Document, expected_id, kind_of, read
from seuranta.model.index import Model, build, replace
from seuranta.model.loader import forget_positions, load_bytes, regular_bytes
from seuranta.model.problem import Problem
from seuranta.rules import Context, context


class Source(NamedTuple):
    """A listed file (`files.listing.Source`) with its stat signature."""

    path: str
    name: str
    relative: str | None
    signature: list[int]


class Plan(NamedTuple):
    """Which files need reading, and the index every file's rules see."""

    sources: list[Source]
    parsed: dict[str, Document]
    contents: dict[str, str]  # the digest of the bytes each parsed document was read from
    entries: dict[str, cache.Entry]
    renewed: set[str]  # entries proven by their content, their signature to be stored anew
    index_key: str
    key: str
    now: int
    summaries: list[dict[str, cache.Summary]]
    found: list[dict[str, cache.Found]]


def _index(plan_: Plan, root: Path) -> dict[str, cache.Summary]:
    """The cached summaries of unchanged files, read at most once per run."""
    if not plan_.summaries:
        plan_.summaries.append(cache.read_index(root) if plan_.entries else {})
    return plan_.summaries[0]


def _found(plan_: Plan, root: Path) -> dict[str, cache.Found]:
    """The stored findings, read at most once per run (and only when an unchanged file with findings is reported)."""
    if not plan_.found:
        plan_.found.append(cache.read_findings(root))
    return plan_.found[0]


def _sources(found: list[listing.Source], signatures: bytes) -> list[Source]:
    """The listed files with their signatures (`cache.signatures()`, four integers a file)."""
    values = cache.integers(signatures).tolist()
    return [Source(s.path, s.name, s.relative, values[4 * at : 4 * at + 4]) for at, s in enumerate(found)]


def _read(source: Source | listing.Source, config: Config) -> Document:
    relative = Path(source.relative) if source.relative is not None else None
    return read(Path(source.path), display=source.name, relative=relative, limits=config.limits)


def _bytes(source: Source | listing.Source, config: Config) -> bytes | None:
    """The file's bytes, or None when they are not to be read whole (too large, unreadable, not a regular file:
    a FIFO named on the command line is never opened)."""
    return regular_bytes(source.path, config.limits.max_bytes)


def _parse(source: Source | listing.Source, raw: bytes | None, config: Config) -> Document:
    """The document made of exactly these bytes (read afresh by the loader, for its finding, when None)."""
    if raw is None:
        return _read(source, config)
    kind = kind_of(source.path)
    ident = expected_id(source.relative, kind) if source.relative is not None else ""
    return Document(kind, ident, load_bytes(source.name, raw, config.limits))


class Loaded(NamedTuple):
    doc: Document
    content: str


def _load(source: Source | listing.Source, config: Config, *, digest: bool = True) -> Loaded:
    """The file's document and the digest of its bytes ("" without `digest`: no cache to prove them by)."""
    raw = _bytes(source, config)
    return Loaded(_parse(source, raw, config), cache.content_digest(raw) if raw is not None and digest else "")


class Tree(NamedTuple):
    docs: list[Document]
    model: Model


def load_tree(root: Path, config: Config, extra: Iterable[Path] = (), *, positions: bool = True) -> Tree:
    """Every listed data file, loaded, and their index.

    Without `positions` (for commands that report no line numbers) a large tree is read on every core."""
    listed = listing.sources(root, config.data, extra)
    if positions:
        docs = [_read(s, config) for s in listed]
    else:
        from seuranta.check import parallel

        docs = parallel.map_names(lambda s: _without_positions(_read(s, config)), listed, acyclic=True)
    return Tree(docs, build(docs))


def _without_positions(doc: Document) -> Document:
    """The document without libyaml's marks, which cannot cross a process boundary cheaply."""
    return doc._replace(parsed=doc.parsed._replace(marks={}, key_marks={}, text=""))


def plan(
    config: Config,
    *,
    sources: list[Source],
    stored: dict[str, cache.Entry],
    today: datetime.date,
    now: int,
    use_cache: bool = True,
) -> Plan:
    """Reuse what the stat signature or, failing that, the bytes prove unchanged; parse the rest. Without
    `use_cache` every file is parsed, and no digest or key is made: nothing is compared or stored."""
    if not use_cache:
        with cache.collector_paused():  # loading makes no reference cycle
            parsed = {source.name: _parse(source, _bytes(source, config), config) for source in sources}
        return Plan(sources, parsed, {}, {}, set(), "", "", now, [], [])
    parsed = {}
    contents: dict[str, str] = {}
    entries: dict[str, cache.Entry] = {}
    renewed: set[str] = set()
    with cache.collector_paused():  # loading makes no reference cycle
        for source in sources:
            entry = stored.get(source.name)
            if entry is not None and cache.stat_proves(entry, source.signature):
                entries[source.name] = entry
                continue
            raw = _bytes(source, config)
            content = cache.content_digest(raw) if raw is not None else ""
            if entry is not None and content and entry.content == content:
                entries[source.name] = entry._replace(signature=source.signature, seen=now)
                renewed.add(source.name)
            else:
                parsed[source.name] = _parse(source, raw, config)
                contents[source.name] = content
    digests = {name: entry.digest for name, entry in entries.items()}
    digests.update({name: cache.digest(cache.summary(doc)) for name, doc in parsed.items()})
    indexed = _indexed(sources)
    index = cache.index_key({name: d for name, d in digests.items() if name in indexed})
    key = cache.context_key(config=config, today=today.isoformat(), index=index)
    return Plan(sources, parsed, contents, entries, renewed, index, key, now, [], [])


def _indexed(sources: list[Source]) -> set[str]:
    """The files whose summaries the index key covers: every file but the configuration, which is no
    document of the model (a file named outside the data folder can be one)."""
    return {s.name for s in sources if s.relative is not None or kind_of(s.path) != CONFIG}


def _stored(plan_: Plan, name: str, root: Path) -> list[list[Any]] | None:
    """The findings stored for an unchanged file under this run's key, or None: it is checked again."""
    entry = plan_.entries.get(name)
    if entry is None or entry.context != plan_.key:
        return None
    return cache.stored_problems(entry, _found(plan_, root) if entry.findings else {}, name)


def _unchanged(
    root: Path,
    signed: str,
    *,
    sources: list[Source],
    config: Config,
    today: datetime.date,
    names: Callable[[], list[str]],
) -> Result | None:
    """The stored findings of `names()` when the stored state proves that no file changed since a run that
    checked every file under this run's key; None otherwise (each file is then proven on its own)."""
    state = cache.read_state(root)
    if state is None or not cache.state_proves(state, signed):
        return None
    if cache.context_key(config=config, today=today.isoformat(), index=state.index_key) != state.context:
        return None
    listed = {s.name for s in sources}
    found = {n: f for n, f in cache.read_findings(root).items() if n in listed and f.context == state.context}
    if cache.findings_digest({n: f.content for n, f in found.items()}) != state.findings:
        return None
    wanted = names()
    problems = [p for n in wanted if n in found for p in cache.from_rows(found[n].problems)]
    return Result(sorted(problems, key=Problem.sort_key), len(wanted))


Entry = tuple[str, str, str, Any, str]  # what the index holds of a file: name, kind, expected id, summary, content


class Share(NamedTuple):
    """Files loaded in one worker: the documents stay in the worker, the index entries travel."""

    docs: dict[str, Document]
    public: list[Entry]


def _parse_share(sources: list[Source], config: Config, *, digest: bool) -> Share:
    loaded = {s.name: _load(s, config, digest=digest) for s in sources}
    return Share(
        {n: each.doc for n, each in loaded.items()},
        [(n, e.doc.kind, e.doc.expected_id, cache.summary(e.doc), e.content) for n, e in loaded.items()],
    )


def _published(share: Share) -> bytes:
    """Index entries, in `marshal`'s format (plain data: a summary is what the cache stores)."""
    return marshal.dumps(share.public)


class Checker(NamedTuple):
    """A worker's context for its second round: the index of every file, and every other worker's entries."""

    ctx: Context
    entries: dict[str, Entry]


def _prepare(shares: list[Share], others: list[bytes], *, order: list[str], ctx: Context) -> Checker:
    """The index of every file: this worker's documents, and stand-ins for the others' made of their entries."""
    entries = {entry[0]: entry for part in others for entry in marshal.loads(part)}
    own = {name: doc for share in shares for name, doc in share.docs.items()}
    names = list(entries)
    values = entries.values()
    lights = cache.lights(names, [e[1] for e in values], [e[2] for e in values], [e[3] for e in values])
    stand_ins = dict(zip(names, lights, strict=True))
    model = build([own[n] if n in own else stand_ins[n] for n in order])
    return Checker(ctx._replace(model=model), entries)


def _checked(docs: dict[str, Document], ctx: Context) -> dict[str, list[Problem]]:
    """The files with findings, with their findings; each file's marks are dropped once its findings are placed."""
    from seuranta.check.engine import check_document

    found = {}
    for name, doc in docs.items():
        problems = _placed(check_document(doc, ctx), doc)
        if problems:  # most files have none: only the others cross back
            found[name] = problems
    return found


def _adopted(checker: Checker, share: Share) -> dict[str, list[Problem]] | None:
    """Another worker's files, loaded again here, checked as their owner would check them; None when one no
    longer reads as its owner read it (its owner checks them: the index holds what the owner read)."""
    if any(checker.entries.get(entry[0]) != entry for entry in share.public):
        return None
    model = checker.ctx.model
    replaced = [replace(model, doc) for doc in share.docs.values()]
    try:
        return _checked(share.docs, checker.ctx)
    finally:  # the stand-ins back in their places: the documents read again are not kept
        for stand_in in replaced:
            if stand_in is not None:
                replace(model, stand_in)


def _cold(
    root: Path,
    config: Config,
    *,
    sources: list[Source],
    today: datetime.date,
    now: int | None,
    signed: str,
    stored: dict[str, cache.Entry],
    locate_acknowledged: bool = True,
) -> Result:
    """Every file parsed and checked on every core: a first round builds the index, a second checks."""
    from seuranta.check import parallel

    order = [s.name for s in sources]
    ctx = context(build([]), config, today)
    engine = importlib.import_module("seuranta.check.engine")  # once, before the fork, rather than in every worker
    if not locate_acknowledged and now is None:
        engine.leave_acknowledged_unlocated(ctx)
    rounds = parallel.Rounds(
        load=lambda piece: _parse_share(piece, config, digest=now is not None),
        publish=_published,
        prepare=lambda shares, others: _prepare(shares, others, order=order, ctx=ctx),
        check=lambda checker, share: _checked(share.docs, checker.ctx),
        adopt=_adopted,
    )
    index, fresh = parallel.balanced(
        sources,
        rounds,
        count=parallel.workers(),
        combine=(lambda publics: {e[0]: e[1:] for part in publics for e in marshal.loads(part)})
        if now is not None
        else None,
    )
    if now is not None:
        _store_cold(root, sources, index, fresh, config=config, today=today, now=now, signed=signed, stored=stored)
    problems = [p for name in order for p in fresh.get(name, ())]
    return Result(sorted(problems, key=Problem.sort_key), len(order))


def _store_cold(
    root: Path,
    sources: list[Source],
    index: dict[str, tuple[str, str, Any, str]],
    fresh: dict[str, list[Problem]],
    *,
    config: Config,
    today: datetime.date,
    now: int,
    signed: str,
    stored: dict[str, cache.Entry],
) -> None:
    digests = {name: cache.digest(summary) for name, (_, _, summary, _) in index.items()}
    index_key = cache.index_key({name: digests[name] for name in _indexed(sources)})
    key = cache.context_key(config=config, today=today.isoformat(), index=index_key)
    entries = {
        s.name: cache.Entry(
            s.signature,
            now,
            index[s.name][3],
            index[s.name][0],
            index[s.name][1],
            digests[s.name],
            key,
            len(fresh.get(s.name, ())),
        )
        for s in sources
    }
    found = {n: cache.Found(e.content, key, cache.to_rows(fresh[n])) for n, e in entries.items() if e.findings}
    summaries = {s.name: cache.Summary(digests[s.name], index[s.name][2]) for s in sources}
    cache.write_index(root, dict(summaries), lambda: summaries)
    gone: dict[str, cache.Found | None] = {n: None for n, e in stored.items() if e.findings and n not in found}
    cache.write_findings(root, {**gone, **found}, lambda: found)
    cache.write_cache(root, dict(entries), lambda: entries)
    _store_state(root, sources, entries, index=index_key, key=key, signed=signed)


def _worth_forking(files: int) -> bool:
    from seuranta.check import parallel  # imported only where it may be used: it brings multiprocessing

    return parallel.worth(files)


def _all_changed(sources: list[Source], stored: dict[str, cache.Entry]) -> bool:
    return not any(stored.get(s.name) and stored[s.name].signature == s.signature for s in sources)


def check_tree(
    root: Path,
    config: Config,
    *,
    targets: list[str] | None,
    extra: list[Path],
    today: datetime.date,
    use_cache: bool = True,
    known: listed.Listing | None = None,
    locate_acknowledged: bool = True,
) -> Result:
    """Findings for `targets` (display names; None means every file), cached where still valid. The data
    folder's files are `known` when given, else listed here (as the cache proves them, when in use). Without
    `locate_acknowledged` (no output shows where one stands) and the cache, acknowledged findings are left
    at line and column 0 (`engine.leave_acknowledged_unlocated()`)."""
    now = time.time_ns()
    if known is None and use_cache:
        known = listed.data_sources(root, config.data, now=now)
    with cache.collector_paused():
        found = listing.sources(root, config.data, extra, known.sources if known is not None else None)
        # Without the cache no signature is compared or stored: no file is stat'ed for one.
        signatures = cache.signatures([s.path for s in found]) if use_cache else bytes(32 * len(found))
        names_key = cache.names_digest([s.name for s in found]) if use_cache else ""
    if use_cache and targets is not None:
        named = _named(
            root, found, signatures, names_key, names=targets + _dependants(found, targets), run=Run(config, today, now)
        )
        if named is not None:
            return named
    with cache.collector_paused():
        # Without the cache no signature is compared or stored: none is made.
        sources = _sources(found, signatures) if use_cache else [Source(*s, []) for s in found]

    def reported() -> list[str]:
        return [s.name for s in sources] if targets is None else targets + _dependants(sources, targets)

    signed = cache.signed_digest(names_key, signatures) if use_cache else ""
    if use_cache:
        with cache.collector_paused():
            unchanged = _unchanged(root, signed, sources=sources, config=config, today=today, names=reported)
        if unchanged is not None:
            return unchanged
    with cache.collector_paused():
        stored = cache.read_cache(root) if use_cache else {}
    if targets is None and _all_changed(sources, stored) and _worth_forking(len(sources)):
        return _cold(
            root,
            config,
            sources=sources,
            today=today,
            now=now if use_cache else None,
            signed=signed,
            stored=stored,
            locate_acknowledged=locate_acknowledged,
        )
    plan_ = plan(config, sources=sources, stored=stored, today=today, now=now, use_cache=use_cache)
    names = reported()
    kept = {n: _stored(plan_, n, root) for n in names}
    stale = [n for n in names if kept[n] is None]
    locate = use_cache or locate_acknowledged
    fresh = _check(plan_, stale, root=root, config=config, today=today, locate=locate) if stale else {}
    with cache.collector_paused():
        problems = [p for n in names for p in (fresh[n] if n in fresh else cache.from_rows(kept[n] or []))]
        if use_cache:
            _store(root, plan_, fresh, stored=stored, signed=signed)
    return Result(sorted(problems, key=Problem.sort_key), len(names))


def _dependants(sources: Sequence[Source | listing.Source], targets: list[str]) -> list[str]:
    """Every other file of a programme whose programme or group file is among the targets: their rules
    read it. Decided by the names alone, so a run with the cache reports what one without it does."""
    wanted = set(targets)
    folders = {
        s.relative.split(os.sep)[0]
        for s in sources
        if s.name in wanted and s.relative is not None and kind_of(Path(s.path)) != MEASURE
    }
    if not folders:
        return []
    found = [s.name for s in sources if s.relative is not None and s.relative.split(os.sep)[0] in folders]
    return [name for name in found if name not in wanted]


def _summary_proven(entry: cache.Entry, index: dict[str, cache.Summary], name: str) -> bool:
    """A stored summary stands in for a file only when it is there, stored under the digest its entry names."""
    found = index.get(name)
    return found is not None and found.digest == entry.digest


def _light(name: str, entry: cache.Entry, index: dict[str, cache.Summary]) -> Document:
    return cache.light(name, kind=entry.kind, expected_id=entry.expected_id, summary_=index[name].value)


def _reload(plan_: Plan, source: Source, config: Config) -> None:
    """Read a file whose entry holds no usable document, keeping the digest of the bytes it was made of."""
    loaded = _load(source, config)
    plan_.parsed[source.name] = loaded.doc
    plan_.contents[source.name] = loaded.content


def _check(
    plan_: Plan, stale: list[str], *, root: Path, config: Config, today: datetime.date, locate: bool = True
) -> dict[str, list[Problem]]:
    from seuranta.check.engine import check_document, leave_acknowledged_unlocated

    by_name = {s.name: s for s in plan_.sources}
    for name in stale:
        if name not in plan_.parsed:
            _reload(plan_, by_name[name], config)
    index = _index(plan_, root)
    for name in [s.name for s in plan_.sources if s.name not in plan_.parsed]:
        if not _summary_proven(plan_.entries[name], index, name):
            _reload(plan_, by_name[name], config)
    with cache.collector_paused():
        docs = [plan_.parsed.get(s.name) or _light(s.name, plan_.entries[s.name], index) for s in plan_.sources]
        ctx = context(build(docs), config, today)
    if not locate:
        leave_acknowledged_unlocated(ctx)
    with cache.collector_settled():
        checked = _check_all(stale, lambda name: _placed(check_document(plan_.parsed[name], ctx), plan_.parsed[name]))
    return dict(zip(stale, checked, strict=False))


def _placed(problems: list[Problem], doc: Document) -> list[Problem]:
    """A checked file's findings, its marks and decoded text dropped: its findings are placed."""
    forget_positions(doc.parsed)
    return problems


def _check_all(names: list[str], work: Callable[[str], list[Problem]]) -> list[list[Problem]]:
    """One file checked here, more spread over the cores where that pays."""
    if len(names) == 1:
        return [work(names[0])]
    from seuranta.check.parallel import map_names

    return map_names(work, names)


def _store(
    root: Path, plan_: Plan, fresh: dict[str, list[Problem]], *, stored: dict[str, cache.Entry], signed: str
) -> None:
    """Record what this run learnt: new and renewed entries, their findings, changed summaries, files gone
    (an entry of a file outside the data folder that this run did not name is kept)."""
    listed = {s.name for s in plan_.sources}
    gone = [n for n in stored if n not in listed and not os.path.lexists(root / n)]
    changed: dict[str, cache.Entry | None] = dict.fromkeys(gone)
    summaries: dict[str, cache.Summary | None] = dict.fromkeys(gone)
    found: dict[str, cache.Found | None] = {n: None for n in gone if stored[n].findings}
    entries = {n: e for n, e in stored.items() if n not in listed and n not in changed}
    entries.update(plan_.entries)
    for name in plan_.renewed:
        changed[name] = entries[name]
    for source in plan_.sources:
        doc = plan_.parsed.get(source.name)
        if doc is not None:
            checked = source.name in fresh
            entry = _entry(source, plan_, doc, plan_.key if checked else "", fresh.get(source.name))
            if _summary_to_store(plan_, source.name, stored.get(source.name), entry):
                summaries[source.name] = cache.Summary(entry.digest, cache.summary(doc))
            entries[source.name] = changed[source.name] = entry
        elif source.name in fresh:
            entries[source.name] = changed[source.name] = entries[source.name]._replace(
                context=plan_.key, findings=len(fresh[source.name])
            )
        if source.name in fresh:
            _record_findings(found, entries[source.name], fresh[source.name], stored.get(source.name), source.name)
    cache.write_cache(root, changed, lambda: entries)
    cache.write_findings(root, found, lambda: _all_findings(root, plan_, entries, found))
    cache.write_index(root, summaries, lambda: _all_summaries(root, plan_, summaries))
    _store_state(root, plan_.sources, entries, index=plan_.index_key, key=plan_.key, signed=signed)


def _record_findings(
    found: dict[str, cache.Found | None],
    entry: cache.Entry,
    problems: list[Problem],
    before: cache.Entry | None,
    name: str,
) -> None:
    """A checked file's findings to store; when it has none, a row stored before is removed."""
    if problems:
        found[name] = cache.Found(entry.content, entry.context, cache.to_rows(problems))
    elif before is None or before.findings:
        found[name] = None


def _all_findings(
    root: Path, plan_: Plan, entries: dict[str, cache.Entry], changed: dict[str, cache.Found | None]
) -> dict[str, cache.Found]:
    """Every entry's findings that are stored (for a new base): the changed ones, else the ones read."""
    every = {**_found(plan_, root), **changed}
    return {
        n: f
        for n, f in every.items()
        if f is not None and n in entries and entries[n].findings and cache.stored_problems(entries[n], {n: f}, n)
    }


def _store_state(
    root: Path,
    sources: list[Source],
    entries: dict[str, cache.Entry],
    *,
    index: str,
    key: str,
    signed: str,
) -> None:
    """When every listed file is checked under `key`, the state that lets the next run prove it all at once
    (`signed`: the digest of the files' names and signatures)."""
    mine = [entries[s.name] for s in sources]
    if not mine or any(e.context != key for e in mine):
        return
    state = cache.State(
        signed,
        min(cache.age(e) for e in mine),
        index,
        key,
        cache.findings_digest({s.name: e.content for s, e in zip(sources, mine, strict=True) if e.findings}),
        _columns(sources, mine),
    )
    if cache.read_state(root) != state:
        cache.write_state(root, state)


def _columns(sources: list[Source], entries: list[cache.Entry]) -> list[Any]:
    """The entries of the data folder's files as the state's columns (`cache.Files`), when no file outside it
    but the configuration took part (the index key is then of the data folder's files alone); else none."""
    if not all(s.relative is not None or kind_of(Path(s.path)) == CONFIG for s in sources):
        return []
    inside = [e for s, e in zip(sources, entries, strict=True) if s.relative is not None]
    return list(
        cache.Files(
            cache.names_digest([s.name for s in sources if s.relative is not None]),
            cache.quadruples([e.signature for e in inside]),
            array("q", [cache.age(e) for e in inside]).tobytes(),
            [e.content for e in inside],
            [e.kind for e in inside],
            [e.expected_id for e in inside],
            [e.digest for e in inside],
            [e.findings for e in inside],
        )
    )


# A run that names a few files of the data folder (pre-commit): the state's columns prove the others unchanged


CHUNK = 256  # files whose signatures are compared as one run of bytes


def _suspects(now: bytes, files: cache.Files) -> list[int]:
    """The places of the files the columns do not prove unchanged: another signature (`now` holds this run's,
    as the columns do), or a racy one."""
    was = files.signatures
    count = len(now) // 32
    step = 32 * CHUNK
    found = [
        at
        for start in range(0, len(now), step)
        if now[start : start + step] != was[start : start + step]
        for at in range(start // 32, min(count, start // 32 + CHUNK))
        if now[32 * at : 32 * at + 32] != was[32 * at : 32 * at + 32]
    ]
    racy = cache.RACY_NS
    found += [at for at, age in enumerate(cache.integers(files.ages)) if age <= racy]
    return sorted(set(found))


class Named(NamedTuple):
    """What a run naming a few files learnt of the suspects: the renewed ones' digests and the parsed ones."""

    renewed: dict[int, str]
    parsed: dict[int, Loaded]


def _prove(found: list[listing.Source], now: bytes, files: cache.Files, config: Config) -> Named | None:
    """Each suspect hashed: the same bytes, or bytes whose summary is the stored one; None when a summary
    changed (every file's key with it)."""
    renewed: dict[int, str] = {}
    parsed: dict[int, Loaded] = {}
    for at in _suspects(now, files):
        source = found[at]
        raw = _bytes(source, config)
        content = cache.content_digest(raw) if raw is not None else ""
        if content and content == files.contents[at]:
            renewed[at] = content
            continue
        doc = _parse(source, raw, config)
        if not _same_summary(doc, files, at):
            return None
        parsed[at] = Loaded(doc, content)
    return Named(renewed, parsed)


def _same_summary(doc: Document, files: cache.Files, at: int) -> bool:
    return (
        doc.kind == files.kinds[at]
        and doc.expected_id == files.expected[at]
        and cache.digest(cache.summary(doc)) == files.digests[at]
    )


class Run(NamedTuple):
    config: Config
    today: datetime.date
    now: int


def _named(
    root: Path, found: list[listing.Source], signatures: bytes, names_key: str, *, names: list[str], run: Run
) -> Result | None:
    """The findings of `names` (files of the data folder) when the state's columns prove every other file
    unchanged in its summary, so that the context key is the state's: the changed files among them checked,
    the rest as stored. None when anything is not proven so; each file is then proven on its own.
    `signatures` holds this run's (`cache.signatures()`), `names_key` the digest of the names."""
    if any(s.relative is None for s in found):
        return None
    with cache.collector_paused():
        state = cache.read_state(root)
        files = cache.files_of(state, len(found)) if state is not None else None
    if state is None or files is None or files.names != names_key:
        return None
    if cache.context_key(config=run.config, today=run.today.isoformat(), index=state.index_key) != state.context:
        return None
    named = _prove(found, signatures, files, run.config)
    if named is None:
        return None
    place = {s.name: at for at, s in enumerate(found)}
    table: list[dict[str, cache.Found]] = []
    kept: dict[str, list[list[Any]]] = {}
    for name in names:
        at = place[name]
        if at in named.parsed:
            continue
        entry = _entry_of(files, at, state.context, "")
        rows = cache.stored_problems(entry, _table(table, root) if entry.findings else {}, name)
        if rows is not None:
            kept[name] = rows
            continue
        loaded = _load(found[at], run.config)
        if not _same_summary(loaded.doc, files, at):
            return None
        named.parsed[at] = loaded
    stale = [n for n in names if n not in kept]
    ctx = _named_context(root, found, files, named, config=run.config, today=run.today) if stale else None
    if stale and ctx is None:
        return None
    fresh = _checked_named(named, found, stale, ctx) if ctx is not None else {}
    with cache.collector_paused():
        problems = [p for n in names for p in (fresh[n] if n in fresh else cache.from_rows(kept[n]))]
        signed = cache.signed_digest(names_key, signatures)
        renewed = files._replace(signatures=signatures)

    def store() -> None:
        """After the report: the other changed files checked too (their summaries are proven the stored
        ones, so under the same key), so that the state proves them from now on and the next run does not
        read them again; then every entry, the findings and the state stored."""
        others = [found[at].name for at in named.parsed if found[at].name not in fresh]
        both = ctx or (
            _named_context(root, found, files, named, config=run.config, today=run.today) if others else None
        )
        checked = {**fresh, **_checked_named(named, found, others, both)} if both is not None and others else fresh
        _store_named(root, state, found, renewed, named, checked, now=run.now, signed=signed)

    cache.after_report(store)
    return Result(sorted(problems, key=Problem.sort_key), len(names))


def _table(found: list[dict[str, cache.Found]], root: Path) -> dict[str, cache.Found]:
    if not found:
        found.append(cache.read_findings(root))
    return found[0]


def _entry_of(files: cache.Files, at: int, context: str, content: str) -> cache.Entry:
    """The column's entry of the file at `at` (its signature and `seen` aside), with `content` when given."""
    return cache.Entry(
        [],
        0,
        content or files.contents[at],
        files.kinds[at],
        files.expected[at],
        files.digests[at],
        context,
        files.findings[at],
    )


def _named_context(
    root: Path,
    sources: list[listing.Source],
    files: cache.Files,
    named: Named,
    *,
    config: Config,
    today: datetime.date,
) -> Context | None:
    """The context to check files against the index of every file (the stored summaries and the parsed
    documents); None when a summary is not stored as the columns name it."""
    with cache.collector_paused():
        values = _summaries(root, sources, files, named)
        if values is None:
            return None
        model = standins.model(root, files, values, {at: loaded.doc for at, loaded in named.parsed.items()})
        if model is None:
            docs = cache.lights([s.name for s in sources], files.kinds, files.expected, values)
            for at, loaded in named.parsed.items():
                docs[at] = loaded.doc
            model = build(docs)
        return context(model, config, today)


def _checked_named(
    named: Named, sources: list[listing.Source], stale: list[str], ctx: Context
) -> dict[str, list[Problem]]:
    """The parsed files `stale` checked in the context of `_named_context()`."""
    from seuranta.check.engine import check_document

    by_name = {sources[at].name: loaded.doc for at, loaded in named.parsed.items()}
    return dict(zip(stale, _check_all(stale, lambda name: check_document(by_name[name], ctx)), strict=True))


def _summaries(root: Path, sources: list[listing.Source], files: cache.Files, named: Named) -> list[Any] | None:
    """Every file's stored summary in the listing's order: the summaries table when it is of exactly the
    columns' names and digests; else the index, each summary proven by its digest (and the table written
    from it). None when a summary is not stored as the columns name it."""
    key = cache.summaries_key(files.names, files.digests)
    values = cache.read_summaries(root, key, len(sources))
    if values is not None:
        return values
    index = cache.read_index(root)
    values = []
    for at, source in enumerate(sources):
        loaded = named.parsed.get(at)
        stored = index.get(source.name)
        if loaded is not None:
            values.append(cache.summary(loaded.doc))
        elif stored is None or stored.digest != files.digests[at]:
            return None
        else:
            values.append(stored.value)
    cache.after_report(lambda: cache.write_summaries(root, key, values))
    return values


def _store_named(
    root: Path,
    state: cache.State,
    sources: list[listing.Source],
    files: cache.Files,
    named: Named,
    fresh: dict[str, list[Problem]],
    *,
    now: int,
    signed: str,
) -> None:
    """The suspects' entries and the checked files' findings (appended to the logs), and the state with
    the suspects' columns renewed when every file is still checked under its key (`files` holds this run's
    signatures: every suspect's entry is renewed with its signature, and the others' are as stored)."""
    key = state.context
    changed: dict[str, cache.Entry | None] = {}
    found: dict[str, cache.Found | None] = {}
    contents = list(files.contents)
    counts = list(files.findings)
    values = cache.integers(files.signatures)
    for at, content in named.renewed.items():
        signature = values[4 * at : 4 * at + 4].tolist()
        changed[sources[at].name] = _entry_of(files, at, key, content)._replace(signature=signature, seen=now)
    for at, loaded in named.parsed.items():
        source = sources[at]
        problems = fresh.get(source.name)
        entry = _entry_of(files, at, key if problems is not None else "", loaded.content)._replace(
            signature=values[4 * at : 4 * at + 4].tolist(),
            seen=now,
            findings=len(problems) if problems is not None else 0,
        )
        changed[source.name] = entry
        contents[at], counts[at] = entry.content, entry.findings
        if problems is not None:
            _record_findings(found, entry, problems, _entry_of(files, at, key, ""), source.name)
    cache.write_cache(root, changed, lambda: {**cache.read_cache(root), **{n: e for n, e in changed.items() if e}})
    cache.write_findings(
        root, found, lambda: {n: f for n, f in {**cache.read_findings(root), **found}.items() if f is not None}
    )
    if any(e is not None and e.context != key for e in changed.values()):
        return
    _store_columns(root, state, sources, files, changed, contents, counts, signed=signed)


def _summary_to_store(plan_: Plan, name: str, before: cache.Entry | None, entry: cache.Entry) -> bool:
    """A new or changed summary, or one the index was found without (it heals after a corruption)."""
    if before is None or before.digest != entry.digest:
        return True
    read = plan_.summaries[0] if plan_.summaries else None
    return read is not None and not _summary_proven(entry, read, name)


def _all_summaries(root: Path, plan_: Plan, changed: dict[str, cache.Summary | None]) -> dict[str, cache.Summary]:
    every = {**_index(plan_, root), **changed}
    return {n: s for n, s in every.items() if s is not None}


def _entry(source: Source, plan_: Plan, doc: Document, context: str, problems: list[Problem] | None) -> cache.Entry:
    summary = cache.summary(doc)
    count = len(problems) if problems is not None else 0
    content = plan_.contents.get(source.name, "")
    return cache.Entry(
        source.signature, plan_.now, content, doc.kind, doc.expected_id, cache.digest(summary), context, count
    )


def _store_columns(
    root: Path,
    state: cache.State,
    sources: list[listing.Source],
    files: cache.Files,
    changed: dict[str, cache.Entry | None],
    contents: list[str],
    counts: list[int],
    *,
    signed: str,
) -> None:
    """The state with the changed entries' columns in place (the index key and context key are the state's)."""
    ages = cache.integers(files.ages)
    for at, source in enumerate(sources):
        entry = changed.get(source.name)
        if entry is not None:
            ages[at] = cache.age(entry)
    renewed = cache.State(
        signed,
        min(ages),
        state.index_key,
        state.context,
        cache.findings_digest({s.name: contents[at] for at, s in enumerate(sources) if counts[at]}),
        list(files._replace(ages=ages.tobytes(), contents=contents, findings=counts)),
    )
    cache.write_state(root, renewed)
