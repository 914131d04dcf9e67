"""Atomic file writes: a temporary file in the same folder, fsync, then os.replace.

A reader (or a crash) sees either the old file or the new one, never half of
either; the temporary file is removed on any failure, so nothing is left behind.
Only a process killed outright (SIGKILL, power loss) can leave one: every temporary
file is named `.<name>.<random>.seuranta-tmp` (hidden, so no listing takes it for
data, and git-ignored by `*.seuranta-tmp`), and the next write of the same file
removes such leftovers. A read-only file is refused (`ReadOnly`), not replaced.
"""

from __future__ import annotations

import contextlib
import glob
import os
import stat
from pathlib import Path
from typing import BinaryIO


def _write_all(handle: BinaryIO, data: bytes) -> None:
    """Write every byte (a separate function so tests can make it fail midway)."""
    handle.write(data)


def _mode_for(path: Path) -> int:
    """Keep an existing file's permissions; a new file gets the usual 0666 less the umask."""
    try:
        return stat.S_IMODE(path.stat().st_mode)
    except FileNotFoundError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask


def _sync_folder(folder: Path) -> None:
    """Make the rename itself durable where the platform allows opening a folder."""
    with contextlib.suppress(OSError):
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


SUFFIX = ".seuranta-tmp"


class ReadOnly(PermissionError):
    """The file exists and is read-only: a rename would replace it, so it is not written."""


def temporary_names(path: Path) -> list[Path]:
    """The temporary files a write of `path` makes, and a killed one may have left behind."""
    return sorted(path.parent.glob(f".{glob.escape(path.name)}.*{SUFFIX}"))


def _sweep(path: Path) -> None:
    for stale in temporary_names(path):
        with contextlib.suppress(OSError):
            stale.unlink()


def read_only(path: Path) -> bool:
    """`path` exists and may not be written: no write permission bit (which even root respects here), or
    none for this user."""
    try:
        mode = stat.S_IMODE(path.stat().st_mode)
    except FileNotFoundError:
        return False
    return not mode & 0o222 or not os.access(path, os.W_OK)


def _temporary(path: Path) -> tuple[int, Path]:
    """A new temporary file beside `path`, opened for writing (never one that exists: O_EXCL)."""
    while True:
        temp = path.parent / f".{path.name}.{os.urandom(6).hex()}{SUFFIX}"
        try:
            return os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600), temp
        except FileExistsError:
            continue


def write_bytes(path: Path, data: bytes, *, durable: bool = True) -> None:
    """Replace `path` with `data` atomically; a read-only `path` raises `ReadOnly`. Without `durable` the
    data is not forced to the disk (fsync) before the rename: every process still sees the old file or the
    new one, and only a crash of the system may leave the new one short, which suits a file whose reader
    checks its own digest (the validation cache)."""
    folder = path.parent
    if read_only(path):
        raise ReadOnly(13, "read-only file", str(path))
    mode = _mode_for(path)
    _sweep(path)
    fd, temp = _temporary(path)
    try:
        with os.fdopen(fd, "wb") as handle:
            _write_all(handle, data)
            handle.flush()
            if durable:
                os.fsync(handle.fileno())
        os.chmod(temp, mode)
        os.replace(temp, path)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            temp.unlink()
        raise
    if durable:
        _sync_folder(folder)


def write_text(path: Path, text: str) -> None:
    """Replace `path` with UTF-8 `text`, line endings exactly as given."""
    write_bytes(path, text.encode("utf-8"))
