"""A rule passed over for a file none of whose texts holds what it reads finds exactly what it finds when run.

A rule names the kinds of fact it reads (`NEEDS`, bits of `prose.presence`); the engine runs it only on a file
whose free-text values hold one of them (`rules/support.py:holds()`). Held here to the plain run of every rule
on every file, on every example repository and the shipped data (every such rule has a finding there), on
generated files made of what the readers look for, and each bit to the reading it stands for. A rule passed
over where it has findings is caught, and a rule is really passed over where its kinds are missing.
"""

from __future__ import annotations

import datetime
import json
import types
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import EXAMPLES, REPO
from seuranta.check import engine
from seuranta.check.tree import load_tree
from seuranta.model import config as config_mod
from seuranta.model.config import Config
from seuranta.model.documents import GROUP, MEASURE, PROGRAMME, Document
from seuranta.model.index import Model, build
from seuranta.model.loader import load_bytes
from seuranta.model.problem import Problem
from seuranta.prose import (
    changes,
    facts,
    notation,
    pointers,
    presence,
    proportions,
    respondents,
    tense,
)
from seuranta.rules import Context, Hit, context, support
from seuranta.rules.registry import RULES
from test_fast_patterns import SHIPPED
from test_read_once import PIECES

TODAY = datetime.date(2023, 1, 1)
NEEDING = [rule for rule in RULES if getattr(rule, "NEEDS", 0)]
EVERY_BIT = sum(value for name, value in vars(presence).items() if name.isupper() and isinstance(value, int))


def _with_needs(rule: types.ModuleType, needs: int) -> types.ModuleType:
    """The rule with other needs (0: none, run on every file); its check() is the rule's own."""
    copy = types.ModuleType(rule.__name__)
    copy.__dict__.update(vars(rule), NEEDS=needs)
    return copy


PLAIN = tuple(_with_needs(rule, 0) for rule in RULES)


def _problems(docs: Iterable[Document], model: Model, rules: Iterable[types.ModuleType]) -> list[Problem]:
    ctx = context(model, Config(), TODAY)
    return [p for doc in docs if doc.data is not None for p in engine.rule_problems(doc, ctx.for_file(), rules)]


class Tree:
    def __init__(self, root: Path) -> None:
        loaded = load_tree(root, config_mod.load(root).config)
        self.docs, self.model = loaded.docs, loaded.model


TREES = [Tree(REPO), *(Tree(p) for p in sorted(EXAMPLES.iterdir()) if (p / ".seuranta.yaml").is_file())]


def test_a_rule_passed_over_finds_what_it_finds_when_run_in_the_shipped_data_and_examples() -> None:
    for tree in TREES:
        assert _problems(tree.docs, tree.model, RULES) == _problems(tree.docs, tree.model, PLAIN)


@pytest.mark.parametrize("rule", NEEDING, ids=[rule.ID for rule in NEEDING])
def test_a_rule_passed_over_where_it_has_findings_is_caught(rule: types.ModuleType) -> None:
    wrong = tuple(_with_needs(r, EVERY_BIT + 1) if r.ID == rule.ID else r for r in PLAIN)  # a kind no text holds
    lost = [t for t in TREES if _problems(t.docs, t.model, wrong) != _problems(t.docs, t.model, PLAIN)]
    assert lost, rule.ID


def test_a_rule_is_not_run_on_a_file_without_what_it_reads(monkeypatch: pytest.MonkeyPatch) -> None:
    ran: list[str] = []

    def counted(rule: types.ModuleType) -> Callable[[Document, Context], Iterator[Hit]]:
        def check(doc: Document, ctx: Context) -> Iterator[Hit]:
            ran.append(rule.ID)
            return rule_check(doc, ctx)

        rule_check: Callable[[Document, Context], Iterator[Hit]] = rule.check
        return check

    for rule in NEEDING:
        monkeypatch.setattr(rule, "check", counted(rule))
    docs = _documents(["Työ jatkuu suunnitellusti."], note="Ryhmä kokoontuu.")
    _problems(docs, build(docs), RULES)
    assert not ran
    docs = _documents(["Kysely tehdään 30.421."], note="Ryhmä kokoontuu.")
    assert _problems(docs, build(docs), RULES)
    assert set(ran) == {"date-invalid", "date-after-round", "state-after-round", "future-stale"}


# --- generated files ------------------------------------------------------------------------

MORE = [
    "kts. työpaketti 2 tp10",
    "tp 1 ",
    "HS 2",
    "toimenpide 3",
    "120 %",
    "45,5%",
    "140 000 puhelua (80%~84 000)",
    "N=15",
    "N = 12",
    "Tilanne 15.11.2021\n",
    "Muutos verrattuna 15.5.2021 tilanteeseen: a)-vastaukset + 2 kuntaa",
    "Tavoite: Kunnan rakenteet kirjattu: a)-vastaukset +2 kuntaa",
    "julkaistaan 16.3.2021",
    "e) Suunnittelua ei ole käynnistetty\n",
    "käynnistänyt pilotin",
    "TODO",
    "(RIKU JA TUJUA TÄYTTÄNYT 15.9.)",
    "alle 7 vrk:ssa 86.",
    "Kts. kohta 2.",
    "hankesalkkujen yhteinen (1,2,3,5,6)",
    "Jos vastasit edelliseen kyllä, mitä (vastaajia 11/ 22 kuntaa)?",
    "Vastaajia 22/ 23 kuntaa",
    "a) Kyllä 5/ 22 kuntaa\n",
    "b) Ei 17/ 22 kuntaa\n",
    "Onko kunnassa yhdyshenkilö?\n",
    "valmistui 8.11.2022",
    "keväällä 2021 6/14 kunnassa",
    "10/15 kunnassa 8 ikäihmisille, 4 nuorille ja 3 muille",
    "7/30 kunnassa",
    "käytössä 12/22",
    "9/2021",
    "13/2021",
]
TEXTS = st.lists(st.sampled_from([*PIECES, *MORE]), max_size=12).map("".join)

PROGRAMME_TEXT = """\
id: ex
title: Esimerkki
group_label: työpaketti
rounds: [{date: "2020-11-15", label: L, kind: baseline}, {date: "2021-05-15", label: T}, {date: "2021-11-15", label: S}]
populations: [{id: kunta, size: 23, lemmas: [kunta]}, {id: organisaatio, size: 15, lemmas: [organisaatio]}]
respondents: [{round: "2021-05-15", population: kunta, count: 22}]
portfolios: [{id: hs1, number: 1, title: Vastaanotot, aliases: [HS1]}, {id: hs2, number: 2, title: Mielenterveys}]
"""


def _yaml(text: str) -> str:
    return json.dumps(text, ensure_ascii=False)  # a JSON string is a YAML double-quoted scalar


def _document(kind: str, ident: str, text: str) -> Document:
    return Document(kind, ident, load_bytes(f"data/{ident}.yaml", text.encode("utf-8")))


def _documents(statuses: list[str], *, note: str, field: str = "") -> list[Document]:
    dates = ["2020-11-15", "2021-05-15", "2021-11-15", "2022-05-15"]
    listed = "".join(f"- date: '{d}'\n  text: {_yaml(t)}\n" for d, t in zip(dates, statuses, strict=False))
    measure = (
        f"id: ex/tp01/01-a\nnumber: '1'\ntitle: Vastaanottojen uudistaminen\nportfolios: [hs2]\n"
        f"description: {_yaml(field)}\noutputs: {_yaml(note)}\nstatuses:\n{listed}"
    )
    other = "id: ex/tp01/02-b\nnumber: '10'\ntitle: Mielenterveyspalvelut\n"
    group = f"id: ex/tp01\nnumber: '2'\ntitle: R\nportfolios: [hs1]\nstatus_note: {_yaml(note)}\n"
    return [
        _document(PROGRAMME, "ex/programme", PROGRAMME_TEXT),
        _document(GROUP, "ex/tp01/_group", group),
        _document(MEASURE, "ex/tp01/01-a", measure),
        _document(MEASURE, "ex/tp01/02-b", other),
    ]


@settings(max_examples=300, deadline=None)
@given(st.lists(TEXTS, min_size=1, max_size=4), TEXTS, TEXTS)
def test_a_rule_passed_over_finds_what_it_finds_when_run_in_generated_files(
    statuses: list[str], note: str, field: str
) -> None:
    docs = _documents(statuses, note=note, field=field)
    model = build(docs)
    assert _problems(docs, model, RULES) == _problems(docs, model, PLAIN)


# --- a rule that reads only the texts with its kinds -------------------------------------------------------------------

WALKING = [rule for rule in RULES if hasattr(rule, "prose_holding")]  # rules that walk `support.prose_holding()`


def _every_text(doc: Document, ctx: Context, kinds: int) -> list[support.Text]:
    return support.prose(doc, ctx)


def _no_text(doc: Document, ctx: Context, kinds: int) -> list[support.Text]:
    return []


def _walking_every_text(docs: list[Document], model: Model, walk: Callable[..., list[support.Text]]) -> list[Problem]:
    with pytest.MonkeyPatch.context() as patched:
        for rule in WALKING:
            patched.setattr(rule, "prose_holding", walk)
        return _problems(docs, model, RULES)


def test_a_rule_walking_the_texts_with_its_kinds_finds_what_it_finds_in_every_text() -> None:
    assert {rule.ID for rule in WALKING} >= {"date-invalid", "ref-unresolved", "percent-range", "number-format"}
    for tree in TREES:
        assert _problems(tree.docs, tree.model, RULES) == _walking_every_text(tree.docs, tree.model, _every_text)


def test_a_rule_walking_no_text_is_caught() -> None:
    lost = {
        p.rule
        for tree in TREES
        for p in set(_walking_every_text(tree.docs, tree.model, _every_text))
        - set(_walking_every_text(tree.docs, tree.model, _no_text))
    }
    assert lost == {rule.ID for rule in WALKING}  # each has a finding in the shipped data or the examples


@settings(max_examples=300, deadline=None)
@given(st.lists(TEXTS, min_size=1, max_size=4), TEXTS, TEXTS)
def test_a_rule_walking_the_texts_with_its_kinds_finds_what_it_finds_in_every_text_of_generated_files(
    statuses: list[str], note: str, field: str
) -> None:
    docs = _documents(statuses, note=note, field=field)
    model = build(docs)
    assert _problems(docs, model, RULES) == _walking_every_text(docs, model, _every_text)


# --- each bit is set where its reading finds something ----------------------------------------------------------------

WORDS = ("kunta", "organisaatio")
READINGS: list[tuple[int, Callable[[str], list[Any]]]] = [
    (presence.DATES, facts.dates),
    (presence.REFERENCES, facts.references),
    (presence.PERCENTS, facts.percents),
    (presence.NOTATIONS, notation.notations),
    (presence.SEE_ITEMS, pointers.see_items),
    (presence.PORTFOLIO_LISTS, pointers.portfolio_lists),
    (presence.SIZES, respondents.sizes),
    (presence.SHARES, proportions.shares),
    (presence.CLAIMS, changes.claims),
    (presence.DATES, tense.futures),  # a date in the future tense
]
# What the population words change: read with each set of words, found only where the bit is set.
SLASH_READINGS: list[tuple[int, Callable[[str, tuple[str, ...]], list[Any]]]] = [
    (presence.SLASHES, facts.fractions),
    (presence.SLASHES, facts.month_years),
    (presence.TALLIES, facts.tallies),
    (presence.TALLIES, changes.questions),
    (presence.TALLIES, respondents.follow_ups),
]


def _bits_are_readings(text: str) -> None:
    held = presence.kinds(text)
    for bit, read in READINGS:
        assert held & bit or not read(text), (read.__name__, text)
    for bit, read_with in SLASH_READINGS:
        for words in (WORDS, (), ("kunna",)):
            assert held & bit or not read_with(text, words), (read_with.__name__, text)
    assert held & presence.SLASHES or not held & presence.TALLIES


@settings(max_examples=300, deadline=None)
@given(TEXTS)
def test_a_bit_is_set_where_its_reading_finds_something(text: str) -> None:
    _bits_are_readings(text)


def test_a_bit_is_set_where_its_reading_finds_something_in_the_shipped_data() -> None:
    for text in SHIPPED:
        _bits_are_readings(text)
    held = [presence.kinds(text) for text in SHIPPED]
    for bit, _ in [*READINGS, *SLASH_READINGS]:
        assert sum(1 for h in held if h & bit) < len(held) / 2, bit  # a bit that rules out most texts
    every = 0
    for bits in held:
        every |= bits
    assert every == EVERY_BIT  # every kind occurs in the shipped data


def test_a_file_holds_what_its_free_text_values_hold() -> None:
    docs = _documents(["Malli on 7/14 kunnassa."], note="Valmistui 8.11.2021.", field="Kts. kohta 2.")
    ctx = context(build(docs), Config(), TODAY)
    measure, group = docs[2], docs[1]
    pointer = presence.SEE_ITEMS | presence.REFERENCES  # "Kts." is an external reference too
    assert support.holds(measure, ctx.for_file()) == presence.SLASHES | presence.DATES | pointer
    assert support.holds(group, ctx.for_file()) == presence.DATES  # its status note
