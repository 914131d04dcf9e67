"""`seuranta export`: XLSX, CSV and JSON, with row counts computed independently from the YAML files."""

from __future__ import annotations

import csv
import datetime
import json
from pathlib import Path
from typing import Any, NamedTuple

import openpyxl
import pytest

from conftest import REPO
from seuranta.model.loader import load
from seuranta.prose import facts
from test_report import run, write_fixture

HEADERS = {
    "toimenpiteet": [
        "Ohjelma",
        "Ryhmä",
        "Ryhmän nimi",
        "Tunniste",
        "Numero",
        "Kehittämistoimenpide",
        "Hyötytavoite",
        "Kansallinen hyötytavoite",
        "Hankesalkut",
        "Salkkujen välinen",
        "Vastuuhenkilöt",
        "Tuotos, tulos",
        "Arviointitapa",
        "Sote-johtajille esitettävä kysymys",
        "Tilanteita",
        "Tiedosto",
    ],
    "tilanteet": [
        "Ohjelma",
        "Toimenpide",
        "Kierros",
        "Kierroksen nimi",
        "Tilanne",
        "Lukuja",
        "Kierros päätelty",
        "Lähde",
    ],
    "luvut": ["Ohjelma", "Toimenpide", "Kierros", "Sarja", "Arvo", "Nimittäjä", "Yksikkö", "Osuus %", "Lainaus"],
}


class Counts(NamedTuple):
    programmes: list[str]
    measures: int
    statuses: int
    figures: int


def _data(path: Path) -> dict[str, Any]:
    data = load(path).data
    assert isinstance(data, dict), path
    return data


def count_yaml(data_dir: Path) -> Counts:
    """Measures, statuses and figures straight from the files, without the model or the tidy tables."""
    programmes, measures, statuses, figures = [], 0, 0, 0
    for programme_file in sorted(data_dir.glob("*/programme.yaml")):
        programme = _data(programme_file)
        programmes.append(programme_file.parent.name)
        stems = [s for p in programme.get("populations", []) for s in p.get("lemmas", []) + p.get("stems", [])]
        for path in sorted(programme_file.parent.glob("*/*.yaml")):
            if path.name == "_group.yaml":
                continue
            measures += 1
            own = _data(path).get("subpopulations", [])
            stems_here = stems + [s for p in own for s in p.get("lemmas", []) + p.get("stems", [])]
            for status in _data(path).get("statuses", []):
                statuses += 1
                fractions = [f for f in facts.fractions(status["text"], stems_here) if f.kind != facts.CLOCK]
                figures += len(fractions) + len(facts.percents(status["text"]))
    return Counts(programmes, measures, statuses, figures)


@pytest.fixture()
def fixture_repo(tmp_path: Path) -> Path:
    return write_fixture(tmp_path / "repo")


@pytest.mark.parametrize("which", ["fixture", "shipped"])
def test_xlsx(which: str, fixture_repo: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    root = fixture_repo if which == "fixture" else REPO
    expected = count_yaml(root / "data")
    out = tmp_path / "vienti.xlsx"
    code, output = run(["export", "--format", "xlsx", "--out", str(out)], root, monkeypatch)
    assert code == 0
    assert output.startswith(
        f"Vienti (xlsx): {out}: toimenpiteet {expected.measures} riviä, "
        f"tilanteet {expected.statuses} riviä, luvut {expected.figures} riviä.\n"
    )
    book = openpyxl.load_workbook(out)
    monitoring = (
        ["seurantataulukko"]
        if len(expected.programmes) == 1
        else [f"seurantataulukko {p}"[:31] for p in expected.programmes]
    )
    assert book.sheetnames == ["toimenpiteet", "tilanteet", "luvut", *monitoring]
    rows = {name: book[name].max_row - 1 for name in HEADERS}
    assert rows == {"toimenpiteet": expected.measures, "tilanteet": expected.statuses, "luvut": expected.figures}
    for name, headers in HEADERS.items():
        sheet = book[name]
        assert [c.value for c in sheet[1]] == headers
        assert sheet.freeze_panes == "A2"
        assert sheet.auto_filter.ref == f"A1:{openpyxl.utils.get_column_letter(len(headers))}{sheet.max_row}"
    statuses = book["tilanteet"]
    assert all(isinstance(c.value, datetime.datetime) for c in statuses["C"][1:])
    assert all(isinstance(c.value, int) for c in statuses["F"][1:])
    assert all(isinstance(c.value, bool) for c in statuses["G"][1:])
    figures = book["luvut"]
    assert all(isinstance(c.value, (int, float)) for c in figures["E"][1:])
    assert all(isinstance(c.value, (int, float)) for c in figures["H"][1:])
    assert sum(book[m].max_row - 1 for m in monitoring) == expected.measures


def test_xlsx_values_of_the_fixture(fixture_repo: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    out = tmp_path / "vienti.xlsx"
    assert run(["export", "--out", str(out)], fixture_repo, monkeypatch)[0] == 0
    book = openpyxl.load_workbook(out)
    figures = [[c.value for c in row] for row in book["luvut"].iter_rows(min_row=2)]
    assert figures[:4] == [
        [
            "koe",
            "koe/tp01/01-suoravastaanotto",
            datetime.datetime(2020, 11, 15),
            "Seurantakyselyssä ft-suoravastaanottomalli käytössä",
            10,
            15,
            "organisaatio",
            66.7,
            "10/15 sotekeskuksessa",
        ],
        [
            "koe",
            "koe/tp01/01-suoravastaanotto",
            datetime.datetime(2021, 5, 15),
            "Seurantakyselyssä ft-suoravastaanottomalli käytössä",
            11,
            14,
            "organisaatio",
            78.6,
            "11/14 sotekeskuksessa",
        ],
        [
            "koe",
            "koe/tp01/01-suoravastaanotto",
            datetime.datetime(2021, 5, 15),
            "Käynneistä etänä",
            49.2,
            None,
            "%",
            49.2,
            "49,2 %",
        ],
        [
            "koe",
            "koe/tp01/01-suoravastaanotto",
            datetime.datetime(2021, 11, 15),
            "Seurantakyselyssä ft-suoravastaanottomalli käytössä",
            13,
            15,
            "organisaatio",
            86.7,
            "13/15 sotekeskuksessa",
        ],
    ]
    monitoring = book["seurantataulukko"]
    assert [c.value for c in monitoring[1]] == [
        "Kansallinen hyötytavoite",
        "Työpaketti",
        "Vastuu hlö",
        "Kehittämistoimenpide",
        "Salkkujen välinen",
        "Tuotos/tulos",
        "Arviointitapa",
        "Sote-johtajille esitettävä kysymys",
        "Lähtötilanne 15.11.2020",
        "Tilanne 15.5.2021",
        "Tilanne 15.11.2021",
    ]
    assert [c.value for c in monitoring[2]][:5] == [
        "Saatavuus, oikea-aikaisuus, jatkuvuus",
        "1. Vastaanoton uudistaminen",
        "Sari + Annukka",
        "Tp 1. Fysioterapeutin suoravastaanottomalli",
        None,
    ]


def test_csv_folder(fixture_repo: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    out = tmp_path / "csv"
    expected = count_yaml(fixture_repo / "data")
    assert run(["export", "--format", "csv", "--out", str(out)], fixture_repo, monkeypatch)[0] == 0
    assert sorted(p.name for p in out.iterdir()) == ["luvut.csv", "tilanteet.csv", "toimenpiteet.csv"]
    tables = {}
    for name, headers in HEADERS.items():
        raw = (out / f"{name}.csv").read_bytes()
        assert raw.startswith(b"\xef\xbb\xbf") and raw.count(b"\xef\xbb\xbf") == 1
        with (out / f"{name}.csv").open(encoding="utf-8-sig", newline="") as handle:
            rows = list(csv.reader(handle, delimiter=";"))
        assert rows[0] == headers
        tables[name] = rows[1:]
    assert [len(tables[n]) for n in HEADERS] == [expected.measures, expected.statuses, expected.figures]
    assert tables["luvut"][2][4:8] == ["49,2", "", "%", "49,2"]
    assert tables["tilanteet"][0][2] == "2020-11-15" and tables["tilanteet"][0][6] == "ei"


def test_csv_standard_dialect(fixture_repo: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    out = tmp_path / "csv"
    command = ["export", "--format", "csv", "--dialect", "standard", "--out", str(out)]
    assert run(command, fixture_repo, monkeypatch)[0] == 0
    raw = (out / "luvut.csv").read_bytes()
    assert not raw.startswith(b"\xef\xbb\xbf") and b"\r\n" not in raw
    with (out / "luvut.csv").open(encoding="utf-8", newline="") as handle:
        rows = list(csv.reader(handle))
    assert rows[0] == HEADERS["luvut"]
    assert rows[3][4:8] == ["49.2", "", "%", "49.2"]


def test_json_object(fixture_repo: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    out = tmp_path / "vienti.json"
    expected = count_yaml(fixture_repo / "data")
    assert run(["export", "--out", str(out)], fixture_repo, monkeypatch)[0] == 0
    document = json.loads(out.read_text(encoding="utf-8"))
    assert list(document) == ["toimenpiteet", "tilanteet", "luvut"]
    assert [len(document[k]) for k in document] == [expected.measures, expected.statuses, expected.figures]
    assert document["luvut"][1] == {
        "programme": "koe",
        "measure": "koe/tp01/01-suoravastaanotto",
        "round": "2021-05-15",
        "series": "Seurantakyselyssä ft-suoravastaanottomalli käytössä",
        "value": 11,
        "denominator": 14,
        "unit": "organisaatio",
        "share": 78.6,
        "quote": "11/14 sotekeskuksessa",
    }


def test_unknown_programme_is_a_usage_error(
    fixture_repo: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    code, _output = run(
        ["export", "--out", str(tmp_path / "x.json"), "--programme", "eiole"], fixture_repo, monkeypatch
    )
    assert code == 2
