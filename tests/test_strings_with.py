"""The strings of a file a probe matches in, found through the run's kept answers, are the plain search's.

`support.strings_with()` searches each distinct string once per run (dates, file names and texts recur from
file to file) and makes a path only for a string that matches; held here to searching every string of every
file, on the shipped data, on generated values and across the point where the kept answers are forgotten.
"""

from __future__ import annotations

import datetime
import re
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import REPO
from seuranta.check.tree import load_tree
from seuranta.model import config as config_mod
from seuranta.model.config import Config
from seuranta.model.documents import MEASURE, Document
from seuranta.model.index import build
from seuranta.model.loader import load_bytes
from seuranta.prose import personal
from seuranta.rules import Context, context, support

PROBES = [personal.HETU_PROBE, personal.PHONE_PATTERN, re.compile("@"), re.compile(r"\d\.\d")]


def _plain(data: Any, probe: re.Pattern[str]) -> list[support.Text]:
    return [t for t in support.strings(data) if probe.search(t.text)]


def _check(docs: list[Document], ctx: Context) -> None:
    for doc in docs:
        file_ctx = ctx.for_file()
        for probe in PROBES:
            assert support.strings_with(doc, file_ctx, probe) == _plain(doc.data, probe), (doc.path, probe)


def test_the_strings_a_probe_matches_in_are_the_plain_searchs_in_the_shipped_data() -> None:
    tree = load_tree(REPO, config_mod.load(REPO).config)
    docs = [doc for doc in tree.docs if doc.data is not None]
    ctx = context(tree.model, Config(), datetime.date(2023, 1, 1))
    _check(docs, ctx)
    _check(docs, ctx)  # every answer now kept


def test_the_answers_forgotten_are_found_again(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(support, "SEARCHED_CHARS", 100)
    tree = load_tree(REPO, config_mod.load(REPO).config)
    docs = [doc for doc in tree.docs if doc.data is not None]
    ctx = context(tree.model, Config(), datetime.date(2023, 1, 1))
    _check(docs, ctx)
    searched = ctx.run["searched"]
    assert searched.probes == PROBES
    assert searched.chars[0] <= 100 + max(len(text) for text in searched.known)


VALUES = st.sampled_from(["131052-308T", "040 123 4567", "a@b.fi", "15.2.2021", "teksti", "2021-05-15", ""])
TREES = st.recursive(
    VALUES,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.sampled_from(["a", "b", "text"]), inner, max_size=3),
    max_leaves=12,
)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.dictionaries(st.sampled_from(["text", "notes", "x"]), TREES, max_size=3), min_size=1, max_size=4))
def test_the_strings_a_probe_matches_in_are_the_plain_searchs_in_generated_files(values: list[dict[str, Any]]) -> None:
    base = load_bytes("data/ex/tp01/01-a.yaml", b"id: ex/tp01/01-a\n")
    docs = [Document(MEASURE, "ex/tp01/01-a", base._replace(data={"id": "ex/tp01/01-a", **value})) for value in values]
    _check(docs, context(build(docs[:1]), Config(), datetime.date(2023, 1, 1)))
