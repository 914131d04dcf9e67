"""A listed file's kind and expected id read from its path as a string are those read from it as a `Path`."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from conftest import REPO
from seuranta.files import listing
from seuranta.model.documents import expected_id, kind_of

ODD = ["a/b.yaml", "a/b.c.yml", "p/programme.yaml", "p/g/_group.yaml", ".seuranta.yaml", "a/.yaml", "a/b.", "a/b", "x"]


def test_every_shipped_file_is_read_alike_from_a_string() -> None:
    found = listing.sources(REPO, "data", [])
    assert len(found) > 100
    for source in found:
        assert source.relative is not None
        kind = kind_of(Path(source.path))
        assert kind_of(source.path) == kind
        assert expected_id(source.relative, kind) == expected_id(Path(source.relative), kind)


@pytest.mark.parametrize("name", ODD)
def test_odd_names_are_read_alike_from_a_string(name: str) -> None:
    relative = name.replace("/", os.sep)
    kind = kind_of(Path(relative))
    assert kind_of(relative) == kind
    assert expected_id(relative, kind) == expected_id(Path(relative), kind)
    assert expected_id(Path(relative), kind) == Path(relative).with_suffix("").as_posix() or kind != "measure"
