"""docs/migration.md's tables are the shipped data's real counts (SEURANTA_UPDATE_GOLDEN=1 rewrites them)."""

from __future__ import annotations

from collections import Counter
from pathlib import Path
from typing import Any

from conftest import REPO, update_golden
from seuranta.model.loader import load

DOC = REPO / "docs" / "migration.md"
START, END = "<!-- counts:start -->", "<!-- counts:end -->"


def measures(group: Path) -> list[dict[str, Any]]:
    return [load(p).data for p in sorted(group.glob("*.yaml")) if p.name != "_group.yaml"]


def row(group: Path, rounds: list[str]) -> str:
    found = measures(group)
    statuses = [s for m in found for s in m.get("statuses", [])]
    per_round = Counter(s["date"] for s in statuses)
    inferred = sum(1 for s in statuses if "attribution" in s)
    gaps = sum(len(m.get("gaps", [])) for m in found)
    cells = [group.name, str(len(found)), *(str(per_round.get(r, 0)) for r in rounds), str(inferred), str(gaps)]
    return "| " + " | ".join(cells) + " |"


def table(programme: Path) -> str:
    rounds = [r["date"] for r in load(programme / "programme.yaml").data["rounds"]]
    head = ["group", "measures", *rounds, "inferred", "gaps"]
    lines = [f"### {programme.name}", "", "| " + " | ".join(head) + " |", "|" + " --- |" * len(head)]
    lines += [row(g, rounds) for g in sorted(p for p in programme.iterdir() if p.is_dir())]
    return "\n".join(lines)


def rendered() -> str:
    programmes = sorted(p.parent for p in (REPO / "data").glob("*/programme.yaml"))
    return "\n\n".join(table(p) for p in programmes)


def test_migration_counts_match_the_data() -> None:
    text = DOC.read_text(encoding="utf-8")
    before, rest = text.split(START)
    _, after = rest.split(END)
    fresh = f"{before}{START}\n{rendered()}\n{END}{after}"
    if update_golden():
        DOC.write_text(fresh, encoding="utf-8")
    assert text == fresh
