"""The index a server prepares of a tree's stand-in documents (`check/standins.py`), with a run's parsed
documents put in their places, is exactly the index the run would build itself (`build()` of the stand-ins
and the parsed documents); where it could not be, or the rows are not the ones it was prepared from, the
run is told to build it."""

from __future__ import annotations

import shutil
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any, NamedTuple

import pytest

from clirun import seuranta
from seuranta.check import cache, standins
from seuranta.files import listing
from seuranta.model.documents import Document, read
from seuranta.model.index import Model, build

EXAMPLE = Path(__file__).resolve().parent / "examples" / "round-unknown-bad-1"
NAMED = "data/ex/tp01/01-tiimimallit.yaml"
OTHER = "data/ex/tp02/01-chat.yaml"


class Held(NamedTuple):
    names: list[str]
    files: cache.Files
    values: list[Any]


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    copy = tmp_path / "repo"
    shutil.copytree(EXAMPLE, copy)
    monkeypatch.chdir(copy)
    monkeypatch.setattr(cache, "RACY_NS", 0)
    yield copy
    cache.release(lambda _path: False)
    standins.release(lambda _root: False)


def held(repo: Path) -> Held:
    """The state and summaries a whole run and a named run leave, held as a server holds them, and prepared."""
    assert seuranta("validate").code in (0, 1)
    with open(repo / OTHER, "a", encoding="utf-8") as out:
        out.write("# muutettu\n")  # its bytes, not its summary: a run naming it checks it, and stores the summaries
    assert seuranta("validate", OTHER).code in (0, 1)
    cache.hold(repo, [cache.STATE_FILE, cache.SUMMARIES_FILE], time.time_ns() + 1)
    names = [source.name for source in listing.data_sources(repo, repo / "data")]
    standins.prepare(repo, names)
    state = cache.read_state(repo)
    assert state is not None
    files = cache.files_of(state, len(names))
    assert files is not None
    values = cache.read_summaries(repo, cache.summaries_key(files.names, files.digests), len(names))
    assert values is not None
    return Held(names, files, values)


def parsed(repo: Path, name: str) -> Document:
    return read(repo / name, display=name, relative=Path(name).relative_to("data"))


def built(found: Held, docs: dict[int, Document]) -> Model:
    """What the run builds itself."""
    every = cache.lights(found.names, found.files.kinds, found.files.expected, found.values)
    for at, doc in docs.items():
        every[at] = doc
    return build(every)


def test_a_parsed_file_takes_its_stand_ins_place(repo: Path) -> None:
    path = repo / NAMED
    path.write_text(path.read_text(encoding="utf-8").replace("3/15", "4/15"), encoding="utf-8")  # same summary
    found = held(repo)
    doc = parsed(repo, NAMED)
    docs = {found.names.index(NAMED): doc}
    model = standins.model(repo, found.files, found.values, docs)
    assert model is not None
    assert model == built(found, docs)
    assert model.measures["ex/tp01/01-tiimimallit"] is doc
    assert standins.model(repo, found.files, found.values, {}) == built(found, {})


def test_a_file_whose_id_an_earlier_file_has_stays_behind_it(repo: Path) -> None:
    shutil.copy(repo / NAMED, repo / "data/ex/tp01/00-kopio.yaml")
    found = held(repo)
    doc = parsed(repo, NAMED)
    docs = {found.names.index(NAMED): doc}
    model = standins.model(repo, found.files, found.values, docs)
    assert model is not None
    assert model == built(found, docs)
    assert model.measures["ex/tp01/01-tiimimallit"].path == "data/ex/tp01/00-kopio.yaml"


def test_a_file_that_is_no_mapping_is_indexed_nowhere_or_left_to_the_run(repo: Path) -> None:
    (repo / NAMED).write_text("- 1\n- 2\n", encoding="utf-8")  # its stand-in has no data
    found = held(repo)
    at = found.names.index(NAMED)
    doc = parsed(repo, NAMED)  # nor has the loader's document: indexed nowhere, as the stand-in
    assert doc.data is None
    assert standins.model(repo, found.files, found.values, {at: doc}) == built(found, {at: doc})
    listed = doc._replace(parsed=doc.parsed._replace(data=[1, 2]))  # a document build() would index
    assert standins.model(repo, found.files, found.values, {at: listed}) is None


def test_rows_other_than_the_prepared_ones_are_left_to_the_run(repo: Path) -> None:
    found = held(repo)
    cache.release(lambda _path: False)  # the tables read again: equal rows, not the prepared ones
    state = cache.read_state(repo)
    assert state is not None
    files = cache.files_of(state, len(found.names))
    assert files is not None and files == found.files
    assert standins.model(repo, files, found.values, {}) is None
    standins.prepare(repo, found.names)  # the tables are not held: nothing is prepared
    assert standins.model(repo, found.files, found.values, {}) is None
