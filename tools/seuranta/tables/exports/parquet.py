"""Parquet: a folder with measures.parquet, statuses.parquet, figures.parquet and findings.parquet.

Written by DuckDB itself (`tables/warehouse.py`); every row carries its programme, region, the
commit and the schema version, so `seuranta national` can stack the exports of many regions.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from seuranta.model.problem import Problem
from seuranta.tables import tidy, warehouse


def write(
    folder: Path,
    tables: list[tidy.Table],
    programmes: list[tidy.Programme],
    *,
    findings: Iterable[Problem] = (),
    stamp: warehouse.Stamp = warehouse.UNSTAMPED,
) -> list[Path]:
    return warehouse.write_parquet(folder, warehouse.stacked(tables, programmes, findings, stamp))
