"""JSON: {"toimenpiteet": [...], "tilanteet": [...], "luvut": [...]} with English keys, written atomically."""

from __future__ import annotations

import datetime
import json
from pathlib import Path
from typing import Any

from seuranta.files import atomic
from seuranta.tables import tidy


def _json_value(value: Any) -> Any:
    return value.isoformat() if isinstance(value, datetime.date) else value


def write(path: Path, tables: list[tidy.Table], programmes: list[tidy.Programme]) -> list[Path]:
    document = {t.name: [{k: _json_value(v) for k, v in r.items()} for r in t.records()] for t in tables}
    path.parent.mkdir(parents=True, exist_ok=True)
    atomic.write_text(path, json.dumps(document, ensure_ascii=False, indent=2) + "\n")
    return [path]
