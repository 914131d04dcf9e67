"""Semantic rules never raise: whatever shape a file has, the schema reports it and the rules carry on."""

from __future__ import annotations

import contextlib
import datetime
import io
from pathlib import Path
from typing import Protocol

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import programmes
from seuranta.check.engine import check_document
from seuranta.cli import main
from seuranta.model.config import Config
from seuranta.model.documents import Document
from seuranta.model.index import build
from seuranta.model.loader import load_bytes
from seuranta.prose import facts, personal
from seuranta.rules import context

PROGRAMME = """\
id: ex
title: Esimerkki
group_label: työpaketti
benefit_goals: [{id: saatavuus, title: Saatavuus, national: saatavuus}]
rounds: [{date: "2021-05-15", label: Tilanne}]
populations: [{id: kunta, size: 23, stems: [kunta, kunna]}]
"""

ODD_MEASURES = [
    "id: ex/tp01/01-a\ntitle: A\nstatuses: tekstiä\n",
    "id: ex/tp01/01-a\ntitle: A\nnumber: 5\nportfolios: hs1\nrelated: 3\nbenefit_goal: [a]\n",
    "id: ex/tp01/01-a\ntitle: A\nstatuses: [1, [2], {date: 2021, text: 3}, {date: '2021-13-45', text: x}]\n",
    "id: 7\ntitle: A\nstatuses: [{date: '2021-05-15', text: 'a) 1/23 b) 30.421', observations: [{quote: 5}, 3]}]\n",
    (
        "id: ex/tp01/01-a\ntitle: A\nsubpopulations: [{id: x, size: '10', stems: kunta}, 4]\n"
        "statuses: [{date: '2021-05-15', text: '7/11 kuntaa'}]\n"
    ),
    "title: A\n",
    (
        "id: ex/tp01/01-a\ntitle: A\ncontinuation: jatkuu\nmetrics: [3, {id: 5}, {id: m, kind: yes-no, due: 2021-13},"
        " {id: n, kind: yes-no, due: [1]}, {id: o, kind: yes-no, due: '2021-02-30'}]\n"
        "statuses: [{date: '2021-05-15', text: x, answers: [1, {metric: m}, {metric: [n]}, {metric: o, value: null}]}]\n"
    ),
    "id: ex/tp01/01-a\ntitle: A\ncontinuation: {text: [a], responsible: 3}\nmetrics: {id: m}\n",
]
ODD_PROGRAMMES = [
    PROGRAMME.replace('rounds: [{date: "2021-05-15", label: Tilanne}]', "rounds: nyt"),
    PROGRAMME.replace("populations: [{id: kunta, size: 23, stems: [kunta, kunna]}]", "populations: [3, {size: x}]"),
    PROGRAMME + "portfolios: [{id: hs1, number: yksi, aliases: HS 1}]\nrespondents: [{round: 1, count: x}]\n",
    "id: [ex]\ntitle: x\n",
]


def validate(root: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[int, str]:
    monkeypatch.chdir(root)
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        code = main(["validate", "--lang", "en"])
    return code, out.getvalue()


def tree(root: Path, programme: str, measure: str) -> Path:
    group = 'id: ex/tp01\nnumber: "1"\ntitle: R\n'
    return programmes.write_repo(root, programme=programme, group=group, measures={"data/ex/tp01/01-a.yaml": measure})


@pytest.mark.parametrize("measure", ODD_MEASURES)
def test_odd_measures_give_findings_not_crashes(tmp_path: Path, measure: str, monkeypatch: pytest.MonkeyPatch) -> None:
    code, output = validate(tree(tmp_path, PROGRAMME, measure), monkeypatch)
    assert code in (0, 1) and output.rstrip().splitlines()[-1].endswith("files checked.")


@pytest.mark.parametrize("programme", ODD_PROGRAMMES)
def test_odd_programmes_give_findings_not_crashes(
    tmp_path: Path, programme: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    code, output = validate(tree(tmp_path, programme, ODD_MEASURES[4]), monkeypatch)
    assert code in (0, 1) and output.rstrip().splitlines()[-1].endswith("files checked.")


class Spanned(Protocol):
    @property
    def start(self) -> int: ...
    @property
    def end(self) -> int: ...
    @property
    def text(self) -> str: ...


PIECES = [*"0123456789 ./-,:;()%+aeiktuyäöACTYhs\n\t@", "kuntaa", "tp", "HS ", "työpaketti ", "a) ", "b) "]
PROSE = st.lists(st.sampled_from(PIECES), max_size=60).map("".join)


@settings(max_examples=300, suppress_health_check=[HealthCheck.too_slow])
@given(PROSE)
def test_facts_never_raise_and_offsets_hold(text: str) -> None:
    found: list[Spanned] = [
        *facts.fractions(text, ("kunta",)),
        *facts.percents(text),
        *facts.dates(text),
        *facts.month_years(text, ("kunta",)),
        *personal.phones(text),
        *personal.emails(text),
    ]
    for item in found:
        assert text[item.start : item.end] == item.text
    for ref in facts.references(text):
        assert text[ref.start : ref.end].startswith(ref.text[:1])
    for tally in facts.tallies(text, ("kunta",)):
        assert text[tally.start : tally.end] == tally.text


MEASURE_KEYS = [
    "id",
    "number",
    "title",
    "benefit_goal",
    "portfolios",
    "related",
    "subpopulations",
    "metrics",
    "continuation",
    "statuses",
    "acknowledged",
    "date",
    "text",
    "observations",
    "answers",
    "quote",
    "value",
    "of",
    "unit",
    "metric",
    "kind",
    "due",
    "responsible",
    "size",
    "stems",
    "rule",
    "match",
    "reason",
]
PROGRAMME_KEYS = [
    "id",
    "title",
    "group_label",
    "benefit_goals",
    "portfolios",
    "rounds",
    "populations",
    "respondents",
    "national",
    "number",
    "aliases",
    "date",
    "label",
    "kind",
    "size",
    "stems",
    "round",
    "population",
    "count",
]
GROUP_KEYS = ["id", "number", "title", "benefit_goal", "portfolios", "plan_measures", "text", "responsible"]
LEAVES = st.none() | st.booleans() | st.integers(-5, 40) | PROSE | st.sampled_from(["2021-05-15", "ex/tp01", "hs1"])
REAL_MEASURE = (
    "id: ex/tp01/01-a\nnumber: Tp 1.\ntitle: A\nstatuses:\n- date: '2021-05-15'\n"
    "  text: 'Käytössä 7/14 organisaatiossa, 3/23 kuntaa, 45 %, kts. työpaketti 2 tp 3, HS 1, 30.421.'\n"
)


def structures(keys: list[str], *, max_leaves: int, max_size: int) -> st.SearchStrategy[dict[str, object]]:
    """Arbitrary nestings of lists and mappings whose keys are the file kind's own words."""
    shapes = st.recursive(
        LEAVES,
        lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.sampled_from(keys), inner, max_size=4),
        max_leaves=max_leaves,
    )
    return st.dictionaries(st.sampled_from(keys), shapes, max_size=max_size)


PLACES = {
    "programme": ("ex", "data/ex/programme.yaml"),
    "group": ("ex/tp01", "data/ex/tp01/_group.yaml"),
    "measure": ("ex/tp01/01-a", "data/ex/tp01/01-a.yaml"),
}


def document(kind: str, text: str) -> Document:
    ident, path = PLACES[kind]
    return Document(kind, ident, load_bytes(path, text.encode()))


def dumped(data: dict[str, object]) -> str:
    return yaml.safe_dump(data, allow_unicode=True)


def assert_findings_only(docs: list[Document], *, checked: list[Document]) -> None:
    """Loader, schema, every rule and the acknowledgements: located findings in both languages, no exception."""
    ctx = context(build(docs), Config(), datetime.date(2023, 1, 1))
    for doc in checked:
        for problem in check_document(doc, ctx):
            assert problem.line >= 1 and problem.column >= 1 and problem.message.fi and problem.message.en


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(structures(MEASURE_KEYS, max_leaves=14, max_size=8))
def test_any_shape_of_measure_gives_findings_not_exceptions(data: dict[str, object]) -> None:
    measure = document("measure", dumped({"id": "ex/tp01/01-a", **data}))
    assert_findings_only([document("programme", PROGRAMME), measure], checked=[measure])


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(structures(PROGRAMME_KEYS, max_leaves=14, max_size=8))
def test_any_shape_of_programme_gives_findings_not_exceptions(data: dict[str, object]) -> None:
    """Every rule reads the programme (rounds, populations, portfolios): whatever it holds, findings only."""
    programme = document("programme", dumped({"id": "ex", **data}))
    measure = document("measure", REAL_MEASURE)
    assert_findings_only([programme, measure], checked=[programme, measure])


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(structures(GROUP_KEYS, max_leaves=12, max_size=6))
def test_any_shape_of_group_gives_findings_not_exceptions(data: dict[str, object]) -> None:
    """Numbers and references are resolved through the group files: whatever they hold, findings only."""
    group = document("group", dumped(data))
    measure = document("measure", REAL_MEASURE)
    assert_findings_only([document("programme", PROGRAMME), group, measure], checked=[group, measure])


@pytest.mark.parametrize(
    "text",
    [
        "allow: {emails: null, phones: [3, '116117']}\n",
        "limits: {max_bytes: x}\n",
        "rules: {hetu: 3}\n",
        "data: [data]\nlang: sv\n",
        "rules: []\nallow: 5\nlimits: null\n",
    ],
)
def test_odd_configuration_gives_findings_not_crashes(
    tmp_path: Path, text: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = tree(tmp_path, PROGRAMME, ODD_MEASURES[4])
    (root / ".seuranta.yaml").write_text(text, encoding="utf-8")
    code, output = validate(root, monkeypatch)
    assert code == 1 and "error [schema-" in output and output.rstrip().endswith("files checked.")


WORDS = [
    "käytössä ",
    "julkaistaan ",
    "valmistui ",
    "keväällä ",
    "syksyllä ",
    "Muutos verrattuna ",
    "tilanteeseen: a)-vastaukset ",
    "Tavoite: ",
    "kunnassa ",
    "organisaatiossa ",
    "HS ",
    "kohta ",
    "N=",
    "xx ",
    "Huom! ",
    "a) ",
    "b) ",
    ". ",
]
FIGURES = [
    "1-2/0000 ",
    "12/0000 ",
    "0/0000 ",
    "31.12.0000 ",
    "1.1.9999 ",
    "12/9999 ",
    "7/14 ",
    "+2, ",
    "15.5.2021 ",
    "3 ",
]
STATUS_PROSE = st.lists(st.tuples(st.sampled_from(WORDS), st.sampled_from(FIGURES), PROSE), max_size=8).map(
    lambda parts: "".join("".join(part) for part in parts)
)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(STATUS_PROSE, min_size=1, max_size=3))
def test_any_status_prose_gives_findings_not_exceptions(texts: list[str]) -> None:
    """Every prose rule reads the statuses in order: years 0 and 9999, ranges, claims and pointers in any mix."""
    dates = ["2020-11-15", "2021-05-15", "2021-11-15"]
    statuses = [{"date": date, "text": text} for date, text in zip(dates, texts, strict=False)]
    measure = document("measure", dumped({"id": "ex/tp01/01-a", "title": "A", "statuses": statuses}))
    programme = PROGRAMME.replace(
        '[{date: "2021-05-15", label: Tilanne}]',
        "[" + ", ".join(f'{{date: "{date}", label: Tilanne}}' for date in dates) + "]",
    )
    assert_findings_only([document("programme", programme), measure], checked=[measure])
