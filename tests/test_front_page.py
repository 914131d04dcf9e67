"""The report's front page: the programmes side by side first, and no table that would show only zeros."""

from __future__ import annotations

import html
import re
from pathlib import Path

import pytest

from test_report import reachable, run, write_fixture

# A final report's programme: goals declared, no measure linked to them, no status in its one round.
EMPTY = {
    "data/tyhja/programme.yaml": """\
id: tyhja
title: Tyhjä ohjelma
region: Tyhjämaa
group_label: toimenpidekokonaisuus
benefit_goals:
  - {id: saatavuus, title: Saatavuus, national: saatavuus}
  - {id: kustannukset, title: Kustannukset, national: kustannukset}
rounds:
  - {date: "2024-01-31", label: Loppuraportti, kind: summary}
""",
    "data/tyhja/tk1/_group.yaml": "id: tyhja/tk1\nnumber: '1'\ntitle: Toimenpidekokonaisuus 1\n",
    "data/tyhja/tk1/01-a.yaml": "id: tyhja/tk1/01-a\ntitle: Ensimmäinen\n",
    "data/tyhja/tk1/02-b.yaml": "id: tyhja/tk1/02-b\ntitle: Toinen\n",
}


def rows(page: str, caption: str) -> list[list[str]]:
    """A table's rows as the text of their cells, found by the start of its caption."""
    found = re.search(rf"<caption>{re.escape(caption)}.*?</table>", page, re.DOTALL)
    assert found is not None, caption
    cells = [re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", row) for row in re.findall(r"<tr>(.*?)</tr>", found.group())]
    return [[html.unescape(re.sub(r"<[^>]+>", "", c)) for c in row] for row in cells]


@pytest.fixture
def front(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> str:
    root = write_fixture(tmp_path / "repo")
    for name, text in EMPTY.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(text, encoding="utf-8")
    code, output = run(["report", "--out", str(tmp_path / "site")], root, monkeypatch)
    assert code == 0, output
    return (tmp_path / "site" / "index.html").read_text(encoding="utf-8")


def test_the_programmes_side_by_side_come_first(front: str) -> None:
    assert front.index('id="rinnakkain"') < front.index('id="ohjelmat"') < front.index('id="koe"')
    assert rows(front, "Ohjelmat: ") == [
        ["Ohjelma", "Alue", "Toimenpiteitä", "Viimeisin raportoitu kierros", "Raportoitu", "Virheitä", "Varoituksia"],
        ["Koeohjelma", "Koemaa", "3", "Tilanne 15.11.2021", "1/3 (33 %)", "1", "0"],
        ["Tyhjä ohjelma", "Tyhjämaa", "2", "ei tilannekatsauksia", "–", "0", "0"],
    ]
    assert rows(front, "Kansalliset hyötytavoitteet ohjelmittain") == [
        ["Kansallinen hyötytavoite", "Koeohjelma", "Tyhjä ohjelma"],
        ["Saatavuus, oikea-aikaisuus, jatkuvuus", "1/2 (50 %)", "–"],
        ["Laatu ja vaikuttavuus", "0/1 (0 %)", "–"],
        ["Ei kansallista hyötytavoitetta", "–", "2"],
    ]


def test_no_table_of_zeros(front: str) -> None:
    section = front[front.index('<h2 id="tyhja">') :]
    assert "Toimenpiteitä ei ole liitetty ohjelman hyötytavoitteisiin." in section
    assert "Hyötytavoitteittain" not in section and "Ei hyötytavoitetta" not in section
    assert 'id="kattavuus-tyhja"' not in front
    assert "Tilannekatsauksia ei ole vielä (1 raportointikierros)." in section
    assert 'id="kattavuus-koe"' in front


def test_one_site_for_several_regions(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    first = write_fixture(tmp_path / "koemaa")
    second = tmp_path / "tyhjamaa"
    for name, text in {".seuranta.yaml": "data: data\n", **EMPTY}.items():
        (second / name).parent.mkdir(parents=True, exist_ok=True)
        (second / name).write_text(text, encoding="utf-8")
    site = tmp_path / "site"
    args = ["report", "--out", str(site), "--source", str(first), "--source", str(second)]
    code, output = run(args, tmp_path, monkeypatch)
    assert code == 0, output
    assert output.startswith(
        f"Raportti kirjoitettu: {site}/index.html (10 sivua: 2 ohjelmaa, 3 ryhmää, 5 toimenpidettä"
    )
    front = (site / "index.html").read_text(encoding="utf-8")
    assert [row[:2] for row in rows(front, "Ohjelmat: ")[1:]] == [
        ["Koeohjelma", "Koemaa"],
        ["Tyhjä ohjelma", "Tyhjämaa"],
    ]
    assert reachable(site) == {p.resolve() for p in site.rglob("*.html")}
    findings = (site / "havainnot.html").read_text(encoding="utf-8")
    assert "koemaa/data/koe/tp01/02-vihamielinen.yaml" in findings
    group = (site / "ryhmat" / "tyhja" / "tk1.html").read_text(encoding="utf-8")
    assert "tyhjamaa/data/tyhja/tk1/_group.yaml" in group


def test_the_same_programme_in_two_sources_is_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    first, second = write_fixture(tmp_path / "a"), write_fixture(tmp_path / "b")
    args = ["report", "--out", str(tmp_path / "site"), "--source", str(first), "--source", str(second)]
    assert run(args, tmp_path, monkeypatch)[0] == 2
    assert not (tmp_path / "site").exists()
