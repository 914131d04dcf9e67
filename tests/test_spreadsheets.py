"""Exports safe for spreadsheets, and export → import that keeps every text exactly.

Texts starting with =, +, - and @ (what a spreadsheet reads as a formula) are the hard case:
XLSX must hold them as text cells, never formulas; CSV neutralises them with one leading ';
the import reads them back exactly and says what it skipped, and why.
"""

from __future__ import annotations

import csv
import io
import json
import zipfile
from pathlib import Path
from typing import Any

import openpyxl
import pytest

from seuranta.commands import export
from seuranta.files import atomic
from seuranta.model.loader import load
from test_report import run, write_fixture

TEXTS = {
    "title": "= ennallaan, otsikko",
    "outputs": "+ uusi tuotos",
    "evaluation": "-kysely sote-johtajille",
    "question": "@kaikki: onko käytössä?",
}
STATUSES = {
    "2020-11-15": "= ennallaan, ei muutoksia",
    "2021-05-15": "+3 organisaatiota lisää, 7/15 organisaatiossa",
    "2021-11-15": "- Toimintamalli kuvattu\n- Koulutus pidetty\n=SUM(A1:A9) ei kaava",
}
FORMULA_LIKE = "=+-@"


def tricky_measure() -> str:
    lines = ["id: koe/tp02/02-kaavat", "number: Tp 2."]
    lines += [f"{key}: {json.dumps(value, ensure_ascii=False)}" for key, value in TEXTS.items()]
    lines += ["statuses:"]
    for date, text in STATUSES.items():
        lines += [f'  - date: "{date}"', f"    text: {json.dumps(text, ensure_ascii=False)}"]
    return "\n".join(lines) + "\n"


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    root = write_fixture(tmp_path / "repo")
    (root / "data/koe/tp02/02-kaavat.yaml").write_text(tricky_measure(), encoding="utf-8")
    return root


def measure_values(data_dir: Path, name: str) -> dict[str, Any]:
    found = next(data_dir.glob(f"koe/tp02/{name}"))
    data = load(found).data
    assert isinstance(data, dict)
    return {**{key: data.get(key) for key in TEXTS}, "statuses": [(s["date"], s["text"]) for s in data["statuses"]]}


def test_xlsx_holds_every_text_as_text_and_imports_back_exactly(
    repo: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    book_path = tmp_path / "vienti.xlsx"
    assert run(["export", "--out", str(book_path)], repo, monkeypatch)[0] == 0
    book = openpyxl.load_workbook(book_path)
    cells = [c for sheet in book.worksheets for row in sheet.iter_rows() for c in row if c.value is not None]
    assert cells and not [c.coordinate for c in cells if c.data_type == "f"]
    starting = [c for c in cells if isinstance(c.value, str) and c.value[:1] in FORMULA_LIKE]
    assert {c.value for c in starting} >= {*TEXTS.values(), *STATUSES.values()}
    assert all(c.quotePrefix for c in starting)
    with zipfile.ZipFile(book_path) as archive:
        sheets = [archive.read(n).decode() for n in archive.namelist() if n.startswith("xl/worksheets/")]
    assert sheets and not any("<f>" in xml or "<f " in xml for xml in sheets)  # no formula anywhere
    target = tmp_path / "tuotu" / "data"
    code, output = run(
        ["import", "xlsx", str(book_path), "--programme", "koe", "--out", str(target)], tmp_path, monkeypatch
    )
    assert code in (0, 1) and "Ohitettu (0):\n" in output, output
    original = measure_values(repo / "data", "02-kaavat.yaml")
    assert original["title"] == TEXTS["title"] and original["statuses"] == list(STATUSES.items())
    assert measure_values(target, "*-ennallaan-otsikko.yaml") == original


def test_csv_neutralises_formula_cells_with_one_apostrophe(
    repo: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "csv"
    assert run(["export", "--format", "csv", "--out", str(folder)], repo, monkeypatch)[0] == 0
    with (folder / "tilanteet.csv").open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.DictReader(handle, delimiter=";"))
    mine = [r["Tilanne"] for r in rows if r["Toimenpide"] == "koe/tp02/02-kaavat"]
    assert mine == ["'" + text for text in STATUSES.values()]
    assert [text[1:] for text in mine] == list(STATUSES.values())  # one ' removed: the text exactly
    with (folder / "toimenpiteet.csv").open(encoding="utf-8-sig", newline="") as handle:
        measure = next(r for r in csv.DictReader(handle, delimiter=";") if r["Tunniste"] == "koe/tp02/02-kaavat")
    assert measure["Kehittämistoimenpide"] == "'= ennallaan, otsikko"
    assert measure["Sote-johtajille esitettävä kysymys"] == "'@kaikki: onko käytössä?"
    assert measure["Tilanteita"] == "3"  # a number is never prefixed
    every = [cell for name in ("toimenpiteet", "tilanteet", "luvut") for cell in cells_of(folder / f"{name}.csv")]
    assert every and not [c for c in every if c and c[0] in FORMULA_LIKE + "\t\r"]


def cells_of(path: Path) -> list[str]:
    with path.open(encoding="utf-8-sig", newline="") as handle:
        return [cell for row in csv.reader(handle, delimiter=";") for cell in row]


def test_a_text_starting_with_the_apostrophe_gets_one_more() -> None:
    from seuranta.tables.exports.csv import neutral

    assert [neutral(t) for t in ("'x", "=1", "x=1", "-", "\tx", "")] == ["''x", "'=1", "x=1", "'-", "'\tx", ""]


def test_json_keeps_every_text_exactly(repo: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "vienti.json"
    assert run(["export", "--out", str(path)], repo, monkeypatch)[0] == 0
    document = json.loads(path.read_text(encoding="utf-8"))
    assert [s["text"] for s in document["tilanteet"] if s["measure"] == "koe/tp02/02-kaavat"] == list(STATUSES.values())


@pytest.mark.parametrize("name, fmt", [("vienti.xlsx", "xlsx"), ("vienti.json", "json"), ("csv", "csv")])
def test_an_export_that_fails_midway_leaves_the_old_files(
    name: str, fmt: str, repo: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "out" / name
    export.execute(export.Options(out, fmt, root=repo), out=io.StringIO())
    before = {p: p.read_bytes() for p in sorted(out.parent.rglob("*")) if p.is_file()}

    def broken(handle: Any, data: bytes) -> None:
        handle.write(data[: len(data) // 2])
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(atomic, "_write_all", broken)
    (repo / "data/koe/tp02/02-kaavat.yaml").write_text(tricky_measure().replace("Tp 2.", "Tp 3."), encoding="utf-8")
    with pytest.raises(OSError, match="No space left"):
        export.execute(export.Options(out, fmt, root=repo), out=io.StringIO())
    assert {p: p.read_bytes() for p in sorted(out.parent.rglob("*")) if p.is_file()} == before


# --- import: what it cannot read as written, it says ------------------------------------------

HEADER = [
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
]


def workbook(tmp_path: Path, rows: list[list[Any]]) -> Path:
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "seurantataulukko"
    sheet.append(HEADER)
    for row in rows:
        sheet.append(row)
    path = tmp_path / "taulukko.xlsx"
    book.save(path)
    return path


def with_saved_value(path: Path, cell: str, value: str) -> None:
    """Give a formula cell the value a spreadsheet program would have saved with it."""
    with zipfile.ZipFile(path) as archive:
        parts = {n: archive.read(n) for n in archive.namelist()}
    sheet = parts["xl/worksheets/sheet1.xml"].decode()
    start = sheet.index(f'<c r="{cell}"')
    end = sheet.index("</c>", start)
    formula = sheet[sheet.index("<f>", start) : sheet.index("</f>", start) + 4]
    parts["xl/worksheets/sheet1.xml"] = (
        sheet[:start] + f'<c r="{cell}" t="str">{formula}<v>{value}</v>' + sheet[end:]
    ).encode()
    with zipfile.ZipFile(path, "w") as archive:
        for name, data in parts.items():
            archive.writestr(name, data)


ROW = ["Saatavuus, oikea-aikaisuus, jatkuvuus", "1. Vastaanotot", "Sari", "Tp 1. Tiimimallit", None, None, None, None]


def test_a_formula_is_read_as_its_saved_value_and_one_without_is_skipped_and_said(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = workbook(tmp_path, [[*ROW, "=A1", '=CONCATENATE("Käytössä ", "7/15 organisaatiossa.")']])
    with_saved_value(path, "J2", "Käytössä 7/15 organisaatiossa.")
    data = tmp_path / "data"
    code, output = run(["import", "xlsx", str(path), "--programme", "uusi", "--out", str(data)], tmp_path, monkeypatch)
    assert code == 0, output
    assert "  kaavasolut luettu niiden tallennettuina arvoina: 1 solu (J2)\n" in output
    assert (
        "Ohitettu (1):\n  solu I2: kaava ilman tallennettua arvoa, ohitettu (avaa ja tallenna taulukko "
        "taulukkolaskentaohjelmassa, tai kirjoita teksti ilman =-merkkiä alussa)\n"
    ) in output
    measure = load(data / "uusi/tp01/01-tiimimallit.yaml").data
    assert [(s["date"], s["text"]) for s in measure["statuses"]] == [("2021-05-15", "Käytössä 7/15 organisaatiossa.")]


def test_a_row_with_a_control_or_bidi_character_is_refused_with_its_cell(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    rows = [[*ROW, "Alku.", "Käytössä \u202e7/15."], [*ROW[:3], "Tp 2. Ok", None, None, None, None, "Ok."]]
    path = workbook(tmp_path, rows)
    data = tmp_path / "data"
    code, output = run(["import", "xlsx", str(path), "--programme", "uusi", "--out", str(data)], tmp_path, monkeypatch)
    assert code == 0, output
    assert (
        "Ohitettu (1):\n  rivi 2: solun J2 merkki 10 on näkymätön ohjausmerkki tai kirjoitussuuntaa muuttava "
        "merkki U+202E; rivi ohitettu, poista merkki\n"
    ) in output
    assert sorted(p.name for p in (data / "uusi/tp01").iterdir()) == ["01-ok.yaml", "_group.yaml"]
