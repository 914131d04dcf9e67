"""A server watching a repository's data folder (`server/watch.py`): after every kind of change a data file
or folder can undergo, `validate FILE --format json` run through the server prints exactly the bytes, and
ends with exactly the exit code, of `validate --no-cache FILE --format json`; and the runs that follow a
change to a file's bytes or attributes take the listing and the signatures from the watch (the server's
status counts them), so the fast path is the one tested."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from serverrun import REPO, SECONDS, environment, serving, watched_runs
from seuranta.server import client, place, watch

EXAMPLE = REPO / "tests" / "examples" / "round-unknown-bad-1"
NAMED = "data/ex/tp01/01-tiimimallit.yaml"  # its status date 2021-05-14 is no round (1 error); -15 is one
OTHER = "data/ex/tp02/01-chat.yaml"
GROUP = "data/ex/tp01/_group.yaml"
WRONG, RIGHT = '"2021-05-14"', '"2021-05-15"'


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    yield from serving(tmp_path_factory)


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    copy = tmp_path / "repo"
    shutil.copytree(EXAMPLE, copy)
    return copy


def status(where: Path) -> dict[str, object]:
    conn = client.connect(str(where), place.code_key())
    assert conn is not None
    try:
        return client.ask(conn, "status")
    finally:
        conn.close()


def watched_folders(where: Path) -> list[str]:
    return [str(folder) for folder in status(where)["watching"]]  # type: ignore[attr-defined]


def validate(where: Path, repo: Path, *, served: bool, name: str = NAMED) -> tuple[int, bytes, bytes]:
    args = ["validate", "--format", "json", *([] if served else ["--no-cache"]), name]
    done = subprocess.run(
        [sys.executable, "-m", "seuranta", *args],
        cwd=repo,
        env=environment(where, served),
        capture_output=True,
        timeout=SECONDS,
    )
    return done.returncode, done.stdout, done.stderr


def same_as_uncached(where: Path, repo: Path, name: str = NAMED) -> tuple[int, bytes, bytes]:
    """The served run's exit code and bytes, asserted equal to the uncached run's."""
    served = validate(where, repo, served=True, name=name)
    assert served == validate(where, repo, served=False, name=name)
    return served


def watching(where: Path, repo: Path) -> None:
    """Wait until the server holds the repository's data folder by its watch (a served run names it)."""
    same_as_uncached(where, repo)
    deadline = time.monotonic() + SECONDS
    while str(repo / "data") not in watched_folders(where):
        assert time.monotonic() < deadline, "the server never watched the data folder"
        time.sleep(0.1)


def swap_date(path: Path, old: str, new: str) -> None:
    path.write_bytes(path.read_bytes().replace(old.encode(), new.encode()))


def same_size_same_mtime(repo: Path) -> None:
    path = repo / NAMED
    before = path.stat()
    swap_date(path, WRONG, RIGHT)
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))
    assert path.stat().st_size == before.st_size


def appended(repo: Path) -> None:
    with open(repo / NAMED, "a", encoding="utf-8") as out:
        out.write("tuntematon: 1\n")


def truncated(repo: Path) -> None:
    path = repo / NAMED
    size = path.stat().st_size
    with open(path, "r+b") as out:
        out.truncate(size // 2)


def touched_back(repo: Path) -> None:
    """`touch -d` a year back, and the bytes changed in the same instant before it."""
    path = repo / NAMED
    swap_date(path, WRONG, RIGHT)
    year_ago = time.time_ns() - 365 * 24 * 3600 * 10**9
    os.utime(path, ns=(year_ago, year_ago))


def chmodded(repo: Path) -> None:
    """The bytes changed keeping size and mtime, then the mode taken away: unreadable to anyone but root."""
    same_size_same_mtime(repo)
    (repo / NAMED).chmod(0)


def folder_touched_back(repo: Path) -> None:
    """`touch -d` on the measure's folder, after the bytes changed keeping size and mtime."""
    same_size_same_mtime(repo)
    year_ago = time.time_ns() - 365 * 24 * 3600 * 10**9
    os.utime((repo / NAMED).parent, ns=(year_ago, year_ago))


CONTENT_CHANGES: dict[str, Callable[[Path], None]] = {
    "edit keeping size and mtime": same_size_same_mtime,
    "append": appended,
    "truncate": truncated,
    "touch -d back": touched_back,
    "chmod": chmodded,
    "touch -d on its folder": folder_touched_back,
}


@pytest.mark.parametrize("change", CONTENT_CHANGES.values(), ids=CONTENT_CHANGES.keys())
def test_after_a_change_to_a_files_bytes_or_attributes_the_watched_run_is_the_uncached_one(
    server: Path, repo: Path, change: Callable[[Path], None]
) -> None:
    watching(server, repo)
    before = validate(server, repo, served=False)
    used = watched_runs(server)
    change(repo)
    after = same_as_uncached(server, repo)
    assert watched_runs(server) == used + 1  # the run took what the watch holds
    assert after != before  # the change changed the verdict: a stale hold would have shown
    (repo / NAMED).chmod(0o644)


def saved_by_rename(repo: Path) -> None:
    """As editors save: the new bytes in a temporary file, renamed over the old one."""
    path = repo / NAMED
    temporary = path.with_name(".01-tiimimallit.yaml.swp")
    temporary.write_bytes(path.read_bytes().replace(WRONG.encode(), RIGHT.encode()))
    os.replace(temporary, path)


def deleted(repo: Path) -> None:
    """The named measure's group file: the measure is then of no group."""
    (repo / GROUP).unlink()


def new_file(repo: Path) -> None:
    """A measure whose id is the named one's: both get a finding."""
    shutil.copy(repo / NAMED, repo / "data/ex/tp01/00-kopio.yaml")


def moved_away(repo: Path) -> None:
    """The named measure's group file moved out of the data folder, then a copy of the measure moved in."""
    (repo / GROUP).rename(repo / "ryhma.yaml")
    shutil.copy(repo / NAMED, repo / "kopio.yaml")
    (repo / "kopio.yaml").rename(repo / "data/ex/tp01/00-kopio.yaml")


DATA_FILE_CHANGES: dict[str, Callable[[Path], None]] = {
    "rename over, as editors save": saved_by_rename,
    "delete its group's file": deleted,
    "new file": new_file,
    "moved out and in": moved_away,
}


@pytest.mark.parametrize("change", DATA_FILE_CHANGES.values(), ids=DATA_FILE_CHANGES.keys())
def test_after_a_data_file_is_made_or_removed_the_watched_run_is_the_uncached_one(
    server: Path, repo: Path, change: Callable[[Path], None]
) -> None:
    watching(server, repo)
    before = validate(server, repo, served=False)
    used = watched_runs(server)
    change(repo)
    assert same_as_uncached(server, repo) != before
    assert watched_runs(server) == used + 1  # the watch's listing followed the change


def new_folder(repo: Path) -> None:
    folder = repo / "data/ex/tp00"
    folder.mkdir()
    shutil.copy(repo / NAMED, folder / "01-kopio.yaml")


def linked(repo: Path) -> None:
    """A link to the named measure, which a walk lists as a file of its own: the id is then used twice."""
    (repo / "data/ex/tp01/00-linkki.yaml").symlink_to(repo / NAMED)


STRUCTURAL_CHANGES: dict[str, Callable[[Path], None]] = {
    "new folder with a file": new_folder,
    "symbolic link": linked,
}


@pytest.mark.parametrize("change", STRUCTURAL_CHANGES.values(), ids=STRUCTURAL_CHANGES.keys())
def test_after_a_change_the_watch_does_not_follow_the_served_run_is_the_uncached_one_and_the_watch_resumes(
    server: Path, repo: Path, change: Callable[[Path], None]
) -> None:
    watching(server, repo)
    before = validate(server, repo, served=False)
    change(repo)
    assert same_as_uncached(server, repo) != before
    if change is linked:  # a data folder with a link in it is not watched; the link taken away, it is again
        assert str(repo / "data") not in watched_folders(server)
        (repo / "data/ex/tp01/00-linkki.yaml").unlink()
    watching(server, repo)  # watched anew once idle
    was = validate(server, repo, served=False)
    toggled = (repo / NAMED).read_bytes()
    (repo / NAMED).write_bytes(
        toggled.replace(WRONG.encode(), RIGHT.encode())
        if WRONG.encode() in toggled
        else toggled.replace(RIGHT.encode(), WRONG.encode())
    )
    used = watched_runs(server)
    assert same_as_uncached(server, repo) != was
    assert watched_runs(server) == used + 1


def test_a_change_between_two_served_runs_with_no_pause_is_seen(server: Path, repo: Path) -> None:
    watching(server, repo)
    path = repo / NAMED
    signature = path.stat()
    used = watched_runs(server)
    codes = []
    for step in range(6):
        old, new = (WRONG, RIGHT) if step % 2 == 0 else (RIGHT, WRONG)
        swap_date(path, old, new)  # same size; the mtime set back: only ctime tells, and the watch
        os.utime(path, ns=(signature.st_atime_ns, signature.st_mtime_ns))
        served = validate(server, repo, served=True)
        assert served == validate(server, repo, served=False)
        codes.append(served[0])
    assert codes == [0, 1, 0, 1, 0, 1]
    assert watched_runs(server) == used + 6


def test_a_write_through_a_hard_link_outside_the_data_folder_is_seen(server: Path, repo: Path) -> None:
    outside = repo.parent / "linked.yaml"
    os.link(repo / NAMED, outside)
    watching(server, repo)
    used = watched_runs(server)
    with open(outside, "r+b") as out:  # in place, through the other name
        text = out.read()
        out.seek(0)
        out.write(text.replace(WRONG.encode(), RIGHT.encode()))
    assert same_as_uncached(server, repo)[0] == 0
    assert watched_runs(server) == used + 1


def test_a_data_folder_with_a_symbolic_link_is_not_watched_and_is_still_served_right(server: Path, repo: Path) -> None:
    (repo / "data/ex/tp02/linkki.yaml").symlink_to(repo / OTHER)
    same_as_uncached(server, repo)
    time.sleep(1.5)  # the server has been idle and has tried
    assert str(repo / "data") not in watched_folders(server)
    swap_date(repo / NAMED, WRONG, RIGHT)
    assert same_as_uncached(server, repo)[0] == 0


def test_server_status_says_what_the_watch_did(server: Path, repo: Path) -> None:
    watching(server, repo)
    said = subprocess.run(
        [sys.executable, "-m", "seuranta", "server", "status", "--lang", "en"],
        env=environment(server, False),
        capture_output=True,
        text=True,
        timeout=SECONDS,
    )
    info = status(server)
    assert said.stdout.splitlines()[1] == (
        f"Data folders watched: {len(info['watching'])}; runs served from what the watch holds: "  # type: ignore[arg-type]
        f"{info['watched_runs']}; change events read: {info['events']}."
    )


def test_only_local_file_systems_are_watched(tmp_path: Path) -> None:
    kinds = dict(watch.mounts())
    assert kinds["/proc"] == "proc"
    assert not watch.local("/proc")  # no change there raises an event
    assert watch.local(str(tmp_path)) == (kinds[_mount_of(str(tmp_path), kinds)] in watch.LOCAL)


def _mount_of(path: str, kinds: dict[str, str]) -> str:
    real = os.path.realpath(path)
    return max((p for p in kinds if real == p or real.startswith(p.rstrip("/") + "/")), key=len)
