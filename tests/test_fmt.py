"""`seuranta fmt`: exact output, the layout, comments kept, idempotence, values never changed, on all shipped data."""

from __future__ import annotations

import re
import shutil
from pathlib import Path
from typing import Any

import pytest

import programmes
from clirun import seuranta
from conftest import REPO
from seuranta.edit import roundtrip
from seuranta.files.listing import yaml_files
from seuranta.model import loader

PROGRAMME = programmes.programme(
    rounds=programmes.BASELINE + programmes.SPRING_2021,
    modeline="# yaml-language-server: $schema=../../schemas/programme.schema.json",
)
GROUP = """\
# yaml-language-server: $schema=../../../schemas/group.schema.json
id: ex/tp01
number: '1'
title: Vastaanottojen uudistaminen
benefit_goal: saatavuus
"""
MESSY = """\
# yaml-language-server: $schema=../../../schemas/measure.schema.json
title: Vastaanoton uudet toimintamallit käyttöön   # nimi sellaisenaan
id: ex/tp01/01-tiimimallit
number: ~
statuses:
    # lähtötilanne
    -   text: "Uudet tiimimallit käytössä 3/15 organisaatiossa, ja tämä rivi on niin pitkä, että se pitää taittaa sadan merkin kohdalla."
        date: "2020-11-15"
    -   date: 2021-05-15
        text: |
          Rivi yksi
          Rivi kaksi
source: {file: lahde.txt, lines: [1, 2]}
evaluation: "Kysely"
"""
FORMATTED = """\
# yaml-language-server: $schema=../../../schemas/measure.schema.json
id: ex/tp01/01-tiimimallit
number: null
title: Vastaanoton uudet toimintamallit käyttöön   # nimi sellaisenaan
evaluation: "Kysely"
source: {file: lahde.txt, lines: [1, 2]}
statuses:
    # lähtötilanne
- date: '2020-11-15'
  text: "Uudet tiimimallit käytössä 3/15 organisaatiossa, ja tämä rivi on niin pitkä, että se pitää taittaa\\
    \\ sadan merkin kohdalla."
- date: '2021-05-15'
  text: |
    Rivi yksi
    Rivi kaksi
"""
MEASURE = "data/ex/tp01/01-tiimimallit.yaml"


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    return programmes.write_repo(tmp_path, programme=PROGRAMME, group=GROUP, measures={MEASURE: MESSY})


def run(*args: str) -> tuple[int, str]:
    result = seuranta("fmt", *args)
    return result.code, result.output


def comments(text: str) -> list[str]:
    return re.findall(r"#.*", text)


def test_check_lists_what_would_change(repo: Path) -> None:
    assert run("--check") == (1, (f"{MEASURE}: muotoilu muuttuisi\n1/4 tiedostoa pitää muotoilla. Aja: seuranta fmt\n"))
    assert (repo / MEASURE).read_text(encoding="utf-8") == MESSY


def test_check_in_english(repo: Path) -> None:
    assert run("--check", "--lang", "en") == (
        1,
        (f"{MEASURE}: would be reformatted\n1 of 4 files would be reformatted. Run: seuranta fmt\n"),
    )


def test_formats_to_the_layout(repo: Path) -> None:
    assert run() == (0, f"{MEASURE}: muotoiltu\n1/4 tiedostoa muotoiltu.\n")
    assert (repo / MEASURE).read_text(encoding="utf-8") == FORMATTED
    assert run("--check") == (0, "Kaikki 4 tiedostoa ovat muodossaan.\n")


def test_only_the_given_paths(repo: Path) -> None:
    assert run("--check", "data/ex/tp01/_group.yaml") == (0, "Tiedosto on muodossaan.\n")
    assert run("--check", "data/ex/tp01") == (
        1,
        (f"{MEASURE}: muotoilu muuttuisi\n1/2 tiedostoa pitää muotoilla. Aja: seuranta fmt\n"),
    )


def test_is_idempotent_and_keeps_comments_and_values(repo: Path) -> None:
    before = loader.load_bytes(MEASURE, MESSY.encode("utf-8")).data
    run()
    once = (repo / MEASURE).read_bytes()
    run()
    assert (repo / MEASURE).read_bytes() == once
    assert comments(once.decode("utf-8")) == comments(MESSY)
    assert roundtrip.same(loader.load_bytes(MEASURE, once).data, before)


def test_a_file_that_does_not_load_is_left_alone(repo: Path) -> None:
    broken = "id: ex/tp01/01-tiimimallit\ntitle: a\ntitle: b\n"
    (repo / MEASURE).write_text(broken, encoding="utf-8")
    code, output = run()
    assert code == 1
    assert output == (
        f"{MEASURE}:3:1: virhe [yaml-duplicate-key] Avain 'title' on kahdesti (rivit 2 ja 3). Poista tai yhdistä toinen.\n"
        "0/4 tiedostoa muotoiltu.\n"
    )
    assert (repo / MEASURE).read_text(encoding="utf-8") == broken


def test_refuses_to_write_when_values_would_change(repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    real = roundtrip.dump

    def lossy(data: Any) -> str:
        return real(data).replace("Rivi kaksi", "Rivi 2")

    monkeypatch.setattr(roundtrip, "dump", lossy)
    code, output = run()
    assert code == 1
    assert output == (
        f"{MEASURE}:1:1: virhe [fmt-values] Muotoilu olisi muuttanut arvoja, joten tiedostoa ei muutettu. "
        "Ilmoita tästä ylläpitäjälle.\n"
        "0/4 tiedostoa muotoiltu.\n"
    )
    assert (repo / MEASURE).read_text(encoding="utf-8") == MESSY


@pytest.mark.parametrize(
    "text, kept",
    [
        ("id: x\nnumber: 1.10\n", "1.10"),
        ("id: x\nnumber: 010\n", "010"),
        ("id: x\nnumber: 1:20\n", "1:20"),
        ("id: x\nnumber: no\n", "no"),
        ("id: x\nnumber: 2021-5-15\n", "2021-5-15"),
        ("id: x\nnumber: 1e3\n", "1e3"),
    ],
)
def test_text_that_yaml_1_1_would_guess_stays_text(text: str, kept: str) -> None:
    outcome = roundtrip.format_bytes("m.yaml", text.encode("utf-8"), "measure")
    assert outcome.problems == []
    assert outcome.text == text
    assert loader.load_bytes("m.yaml", text.encode("utf-8")).data["number"] == kept


def test_dates_are_single_quoted_and_null_written_out() -> None:
    text = 'id: x\nnumber:\nstatuses:\n- date: "2021-05-15"\n  text: a\n- date: 2021-11-15\n  text: b\n'
    outcome = roundtrip.format_bytes("m.yaml", text.encode("utf-8"), "measure")
    assert outcome.text == (
        "id: x\nnumber: null\nstatuses:\n- date: '2021-05-15'\n  text: a\n- date: '2021-11-15'\n  text: b\n"
    )


def test_long_plain_text_folds_after_column_100_without_trailing_spaces() -> None:
    words = " ".join(["sote-keskus"] * 30)
    outcome = roundtrip.format_bytes("m.yaml", f"id: x\ntitle: {words}\n".encode(), "measure")
    assert outcome.text is not None
    lines = outcome.text.splitlines()
    assert len(lines) > 3
    assert all(line == line.rstrip() for line in lines)
    assert all(len(line) <= 100 + len("sote-keskus") + 1 for line in lines)
    assert loader.load_bytes("m.yaml", outcome.text.encode("utf-8")).data["title"] == words


def test_all_shipped_data_formats_idempotently_without_changing_a_value(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The whole real data/ tree, in a temporary copy: fmt, then fmt --check passes, values identical."""
    shutil.copytree(REPO / "data", tmp_path / "data")
    (tmp_path / ".seuranta.yaml").write_text("data: data\n", encoding="utf-8")
    files = yaml_files(tmp_path / "data")
    assert len(files) > 100
    before = {p: p.read_bytes() for p in files}
    monkeypatch.chdir(tmp_path)
    code, output = run()
    assert code == 0, output
    assert run("--check")[0] == 0
    for path, raw in before.items():
        after = path.read_bytes()
        name = str(path.relative_to(tmp_path))
        old, new = loader.load_bytes(name, raw), loader.load_bytes(name, after)
        assert new.data is not None, name
        assert roundtrip.same(old.data, new.data), name
        assert sorted(comments(after.decode("utf-8"))) == sorted(comments(raw.decode("utf-8"))), name
