"""The `seuranta` command: a server of this code runs the command line if one answers
(`seuranta.server`), else this process does. Only the standard library is imported before that is known."""

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

    return run(args)


if __name__ == "__main__":
    raise SystemExit(main())
