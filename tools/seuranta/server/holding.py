"""The listing and signatures a server's watch holds of one data folder (`watch.Tree`), changed in place as
files change, come and go: always what a walk (`files.listing.data_sources()`) and a stat of every listed file
would give, in the listing's order."""

from __future__ import annotations

import bisect
import os
from array import array

from seuranta.check import cache, watched
from seuranta.files import listing


class Holding:
    def __init__(self, root: str, data: str, sources: list[listing.Source], signatures: array[int]) -> None:
        self.prefix = len(root) + 1
        self.data = data
        self.sources = sources
        self.signatures = signatures
        self.at = {source.path: at for at, source in enumerate(sources)}
        self.held: watched.Tree | None = None
        self.listed: tuple[list[listing.Source], list[str], list[str], str] | None = None
        """The listing as runs take it (a copy), its paths, names and the names' digest, until it changes."""

    def __contains__(self, path: str) -> bool:
        return path in self.at

    def stat(self, path: str, signature: list[int]) -> None:
        """A listed file's signature, as stat gives it now."""
        at = self.at[path]
        self.signatures[4 * at : 4 * at + 4] = array("q", signature)
        self.held = None

    def add(self, path: str, signature: list[int]) -> None:
        """A data file a walk would now list, in its place."""
        name = path[self.prefix :].replace(os.sep, "/")
        source = listing.Source(path, name, path[len(self.data) + 1 :])
        at = bisect.bisect_left(self.sources, listing.order(name), key=lambda found: listing.order(found.name))
        self.sources.insert(at, source)
        self.signatures[4 * at : 4 * at] = array("q", signature)
        self._moved()

    def remove(self, path: str) -> None:
        """A listed file a walk would no longer list."""
        at = self.at[path]
        del self.sources[at]
        del self.signatures[4 * at : 4 * at + 4]
        self._moved()

    def _moved(self) -> None:
        self.at = {source.path: at for at, source in enumerate(self.sources)}
        self.listed = None
        self.held = None

    def tree(self) -> watched.Tree:
        """What runs take (made anew only when something changed)."""
        if self.listed is None:
            names = [source.name for source in self.sources]
            self.listed = list(self.sources), [source.path for source in self.sources], names, cache.names_digest(names)
        if self.held is None:
            sources, paths, names, key = self.listed
            self.held = watched.Tree(self.data, sources, paths, self.signatures.tobytes(), names, key)
        return self.held
