"""Nothing silent: a file that cannot be read is a located finding, and one broken file misleads no one.

Unreadable folders and files, FIFOs, dangling, looping and outward links, integers Python will not
read, line separators libyaml counts as line breaks, libyaml's own depth limit; a broken programme
or group file leaves its one finding; `summary`, `report` and `export` name what they could not read.
Tests run as root, who reads a `chmod 000` file, so unreadability is also simulated in-process.
"""

from __future__ import annotations

import errno
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from clirun import Run, seuranta
from programmes import BASELINE, SPRING_2021, programme, write_repo

MEASURE = """\
id: ex/tp01/01-malli
number: '1'
title: Malli
statuses:
- date: '2020-11-15'
  text: Malli kuvattu, kts. työpaketti 9.
acknowledged:
- rule: ref-unresolved
  match: työpaketti 9
  reason: Lähteessä lukee näin.
"""
SECOND = "id: ex/tp01/02-toinen\nnumber: '2'\ntitle: Toinen\n"


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    write_repo(
        tmp_path,
        programme=programme(rounds=BASELINE + SPRING_2021),
        measures={"data/ex/tp01/01-malli.yaml": MEASURE, "data/ex/tp01/02-toinen.yaml": SECOND},
    )
    monkeypatch.chdir(tmp_path)
    return tmp_path


def findings(run: Run) -> list[str]:
    """The finding lines of `validate`'s text output (the count line after them left out)."""
    return run.stdout.splitlines()[:-1]


def test_the_example_is_clean(repo: Path) -> None:
    assert seuranta("validate", "--no-cache").code == 0


# --- files that are not read ----------------------------------------------------------------------


def test_a_fifo_is_a_finding_never_opened_in_a_real_process(repo: Path) -> None:
    os.mkfifo(repo / "data/ex/tp01/03-putki.yaml")
    done = subprocess.run(
        [sys.executable, "-m", "seuranta", "validate", "--no-cache", "--lang", "en"],
        cwd=repo,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert (done.returncode, done.stderr) == (1, "")
    assert done.stdout.splitlines()[:-1] == [
        "data/ex/tp01/03-putki.yaml:1:1: error [file-not-regular] This is not a regular file (a named pipe), so it "
        "is not opened. Remove it or rename it."
    ]


def test_a_fifo_named_on_the_command_line_is_a_finding(repo: Path) -> None:
    os.mkfifo(repo / "data/ex/tp01/03-putki.yaml")
    result = seuranta("validate", "--no-cache", "data/ex/tp01/03-putki.yaml")
    assert result.code == 1
    assert (
        "data/ex/tp01/03-putki.yaml:1:1: virhe [file-not-regular] Tämä ei ole tavallinen tiedosto (nimetty putki), "
        "joten sitä ei avata. Poista se tai anna sille toinen nimi." in findings(result)
    )


def test_a_fifo_in_a_folder_named_on_the_command_line_is_a_finding(repo: Path) -> None:
    os.mkfifo(repo / "data/ex/tp01/03-putki.yaml")
    result = seuranta("validate", "--no-cache", "data/ex/tp01")
    assert (result.code, findings(result)) == (
        1,
        [
            "data/ex/tp01/03-putki.yaml:1:1: virhe [file-not-regular] Tämä ei ole tavallinen tiedosto (nimetty "
            "putki), joten sitä ei avata. Poista se tai anna sille toinen nimi."
        ],
    )


def test_links_that_lead_nowhere_or_outside_are_findings(repo: Path, tmp_path_factory: pytest.TempPathFactory) -> None:
    outside = tmp_path_factory.mktemp("outside") / "vieras.yaml"
    outside.write_text("id: ex/tp01/06-vieras\nnumber: '6'\ntitle: Vieras\n", encoding="utf-8")
    group = repo / "data/ex/tp01"
    (group / "03-rikki.yaml").symlink_to("ei-ole.yaml")
    (group / "04-kehä.yaml").symlink_to("04-kehä.yaml")
    (group / "05-ulos.yaml").symlink_to(outside)
    (repo / "data/ex/linkki").symlink_to("tp01")
    result = seuranta("validate", "--no-cache", "--lang", "en")
    assert result.code == 1
    assert findings(result) == [
        "data/ex/linkki:1:1: warning [file-link-folder] The folder is a symbolic link, and its files are not read. "
        "Move the files into the data folder.",
        "data/ex/tp01/03-rikki.yaml:1:1: error [file-link-broken] The symbolic link leads to no file (the target "
        "does not exist). Fix or remove the link.",
        "data/ex/tp01/04-kehä.yaml:1:1: error [file-link-broken] The symbolic link leads to no file (the links "
        "loop). Fix or remove the link.",
        "data/ex/tp01/05-ulos.yaml:1:1: error [file-link-outside] The symbolic link leads outside the repository "
        "and is not read. Copy the file into the data folder.",
    ]


def test_a_link_out_of_the_repository_named_on_the_command_line_is_not_read(
    repo: Path, tmp_path_factory: pytest.TempPathFactory
) -> None:
    outside = tmp_path_factory.mktemp("outside") / "vieras.yaml"
    outside.write_text("id: ex/tp01/05-ulos\nnumber: '5'\ntitle: Vieras\n", encoding="utf-8")
    (repo / "data/ex/tp01/05-ulos.yaml").symlink_to(outside)
    result = seuranta("validate", "--no-cache", "--lang", "en", "data/ex/tp01/05-ulos.yaml")
    assert (result.code, findings(result)) == (
        1,
        [
            "data/ex/tp01/05-ulos.yaml:1:1: error [file-link-outside] The symbolic link leads outside the "
            "repository and is not read. Copy the file into the data folder."
        ],
    )


def test_a_link_to_a_file_inside_the_repository_is_read(repo: Path) -> None:
    (repo / "kopio.yaml").write_text("id: ex/tp01/03-kopio\nnumber: '3'\ntitle: Kopio\n", encoding="utf-8")
    (repo / "data/ex/tp01/03-kopio.yaml").symlink_to(repo / "kopio.yaml")
    result = seuranta("validate", "--no-cache", "--format", "json")
    assert result.code == 0, result.stdout


def _refuse(monkeypatch: pytest.MonkeyPatch, name: str, denied: str) -> None:
    """os.<name> raises PermissionError for paths ending in `denied`, as for a user without the right."""
    real = getattr(os, name)

    def refusing(path: Any, *args: Any, **kwargs: Any) -> Any:
        if str(path).endswith(denied):
            raise PermissionError(errno.EACCES, "Permission denied", str(path))
        return real(path, *args, **kwargs)

    monkeypatch.setattr(os, name, refusing)


def test_an_unreadable_folder_is_a_finding(repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _refuse(monkeypatch, "scandir", "data/ex/tp01")
    result = seuranta("validate", "--no-cache")
    assert result.code == 1
    assert findings(result)[0] == (
        "data/ex/tp01:1:1: virhe [file-unreadable] Kansiota tai tiedostoa ei voi lukea (lukuoikeus puuttuu), eikä "
        "sitä tarkistettu. Korjaa sen oikeudet."
    )


def test_an_unreadable_file_is_a_finding(repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _refuse(monkeypatch, "open", "02-toinen.yaml")
    result = seuranta("validate", "--no-cache", "--lang", "en")
    assert result.code == 1
    assert findings(result) == [
        "data/ex/tp01/02-toinen.yaml:1:1: error [file-unreadable] The folder or file cannot be read (permission "
        "denied) and was not checked. Fix its permissions."
    ]


def test_a_folder_without_permissions_is_read_or_reported(repo: Path) -> None:
    """For real: root still reads a chmod 000 folder (and must then check its files); anyone else gets the finding."""
    folder = repo / "data/ex/tp01"
    (folder / "02-toinen.yaml").write_text(SECOND.replace("number: '2'", "number: [2]"), encoding="utf-8")
    folder.chmod(0)
    try:
        readable = os.access(folder, os.R_OK | os.X_OK)
        rules = {line.split("[", 1)[1].split("]")[0] for line in findings(seuranta("validate", "--no-cache"))}
    finally:
        folder.chmod(0o755)
    assert rules == ({"schema-type"} if readable else {"file-unreadable"})


# --- text libyaml or Python read differently ------------------------------------------------------


def test_a_huge_integer_is_a_located_finding_in_every_command(repo: Path) -> None:
    digits = "9" * 5000
    measure = repo / "data/ex/tp01/02-toinen.yaml"
    measure.write_text(SECOND.replace("'2'", digits) + f"statuses:\n- date: '2020-11-15'\n  text: {digits}/15\n")
    result = seuranta("validate", "--no-cache", "--lang", "en")
    assert findings(result) == [
        f"data/ex/tp01/02-toinen.yaml:{line}:{column}: error [yaml-number-too-long] The number has 5000 digits, "
        "more than can be read (4300). Fix the number."
        for line, column in ((2, 9), (6, 9))
    ]
    for command in (
        ["summary"],
        ["show", "ex/tp01/02-toinen"],
        ["export", "--out", str(repo / "vienti")],
        ["report", "--out", str(repo / "sivut")],
        ["extract", "ex/tp01/02-toinen"],
        ["diff", "--rounds", "2020-11-15", "2021-05-15"],
        ["fmt", "--check"],
    ):
        run = seuranta(*command)
        assert run.code in (0, 1, 2) and "ValueError" not in run.output and "sisäinen" not in run.output, command


@pytest.mark.parametrize("separator", ["\u2028", "\x85", "\u2029"])
def test_line_separators_are_warned_and_later_lines_keep_their_numbers(repo: Path, separator: str) -> None:
    text = (
        "id: ex/tp01/02-toinen\nnumber: '2'\ntitle: Toinen\nstatuses:\n- date: '2020-11-15'\n"
        f"  text: \"Rivi{separator}toinen\"\n- date: '2021-05-15'\n  text: Malli.\n  tekst: x\n"
    )
    (repo / "data/ex/tp01/02-toinen.yaml").write_text(text, encoding="utf-8")
    result = seuranta("validate", "--no-cache", "--lang", "en")
    assert findings(result) == [
        f"data/ex/tp01/02-toinen.yaml:6:14: warning [yaml-line-separator] The text holds the character "
        f"U+{ord(separator):04X}, which YAML reads as a line break (often copied from a word processor). Replace "
        "it with a plain line break or a space.",
        "data/ex/tp01/02-toinen.yaml:9:3: error [schema-unknown-field] Unknown field 'tekst'. Did you mean 'text'?",
    ]


def test_libyaml_depth_limit_is_told_as_its_own(repo: Path) -> None:
    (repo / ".seuranta.yaml").write_text("data: data\nlimits:\n  max_depth: 3000\n", encoding="utf-8")
    deep = "[" * 1500 + "]" * 1500
    (repo / "data/ex/tp01/02-toinen.yaml").write_text(SECOND + f"outputs: {deep}\n", encoding="utf-8")
    result = seuranta("validate", "--no-cache", "--lang", "en")
    assert (
        "data/ex/tp01/02-toinen.yaml:4:1009: error [yaml-depth] Nesting is deeper than 1000 levels. Check the "
        "indentation." in findings(result)
    )


# --- one broken file misleads no one ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "text", "expected"),
    [
        (
            "data/ex/programme.yaml",
            "",
            "data/ex/programme.yaml:1:1: virhe [yaml-empty] Tiedosto on tyhjä. Lisää sisältö tai poista tiedosto.",
        ),
        (
            "data/ex/tp01/_group.yaml",
            "id: [\n",
            "data/ex/tp01/_group.yaml:1:5: virhe [yaml-unclosed-bracket] Sulku [ jää sulkematta tai sen alkioiden "
            "välistä puuttuu pilkku. Lisää ]; jos arvo on tekstiä, kirjoita se lainausmerkkeihin.",
        ),
    ],
)
def test_a_broken_programme_or_group_file_is_the_one_finding(repo: Path, name: str, text: str, expected: str) -> None:
    (repo / name).write_text(text, encoding="utf-8")
    result = seuranta("validate", "--no-cache")
    assert (result.code, findings(result)) == (1, [expected])


BROKEN = "data/ex/tp01/02-toinen.yaml"
UNREAD_FI = (
    "Näitä tiedostoja ei voitu lukea, joten ne puuttuvat tuloksesta. Korjaa ne (seuranta validate kertoo lisää):\n"
    f"  {BROKEN}:3:8: virhe [yaml-unclosed-quote] Tällä rivillä alkava lainausmerkki ' jää sulkematta, joten "
    "teksti jatkuu riville 4 asti. Lisää ' tekstin loppuun.\n"
)


@pytest.mark.parametrize(
    "command", [["summary"], ["export", "--out", "vienti"], ["report", "--out", "sivut"]], ids=lambda c: c[0]
)
def test_summary_report_and_export_name_the_files_they_could_not_read(repo: Path, command: list[str]) -> None:
    (repo / BROKEN).write_text("id: ex/tp01/02-toinen\nnumber: '2'\ntitle: 'Toinen\nstatuses: []\n")
    result = seuranta(*command)
    assert (result.code, result.stderr) == (1, UNREAD_FI)


def test_summary_says_it_in_english_too(repo: Path) -> None:
    (repo / BROKEN).write_text("id: ex/tp01/02-toinen\nnumber: '2'\ntitle: 'Toinen\nstatuses: []\n")
    result = seuranta("summary", "--lang", "en")
    assert (result.code, result.stderr) == (
        1,
        "These files could not be read, so they are missing from the output. Fix them (seuranta validate tells "
        "more):\n"
        f"  {BROKEN}:3:8: error [yaml-unclosed-quote] The quote ' opened on this line is never closed, so the text "
        "runs on to line 4. Add ' at the end of the text.\n",
    )


def test_summary_names_a_fifo_it_skipped(repo: Path) -> None:
    os.mkfifo(repo / "data/ex/tp01/03-putki.yaml")
    result = seuranta("summary", "--lang", "en")
    assert (result.code, result.stderr.splitlines()[1:]) == (
        1,
        [
            "  data/ex/tp01/03-putki.yaml:1:1: error [file-not-regular] This is not a regular file (a named pipe), "
            "so it is not opened. Remove it or rename it."
        ],
    )
