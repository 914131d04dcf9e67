"""The server: imports the package once, listens on a Unix socket in the user's own folder, and runs each
client's command line in a forked child that takes the client's place (its argument vector, folder,
environment, umask and standard streams) and calls the same `main(argv)` a fresh process calls.

The parent keeps no state of any run: it accepts, checks the peer's uid, reads the request, forks, and
reports the child's wait status to the client. It passes the signals a client forwards to the child's
process group (a client that goes away hangs the child up), and exits after an idle time or as soon as
the package's files change (`place.code_key()`).
"""

from __future__ import annotations

import contextlib
import fcntl
import gc
import importlib
import io
import locale
import os
import selectors
import signal
import socket
import sys
import time
import traceback
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, NamedTuple

from seuranta.check import cache, listed, standins
from seuranta.files.repo import find_root
from seuranta.server import ending, place, protocol, watch

Run = Callable[[Sequence[str]], int]
CHECK_SECONDS = 2.0  # how often the package's files are looked at
WATCH_SECONDS = 0.5  # how often an idle server reads its watches' events (and watches anew what it dropped)
REQUEST_SECONDS = 5.0  # a client has this long to send its request, and to confirm a start
WRITE_SECONDS = 10.0  # a stopping server waits this long for children that have reported and are writing
BACKLOG = 16
HELD_ROOTS = 4  # the repositories whose cache tables are held
HELD_TABLES = [cache.STATE_FILE, cache.SUMMARIES_FILE, listed.LISTING_FILE]  # one row each, read by every run


class Config(NamedTuple):
    folder: str
    key: str
    idle_seconds: float


class Child(NamedTuple):
    pid: int
    pidfd: int
    conn: socket.socket
    going: int  # read end of a pipe the child closes once it has read the client's go
    report: int  # read end of a pipe the child writes its exit code to before it writes the cache


def preload() -> None:
    """Import every module of the package (the rules' patterns are compiled at import), as a run would."""
    package = Path(place.PACKAGE)
    for path in sorted(package.rglob("*.py")):
        parts = path.relative_to(package.parent).with_suffix("").parts
        if "__main__" in parts or parts[1:2] == ("server",):
            continue
        name = ".".join(parts).removesuffix(".__init__")
        try:
            importlib.import_module(name)
        except Exception:
            continue
    _warm()


def _warm() -> None:
    """What every run computes from the package's own files alone, computed once: the digest of the code
    (the cache's stamp) and the compiled schemas. A run served is of the code whose signatures name the
    socket, so these are its own."""
    from seuranta.check import cache, schema
    from seuranta.model.resources import schemas_dir

    cache.code_digest()
    for path in sorted(schemas_dir().glob("*.schema.json")):
        schema._fast(path.name)


def listen(config: Config) -> tuple[socket.socket, int] | None:
    """The bound socket and the held lock, or None when another server of this code holds the lock."""
    lock = _locked(place.lock_path(config.folder, config.key))
    if lock is None:
        return None
    path = place.socket_path(config.folder, config.key)
    with contextlib.suppress(FileNotFoundError):  # a socket left by a killed server: the lock shows none holds it
        os.unlink(path)
    listener = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    listener.bind(path)
    os.chmod(path, 0o600)
    listener.listen(BACKLOG)
    return listener, lock


def _locked(path: str) -> int | None:
    """The lock file, locked; None when another server holds it. A lock taken on a file that an exiting
    server removed meanwhile is taken again on the new one."""
    for _ in range(3):
        lock = os.open(path, os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, 0o600)
        try:
            fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            os.close(lock)
            return None
        try:
            if os.fstat(lock).st_ino == os.stat(path).st_ino:
                return lock
        except OSError:
            pass
        os.close(lock)
    return None


def serve(run: Run, config: Config, ready: Callable[[str], None] | None = None) -> int:
    """Serve until idle or the code changes; 0, or 1 when another server of this code already listens."""
    before = dict(os.environb)
    preload()
    added = {name: value for name, value in os.environb.items() if name not in before}
    bound = listen(config)
    if bound is None:
        return 1
    listener, lock = bound
    started_in = _root(os.fsencode(os.getcwd()))
    os.chdir("/")  # hold no folder of whoever started it; each child goes to its client's
    gc.freeze()  # the imported package is never collected: its pages stay shared with every child
    loop = _Loop(run, config, listener, lock, added)
    if started_in is not None:  # the repository it was started in (the hook starts it there) is watched at once
        loop.roots.append(started_in)
    if ready is not None:
        ready(place.socket_path(config.folder, config.key))
    try:
        loop.run()
    finally:
        loop.close()
    return 0


class _Loop:
    def __init__(self, run: Run, config: Config, listener: socket.socket, lock: int, added: dict[bytes, bytes]):
        self.run_cli = run
        self.config = config
        self.listener = listener
        self.lock = lock
        self.added = added
        self.path = place.socket_path(config.folder, config.key)
        self.inode = os.stat(self.path).st_ino
        self.selector = selectors.DefaultSelector()
        self.selector.register(listener, selectors.EVENT_READ, self._accept)
        self.children: dict[int, Child] = {}
        self.waiting: set[int] = set()  # children whose `going` pipe is still open
        self.answered: set[int] = set()  # children whose client has its exit code (they may still write)
        self.started = time.time()
        self.runs = 0
        self.last = time.monotonic()
        self.stopping = False
        self.stopped: float | None = None  # when it began to stop
        self.roots: list[Path] = []  # the repositories served lately, latest first
        self.watching: dict[Path, watch.Root] = {}  # what is watched of each of them
        self.watched_runs = 0  # runs forked while their repository's data folder was held by a watch

    def run(self) -> None:
        signal.signal(signal.SIGTERM, lambda *_: self._stop())
        signal.signal(signal.SIGHUP, lambda *_: self._stop())
        checked = refreshed = time.monotonic()
        self._refresh(idle=True)
        while not self.stopping or self.children:
            for key, _ in self.selector.select(WATCH_SECONDS):
                key.data(key.fileobj)
            now = time.monotonic()
            self._end_writers(now)
            if not self.children and now - self.last > self.config.idle_seconds:
                self._stop()
            if now - checked >= CHECK_SECONDS:
                checked = now
                if not self.stopping and place.code_key() != self.config.key:
                    self._stop()
            if not self.stopping and not self.children and now - refreshed >= WATCH_SECONDS:
                refreshed = now
                self._refresh(idle=True)

    def _hold(self, cwd: object) -> None:
        """The cache tables every run of the repository at `cwd` reads first, read before the fork while
        they are proven unchanged (`cache.hold()`), so that the run does not decode them again; and what
        the watch holds of its data folder, made current (`watch.Root.drain()`)."""
        root = _root(cwd)
        if root is None:
            return
        if root in self.roots:
            self.roots.remove(root)
        self.roots = [root, *self.roots][:HELD_ROOTS]
        self._refresh()
        if root in self.watching and self.watching[root].held():
            self.watched_runs += 1

    def _refresh(self, *, idle: bool = False) -> None:
        """Renew what is held of the recent repositories, and forget the others. Every watch's events are read
        first; a table is held once it is older than the racy window, or at once when its folder is watched.
        When `idle` (no child runs), what is not watched yet is watched (this walks a data folder), and the index
        of a watched tree's stand-in documents is built for the runs to come (`standins.prepare()`)."""
        now = time.time_ns()
        try:
            for root in self.roots:
                watching = self.watching.setdefault(root, watch.Root(root))
                if idle:
                    watching.watch(time.monotonic())
                cache.hold(root, HELD_TABLES, now, watched=watching.drain())
                names = watching.names()
                if idle and names is not None:
                    standins.prepare(root, names)
            for root in [root for root in self.watching if root not in self.roots]:
                self.watching.pop(root).close()
            cache.release(lambda path: any(path.is_relative_to(root) for root in self.roots))
            standins.release(lambda root: root in self.roots)
        except Exception:
            self._unwatch()
        gc.freeze()  # held rows, like the package, stay shared with the children

    def _unwatch(self) -> None:
        """Hold nothing (on an error, and when stopping)."""
        for watching in self.watching.values():
            watching.close()
        self.watching.clear()
        cache.release(lambda _path: False)
        standins.release(lambda _root: False)

    def _end_writers(self, now: float) -> None:
        """A stopping server does not wait for ever on children whose clients have their answer: those still
        writing the cache after `WRITE_SECONDS` are killed (a write is complete or not done at all)."""
        if not self.stopping:
            return
        if self.stopped is None:
            self.stopped = now
        if now - self.stopped < WRITE_SECONDS:
            return
        for pid in self.answered & set(self.children):
            _kill(pid, signal.SIGKILL)

    def _stop(self) -> None:
        """Take the socket away (only if it is still this server's), let running children finish."""
        if self.stopping:
            return
        self.stopping = True
        with contextlib.suppress(KeyError, ValueError):
            self.selector.unregister(self.listener)
        try:
            if os.stat(self.path).st_ino == self.inode:
                os.unlink(self.path)
        except OSError:
            pass
        self.listener.close()

    def close(self) -> None:
        """Stop, and remove the lock and log files while still holding the lock (`_locked()`)."""
        self._stop()
        self._unwatch()
        self.selector.close()
        for path in (
            place.lock_path(self.config.folder, self.config.key),
            place.log_path(self.config.folder, self.config.key),
        ):
            with contextlib.suppress(OSError):
                os.unlink(path)
        os.close(self.lock)

    def _parent_fds(self) -> list[int]:
        fds = [self.listener.fileno(), self.lock, self.selector.fileno()]
        fds += [fd for watching in self.watching.values() for fd in watching.fds()]
        for child in self.children.values():
            fds += [child.pidfd, child.conn.fileno()]
            fds += [child.going] if child.pid in self.waiting else []
            fds += [child.report] if child.pid not in self.answered else []
        return [fd for fd in fds if fd >= 0]

    def _accept(self, _listener: Any) -> None:
        try:
            conn, _ = self.listener.accept()
        except OSError:
            return
        try:
            if not _same_user(conn):
                conn.close()
                return
            conn.settimeout(REQUEST_SECONDS)
            request, fds = _receive(conn)
        except (OSError, ValueError, EOFError, TypeError):
            conn.close()
            return
        try:
            kind = request.get("kind")
            if kind == "run" and len(fds) == protocol.FDS and not self.stopping:
                self.last = time.monotonic()  # idle means no command line run: `status` keeps no server alive
                self._hold(request.get("cwd"))
                self._fork(conn, request, fds)
                return
            if kind in ("status", "stop"):
                info = {
                    "pid": os.getpid(),
                    "started": self.started,
                    "runs": self.runs,
                    "path": self.path,
                    "watching": sorted(w.tree.data for w in self.watching.values() if w.tree is not None),
                    "watched_runs": self.watched_runs,
                    "events": sum(watching.counted() for watching in self.watching.values()),
                }
                conn.sendall(protocol.INFO + protocol.framed(info))
                if kind == "stop":
                    self._stop()
        except OSError:
            pass
        finally:
            for fd in fds:
                os.close(fd)
        if conn.fileno() >= 0 and not any(child.conn is conn for child in self.children.values()):
            conn.close()

    def _fork(self, conn: socket.socket, request: dict[str, Any], fds: list[int]) -> None:
        inherited = self._parent_fds()
        going, gone = os.pipe()
        report, reporting = os.pipe()
        pid = os.fork()
        if pid == 0:  # the child: never returns
            code = 70
            try:
                for fd in [*inherited, going, report]:
                    os.close(fd)
                code = _child(self.run_cli, conn, request, fds, self.added, gone, reporting)
            except KeyboardInterrupt:  # after the run: ended by the signal, as the interpreter would be
                signal.signal(signal.SIGINT, signal.SIG_DFL)
                os.kill(os.getpid(), signal.SIGINT)
            finally:
                os._exit(code)
        os.close(gone)
        os.close(reporting)
        with contextlib.suppress(OSError):
            os.setpgid(pid, pid)
        self.runs += 1
        pidfd = os.pidfd_open(pid)
        child = Child(pid, pidfd, conn, going, report)
        self.children[pid] = child
        self.selector.register(pidfd, selectors.EVENT_READ, lambda _: self._reap(child))
        self.waiting.add(pid)
        self.selector.register(going, selectors.EVENT_READ, lambda _: self._going(child))
        self.selector.register(report, selectors.EVENT_READ, lambda _: self._reported(child))

    def _going(self, child: Child) -> None:
        """The child has read the client's go: from now on what the client sends is signals."""
        self.waiting.discard(child.pid)
        self.selector.unregister(child.going)
        os.close(child.going)
        child.conn.setblocking(False)
        self.selector.register(child.conn, selectors.EVENT_READ, lambda _: self._signal(child))

    def _signal(self, child: Child) -> None:
        """Signals the client forwards, to the child's process group; the client gone hangs the child up."""
        if child.pid not in self.children:
            return  # reaped in this same round of events
        try:
            data = child.conn.recv(4096)
        except BlockingIOError:
            return
        except OSError:
            data = b""
        if not data:
            self.selector.unregister(child.conn)
            _kill(child.pid, signal.SIGHUP)
            return
        for start in range(0, len(data) - len(data) % 4, 4):
            number = protocol.read_number(data[start : start + 4])
            if number in _FORWARDED:
                _kill(child.pid, number)

    def _reported(self, child: Child) -> None:
        """The child's exit code, sent before it writes the cache: the client ends with it now. (A child
        that ends without one, by a signal or a crash, is answered when reaped.)"""
        if child.pid not in self.children or child.pid in self.answered:
            return  # reaped in this same round of events
        try:
            data = os.read(child.report, 4)
        except OSError:
            data = b""
        self.selector.unregister(child.report)
        os.close(child.report)
        self.answered.add(child.pid)
        if len(data) == 4:
            self._answer(child, protocol.read_number(data))

    def _answer(self, child: Child, code: int) -> None:
        """Send the client the exit code and let it go: what it sends from now on is not read."""
        if child.conn.fileno() < 0:
            return
        if _registered(self.selector, child.conn):
            self.selector.unregister(child.conn)
        try:
            child.conn.setblocking(True)
            child.conn.settimeout(REQUEST_SECONDS)
            child.conn.sendall(protocol.number(protocol.EXITED, code))
        except OSError:
            pass
        child.conn.close()

    def _reap(self, child: Child) -> None:
        _, status = os.waitpid(child.pid, 0)
        self.selector.unregister(child.pidfd)
        os.close(child.pidfd)
        if child.pid in self.waiting:
            self.waiting.discard(child.pid)
            self.selector.unregister(child.going)
            os.close(child.going)
        if child.pid not in self.answered:
            self.selector.unregister(child.report)
            os.close(child.report)
        self.answered.discard(child.pid)
        self._answer(child, os.waitstatus_to_exitcode(status))
        del self.children[child.pid]
        self.last = time.monotonic()
        if not self.children and not self.stopping:
            self._refresh(idle=True)  # the tables the child wrote, read again now rather than by the next run


_FORWARDED = {signal.SIGINT, signal.SIGTERM, signal.SIGHUP, signal.SIGQUIT}


def _root(cwd: object) -> Path | None:
    """The repository a run in the folder `cwd` (bytes) is of."""
    try:
        return find_root(Path(os.fsdecode(bytes(cwd))))  # type: ignore[call-overload]
    except (OSError, TypeError, ValueError):
        return None


def _registered(selector: selectors.BaseSelector, conn: socket.socket) -> bool:
    try:
        selector.get_key(conn)
    except (KeyError, ValueError):
        return False
    return True


def _kill(pid: int, number: int) -> None:
    with contextlib.suppress(OSError):
        os.killpg(pid, number)


def _same_user(conn: socket.socket) -> bool:
    import struct

    creds = conn.getsockopt(socket.SOL_SOCKET, socket.SO_PEERCRED, struct.calcsize("3i"))
    _pid, uid, _gid = struct.unpack("3i", creds)
    return bool(uid == os.getuid())


def _receive(conn: socket.socket) -> tuple[dict[str, Any], list[int]]:
    """One request and the descriptors sent with it (closed again if the request is unreadable)."""
    fds: list[int] = []
    data, ancillary, _flags, _ = conn.recvmsg(1 << 16, socket.CMSG_SPACE(protocol.FDS * 4))
    for level, kind, payload in ancillary:
        if level == socket.SOL_SOCKET and kind == socket.SCM_RIGHTS:
            usable = len(payload) - len(payload) % 4
            fds += list(memoryview(payload[:usable]).cast("i"))
    try:
        while len(data) < 4:
            data += _more(conn)
        size = protocol.length(data[:4])
        while len(data) < 4 + size:
            data += _more(conn)
        return protocol.decoded(data[4 : 4 + size]), fds
    except BaseException:
        for fd in fds:
            os.close(fd)
        raise


def _more(conn: socket.socket) -> bytes:
    data = conn.recv(1 << 16)
    if not data:
        raise EOFError
    return data


# --- the child --------------------------------------------------------------------------------------------


def _child(
    run: Run,
    conn: socket.socket,
    request: dict[str, Any],
    fds: list[int],
    added: dict[bytes, bytes],
    gone: int,
    reporting: int,
) -> int:
    """Take the client's place, confirm the start, run `main(argv)`, report: the exit code. `gone` is closed
    once the client's go is read, so that the parent reads the connection only after that; the exit code
    is written to `reporting` once the output is out, and the cache written after that."""
    os.setpgid(0, 0)
    for number in _FORWARDED:
        signal.signal(number, signal.SIG_DFL)
    signal.signal(signal.SIGINT, signal.default_int_handler)
    try:
        argv = _place(request, fds, added)
        conn.sendall(protocol.number(protocol.STARTED, os.getpid()))
        go = conn.recv(4)  # the client's go: without it (it gave up waiting) nothing runs
        if len(go) != 4 or protocol.read_number(go) != 0:
            return 0
    except Exception:
        return 0
    finally:
        conn.close()
        os.close(gone)
    cache.defer_writes()
    code = _main(run, argv)
    _report(code, reporting)
    return code


def _report(code: int, reporting: int) -> None:
    """Let the client go before writing the cache: its standard streams closed here (a reader of its output
    sees the end), the exit code sent; then the writes the run put off (`cache.after_report()`), each
    complete or not done at all."""
    sys.stdout = sys.stderr = sys.__stdout__ = sys.__stderr__ = io.TextIOWrapper(io.BytesIO())  # type: ignore[misc]
    null = os.open(os.devnull, os.O_RDWR)
    for fd in range(protocol.FDS):
        os.dup2(null, fd)
    os.close(null)
    with contextlib.suppress(OSError):
        os.write(reporting, protocol.number(b"", code))
    os.close(reporting)
    for write in cache.deferred():
        try:
            with cache.collector_paused():
                write()
        except Exception:
            continue


def _place(request: dict[str, Any], fds: list[int], added: dict[bytes, bytes]) -> list[str]:
    argv = [str(arg) for arg in request["argv"]]
    for fd, passed in enumerate(fds):
        os.dup2(passed, fd)
        os.close(passed)
    os.chdir(bytes(request["cwd"]))
    os.umask(int(request["umask"]))
    os.environb.clear()
    os.environb.update({bytes(k): bytes(v) for k, v in dict(request["env"]).items()})
    for name, value in added.items():  # what importing the package sets, as a fresh process would have it
        os.environb.setdefault(name, value)
    with contextlib.suppress(locale.Error):
        locale.setlocale(locale.LC_CTYPE, "")
    streams = [_stream(fd, tuple(spec)) for fd, spec in enumerate(request["streams"])]
    sys.stdin, sys.stdout, sys.stderr = streams
    sys.__stdin__, sys.__stdout__, sys.__stderr__ = streams  # type: ignore[misc]
    sys.argv = [str(request["argv0"]), *argv]
    return argv


def _stream(fd: int, spec: tuple[Any, ...]) -> io.TextIOWrapper:
    """A standard stream over the client's descriptor, with the client's encoding, errors and buffering."""
    encoding, errors, line_buffering, write_through = spec
    raw = io.FileIO(fd, "r" if fd == 0 else "w", closefd=False)
    buffered: io.BufferedReader | io.BufferedWriter = io.BufferedReader(raw) if fd == 0 else io.BufferedWriter(raw)
    return io.TextIOWrapper(
        buffered,
        encoding=str(encoding),
        errors=str(errors),
        newline="\n",
        line_buffering=bool(line_buffering),
        write_through=bool(write_through),
    )


def _main(run: Run, argv: list[str]) -> int:
    """`main(argv)` as the console script runs it, ended as the interpreter ends: exit handlers, then the
    streams flushed (a closed pipe is 120, as Python's own exit makes it)."""
    try:
        code = run(argv)
    except SystemExit as done:
        code = done.code if isinstance(done.code, int) else (0 if done.code is None else 1)
    except KeyboardInterrupt:
        traceback.print_exc()
        ending.flushed()
        signal.signal(signal.SIGINT, signal.SIG_DFL)
        os.kill(os.getpid(), signal.SIGINT)
        code = 130
    except BaseException:
        traceback.print_exc()
        code = 1
    return ending.finished(code)
