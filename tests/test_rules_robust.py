"""Semantic rules never raise: whatever shape a file has, the schema reports it and the rules carry on."""

from __future__ import annotations

import contextlib
import io
from pathlib import Path
from typing import Protocol

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from seuranta import facts
from seuranta.cli import main

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
    PROGRAMME.replace("rounds: [{date: \"2021-05-15\", label: Tilanne}]", "rounds: nyt"),
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
    (root / "data/ex/tp01").mkdir(parents=True)
    (root / ".seuranta.yaml").write_text("data: data\n", encoding="utf-8")
    (root / "data/ex/programme.yaml").write_text(programme, encoding="utf-8")
    (root / "data/ex/tp01/_group.yaml").write_text('id: ex/tp01\nnumber: "1"\ntitle: R\n', encoding="utf-8")
    (root / "data/ex/tp01/01-a.yaml").write_text(measure, encoding="utf-8")
    return root


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
    found: list[Spanned] = [*facts.fractions(text, ("kunta",)), *facts.percents(text), *facts.dates(text),
                            *facts.month_years(text, ("kunta",)), *facts.phones(text), *facts.emails(text)]
    for item in found:
        assert text[item.start:item.end] == item.text
    for ref in facts.references(text):
        assert text[ref.start:ref.end].startswith(ref.text[:1])
    for tally in facts.tallies(text, ("kunta",)):
        assert text[tally.start:tally.end] == tally.text


MEASURE_KEYS = [
    "id", "number", "title", "benefit_goal", "portfolios", "related", "subpopulations", "metrics", "continuation",
    "statuses", "acknowledged", "date", "text", "observations", "answers", "quote", "value", "of", "unit", "metric",
    "kind", "due", "responsible", "size", "stems", "rule", "match", "reason",
]
LEAVES = st.none() | st.booleans() | st.integers(-5, 40) | PROSE | st.sampled_from(["2021-05-15", "ex/tp01", "hs1"])
SHAPES = st.recursive(
    LEAVES,
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.sampled_from(MEASURE_KEYS), inner, max_size=4),
    max_leaves=14,
)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.dictionaries(st.sampled_from(MEASURE_KEYS), SHAPES, max_size=8))
def test_any_shape_of_measure_gives_findings_not_exceptions(data: dict[str, object]) -> None:
    """Loader, schema, every rule and the acknowledgements on arbitrary structures: findings only."""
    import datetime

    import yaml

    from seuranta.config import Config
    from seuranta.documents import Document
    from seuranta.engine import check_document
    from seuranta.loader import load_bytes
    from seuranta.model import build
    from seuranta.rules import Context

    parsed = load_bytes("data/ex/tp01/01-a.yaml", yaml.safe_dump({"id": "ex/tp01/01-a", **data}, allow_unicode=True).encode())
    doc = Document("measure", "ex/tp01/01-a", parsed)
    programme = Document("programme", "ex", load_bytes("data/ex/programme.yaml", PROGRAMME.encode()))
    context = Context(build([programme, doc]), Config(), datetime.date(2023, 1, 1))
    for problem in check_document(doc, context):
        assert problem.line >= 1 and problem.column >= 1 and problem.message.fi and problem.message.en


PROGRAMME_KEYS = [
    "id", "title", "group_label", "benefit_goals", "portfolios", "rounds", "populations", "respondents", "national",
    "number", "aliases", "date", "label", "kind", "size", "stems", "round", "population", "count",
]
PROGRAMME_SHAPES = st.recursive(
    LEAVES,
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.sampled_from(PROGRAMME_KEYS), inner, max_size=4),
    max_leaves=14,
)
REAL_MEASURE = (
    "id: ex/tp01/01-a\nnumber: Tp 1.\ntitle: A\nstatuses:\n- date: '2021-05-15'\n"
    "  text: 'Käytössä 7/14 organisaatiossa, 3/23 kuntaa, 45 %, kts. työpaketti 2 tp 3, HS 1, 30.421.'\n"
)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.dictionaries(st.sampled_from(PROGRAMME_KEYS), PROGRAMME_SHAPES, max_size=8))
def test_any_shape_of_programme_gives_findings_not_exceptions(data: dict[str, object]) -> None:
    """Every rule reads the programme (rounds, populations, portfolios): whatever it holds, findings only."""
    import datetime

    import yaml

    from seuranta.config import Config
    from seuranta.documents import Document
    from seuranta.engine import check_document
    from seuranta.loader import load_bytes
    from seuranta.model import build
    from seuranta.rules import Context

    raw = yaml.safe_dump({"id": "ex", **data}, allow_unicode=True).encode()
    programme = Document("programme", "ex", load_bytes("data/ex/programme.yaml", raw))
    measure = Document("measure", "ex/tp01/01-a", load_bytes("data/ex/tp01/01-a.yaml", REAL_MEASURE.encode()))
    context = Context(build([programme, measure]), Config(), datetime.date(2023, 1, 1))
    for doc in (programme, measure):
        for problem in check_document(doc, context):
            assert problem.line >= 1 and problem.message.en


GROUP_KEYS = ["id", "number", "title", "benefit_goal", "portfolios", "plan_measures", "text", "responsible"]
GROUP_SHAPES = st.recursive(
    LEAVES,
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.sampled_from(GROUP_KEYS), inner, max_size=4),
    max_leaves=12,
)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.dictionaries(st.sampled_from(GROUP_KEYS), GROUP_SHAPES, max_size=6))
def test_any_shape_of_group_gives_findings_not_exceptions(data: dict[str, object]) -> None:
    """Numbers and references are resolved through the group files: whatever they hold, findings only."""
    import datetime

    import yaml

    from seuranta.config import Config
    from seuranta.documents import Document
    from seuranta.engine import check_document
    from seuranta.loader import load_bytes
    from seuranta.model import build
    from seuranta.rules import Context

    group = Document("group", "ex/tp01", load_bytes("data/ex/tp01/_group.yaml", yaml.safe_dump(data).encode()))
    programme = Document("programme", "ex", load_bytes("data/ex/programme.yaml", PROGRAMME.encode()))
    measure = Document("measure", "ex/tp01/01-a", load_bytes("data/ex/tp01/01-a.yaml", REAL_MEASURE.encode()))
    context = Context(build([programme, group, measure]), Config(), datetime.date(2023, 1, 1))
    for doc in (group, measure):
        for problem in check_document(doc, context):
            assert problem.line >= 1 and problem.message.en


@pytest.mark.parametrize("text", [
    "allow: {emails: null, phones: [3, '116117']}\n", "limits: {max_bytes: x}\n", "rules: {hetu: 3}\n",
    "data: [data]\nlang: sv\n", "rules: []\nallow: 5\nlimits: null\n",
])
def test_odd_configuration_gives_findings_not_crashes(tmp_path: Path, text: str, monkeypatch: pytest.MonkeyPatch) -> None:
    root = tree(tmp_path, PROGRAMME, ODD_MEASURES[4])
    (root / ".seuranta.yaml").write_text(text, encoding="utf-8")
    code, output = validate(root, monkeypatch)
    assert code == 1 and "error [schema-" in output and output.rstrip().endswith("files checked.")
