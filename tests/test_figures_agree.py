"""Every command reads the same figures and the same series from the same texts.

`export` (JSON and CSV), `report`, `show`, `summary --table latest`, `diff --rounds` and `extract`
are run on the shipped data and on a small crafted programme; each one's figures, their values and
how they are paired across rounds are compared with the export's figure rows.
"""

from __future__ import annotations

import csv
import html
import io
import itertools
import json
import re
from collections import Counter, defaultdict
from collections.abc import Iterable
from pathlib import Path
from typing import Any, NamedTuple

import pytest
import yaml

import programmes
from clirun import seuranta
from conftest import REPO
from seuranta.check import tree as tree_mod
from seuranta.commands import show
from seuranta.files import snapshots

Value = tuple[float, float | None]

_FIGURE = re.compile(r"(\d+(?:[,.]\d+)?)\s*(?:/\s*(\d+(?:[,.]\d+)?)|%)")


def values(text: str) -> list[Value]:
    """The figures written in a command's output ("10/15", "49,2 %", "+5%"), as numbers."""
    return [(float(a.replace(",", ".")), float(b.replace(",", ".")) if b else None) for a, b in _FIGURE.findall(text)]


class Row(NamedTuple):
    measure: str
    round: str
    series: str
    value: Value
    quote: str
    unit: str | None


class Exported(NamedTuple):
    rows: list[Row]
    rounds: dict[str, list[str]]  # measure → its status dates, in file order

    def series(self, measure: str) -> dict[str, list[Row]]:
        found: dict[str, list[Row]] = defaultdict(list)
        for row in self.rows:
            if row.measure == measure:
                found[row.series].append(row)
        return dict(found)

    @property
    def measures(self) -> list[str]:
        return sorted(self.rounds)


def exported(out: Path) -> Exported:
    assert seuranta("export", "--format", "json", "--out", str(out)).code == 0
    document = json.loads(out.read_text(encoding="utf-8"))
    rows = [
        Row(r["measure"], r["round"], r["series"], (float(r["value"]), r["denominator"]), r["quote"], r["unit"])
        for r in document["luvut"]
    ]
    rounds: dict[str, list[str]] = {m["id"]: [] for m in document["toimenpiteet"]}
    for status in document["tilanteet"]:
        rounds[status["measure"]].append(status["round"])
    return Exported(rows, rounds)


# --- a small crafted programme ----------------------------------------------------------------

AUTUMN_2021 = programmes.round_("2021-11-15", "Tilanne 15.11.2021")
CRAFTED = {
    "01-malli": [
        ("2020-11-15", "a) Malli käytössä 3/23 kunnassa. b) Malli suunnitteilla 6/23 kuntaa."),
        ("2021-05-15", "a) Malli suunnitteilla 9/22 kuntaa b) Malli käytössä 5/22 kunnassa, 7/15 sotekeskuksessa."),
        ("2021-11-15", "Malli käytössä 8/22 kunnassa. Sähköiset asiointikäynnit 25 % käynneistä."),
    ],
    "02-segmentointi": [
        ("2020-11-15", "Tk-johdon kyselyssä 9/15 organisaatiossa segmentoidaan asiakkaat hoidon tarpeen mukaan"),
        ("2021-05-15", "Seurantakyselyssä 10/14 organisaatiossa segmentoidaan asiakkaat hoidon tarpeen mukaan"),
        (
            "2021-11-15",
            "Avosairaanhoito: Seurantakyselyssä 12/15 organisaatioissa segmentoidaan asiakkaat hoidon mukaan",
        ),
    ],
    "03-hoitoon": [
        ("2020-11-15", "Kiireettömään hoitoon 49 % käynneistä. Eli 51% pääsee alle 7 vrk:ssa. NPS ka 4,1/5."),
        ("2021-05-15", "Kiireettömään hoitoon 44 % käynneistä. Eli 56% pääsee alle 7 vrk:ssa. NPS ka 4,3/5."),
    ],
}


# An observation names the population of a count whose word names none ("alueella").
OBSERVED = {
    ("04-alueet", "2021-05-15"): "  observations:\n  - {quote: 4/10 alueella, value: 4, of: 10, unit: organisaatio}"
}
CRAFTED["04-alueet"] = [
    ("2020-11-15", "Malli käytössä 3/10 alueella."),
    ("2021-05-15", "Malli käytössä 4/10 alueella."),
]


# A numeric metric whose words match a series names it.
METRICS = {
    "05-ajanvaraus": "metrics:\n- {id: kaytto, text: Sähköisen ajanvarauksen käyttöaste organisaatioissa, kind: ratio}"
}
CRAFTED["05-ajanvaraus"] = [
    ("2020-11-15", "Sähköinen ajanvaraus käytössä 5/15 organisaatiossa."),
    ("2021-05-15", "Ajanvaraus sähköisesti 7/15 organisaatiossa."),
]

# A misspelt word still pairs when nothing else could ("miittaustulos"); two answers alone in their rounds do not.
CRAFTED["06-nps"] = [
    ("2020-11-15", "NPS 73 (mittaustulos 7/14 organisaatiosta)."),
    ("2021-05-15", "NPS 71 (miittaustulos 9/15 organisaatiosta)."),
]
CRAFTED["07-vastaukset"] = [
    ("2020-11-15", "Malli käytössä 3/23 kunnassa."),
    ("2021-05-15", "Malli suunnitteilla 9/22 kuntaa."),
]


def measure_file(name: str, statuses: list[tuple[str, str]]) -> str:
    lines = [f"id: ex/tp01/{name}", f"title: {name.split('-', 1)[1].capitalize()}"]
    lines += [METRICS[name], "statuses:"] if name in METRICS else ["statuses:"]
    for date, text in statuses:
        lines += [f"- date: '{date}'", f"  text: {json.dumps(text, ensure_ascii=False)}"]
        lines += [OBSERVED[(name, date)]] if (name, date) in OBSERVED else []
    return "\n".join(lines) + "\n"


@pytest.fixture()
def crafted(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    root = programmes.write_repo(
        tmp_path / "repo",
        programme=programmes.programme(
            rounds=programmes.BASELINE + programmes.SPRING_2021 + AUTUMN_2021,
            populations=programmes.ORGANISAATIO + programmes.KUNTA,
        ),
        measures={f"data/ex/tp01/{name}.yaml": measure_file(name, texts) for name, texts in CRAFTED.items()},
    )
    monkeypatch.chdir(root)
    return root


@pytest.fixture()
def shipped(monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(REPO)
    return REPO


# --- each command against the export -----------------------------------------------------------


def check_csv(export: Exported, out: Path) -> None:
    """The CSV export's figure rows are the JSON export's: the same series, values and quotes."""
    assert seuranta("export", "--format", "csv", "--out", str(out)).code == 0
    with (out / "luvut.csv").open(encoding="utf-8", newline="") as handle:
        rows = list(csv.reader(handle, delimiter=";"))[1:]
    shown = [(r[1], r[2], r[3], values(f"{r[4]}/{r[5]}" if r[5] else f"{r[4]}%"), r[8]) for r in rows]
    assert shown == [(r.measure, r.round, r.series, [r.value], r.quote) for r in export.rows]


def page(site: Path, measure: str) -> str:
    return (site / "toimenpiteet" / f"{measure}.html").read_text(encoding="utf-8")


def series_named(title: str, names: Iterable[str]) -> str:
    """The series a chart's title names: "Malli käytössä", or "Malli käytössä … kunnassa"."""
    return next((n for n in names if title == n or title.startswith(f"{n} … ")), title)


def check_report(export: Exported, site: Path) -> None:
    """Each measure page draws one chart per series: its title names the series, its trail holds its values."""
    assert seuranta("report", "--out", str(site)).code == 0
    for measure in export.measures:
        charts = re.findall(r'<h3 id="sarja-\d+">(.*?)</h3>.*?<span class="trail">(.*?)</span>', page(site, measure))
        drawn = {series_named(html.unescape(title), export.series(measure)): values(trail) for title, trail in charts}
        assert drawn == {name: [r.value for r in rows] for name, rows in export.series(measure).items()}, measure


def show_figures(document: dict[str, Any]) -> Counter[tuple[str, str, Value]]:
    return Counter(
        (entry["date"], figure["series"], values(figure["text"])[0])
        for entry in document["timeline"]
        for figure in entry["figures"]
    )


def check_show(export: Exported, documents: dict[str, dict[str, Any]]) -> None:
    """`show --format json` lists every figure of every status under the export's series name."""
    for measure in export.measures:
        expected = Counter((r.round, r.series, r.value) for r in export.rows if r.measure == measure)
        assert show_figures(documents[measure]) == expected, measure


def check_latest(export: Exported, programme: str) -> None:
    """`summary --table latest`: the latest status's figures, and each one's series back through the rounds."""
    run = seuranta("summary", "--table", "latest", "--format", "csv", "--programme", programme)
    assert run.code == 0
    for measure_local, latest, figures, trends in list(csv.reader(io.StringIO(run.stdout)))[1:]:
        measure = f"{programme}/{measure_local}"
        assert latest == max(export.rounds[measure], default="")
        last = [r for r in export.rows if r.measure == measure and r.round == latest]
        assert values(figures) == [r.value for r in last], measure
        series = export.series(measure)
        expected = {tuple(r.value for r in series[r.series]) for r in last if len(series[r.series]) > 1}
        assert {tuple(values(trend)) for trend in trends.split("; ") if trend} == expected, measure


def check_rounds(export: Exported, first: str, second: str) -> None:
    """`diff --rounds`: the figures that moved are the export's series whose values differ between the rounds."""
    run = seuranta("diff", "--rounds", first, second, "--format", "json")
    assert run.code in (0, 1)
    moved = {
        m["id"]: Counter((values(f["old"])[0], values(f["new"])[0]) for f in m["figures"])
        for m in json.loads(run.stdout)["moved"]
    }
    for measure in export.measures:
        expected: Counter[tuple[Value, Value]] = Counter()
        for rows in export.series(measure).values():
            old = next((r.value for r in rows if r.round == first), None)
            new = next((r.value for r in rows if r.round == second), None)
            if old is not None and new is not None and old != new:
                expected[(old, new)] += 1
        assert moved.get(measure, Counter()) == expected, (measure, first, second)


def check_extract(export: Exported) -> None:
    """`extract` proposes the export's counts over a population and its percentages, with the same values."""
    run = seuranta("extract")
    assert run.code == 0
    proposed = yaml.safe_load(run.stdout) or {}
    found = Counter(
        (measure, status["date"], o["quote"], (float(o["value"]), o.get("of")), o["unit"])
        for measure, statuses in proposed.items()
        for status in statuses
        for o in status["observations"]
    )
    rows = Counter((r.measure, r.round, r.quote, r.value, r.unit) for r in export.rows)
    assert found - rows == Counter()
    assert {r for r in rows if r[4] == "%"} <= set(found)


def rounds_of(root: Path) -> list[tuple[str, str]]:
    """Each programme's consecutive declared rounds, and its first and last."""
    pairs = []
    for path in sorted((root / "data").glob("*/programme.yaml")):
        dates = sorted(str(r["date"]) for r in yaml.safe_load(path.read_text(encoding="utf-8"))["rounds"])
        pairs += [*itertools.pairwise(dates), (dates[0], dates[-1])]
    return sorted(set(pairs))


def show_documents(root: Path, measures: list[str]) -> dict[str, dict[str, Any]]:
    """`show --format json` of every measure: the command's own output, the tree loaded once."""
    model = tree_mod.load_tree(root, snapshots.load_config(root)).model
    return {m: json.loads(show.as_json(model, m, model.measures[m], "fi")) for m in measures}


# --- the tests --------------------------------------------------------------------------------


def test_crafted_programme_every_command_agrees(crafted: Path, tmp_path: Path) -> None:
    export = exported(tmp_path / "vienti.json")
    check_csv(export, tmp_path / "csv")
    check_report(export, tmp_path / "site")
    check_show(export, {m: json.loads(seuranta("show", m, "--format", "json").stdout) for m in export.measures})
    check_latest(export, "ex")
    for first, second in rounds_of(crafted):
        check_rounds(export, first, second)
    check_extract(export)


def test_shipped_data_every_command_agrees(shipped: Path, tmp_path: Path) -> None:
    export = exported(tmp_path / "vienti.json")
    assert len(export.rows) > 200
    check_csv(export, tmp_path / "csv")
    check_report(export, tmp_path / "site")
    check_show(export, show_documents(shipped, export.measures))
    for programme in sorted({m.split("/", 1)[0] for m in export.measures}):
        check_latest(export, programme)
    for first, second in rounds_of(shipped):
        check_rounds(export, first, second)
    check_extract(export)


def test_crafted_programme_figures_and_series(crafted: Path, tmp_path: Path) -> None:
    """ "3/23 kunnassa" is a count over kunta in every command; different populations never pair; an indicator
    asked in differently worded surveys is one series, named in whole words."""
    export = exported(tmp_path / "vienti.json")
    named = {m: {k: [r.value for r in v] for k, v in export.series(m).items()} for m in export.measures}
    assert named == {
        "ex/tp01/01-malli": {
            "Malli käytössä": [(3, 23), (5, 22), (8, 22)],
            "Malli suunnitteilla": [(6, 23), (9, 22)],
            "organisaatio": [(7, 15)],
            "Sähköiset asiointikäynnit käynneistä": [(25, None)],
        },
        "ex/tp01/02-segmentointi": {
            "Avosairaanhoito Seurantakyselyssä segmentoidaan asiakkaat hoidon mukaan": [(9, 15), (10, 14), (12, 15)]
        },
        "ex/tp01/03-hoitoon": {
            "Kiireettömään hoitoon käynneistä": [(49, None), (44, None)],
            "pääsee alle vrk:ssa": [(51, None), (56, None)],
            "NPS ka": [(4.1, 5), (4.3, 5)],
        },
        "ex/tp01/04-alueet": {"Malli käytössä": [(3, 10), (4, 10)]},
        "ex/tp01/05-ajanvaraus": {"Sähköisen ajanvarauksen käyttöaste organisaatioissa": [(5, 15), (7, 15)]},
        "ex/tp01/06-nps": {"NPS": [(7, 14), (9, 15)]},
        "ex/tp01/07-vastaukset": {"Malli käytössä": [(3, 23)], "Malli suunnitteilla": [(9, 22)]},
    }
    assert [r.unit for r in export.rows if r.quote == "3/23 kunnassa"] == ["kunta", "kunta"]
    assert [(r.quote, r.unit) for r in export.rows if r.measure == "ex/tp01/04-alueet"] == [
        ("3/10 alueella", None),
        ("4/10 alueella", "organisaatio"),
    ]
    shown = json.loads(seuranta("show", "ex/tp01/04-alueet", "--format", "json").stdout)
    assert [f["population"] for e in shown["timeline"] for f in e["figures"]] == [None, "organisaatio"]
    assert "        Malli käytössä 3/23 kunnassa\n" in seuranta("show", "ex/tp01/01-malli").stdout
    latest = seuranta("summary", "--table", "latest").stdout
    assert "tp01/01-malli         Tilanne 15.11.2021  8/22, 25%        3/23 → 5/22 → 8/22\n" in latest
    assert "tp01/02-segmentointi  Tilanne 15.11.2021  12/15            9/15 → 10/14 → 12/15\n" in latest
    rounds = seuranta("diff", "--rounds", "2020-11-15", "2021-05-15").stdout
    assert "        ↑ Malli käytössä 3/23 → 5/22 kunnassa\n" in rounds
    assert "        ↑ Seurantakyselyssä 9/15 → 10/14 organisaatiossa\n" in rounds
    assert "→ 7/15 sotekeskuksessa" not in rounds and "6/23 → 9/22" in rounds


TP01_05 = "pirsote/tp01/05-segmentoinnin-hyodyntaminen-palveluiden-organisoinnissa"


def test_shipped_tp01_05_is_one_series_everywhere(shipped: Path, tmp_path: Path) -> None:
    export = exported(tmp_path / "vienti.json")
    assert [[r.value for r in rows] for rows in export.series(TP01_05).values()] == [
        [(9, 15), (10, 14), (12, 15), (10, 15)]
    ]
    assert seuranta("report", "--out", str(tmp_path / "site"), "--programme", "pirsote").code == 0
    trails = re.findall(r'<span class="trail">(.*?)</span>', page(tmp_path / "site", TP01_05))
    assert trails == ["9/15 → 10/14 → 12/15 → 10/15"]
    latest = seuranta("summary", "--table", "latest", "--format", "csv", "--group", "pirsote/tp01").stdout
    assert (
        "tp01/05-segmentoinnin-hyodyntaminen-palveluiden-organisoinnissa,2022-09-23,10/15,9/15 → 10/14 → 12/15 → 10/15"
        in latest
    )


def test_shipped_series_names_are_whole_words(shipped: Path, tmp_path: Path) -> None:
    """The export's series column groups: a name per series, never empty, cut at a parenthesis or a joining word."""
    export = exported(tmp_path / "vienti.json")
    for measure in export.measures:
        for name, rows in export.series(measure).items():
            assert name and name.count("(") == name.count(")"), (measure, name)
            assert name.split()[0].lower() not in {"eli", "ja", "sekä", "tai", "mutta"}, (measure, name)
            assert all(a.round <= b.round for a, b in itertools.pairwise(rows)), (measure, name)
