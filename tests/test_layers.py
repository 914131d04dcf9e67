"""The package reads as its pipeline: every import points down the stages, never up."""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "tools" / "seuranta"

# Lowest first. A module may import from its own stage and from any stage before it.
STAGES = (
    "model",
    "files",
    "prose",
    "rules",
    "check",
    "reporters",
    "diff",
    "tables",
    "edit",
    "site",
    "server",
    "commands",
    "cli",
)


def stage(dotted: str) -> int:
    """The stage of a module named `seuranta.<part>…`; the package root (its version) is below every stage."""
    parts = dotted.split(".")
    if len(parts) < 2 or parts[1] == "__version__":
        return -1
    name = "cli" if parts[1] == "__main__" else parts[1]
    return STAGES.index(name)


def module_name(path: Path) -> str:
    relative = path.relative_to(PACKAGE.parent).with_suffix("")
    return ".".join(relative.parts).removesuffix(".__init__")


def imports(path: Path) -> list[str]:
    """Every seuranta module a file imports, at the top or inside a function."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module and node.module.split(".")[0] == "seuranta":
            found += [f"{node.module}.{a.name}" for a in node.names]
        elif isinstance(node, ast.Import):
            found += [a.name for a in node.names if a.name.split(".")[0] == "seuranta"]
    return found


def upward() -> list[str]:
    return [
        f"{module_name(path)} → {target}"
        for path in sorted(PACKAGE.rglob("*.py"))
        for target in imports(path)
        if stage(target) > stage(module_name(path))
    ]


def test_every_module_lies_in_a_stage() -> None:
    tops = {p.name.removesuffix(".py") for p in PACKAGE.iterdir() if p.suffix == ".py" or (p / "__init__.py").is_file()}
    assert tops - {"__init__", "__main__"} == set(STAGES)


def test_no_import_points_upward() -> None:
    assert upward() == []


def test_the_check_finds_an_upward_import(tmp_path: Path) -> None:
    sample = PACKAGE / "rules" / "support.py"
    assert stage("seuranta.check.engine") > stage(module_name(sample))
    assert "seuranta.check.engine" not in imports(sample)
    source = tmp_path / "m.py"
    source.write_text("from seuranta.check import engine\n\ndef f():\n    from seuranta.site import html\n")
    assert imports(source) == ["seuranta.check.engine", "seuranta.site.html"]
