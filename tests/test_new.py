"""`seuranta new`: exact output and file, the next number, the slug, and a file that validates at once."""

from __future__ import annotations

from pathlib import Path

import pytest

import programmes
from clirun import seuranta
from seuranta.commands import new

PROGRAMME = programmes.programme(
    rounds=programmes.round_("2022-05-15", "Tilanne 15.5.2022")
    + programmes.round_("2023-05-15", "Tilanne 15.5.2023")
    + programmes.round_("2023-11-15", "Tilanne 15.11.2023"),
    populations="",
)
EXISTING = "id: ex/tp01/{name}\nnumber: Tp {n}.\ntitle: Olemassa oleva {n}\n"


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    existing = {
        f"data/ex/tp01/{name}.yaml": EXISTING.format(name=name, n=n)
        for n, name in ((1, "01-tiimimallit"), (3, "03-kotikuntoutus"))
    }
    return programmes.write_repo(tmp_path, programme=PROGRAMME, measures=existing)


def run(*args: str) -> tuple[int, str]:
    result = seuranta(*args)
    return result.code, result.output


def test_scaffolds_the_next_number_with_the_next_round(repo: Path) -> None:
    code, output = run(
        "new",
        "--programme",
        "ex",
        "--group",
        "tp01",
        "--title",
        "Fysioterapeutin suoravastaanottomalli",
        "--number",
        "Tp 4.",
    )
    assert (code, output) == (
        0,
        (
            "Luotu data/ex/tp01/04-fysioterapeutin-suoravastaanottomalli.yaml\n"
            "Seuraavan kierroksen (2023-05-15) tilanteen pohja on riveillä 7–9.\n"
            "0 virhettä, 0 varoitusta, 0 kuitattua, 1 tiedosto tarkistettu.\n"
        ),
    )
    assert (repo / "data/ex/tp01/04-fysioterapeutin-suoravastaanottomalli.yaml").read_text(encoding="utf-8") == (
        "# yaml-language-server: $schema=../../../schemas/draft-07/measure.schema.json\n"
        "id: ex/tp01/04-fysioterapeutin-suoravastaanottomalli\n"
        "number: Tp 4.\n"
        "title: Fysioterapeutin suoravastaanottomalli\n"
        "# Seuraava kierros: Tilanne 15.5.2023. Poista #-merkit kolmelta alimmalta riviltä ja kirjoita tilanne\n"
        "# kierroksen päivänä (tai: seuranta status add ex/tp01/04-fysioterapeutin-suoravastaanottomalli"
        ' --date 2023-05-15 --text "…").\n'
        "# statuses:\n"
        "# - date: '2023-05-15'\n"
        "#   text: …\n"
    )


def test_new_then_validate_and_fmt_check_pass(repo: Path) -> None:
    assert (
        run("new", "--programme", "ex", "--group", "ex/tp01", "--title", "Äitiysneuvolan ryhmävastaanotot: 2.0")[0] == 0
    )
    assert run("validate")[0] == 0
    assert run("fmt", "--check", "data/ex/tp01/04-aitiysneuvolan-ryhmavastaanotot-2-0.yaml") == (
        0,
        "Tiedosto on muodossaan.\n",
    )


def test_no_round_left_means_no_statuses(repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SEURANTA_TODAY", "2024-01-01")
    assert run("new", "--programme", "ex", "--group", "tp01", "--title", "Myöhäinen", "--lang", "en") == (
        0,
        (
            "Created data/ex/tp01/04-myohainen.yaml\n"
            "Every round of programme ex is past, so no status template was added. Add a status by hand or add a "
            "new round to the programme file (rounds).\n"
            "0 errors, 0 warnings, 0 acknowledged, 1 file checked.\n"
        ),
    )
    assert (repo / "data/ex/tp01/04-myohainen.yaml").read_text(encoding="utf-8") == (
        "# yaml-language-server: $schema=../../../schemas/draft-07/measure.schema.json\n"
        "id: ex/tp01/04-myohainen\nnumber: null\ntitle: Myöhäinen\n"
    )


def test_the_template_becomes_a_status_when_uncommented(repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    run("new", "--programme", "ex", "--group", "tp01", "--title", "Uusi")
    path = repo / "data/ex/tp01/04-uusi.yaml"
    text = path.read_text(encoding="utf-8").replace("# statuses:", "statuses:").replace("# - date", "- date")
    path.write_text(text.replace("#   text: …", "  text: Käynnistetty."), encoding="utf-8")
    monkeypatch.setenv("SEURANTA_TODAY", "2023-05-15")
    assert run("validate", str(path)) == (0, "0 virhettä, 0 varoitusta, 0 kuitattua, 1 tiedosto tarkistettu.\n")


def test_status_add_appends_after_the_template(repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    run("new", "--programme", "ex", "--group", "tp01", "--title", "Uusi")
    monkeypatch.setenv("SEURANTA_TODAY", "2023-05-15")
    assert run("status", "add", "ex/tp01/04-uusi", "--date", "2023-05-15", "--text", "Käynnistetty.") == (
        0,
        "Lisätty kierroksen 2023-05-15 tilanne: data/ex/tp01/04-uusi.yaml:11\n",
    )
    assert run("validate")[0] == 0


def test_unknown_programme_or_group(repo: Path) -> None:
    assert run("new", "--programme", "xx", "--group", "tp01", "--title", "T") == (
        2,
        "seuranta new: ohjelmaa 'xx' ei löydy (data/xx/programme.yaml). Ohjelmat: ex.\n",
    )
    assert run("new", "--programme", "ex", "--group", "tp02", "--title", "T", "--lang", "en") == (
        2,
        "seuranta new: group 'tp02' not found (data/ex/tp02/_group.yaml). Groups of ex: tp01.\n",
    )
    assert run("new", "--programme", "ex", "--group", "tp01", "--title", "–?!") == (
        2,
        "seuranta new: nimestä '–?!' ei saa tiedostonimeä; siinä pitää olla kirjaimia tai numeroita.\n",
    )


def test_a_control_or_bidi_character_in_the_title_or_number_is_refused(repo: Path) -> None:
    before = sorted(p.name for p in (repo / "data/ex/tp01").iterdir())
    assert run("new", "--programme", "ex", "--group", "tp01", "--title", "Uusi \x1b]0;x\x07 malli") == (
        2,
        "seuranta new: --title: merkki 6 on näkymätön ohjausmerkki tai kirjoitussuuntaa muuttava merkki U+001B; "
        "poista se.\n",
    )
    assert run("new", "--programme", "ex", "--group", "tp01", "--title", "T", "--number", "Tp\u202e 4", "--lang", "en")[
        1
    ] == ("seuranta new: --number: character 3 is an invisible control or bidirectional character U+202E; remove it.\n")
    assert sorted(p.name for p in (repo / "data/ex/tp01").iterdir()) == before


def test_an_error_quoting_the_input_shows_its_control_characters(repo: Path) -> None:
    assert run("new", "--programme", "x\x1b[31m", "--group", "tp01", "--title", "T")[1] == (
        "seuranta new: --programme 'x\\e[31m': tunniste on pienin kirjaimin a–z, numeroin ja yhdysmerkein "
        "(esim. pirsote, tp09), ei polku.\n"
    )


@pytest.mark.parametrize(
    "title, expected",
    [
        ("Fysioterapeutin suoravastaanottomalli", "fysioterapeutin-suoravastaanottomalli"),
        ("Päivystysapu 116117 -käyttöönotto", "paivystysapu-116117-kayttoonotto"),
        ("Åland ÄÖÅ äöå", "aland-aoa-aoa"),
        ("  Sote-keskus: (uusi) malli!  ", "sote-keskus-uusi-malli"),
        ("Crème brûlée", "creme-brulee"),
        (
            "Hyvinvointialueen sotekeskuksen alueellinen hyvinvoinnin ja terveyden edistämisen rakenne",
            "hyvinvointialueen-sotekeskuksen-alueellinen-hyvinvoinnin-ja",
        ),
    ],
)
def test_slug(title: str, expected: str) -> None:
    assert new.slug(title) == expected
    assert len(new.slug(title)) <= new.SLUG_LIMIT


def test_next_number(tmp_path: Path) -> None:
    assert new.next_number(tmp_path) == "01"
    for name in ("_group.yaml", "02-a.yaml", "09-b.yaml", "notes.txt"):
        (tmp_path / name).write_text("", encoding="utf-8")
    assert new.next_number(tmp_path) == "10"
