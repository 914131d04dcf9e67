"""Atomic file writes: a temporary file in the same folder, fsync, then os.replace.

A reader (or a crash) sees either the old file or the new one, never half of
either; the temporary file is removed on any failure, so nothing is left behind.
"""

from __future__ import annotations

import contextlib
import os
import stat
import tempfile
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


def write_bytes(path: Path, data: bytes) -> None:
    """Replace `path` with `data` atomically."""
    folder = path.parent
    mode = _mode_for(path)
    fd, name = tempfile.mkstemp(dir=folder, prefix=f".{path.name}.", suffix=".tmp")
    temp = Path(name)
    try:
        with os.fdopen(fd, "wb") as handle:
            _write_all(handle, data)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(temp, mode)
        os.replace(temp, path)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            temp.unlink()
        raise
    _sync_folder(folder)


def write_text(path: Path, text: str) -> None:
    """Replace `path` with UTF-8 `text`, line endings exactly as given."""
    write_bytes(path, text.encode("utf-8"))
