"""A server's watch on the repositories it holds (Linux inotify, `inotify_simple`), so that a run it forks
takes the data folder's listing and every file's stat signature from what the server holds (`check/watched.py`)
instead of walking the folder and stat'ing every file, and so that the cache tables it holds stay held
however recently a run wrote them.

Order makes it sound. Every folder of the data folder and every data file is watched first, then walked and
stat'ed: any change after that raises an event. The kernel queues an event in the very call that makes the
change, so once a client's write has returned its event is queued, and the server reads the queue empty
(`Root.drain()`) right before each fork. An event on a file's bytes or attributes (a write, a truncation,
`touch`, `chmod`) marks the file, which the server stats again; an event that can change the listing (a
data file or a folder created, removed or moved, a folder's attributes, a symbolic link made, the data
folder moved or replaced, the queue overflowing, the mount table changing) drops the hold, and runs walk
and stat as always until the server, idle again, watches the folder anew. What is held is what a walk and a
stat of every file would give at the moment of the drain.

Files are watched as well as folders, so that a write through another name of the same file (a hard link
elsewhere) is seen too. A hold is made only where inotify sees every change: a data folder on a local file
system (`LOCAL`) with no other file system mounted inside it, no symbolic link in it (where a link leads, no
watch follows) and nothing a walk refuses. Without `inotify_simple`, where inotify cannot be started or its
watch limit is reached, nothing is held and every run walks and stats as always. Writes through a shared
memory mapping raise no inotify event (as for every inotify watcher): a file changed only that way is seen
once its folder changes or the server watches anew.
"""

from __future__ import annotations

import contextlib
import os
import select
import stat
import time
from array import array
from pathlib import Path
from typing import Any

from seuranta.check import cache, watched
from seuranta.files import listing
from seuranta.model import config
from seuranta.server.holding import Holding

try:
    import inotify_simple
except ImportError:  # not installed, or not Linux: nothing is watched
    inotify_simple = None

LOCAL = frozenset({"ext2", "ext3", "ext4", "xfs", "btrfs", "tmpfs", "overlay", "f2fs", "zfs"})
"""File systems on which inotify sees every change (a network or FUSE file system changed elsewhere raises none)."""


def _flags(*names: str) -> int:
    found = 0
    for name in names:
        found |= int(getattr(inotify_simple.flags, name)) if inotify_simple is not None else 0
    return found


CONTENT = _flags("MODIFY", "ATTRIB", "CLOSE_WRITE")
STRUCTURE = _flags("CREATE", "DELETE", "MOVED_FROM", "MOVED_TO")
SELF = _flags("DELETE_SELF", "MOVE_SELF", "IGNORED", "UNMOUNT")
OVERFLOW = _flags("Q_OVERFLOW")
ISDIR = _flags("ISDIR")
FOLDER_MASK = STRUCTURE | _flags("ATTRIB", "DELETE_SELF", "MOVE_SELF", "ONLYDIR", "DONT_FOLLOW")
FILE_MASK = CONTENT | _flags("DELETE_SELF", "MOVE_SELF", "DONT_FOLLOW")
TABLES_MASK = CONTENT | STRUCTURE | _flags("DELETE_SELF", "MOVE_SELF", "ONLYDIR", "DONT_FOLLOW")


class NotHeld(Exception):
    """The folder cannot be held: runs walk and stat it as always."""


def available() -> bool:
    return inotify_simple is not None


def _notify() -> Any:
    if inotify_simple is None:
        raise NotHeld
    try:
        return inotify_simple.INotify(nonblocking=True)
    except OSError:
        raise NotHeld from None


def _events(notify: Any) -> list[Any]:
    """Every event queued, the queue read until empty (never waiting)."""
    found: list[Any] = []
    while True:
        try:
            read = notify.read(timeout=0)
        except (OSError, ValueError):
            raise NotHeld from None
        if not read:
            return found
        found += read


def _unescaped(field: str) -> str:
    """A mountinfo path field: spaces, tabs, newlines and backslashes are written as octal escapes."""
    return field.replace("\\040", " ").replace("\\011", "\t").replace("\\012", "\n").replace("\\134", "\\")


def mounts() -> list[tuple[str, str]]:
    """Every mount point of this process's mount namespace, with its file system type."""
    found = []
    with open("/proc/self/mountinfo", encoding="utf-8", errors="surrogateescape") as info:
        for line in info:
            fields = line.split()
            if "-" in fields[6:]:
                dash = fields.index("-", 6)
                found.append((_unescaped(fields[4]), fields[dash + 1]))
    return found


def _inside(path: str, folder: str) -> bool:
    return path == folder or path.startswith(folder.rstrip("/") + "/")


def local(folder: str) -> bool:
    """The folder is on a file system of `LOCAL`, and no other file system is mounted inside it."""
    real = os.path.realpath(folder)
    points = mounts()
    holding = max((point for point, _ in points if _inside(real, point)), key=len, default=None)
    if holding is None:
        return False
    kinds = {kind for point, kind in points if point == holding}
    inner = [point for point, _ in points if point != real and _inside(point, real)]
    return kinds <= LOCAL and not inner


class Mounts:
    """Whether the mount table changed since this was made (the kernel flags an open mountinfo)."""

    def __init__(self) -> None:
        self.file = open("/proc/self/mountinfo", "rb")  # noqa: SIM115 - kept open for the poll
        self.poll = select.poll()
        self.poll.register(self.file.fileno(), select.POLLPRI | select.POLLERR)

    def changed(self) -> bool:
        return bool(self.poll.poll(0))

    def close(self) -> None:
        self.file.close()


class Tables:
    """The cache folder, watched: the names of the files changed since the last `changed()`."""

    def __init__(self, folder: Path) -> None:
        if not folder.is_dir() or not local(str(folder)):
            raise NotHeld
        self.notify = _notify()
        try:
            self.wd = self.notify.add_watch(str(folder), TABLES_MASK)
        except OSError:
            self.notify.close()
            raise NotHeld from None
        self.events = 0

    def changed(self) -> set[str]:
        """The names with an event since the last call; NotHeld when the watch is lost (the folder moved or
        removed, the queue overflowed): what was held by it is then unproven."""
        names = set()
        for event in _events(self.notify):
            self.events += 1
            if event.mask & (SELF | OVERFLOW) or event.wd != self.wd:
                raise NotHeld
            names.add(event.name)
        return names

    def close(self) -> None:
        self.notify.close()


class Tree:
    """A data folder watched, walked and stat'ed, in that order; `drain()` keeps what is held current."""

    def __init__(self, root: Path, data: Path) -> None:
        self.data = str(data)
        self.mounts = Mounts()  # first: a mount made from now on is seen
        self.events = 0
        try:
            if not data.is_dir() or not local(self.data):
                raise NotHeld
            self.notify = _notify()
        except BaseException:
            self.mounts.close()
            raise
        try:
            self._hold(root, data)
        except BaseException:
            self.close()
            raise

    def _hold(self, root: Path, data: Path) -> None:
        self.folders: dict[int, str] = {}
        self.files: dict[int, set[str]] = {}  # a watched file's names (hard links in the folder share one watch)
        self.watches: dict[str, int] = {}  # the watch of each name
        self.identity = _identity(self.data)
        try:
            self._watch(self.data)
        except OSError:  # a folder that cannot be read, or the watch limit reached
            raise NotHeld from None
        refused: list[listing.Refused] = []
        walked = listing.Walked([], [])
        found = listing.data_sources(root, data, refused, walked)
        paths = [source.path for source in found]
        if not found or refused or walked.links or set(walked.folders) != set(self.folders.values()):
            raise NotHeld
        if not set(self.watches).issuperset(paths):
            raise NotHeld
        try:
            values = array("q", [value for path in paths for value in cache.signature(os.stat(path))])
        except OSError:
            raise NotHeld from None
        self.holding = Holding(str(root), self.data, found, values)

    def _watch(self, folder: str) -> None:
        """Watch the folder, then read it: each data file watched, each folder likewise; a link is refused."""
        self.folders[self.notify.add_watch(folder, FOLDER_MASK)] = folder
        with os.scandir(folder) as scan:
            entries = list(scan)
        for entry in entries:
            if entry.name.startswith("."):
                continue
            if entry.is_symlink():
                raise NotHeld
            if entry.is_dir(follow_symlinks=False):
                self._watch(entry.path)
            elif entry.name.endswith(listing.YAML_SUFFIXES):
                self._file(entry.path, self.notify.add_watch(entry.path, FILE_MASK))

    def _file(self, path: str, wd: int) -> None:
        """`path` is watched by `wd` from now on."""
        before = self.watches.get(path)
        if before is not None and before != wd:
            self.files[before].discard(path)
        self.watches[path] = wd
        self.files.setdefault(wd, set()).add(path)

    def drain(self) -> watched.Tree:
        """What is held, made current: every queued event read, the files they mark stat'ed again, the data
        files made or removed looked at. NotHeld when anything else may have changed the listing."""
        marked: set[str] = set()
        for event in _events(self.notify):
            self.events += 1
            marked.update(self._marks(event))
        if self.mounts.changed() or _identity(self.data) != self.identity:
            raise NotHeld
        for path in marked:
            if path in self.holding:
                try:
                    self.holding.stat(path, cache.signature(os.stat(path)))
                except OSError:
                    raise NotHeld from None
        return self.holding.tree()

    def _marks(self, event: Any) -> list[str]:
        """The listed files whose signature the event may have changed; NotHeld when the listing may have
        changed otherwise than by a data file made, removed or moved (those are looked at here)."""
        if event.mask & OVERFLOW:
            raise NotHeld
        if event.wd in self.files:
            return self._file_event(event)
        folder = self.folders.get(event.wd)
        if folder is None or event.mask & SELF:
            raise NotHeld  # the folder moved or removed
        if event.name.startswith("."):
            return []  # a hidden name: never walked
        path = os.path.join(folder, event.name) if event.name else folder
        if event.mask & ISDIR or not event.name:
            if event.mask & STRUCTURE or not _readable(path):
                raise NotHeld  # a folder made, removed or moved, or one a walk can no longer read
            return []  # a folder's times or mode, and a walk still reads it
        if event.mask & STRUCTURE and not _unlisted(event.name, path):
            self._look(path)
            return []
        return [path]

    def _file_event(self, event: Any) -> list[str]:
        """A watched file's bytes or attributes changed, or it is gone (its names' folders say so too)."""
        if event.mask & _flags("UNMOUNT"):
            raise NotHeld
        names = self.files[event.wd]
        if event.mask & _flags("IGNORED"):  # the file is gone (its folder's event may come later): look again
            del self.files[event.wd]
            for path in [path for path in names if self.watches.get(path) == event.wd]:
                del self.watches[path]
                self._look(path)
        return list(names)

    def _look(self, path: str) -> None:
        """A data file's name made, removed or moved: what a walk would list there now, watched first."""
        try:
            wd: int | None = self.notify.add_watch(path, FILE_MASK)
        except FileNotFoundError:
            wd = None
        except OSError:
            raise NotHeld from None
        if wd is not None:
            self.files.setdefault(wd, set())  # whatever it watches, its events are known
        try:
            found = os.lstat(path)
        except FileNotFoundError:
            if path in self.holding:
                self.holding.remove(path)
                self.files.get(self.watches.pop(path, -1), set()).discard(path)
            return
        except OSError:
            raise NotHeld from None
        if wd is None or not stat.S_ISREG(found.st_mode):
            raise NotHeld  # a link, a folder or a special file under a data file's name
        self._file(path, wd)
        if path in self.holding:
            self.holding.stat(path, cache.signature(found))
        else:
            self.holding.add(path, cache.signature(found))

    def close(self) -> None:
        with contextlib.suppress(OSError):
            self.notify.close()
        self.mounts.close()


def _identity(folder: str) -> tuple[int, int]:
    """The folder's device and inode: the same folder while these are (a moved ancestor moves no watch)."""
    try:
        found = os.stat(folder)
    except OSError:
        raise NotHeld from None
    return found.st_dev, found.st_ino


def _readable(folder: str) -> bool:
    """A walk reads the folder and what is in it: it opens, and a name in it is looked up."""
    try:
        with os.scandir(folder):
            pass
        os.stat(os.path.join(folder, "."))
    except OSError:
        return False
    return True


def _unlisted(name: str, path: str) -> bool:
    """A name made, removed or moved that a walk would not list and that is no link: a hidden name, or another
    file than a data file (an editor's backup or swap file)."""
    if name.startswith("."):
        return True
    if name.endswith(listing.YAML_SUFFIXES):
        return False
    try:
        return not stat.S_ISLNK(os.lstat(path).st_mode)
    except FileNotFoundError:
        return True
    except OSError:
        return False


RETRY_SECONDS = (0.25, 60.0)  # after a failed hold, the first and the longest wait before the next (doubling)
SHARE = 10  # after a dropped hold, the wait is this many times what watching the folder took (and RETRY_SECONDS[0])


class Root:
    """What a server watches of one repository: the cache folder, so that the tables it holds stay held while
    no event touches them, and the data folder (`Tree`), whose listing and signatures runs take."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.folder = root / cache.FOLDER
        self.tables: Tables | None = None
        self.tree: Tree | None = None
        self.events = 0
        self.wait = 0.0  # how long to wait before trying to hold the data folder again
        self.tried = float("-inf")  # when it was last tried, or dropped (time.monotonic())
        self.took = 0.0  # how long watching the data folder took, the last time it was watched

    def drain(self) -> bool:
        """Read every queued event: a table touched is no longer held (`cache.release()`), the data folder's
        hold made current or dropped. True when the cache folder is watched (a table read now stays held
        until an event touches it)."""
        if self.tables is not None:
            try:
                touched = self.tables.changed()
            except NotHeld:
                self._drop_tables()
            else:
                if touched:
                    cache.release(lambda path: path.parent != self.folder or not _touched(path, touched))
        if self.tree is not None:
            try:
                watched.hold(self.tree.drain())
            except NotHeld:
                self._drop_tree()
        return self.tables is not None

    def watch(self, now: float) -> None:
        """Watch what is not watched yet (the server is idle: this walks and stats the data folder once)."""
        if self.tables is None:
            with contextlib.suppress(NotHeld):
                self.tables = Tables(self.folder)
        if self.tree is not None or now - self.tried < self.wait:
            return
        self.tried = now
        try:
            self.tree = Tree(self.root, self.root / _data_folder(self.root))
        except Exception:  # NotHeld, or what a folder no walk reads raises (too deep, say)
            self.wait = min(max(2 * self.wait, RETRY_SECONDS[0]), RETRY_SECONDS[1])
            return
        self.took = time.monotonic() - now
        self.drain()

    def held(self) -> bool:
        return self.tree is not None

    def names(self) -> list[str] | None:
        """The names of the data folder's files, as a walk lists them now, when the watch holds them."""
        return self.tree.holding.tree().names if self.tree is not None else None

    def fds(self) -> list[int]:
        """The descriptors the watches hold (a forked child closes them)."""
        found = [self.tables.notify.fileno()] if self.tables is not None else []
        if self.tree is not None:
            found += [self.tree.notify.fileno(), self.tree.mounts.file.fileno()]
        return found

    def counted(self) -> int:
        """How many events were read of this repository's watches."""
        return self.events + sum(w.events for w in (self.tables, self.tree) if w is not None)

    def _drop_tables(self) -> None:
        assert self.tables is not None
        self.events += self.tables.events
        self.tables.close()
        self.tables = None
        cache.release(lambda path: path.parent != self.folder)

    def _drop_tree(self) -> None:
        """Hold nothing of the data folder: runs walk and stat it until it is watched anew, after a wait that
        keeps watching it again (a walk and a stat of every file) to a tenth of the server's time however often
        the folder changes (a checkout of a branch makes events for a while)."""
        assert self.tree is not None
        self.wait = max(RETRY_SECONDS[0], SHARE * self.took)
        self.tried = time.monotonic()
        watched.release(self.tree.data)
        self.events += self.tree.events
        self.tree.close()
        self.tree = None

    def close(self) -> None:
        if self.tables is not None:
            self._drop_tables()
        if self.tree is not None:
            self._drop_tree()


def _touched(table: Path, names: set[str]) -> bool:
    return table.name in names or table.with_suffix(".log").name in names


def _data_folder(root: Path) -> str:
    """The data folder the repository's configuration names (NotHeld when it cannot be read)."""
    try:
        return str(config.load(root).config.data)
    except Exception:
        raise NotHeld from None
