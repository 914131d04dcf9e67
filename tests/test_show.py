"""`seuranta show MEASURE_ID`: one measure's timeline with round labels and the figures found."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import gitrepo
from clirun import seuranta
from conftest import REPO
from goldens import check
from seuranta.cli import main

MEASURE = "ex/tp01/01-tiimimallit"


@pytest.fixture
def repo(git_repo: Path) -> Path:
    return git_repo


def run(*args: str) -> tuple[int, str]:
    result = seuranta("show", *args)
    return result.code, result.stdout


def test_text(repo: Path) -> None:
    code, output = run(MEASURE)
    assert code == 0
    check("show.txt", output)


def test_json(repo: Path) -> None:
    code, output = run(MEASURE, "--format", "json")
    assert code == 0
    check("show.json", output)
    timeline = json.loads(output)["timeline"]
    assert [(e["label"], [f["text"] for f in e["figures"]]) for e in timeline] == [
        ("Lähtötilanne 15.11.2020", ["3/15"]),
        ("Tilanne 15.5.2021", ["7/14"]),
        ("Tilanne 15.11.2021", ["7/15"]),
    ]


def test_a_round_without_a_status_is_shown(repo: Path) -> None:
    output = run("ex/tp02/02-chat")[1]
    assert "Lähtötilanne 15.11.2020 (2020-11-15)\n    (ei tilannetta)\n" in output


def test_a_path_or_a_unique_ending_finds_the_measure(repo: Path) -> None:
    expected = run(MEASURE)[1]
    assert run("data/ex/tp01/01-tiimimallit.yaml")[1] == expected
    assert run("tp01/01-tiimimallit")[1] == expected


def test_unknown_measure_suggests_close_ones(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["show", "ex/tp01/01-tiimimalli"]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert (
        captured.err
        == "seuranta show: toimenpidettä ei löydy: ex/tp01/01-tiimimalli; tarkoititko: ex/tp01/01-tiimimallit\n"
    )


def test_a_measure_whose_file_does_not_load_is_named_with_its_finding(
    repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = repo / "data" / f"{MEASURE}.yaml"
    path.write_text(path.read_text(encoding="utf-8") + "id: toinen\n", encoding="utf-8")
    line = len(path.read_text(encoding="utf-8").splitlines())
    for asked in (MEASURE, "tp01/01"):
        assert main(["show", asked, "--lang", "en"]) == 1
        captured = capsys.readouterr()
        assert captured.out == ""
        assert captured.err == (
            "These files could not be read, so they are missing from the output. "
            "Fix them (seuranta validate tells more):\n"
            f"  data/{MEASURE}.yaml:{line}:1: error [yaml-duplicate-key] "
            f"Key 'id' appears twice (lines 1 and {line}). Remove or merge one of them.\n"
        )


BRIDGED = """\
id: ex/tp02/03-ajanvaraus
number: Tp 3.
title: Verkkoajanvaraus
metrics:
  - {id: verkkokauppa, text: "Verkkokauppamalli käytössä 9/2021: kyllä/ei", kind: yes-no, due: 2021-09}
  - {id: osuus, text: Verkkoajanvarausten osuus, kind: ratio}
continuation:
  text: |-
    Toiminta jatkuu RRP-rahoituksella.
    Ylläpito siirtyy tuotantoon.
  responsible: |-
    Sote-keskukset
    Hyte-yksikkö
  successor: RRP-hanke
statuses:
  - date: "2021-11-15"
    text: Käyttöönotto 6/2022 mennessä. Osuus kasvanut.
    answers:
      - {metric: verkkokauppa, value: false, text: Käyttöönotto 6/2022 mennessä.}
      - {metric: osuus, value: 12}
"""


def test_metrics_answers_and_continuation_are_shown(repo: Path) -> None:
    gitrepo.write(repo, "data/ex/tp02/03-ajanvaraus.yaml", BRIDGED)
    output = run("ex/tp02/03-ajanvaraus")[1]
    assert (
        "tiedosto: data/ex/tp02/03-ajanvaraus.yaml\nmittarit:\n"
        "    verkkokauppa (yes-no, määräaika 2021-09): Verkkokauppamalli käytössä 9/2021: kyllä/ei\n"
        "    osuus (ratio): Verkkoajanvarausten osuus\n\n" in output
    )
    assert (
        "    Käyttöönotto 6/2022 mennessä. Osuus kasvanut.\n    vastaukset:\n"
        "        verkkokauppa: ei – Käyttöönotto 6/2022 mennessä.\n        osuus: 12\n\n" in output
    )
    assert output.endswith(
        "Jatko hankkeen jälkeen\n    Toiminta jatkuu RRP-rahoituksella.\n    Ylläpito siirtyy tuotantoon.\n"
        "    vastuutaho: Sote-keskukset; Hyte-yksikkö\n    jatkaja: RRP-hanke\n"
    )
    english = run("ex/tp02/03-ajanvaraus", "--lang", "en")[1]
    assert "verkkokauppa (yes-no, due 2021-09)" in english and "verkkokauppa: no – " in english
    shown = json.loads(run("ex/tp02/03-ajanvaraus", "--format", "json")[1])
    assert shown["metrics"][0] == {
        "id": "verkkokauppa",
        "kind": "yes-no",
        "due": "2021-09",
        "text": "Verkkokauppamalli käytössä 9/2021: kyllä/ei",
    }
    assert [e["answers"] for e in shown["timeline"] if e["answers"]] == [
        [
            {"metric": "verkkokauppa", "value": False, "text": "Käyttöönotto 6/2022 mennessä."},
            {"metric": "osuus", "value": 12, "text": None},
        ]
    ]
    assert shown["continuation"]["successor"] == "RRP-hanke"


@pytest.mark.parametrize(
    "measure, expected",
    [
        (
            "pirsote/tp01/03-fysioterapeutin-suoravastaanottomalli",
            "ft-suoravastaanottomalli käytössä 10/15 sotekeskuksessa",
        ),
        (
            "siun-sote/pt8/05-vahvuutta-vanhemmuuteen",
            "    vastaukset:\n        ryhmatoiminta: kyllä – Kaksi ryhmää käynnistynyt.\n",
        ),
        ("paijat-hame/tk2/01-segmentoinnin-malli", "Jatko hankkeen jälkeen\n    Marjo Lepistö ja Eili Ikonen jatkavat"),
    ],
)
def test_a_measure_of_each_shipped_programme(measure: str, expected: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(REPO)
    code, output = run(measure)
    assert code == 0 and output.startswith(measure + "\n") and expected in output
