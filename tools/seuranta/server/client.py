"""The client: hands a command line to the server of this code, if one answers.

`forward()` returns None whenever the run did not start in a server (none listening, `SEURANTA_SERVER=0`,
an unsafe folder, any error before the server confirmed the start): the caller then runs the command
itself, so a server never makes a run worse. Once the server has started the run, the client waits for
its exit code, passes on the signals it receives (Ctrl-C reaches the child), and ends as the child
ended: with its exit code, or by the signal that ended it.

Only modules Python has loaded before `main` runs, or that are built in, are imported here.
"""

import _signal
import _socket
import os
import sys
from _struct import pack

from seuranta.server import place, protocol

TYPE_CHECKING = False  # typing costs the entry point 15 ms
if TYPE_CHECKING:
    from typing import Any

CONNECT_SECONDS = 10.0  # how long a server may take to confirm a start before the client runs it itself
_FORWARDED = (_signal.SIGINT, _signal.SIGTERM, _signal.SIGHUP, _signal.SIGQUIT)


def forward(argv: list[str], *, start: bool = False) -> int | None:
    """The exit code of `argv` run by a server, or None when no server ran it (with `start`, one is
    started in the background for the next run)."""
    if os.environ.get("SEURANTA_SERVER") == "0":
        return None
    try:
        where = place.folder()
        key = place.code_key()
        conn = connect(where, key)
    except (OSError, place.Unsafe):
        conn = None
    if conn is None:
        if start and not os.environ.get("CI"):
            try:  # noqa: SIM105 - contextlib costs the entry point 7 ms
                spawn(where, key)
            except (OSError, place.Unsafe):
                pass
        return None
    try:
        return _run(conn, argv)
    finally:
        conn.close()


def connect(where: str, key: str) -> _socket.socket | None:
    """A connection to the server of `key`, after checking the folder and the socket are this user's."""
    place.checked(where)
    path = place.socket_path(where, key)
    try:
        found = os.lstat(path)
    except FileNotFoundError:
        return None
    if (found.st_mode & 0o170000) != 0o140000 or found.st_uid != os.getuid():
        return None
    conn = _socket.socket(_socket.AF_UNIX, _socket.SOCK_STREAM)
    conn.settimeout(CONNECT_SECONDS)
    try:
        conn.connect(path)
    except OSError:
        conn.close()
        return None
    return conn


def ask(conn: _socket.socket, kind: str) -> "dict[str, Any]":
    """A `status` or `stop` request's answer."""
    conn.sendall(protocol.framed({"kind": kind}))
    head = _exactly(conn, 5)
    if head[:1] != protocol.INFO:
        raise OSError("unexpected answer")
    body = _exactly(conn, protocol.length(head[1:5]))
    return protocol.decoded(body)


def request() -> "dict[str, Any]":
    streams = []
    for stream in (sys.stdin, sys.stdout, sys.stderr):
        if stream is None:
            raise OSError("a standard stream is closed")
        streams.append(
            (stream.encoding, stream.errors, stream.line_buffering, bool(getattr(stream, "write_through", False)))
        )
    for fd in range(protocol.FDS):
        os.fstat(fd)
    umask = os.umask(0o22)
    os.umask(umask)
    return {
        "kind": "run",
        "argv0": sys.argv[0] if sys.argv else "seuranta",
        "cwd": os.getcwdb(),
        "env": dict(os.environb),
        "umask": umask,
        "streams": streams,
    }


def _run(conn: _socket.socket, argv: list[str]) -> int | None:
    try:
        message = request()
        message["argv"] = list(argv)
        data = protocol.framed(message)
        rights = [(_socket.SOL_SOCKET, _socket.SCM_RIGHTS, pack("3i", 0, 1, 2))]
        sent = conn.sendmsg([data], rights)
        conn.sendall(data[sent:])
        head = _exactly(conn, 5)
        if head[:1] != protocol.STARTED:
            return None  # the child could not take this process's place: nothing ran
        conn.sendall(protocol.number(b"", 0))  # go
    except (OSError, EOFError, ValueError):
        return None
    return _wait(conn)


def _wait(conn: _socket.socket) -> int:
    """The child's exit code; a child ended by a signal ends this process by the same signal."""
    conn.settimeout(None)

    def passed(number: int, _frame: "Any") -> None:
        try:  # noqa: SIM105 - contextlib costs the entry point 7 ms
            conn.sendall(protocol.number(b"", number))
        except OSError:
            pass

    previous = {number: _signal.signal(number, passed) for number in _FORWARDED}
    try:
        head = _exactly(conn, 5)
    except (OSError, EOFError):
        head = b""
    finally:
        for number, handler in previous.items():
            _signal.signal(number, handler)
    if head[:1] != protocol.EXITED:
        sys.stderr.write("seuranta: the server ended before the run did\n")
        return 3
    code = protocol.read_number(head[1:5])
    if code >= 0:
        return code
    sys.stdout.flush()
    sys.stderr.flush()
    try:  # noqa: SIM105 - contextlib costs the entry point 7 ms
        _signal.signal(-code, _signal.SIG_DFL)
    except (OSError, ValueError):
        pass  # SIGKILL and SIGSTOP have no handler to reset
    os.kill(os.getpid(), -code)
    return 128 - code


def _exactly(conn: _socket.socket, size: int) -> bytes:
    data = b""
    while len(data) < size:
        more = conn.recv(size - len(data))
        if not more:
            raise EOFError
        data += more
    return data


# The server's process: the package's folder first on its path, in place of the current folder `-c` puts
# there (a child works in its client's folder, where no module is looked for).
BOOT = "import sys; sys.path[0] = sys.argv.pop(1); from seuranta.cli import main; raise SystemExit(main(sys.argv[1:]))"


def spawn(where: str, key: str, idle: float | None = None) -> int:
    """Start a server in the background, in its own session, its output in `<key>.log`: its pid."""
    place.made(where)
    log = place.log_path(where, key)
    argv = [sys.executable, "-c", BOOT, os.path.dirname(place.PACKAGE), "server", "run"]
    if idle is not None:
        argv += ["--idle", str(idle)]
    env = dict(os.environ)
    env["SEURANTA_SERVER"] = "0"
    actions = [
        (os.POSIX_SPAWN_OPEN, 0, os.devnull, os.O_RDONLY, 0),
        (os.POSIX_SPAWN_OPEN, 1, os.devnull, os.O_WRONLY, 0),
        (os.POSIX_SPAWN_OPEN, 2, log, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600),
    ]
    return os.posix_spawn(sys.executable, argv, env, file_actions=actions, setsid=True)
