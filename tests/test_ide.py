"""VS Code: the YAML extension's own language server completes and checks the data files.

Driven over stdio (tests/lsp_client.py) with the `yaml.*` settings of the repository's
.vscode/settings.json, in this repository and in one made by `seuranta init`: each file kind gets
its own schema through its modeline and, without one, through the settings' globs; completion
offers the Finnish titles; a schema error in a measure file is flagged at its line.
"""

from __future__ import annotations

import datetime
import io
import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from conftest import REPO
from lsp_client import Diagnostic, Server
from seuranta.commands import init as init_command
from seuranta.model import resources

SETTINGS = json.loads((REPO / ".vscode/settings.json").read_text(encoding="utf-8"))


def _init(target: Path) -> Path:
    options = init_command.Options(
        target,
        "oma-alue",
        "Oman alueen sote-keskusohjelma",
        "Pirkanmaa",
        "työpaketti",
        ("2025-05-15",),
        init_command.HOOKS_REPOSITORY,
        "v0.1.0",
        "fi",
        datetime.date(2025, 1, 1),
    )
    assert init_command.execute(options, io.StringIO()) == 0
    group = target / "data/oma-alue/tp01"
    group.mkdir()
    (group / "_group.yaml").write_text(
        resources.modeline("group", "data/oma-alue/tp01") + "id: oma-alue/tp01\nnumber: '1'\ntitle: Vastaanotot\n",
        encoding="utf-8",
    )
    (group / "01-tiimimalli.yaml").write_text(
        resources.modeline("measure", "data/oma-alue/tp01") + "id: oma-alue/tp01/01-tiimimalli\ntitle: Tiimimalli\n",
        encoding="utf-8",
    )
    return target


@pytest.fixture(scope="module", params=["seuranta", "init"])
def workspace(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    root = REPO if request.param == "seuranta" else _init(tmp_path_factory.mktemp("alue") / "repo")
    with Server(root) as server:
        yield server


def _measure(root: Path) -> Path:
    return sorted((root / "data").glob("*/*/[0-9]*.yaml"))[0]


def _without_modeline(text: str) -> str:
    first, rest = text.split("\n", 1)
    assert first.startswith("# yaml-language-server: $schema=")
    return rest


def test_the_settings_map_the_editors_schemas_to_their_files() -> None:
    assert SETTINGS["yaml.schemas"] == {
        "./schemas/draft-07/programme.schema.json": ["data/*/programme.yaml"],
        "./schemas/draft-07/group.schema.json": ["data/*/*/_group.yaml"],
        "./schemas/draft-07/measure.schema.json": ["data/*/*/[a-z0-9]*.yaml"],
        "./schemas/draft-07/config.schema.json": [".seuranta.yaml"],
    }
    for schema in SETTINGS["yaml.schemas"]:
        assert json.loads((REPO / schema).read_text(encoding="utf-8"))["$schema"].endswith("/draft-07/schema#")


def test_init_writes_this_repositorys_editor_settings(tmp_path: Path) -> None:
    root = _init(tmp_path / "repo")
    for name in ("settings.json", "extensions.json"):
        assert (root / ".vscode" / name).read_bytes() == (REPO / ".vscode" / name).read_bytes()
    assert "redhat.vscode-yaml" in json.loads((REPO / ".vscode/extensions.json").read_text())["recommendations"]


def test_every_data_file_of_the_repository_is_clean_in_the_editor(workspace: Server) -> None:
    files = [workspace.root / ".seuranta.yaml", *sorted((workspace.root / "data").rglob("*.yaml"))]
    if workspace.root == REPO:
        files = [p for p in files if p.parent.name in {"tp01", "pirsote", "siun-sote", "pt1", "tk1", "paijat-hame"}]
    assert len(files) >= 4
    for path in files:
        assert workspace.open(path) == [], path


def test_a_schema_error_in_a_measure_file_is_flagged_at_its_line(workspace: Server) -> None:
    path = _measure(workspace.root)
    text = path.read_text(encoding="utf-8").replace("\ntitle:", "\ntitel:", 1)
    # A new status: the item's own fields, and the whole item offered by its Finnish title.
    item = "".join(text.splitlines(keepends=True)[:2]) + "statuses:\n- "  # the modeline, the id
    labels = [entry["label"] for entry in workspace.completion(path, item, item.count("\n") + 1, 2)]
    assert "Tilannekatsaus" in labels and {"date", "text"} <= set(labels), labels
    line = text.split("\n").index(next(t for t in text.split("\n") if t.startswith("titel:"))) + 1
    found = workspace.open(path, text)
    assert Diagnostic(line, "Property titel is not allowed.") in found
    assert Diagnostic(2, 'Missing property "title".') in found


def test_completion_and_hover_speak_finnish(workspace: Server) -> None:
    path = _measure(workspace.root)
    text = path.read_text(encoding="utf-8") + "\n"
    items = workspace.completion(path, text, text.count("\n"), 0)
    documented = {item["label"]: item.get("documentation") for item in items}
    assert {"statuses", "benefit_goal", "responsible", "acknowledged"} <= set(documented)
    assert documented["statuses"] == "Yksi merkintä kutakin raportointikierrosta kohden, kierrosten järjestyksessä."
    line = text.split("\n").index(next(t for t in text.split("\n") if t.startswith("title:"))) + 1
    shown = workspace.hover(path, text, line, 1)
    assert shown.startswith("#### Nimi\n\nToimenpiteen nimi"), shown
    assert shown.endswith(
        f"Source: [measure.schema.json]({(workspace.root / 'schemas/draft-07/measure.schema.json').as_uri()})"
    )


def test_without_a_modeline_the_globs_give_each_kind_its_own_schema(workspace: Server) -> None:
    root = workspace.root
    measure = _measure(root)
    group = measure.parent / "_group.yaml"
    programme = measure.parent.parent / "programme.yaml"
    # Each file, its modeline taken away, is clean: the glob gave it its own schema and no other.
    for path in (measure, group, programme):
        assert workspace.open(path, _without_modeline(path.read_text(encoding="utf-8"))) == [], path
    # And each is checked: a key of another kind is flagged.
    bare = _without_modeline(measure.read_text(encoding="utf-8"))
    found = workspace.open(measure, bare + "plan_measures: []\n")
    assert Diagnostic(bare.count("\n") + 1, "Property plan_measures is not allowed.") in found
    bare = _without_modeline(group.read_text(encoding="utf-8"))
    found = workspace.open(group, bare + "statuses: []\n")
    assert Diagnostic(bare.count("\n") + 1, "Property statuses is not allowed.") in found
    bare = _without_modeline(programme.read_text(encoding="utf-8"))
    found = workspace.open(programme, bare + "statuses: []\n")
    assert Diagnostic(bare.count("\n") + 1, "Property statuses is not allowed.") in found
