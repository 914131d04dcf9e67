"""What the rules keep for a run is what they would find again: the strings a probe matches in, and what a
programme declares.

`support.strings_with()` searches a file's strings joined together, each string on its own only where the
joined text matches, and makes a path only for a string that matches; held here to searching every string of
every file, on the shipped data and on generated values (`tests/test_probed_strings.py` holds the joined search
to the plain one over lists of strings).
A programme's populations, their words and its round days are found once per run and programme.
"""

from __future__ import annotations

import datetime
import re
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import REPO
from seuranta.check import engine
from seuranta.check.tree import load_tree
from seuranta.model import config as config_mod
from seuranta.model.config import Config
from seuranta.model.documents import MEASURE, Document
from seuranta.model.index import build
from seuranta.model.loader import load_bytes
from seuranta.prose import personal
from seuranta.rules import Context, context, hetu, hetu_lookalike, personal_email, personal_phone, support

PROBES: list[support.Probe] = [
    personal.HETU_PROBE,
    personal.PHONE_PATTERN,
    re.compile("@"),
    re.compile(r"\d\.\d"),
    personal.PHONE_PROBES,
]


def _matches(probe: support.Probe, text: str) -> bool:
    """Whether the probe (any of its patterns) matches in the text."""
    return any(pattern.search(text) for pattern in (probe if isinstance(probe, tuple) else (probe,)))


def _plain(data: Any, probe: support.Probe) -> list[support.Text]:
    return [t for t in support.strings(data) if _matches(probe, t.text)]


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
    _check(docs, ctx)  # and again in the same run


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


def test_what_a_programme_declares_kept_for_the_run_is_what_its_data_says() -> None:
    tree = load_tree(REPO, config_mod.load(REPO).config)
    programmes = [doc.data for doc in tree.docs if isinstance(doc.data, dict)] + [
        {
            "populations": [3, {"size": 4, "lemmas": ["kunta"]}],
            "rounds": [{"date": "2021-13-01"}, {"date": "2021-05-15"}],
        },
        {},
    ]
    ctx = context(tree.model, Config(), datetime.date(2023, 1, 1))
    for doc in [d for d in tree.docs if d.data is not None]:
        for _ in range(2):  # found, then kept
            file_ctx = ctx.for_file()
            world = support.programme(doc, file_ctx)
            assert support.programme_populations(doc, file_ctx) == support.populations(world)
            assert support.programme_words(doc, file_ctx) == support.stems(world)
            days = sorted(datetime.date.fromisoformat(r) for r in support.round_dates(world) if support.iso_date(r))
            assert support.round_days(doc, file_ctx) == days
    for world in programmes:
        file_ctx = ctx.for_file()
        file_ctx.file["programme"] = world
        doc = tree.docs[0]
        assert support.programme_populations(doc, file_ctx) == support.populations(world)
        assert support.programme_words(doc, file_ctx) == support.stems(world)
        assert support.round_days(doc, file_ctx) == sorted(
            datetime.date.fromisoformat(r) for r in support.round_dates(world) if support.iso_date(r)
        )


# --- a personal-data rule reads only the strings its probe matches in ---------------------------------------------------

PERSONAL = [
    (hetu, personal.hetus),
    (hetu_lookalike, personal.hetus),
    (personal_phone, personal.phones),
    (personal_email, personal.emails),
]
PIECES = [
    *["131052-308T", "131052 - 308T", "131052 308t", "131052-308 T", "010594Y9032", "hetu131052-308T", "131052–308T"],
    *["040 123 4567", "+358 40 1234567", "(03) 565 7000", "a@b.fi", "002_21edf746304e82d6.txt", "https://x.fi/"],
    *["a@b.fi+358 40 1234567", "a@b.fi(03) 565 7000", "www.x.fi/", "http://x.fi/0401234567", "2021-05-15"],
    *"0123456789 -–+@.,:/()_\u00a0\naeATY",
]


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(PIECES), max_size=12).map("".join))
def test_a_personal_rules_probe_matches_wherever_it_reads_something(text: str) -> None:
    for rule, read in PERSONAL:
        assert _matches(rule.PROBE, text) or not read(text), rule.ID


def test_a_personal_rules_probe_matches_wherever_it_reads_something_in_the_shipped_data() -> None:
    tree = load_tree(REPO, config_mod.load(REPO).config)
    texts = [t.text for doc in tree.docs if doc.data is not None for t in support.strings(doc.data)]
    for rule, read in PERSONAL:
        assert any(read(text) for text in texts + PIECES), rule.ID
        for text in texts + PIECES:
            assert _matches(rule.PROBE, text) or not read(text), (rule.ID, text)


def test_a_phone_number_glued_to_an_address_is_found() -> None:
    text = b"id: ex/tp01/01-a\ntitle: A\nstatuses:\n- date: '2021-05-15'\n  text: Soita a@b.fi+358 40 1234567.\n"
    doc = Document(MEASURE, "ex/tp01/01-a", load_bytes("data/ex/tp01/01-a.yaml", text))
    ctx = context(build([doc]), Config(), datetime.date(2023, 1, 1))
    found = [(p.rule, p.line, p.column, p.match) for p in engine.rule_problems(doc, ctx.for_file(), [personal_phone])]
    assert found == [("personal-phone", 5, 21, "+358 40 1234567")]
