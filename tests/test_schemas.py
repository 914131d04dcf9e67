from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest

from conftest import REPO

SCHEMAS = sorted((REPO / "schemas").glob("*.schema.json"))


@pytest.mark.parametrize("path", SCHEMAS, ids=[p.name for p in SCHEMAS])
def test_schema_is_valid_against_the_2020_12_metaschema(path: Path) -> None:
    schema = json.loads(path.read_text(encoding="utf-8"))
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    jsonschema.Draft202012Validator.check_schema(schema)


@pytest.mark.parametrize("path", SCHEMAS, ids=[p.name for p in SCHEMAS])
def test_every_schema_speaks_finnish_to_the_editor(path: Path) -> None:
    schema = json.loads(path.read_text(encoding="utf-8"))
    assert schema["title"] and schema["description"]
    for name, prop in schema.get("properties", {}).items():
        assert "title" in prop or "$ref" in prop or "description" in prop, name


def test_every_file_kind_has_a_schema() -> None:
    from seuranta.check.schema import SCHEMA_OF_KIND

    assert {p.name for p in SCHEMAS} >= set(SCHEMA_OF_KIND.values())
