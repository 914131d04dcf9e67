"""Where the schemas live: beside the package in a wheel, at the repository root in a checkout."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent.parent


@lru_cache(maxsize=1)
def schemas_dir() -> Path:
    for candidate in (_PACKAGE / "schemas", _PACKAGE.parent.parent / "schemas"):
        if (candidate / "measure.schema.json").is_file():
            return candidate
    raise FileNotFoundError("seuranta schemas not found")
