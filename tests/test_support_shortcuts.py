"""The forms of `rules/support.py` written for speed give what their plain forms give.

`group_id()` cuts an id at its second "/" where the plain form splits it at every "/" and joins the first two
parts again, over every id of up to six characters of "a" and "/" (declared, or implied by the file's path);
`prose_holding()` picks a file's texts by their presence bits with `itertools.compress` where the plain form
zips them, over every file of the shipped data and every kind of fact; `items()` keeps a list's mappings with
`filter(dict.__instancecheck__, …)` where the plain form asks `isinstance()` item by item; `statuses()` makes its
entries with `tuple.__new__` where the plain form calls the named tuple, over generated lists of entries;
`programme_ids()` keeps a programme's ids under a key once per run, where the plain form lists them for every file,
over files of two programmes naming each other's portfolios and goals in one run.
"""

from __future__ import annotations

import collections
import datetime
import itertools
from typing import Any, NamedTuple

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import REPO
from seuranta.check.tree import load_tree
from seuranta.model import config as config_mod
from seuranta.model.documents import GROUP, MEASURE, PROGRAMME, Document
from seuranta.model.index import build
from seuranta.model.loader import load_bytes
from seuranta.prose import presence
from seuranta.rules import Context, context, ref_benefit_goal, ref_portfolio, support

IDS = ["".join(chars) for size in range(7) for chars in itertools.product("a/", repeat=size)]
_BASE = load_bytes("data/ex/tp01/01-a.yaml", b"id: ex/tp01/01-a\n")


def _plain_group_id(doc: Document) -> str:
    ident = doc.data.get("id") if isinstance(doc.data, dict) else None
    ident = ident if isinstance(ident, str) and ident.count("/") >= 1 else doc.expected_id
    return "/".join(ident.split("/")[:2])


@pytest.mark.parametrize("expected", ["", "a", "a/b", "a/b/c", "a/b/c/d", "/", "a//"])
def test_a_group_id_is_the_first_two_parts_of_the_id(expected: str) -> None:
    values: list[Any] = [*IDS, None, 7, ["a/b"]]
    for declared in values:
        doc = Document(MEASURE, expected, _BASE._replace(data={"id": declared}))
        assert support.group_id(doc) == _plain_group_id(doc), (declared, expected)
    doc = Document(MEASURE, expected, _BASE._replace(data=["a/b/c"]))
    assert support.group_id(doc) == _plain_group_id(doc)


def test_the_texts_holding_a_kind_are_those_whose_bits_have_it() -> None:
    loaded = config_mod.load(REPO)
    tree = load_tree(REPO, loaded.config)
    ctx = context(tree.model, loaded.config, datetime.date(2026, 1, 1))
    bits = [1 << at for at in range(16)]
    picked = 0
    for doc in [doc for doc in tree.docs if doc.data is not None]:
        file_ctx = ctx.for_file()
        texts = support.prose(doc, file_ctx)
        held = presence.each([text.text for text in texts])
        for kinds in [*bits, sum(bits), presence.DATES | presence.CLAIMS, 0]:
            plain = [text for text, k in zip(texts, held, strict=True) if k & kinds]
            assert support.prose_holding(doc, file_ctx, kinds) == plain, (doc.path, kinds)
            picked += len(plain)
    assert picked > 0


class _Pair(NamedTuple):
    key: str
    value: int


class _Mapping(dict[str, Any]):
    pass


ITEMS: list[Any] = [{"id": "a"}, collections.OrderedDict(id="b"), collections.defaultdict(int), _Mapping(id="c")]
OTHERS: list[Any] = [None, 3, "id", ["id"], ("id", 1), _Pair("id", 1), {"id"}, frozenset(), b"id"]


@pytest.mark.parametrize("listed", [ITEMS + OTHERS, OTHERS + ITEMS, OTHERS, ITEMS, [], ITEMS[::-1] + OTHERS[::2]])
def test_the_items_of_a_list_are_its_mappings_in_order(listed: list[Any]) -> None:
    plain = [item for item in listed if isinstance(item, dict)]
    assert support.items({"metrics": listed}, "metrics") == plain
    assert all(a is b for a, b in zip(support.items({"metrics": listed}, "metrics"), plain, strict=True))
    for data in ({"metrics": tuple(listed)}, {"metrics": None}, {}, listed, None, "metrics"):
        assert support.items(data, "metrics") == []  # type: ignore[arg-type]


def _plain_statuses(data: Any) -> list[support.Status]:
    items = data.get("statuses") if isinstance(data, dict) else None
    return [
        support.Status(index, item["date"], item["text"], item)
        for index, item in enumerate(items if isinstance(items, list) else [])
        if isinstance(item, dict) and isinstance(item.get("date"), str) and isinstance(item.get("text"), str)
    ]


LEAVES = st.none() | st.integers(0, 2) | st.sampled_from(["", "2021-05-15", "teksti"])
ENTRIES = st.dictionaries(st.sampled_from(["date", "text", "answers"]), LEAVES, max_size=3) | LEAVES


@settings(max_examples=300, deadline=None)
@given(st.lists(ENTRIES, max_size=6) | LEAVES)
def test_the_statuses_are_the_entries_with_a_date_and_a_text(entries: Any) -> None:
    doc = Document(MEASURE, "ex/tp01/01-a", _BASE._replace(data={"statuses": entries}))
    found = list(support.statuses(doc))
    assert found == _plain_statuses(doc.data)
    assert all(type(status) is support.Status and status.data is entries[status.position] for status in found)


def _fresh_ids(doc: Document, ctx: Context, key: str) -> support.Listed:
    listed = support.ids(support.programme(doc, ctx), key)
    return support.Listed(listed, frozenset(listed))


def _file(kind: str, ident: str, text: str) -> Document:
    path = f"data/{ident}/programme.yaml" if kind == PROGRAMME else f"data/{ident}.yaml"
    return Document(kind, ident, load_bytes(path, text.encode("utf-8")))


def _two_programmes() -> list[Document]:
    """Two programmes listing different portfolios and goals, and a group and a measure of each naming both."""
    docs = []
    for own, other in (("ex", "fx"), ("fx", "ex")):
        docs.append(
            _file(
                PROGRAMME,
                own,
                f"id: {own}\ntitle: T\nportfolios: [{{id: {own}1, number: 1, title: S}}]\n"
                f"benefit_goals: [{{id: {own}-goal, title: G}}]\n"
                f"themes: [{{id: t, title: T, benefit_goal: {other}-goal}}]\n",
            )
        )
        named = f"portfolios: [{own}1, {other}1]\nbenefit_goal: {other}-goal\n"
        docs.append(_file(GROUP, f"{own}/tp01/_group", f"id: {own}/tp01\nnumber: '1'\ntitle: R\n{named}"))
        docs.append(_file(MEASURE, f"{own}/tp01/01-a", f"id: {own}/tp01/01-a\nnumber: '1'\ntitle: M\n{named}"))
    return docs


def test_a_programmes_ids_kept_for_the_run_are_those_it_lists() -> None:
    docs = _two_programmes()
    rules = (ref_portfolio, ref_benefit_goal)

    def found() -> list[tuple[str, str, str]]:
        ctx = context(build(docs), config_mod.Config(), datetime.date(2026, 1, 1))  # one run memo for every file
        return [
            (doc.path, rule.ID, hit.match)
            for doc in docs
            for rule in rules
            if doc.kind in rule.KINDS
            for hit in rule.check(doc, ctx.for_file())
        ]

    kept = found()
    with pytest.MonkeyPatch.context() as patched:
        for rule in rules:
            patched.setattr(rule, "programme_ids", _fresh_ids)
        assert kept == found()
    assert kept == [  # each file names the other programme's goal, the group and the measure its portfolio too
        (f"data/{path}.yaml", rule, f"{other}{suffix}")
        for own, other in (("ex", "fx"), ("fx", "ex"))
        for path, rule, suffix in (
            (f"{own}/programme", "ref-benefit-goal", "-goal"),
            (f"{own}/tp01/_group", "ref-portfolio", "1"),
            (f"{own}/tp01/_group", "ref-benefit-goal", "-goal"),
            (f"{own}/tp01/01-a", "ref-portfolio", "1"),
            (f"{own}/tp01/01-a", "ref-benefit-goal", "-goal"),
        )
    ]
