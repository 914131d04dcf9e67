"""`seuranta server start|stop|status|run`: the resident server that runs command lines in forked
children of a process that has already imported the package (`seuranta.server`)."""

from __future__ import annotations

import datetime
import sys
import time
from collections.abc import Callable, Sequence
from typing import NamedTuple

from seuranta.model.errors import Exit, UsageError
from seuranta.model.problem import Message
from seuranta.reporters.escaping import terminal
from seuranta.server import client, daemon, place

IDLE_SECONDS = 15 * 60.0
START_SECONDS = 60.0  # how long `start` waits for the server to listen (it imports the package first)

LISTENING = Message(
    "Palvelin kuuntelee: {path} (prosessi {pid}, käynnissä {since} alkaen, {runs} ajoa).",
    "The server listens at {path} (pid {pid}, since {since}, {runs} runs).",
)
WATCHING = Message(
    "Valvottuja datakansioita {folders}; valvonnan tiedoista palveltuja ajoja {runs}; luettuja muutostapahtumia {events}.",
    "Data folders watched: {folders}; runs served from what the watch holds: {runs}; change events read: {events}.",
)
STARTED = Message("Palvelin käynnistyi: {path}", "The server started: {path}")
NOT_RUNNING = Message("Tämän koodin palvelin ei ole käynnissä.", "No server of this code is running.")
STOPPED = Message("Palvelin pysäytetty (prosessi {pid}).", "The server stopped (pid {pid}).")
FAILED = Message(
    "Palvelin ei käynnistynyt {seconds} sekunnissa; katso {log}",
    "The server did not start within {seconds} seconds; see {log}",
)
UNSAFE = Message(
    "Palvelimen kansio {path} ei ole vain sinun (omistaja ja oikeudet 0700); palvelinta ei käytetä.",
    "The server folder {path} is not yours alone (owner and mode 0700); no server is used.",
)
NO_IDLE = Message("--idle: anna sekunnit, suurempi kuin 0.", "--idle: give the seconds, more than 0.")


class Options(NamedTuple):
    action: str  # start, stop, status, run
    idle: float
    lang: str
    run: Callable[[Sequence[str]], int]  # what a child runs: the command line's `main(argv)`


def execute(options: Options) -> int:
    if options.idle <= 0:
        raise UsageError(NO_IDLE)
    where = place.folder()
    try:
        place.made(where)
    except place.Unsafe:
        raise UsageError(UNSAFE, path=terminal(where)) from None
    key = place.code_key()
    actions = {"start": _start, "stop": _stop, "status": _status, "run": _serve}
    return actions[options.action](options, where, key)


def _say(message: Message, lang: str, **values: object) -> None:
    print(terminal(message.text(lang).format(**values)))


def _info(where: str, key: str, kind: str) -> dict[str, object] | None:
    conn = client.connect(where, key)
    if conn is None:
        return None
    try:
        return client.ask(conn, kind)
    except (OSError, EOFError, ValueError):
        return None
    finally:
        conn.close()


def _status(options: Options, where: str, key: str) -> int:
    info = _info(where, key, "status")
    if info is None:
        _say(NOT_RUNNING, options.lang)
        return Exit.FINDINGS
    since = datetime.datetime.fromtimestamp(float(str(info["started"]))).isoformat(timespec="seconds")
    _say(LISTENING, options.lang, path=info["path"], pid=info["pid"], since=since, runs=info["runs"])
    folders = info["watching"]
    count = len(folders) if isinstance(folders, list) else 0
    _say(WATCHING, options.lang, folders=count, runs=info["watched_runs"], events=info["events"])
    return Exit.OK


def _stop(options: Options, where: str, key: str) -> int:
    info = _info(where, key, "stop")
    if info is None:
        _say(NOT_RUNNING, options.lang)
    else:
        _say(STOPPED, options.lang, pid=info["pid"])
    return Exit.OK


def _start(options: Options, where: str, key: str) -> int:
    if _info(where, key, "status") is None:
        client.spawn(where, key, options.idle)
        deadline = time.monotonic() + START_SECONDS
        while _info(where, key, "status") is None:
            if time.monotonic() > deadline:
                log = place.log_path(where, key)
                print(terminal(FAILED.text(options.lang).format(seconds=int(START_SECONDS), log=log)), file=sys.stderr)
                return Exit.INTERNAL
            time.sleep(0.05)
        _say(STARTED, options.lang, path=place.socket_path(where, key))
    return _status(options, where, key)


def _serve(options: Options, where: str, key: str) -> int:
    """In the foreground (`start` runs this in the background): until idle or the code changes."""
    config = daemon.Config(where, key, options.idle)
    daemon.serve(options.run, config)
    return Exit.OK
