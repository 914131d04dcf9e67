"""`seuranta collect` → a person fills the workbook → `seuranta import xlsx` appends the round."""

from __future__ import annotations

import datetime
import zipfile
from pathlib import Path

import openpyxl
import pytest

import gitrepo
from seuranta.tables import collection
from test_report import run

ROUND = "2021-11-15"


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The example programme after two rounds, committed; the third round is to be collected."""
    gitrepo.isolate(monkeypatch)
    root = tmp_path / "repo"
    root.mkdir()
    gitrepo.git(root, "init", "-q", "-b", "main")
    gitrepo.write(root, ".seuranta.yaml", "data: data\n")
    gitrepo.write(root, "data/ex/programme.yaml", gitrepo.PROGRAMME)
    for group in gitrepo.GROUPS:
        gitrepo.write(root, f"data/ex/{group}/_group.yaml", gitrepo.group_text(group))
    gitrepo.write_round(root, 2)
    gitrepo.commit(root, "Kaksi kierrosta")
    return root


def rows_by_id(path: Path) -> dict[str, int]:
    sheet = openpyxl.load_workbook(path)[collection.SHEET]
    return {str(sheet.cell(row, 1).value): row for row in range(2, sheet.max_row + 1)}


def fill(path: Path, cells: dict[str, object], formats: dict[str, str] | None = None) -> None:
    """Write values into the new-status column, as a responsible person would in Excel."""
    book = openpyxl.load_workbook(path)
    sheet = book[collection.SHEET]
    rows = rows_by_id(path)
    for measure, value in cells.items():
        cell = sheet.cell(rows[measure], collection.NEW_COLUMN)
        cell.value = value
        cell.number_format = (formats or {}).get(measure, "General")
    book.save(path)


def changed_lines(root: Path) -> tuple[list[str], list[str]]:
    """The files the working tree changed, and every changed line of the diff."""
    names = gitrepo.git(root, "diff", "--name-only").splitlines()
    diff = gitrepo.git(root, "diff", "--unified=0").splitlines()
    lines = [line for line in diff if line[:1] in "+-" and not line.startswith(("+++", "---"))]
    return names, lines


def test_collect_fill_import_appends_only(repo: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    book = tmp_path / "kierros.xlsx"
    code, output = run(["collect", "--round", "15.11.2021", "--out", str(book)], repo, monkeypatch)
    assert (code, output) == (
        0,
        f"Keräystaulukko {book}: kierros Tilanne 15.11.2021 (2021-11-15), 4 toimenpidettä (ex).\n",
    )
    fill(
        book,
        {
            "ex/tp01/01-tiimimallit": 0.73,
            "ex/tp01/02-fysioterapia": "–",
            "ex/tp02/02-chat": "Chat käytössä 3/15 organisaatiossa.",
        },
        {"ex/tp01/01-tiimimallit": "0%"},
    )
    code, output = run(["import", "xlsx", str(book)], repo, monkeypatch)
    assert output == (
        "Luettu:\n"
        f"  {book}: keräystaulukko, kierros 2021-11-15, ohjelmat ex, 4 toimenpideriviä\n"
        "Kirjoitettu:\n"
        "  I2 → ex/tp01/01-tiimimallit: kierroksen 2021-11-15 tilanne lisätty\n"
        "  I5 → ex/tp02/02-chat: kierroksen 2021-11-15 tilanne lisätty\n"
        "Ohitettu (2):\n"
        "  I3 (ex/tp01/02-fysioterapia): paikkamerkki '–', ei tilanne\n"
        "  1 tyhjä solu (I4)\n"
        "Tarkistus: 0 virhettä, 0 varoitusta (2 tiedostoa; seuranta validate näyttää yksityiskohdat).\n"
    )
    assert code == 0
    names, lines = changed_lines(repo)
    assert names == ["data/ex/tp01/01-tiimimallit.yaml", "data/ex/tp02/02-chat.yaml"]
    assert lines == [
        "+  - date: '2021-11-15'",
        "+    text: 73 %",
        "+statuses:",
        "+- date: '2021-11-15'",
        "+  text: Chat käytössä 3/15 organisaatiossa.",
    ]
    assert run(["validate"], repo, monkeypatch)[0] == 0
    again = run(["import", "xlsx", str(book)], repo, monkeypatch)
    assert again[0] == 0, again[1]
    assert (
        "  I2 (ex/tp01/01-tiimimallit): kierroksen 2021-11-15 tilanne on jo raportoitu (data/ex/tp01/01-tiimimallit.yaml:9)\n"
        in again[1]
    )
    assert changed_lines(repo)[0] == names


def test_an_error_the_import_would_add_writes_nothing(
    repo: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    book = tmp_path / "kierros.xlsx"
    assert run(["collect", "--round", ROUND, "--out", str(book)], repo, monkeypatch)[0] == 0
    fill(book, {"ex/tp01/01-tiimimallit": "Valmis.", "ex/tp02/02-chat": "Yhteyshenkilö 131052-308T soittaa."})
    code, output = run(["import", "xlsx", str(book)], repo, monkeypatch)
    assert code == 1
    assert "Ei kirjoitettu: tuonti lisäisi 1 virhe; korjaa taulukko ja tuo uudelleen.\n" in output
    assert "  data/ex/tp02/02-chat.yaml:6:23: virhe [hetu] Tekstissä on henkilötunnus (******-****)." in output
    assert "131052-308T" not in output
    assert changed_lines(repo) == ([], [])


def test_unknown_measure_and_foreign_workbook(repo: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    book = tmp_path / "kierros.xlsx"
    assert run(["collect", "--round", ROUND, "--out", str(book)], repo, monkeypatch)[0] == 0
    workbook = openpyxl.load_workbook(book)
    workbook[collection.SHEET].cell(2, 1).value = "ex/tp09/01-ei-ole"
    workbook[collection.SHEET].cell(2, collection.NEW_COLUMN).value = "Tehty."
    workbook.save(book)
    output = run(["import", "xlsx", str(book)], repo, monkeypatch)[1]
    assert "  I2 (ex/tp09/01-ei-ole): tuntematon toimenpide ex/tp09/01-ei-ole\n" in output
    plain = tmp_path / "muu.xlsx"
    openpyxl.Workbook().save(plain)
    code, output = run(["import", "xlsx", str(plain)], repo, monkeypatch)
    assert code == 2


def test_unknown_round_is_a_usage_error(repo: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    code, _ = run(["collect", "--round", "2022-01-01", "--out", str(tmp_path / "k.xlsx")], repo, monkeypatch)
    assert code == 2 and not (tmp_path / "k.xlsx").exists()


def test_the_workbook_guides_and_locks(repo: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    book = tmp_path / "kierros.xlsx"
    assert run(["collect", "--round", ROUND, "--out", str(book)], repo, monkeypatch)[0] == 0
    workbook = openpyxl.load_workbook(book)
    assert workbook[collection.MARK_SHEET].sheet_state == "hidden"
    sheet = workbook[collection.SHEET]
    assert [c.value for c in sheet[1]] == [*collection.HEADERS, "Uusi tilanne: Tilanne 15.11.2021 (2021-11-15)"]
    assert sheet.protection.sheet and sheet.column_dimensions["A"].hidden
    row = rows_by_id(book)["ex/tp01/01-tiimimallit"]
    context = sheet.cell(row, collection.NEW_COLUMN - 1)
    assert context.value == "Tilanne 15.5.2021:\nSeurantakyselyssä tiimimallit käytössä 7/14 organisaatiossa."
    assert context.protection.locked and context.alignment.wrap_text
    assert not sheet.cell(row, collection.NEW_COLUMN).protection.locked
    assert [str(v.sqref) for v in sheet.data_validations.dataValidation] == ["I2:I5"]


@pytest.mark.parametrize(
    "value, number_format, shown",
    [
        (0.73, "0%", "73 %"),
        (0.735, "0.0%", "73,5 %"),
        (0.5, "General", "0,5"),
        (1.5, "0.00", "1,50"),
        (7, "General", "7"),
        (12.0, "General", "12"),
        (datetime.datetime(2021, 5, 15), "d.m.yyyy", "15.5.2021"),
        (datetime.datetime(2021, 5, 15), "yyyy-mm-dd", "2021-05-15"),
        (True, "General", "kyllä"),
        ("=teksti", "General", "=teksti"),
    ],
)
def test_cells_read_as_shown(value: object, number_format: str, shown: str) -> None:
    assert collection.cell_text(value, number_format) == shown


@pytest.mark.parametrize("text, expected", [("-", True), ("–", True), ("xx", True), (" ? ", True), ("x tehty", False)])
def test_placeholders(text: str, expected: bool) -> None:
    assert collection.placeholder(text) is expected


def test_the_layout_import_writes_no_henkilotunnus(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["Kansallinen hyötytavoite", "Työpaketti", "Kehittämistoimenpide", "Tilanne 15.5.2021"])
    sheet.append(["Saatavuus", "1. Vastaanotto", "Tp 1. Tiimit", "Yhteyshenkilö 131052-308T."])
    path = tmp_path / "taulukko.xlsx"
    book.save(path)
    data = tmp_path / "data"
    code, output = run(["import", "xlsx", str(path), "--programme", "uusi", "--out", str(data)], tmp_path, monkeypatch)
    assert code == 1
    assert "Ei kirjoitettu: tuonti lisäisi 1 virhe; korjaa taulukko ja tuo uudelleen.\n" in output
    assert "131052-308T" not in output and not data.exists()


def test_the_layout_import_reads_cells_as_shown(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["Kansallinen hyötytavoite", "Työpaketti", "Kehittämistoimenpide", "Tilanne 15.5.2021"])
    sheet.append(["Saatavuus", "1. Vastaanotto", "Tp 1. Tiimit", 0.492])
    sheet["D2"].number_format = "0.0%"
    path = tmp_path / "taulukko.xlsx"
    book.save(path)
    data = tmp_path / "data"
    code, output = run(["import", "xlsx", str(path), "--programme", "uusi", "--out", str(data)], tmp_path, monkeypatch)
    assert code == 0, output
    text = (data / "uusi" / "tp01" / "01-tiimit.yaml").read_text(encoding="utf-8")
    assert "text: 49,2 %\n" in text


def test_the_context_masks_a_henkilotunnus(repo: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    texts = {"2021-05-15": "Yhteyshenkilö 131052-308T."}
    gitrepo.write(repo, "data/ex/tp02/01-digipalvelut.yaml", gitrepo.measure_text("tp02/01-digipalvelut", 2, texts))
    book = tmp_path / "kierros.xlsx"
    assert run(["collect", "--round", ROUND, "--out", str(book)], repo, monkeypatch)[0] == 0
    with zipfile.ZipFile(book) as archive:
        parts = "".join(archive.read(name).decode("utf-8", "replace") for name in archive.namelist())
    assert "131052" not in parts and "Yhteyshenkilö ******-****." in parts


def test_the_layout_import_appends_new_rounds_to_existing_files(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def table(*statuses: str) -> Path:
        book = openpyxl.Workbook()
        sheet = book.active
        assert sheet is not None
        rounds = ["Lähtötilanne 15.11.2020", "Tilanne 15.5.2021"][: len(statuses)]
        sheet.append(["Kansallinen hyötytavoite", "Työpaketti", "Kehittämistoimenpide", *rounds])
        sheet.append(["Saatavuus", "1. Vastaanotto", "Tp 1. Tiimit", *statuses])
        path = tmp_path / f"taulukko{len(statuses)}.xlsx"
        book.save(path)
        return path

    data = tmp_path / "data"
    first = ["import", "xlsx", str(table("Aloitettu.")), "--programme", "uusi", "--out", str(data)]
    assert run(first, tmp_path, monkeypatch)[0] == 0
    programme = data / "uusi" / "programme.yaml"
    declared = "  kind: baseline\n"  # the new round declared after the baseline, as a coordinator would
    text = programme.read_text(encoding="utf-8").replace(
        declared, declared + "- date: '2021-05-15'\n  label: Tilanne 15.5.2021\n"
    )
    programme.write_text(text, encoding="utf-8")
    measure = data / "uusi" / "tp01" / "01-tiimit.yaml"
    before = measure.read_text(encoding="utf-8")
    second = ["import", "xlsx", str(table("Aloitettu.", "Käytössä.")), "--programme", "uusi", "--out", str(data)]
    code, output = run(second, tmp_path, monkeypatch)
    assert code == 0, output
    assert f"  {measure}: 1 tilanne lisätty loppuun\n" in output
    after = measure.read_text(encoding="utf-8")
    assert after.startswith(before) and after[len(before) :] == "- date: '2021-05-15'\n  text: Käytössä.\n"
