"""Validate a whole tree, reusing cached findings for files whose inputs have not changed."""

from __future__ import annotations

import datetime
from pathlib import Path
from typing import NamedTuple

from seuranta import cache
from seuranta.config import Config
from seuranta.documents import Document, read
from seuranta.engine import Result, check_document
from seuranta.model import build
from seuranta.problem import Problem
from seuranta.repo import display, yaml_files
from seuranta.rules import Context


class Source(NamedTuple):
    path: Path
    name: str
    relative: Path | None
    signature: list[int]


class Plan(NamedTuple):
    """Which files need reading, and the index every file's rules see."""

    sources: list[Source]
    parsed: dict[str, Document]
    entries: dict[str, cache.Entry]
    key: str


def _sources(root: Path, config: Config, extra: list[Path]) -> list[Source]:
    data = root / config.data
    paths = yaml_files(data) if data.is_dir() else []
    prefix = len(root.parts)
    found = [Source(p, "/".join(p.parts[prefix:]), p.relative_to(data), cache.signature(p.stat())) for p in paths]
    known = {(root / s.name).resolve() for s in found} if extra else set()
    found += [Source(p, display(p, root), _under(p, data), cache.signature(p.stat())) for p in extra if p.resolve() not in known]
    return found


def _under(path: Path, folder: Path) -> Path | None:
    try:
        return path.resolve().relative_to(folder.resolve())
    except ValueError:
        return None


def _read(source: Source, config: Config) -> Document:
    return read(source.path, display=source.name, relative=source.relative, limits=config.limits)


def plan(root: Path, config: Config, *, extra: list[Path], today: datetime.date, use_cache: bool) -> Plan:
    stored = cache.read_cache(root) if use_cache else {}
    sources = _sources(root, config, extra)
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
    return Plan(sources, parsed, entries, cache.context_key(config=config, today=today.isoformat(), digests=digests))


def _fresh(plan_: Plan, name: str) -> bool:
    entry = plan_.entries.get(name)
    return entry is not None and entry.context == plan_.key


def check_tree(root: Path, config: Config, *, targets: list[str] | None, extra: list[Path],
               today: datetime.date, use_cache: bool = True) -> Result:
    """Findings for `targets` (display names; None means every file), cached where still valid."""
    plan_ = plan(root, config, extra=extra, today=today, use_cache=use_cache)
    names = [s.name for s in plan_.sources] if targets is None else targets
    stale = [n for n in names if not _fresh(plan_, n)]
    fresh = _check(plan_, stale, root=root, config=config, today=today) if stale else {}
    problems = [p for n in names for p in (fresh[n] if n in fresh else cache.from_rows(plan_.entries[n].problems))]
    if use_cache:
        _store(root, plan_, fresh)
    return Result(sorted(problems, key=Problem.sort_key), len(names))


def _check(plan_: Plan, stale: list[str], *, root: Path, config: Config, today: datetime.date) -> dict[str, list[Problem]]:
    by_name = {s.name: s for s in plan_.sources}
    for name in stale:
        if name not in plan_.parsed:
            plan_.parsed[name] = _read(by_name[name], config)
    index = cache.read_index(root) if len(plan_.parsed) < len(plan_.sources) else {}
    docs = [plan_.parsed.get(s.name) or cache.light(s.name, plan_.entries[s.name], index.get(s.name)) for s in plan_.sources]
    ctx = Context(build(docs), config, today)
    return {name: check_document(plan_.parsed[name], ctx) for name in stale}


def _store(root: Path, plan_: Plan, fresh: dict[str, list[Problem]]) -> None:
    if not fresh and not plan_.parsed and len(plan_.entries) == len(cache.read_cache(root)):
        return
    entries = dict(plan_.entries)
    index = cache.read_index(root) if plan_.entries else {}
    for source in plan_.sources:
        doc = plan_.parsed.get(source.name)
        if doc is not None:
            entries[source.name] = _entry(source, doc, plan_.key if source.name in fresh else "", fresh.get(source.name))
            index[source.name] = cache.summary(doc)
        elif source.name in fresh:
            entries[source.name] = entries[source.name]._replace(context=plan_.key, problems=cache.to_rows(fresh[source.name]))
    names = sorted(entries)
    cache.write_cache(root, {n: entries[n] for n in names}, {n: index.get(n) for n in names})


def _entry(source: Source, doc: Document, context: str, problems: list[Problem] | None) -> cache.Entry:
    summary = cache.summary(doc)
    rows = cache.to_rows(problems) if problems is not None else []
    return cache.Entry(source.signature, doc.kind, doc.expected_id, cache.digest(summary), context, rows)
