"""`seuranta summary`: golden tables in several formats; coverage checked against the YAML files themselves."""

from __future__ import annotations

import csv
import datetime
import io
import json
from collections import Counter
from pathlib import Path

import pytest
import yaml

import gitrepo
from clirun import seuranta
from conftest import REPO
from goldens import check
from seuranta.cli import main
from seuranta.commands import summary as summary_command
from seuranta.files import snapshots
from seuranta.model.index import build
from seuranta.model.loader import load
from seuranta.prose.figures import Text, extract
from seuranta.tables import SUMMARY_TABLES, summaries
from seuranta.tables.summaries import NATIONAL, chains


@pytest.fixture
def repo(git_repo: Path) -> Path:
    return git_repo


def run(*args: str) -> tuple[int, str]:
    result = seuranta("summary", *args)
    return result.code, result.stdout


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
    return {(row[0], name): cell for row in rows[1:] for name, cell in zip(header, row, strict=False)}


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


def findings_by_group() -> Counter[tuple[str, str]]:
    """What `validate --format json` reports, counted the way the findings table counts."""
    reported = json.loads(seuranta("validate", "--format", "json").stdout)["findings"]
    expected: Counter[tuple[str, str]] = Counter()
    for finding in reported:
        group = "(ohjelma)" if finding["path"].endswith("programme.yaml") else finding["path"].split("/")[2]
        kind = "kuitattuja" if finding["acknowledged"] else {"error": "virheitä", "warning": "varoituksia"}
        expected[(group, kind if isinstance(kind, str) else kind[finding["severity"]])] += 1
    return expected


def assert_table_counts(expected: Counter[tuple[str, str]], groups: tuple[str, ...]) -> dict[tuple[str, str], str]:
    cells = csv_cells(run("--table", "findings", "--format", "csv")[1])
    for group in groups:
        for column in ("virheitä", "varoituksia", "kuitattuja"):
            assert int(cells[(group, column)]) == expected[(group, column)], (group, column)
    assert int(cells[("yhteensä", "virheitä")]) == sum(n for (_, c), n in expected.items() if c == "virheitä")
    return cells


def test_findings_equal_what_validate_reports(repo: Path) -> None:
    gitrepo.write(repo, "data/ex/tp02/03-rikki.yaml", "id: ex/tp02/03-rikki\ntitle: Rikki\nstauses: []\n")
    cells = assert_table_counts(findings_by_group(), ("(ohjelma)", "tp01", "tp02"))
    assert cells[("tp02", "tiedostoja")] == "4" and int(cells[("tp02", "virheitä")]) >= 1


def test_the_same_id_in_two_folders_is_blamed_on_the_same_file(repo: Path) -> None:
    """tp01/ and tp01-b/ hold one id: validate and summary name the same duplicate (listing order: tp01 first)."""
    before = csv_cells(run("--table", "findings", "--format", "csv")[1])[("tp01", "virheitä")]
    gitrepo.write(repo, "data/ex/tp01-b/_group.yaml", "id: ex/tp01-b\nnumber: 1b\ntitle: Kopio\n")
    gitrepo.write(repo, "data/ex/tp01-b/01-kopio.yaml", "id: ex/tp01/01-tiimimallit\ntitle: Kopio\n")
    reported = json.loads(seuranta("validate", "--format", "json").stdout)["findings"]
    duplicates = [f["path"] for f in reported if f["rule"] == "id-unique"]
    assert duplicates == ["data/ex/tp01-b/01-kopio.yaml"]
    cells = assert_table_counts(findings_by_group(), ("(ohjelma)", "tp01", "tp01-b", "tp02"))
    assert int(cells[("tp01-b", "virheitä")]) >= 1 and cells[("tp01", "virheitä")] == before


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
        (["--round", "2031-01-01"], "kierrosta 2031-01-01 ei ole yhdessäkään ohjelmassa; tarkoititko: 2021-11-15"),
        (["--table", "missing", "--round", "2031-01-01", "--lang", "en"], "no programme declares round 2031-01-01"),
        (["--format", "unsafehtml"], "seuranta summary: Tuntematon muoto: unsafehtml (muodot: asciidoc,"),
        (["--rev", "eiole"], "unknown revision: eiole"),
    ):
        assert main(["summary", *args]) == 2
        captured = capsys.readouterr()
        assert captured.out == "" and message in captured.err


def test_trend_chains_follow_each_figure_back() -> None:
    texts = [
        Text("2020-11-15", "a) valmis 2/ 23 kuntaa\nb) ei ole 15/ 23 kuntaa"),
        Text("2021-05-15", "Teksti ilman lukuja."),
        Text("2021-11-15", "a) valmis 5/ 22 kuntaa\nb) ei ole 0/ 22 kuntaa"),
    ]
    assert [[f.text for f in chain] for chain in chains(texts)] == [["2/23", "5/22"], ["15/23", "0/22"]]
    assert chains([]) == [] and extract("") == []


# A second, smaller programme beside the fixture's: its own goal ids map to the national ones, one measure
# overrides its group's goal, and one group has no goal at all.
SECOND = {
    "data/toinen/programme.yaml": """\
id: toinen
title: Toinen ohjelma
group_label: toimenpidekokonaisuus
benefit_goals:
  - {id: saavutettavuus, title: Saavutettavuus, national: saatavuus}
  - {id: vaikuttavuus, title: Vaikuttavuus ja laatu, national: laatu}
  - {id: talous, title: Talous ja resurssit, national: kustannukset}
rounds:
  - {date: "2021-05-15", label: Tilanne 15.5.2021}
  - {date: "2024-01-31", label: Loppuraportti, kind: summary}
""",
    "data/toinen/tk1/_group.yaml": "id: toinen/tk1\nnumber: '1'\ntitle: Johtaminen\nbenefit_goal: vaikuttavuus\n",
    "data/toinen/tk1/01-mittarit.yaml": """\
id: toinen/tk1/01-mittarit
number: null
title: Vaikuttavuuden mittarit otetaan käyttöön.
statuses:
  - {date: "2021-05-15", text: Mittarit kuvattu.}
  - {date: "2024-01-31", text: Mittarit käytössä.}
""",
    "data/toinen/tk1/02-talous.yaml": """\
id: toinen/tk1/02-talous
number: null
title: Talouden seuranta vahvistuu.
benefit_goal: talous
statuses:
  - {date: "2021-05-15", text: Seurantamalli sovittu.}
""",
    "data/toinen/tk2/_group.yaml": "id: toinen/tk2\nnumber: '2'\ntitle: Siltaus\n",
    "data/toinen/tk2/01-siltaus.yaml": "id: toinen/tk2/01-siltaus\nnumber: null\ntitle: Työ jatkuu linjassa.\n",
}


def with_second_programme(repo: Path) -> None:
    for relative, text in SECOND.items():
        gitrepo.write(repo, relative, text)


def goal_cells(output: str) -> dict[tuple[str, str], list[str]]:
    rows = list(csv.reader(io.StringIO(output)))
    assert len({(row[0], row[1]) for row in rows[1:]}) == len(rows) - 1
    return {(row[0], row[1]): row[2:] for row in rows[1:]}


def test_goals_line_up_the_programmes(repo: Path) -> None:
    with_second_programme(repo)
    code, output = run("--table", "goals")
    assert code == 0
    check("summary-goals.plain", output)
    code, output = run("--table", "goals", "--format", "csv", "--lang", "en")
    assert code == 0
    check("summary-goals-en.csv", output)
    cells = goal_cells(output)
    assert cells[("saatavuus", "ex")] == ["Saatavuus, oikea-aikaisuus, jatkuvuus", "2", "4", "9", "2021-11-15"]
    assert cells[("saatavuus", "toinen")] == ["Saavutettavuus", "0", "0", "0", ""]
    assert cells[("laatu", "toinen")] == ["Vaikuttavuus ja laatu", "1", "1", "2", "2024-01-31"]
    assert cells[("kustannukset", "toinen")] == ["Talous ja resurssit", "1", "1", "1", "2021-05-15"]
    assert cells[("(no goal)", "toinen")] == ["", "1", "1", "0", ""]
    assert ("(no goal)", "ex") not in cells


def test_goals_as_of_a_round_and_for_one_programme(repo: Path) -> None:
    with_second_programme(repo)
    cells = goal_cells(run("--table", "goals", "--round", "2021-05-15", "--format", "csv", "--lang", "en")[1])
    assert cells[("saatavuus", "ex")] == ["Saatavuus, oikea-aikaisuus, jatkuvuus", "2", "4", "6", "2021-05-15"]
    assert cells[("laatu", "toinen")] == ["Vaikuttavuus ja laatu", "1", "1", "1", "2021-05-15"]
    only = goal_cells(run("--table", "goals", "--programme", "toinen", "--format", "csv", "--lang", "en")[1])
    assert {programme for _, programme in only} == {"toinen"} and len(only) == len(NATIONAL) + 1
    group = goal_cells(run("--table", "goals", "--group", "tk1", "--format", "csv", "--lang", "en")[1])
    assert len(group) == len(NATIONAL) and group[("kustannukset", "toinen")] == [
        "Talous ja resurssit",
        "1",
        "1",
        "1",
        "2021-05-15",
    ]


def independent_goal_counts(data: Path) -> dict[tuple[str, str], list[str]]:
    """The goals table of a data tree computed from the files read one by one with the loader."""
    found: dict[tuple[str, str], tuple[set[str], int, int, str]] = {}
    for programme_file in sorted(data.glob("*/programme.yaml")):
        programme = load(programme_file).data
        national = {goal["id"]: goal["national"] for goal in programme["benefit_goals"]}
        name = programme["id"]
        for group_file in sorted(programme_file.parent.glob("*/_group.yaml")):
            group = load(group_file).data
            group_key = national.get(group.get("benefit_goal"), "(no goal)")
            groups, measures, statuses, latest = found.get((group_key, name), (set(), 0, 0, ""))
            found[(group_key, name)] = (groups | {group["id"]}, measures, statuses, latest)
            for path in sorted(group_file.parent.glob("*.yaml")):
                if path.name == "_group.yaml":
                    continue
                measure = load(path).data
                key = national.get(measure.get("benefit_goal", group.get("benefit_goal")), "(no goal)")
                dates = [str(s["date"]) for s in measure.get("statuses", [])]
                groups, measures, statuses, latest = found.get((key, name), (set(), 0, 0, ""))
                found[(key, name)] = (
                    groups | {group["id"]},
                    measures + 1,
                    statuses + len(dates),
                    max([latest, *dates]),
                )
    return {key: [str(len(g)), str(m), str(s), latest] for key, (g, m, s, latest) in found.items()}


def test_goals_on_the_shipped_data_equal_the_yaml_files(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(REPO)
    code, output = run("--table", "goals", "--format", "csv", "--lang", "en")
    assert code == 0
    cells = {key: values[1:] for key, values in goal_cells(output).items()}
    expected = independent_goal_counts(REPO / "data")
    programmes = sorted({programme for _, programme in expected})
    assert programmes == ["paijat-hame", "pirsote", "siun-sote"]
    for national in NATIONAL:
        for programme in programmes:
            assert cells[(national, programme)] == expected.get((national, programme), ["0", "0", "0", ""])
    for programme in programmes:
        if ("(no goal)", programme) in expected:
            assert cells[("(no goal)", programme)] == expected[("(no goal)", programme)]
    assert sum(int(values[1]) for values in cells.values()) == len(
        [p for p in (REPO / "data").glob("*/*/*.yaml") if p.name != "_group.yaml"]
    )


def _whole_and_trimmed(root: Path, table: str) -> tuple[summaries.Source, summaries.Source]:
    """The tree read whole (with every mark), and read as `summary --table TABLE` reads it for itself."""
    config = snapshots.load_config(root)
    whole = summary_command.documents(root, None)
    trimmed = summary_command.documents(root, None, positions=False, table=table)
    assert [d.path for d in whole] == [d.path for d in trimmed]
    return (
        summaries.Source(whole, build(whole), config, datetime.date(2024, 1, 1)),
        summaries.Source(trimmed, build(trimmed), config, datetime.date(2024, 1, 1)),
    )


@pytest.mark.parametrize("table", sorted(summaries.MEASURE_READS))
@pytest.mark.parametrize("where", ["shipped", "example"])
def test_each_table_reads_of_a_measure_only_what_it_declares(table: str, where: str, repo: Path) -> None:
    """A summary reads each measure trimmed to `MEASURE_READS[table]`: every table, filtered every way, is the
    one the whole files give."""
    whole, trimmed = _whole_and_trimmed(REPO if where == "shipped" else repo, table)
    assert any(doc.data != whole.docs[at].data for at, doc in enumerate(trimmed.docs))  # something was left out
    rounds = sorted({str(s.get("date")) for d in whole.docs for s in summaries.statuses(d)})
    programmes = sorted(whole.model.programmes)
    groups = sorted(whole.model.groups)
    chosen = [summaries.Filters(), summaries.Filters(round=rounds[0]), summaries.Filters(round=rounds[-1])]
    chosen += [summaries.Filters(programme=programmes[0]), summaries.Filters(group=groups[-1])]
    for filters in chosen:
        for lang in ("fi", "en"):
            assert SUMMARY_TABLES[table](trimmed, filters, lang) == SUMMARY_TABLES[table](whole, filters, lang)
