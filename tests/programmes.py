"""The small example programme the command tests build their repositories from."""

from __future__ import annotations

from pathlib import Path

HEAD = """\
id: ex
title: Esimerkkiohjelma
group_label: työpaketti
benefit_goals:
- id: saatavuus
  title: Saatavuus, oikea-aikaisuus, jatkuvuus
  national: saatavuus
"""
ORGANISAATIO = "- id: organisaatio\n  size: 15\n  stems: [organisaatio, sotekeskuks]\n"
KUNTA = "- id: kunta\n  size: 23\n  stems: [kunta, kunnas, kunnis]\n"
GROUP = "id: ex/tp01\nnumber: '1'\ntitle: Vastaanottojen uudistaminen\nbenefit_goal: saatavuus\n"


def round_(date: str, label: str, *, kind: str | None = None) -> str:
    return f"- date: '{date}'\n  label: {label}\n" + (f"  kind: {kind}\n" if kind else "")


BASELINE = round_("2020-11-15", "Lähtötilanne 15.11.2020", kind="baseline")
SPRING_2021 = round_("2021-05-15", "Tilanne 15.5.2021")


def programme(*, rounds: str, populations: str = ORGANISAATIO, modeline: str = "") -> str:
    """programme.yaml text; `populations=""` leaves the key out."""
    body = HEAD + "rounds:\n" + rounds + (f"populations:\n{populations}" if populations else "")
    return (modeline + "\n" if modeline else "") + body


def write_repo(root: Path, *, programme: str, group: str = GROUP, measures: dict[str, str]) -> Path:
    """A repository with `.seuranta.yaml`, programme ex, its group tp01 and the given measure files."""
    (root / "data/ex/tp01").mkdir(parents=True, exist_ok=True)
    (root / ".seuranta.yaml").write_text("data: data\n", encoding="utf-8")
    (root / "data/ex/programme.yaml").write_text(programme, encoding="utf-8")
    (root / "data/ex/tp01/_group.yaml").write_text(group, encoding="utf-8")
    for name, text in measures.items():
        (root / name).write_text(text, encoding="utf-8")
    return root
