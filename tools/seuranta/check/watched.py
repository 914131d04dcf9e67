"""What a server that watches a data folder holds of it: the data folder's listing as a walk gives it, and
every listed file's stat signature as `cache.signatures()` gives it, both current as of a moment just
before the run was forked (`server/watch.py` fills this; it is empty in every other process).

A run asks for the listing of its data folder (`listing()`) and for the signatures of the paths it lists
(`signatures()`); either is None when nothing is held of exactly that, and the run then walks and stats as
always. What is held is exactly what walking and stat'ing would give at that moment, so every proof built on
it (`cache.state_proves()`, the racy window, the state's columns) is the same proof.
"""

from __future__ import annotations

from typing import NamedTuple

from seuranta.files import listing as files_listing


class Tree(NamedTuple):
    """A watched data folder as a walk and a stat of every file would find it now."""

    data: str  # the data folder, as the run names it (`str(root / config.data)`)
    sources: list[files_listing.Source]  # the walk's files, in the listing's order
    paths: list[str]  # their paths
    signatures: bytes  # `cache.signatures(paths)`
    names: list[str]  # their names
    names_key: str  # `cache.names_digest(names)`


_HELD: dict[str, Tree] = {}


def hold(tree: Tree) -> None:
    _HELD[tree.data] = tree


def release(data: str) -> None:
    _HELD.pop(data, None)


def held() -> list[str]:
    return list(_HELD)


def listing(data: str) -> list[files_listing.Source] | None:
    """The held listing of the data folder `data`, or None."""
    tree = _HELD.get(data)
    return tree.sources if tree is not None else None


def _tree_of(paths: list[str]) -> Tree | None:
    for tree in _HELD.values():
        if len(tree.paths) == len(paths) and tree.paths == paths:
            return tree
    return None


def signatures(paths: list[str]) -> bytes | None:
    """The held signatures of exactly these paths in this order, or None."""
    tree = _tree_of(paths)
    return tree.signatures if tree is not None else None


def names_digest(names: list[str]) -> str | None:
    """The held digest of exactly these names in this order (the held listing's), or None."""
    for tree in _HELD.values():
        if len(tree.names) == len(names) and tree.names == names:
            return tree.names_key
    return None
