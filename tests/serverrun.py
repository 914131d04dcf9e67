"""Start and stop a `seuranta server` of this checkout in a folder of its own, for the tests."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from seuranta.server import client, place

REPO = Path(__file__).resolve().parent.parent
SECONDS = 120


def environment(where: Path, served: bool, extra: dict[str, str] | None = None) -> dict[str, str]:
    """This process's environment with the server folder `where`; `served` False bypasses the server."""
    env = {**os.environ, "SEURANTA_SERVER_DIR": str(where), **(extra or {})}
    env.pop("SEURANTA_SERVER", None)
    if not served:
        env["SEURANTA_SERVER"] = "0"
    return env


def start(where: Path, tools: Path = REPO / "tools", idle: float = 600) -> None:
    argv = [sys.executable, "-c", client.BOOT, str(tools), "server", "start", "--idle", str(idle)]
    done = subprocess.run(argv, env=environment(where, False), capture_output=True, text=True, timeout=SECONDS)
    assert done.returncode == 0, done.stderr
    assert str(where) in done.stdout


def serving(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """A folder of its own (mode 0700) with a server of this checkout listening in it, stopped afterwards."""
    where = tmp_path_factory.mktemp("server")
    where.chmod(0o700)
    start(where)
    yield where
    stop(where)


def stop(where: Path, tools: Path = REPO / "tools") -> None:
    argv = [sys.executable, "-c", client.BOOT, str(tools), "server", "stop"]
    subprocess.run(argv, env=environment(where, False), capture_output=True, timeout=SECONDS, check=False)


def runs(where: Path, key: str | None = None) -> int | None:
    """How many command lines the server of `key` (default: this code) has run; None when none answers."""
    conn = client.connect(str(where), key or place.code_key())
    if conn is None:
        return None
    try:
        return int(client.ask(conn, "status")["runs"])
    except (OSError, EOFError):
        return None
    finally:
        conn.close()


def watched_runs(where: Path) -> int:
    """How many command lines the server of this code ran with their data folder held by its watch."""
    conn = client.connect(str(where), place.code_key())
    assert conn is not None
    try:
        return int(client.ask(conn, "status")["watched_runs"])
    finally:
        conn.close()
