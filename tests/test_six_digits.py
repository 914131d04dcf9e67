"""`personal.six_digits()`, the fast form of `personal.HETU_PROBE` the henkilötunnus rules rule a file out with,
answers exactly what the probe's search does, on generated text made of what it looks at (ASCII digits, other
digits `\\d` knows, characters of several UTF-8 lengths, separators) and on every file of the shipped data; and a
file it rules out holds no match of `HETU_SHAPE`, so the rules read exactly the strings they read without it."""

from __future__ import annotations

import datetime

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from conftest import REPO
from seuranta.check.tree import load_tree
from seuranta.model import config as config_mod
from seuranta.prose import personal
from seuranta.rules import context, hetu, support

_ALPHABET = "0123456789" + "٣３¹½" + " -+AaäÖ€\n\u00a0\u2013" + "\U0001d7d8\U0001f600"


def _probe(text: str) -> bool:
    return personal.HETU_PROBE.search(text) is not None


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet=_ALPHABET, max_size=40))
@example("131052-308T")
@example("12345")
@example("123456")
@example("12345\n6")
@example("\u0663" * 6)
@example("12\ud80034567")
@example("1\ud800123456")
def test_six_digits_is_the_probe(text: str) -> None:
    assert personal.six_digits(text) == _probe(text)
    if personal.HETU_SHAPE.search(text):
        assert personal.six_digits(text)


@pytest.mark.parametrize(
    ("text", "expected"),
    [("Yhteyshenkilö 131052-308T.", True), ("2021-05-15: 12/15, 150 000 €", False), ("puh. 0401234567", True)],
)
def test_six_digits_in_prose(text: str, expected: bool) -> None:
    assert personal.six_digits(text) is expected


def test_coded_strings_are_the_probed_strings() -> None:
    loaded = config_mod.load(REPO)
    tree = load_tree(REPO, loaded.config)
    ctx = context(tree.model, loaded.config, datetime.date(2026, 1, 1))
    docs = [doc for doc in tree.docs if doc.data is not None]
    ruled_out = 0
    for doc in docs:
        plain = support.strings_with(doc, ctx.for_file(), hetu.PROBE)
        file_ctx = ctx.for_file()
        assert support.coded_strings(doc, file_ctx) == plain
        ruled_out += not file_ctx.file["six digits"]
    assert 0 < ruled_out < len(docs)
