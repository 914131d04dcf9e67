"""Small calls to git, every listing NUL-separated (-z); blobs are read in one `cat-file --batch`.

Nothing here checks anything out or changes the repository. Paths are relative to the
top of the git work tree, as git prints them.
"""

from __future__ import annotations

import subprocess
from collections.abc import Iterable
from pathlib import Path

from seuranta.model.errors import UsageError

MAIN_BRANCHES = ("refs/heads/main", "refs/heads/master", "refs/remotes/origin/main", "refs/remotes/origin/master")


class GitError(UsageError):
    """git failed or is missing; the message is git's own first line."""


def run(top: Path, *args: str, stdin: bytes | None = None) -> bytes:
    """Run `git args…` in `top`; its stdout, or GitError with git's message."""
    try:
        done = subprocess.run(["git", *args], cwd=top, input=stdin, capture_output=True, check=False)
    except OSError as err:
        raise GitError("git: {detail}", detail=err.strerror or err) from err
    if done.returncode != 0:
        message = done.stderr.decode("utf-8", "replace").strip().splitlines()
        detail = message[-1] if message else f"git {args[0]} failed ({done.returncode})"
        raise GitError("{detail}", detail=detail)
    return done.stdout


def names(raw: bytes) -> list[str]:
    """A -z listing as a list of paths."""
    return [part.decode("utf-8", "surrogateescape") for part in raw.split(b"\0") if part]


def toplevel(start: Path) -> Path:
    return Path(run(start, "rev-parse", "--show-toplevel").decode("utf-8", "surrogateescape").strip())


def rev_parse(top: Path, rev: str) -> str:
    """The full commit id a revision names."""
    try:
        return run(top, "rev-parse", "--verify", "--quiet", "--end-of-options", f"{rev}^{{commit}}").decode().strip()
    except GitError as err:
        raise GitError("tuntematon revisio / unknown revision: {rev}", rev=rev) from err


def has_ref(top: Path, ref: str) -> bool:
    try:
        run(top, "show-ref", "--verify", "--quiet", ref)
    except GitError:
        return False
    return True


def main_branch(top: Path) -> str:
    """main or master (local, else origin's): what the default base is the merge base with."""
    for ref in MAIN_BRANCHES:
        if has_ref(top, ref):
            return ref
    raise GitError("no main or master branch found; name the base revision")


def merge_base(top: Path, first: str, second: str) -> str:
    """The best common ancestor of two commits, as `git merge-base` finds it."""
    try:
        found = run(top, "merge-base", "--end-of-options", first, second).decode().strip()
    except GitError as err:
        raise GitError(
            "revisioilla {first} ja {second} ei ole yhteistä kantaa / {first} and {second} have no merge base",
            first=first,
            second=second,
        ) from err
    return found


def changed(top: Path, base: str, head: str | None, pathspec: str) -> list[str]:
    """Files that differ between two commits, or between a commit and the working tree (head None)."""
    revisions = [base] if head is None else [base, head]
    return names(run(top, "diff", "--name-only", "-z", "--no-renames", *revisions, "--", pathspec))


def untracked(top: Path, pathspec: str) -> list[str]:
    """Files in the working tree that git does not track yet (ignored ones left out)."""
    return names(run(top, "ls-files", "-z", "--others", "--exclude-standard", "--full-name", "--", pathspec))


def tree_files(top: Path, rev: str, pathspec: str) -> list[str]:
    """Every file under `pathspec` at a revision."""
    return names(run(top, "ls-tree", "-r", "-z", "--name-only", "--full-tree", rev, "--", pathspec))


def read_blobs(top: Path, rev: str, paths: Iterable[str]) -> dict[str, bytes | None]:
    """The contents of many files at one revision, in one `cat-file --batch`; None where missing."""
    wanted = list(paths)
    if not wanted:
        return {}
    request = b"".join(f"{rev}:{path}".encode("utf-8", "surrogateescape") + b"\0" for path in wanted)
    return dict(
        zip(wanted, parse_batch(run(top, "cat-file", "--batch", "-z", stdin=request), len(wanted)), strict=False)
    )


def parse_batch(raw: bytes, count: int) -> list[bytes | None]:
    """Split `cat-file --batch` output: '<oid> <type> <size>\\n<content>\\n' or '<name> missing\\n' each."""
    found: list[bytes | None] = []
    at = 0
    for _ in range(count):
        end = raw.index(b"\n", at)
        header = raw[at:end].split(b" ")
        if len(header) == 3 and header[2].isdigit():
            size = int(header[2])
            found.append(raw[end + 1 : end + 1 + size] if header[1] == b"blob" else None)
            at = end + 1 + size + 1
        else:
            found.append(None)
            at = end + 1
    return found
