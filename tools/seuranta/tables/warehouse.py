"""The tidy tables in DuckDB: stamped rows, Parquet files written by DuckDB, and the national tables.

Four tables, English column names: `measures`, `statuses`, `figures` (the tidy tables of
`tables/tidy.py`) and `findings` (the validation findings, messages masked). Every row is
stamped with `region`, `commit` and `schema_version` besides its `programme`, so the tables of
many repositories can be stacked and still be told apart. DuckDB is imported on first use: it is
the optional extra `national`.
"""

from __future__ import annotations

import datetime
import hashlib
import os
import tempfile
from collections.abc import Iterable
from pathlib import Path
from typing import Any, NamedTuple

from seuranta.check import tree as tree_mod
from seuranta.files import atomic, git
from seuranta.model import config as config_mod
from seuranta.model.errors import UsageError
from seuranta.model.problem import Message, Problem
from seuranta.model.resources import schemas_dir
from seuranta.prose import personal
from seuranta.prose.personal import redact
from seuranta.tables import tidy
from seuranta.tables.summaries import Table

SQL_TYPES = {
    tidy.TEXT: "VARCHAR",
    tidy.INTEGER: "BIGINT",
    tidy.NUMBER: "DOUBLE",
    tidy.DATE: "VARCHAR",
    tidy.BOOLEAN: "BOOLEAN",
}
NAMES = {tidy.MEASURES: "measures", tidy.STATUSES: "statuses", tidy.FIGURES: "figures"}
STAMP = (("region", "VARCHAR"), ("commit", "VARCHAR"), ("schema_version", "VARCHAR"))
FINDING_COLUMNS = (
    ("programme", "VARCHAR"),
    ("path", "VARCHAR"),
    ("line", "BIGINT"),
    ("col", "BIGINT"),
    ("rule", "VARCHAR"),
    ("severity", "VARCHAR"),
    ("acknowledged", "BOOLEAN"),
    ("message_fi", "VARCHAR"),
    ("message_en", "VARCHAR"),
)
TABLES = ("measures", "statuses", "figures", "findings")
NO_DUCKDB = Message(
    "Parquet ja seuranta national tarvitsevat DuckDB:n: pip install 'seuranta[national]'",
    "Parquet and seuranta national need DuckDB: pip install 'seuranta[national]'",
)


class Stamp(NamedTuple):
    """What every row of one repository's export carries: the commit and the schema version."""

    commit: str
    schema_version: str


UNSTAMPED = Stamp("", "")


class Stacked(NamedTuple):
    """One table ready for DuckDB: its name, (column, SQL type) pairs and rows."""

    name: str
    columns: tuple[tuple[str, str], ...]
    rows: list[tuple[Any, ...]]


def schema_version() -> str:
    """The schemas the data was checked against, as the first 12 hex digits of their SHA-256."""
    digest = hashlib.sha256()
    for path in sorted(schemas_dir().glob("*.schema.json")):
        digest.update(path.name.encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()[:12]


def _cell(value: Any) -> Any:
    return value.isoformat() if isinstance(value, datetime.date) else value


def _programme_of(path: str, regions: dict[str, str]) -> str:
    """The programme a finding's file belongs to: the data folder's first part that names one."""
    return next((part for part in Path(path).parts if part in regions), "")


def stacked(
    tables: list[tidy.Table], programmes: list[tidy.Programme], findings: Iterable[Problem], stamp: Stamp
) -> list[Stacked]:
    """The four tables, every row stamped with its programme's region, the commit and the schema version."""
    regions = {p.id: p.region or p.id for p in programmes}
    found = []
    for table in tables:
        columns = tuple((c.key, SQL_TYPES[c.type]) for c in table.columns) + STAMP
        where = [c.key for c in table.columns].index("programme")
        rows = [(*(_cell(v) for v in row), regions.get(row[where], ""), *stamp) for row in table.rows]
        found.append(Stacked(NAMES[table.name], columns, rows))
    rows = []
    for p in findings:
        programme = _programme_of(p.path, regions)
        message = (redact(p.message.fi), redact(p.message.en))
        rows.append((programme, p.path, p.line, p.column, p.rule, p.severity, p.acknowledged, *message))
        rows[-1] = (*rows[-1], regions.get(programme, ""), *stamp)
    found.append(Stacked("findings", FINDING_COLUMNS + STAMP, rows))
    return found


def commit_of(root: Path) -> str:
    """The repository's HEAD commit, or "" outside git."""
    try:
        return git.rev_parse(git.toplevel(root), "HEAD")
    except (git.GitError, OSError):
        return ""


def repository(root: Path, today: datetime.date, only: Iterable[str] = ()) -> list[Stacked]:
    """A repository's four tables: its data (every henkilötunnus masked) and its findings."""
    config = config_mod.load(root).config
    tree = tree_mod.load_tree(root, config)
    programmes = personal.redacted(tidy.catalog(tree.model, tuple(only)))
    result = tree_mod.check_tree(root, config, targets=None, extra=[], today=today)
    stamp = Stamp(commit_of(root), schema_version())
    return stacked(tidy.tables(programmes), programmes, result.problems, stamp)


def connect(database: str = ":memory:") -> Any:
    """A DuckDB connection; without DuckDB installed, a usage error naming the extra to install."""
    try:
        import duckdb
    except ImportError as err:
        raise UsageError(NO_DUCKDB) from err
    return duckdb.connect(database)


def create(con: Any, tables: list[Stacked]) -> None:
    """Create each table (if missing) and append its rows: one statement per table, a list per column."""
    for table in tables:
        columns = ", ".join(f'"{name}" {kind}' for name, kind in table.columns)
        con.execute(f'CREATE TABLE IF NOT EXISTS "{table.name}" ({columns})')
        if table.rows:
            lists = ", ".join(f"unnest(?::{kind}[])" for _name, kind in table.columns)
            con.execute(f'INSERT INTO "{table.name}" SELECT {lists}', [list(c) for c in zip(*table.rows, strict=True)])


def write_parquet(folder: Path, tables: list[Stacked]) -> list[Path]:
    """One Parquet file per table, written by DuckDB into a temporary file, then moved atomically."""
    con = connect()
    folder.mkdir(parents=True, exist_ok=True)
    create(con, tables)
    written = []
    for table in tables:
        path = folder / f"{table.name}.parquet"
        fd, name = tempfile.mkstemp(dir=folder, prefix=f".{path.name}.", suffix=".tmp")
        os.close(fd)
        try:
            con.execute(f"COPY \"{table.name}\" TO '{_quoted(name)}' (FORMAT parquet)")
            atomic.write_bytes(path, Path(name).read_bytes())
        finally:
            Path(name).unlink(missing_ok=True)
        written.append(path)
    con.close()
    return written


def _quoted(path: str) -> str:
    return path.replace("'", "''")


def is_export(folder: Path) -> bool:
    return all((folder / f"{name}.parquet").is_file() for name in TABLES)


def load_parquet(con: Any, folder: Path) -> None:
    """Append an export's four Parquet files to the tables (created from the first export read)."""
    for name in TABLES:
        source = _quoted(str(folder / f"{name}.parquet"))
        exists = con.execute("SELECT count(*) FROM information_schema.tables WHERE table_name = ?", [name]).fetchone()[
            0
        ]
        if exists:
            con.execute(f"INSERT INTO \"{name}\" BY NAME SELECT * FROM read_parquet('{source}')")
        else:
            con.execute(f"CREATE TABLE \"{name}\" AS SELECT * FROM read_parquet('{source}')")


# --- the national tables --------------------------------------------------------------------

BY_GOAL = """
WITH totals AS (
    SELECT region, national_goal, count(*) AS measures FROM measures GROUP BY region, national_goal
), reported AS (
    SELECT m.region, m.national_goal, s.round, count(DISTINCT s.measure) AS reported, sum(s.figures) AS figures
    FROM statuses s JOIN measures m ON m.programme = s.programme AND m.id = s.measure AND m.region = s.region
    GROUP BY m.region, m.national_goal, s.round
)
SELECT coalesce(nullif(r.national_goal, ''), '-') AS goal, r.round, r.region, t.measures, r.reported,
       round(100.0 * r.reported / t.measures, 1) AS coverage, r.figures
FROM reported r JOIN totals t ON t.region = r.region AND t.national_goal IS NOT DISTINCT FROM r.national_goal
ORDER BY goal, r.round, r.region
"""
FINDINGS = """
SELECT p.region, p.programme,
       count(f.rule) FILTER (WHERE f.severity = 'error' AND NOT f.acknowledged) AS errors,
       count(f.rule) FILTER (WHERE f.severity = 'warning' AND NOT f.acknowledged) AS warnings,
       count(f.rule) FILTER (WHERE f.acknowledged) AS acknowledged
FROM (SELECT DISTINCT region, programme FROM measures) p
LEFT JOIN findings f ON f.region = p.region AND f.programme = p.programme
GROUP BY p.region, p.programme
ORDER BY p.region, p.programme
"""
NATIONAL_TABLES = (
    (
        Message("Kansalliset hyötytavoitteet × kierros × alue", "National benefit goals × round × region"),
        (
            Message("Hyötytavoite", "Benefit goal"),
            Message("Kierros", "Round"),
            Message("Alue", "Region"),
            Message("Toimenpiteitä", "Measures"),
            Message("Raportoitu", "Reported"),
            Message("Kattavuus %", "Coverage %"),
            Message("Lukuja", "Figures"),
        ),
        BY_GOAL,
    ),
    (
        Message("Havainnot alueittain", "Findings by region"),
        (
            Message("Alue", "Region"),
            Message("Ohjelma", "Programme"),
            Message("Virheitä", "Errors"),
            Message("Varoituksia", "Warnings"),
            Message("Kuitattuja", "Acknowledged"),
        ),
        FINDINGS,
    ),
)
QUERY = Message("Kysely", "Query")


def national(con: Any, lang: str = "fi") -> list[Table]:
    """The cross-region tables: by national benefit goal × round × region, and findings per region."""
    return [
        Table(title.text(lang), tuple(h.text(lang) for h in headers), [tuple(r) for r in con.execute(sql).fetchall()])
        for title, headers, sql in NATIONAL_TABLES
    ]


def query(con: Any, sql: str, lang: str = "fi") -> Table:
    """An ad-hoc query's result as a table, its column names as headers."""
    result = con.execute(sql)
    headers = tuple(d[0] for d in result.description or ())
    return Table(QUERY.text(lang), headers, [tuple(r) for r in result.fetchall()])
