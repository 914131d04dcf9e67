"""The editors' draft-07 build (schemas/draft-07/) is up to date and judges every file as the 2020-12 sources do."""

from __future__ import annotations

import copy
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import referencing

from conftest import EXAMPLES, REPO
from seuranta.model import documents, draft07

SOURCES = REPO / "schemas"
BUILD = SOURCES / draft07.FOLDER
KIND_SCHEMA = {
    "programme": "programme.schema.json",
    "group": "group.schema.json",
    "measure": "measure.schema.json",
    "config": "config.schema.json",
}


def _validators(folder: Path, cls: Any) -> dict[str, Any]:
    schemas = {p.name: json.loads(p.read_text(encoding="utf-8")) for p in sorted(folder.glob("*.schema.json"))}
    registry: referencing.Registry[Any] = referencing.Registry().with_resources(
        (name, referencing.Resource.from_contents(value)) for name, value in schemas.items()
    )
    return {
        kind: cls(schemas[name], registry=registry, format_checker=jsonschema.FormatChecker())
        for kind, name in KIND_SCHEMA.items()
    }


NEW = _validators(SOURCES, jsonschema.Draft202012Validator)
OLD = _validators(BUILD, jsonschema.Draft7Validator)


def _verdict(validator: Any, data: Any) -> list[tuple[str, ...]]:
    """Where the document is wrong: the instance path of every error, the errors inside oneOf/anyOf included."""

    def leaves(errors: Any) -> Iterator[tuple[str, ...]]:
        for error in errors:
            yield tuple(map(str, error.absolute_path))
            yield from leaves(error.context or ())

    return sorted(set(leaves(validator.iter_errors(data))))


def _documents() -> list[tuple[str, str, Any]]:
    files = [*sorted(EXAMPLES.rglob("*.yaml")), *sorted((REPO / "data").rglob("*.yaml")), REPO / ".seuranta.yaml"]
    found = []
    for path in files:
        doc = documents.read(path, display=str(path.relative_to(REPO)), relative=None)
        if doc.data is not None:
            found.append((doc.path, doc.kind, doc.data))
    return found


DOCUMENTS = _documents()


def test_the_build_equals_a_fresh_translation_of_the_sources() -> None:
    sources = sorted(p.name for p in SOURCES.glob("*.schema.json"))
    assert sorted(p.name for p in BUILD.glob("*.schema.json")) == sources
    for name in sources:
        fresh = draft07.render((SOURCES / name).read_text(encoding="utf-8"))
        assert (BUILD / name).read_text(encoding="utf-8") == fresh, f"{name}: run python tools/build_schemas.py"


def test_the_build_is_draft_07_without_2020_keywords() -> None:
    for path in BUILD.glob("*.schema.json"):
        text = path.read_text(encoding="utf-8")
        assert json.loads(text)["$schema"] == "http://json-schema.org/draft-07/schema#"
        assert "prefixItems" not in text and "$defs" not in text
        jsonschema.Draft7Validator.check_schema(json.loads(text))


def test_every_example_and_data_file_gets_the_same_verdict() -> None:
    assert len(DOCUMENTS) > 250
    invalid = 0
    for path, kind, data in DOCUMENTS:
        verdict = _verdict(NEW[kind], data)
        assert _verdict(OLD[kind], data) == verdict, path
        invalid += bool(verdict)
    assert invalid > 0


BREAKS: list[dict[str, Any]] = [
    {"source": {"file": "x.txt", "lines": [3, 2, 1]}},
    {"source": {"file": "x.txt", "lines": ["3", 2]}},
    {"source": {"file": "x.txt", "lines": [0]}},
    {"id": "Iso Kirjain"},
    {"title": 7},
    {"unknown_key": True},
    {"acknowledged": [{"rule": "x"}]},
    {"statuses": [{"date": "15.5.2021", "text": "x", "source": {"lines": [1, 2, 3]}}]},
    {"rounds": [{"date": "2021-02-30", "label": 5}]},
    {"populations": [{"id": "x", "size": "iso"}]},
]


def _broken(kind: str) -> Iterator[Any]:
    """Each file of a kind, broken where the translation matters: line ranges, references, formats, extra keys."""
    for _path, found, data in DOCUMENTS:
        if found != kind or not isinstance(data, dict):
            continue
        for change in BREAKS:
            mutated = copy.deepcopy(data)
            mutated.update(change)
            yield mutated


@pytest.mark.parametrize("kind", ["programme", "group", "measure", "config"])
def test_broken_files_get_the_same_verdict(kind: str) -> None:
    count = 0
    for data in _broken(kind):
        verdict = _verdict(NEW[kind], data)
        assert verdict
        assert _verdict(OLD[kind], data) == verdict, data
        count += 1
    assert count >= 10
