"""Every writer checks before it writes and writes only where and what it may: each mistake an editor
made with `status add`, `new`, `fmt` and `extract --write`, and what they now see."""

from __future__ import annotations

import difflib
import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

import programmes
from clirun import seuranta
from seuranta.files import atomic

PROGRAMME = programmes.programme(
    rounds=programmes.BASELINE + programmes.SPRING_2021 + programmes.round_("2021-11-15", "Tilanne 15.11.2021")
)
MEASURE_ID = "ex/tp01/01-tiimimallit"
MEASURE = f"data/{MEASURE_ID}.yaml"
HEAD = "id: ex/tp01/01-tiimimallit\nnumber: Tp 1.\ntitle: Tiimimallit\n"
ENTRY = "- date: '2020-11-15'\n  text: Tiimimallit käytössä 3/15 organisaatiossa.\n"
ORIGINAL = HEAD + "statuses:\n" + ENTRY
ADDED = "- date: '2021-05-15'\n  text: Käytössä 7/15 organisaatiossa.\n"


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("SEURANTA_TODAY", "2021-12-01")
    return programmes.write_repo(tmp_path, programme=PROGRAMME, measures={MEASURE: ORIGINAL})


def add(measure: str = MEASURE_ID, text: str = "Käytössä 7/15 organisaatiossa.", *more: str) -> tuple[int, str]:
    found = seuranta("status", "add", measure, "--date", "15.5.2021", "--text", text, *more)
    return found.code, found.output


# --- status add and new validate the result first -------------------------------------------------


def test_status_add_with_a_henkilotunnus_writes_nothing_and_never_shows_it(repo: Path) -> None:
    before = (repo / MEASURE).read_bytes()
    code, output = add(MEASURE_ID, "Yhteyshenkilö 131052-308T, käytössä 10/16 organisaatiossa")
    assert (code, output) == (
        1,
        f"{MEASURE}:8:23: virhe [hetu] Tekstissä on henkilötunnus (******-****). Poista se: henkilötunnuksia ei "
        "tallenneta tähän tietovarastoon (poista se myös git-historiasta).\n"
        f"{MEASURE}:8:45: virhe [fraction-denominator] '10/16 organisaatiossa': nimittäjä 16 ei ole perusjoukon "
        "'organisaatio' koko eikä mikään ilmoitettu luku (15). Korjaa luku, lisää toimenpiteelle osajoukko "
        "(subpopulations) tai vastaajamäärä ohjelmaan (respondents), tai kuittaa havainto.\n"
        "Tiedostoa ei kirjoitettu, koska siihen tulisi 2 uutta virhettä (yllä). Korjaa syöte ja yritä uudelleen.\n",
    )
    assert "131052" not in output
    assert (repo / MEASURE).read_bytes() == before
    assert sorted(p.name for p in (repo / "data/ex/tp01").iterdir()) == ["01-tiimimallit.yaml", "_group.yaml"]


def test_a_refusal_reports_exactly_the_errors_validate_would_report_once_written(repo: Path) -> None:
    text = "Yhteyshenkilö 131052-308T, käytössä 10/16 organisaatiossa"
    refused = add(MEASURE_ID, text)[1].splitlines()[:-1]
    (repo / MEASURE).write_text(ORIGINAL + f"- date: '2021-05-15'\n  text: {text}\n", encoding="utf-8")
    written = seuranta("validate", MEASURE).output.splitlines()
    assert refused == [line for line in written if ": virhe [" in line]
    assert len(refused) == 2


def test_status_add_refusal_in_english_counts_one_error(repo: Path) -> None:
    assert add(MEASURE_ID, "Yhteyshenkilö 131052-308T.", "--lang", "en") == (
        1,
        f"{MEASURE}:8:23: error [hetu] The text contains a personal identity code (******-****). Remove it: "
        "identity codes are never stored in this repository (remove it from the git history too).\n"
        "Nothing was written: the change would add 1 new error (above). Fix the input and try again.\n",
    )


def test_an_error_already_in_the_file_does_not_stop_a_clean_addition(repo: Path) -> None:
    broken = ORIGINAL.replace("3/15", "3/16")
    (repo / MEASURE).write_text(broken, encoding="utf-8")
    assert add() == (0, f"Lisätty kierroksen 2021-05-15 tilanne: {MEASURE}:7\n")
    assert (repo / MEASURE).read_text(encoding="utf-8") == broken + ADDED


def test_new_with_a_number_already_taken_creates_nothing(repo: Path) -> None:
    found = seuranta("new", "--programme", "ex", "--group", "tp01", "--title", "Uusi toimenpide", "--number", "Tp 1")
    assert (found.code, found.output) == (
        1,
        "data/ex/tp01/02-uusi-toimenpide.yaml:3:9: virhe [number-unique] Numero 'Tp 1' on jo toimenpiteellä "
        f"{MEASURE} ('Tp 1.') samassa ryhmässä. Numeroi toinen uudelleen; jos lähde itse toistaa numeron, "
        "kuittaa havainto.\n"
        "Tiedostoa ei kirjoitettu, koska siihen tulisi 1 uusi virhe (yllä). Korjaa syöte ja yritä uudelleen.\n",
    )
    assert sorted(p.name for p in (repo / "data/ex/tp01").iterdir()) == ["01-tiimimallit.yaml", "_group.yaml"]


# --- where a writer may write -------------------------------------------------------------------


def test_status_add_refuses_a_file_outside_the_data_folder(repo: Path) -> None:
    outside = repo / "x.yaml"
    outside.write_text(ORIGINAL, encoding="utf-8")
    assert add("../x") == (
        1,
        "x.yaml:1:1: virhe [write-refused] x.yaml on datakansion data "
        "ulkopuolella; tiedostoa ei kirjoitettu. Anna polku datakansion sisällä.\n",
    )
    assert outside.read_text(encoding="utf-8") == ORIGINAL


def test_status_add_refuses_a_symlink_out_of_the_repository(
    repo: Path, tmp_path_factory: pytest.TempPathFactory
) -> None:
    elsewhere = tmp_path_factory.mktemp("muualla") / "x.yaml"
    elsewhere.write_text(ORIGINAL.replace("01-tiimimallit", "02-linkki"), encoding="utf-8")
    (repo / "data/ex/tp01/02-linkki.yaml").symlink_to(elsewhere)
    code, output = add("ex/tp01/02-linkki")
    assert (code, output) == (
        1,
        "data/ex/tp01/02-linkki.yaml:1:1: virhe [write-refused] data/ex/tp01/02-linkki.yaml on symbolinen linkki "
        f"tietovaraston ulkopuolelle ({elsewhere}); tiedostoa ei kirjoitettu.\n",
    )
    assert "2021-05-15" not in elsewhere.read_text(encoding="utf-8")


def test_status_add_through_a_link_inside_the_data_folder_writes_the_file_it_names(repo: Path) -> None:
    link = repo / "data/ex/tp01/02-linkki.yaml"
    link.symlink_to("01-tiimimallit.yaml")
    assert add("ex/tp01/02-linkki")[0] == 0
    assert link.is_symlink()
    assert (repo / MEASURE).read_text(encoding="utf-8") == ORIGINAL + ADDED


@pytest.mark.parametrize("programme", ["../tests/x", "/abs/path", "ex/../ex"])
def test_new_takes_ids_not_paths(repo: Path, programme: str) -> None:
    found = seuranta("new", "--programme", programme, "--group", "tp01", "--title", "Uusi")
    assert (found.code, found.output) == (
        2,
        f"seuranta new: --programme '{programme}': tunniste on pienin kirjaimin a–z, numeroin ja yhdysmerkein "
        "(esim. pirsote, tp09), ei polku.\n",
    )


def test_status_add_refuses_a_read_only_file(repo: Path) -> None:
    os.chmod(repo / MEASURE, 0o444)
    assert add() == (
        1,
        f"{MEASURE}:1:1: virhe [write-refused] {MEASURE} on kirjoitussuojattu; tiedostoa ei muutettu. Poista "
        "suojaus, jos muutos on tarkoituksellinen.\n",
    )
    assert (repo / MEASURE).read_text(encoding="utf-8") == ORIGINAL


def test_fmt_refuses_a_read_only_file(repo: Path) -> None:
    unformatted = ORIGINAL.replace("number: Tp 1.\n", "") + "number: Tp 1.\n"
    (repo / MEASURE).write_text(unformatted, encoding="utf-8")
    os.chmod(repo / MEASURE, 0o444)
    found = seuranta("fmt", MEASURE)
    assert (found.code, found.output) == (
        1,
        f"{MEASURE}:1:1: virhe [write-refused] {MEASURE} on kirjoitussuojattu; tiedostoa ei muutettu. Poista "
        "suojaus, jos muutos on tarkoituksellinen.\n0/1 tiedosto muotoiltu.\n",
    )
    assert (repo / MEASURE).read_text(encoding="utf-8") == unformatted


def test_fmt_refuses_a_file_outside_the_repository(repo: Path, tmp_path_factory: pytest.TempPathFactory) -> None:
    elsewhere = tmp_path_factory.mktemp("muualla") / "x.yaml"
    elsewhere.write_text("title: T\nid:   x\n", encoding="utf-8")
    found = seuranta("fmt", str(elsewhere))
    assert (found.code, found.output) == (
        1,
        f"{elsewhere}:1:1: virhe [write-refused] {elsewhere} on tietovaraston ulkopuolella; tiedostoa ei "
        "kirjoitettu.\n0/1 tiedosto muotoiltu.\n",
    )
    assert elsewhere.read_text(encoding="utf-8") == "title: T\nid:   x\n"


def test_atomic_refuses_a_read_only_file(tmp_path: Path) -> None:
    path = tmp_path / "a.yaml"
    path.write_text("a: 1\n", encoding="utf-8")
    os.chmod(path, 0o444)
    with pytest.raises(atomic.ReadOnly):
        atomic.write_text(path, "a: 2\n")
    assert path.read_text(encoding="utf-8") == "a: 1\n"


# --- temporary files ----------------------------------------------------------------------------


def test_a_killed_writes_temporary_file_is_ignored_by_git_and_listing_and_swept_by_the_next_write(
    repo: Path,
) -> None:
    stale = repo / f"data/ex/tp01/.01-tiimimallit.yaml.k1ll3d{atomic.SUFFIX}"
    stale.write_text("id: [rikki\n", encoding="utf-8")
    assert atomic.temporary_names(repo / MEASURE) == [stale]
    root = Path(__file__).resolve().parents[1]
    ignored = subprocess.run(
        ["git", "check-ignore", "--no-index", "-q", f"data/ex/tp01/.x.yaml.abc{atomic.SUFFIX}"], cwd=root, check=False
    )
    assert ignored.returncode == 0
    assert seuranta("validate").output == "0 virhettä, 0 varoitusta, 0 kuitattua, 4 tiedostoa tarkistettu.\n"
    assert add()[0] == 0
    assert atomic.temporary_names(repo / MEASURE) == []


KILLED_MIDWAY = """
import os, signal, sys
from seuranta.files import atomic

def half_then_killed(handle, data):
    handle.write(data[: len(data) // 2])
    handle.flush()
    os.kill(os.getpid(), signal.SIGKILL)

atomic._write_all = half_then_killed
from seuranta.cli import main
sys.exit(main(["fmt"]))
"""


def test_fmt_killed_midway_leaves_the_file_whole_and_a_temporary_file_nobody_reads(repo: Path) -> None:
    unformatted = ORIGINAL.replace("number: Tp 1.\n", "") + "number: Tp 1.\n"
    (repo / MEASURE).write_text(unformatted, encoding="utf-8")
    killed = subprocess.run([sys.executable, "-c", KILLED_MIDWAY], cwd=repo, check=False, capture_output=True)
    assert killed.returncode == -signal.SIGKILL
    assert (repo / MEASURE).read_text(encoding="utf-8") == unformatted
    left = atomic.temporary_names(repo / MEASURE)
    assert [p.name.endswith(atomic.SUFFIX) and p.name.startswith(".01-tiimimallit.yaml.") for p in left] == [True]
    assert seuranta("validate").output == "0 virhettä, 0 varoitusta, 0 kuitattua, 4 tiedostoa tarkistettu.\n"
    assert seuranta("fmt").output == f"{MEASURE}: muotoiltu\n1/4 tiedostoa muotoiltu.\n"
    assert atomic.temporary_names(repo / MEASURE) == []
    assert (repo / MEASURE).read_text(encoding="utf-8") == ORIGINAL


# --- status add adds lines only, in every layout ------------------------------------------------


def _removed(before: str, after: str) -> list[str]:
    """The lines of `before` a line diff shows as removed or changed: none when lines were only added."""
    old, new = before.splitlines(keepends=True), after.splitlines(keepends=True)
    found = []
    for tag, i1, i2, _j1, _j2 in difflib.SequenceMatcher(a=old, b=new, autojunk=False).get_opcodes():
        if tag not in ("equal", "insert"):
            found += old[i1:i2]
    return found


@pytest.mark.parametrize(
    ("layout", "expected"),
    [
        ("comments after the last status", HEAD + "statuses:\n" + ENTRY + ADDED + "\n# loppu\n"),
        ("CRLF", (HEAD + "statuses:\n" + ENTRY + ADDED).replace("\n", "\r\n")),
        ("indented list", HEAD + "statuses:\n" + ENTRY.replace("- ", "  - ").replace("\n  t", "\n    t")),
    ],
)
def test_status_add_adds_lines_only(repo: Path, layout: str, expected: str) -> None:
    before = {
        "comments after the last status": ORIGINAL + "\n# loppu\n",
        "CRLF": ORIGINAL.replace("\n", "\r\n"),
        "indented list": expected,
    }[layout]
    (repo / MEASURE).write_bytes(before.encode("utf-8"))
    assert add() == (0, f"Lisätty kierroksen 2021-05-15 tilanne: {MEASURE}:7\n")
    after = (repo / MEASURE).read_bytes().decode("utf-8")
    assert _removed(before, after) == []
    if layout != "indented list":
        assert after == expected
    else:
        assert after == before + "  - date: '2021-05-15'\n    text: Käytössä 7/15 organisaatiossa.\n"


def test_status_add_to_an_empty_list_changes_that_line_and_says_so(repo: Path) -> None:
    (repo / MEASURE).write_text(HEAD + "statuses: []\n", encoding="utf-8")
    assert add() == (
        0,
        f"Lisätty kierroksen 2021-05-15 tilanne: {MEASURE}:5\n"
        "Rivi 4 'statuses: []' (tyhjä lista) kirjoitettiin muotoon 'statuses:', jotta tilanteen voi lisätä sen "
        "alle; muut rivit ovat ennallaan.\n",
    )
    after = (repo / MEASURE).read_text(encoding="utf-8")
    assert after == HEAD + "statuses:\n" + ADDED
    assert _removed(HEAD + "statuses: []\n", after) == ["statuses: []\n"]


def test_status_add_to_a_file_without_a_final_line_break_says_so(repo: Path) -> None:
    (repo / MEASURE).write_text(ORIGINAL.rstrip("\n"), encoding="utf-8")
    assert add() == (
        0,
        f"Lisätty kierroksen 2021-05-15 tilanne: {MEASURE}:7\n"
        "Tiedoston viimeiseltä riviltä (6) puuttui rivinvaihto; se lisättiin. Muut rivit ovat ennallaan.\n",
    )
    assert (repo / MEASURE).read_text(encoding="utf-8") == ORIGINAL + ADDED


def test_status_add_refuses_a_flow_list_and_writes_nothing(repo: Path) -> None:
    flow = HEAD + "statuses: [{date: '2020-11-15', text: Alku.}]\n"
    (repo / MEASURE).write_text(flow, encoding="utf-8")
    assert add() == (
        1,
        f"{MEASURE}:4:11: virhe [status-layout] statuses-lista on kirjoitettu hakasulkeisiin tai samalle riville. "
        "Kirjoita se riveittäin ('- date: …') ja yritä uudelleen.\n",
    )
    assert (repo / MEASURE).read_text(encoding="utf-8") == flow


# --- comments stay where they were --------------------------------------------------------------


def test_fmt_keeps_a_comment_above_the_key_it_describes(repo: Path) -> None:
    (repo / MEASURE).write_text(
        "id: ex/tp01/01-tiimimallit\ntitle: Tiimimallit\nnotes: Huom.\n# Tilanteet kierroksittain\nstatuses:\n"
        + ENTRY
        + "number: Tp 1.\n# loppu\n",
        encoding="utf-8",
    )
    assert seuranta("fmt", MEASURE).output == f"{MEASURE}: muotoiltu\n1/1 tiedosto muotoiltu.\n"
    assert (repo / MEASURE).read_text(encoding="utf-8") == (
        HEAD + "# Tilanteet kierroksittain\nstatuses:\n" + ENTRY + "notes: Huom.\n# loppu\n"
    )


def test_extract_write_keeps_an_end_of_file_comment_at_the_end(repo: Path) -> None:
    (repo / MEASURE).write_text(ORIGINAL + "# loppu\n", encoding="utf-8")
    found = seuranta("extract", MEASURE_ID, "--write")
    assert found.code == 0
    assert found.output.endswith(f"# Kirjoitettu {MEASURE}: 1 havainto.\n")
    assert (repo / MEASURE).read_text(encoding="utf-8") == ORIGINAL + (
        "  observations:\n  - quote: 3/15 organisaatiossa\n    value: 3\n    of: 15\n    unit: organisaatio\n# loppu\n"
    )
