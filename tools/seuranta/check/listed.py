"""The data folder's listing, proven unchanged by its folders' stat signatures instead of walked again.

A file cannot be added, removed or renamed without changing the modification time of the folder
that holds it, nor a folder without changing its parent's; `touch -d` can set a folder's
modification time back, never its change time. So when every folder a walk read has the signature
it had (modification and change time, size, inode), the walk would list the same files. As with a
file's signature (`cache.stat_proves`), a folder is trusted only when its timestamps are more than
`cache.RACY_NS` older than the moment before the walk: a change during the walk, or in the same
clock tick, cannot pass for none. A walk that found anything not read as data (a link, an
unreadable folder, a special file) is not recorded: those are decided by what the names point to.

Stored as a sealed table (`cache.read_table`), `listing.json`, one row: the data folder, the time
before the walk, the folders read (relative to the data folder, the data folder itself first), their
signatures as one run of integers (`cache.signatures()`, compared in one piece), the newest of their
timestamps, and the files listed, in the listing's order.
"""

from __future__ import annotations

import os
from itertools import repeat
from pathlib import Path
from typing import Any, NamedTuple, TypeGuard

from seuranta.check import cache, watched
from seuranta.files import listing
from seuranta.model.problem import Problem

LISTING_FILE = cache.FOLDER / "listing.json"
ROW = "data"


class Listing(NamedTuple):
    """The data folder's files and the names under it not read as data (none when the listing is proven)."""

    sources: list[listing.Source]
    refused: list[Problem]


def data_sources(root: Path, data_folder: str, *, now: int) -> Listing:
    """The data folder's files: the stored listing when every folder proves it, else walked (and stored).
    `now` is the time (ns) before this run looked at any file."""
    data = root / data_folder
    held = watched.listing(str(data))  # a server watching the folder holds what a walk would find now
    if held is not None:
        return Listing(held, [])
    with cache.collector_paused():
        proven = _proven(root, data)
    if proven is not None:
        return Listing(proven, [])
    refused: list[listing.Refused] = []
    walked = listing.Walked([], [])
    found = listing.data_sources(root, data, refused, walked)
    if found and not refused and not walked.links:
        _store(root, data, found, walked.folders, now=now)
    return Listing(found, listing.refusal_problems(refused, root))


def _store(root: Path, data: Path, found: list[listing.Source], folders: list[str], *, now: int) -> None:
    base = str(data)
    try:
        signatures = cache.signatures(folders)
    except OSError:
        return
    values = cache.integers(signatures)
    newest = max(max(values[at], values[at + 1]) for at in range(0, len(values), 4)) if folders else now
    relative = [folder[len(base) + 1 :] for folder in folders]
    row = [base, now, relative, signatures, newest, [source.relative for source in found]]
    cache.after_report(lambda: cache.write_table(root / LISTING_FILE, {ROW: row}, lambda: {ROW: row}, whole=True))


def _proven(root: Path, data: Path) -> list[listing.Source] | None:
    row = cache.read_table(root / LISTING_FILE).get(ROW)
    base = str(data)
    if not _well_formed(row) or row[0] != base or not _folders_unchanged(base, row):
        return None
    folder = base + os.sep
    inside = folder[len(str(root)) + 1 :]
    if os.sep != "/":
        return [
            listing.Source(folder + relative, (inside + relative).replace(os.sep, "/"), relative) for relative in row[5]
        ]
    made = zip(
        [folder + relative for relative in row[5]], [inside + relative for relative in row[5]], row[5], strict=True
    )
    return list(map(tuple.__new__, repeat(listing.Source), made))  # each a Source, made without a Python call


def _well_formed(row: Any) -> TypeGuard[list[Any]]:
    return (
        isinstance(row, list)
        and len(row) == 6
        and isinstance(row[0], str)
        and isinstance(row[1], int)
        and isinstance(row[2], list)
        and isinstance(row[3], bytes)
        and isinstance(row[4], int)
        and isinstance(row[5], list)
        and len(row[3]) == 32 * len(row[2])
        and all(isinstance(folder, str) for folder in row[2])
        and all(isinstance(relative, str) and relative for relative in row[5])
    )


def _folders_unchanged(base: str, row: list[Any]) -> bool:
    """Every folder the walk read, the data folder first, has its signature, and the newest of their
    timestamps is older than the walk by more than the racy window."""
    seen, folders, signatures, newest = row[1], row[2], row[3], row[4]
    if not folders or folders[0] != "" or newest >= seen - cache.RACY_NS:
        return False
    try:
        found = cache.signatures([base + os.sep + folder if folder else base for folder in folders])
    except OSError:
        return False
    return bool(found == signatures)
