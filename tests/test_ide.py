"""VS Code: every schema the settings map exists, and the patterns pick the right files of the shipped data."""

from __future__ import annotations

import fnmatch
import json

from conftest import REPO

SETTINGS = json.loads((REPO / ".vscode/settings.json").read_text(encoding="utf-8"))
EXPECTED = {
    "./schemas/programme.schema.json": ["data/*/programme.yaml"],
    "./schemas/group.schema.json": ["data/*/*/_group.yaml"],
    "./schemas/measure.schema.json": ["data/*/*/[!_]*.yaml"],
    "./schemas/config.schema.json": [".seuranta.yaml"],
}


def test_the_schemas_are_mapped_to_their_paths() -> None:
    assert SETTINGS["yaml.schemas"] == EXPECTED


def test_every_mapped_schema_exists() -> None:
    for schema in SETTINGS["yaml.schemas"]:
        path = REPO / schema
        assert path.is_file(), schema
        assert json.loads(path.read_text(encoding="utf-8"))["$schema"].startswith("https://json-schema.org/")


def test_each_data_file_gets_exactly_its_own_schema() -> None:
    files = sorted(p.relative_to(REPO).as_posix() for p in (REPO / "data").rglob("*.yaml"))
    assert files
    for name in files:
        matched = [
            s for s, globs in SETTINGS["yaml.schemas"].items() if any(fnmatch.fnmatchcase(name, g) for g in globs)
        ]
        wanted = (
            "programme" if name.endswith("/programme.yaml") else "group" if name.endswith("/_group.yaml") else "measure"
        )
        assert matched == [f"./schemas/{wanted}.schema.json"], name


def test_the_yaml_extension_is_recommended() -> None:
    extensions = json.loads((REPO / ".vscode/extensions.json").read_text(encoding="utf-8"))
    assert "redhat.vscode-yaml" in extensions["recommendations"]
