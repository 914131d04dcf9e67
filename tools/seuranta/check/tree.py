"""Load and check the listed tree: every file, or some with the rest as context, cached where still valid."""

from __future__ import annotations

import datetime
import os
from collections.abc import Iterable
from pathlib import Path
from typing import Any, NamedTuple

from seuranta.check import cache, parallel
from seuranta.check.engine import check_document
from seuranta.check.parallel import map_names
from seuranta.check.result import Result
from seuranta.files import listing
from seuranta.model.config import Config
from seuranta.model.documents import Document, read
from seuranta.model.index import Model, build
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
    entries: dict[str, cache.Entry]
    key: str
    index_key: str
    summaries: list[dict[str, Any]]


def _index(plan_: Plan, root: Path) -> dict[str, Any]:
    """The cached summaries of unchanged files, read at most once per run."""
    if not plan_.summaries:
        plan_.summaries.append(cache.read_index(root) if plan_.entries else {})
    return plan_.summaries[0]


def _sources(root: Path, config: Config, extra: list[Path]) -> list[Source]:
    return [Source(*s, cache.signature(os.stat(s.path))) for s in listing.sources(root, config.data, extra)]


def _read(source: Source | listing.Source, config: Config) -> Document:
    relative = Path(source.relative) if source.relative is not None else None
    return read(Path(source.path), display=source.name, relative=relative, limits=config.limits)


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
        docs = parallel.map_names(lambda s: _without_positions(_read(s, config)), listed)
    return Tree(docs, build(docs))


def _without_positions(doc: Document) -> Document:
    """The document without libyaml's marks, which cannot cross a process boundary cheaply."""
    return doc._replace(parsed=doc.parsed._replace(marks={}, key_marks={}, text=""))


def plan(config: Config, *, sources: list[Source], stored: dict[str, cache.Entry], today: datetime.date) -> Plan:
    parsed: dict[str, Document] = {}
    entries: dict[str, cache.Entry] = {}
    for source in sources:
        entry = stored.get(source.name)
        if entry is not None and entry.signature == source.signature:
            entries[source.name] = entry
        else:
            parsed[source.name] = _read(source, config)
    digests = {name: entry.digest for name, entry in entries.items()}
    digests.update({name: cache.digest(cache.summary(doc)) for name, doc in parsed.items()})
    outside = {s.name for s in sources if s.relative is None}
    index = cache.index_key({name: d for name, d in digests.items() if name not in outside})
    return Plan(
        sources, parsed, entries, cache.context_key(config=config, today=today.isoformat(), index=index), index, []
    )


def _fresh(plan_: Plan, name: str) -> bool:
    entry = plan_.entries.get(name)
    return entry is not None and entry.context == plan_.key


class Share(NamedTuple):
    """One worker's files: the documents stay in the worker, the index entries travel."""

    docs: dict[str, Document]
    public: list[tuple[str, str, str, Any]]


def _parse_share(sources: list[Source], config: Config) -> Share:
    docs = {s.name: _read(s, config) for s in sources}
    return Share(docs, [(n, d.kind, d.expected_id, cache.summary(d)) for n, d in docs.items()])


def _check_share(
    share: Share, index: dict[str, tuple[str, str, Any]], *, order: list[str], ctx: Context
) -> dict[str, list[Problem]]:
    docs = [
        share.docs.get(n) or cache.light(n, kind=index[n][0], expected_id=index[n][1], summary_=index[n][2])
        for n in order
    ]
    own = ctx._replace(model=build(docs))
    return {name: check_document(doc, own) for name, doc in share.docs.items()}


def _cold(root: Path, config: Config, *, sources: list[Source], today: datetime.date, use_cache: bool) -> Result:
    """Every file parsed and checked on every core: a first round builds the index, a second checks."""
    order = [s.name for s in sources]
    ctx = context(build([]), config, today)
    index, parts = parallel.two_rounds(
        parallel.spread(sources, parallel.workers()),
        first=lambda chunk: _parse_share(chunk, config),
        second=lambda share, idx: _check_share(share, idx, order=order, ctx=ctx),
        combine=lambda publics: {n: (k, e, s) for part in publics for n, k, e, s in part},
    )
    fresh = {name: found for part in parts for name, found in part.items()}
    if use_cache:
        _store_cold(root, sources, index, fresh, config=config, today=today)
    problems = [p for name in order for p in fresh[name]]
    return Result(sorted(problems, key=Problem.sort_key), len(order))


def _store_cold(
    root: Path,
    sources: list[Source],
    index: dict[str, Any],
    fresh: dict[str, list[Problem]],
    *,
    config: Config,
    today: datetime.date,
) -> None:
    digests = {name: cache.digest(summary) for name, (_, _, summary) in index.items()}
    index_key = cache.index_key(digests)
    key = cache.context_key(config=config, today=today.isoformat(), index=index_key)
    entries = {
        s.name: cache.Entry(
            s.signature,
            index[s.name][0],
            index[s.name][1],
            digests[s.name],
            key,
            index_key,
            cache.to_rows(fresh[s.name]),
        )
        for s in sources
    }
    names = sorted(entries)
    cache.write_cache(root, {n: entries[n] for n in names}, {n: index[n][2] for n in names})


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
) -> Result:
    """Findings for `targets` (display names; None means every file), cached where still valid."""
    sources = _sources(root, config, extra)
    stored = cache.read_cache(root) if use_cache else {}
    if targets is None and parallel.worth(len(sources)) and _all_changed(sources, stored):
        return _cold(root, config, sources=sources, today=today, use_cache=use_cache)
    plan_ = plan(config, sources=sources, stored=stored, today=today)
    names = [s.name for s in plan_.sources] if targets is None else targets + _affected(plan_, targets)
    stale = [n for n in names if not _fresh(plan_, n)]
    fresh = _check(plan_, stale, root=root, config=config, today=today) if stale else {}
    problems = [p for n in names for p in (fresh[n] if n in fresh else cache.from_rows(plan_.entries[n].problems))]
    if use_cache:
        _store(root, plan_, fresh, stored=stored)
    return Result(sorted(problems, key=Problem.sort_key), len(names))


def _affected(plan_: Plan, targets: list[str]) -> list[str]:
    """Files last checked against another index: a change among the targets may change their findings."""
    wanted = set(targets)
    found = [n for n, e in plan_.entries.items() if n not in wanted and e.index_key and e.index_key != plan_.index_key]
    return sorted(found)


def _summary_proven(entry: cache.Entry, index: dict[str, Any], name: str) -> bool:
    """A stored summary stands in for a file only when it is there and is the one the entry was made from."""
    return name in index and cache.digest(index[name]) == entry.digest


def _light(name: str, entry: cache.Entry, index: dict[str, Any]) -> Document:
    return cache.light(name, kind=entry.kind, expected_id=entry.expected_id, summary_=index.get(name))


def _check(
    plan_: Plan, stale: list[str], *, root: Path, config: Config, today: datetime.date
) -> dict[str, list[Problem]]:
    by_name = {s.name: s for s in plan_.sources}
    for name in stale:
        if name not in plan_.parsed:
            plan_.parsed[name] = _read(by_name[name], config)
    index = _index(plan_, root)
    for name in [s.name for s in plan_.sources if s.name not in plan_.parsed]:
        if not _summary_proven(plan_.entries[name], index, name):
            plan_.parsed[name] = _read(by_name[name], config)
    docs = [plan_.parsed.get(s.name) or _light(s.name, plan_.entries[s.name], index) for s in plan_.sources]
    ctx = context(build(docs), config, today)
    found = map_names(lambda name: check_document(plan_.parsed[name], ctx), stale)
    return dict(zip(stale, found, strict=False))


def _store(root: Path, plan_: Plan, fresh: dict[str, list[Problem]], *, stored: dict[str, cache.Entry]) -> None:
    if not fresh and not plan_.parsed and len(plan_.entries) == len(stored):
        return
    entries = dict(plan_.entries)
    index = _index(plan_, root)
    summaries_changed = set(stored) != {s.name for s in plan_.sources}
    for source in plan_.sources:
        doc = plan_.parsed.get(source.name)
        if doc is not None:
            checked = source.name in fresh
            entries[source.name] = _entry(
                source, doc, (plan_.key, plan_.index_key) if checked else ("", ""), fresh.get(source.name)
            )
            summaries_changed |= stored.get(source.name, entries[source.name]).digest != entries[source.name].digest
            summaries_changed |= source.name not in index
            index[source.name] = cache.summary(doc)
        elif source.name in fresh:
            entries[source.name] = entries[source.name]._replace(
                context=plan_.key, index_key=plan_.index_key, problems=cache.to_rows(fresh[source.name])
            )
    names = sorted(entries)
    summaries = {n: index.get(n) for n in names} if summaries_changed else None
    cache.write_cache(root, {n: entries[n] for n in names}, summaries)


def _entry(source: Source, doc: Document, keys: tuple[str, str], problems: list[Problem] | None) -> cache.Entry:
    summary = cache.summary(doc)
    rows = cache.to_rows(problems) if problems is not None else []
    return cache.Entry(source.signature, doc.kind, doc.expected_id, cache.digest(summary), *keys, rows)
