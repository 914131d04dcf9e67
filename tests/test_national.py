"""`export --format parquet` and `seuranta national`: regions side by side in DuckDB."""

from __future__ import annotations

import sys
from pathlib import Path

import duckdb
import pytest

import gitrepo
from seuranta.tables import warehouse
from test_report import run, write_fixture


@pytest.fixture
def regions(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[Path, Path]:
    """Two repositories: "koe" in Koemaa (no commit) and "ex" in Esimerkkimaa, committed in git."""
    first = write_fixture(tmp_path / "koemaa")
    gitrepo.isolate(monkeypatch)
    second = tmp_path / "esimerkkimaa"
    second.mkdir()
    gitrepo.git(second, "init", "-q", "-b", "main")
    gitrepo.write(second, ".seuranta.yaml", "data: data\n")
    gitrepo.write(
        second, "data/ex/programme.yaml", gitrepo.PROGRAMME.replace("title:", "region: Esimerkkimaa\ntitle:", 1)
    )
    for group in gitrepo.GROUPS:
        gitrepo.write(second, f"data/ex/{group}/_group.yaml", gitrepo.group_text(group))
    gitrepo.write_round(second, 3)
    gitrepo.commit(second, "Kolme kierrosta")
    return first, second


def test_two_exports_side_by_side(regions: tuple[Path, Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Each region's export read into one database, and the repositories read directly, print the same."""
    exports = []
    for repo in regions:
        out = tmp_path / f"{repo.name}-parquet"
        code, output = run(["export", "--format", "parquet", "--out", str(out)], repo, monkeypatch)
        assert code == 0, output
        assert sorted(p.name for p in out.iterdir()) == [f"{t}.parquet" for t in sorted(warehouse.TABLES)]
        exports.append(out)
    code, output = run(["national", *map(str, exports)], tmp_path, monkeypatch)
    assert code == 0, output
    assert run(["national", *map(str, regions)], tmp_path, monkeypatch) == (code, output)  # read directly: the same
    assert output == (
        "Kansalliset hyötytavoitteet × kierros × alue\n\n"
        "Hyötytavoite    Kierros     Alue            Toimenpiteitä    Raportoitu    Kattavuus %    Lukuja\n"
        "laatu           2020-11-15  Koemaa                      1             1            100         0\n"
        "saatavuus       2020-11-15  Esimerkkimaa                4             3             75         3\n"
        "saatavuus       2020-11-15  Koemaa                      2             1             50         1\n"
        "saatavuus       2021-05-15  Esimerkkimaa                4             3             75         4\n"
        "saatavuus       2021-05-15  Koemaa                      2             2            100         2\n"
        "saatavuus       2021-11-15  Esimerkkimaa                4             3             75         3\n"
        "saatavuus       2021-11-15  Koemaa                      2             1             50         1\n"
        "\n"
        "Havainnot alueittain\n\n"
        "Alue          Ohjelma      Virheitä    Varoituksia    Kuitattuja\n"
        "Esimerkkimaa  ex                  1              1             0\n"
        "Koemaa        koe                 1              0             1\n"
    )


def test_rows_are_stamped(regions: tuple[Path, Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    out = tmp_path / "parquet"
    assert run(["export", "--format", "parquet", "--out", str(out)], regions[1], monkeypatch)[0] == 0
    head = gitrepo.git(regions[1], "rev-parse", "HEAD")
    con = duckdb.connect()
    stamps = con.execute(
        f"SELECT DISTINCT programme, region, \"commit\", schema_version FROM read_parquet('{out}/statuses.parquet')"
    ).fetchall()
    assert stamps == [("ex", "Esimerkkimaa", head, warehouse.schema_version())]
    assert len(warehouse.schema_version()) == 12


def test_repositories_directly_sql_and_database(
    regions: tuple[Path, Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    database = tmp_path / "national.duckdb"
    sql = "SELECT region, count(*) AS statuses FROM statuses GROUP BY region ORDER BY region"
    args = ["national", *map(str, regions), "--sql", sql, "--format", "csv", "--out", str(database)]
    code, output = run(args, tmp_path, monkeypatch)
    assert (code, output) == (0, "region,statuses\nEsimerkkimaa,9\nKoemaa,5\n")
    kept = duckdb.connect(str(database), read_only=True)
    assert kept.execute("SELECT count(*) FROM measures").fetchone() == (7,)
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".national")] == []


def test_bad_sources_and_sql_are_usage_errors(
    regions: tuple[Path, Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    empty = tmp_path / "tyhja"
    empty.mkdir()
    assert run(["national", str(empty)], tmp_path, monkeypatch)[0] == 2
    assert run(["national", str(regions[0]), "--sql", "SELECT nothing FROM nowhere"], tmp_path, monkeypatch)[0] == 2


def test_findings_are_masked(tmp_path: Path) -> None:
    from seuranta.model.problem import ERROR, Message, Problem

    problem = Problem("data/koe/a.yaml", 1, 1, "hetu", ERROR, Message("hetu 131052-308T", "hetu 131052-308T"))
    tables = warehouse.stacked([], [], [problem], warehouse.Stamp("c", "s"))
    assert tables[-1].rows[0][7:9] == ("hetu ******-****", "hetu ******-****")


def test_without_duckdb_the_extra_is_named(
    regions: tuple[Path, Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setitem(sys.modules, "duckdb", None)  # as if not installed
    code, _ = run(["export", "--format", "parquet", "--out", str(tmp_path / "p")], regions[0], monkeypatch)
    assert code == 2
    assert "pip install 'seuranta[national]'" in capsys.readouterr().err
    assert not (tmp_path / "p").exists()


def test_in_english_and_with_a_decimal_comma_in_finnish(
    regions: tuple[Path, Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A share that is not whole (3 of 7 reported) reads "42,9" in a Finnish table, "42.9" in English and CSV."""
    for number in (3, 4, 5):
        ident = f"ex/tp02/0{number}-uusi"
        gitrepo.write(regions[1], f"data/{ident}.yaml", f"id: {ident}\nnumber: Tp {number}.\ntitle: Uusi\n")
    finnish = run(["national", str(regions[1])], tmp_path, monkeypatch)[1]
    english = run(["national", str(regions[1]), "--lang", "en"], tmp_path, monkeypatch)[1]
    machine = run(["national", str(regions[1]), "--format", "csv"], tmp_path, monkeypatch)[1]
    assert finnish.splitlines()[2:4] == [
        "Hyötytavoite    Kierros     Alue            Toimenpiteitä    Raportoitu    Kattavuus %    Lukuja",
        "saatavuus       2020-11-15  Esimerkkimaa                7             3           42,9         3",
    ]
    assert english.splitlines()[:4] == [
        "National benefit goals × round × region",
        "",
        "Benefit goal    Round       Region          Measures    Reported    Coverage %    Figures",
        "saatavuus       2020-11-15  Esimerkkimaa           7           3          42.9          3",
    ]
    assert english.splitlines()[-5:-2] == ["", "Findings by region", ""]
    assert machine.splitlines()[1] == "saatavuus,2020-11-15,Esimerkkimaa,7,3,42.9,3"
