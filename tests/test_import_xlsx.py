"""`seuranta import xlsx`: the shipped data round-trips through the monitoring-table layout."""

from __future__ import annotations

import datetime
from pathlib import Path
from typing import Any

import openpyxl
import pytest

from conftest import REPO
from seuranta.check import engine
from seuranta.check import tree as tree_mod
from seuranta.check.result import Result
from seuranta.commands import import_xlsx
from seuranta.model import config as config_mod
from seuranta.model.index import Model
from seuranta.tables import tidy
from test_report import run, write_fixture

STRUCTURAL = ("yaml-", "schema-", "id-", "group-exists", "round-", "rounds-", "ref-benefit-goal")


def values(model: Model, programme: str) -> list[tuple[Any, ...]]:
    """What must survive the round trip, per measure, in a stable order."""
    found = []
    for ident, doc in model.measures.items():
        if ident.split("/")[0] != programme:
            continue
        data = doc.data
        statuses = tuple((s["date"], s["text"]) for s in data.get("statuses", []))
        found.append(
            (
                data["title"],
                data.get("number"),
                data.get("outputs"),
                data.get("evaluation"),
                data.get("question"),
                statuses,
            )
        )
    return sorted(found, key=repr)


def tree(root: Path) -> tree_mod.Tree:
    return tree_mod.load_tree(root, config_mod.Config())


def structural(result: Result) -> list[str]:
    return [f"{p.path}:{p.line} {p.rule}" for p in result.problems if p.rule.startswith(STRUCTURAL)]


@pytest.mark.parametrize("source", ["shipped", "fixture"])
def test_round_trip(source: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    root = REPO if source == "shipped" else write_fixture(tmp_path / "repo")
    original = tree(root)
    workbook = tmp_path / "vienti.xlsx"
    assert run(["export", "--out", str(workbook)], root, monkeypatch)[0] == 0
    target = tmp_path / "tuotu"
    for programme in sorted(original.model.programmes):
        code, output = run(
            ["import", "xlsx", str(workbook), "--programme", programme, "--out", str(target / "data")],
            tmp_path,
            monkeypatch,
        )
        assert code in (0, 1), output
        assert "Ohitettu (0):" in output, output
    imported = tree(target)
    assert sorted(imported.model.programmes) == sorted(original.model.programmes)
    for programme in original.model.programmes:
        assert values(imported.model, programme) == values(original.model, programme), programme
    result = engine.validate(imported.docs, imported.model, config_mod.Config(), datetime.date(2030, 1, 1))
    assert structural(result) == []


def test_report_of_what_was_read_and_skipped(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "Taulukko"
    sheet.append(["PirSOTE-seurantataulukko"])
    sheet.append(
        [
            "Kansallinen hyötytavoite",
            "Työpaketti",
            "Vastuu hlö",
            "Kehittämistoimenpide / prosessitavoitteet",
            "Salkkujen välinen, merkitse X ja mikä salkku",
            "Tuotos, tulos",
            "Arviointitapa: olemassoleva tieto",
            "Sote-johtajille esitettävä kysymys",
            "Lähtötilanne 15.11.2020",
            "Tilanne 15.2.2021, sanallinen arvio toimenpiteen etenemisestä",
            "Kommentit",
        ]
    )
    sheet.append(
        [
            "Saatavuus, oikea-aikaisuus, jatkuvuus",
            "1. Avovastaanoton uudistaminen",
            "Sari + Annukka",
            "Tp 1. Tiimimallit",
            "HS 2",
            "Mallit käytössä",
            "Kysely",
            "Onko käytössä?",
            "Käytössä 3/15 organisaatiossa.",
            "Käytössä 7/15 organisaatiossa.",
            "ohitetaan",
        ]
    )
    sheet.append([None, None, "Eero", "Tp 2. Konsultaatio", None, None, None, None, None, "Aloitettu."])
    sheet.append([None, None, None, None, None, None, None, None, "Irrallinen teksti ilman toimenpidettä."])
    sheet.append(["Ennaltaehkäisy ja ennakointi", "2. Hyvinvoinnin edistäminen", None, "1.1 Elintapaohjaus"])
    sheet.merge_cells("A3:A4")
    path = tmp_path / "taulukko.xlsx"
    book.save(path)
    data = tmp_path / "data"
    code, output = run(["import", "xlsx", str(path), "--programme", "uusi", "--out", str(data)], tmp_path, monkeypatch)
    assert code == 0, output
    # The second group names no responsible while the first names two: responsible-named warns.
    assert output == (
        "Luettu:\n"
        f'  {path}, välilehti "Taulukko", otsikkorivi 2, 3 toimenpideriviä\n'
        "  sarakkeet: A hyötytavoite, B ryhmä, C vastuuhenkilöt, D toimenpide, E salkkujen välinen, F tuotos, "
        "G arviointitapa, H kysymys\n"
        "  kierrokset: Lähtötilanne 15.11.2020 → 2020-11-15, "
        "Tilanne 15.2.2021, sanallinen arvio toimenpiteen etenemisestä → 2021-02-15\n"
        "  tyhjät hyötytavoite- ja ryhmäsolut täydennetty ylemmältä riviltä: 3 solua\n"
        "Kirjoitettu:\n"
        f"  {data}/uusi/programme.yaml\n"
        f"  {data}/uusi/tp01/: _group.yaml ja 2 toimenpidettä, 3 tilannetta\n"
        f"  {data}/uusi/tp02/: _group.yaml ja 1 toimenpide, 0 tilannetta\n"
        "  yhteensä 6 tiedostoa: 3 toimenpidettä, 3 tilannetta\n"
        "Ohitettu (2):\n"
        '  sarake K "Kommentit": ei tunnettu sarake eikä kierroksen päivämäärää\n'
        "  rivi 5: Kehittämistoimenpide-solu on tyhjä (1 tilanne jäi tuomatta)\n"
        "Tarkistus: 0 virhettä, 1 varoitus (6 tiedostoa; seuranta validate näyttää yksityiskohdat).\n"
    )
    second = tree(tmp_path).model
    measure = second.measures["uusi/tp01/02-konsultaatio"].data
    assert measure["number"] == "Tp 2." and measure["responsible"] == ["Eero"]
    assert measure["statuses"] == [
        {
            "date": "2021-02-15",
            "text": "Aloitettu.",
            "source": {"file": "taulukko.xlsx", "lines": [4, 4], "note": "välilehti Taulukko, solu J4"},
        }
    ]
    assert second.groups["uusi/tp01"].data["benefit_goal"] == "saatavuus"
    assert second.measures["uusi/tp02/01-elintapaohjaus"].data["number"] == "1.1"
    programme = second.programmes["uusi"].data
    assert [g["id"] for g in programme["benefit_goals"]] == ["saatavuus", "ennaltaehkaisy"]
    assert [r.get("kind") for r in programme["rounds"]] == ["baseline", None]
    assert run(["fmt", "--check", str(data / "uusi")], tmp_path, monkeypatch)[0] == 0
    again = run(["import", "xlsx", str(path), "--programme", "uusi", "--out", str(data)], tmp_path, monkeypatch)[1]
    assert "Ohitettu (5):" in again
    assert "rivi 3: tp01/01-tiimimallit.yaml on jo olemassa eikä rivillä ole uusia kierroksia" in again


def test_no_sheet_in_the_layout_is_a_usage_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    book = openpyxl.Workbook()
    path = tmp_path / "tyhja.xlsx"
    book.save(path)
    code, _ = run(
        ["import", "xlsx", str(path), "--programme", "x", "--out", str(tmp_path / "data")], tmp_path, monkeypatch
    )
    assert code == 2
    assert not (tmp_path / "data").exists()


@pytest.mark.parametrize(
    "number, title",
    [
        ("Tp 1.", "Fysioterapeutin suoravastaanottomalli"),
        ("Tp 4. a)", "Kotihoito"),
        ("Tp 4 b)", "X"),
        ("Tp. 5", "Y"),
        ("4.1", "Kunnassa on kirjattu"),
        ("1)", "Z"),
        ("A1", "Vapaa numero"),
        (None, "Ilman numeroa"),
    ],
)
def test_measure_cell_reads_back(number: str | None, title: str) -> None:
    assert tidy.parse_measure_cell(tidy.measure_cell(number, title)) == (number, title)


def test_slugs() -> None:
    assert (
        import_xlsx.slug("Työikäisten elintapaohjauksen moniammatillinen palvelupolku")
        == "tyoikaisten-elintapaohjauksen-moniammatillinen"
    )
    assert import_xlsx.national_of("Kustannusten nousun hillintä") == "kustannukset"
