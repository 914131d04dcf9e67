"""Finnish first: counts in the right form, help and errors in both languages (Finnish by default), one
date form for every date option, "did you mean" for what was mistyped, tables that fit a terminal."""

from __future__ import annotations

from pathlib import Path

import pytest

import gitrepo
from clirun import seuranta
from seuranta.check.result import Result
from seuranta.model.problem import ERROR, WARNING, Message, Problem
from seuranta.reporters import summary_line

ONE = Problem("a.yaml", 1, 1, "r", ERROR, Message("v", "e"))


@pytest.fixture
def repo(git_repo: Path) -> Path:
    return git_repo


def without_locale(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("SEURANTA_LANG", "LC_ALL", "LC_MESSAGES", "LANG", "LANGUAGE"):
        monkeypatch.delenv(name, raising=False)


# --- counts ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("problems", "files", "fi", "en"),
    [
        (
            [],
            1,
            "0 virhettä, 0 varoitusta, 0 kuitattua, 1 tiedosto tarkistettu.",
            "0 errors, 0 warnings, 0 acknowledged, 1 file checked.",
        ),
        (
            [ONE, ONE._replace(severity=WARNING), ONE._replace(acknowledged=True)],
            2,
            "1 virhe, 1 varoitus, 1 kuitattu, 2 tiedostoa tarkistettu.",
            "1 error, 1 warning, 1 acknowledged, 2 files checked.",
        ),
        (
            [ONE, ONE],
            3,
            "2 virhettä, 0 varoitusta, 0 kuitattua, 3 tiedostoa tarkistettu.",
            "2 errors, 0 warnings, 0 acknowledged, 3 files checked.",
        ),
    ],
)
def test_the_summary_line_counts_in_the_right_form(problems: list[Problem], files: int, fi: str, en: str) -> None:
    result = Result(problems, files)
    assert (summary_line(result, "fi"), summary_line(result, "en")) == (fi, en)


def test_fmt_counts_one_file_in_the_singular(repo: Path) -> None:
    assert seuranta("fmt", "--check", "data/ex/programme.yaml").output == (
        "data/ex/programme.yaml: muotoilu muuttuisi\n1/1 tiedosto pitää muotoilla. Aja: seuranta fmt\n"
    )
    assert seuranta("fmt").output.endswith(" muotoiltu.\n")
    assert seuranta("fmt", "--check", "data/ex/programme.yaml").output == "Tiedosto on muodossaan.\n"
    assert seuranta("fmt", "--check", "data/ex/programme.yaml", "--lang", "en").output == "The file is formatted.\n"
    assert seuranta("fmt", "--check").output.startswith("Kaikki ")
    assert seuranta("fmt", "--check").output.endswith(" tiedostoa ovat muodossaan.\n")


# --- the language ---------------------------------------------------------------------------------


def test_with_no_locale_set_output_is_finnish(repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # a programme file brings every file of its programme: 1 error and 1 warning among its 7 files
    finnish = "1 virhe, 1 varoitus, 0 kuitattua, 7 tiedostoa tarkistettu."
    without_locale(monkeypatch)
    assert seuranta("validate", "data/ex/programme.yaml").output.splitlines()[-1] == finnish
    monkeypatch.setenv("LANG", "C.UTF-8")
    assert seuranta("validate", "data/ex/programme.yaml").output.splitlines()[-1] == finnish
    monkeypatch.setenv("LANG", "en_US.UTF-8")
    assert (
        seuranta("validate", "data/ex/programme.yaml").output.splitlines()[-1]
        == "1 error, 1 warning, 0 acknowledged, 7 files checked."
    )
    assert seuranta("--lang", "fi", "validate", "data/ex/programme.yaml").output.splitlines()[-1] == finnish


def test_help_is_finnish_by_default_and_english_on_request(repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    without_locale(monkeypatch)
    assert seuranta("status", "--help").output == (
        "Käyttö: seuranta status [OPTIONS] COMMAND [ARGS]...\n\n"
        "  Tilannekatsaukset.\n\n"
        "Valitsimet:\n"
        "  --lang [fi|en]  Ilmoitusten ja ohjeen kieli (oletus: suomi, ellei ympäristö\n"
        "                  pyydä englantia).\n"
        "  -h, --help      Näytä tämä ohje ja lopeta.\n\n"
        "Komennot:\n"
        "  add  Lisää kierroksen DATE tilanne toimenpiteeseen MEASURE (tunniste tai…\n"
    )
    english = seuranta("status", "add", "--help", "--lang", "en").output
    assert english.startswith("Usage: seuranta status add [OPTIONS] MEASURE\n\n  Append the status of round DATE")
    assert "  --date TEXT       Round: 2022-11-15 or 15.11.2022.  [required]\n" in english
    finnish = seuranta("status", "add", "--help").output
    assert "  --date TEXT       Kierros: 2022-11-15 tai 15.11.2022.  [pakollinen]\n" in finnish
    top = seuranta("--help").output
    assert "Komennot:\n" in top and "  validate  Tarkista koko tietovarasto" in top


def test_a_mistyped_command_or_option_suggests_the_right_one(repo: Path) -> None:
    found = seuranta("shw", "tp01")
    assert (found.code, found.output) == (
        2,
        "Käyttö: seuranta [OPTIONS] COMMAND [ARGS]...\nOhje: seuranta --help\n\n"
        "Virhe: tuntematon komento 'shw'. Tarkoititko: show?\n",
    )
    found = seuranta("summary", "--tabel", "missing", "--lang", "en")
    assert found.output.endswith("Error: no such option: --tabel. Did you mean: --table?\n")
    found = seuranta("status", "add", "ex/tp01/01-tiimimallit", "--text", "x")
    assert found.output.endswith("Virhe: valitsin '--date' puuttuu.\n")


def test_a_value_that_is_not_a_choice_lists_the_choices_in_the_asked_language(repo: Path) -> None:
    found = seuranta("summary", "--table", "covrage")
    assert (found.code, found.output.splitlines()[-1]) == (
        2,
        "Virhe: '--table': 'covrage' ei ole vaihtoehto. Vaihtoehdot: coverage, latest, missing, findings, goals. "
        "Tarkoititko: coverage?",
    )
    found = seuranta("validate", "--format=xml", "--lang", "en")
    assert found.output.splitlines()[-1] == (
        "Error: '--format': 'xml' is not a choice. Choices: text, json, github, sarif, junit, markdown."
    )


def test_show_suggests_the_measure_meant(repo: Path) -> None:
    for given in ("tp01/01", "ex/tp01/1", "tiimimal"):
        found = seuranta("show", given)
        assert (found.code, found.output) == (
            2,
            f"seuranta show: toimenpidettä ei löydy: {given}; tarkoititko: ex/tp01/01-tiimimallit\n",
        )


def test_status_add_and_extract_suggest_the_measure_meant(repo: Path) -> None:
    found = seuranta("status", "add", "tp01/1", "--date", "15.11.2021", "--text", "x")
    assert (found.code, found.output) == (
        2,
        "seuranta status add: toimenpidettä 'tp01/1' ei löydy (data/tp01/1.yaml). Tarkoititko: "
        "ex/tp01/01-tiimimallit?\n",
    )
    found = seuranta("extract", "fysioterapia", "--lang", "en")
    assert (found.code, found.output) == (
        2,
        "seuranta extract: measure 'fysioterapia' not found (data/fysioterapia.yaml). Did you mean: "
        "ex/tp01/02-fysioterapia?\n",
    )


# --- one date form for every date option ----------------------------------------------------------


def test_every_date_option_reads_the_finnish_form(repo: Path) -> None:
    for iso, finnish in (("2021-05-15", "15.5.2021"), ("2021-11-15", "15.11.2021")):
        assert seuranta("summary", "--table", "missing", "--round", finnish).output == (
            seuranta("summary", "--table", "missing", "--round", iso).output
        )
    assert seuranta("diff", "--rounds", "15.5.2021", "15.11.2021").output == (
        seuranta("diff", "--rounds", "2021-05-15", "2021-11-15").output
    )
    found = seuranta("summary", "--round", "16.11.2021")
    assert (found.code, found.output) == (
        2,
        "seuranta summary: kierrosta 2021-11-16 ei ole yhdessäkään ohjelmassa; tarkoititko: 2021-11-15, "
        "2020-11-15, 2021-05-15\n",
    )


# --- tables that fit a terminal -------------------------------------------------------------------

LONG = "Hyvin pitkä nimi " * 20


def test_a_long_title_is_shortened_in_the_terminal_table_and_whole_in_csv(repo: Path) -> None:
    path = repo / "data/ex/tp02/01-digipalvelut.yaml"
    text = path.read_text(encoding="utf-8")
    title = next(line for line in text.splitlines() if line.startswith("title: "))
    path.write_text(text.replace(title, f"title: {LONG.strip()}"), encoding="utf-8")
    plain = seuranta("summary", "--table", "missing").output
    assert plain.splitlines()[4] == (
        "tp02/01-digipalvelut  Hyvin pitkä nimi Hyvin pitkä nimi Hyvin pitkä…  Tilanne 15.5.2021"
    )
    assert max(len(line) for line in plain.splitlines()) < 120
    csv = seuranta("summary", "--table", "missing", "--format", "csv").output
    assert f"tp02/01-digipalvelut,{LONG.strip()},2021-05-15,\n" in csv


def test_gitrepo_rounds_have_labels() -> None:
    assert "label: Tilanne 15.5.2021" in gitrepo.PROGRAMME
