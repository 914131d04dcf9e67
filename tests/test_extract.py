"""`seuranta extract`: proposals as YAML, only new quotes, and --write that adds lines and keeps comments."""

from __future__ import annotations

import difflib
from pathlib import Path

import pytest

import programmes
from clirun import seuranta
from seuranta.commands import extract
from seuranta.model import loader
from seuranta.rules.support import Population

PROGRAMME = programmes.programme(
    rounds=programmes.round_("2020-11-15", "Lähtötilanne 15.11.2020") + programmes.SPRING_2021,
    populations=programmes.ORGANISAATIO + programmes.KUNTA,
)
GROUP = "id: ex/tp01\nnumber: '1'\ntitle: T\nbenefit_goal: saatavuus\n"
MEASURE = "data/ex/tp01/01-tiimimallit.yaml"
ORIGINAL = """\
# yaml-language-server: $schema=../../../schemas/measure.schema.json
id: ex/tp01/01-tiimimallit
number: Tp 1.
title: Tiimimallit
subpopulations:
- id: alue
  size: 10
  stems: [alueel, alueid]
statuses:
- date: '2020-11-15'
  text: Tiimimallit käytössä 3/15 organisaatiossa ja 8/ 23 kunnassa; käynneistä 49,2 % etänä.  # kysely
  observations:
  - quote: 3/15 organisaatiossa
    value: 3
    of: 15
    unit: organisaatio
- date: '2021-05-15'
  text: |-
    Käyttöaste nousi +5 % ja on nyt 45 prosenttia.
    Malli käytössä 7/10 alueella, tiimejä 12/2021 mennessä 24/7.
# loppukommentti
notes: Huom.
"""
PROPOSALS = """\
# data/ex/tp01/01-tiimimallit.yaml
ex/tp01/01-tiimimallit:
- date: '2020-11-15'
  observations:
  - quote: 8/ 23 kunnassa
    value: 8
    of: 23
    unit: kunta
  - quote: 49,2 %
    value: 49.2
    unit: '%'
- date: '2021-05-15'
  observations:
  - quote: 45 prosenttia
    value: 45
    unit: '%'
  - quote: 7/10 alueella
    value: 7
    of: 10
    unit: alue
"""


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    return programmes.write_repo(tmp_path, programme=PROGRAMME, group=GROUP, measures={MEASURE: ORIGINAL})


def run(*args: str) -> tuple[int, str]:
    result = seuranta("extract", *args)
    return result.code, result.output


def test_proposes_counts_over_populations_and_shares(repo: Path) -> None:
    assert run() == (0, PROPOSALS)
    assert run("ex/tp01/01-tiimimallit") == (0, PROPOSALS)
    assert run(MEASURE) == (0, PROPOSALS)
    assert (repo / MEASURE).read_text(encoding="utf-8") == ORIGINAL


def test_write_adds_lines_only_keeps_comments_and_validates(repo: Path) -> None:
    assert run("--write") == (0, PROPOSALS + "# Kirjoitettu data/ex/tp01/01-tiimimallit.yaml: 4 havaintoa.\n")
    after = (repo / MEASURE).read_text(encoding="utf-8")
    changes = [line for line in difflib.ndiff(ORIGINAL.splitlines(), after.splitlines()) if line[:1] in "+-"]
    assert all(line.startswith("+ ") for line in changes)
    assert len(changes) == 15
    assert "# kysely" in after and "# loppukommentti" in after
    statuses = loader.load_bytes(MEASURE, after.encode("utf-8")).data["statuses"]
    assert statuses[0]["observations"][1:] == [
        {"quote": "8/ 23 kunnassa", "value": 8, "of": 23, "unit": "kunta"},
        {"quote": "49,2 %", "value": 49.2, "unit": "%"},
    ]
    assert statuses[1]["observations"] == [
        {"quote": "45 prosenttia", "value": 45, "unit": "%"},
        {"quote": "7/10 alueella", "value": 7, "of": 10, "unit": "alue"},
    ]
    assert seuranta("validate").output == "0 virhettä, 0 varoitusta, 0 kuitattua, 4 tiedostoa tarkistettu.\n"
    assert run("--lang", "en") == (0, "# No observations to propose.\n")


def test_unknown_measure(repo: Path) -> None:
    assert run("ex/tp01/99-ei") == (
        2,
        "seuranta extract: toimenpidettä 'ex/tp01/99-ei' ei löydy (data/ex/tp01/99-ei.yaml).\n",
    )


def test_a_broken_file_is_reported_as_a_comment(repo: Path) -> None:
    (repo / MEASURE).write_text("id: a\nid: b\n", encoding="utf-8")
    assert run() == (
        1,
        (
            "# Ei ehdotettavia havaintoja.\n"
            f"# {MEASURE}:2:1: virhe [yaml-duplicate-key] Avain 'id' on kahdesti (rivit 1 ja 2). Poista tai yhdistä toinen.\n"
        ),
    )


@pytest.mark.parametrize(
    "text, expected",
    [
        (
            "Käytössä 7/14 organisaatiossa.",
            [{"quote": "7/14 organisaatiossa", "value": 7, "of": 14, "unit": "organisaatio"}],
        ),
        ("Aukioloa 24/7, 12/2021 mennessä, ka. 3,9/5.", []),
        ("Kasvu +5 %, osuus 50,0 %.", [{"quote": "50,0 %", "value": 50, "unit": "%"}]),
        (
            "3/15 organisaatiossa ja taas 3/15 organisaatiossa",
            [
                {"quote": "3/15 organisaatiossa", "value": 3, "of": 15, "unit": "organisaatio"},
            ],
        ),
        ("7/14 henkilöllä", []),
    ],
)
def test_observations(text: str, expected: list[dict[str, object]]) -> None:
    known = [Population("organisaatio", 15, ("organisaatio", "sotekeskuks"))]
    assert extract.observations(text, known) == expected
