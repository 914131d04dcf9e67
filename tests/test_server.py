"""The resident server (`seuranta server`): a command line run through it prints the same bytes on standard
output and error, and ends with the same exit code, as the same command line run by a fresh process; it
runs in the client's folder with the client's environment; and a client never uses a server of other code,
a stale socket or a folder that is not the user's alone."""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import NamedTuple

import pytest

from serverrun import REPO, SECONDS, environment, runs, serving, start, stop
from seuranta.reporters.escaping import terminal
from seuranta.server import client, place

EXAMPLE = REPO / "tests" / "examples" / "round-unknown-bad-1"
MEASURE = "data/pirsote/tp01/01-vastaanoton-uudet-toimintamallit-kayttoon.yaml"
GROUP = "data/pirsote/tp01/_group.yaml"


class Ran(NamedTuple):
    code: int
    stdout: bytes
    stderr: bytes


def command(where: Path, *args: str, python: str = sys.executable) -> list[str]:
    return [python, "-m", "seuranta", *args]


def run(where: Path, args: list[str], *, served: bool, cwd: Path = REPO, env: dict[str, str] | None = None) -> Ran:
    done = subprocess.run(
        command(where, *args), cwd=cwd, env=environment(where, served, env), capture_output=True, timeout=SECONDS
    )
    return Ran(done.returncode, done.stdout, done.stderr)


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    yield from serving(tmp_path_factory)


@pytest.fixture
def example(tmp_path: Path) -> Path:
    """A repository whose data has error findings."""
    copy = tmp_path / "example"
    shutil.copytree(EXAMPLE, copy)
    return copy


INVOCATIONS = {
    "whole tree": ["validate"],
    "named files": ["validate", MEASURE, GROUP],
    "json": ["validate", "--format", "json", "--no-cache"],
    "english": ["validate", "--lang", "en", MEASURE],
    "usage error": ["validate", "--formatt", "json"],
    "no such file": ["validate", "data/ei-ole.yaml"],
    "diff": ["diff", "HEAD~1", "HEAD", "--format", "json"],
    "summary": ["summary"],
    "summary of a group": ["summary", "--table", "latest", "--group", "pirsote/tp01", "--lang", "en"],
}


@pytest.mark.parametrize("args", INVOCATIONS.values(), ids=INVOCATIONS.keys())
def test_a_run_through_the_server_prints_what_a_fresh_process_prints(server: Path, args: list[str]) -> None:
    before = runs(server)
    served = run(server, args, served=True)
    assert runs(server) == (before or 0) + 1  # the server ran it
    assert served == run(server, args, served=False)


def test_findings_exit_1_through_the_server_as_without(server: Path, example: Path) -> None:
    served = run(server, ["validate", "--no-cache"], served=True, cwd=example)
    direct = run(server, ["validate", "--no-cache"], served=False, cwd=example)
    assert served.code == 1
    assert b"round-unknown" in served.stdout
    assert served == direct


def test_an_internal_error_exits_3_through_the_server_as_without(server: Path) -> None:
    broken = {"SEURANTA_TODAY": "eilen"}  # not a date: the command fails where no user error is expected
    served = run(server, ["validate", MEASURE], served=True, env=broken)
    assert served.code == 3
    assert b"ValueError" in served.stderr
    assert served == run(server, ["validate", MEASURE], served=False, env=broken)


def test_the_child_runs_in_the_clients_folder_with_its_environment(server: Path, example: Path) -> None:
    english = {"SEURANTA_LANG": "", "LC_MESSAGES": "en_US.UTF-8"}  # LC_CTYPE decides Python's UTF-8 mode: kept
    args = ["validate", "tp01/01-tiimimallit.yaml", "--no-cache"]
    before = runs(server) or 0
    served = run(server, args, served=True, cwd=example / "data" / "ex", env=english)
    assert runs(server) == before + 1
    assert b"round-unknown" in served.stdout and b"error" in served.stdout  # English, from this folder
    assert served == run(server, args, served=False, cwd=example / "data" / "ex", env=english)
    finnish = run(server, args, served=True, cwd=example / "data" / "ex", env={"SEURANTA_LANG": "fi"})
    assert b"virhe" in finnish.stdout


def test_seuranta_server_0_runs_in_the_process(server: Path) -> None:
    before = runs(server)
    run(server, ["validate", MEASURE], served=False)
    assert runs(server) == before


def test_a_stale_socket_is_not_used(tmp_path: Path) -> None:
    where = tmp_path / "stale"
    where.mkdir(mode=0o700)
    left = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    left.bind(place.socket_path(str(where), place.code_key()))
    left.close()  # a server that was killed left its socket
    started = time.monotonic()
    assert run(where, ["validate", MEASURE], served=True) == run(where, ["validate", MEASURE], served=False)
    assert time.monotonic() - started < SECONDS / 2


def test_a_folder_others_may_enter_is_not_used(server: Path) -> None:
    before = runs(server)
    server.chmod(0o755)
    try:
        ran = run(server, ["validate", MEASURE], served=True)
    finally:
        server.chmod(0o700)
    assert runs(server) == before
    assert ran == run(server, ["validate", MEASURE], served=False)


def test_a_server_of_other_code_is_never_used_and_stops_when_its_code_changes(server: Path, tmp_path: Path) -> None:
    tools = tmp_path / "tools"
    shutil.copytree(REPO / "tools" / "seuranta", tools / "seuranta", ignore=shutil.ignore_patterns("__pycache__"))
    start(server, tools=tools)
    other = _key_of(tools)
    assert other != place.code_key()
    try:
        assert runs(server, other) == 0
        run(server, ["validate", MEASURE], served=True)
        assert runs(server, other) == 0  # this code's server ran it, not the copy's
        (tools / "seuranta" / "server" / "place.py").touch()  # the copy's code changes
        deadline = time.monotonic() + SECONDS
        while runs(server, other) is not None and time.monotonic() < deadline:
            time.sleep(0.2)
        assert runs(server, other) is None
        assert not Path(place.socket_path(str(server), other)).exists()
    finally:
        stop(server, tools=tools)


def _key_of(tools: Path) -> str:
    probe = "import sys; sys.path.insert(0, sys.argv[1]); from seuranta.server import place; print(place.code_key())"
    return subprocess.run(
        [sys.executable, "-c", probe, str(tools)], capture_output=True, text=True, check=True
    ).stdout.strip()


def _blocked_reading(pid: int) -> bool:
    """The process waits in read(0, …) (x86-64's syscall 0, aarch64's 63)."""
    try:
        fields = Path(f"/proc/{pid}/syscall").read_text().split()
    except OSError:
        return False
    return len(fields) > 1 and fields[0] in ("0", "63") and int(fields[1], 16) == 0


def _child_of(where: Path, before: set[int]) -> int:
    """The pid of the server's child that is reading its standard input."""
    conn = client.connect(str(where), place.code_key())
    assert conn is not None
    pid = int(client.ask(conn, "status")["pid"])
    conn.close()
    deadline = time.monotonic() + SECONDS
    while time.monotonic() < deadline:
        children = {int(p) for p in Path(f"/proc/{pid}/task/{pid}/children").read_text().split()} - before
        found = [child for child in children if _blocked_reading(child)]
        if found:
            return found[0]
        time.sleep(0.05)
    raise AssertionError("no child read its input")


STATUS_ADD = ["status", "add", "ex/tp01/01-tiimimallit", "--date", "2099-01-01", "--text-file", "-"]


def _status_add(where: Path, example: Path, *, served: bool) -> subprocess.Popen[bytes]:
    """`status add` started in `example`, waiting for its text on standard input."""
    return subprocess.Popen(
        command(where, *STATUS_ADD),
        cwd=example,
        env=environment(where, served),
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )


def _interrupted(where: Path, example: Path, *, served: bool) -> Ran:
    """`status add` waiting for its text on standard input, given Ctrl-C."""
    process = _status_add(where, example, served=served)
    deadline = time.monotonic() + SECONDS
    target = _child_of(where, set()) if served else process.pid
    while not _blocked_reading(target) and time.monotonic() < deadline:
        time.sleep(0.05)
    process.send_signal(signal.SIGINT)
    process.wait(timeout=SECONDS)  # standard input stays open, as a terminal's does
    out, err = process.communicate(timeout=SECONDS)
    return Ran(process.returncode, out, err)


def test_ctrl_c_in_the_client_reaches_the_child(server: Path, example: Path) -> None:
    served = _interrupted(server, example, served=True)
    assert served == _interrupted(server, example, served=False)
    assert served.code != 0


def test_a_child_that_crashes_ends_the_client_as_a_crashed_run(server: Path, example: Path) -> None:
    process = _status_add(server, example, served=True)
    os.kill(_child_of(server, set()), signal.SIGKILL)
    process.communicate(timeout=SECONDS)
    assert process.returncode == -signal.SIGKILL


def test_the_hook_starts_a_server_for_the_next_commit(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("CI", raising=False)
    where = tmp_path / "hook"
    hook = [sys.executable, str(REPO / "tools" / "seuranta_hook.py"), "validate", MEASURE]
    first = subprocess.run(hook, cwd=REPO, env=environment(where, True), capture_output=True, timeout=SECONDS)
    try:
        assert Ran(first.returncode, first.stdout, first.stderr) == run(where, ["validate", MEASURE], served=False)
        deadline = time.monotonic() + SECONDS
        while runs(where) is None and time.monotonic() < deadline:
            time.sleep(0.1)
        assert runs(where) == 0
        second = subprocess.run(hook, cwd=REPO, env=environment(where, True), capture_output=True, timeout=SECONDS)
        assert runs(where) == 1
        assert (second.returncode, second.stdout, second.stderr) == (first.returncode, first.stdout, first.stderr)
    finally:
        stop(where)


def test_under_ci_the_hook_starts_no_server(tmp_path: Path) -> None:
    where = tmp_path / "ci"
    hook = [sys.executable, str(REPO / "tools" / "seuranta_hook.py"), "validate", MEASURE]
    done = subprocess.run(hook, cwd=REPO, env=environment(where, True, {"CI": "true"}), capture_output=True)
    assert done.returncode == 0
    assert not where.exists()  # starting a server makes its folder


def test_a_held_table_is_used_only_while_its_signatures_hold(example: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from seuranta.check import cache

    monkeypatch.chdir(example)
    monkeypatch.setattr(cache, "RACY_NS", 0)
    state = example / cache.STATE_FILE
    assert run(example, ["validate"], served=False, cwd=example).code == 1
    written = cache.read_table(state)
    try:
        cache.hold(example, [cache.STATE_FILE], time.time_ns() + 1)
        assert list(cache._HELD) == [state]
        cache._HELD[state].rows["marker"] = "held"  # what a reader gets while the file is as it was read
        assert cache.read_table(state) == {**written, "marker": "held"}
        measure = example / "data/ex/tp01/01-tiimimallit.yaml"
        measure.write_text(measure.read_text(encoding="utf-8").replace("2021-05-", "2021-06-"), encoding="utf-8")
        assert run(example, ["validate"], served=False, cwd=example).code == 1  # the state is written anew
        assert "marker" not in cache.read_table(state)
        assert cache.read_table(state) != written
    finally:
        cache.release(lambda _path: False)
    assert not cache._HELD


def test_a_table_written_within_the_racy_window_is_not_held(example: Path) -> None:
    from seuranta.check import cache

    assert run(example, ["validate"], served=False, cwd=example).code == 1
    try:
        cache.hold(example, [cache.STATE_FILE], time.time_ns())
        assert not cache._HELD  # its timestamps are not 2 s older than the moment it would be read
    finally:
        cache.release(lambda _path: False)


def test_a_server_stops_after_its_idle_time(tmp_path: Path) -> None:
    where = tmp_path / "idle"
    where.mkdir(mode=0o700)
    start(where, idle=1)
    try:
        deadline = time.monotonic() + SECONDS
        while runs(where) is not None and time.monotonic() < deadline:
            time.sleep(0.2)
        assert runs(where) is None
        assert list(where.iterdir()) == []  # its socket, lock and log removed
    finally:
        stop(where)


def test_the_code_key_is_never_shown_masked() -> None:
    """The socket's path names the code key, and every output masks what has a henkilötunnus's shape: a key in
    hexadecimal digits could hold one ("…170750a314f…" was shown as "******-****"); a key of letters holds none."""
    key = place.code_key()
    assert len(key) == 32 and set(key) <= set("abcdefghijklmnop")
    path = place.socket_path("/run/user/1000/seuranta", key)
    assert terminal(path) == path
    assert terminal("/run/seuranta/170750a314fab.sock") == "/run/seuranta/******-****ab.sock"


def test_server_status_and_stop_say_what_they_found(tmp_path: Path) -> None:
    where = tmp_path / "said"
    where.mkdir(mode=0o700)
    status = [*command(where, "server", "status", "--lang", "en")]
    absent = subprocess.run(status, env=environment(where, False), capture_output=True, text=True, timeout=SECONDS)
    assert (absent.returncode, absent.stdout) == (1, "No server of this code is running.\n")
    start(where)
    try:
        found = subprocess.run(status, env=environment(where, False), capture_output=True, text=True)
        assert found.returncode == 0
        assert found.stdout.startswith(f"The server listens at {place.socket_path(str(where), place.code_key())} (pid ")
    finally:
        stop(where)
    assert runs(where) is None


def test_the_client_has_the_report_before_the_cache_is_written(server: Path, example: Path) -> None:
    """The child sends the exit code and lets the client's output go before it writes the cache: with the
    entries' log a pipe nobody reads, the client still ends (and its output reaches the end), and the
    child's write is there once the pipe is read. A run while a child is still writing, and the run after
    both have written, report what a run without the cache does."""
    from seuranta.check import cache

    named = ["validate", "data/ex/tp01/01-tiimimallit.yaml"]
    assert run(server, ["validate"], served=False, cwd=example).code == 1  # every table written
    measure = example / "data/ex/tp01/01-tiimimallit.yaml"
    measure.write_text(measure.read_text(encoding="utf-8").replace("2021-05-", "2021-07-"), encoding="utf-8")
    fresh = run(server, [*named, "--no-cache"], served=False, cwd=example)
    log = example / cache.CACHE_FILE.with_suffix(".log")
    log.unlink(missing_ok=True)
    os.mkfifo(log)
    before = runs(server) or 0
    served = run(server, named, served=True, cwd=example)  # a write before the report would never end
    assert runs(server) == before + 1
    assert served == fresh and served.code == 1
    again = run(server, named, served=True, cwd=example)  # while the first child is still writing
    assert again == fresh
    reader = os.open(log, os.O_RDONLY | os.O_NONBLOCK)
    try:
        written = b""
        deadline = time.monotonic() + SECONDS
        while written.count(b"01-tiimimallit.yaml") < 2 or not written.endswith(b"\n"):  # both children's
            assert time.monotonic() < deadline
            with contextlib.suppress(BlockingIOError):
                written += os.read(reader, 1 << 16)
            time.sleep(0.01)
    finally:
        os.close(reader)
    log.unlink()
    assert run(server, named, served=True, cwd=example) == fresh


def test_a_stopping_server_does_not_wait_for_ever_on_a_child_stuck_writing(tmp_path: Path, example: Path) -> None:
    """A child that has reported and is stuck in its write (here: the entries' log a pipe nobody reads) is
    killed once a stopping server has waited `WRITE_SECONDS` for it, and the server ends."""
    from seuranta.check import cache
    from seuranta.server import daemon

    where = tmp_path / "stuck"
    where.mkdir(mode=0o700)
    named = ["validate", "data/ex/tp01/01-tiimimallit.yaml"]
    assert run(where, ["validate"], served=False, cwd=example).code == 1
    measure = example / "data/ex/tp01/01-tiimimallit.yaml"
    measure.write_text(measure.read_text(encoding="utf-8").replace("2021-05-", "2021-07-"), encoding="utf-8")
    log = example / cache.CACHE_FILE.with_suffix(".log")
    log.unlink(missing_ok=True)
    os.mkfifo(log)
    start(where)
    try:
        conn = client.connect(str(where), place.code_key())
        assert conn is not None
        pid = int(client.ask(conn, "status")["pid"])
        conn.close()
        assert run(where, named, served=True, cwd=example).code == 1  # answered; the child stuck in its write
    finally:
        stop(where)
    deadline = time.monotonic() + daemon.WRITE_SECONDS + 3 * daemon.CHECK_SECONDS
    while _alive(pid):
        assert time.monotonic() < deadline, "the server still waits for its child"
        time.sleep(0.1)
    assert list(where.iterdir()) == []


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    try:
        return Path(f"/proc/{pid}/stat").read_text().split(")")[-1].split()[0] != "Z"  # a zombie has ended
    except OSError:
        return False
