"""`seuranta show MEASURE_ID`: one measure's timeline with round labels and the figures found."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

import gitrepo
from goldens import check
from seuranta.cli import cli, main

MEASURE = "ex/tp01/01-tiimimallit"


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    repo = gitrepo.build(tmp_path, monkeypatch)
    monkeypatch.chdir(repo)
    return repo


def run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(cli, ["show", *args], catch_exceptions=False)
    return result.exit_code, result.stdout


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
