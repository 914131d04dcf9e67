"""The `seuranta` command: a server of this code runs the command line if one answers
(`seuranta.server`), else this process does. Only the standard library is imported before that is known."""

import os
import sys


def main(argv: list[str] | None = None, *, start: bool = False) -> int:
    """Run `argv` (default: this process's arguments) in a server, else here; `start` starts a server in
    the background for the next run when none answers (unless `SEURANTA_SERVER=0` or under CI)."""
    args = list(sys.argv[1:] if argv is None else argv)
    if args[:1] != ["server"]:
        from seuranta.server.client import forward

        code = forward(args, start=start)
        if code is not None:
            return code
    from seuranta.cli import main as run

    code = run(args)
    if argv is None:
        _end(code)
    return code


def _end(code: int) -> None:
    """End this process, run for its own command line, as a served run ends (`server.daemon`): the exit
    handlers run and the streams are flushed (a closed pipe is 120, as Python's own exit makes it), but the
    objects the run made are not taken apart one by one; the system frees the memory at once. Not while
    another thread runs, which the interpreter would wait for."""
    import threading

    from seuranta.server import ending

    if threading.active_count() > 1:
        return
    os._exit(ending.finished(code))


if __name__ == "__main__":
    raise SystemExit(main())
