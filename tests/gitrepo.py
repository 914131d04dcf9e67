"""A small programme in a real temporary git repository: one commit per reporting round.

Commits are made with a fixed identity, date and empty configuration, so their ids are the
same on every machine and the golden files can show them.
"""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest

ROUNDS = ("2020-11-15", "2021-05-15", "2021-11-15")
GIT_ENV = {
    "GIT_AUTHOR_NAME": "Testi Toimittaja",
    "GIT_AUTHOR_EMAIL": "toimittaja@example.org",
    "GIT_COMMITTER_NAME": "Testi Toimittaja",
    "GIT_COMMITTER_EMAIL": "toimittaja@example.org",
    "GIT_AUTHOR_DATE": "2022-01-01T12:00:00+02:00",
    "GIT_COMMITTER_DATE": "2022-01-01T12:00:00+02:00",
    "GIT_CONFIG_GLOBAL": "/dev/null",
    "GIT_CONFIG_NOSYSTEM": "1",
}
LEAKING = ("GIT_DIR", "GIT_WORK_TREE", "GIT_INDEX_FILE", "GIT_OBJECT_DIRECTORY", "GIT_CEILING_DIRECTORIES")

PROGRAMME = """\
id: ex
title: Esimerkkiohjelma
group_label: työpaketti
benefit_goals:
  - {id: saatavuus, title: "Saatavuus, oikea-aikaisuus, jatkuvuus", national: saatavuus}
portfolios:
  - {id: hs1, number: 1, title: Hankesalkku 1, aliases: [HS 1]}
rounds:
  - {date: "2020-11-15", label: Lähtötilanne 15.11.2020, kind: baseline}
  - {date: "2021-05-15", label: Tilanne 15.5.2021}
  - {date: "2021-11-15", label: Tilanne 15.11.2021}
populations:
  - {id: organisaatio, size: 15, stems: [organisaatio, sotekeskuks]}
respondents:
  - {round: "2021-05-15", population: organisaatio, count: 14}
"""

GROUPS = {
    "tp01": ("1", "Vastaanottojen uudistaminen"),
    "tp02": ("2", "Digitaaliset palvelut"),
}

# measure path under data/ex → (number, title, {round: text})
MEASURES: dict[str, tuple[str, str, dict[str, str]]] = {
    "tp01/01-tiimimallit": (
        "Tp 1.",
        "Vastaanoton uudet toimintamallit käyttöön",
        {
            "2020-11-15": "Tk-johdon kyselyssä uudet tiimimallit käytössä 3/15 organisaatiossa.",
            "2021-05-15": "Seurantakyselyssä tiimimallit käytössä 7/14 organisaatiossa.",
            "2021-11-15": (
                "Seurantakyselyssä tiimimallit käytössä 7/15 organisaatiossa,\n"
                "5:ssä omaan toimintaan modifioitu tiimimalli."
            ),
        },
    ),
    "tp01/02-fysioterapia": (
        "Tp 2.",
        "Fysioterapeutin suoravastaanottomalli",
        {
            "2020-11-15": "Tk-johdon kyselyssä ft-suoravastaanottomalli käytössä 10/15 sotekeskuksessa.",
            "2021-05-15": "Seurantakyselyssä ft-suoravastaanottomalli käytössä 11/14 sotekeskuksessa.",
            "2021-11-15": "Seurantakyselyssä ft-suoravastaanottomalli käytössä 11/14 sotekeskuksessa.",
        },
    ),
    "tp02/01-digipalvelut": (
        "Tp 1.",
        "Digitaalisten palveluiden hyödyntäminen",
        {
            "2020-11-15": "Sähköiset asiointikäynnit 21% avohoidon käynneistä.",
            "2021-05-15": "Omaolo käytössä 8/14 organisaatiossa, sähköiset asiointikäynnit 25% käynneistä.",
        },
    ),
    "tp02/02-chat": (
        "Tp 2.",
        "Chat-palvelu",
        {
            "2021-11-15": "Chat käytössä 2/15 organisaatiossa.",
        },
    ),
}


def measure_text(path: str, upto: int, texts: dict[str, str] | None = None, *, ident: str = "", title: str = "") -> str:
    """A measure file with its statuses of the first `upto` rounds (texts, id and title may be overridden)."""
    number, usual_title, statuses = MEASURES[path]
    chosen = {**statuses, **(texts or {})}
    lines = [
        f"id: ex/{ident or path}",
        f"number: {json.dumps(number)}",
        f"title: {json.dumps(title or usual_title, ensure_ascii=False)}",
    ]
    entries = [(d, chosen[d]) for d in ROUNDS[:upto] if d in chosen]
    lines += ["statuses:"] if entries else []
    for date, text in entries:
        lines += [f'  - date: "{date}"', f"    text: {json.dumps(text, ensure_ascii=False)}"]
    return "\n".join(lines) + "\n"


def group_text(group: str) -> str:
    number, title = GROUPS[group]
    return f'id: ex/{group}\nnumber: "{number}"\ntitle: {title}\nbenefit_goal: saatavuus\n'


def git(repo: Path, *args: str) -> str:
    done = subprocess.run(["git", *args], cwd=repo, capture_output=True, text=True, check=True)
    return done.stdout.strip()


def write(repo: Path, relative: str, text: str) -> None:
    path = repo / relative
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def write_round(repo: Path, upto: int) -> None:
    for path in MEASURES:
        write(repo, f"data/ex/{path}.yaml", measure_text(path, upto))


def commit(repo: Path, message: str) -> str:
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", message)
    return git(repo, "rev-parse", "HEAD")


def isolate(monkeypatch: pytest.MonkeyPatch) -> None:
    """Fixed identity and dates, no user or system git configuration, no outer repository."""
    for name, value in GIT_ENV.items():
        monkeypatch.setenv(name, value)
    for name in LEAKING:
        monkeypatch.delenv(name, raising=False)


def build(root: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The repository after three rounds: one commit per round, on branch main."""
    isolate(monkeypatch)
    repo = root / "repo"
    repo.mkdir()
    git(repo, "init", "-q", "-b", "main", "--object-format=sha1")
    write(repo, ".seuranta.yaml", "data: data\n")
    write(repo, "data/ex/programme.yaml", PROGRAMME)
    for group in GROUPS:
        write(repo, f"data/ex/{group}/_group.yaml", group_text(group))
    for upto, label in enumerate(("Lähtötilanne 15.11.2020", "Tilanne 15.5.2021", "Tilanne 15.11.2021"), start=1):
        write_round(repo, upto)
        commit(repo, label)
    return repo


def edit_one_status(repo: Path) -> str:
    """The commit the diff tests look at: one figure in one status corrected."""
    text = "Seurantakyselyssä ft-suoravastaanottomalli käytössä 13/15 sotekeskuksessa."
    write(repo, "data/ex/tp01/02-fysioterapia.yaml", measure_text("tp01/02-fysioterapia", 3, {"2021-11-15": text}))
    return commit(repo, "Korjattu ft-suoravastaanottomallin luku")


MAIN_STATUS = "Main: Omaolo käytössä 9/14 organisaatiossa."


def main_moves_on(repo: Path) -> tuple[str, str]:
    """Branch `feature` off main edits one status; main then gains another measure's status.

    Returns the commits of main and feature; main is checked out."""
    git(repo, "switch", "-q", "-c", "feature")
    feature = edit_one_status(repo)
    git(repo, "switch", "-q", "main")
    texts = {"2021-11-15": MAIN_STATUS}
    write(repo, "data/ex/tp02/01-digipalvelut.yaml", measure_text("tp02/01-digipalvelut", 3, texts))
    return commit(repo, "Mainiin uusi tilanne haaran teon jälkeen"), feature
