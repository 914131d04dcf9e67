"""`seuranta national`: several regions' repositories or Parquet exports side by side in DuckDB.

Each SOURCE is a folder: a `seuranta export --format parquet` folder, or a data repository (read
and checked as `export` would). Their tables are stacked in one DuckDB database, and the
cross-region tables are printed in any summary format: by national benefit goal × round ×
region (measures, reported, coverage, figures) and findings per region. `--sql` prints an ad-hoc
query's result instead; `--out` keeps the database (written beside, then moved into place).
"""

from __future__ import annotations

import contextlib
import datetime
import os
import sys
import tempfile
from pathlib import Path
from typing import Any, NamedTuple, TextIO

from seuranta.model.errors import Exit, UsageError
from seuranta.model.problem import Message
from seuranta.reporters.escaping import terminal_lines
from seuranta.tables import render, warehouse

NOT_A_SOURCE = Message(
    "{source}: ei Parquet-vientiä (measures.parquet, …) eikä seuranta-tietovarastoa (.seuranta.yaml tai data/)",
    "{source}: neither a Parquet export (measures.parquet, …) nor a seuranta repository (.seuranta.yaml or data/)",
)
UNKNOWN_FORMAT = Message("Tuntematon muoto: {format} (muodot: {known})", "Unknown format: {format} (formats: {known})")
BAD_SQL = Message("--sql: {detail}", "--sql: {detail}")


class Options(NamedTuple):
    sources: tuple[Path, ...]
    format: str = "plain"
    sql: str | None = None
    out: Path | None = None
    today: datetime.date | None = None
    lang: str = "fi"


def _is_repository(folder: Path) -> bool:
    return (folder / ".seuranta.yaml").is_file() or (folder / "data").is_dir()


def load(con: Any, sources: tuple[Path, ...], today: datetime.date) -> None:
    """Stack every source's tables in the database."""
    for source in sources:
        if warehouse.is_export(source):
            warehouse.load_parquet(con, source)
        elif _is_repository(source):
            warehouse.create(con, warehouse.repository(source, today))
        else:
            raise UsageError(NOT_A_SOURCE, source=source)


def _tables(con: Any, sql: str | None, lang: str) -> list[Any]:
    if sql is None:
        return warehouse.national(con, lang)
    import duckdb

    try:
        return [warehouse.query(con, sql, lang)]
    except duckdb.Error as err:
        raise UsageError(BAD_SQL, detail=str(err).splitlines()[0]) from err


def _database(out: Path | None) -> tuple[str, Path | None]:
    """Where DuckDB writes: memory, or a temporary file beside --out."""
    if out is None:
        return ":memory:", None
    out.parent.mkdir(parents=True, exist_ok=True)
    fd, name = tempfile.mkstemp(dir=out.parent, prefix=f".{out.name}.", suffix=".tmp")
    os.close(fd)
    os.unlink(name)  # DuckDB creates the file itself
    return name, Path(name)


def execute(options: Options, out: TextIO | None = None) -> int:
    echo = out or sys.stdout
    if options.format not in render.FORMATS:
        raise UsageError(UNKNOWN_FORMAT, format=options.format, known=", ".join(render.FORMATS))
    database, temporary = _database(options.out)
    try:
        con = warehouse.connect(database)
        try:
            load(con, options.sources, options.today or datetime.date.today())
            tables = _tables(con, options.sql, options.lang)
        finally:
            con.close()
        if temporary is not None and options.out is not None:
            os.replace(temporary, options.out)
    finally:
        if temporary is not None:
            with contextlib.suppress(FileNotFoundError):
                temporary.unlink()
            with contextlib.suppress(FileNotFoundError):
                Path(f"{temporary}.wal").unlink()
    echo.write(terminal_lines(render.render(tables, options.format, options.lang)))
    return Exit.OK
