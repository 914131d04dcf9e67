"""atomic.write_text: the old file or the new one, never half of either, and no temporary files left."""

from __future__ import annotations

import os
import stat
from pathlib import Path
from typing import BinaryIO

import pytest

from seuranta.files import atomic

ORIGINAL = "id: ex/tp01/01-tiimimallit\ntitle: Alkuperäinen\n"
NEW = "id: ex/tp01/01-tiimimallit\ntitle: Uusi nimi, joka on pidempi kuin alkuperäinen\n" * 50


def _half_then_fail(handle: BinaryIO, data: bytes) -> None:
    handle.write(data[: len(data) // 2])
    handle.flush()
    raise OSError(28, "No space left on device")


def test_writes_new_content(tmp_path: Path) -> None:
    path = tmp_path / "a.yaml"
    atomic.write_text(path, ORIGINAL)
    assert path.read_bytes() == ORIGINAL.encode("utf-8")
    atomic.write_text(path, NEW)
    assert path.read_text(encoding="utf-8") == NEW
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.yaml"]


def test_keeps_the_files_permissions(tmp_path: Path) -> None:
    path = tmp_path / "a.yaml"
    path.write_text(ORIGINAL, encoding="utf-8")
    os.chmod(path, 0o640)
    atomic.write_text(path, NEW)
    assert stat.S_IMODE(path.stat().st_mode) == 0o640


def test_a_write_failing_midway_leaves_the_original_and_no_temp_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "a.yaml"
    path.write_bytes(ORIGINAL.encode("utf-8"))
    monkeypatch.setattr(atomic, "_write_all", _half_then_fail)
    with pytest.raises(OSError, match="No space left"):
        atomic.write_text(path, NEW)
    assert path.read_bytes() == ORIGINAL.encode("utf-8")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.yaml"]


def test_a_failing_fsync_leaves_the_original(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "a.yaml"
    path.write_bytes(ORIGINAL.encode("utf-8"))

    def fail(_fd: int) -> None:
        raise OSError(5, "Input/output error")

    monkeypatch.setattr(os, "fsync", fail)
    with pytest.raises(OSError, match="Input/output"):
        atomic.write_text(path, NEW)
    assert path.read_bytes() == ORIGINAL.encode("utf-8")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.yaml"]


def test_a_failing_rename_leaves_the_original(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "a.yaml"
    path.write_bytes(ORIGINAL.encode("utf-8"))

    def fail(_src: object, _dst: object) -> None:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(os, "replace", fail)
    with pytest.raises(PermissionError):
        atomic.write_text(path, NEW)
    assert path.read_bytes() == ORIGINAL.encode("utf-8")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.yaml"]


def test_a_new_file_that_fails_is_not_created(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(atomic, "_write_all", _half_then_fail)
    with pytest.raises(OSError):
        atomic.write_text(tmp_path / "new.yaml", NEW)
    assert list(tmp_path.iterdir()) == []


def test_an_interrupt_also_cleans_up(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "a.yaml"
    path.write_bytes(ORIGINAL.encode("utf-8"))

    def interrupted(handle: BinaryIO, data: bytes) -> None:
        handle.write(data[:10])
        raise KeyboardInterrupt

    monkeypatch.setattr(atomic, "_write_all", interrupted)
    with pytest.raises(KeyboardInterrupt):
        atomic.write_text(path, NEW)
    assert path.read_bytes() == ORIGINAL.encode("utf-8")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.yaml"]
