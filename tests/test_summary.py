"""`seuranta summary`: golden tables in several formats; coverage checked against the YAML files themselves."""

from __future__ import annotations

import csv
import io
import json
from collections import Counter
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

import gitrepo
from goldens import check
from seuranta.cli import cli, main
from seuranta.figures import extract
from seuranta.summaries import chains


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    repo = gitrepo.build(tmp_path, monkeypatch)
    monkeypatch.chdir(repo)
    return repo


def run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(cli, ["summary", *args], catch_exceptions=False)
    return result.exit_code, result.stdout


def counted_from_yaml(data: Path) -> Counter[tuple[str, str]]:
    """Status entries by (group, date), read with PyYAML directly, not with seuranta's loader."""
    found: Counter[tuple[str, str]] = Counter()
    for path in sorted(data.rglob("*.yaml")):
        if path.name in ("programme.yaml", "_group.yaml"):
            continue
        for entry in yaml.safe_load(path.read_text(encoding="utf-8")).get("statuses") or []:
            found[(path.parent.name, str(entry["date"]))] += 1
    return found


def csv_cells(output: str) -> dict[tuple[str, str], str]:
    rows = list(csv.reader(io.StringIO(output)))
    header = rows[0]
    return {(row[0], name): cell for row in rows[1:] for name, cell in zip(header, row)}


@pytest.mark.parametrize("fmt", ["plain", "github", "csv", "html", "latex"])
def test_coverage_formats(repo: Path, fmt: str) -> None:
    code, output = run("--format", fmt)
    assert code == 0
    check(f"summary-coverage.{fmt}", output)


def test_coverage_equals_the_status_entries_in_the_yaml_files(repo: Path) -> None:
    expected = counted_from_yaml(repo / "data")
    cells = csv_cells(run("--format", "csv")[1])
    for date in gitrepo.ROUNDS:
        for group in gitrepo.GROUPS:
            assert int(cells[(group, date)]) == expected[(group, date)]
        assert int(cells[("yhteensä", date)]) == sum(n for (_, d), n in expected.items() if d == date)
    assert int(cells[("yhteensä", "yhteensä")]) == sum(expected.values()) == 9


def test_coverage_of_a_revision(repo: Path) -> None:
    gitrepo.write(repo, "data/ex/tp02/02-chat.yaml", "id: ex/tp02/02-chat\ntitle: Työpuussa muutettu\n")
    cells = csv_cells(run("--format", "csv", "--rev", "HEAD~2")[1])
    assert [cells[("yhteensä", d)] for d in gitrepo.ROUNDS] == ["3", "0", "0"]
    assert csv_cells(run("--format", "csv", "--rev", "HEAD")[1])[("tp02", "2021-11-15")] == "1"
    assert csv_cells(run("--format", "csv")[1])[("tp02", "2021-11-15")] == "0"


def test_filters(repo: Path) -> None:
    output = run("--group", "tp02", "--round", "2021-05-15", "--format", "csv")[1]
    assert output == "ryhmä,toimenpiteitä,2021-05-15,yhteensä\ntp02,2,1,1\nyhteensä,2,1,1\n"
    assert run("--group", "ex/tp02", "--round", "2021-05-15", "--format", "csv")[1] == output
    assert run("--programme", "ex", "--format", "tsv")[1].split("\n")[0].split("\t")[:3] == [
        "ryhmä   ",
        "  toimenpiteitä",
        "  2020-11-15",
    ]


def test_latest(repo: Path) -> None:
    code, output = run("--table", "latest")
    assert code == 0
    check("summary-latest.plain", output)


def test_latest_as_of_a_round(repo: Path) -> None:
    output = run("--table", "latest", "--round", "2021-05-15", "--format", "csv")[1]
    assert "tp01/02-fysioterapia,2021-05-15,11/14,10/15 → 11/14\n" in output


def test_missing_defaults_to_the_latest_round(repo: Path) -> None:
    code, output = run("--table", "missing")
    assert code == 0
    check("summary-missing.plain", output)


def test_missing_for_a_round(repo: Path) -> None:
    output = run("--table", "missing", "--round", "2021-05-15", "--format", "csv")[1]
    assert output == "toimenpide,nimi,viimeisin tilanne,huomautus\ntp02/02-chat,Chat-palvelu,2021-11-15,\n"


def test_findings_equal_what_validate_reports(repo: Path) -> None:
    gitrepo.write(repo, "data/ex/tp02/03-rikki.yaml", "id: ex/tp02/03-rikki\ntitle: Rikki\nstauses: []\n")
    reported = json.loads(CliRunner().invoke(cli, ["validate", "--format", "json"]).stdout)["findings"]
    expected: Counter[tuple[str, str]] = Counter()
    for finding in reported:
        group = "(ohjelma)" if finding["path"].endswith("programme.yaml") else finding["path"].split("/")[2]
        expected[
            (
                group,
                "kuitattuja"
                if finding["acknowledged"]
                else {"error": "virheitä", "warning": "varoituksia"}[finding["severity"]],
            )
        ] += 1
    cells = csv_cells(run("--table", "findings", "--format", "csv")[1])
    for group in ("(ohjelma)", "tp01", "tp02"):
        for column in ("virheitä", "varoituksia", "kuitattuja"):
            assert int(cells[(group, column)]) == expected[(group, column)]
    assert cells[("tp02", "tiedostoja")] == "4" and int(cells[("tp02", "virheitä")]) >= 1
    assert int(cells[("yhteensä", "virheitä")]) == sum(n for (_, c), n in expected.items() if c == "virheitä")


def test_findings_in_english(repo: Path) -> None:
    output = run("--table", "findings", "--lang", "en", "--group", "tp02")[1]
    assert output.splitlines()[:3] == [
        "ex: findings by group",
        "",
        "group      files    errors    warnings    acknowledged",
    ]


def test_errors_exit_2(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    for args, message in (
        (["--programme", "eiole"], "unknown programme: eiole"),
        (["--group", "tp99"], "unknown group: tp99"),
        (["--round", "2031-01-01"], "no programme declares round 2031-01-01"),
        (["--table", "missing", "--round", "2031-01-01"], "no programme declares round 2031-01-01"),
        (["--format", "unsafehtml"], "unknown format: unsafehtml"),
        (["--rev", "eiole"], "unknown revision: eiole"),
    ):
        assert main(["summary", *args]) == 2
        captured = capsys.readouterr()
        assert captured.out == "" and message in captured.err


def test_trend_chains_follow_each_figure_back() -> None:
    texts = [
        "a) valmis 2/ 23 kuntaa\nb) ei ole 15/ 23 kuntaa",
        "Teksti ilman lukuja.",
        "a) valmis 5/ 22 kuntaa\nb) ei ole 0/ 22 kuntaa",
    ]
    assert [[f.text for f in chain] for chain in chains(texts)] == [["2/23", "5/22"], ["15/23", "0/22"]]
    assert chains([]) == [] and extract("") == []
