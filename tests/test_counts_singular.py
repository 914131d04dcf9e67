"""A count of one is said in the singular, in Finnish and in English, by every command that counts.

One workbook with one measure and one status is imported into an empty repository; the report, the
export and the collection workbook of that one-measure programme then count one of everything.
"""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest

from seuranta.reporters import escaping
from test_report import run

HEADERS = ["Kansallinen hyötytavoite", "Työpaketti", "Kehittämistoimenpide", "Lähtötilanne 15.11.2020"]
ROW = ["Saatavuus, oikea-aikaisuus, jatkuvuus", "1. Avovastaanotto", "Tp 1. Tiimimallit", "Aloitettu."]


def workbook(folder: Path) -> Path:
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "Taulukko"
    sheet.append(HEADERS)
    sheet.append(ROW)
    sheet.append([None, None, None, "Irrallinen teksti."])
    path = folder / "yksi.xlsx"
    book.save(path)
    return path


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    root = tmp_path / "repo"
    root.mkdir()
    (root / ".seuranta.yaml").write_text("data: data\n", encoding="utf-8")
    return root


def imported(repo: Path, lang: str, monkeypatch: pytest.MonkeyPatch) -> str:
    book = workbook(repo.parent)
    code, output = run(["import", "xlsx", str(book), "--programme", "yksi", "--lang", lang], repo, monkeypatch)
    assert code == 0, output
    return output


def test_import_counts_one(repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    data = repo / "data" / "yksi"
    assert imported(repo, "fi", monkeypatch) == (
        "Luettu:\n"
        f'  {repo.parent / "yksi.xlsx"}, välilehti "Taulukko", otsikkorivi 1, 1 toimenpiderivi\n'
        "  sarakkeet: A hyötytavoite, B ryhmä, C toimenpide\n"
        "  kierrokset: Lähtötilanne 15.11.2020 → 2020-11-15\n"
        "  tyhjät hyötytavoite- ja ryhmäsolut täydennetty ylemmältä riviltä: 2 solua\n"
        "Kirjoitettu:\n"
        f"  {data}/programme.yaml\n"
        f"  {data}/tp01/: _group.yaml ja 1 toimenpide, 1 tilanne\n"
        "  yhteensä 3 tiedostoa: 1 toimenpide, 1 tilanne\n"
        "Ohitettu (1):\n"
        "  rivi 3: Kehittämistoimenpide-solu on tyhjä (1 tilanne jäi tuomatta)\n"
        "Tarkistus: 0 virhettä, 0 varoitusta (3 tiedostoa; seuranta validate näyttää yksityiskohdat).\n"
    )


def test_import_counts_one_in_english(repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    data = repo / "data" / "yksi"
    assert imported(repo, "en", monkeypatch) == (
        "Read:\n"
        f'  {repo.parent / "yksi.xlsx"}, sheet "Taulukko", header row 1, 1 measure row\n'
        "  columns: A hyötytavoite, B ryhmä, C toimenpide\n"
        "  rounds: Lähtötilanne 15.11.2020 → 2020-11-15\n"
        "  empty benefit goal and group cells filled from the row above: 2 cells\n"
        "Written:\n"
        f"  {data}/programme.yaml\n"
        f"  {data}/tp01/: _group.yaml and 1 measure, 1 status\n"
        "  in all 3 files: 1 measure, 1 status\n"
        "Skipped (1):\n"
        "  row 3: the Kehittämistoimenpide cell is empty (1 status not imported)\n"
        "Check: 0 errors, 0 warnings (3 files; seuranta validate shows the details).\n"
    )


SAID = {
    "fi": (
        "Raportti kirjoitettu: {out}/site/index.html (4 sivua: 1 ohjelma, 1 ryhmä, 1 toimenpide, "
        "0 lukua kuvioina; 0 havaintoa, 0 kuitattua).\n",
        "Vienti (json): {out}/vienti.json: toimenpiteet 1 rivi, tilanteet 1 rivi, luvut 0 riviä.\n",
        "Keräystaulukko {out}/k.xlsx: kierros Lähtötilanne 15.11.2020 (2020-11-15), 1 toimenpide (yksi).\n",
    ),
    "en": (
        "Report written: {out}/site/index.html (4 pages: 1 programme, 1 group, 1 measure, "
        "0 figures as charts; 0 observations, 0 acknowledged).\n",
        "Export (json): {out}/vienti.json: toimenpiteet 1 row, tilanteet 1 row, luvut 0 rows.\n",
        "Collection workbook {out}/k.xlsx: round Lähtötilanne 15.11.2020 (2020-11-15), 1 measure (yksi).\n",
    ),
}


@pytest.mark.parametrize("lang", ["fi", "en"])
def test_report_export_and_collect_count_one(
    lang: str, repo: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    imported(repo, "fi", monkeypatch)
    commands = (
        ["report", "--out", str(tmp_path / "site"), "--lang", lang],
        ["export", "--out", str(tmp_path / "vienti.json"), "--lang", lang],
        ["collect", "--round", "2020-11-15", "--out", str(tmp_path / "k.xlsx"), "--lang", lang],
    )
    said = [run(args, repo, monkeypatch) for args in commands]
    assert said == [(0, text.format(out=tmp_path)) for text in SAID[lang]]
    index = (tmp_path / "site" / "index.html").read_text(encoding="utf-8")
    assert "1 ohjelma, 1 toimenpide." in index  # the site is in Finnish whatever --lang says


@pytest.mark.parametrize(
    ("lang", "title"),
    [
        ("fi", "yksi: ei tilannetta kierroksella Lähtötilanne 15.11.2020 (0/1 toimenpide)\n"),
        ("en", "yksi: no status in round Lähtötilanne 15.11.2020 (0/1 measure)\n"),
    ],
)
def test_missing_table_of_one_measure(lang: str, title: str, repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """After a fraction "x/y" the noun agrees with the total: the partitive after 2 or more, else the singular."""
    imported(repo, "fi", monkeypatch)
    code, output = run(["summary", "--table", "missing", "--round", "2020-11-15", "--lang", lang], repo, monkeypatch)
    assert code == 0, output
    assert output.startswith(title)


@pytest.mark.parametrize(
    ("lang", "note"),
    [
        ("fi", "_Lyhennetty: 101 merkkiä (1 rivi) jätetty pois._\n"),
        ("en", "_Truncated: 101 characters (1 line) left out._\n"),
    ],
)
def test_a_cut_of_one_line(lang: str, note: str) -> None:
    template = {"fi": "Lyhennetty: {chars} ({lines}) jätetty pois.", "en": "Truncated: {chars} ({lines}) left out."}
    text = "A" * 100 + "\n" + "B" * 100 + "\n"
    assert escaping.cap(text, 180, template[lang], lang) == "A" * 100 + "\n" + "\n---\n\n" + note
