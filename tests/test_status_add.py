"""`seuranta status add`: exact output, refusals, a git diff of added lines only, comments kept, any text."""

from __future__ import annotations

import io
import os
import subprocess
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import programmes
from clirun import seuranta
from seuranta.commands import status_add
from seuranta.model import loader

PROGRAMME = programmes.programme(
    rounds=programmes.BASELINE + programmes.SPRING_2021 + programmes.round_("2021-11-15", "Tilanne 15.11.2021")
)
MEASURE_ID = "ex/tp01/01-tiimimallit"
MEASURE = f"data/{MEASURE_ID}.yaml"
ORIGINAL = """\
# yaml-language-server: $schema=../../../schemas/measure.schema.json
id: ex/tp01/01-tiimimallit
number: Tp 1.
title: Vastaanoton uudet toimintamallit käyttöön   # nimi sellaisenaan
# Tilanteet kierroksittain
statuses:
- date: '2020-11-15'
  text: Uudet tiimimallit käytössä 3/15 organisaatiossa.  # lähde: kysely
  source: {file: lahde.txt, lines: [10, 12]}

# Ylläpitäjän huomautukset
notes: |-
  Tarkistettu.
"""
GIT_ENV = {
    "GIT_AUTHOR_NAME": "Testi",
    "GIT_AUTHOR_EMAIL": "testi@example.org",
    "GIT_COMMITTER_NAME": "Testi",
    "GIT_COMMITTER_EMAIL": "testi@example.org",
    "GIT_CONFIG_GLOBAL": "/dev/null",
    "GIT_CONFIG_NOSYSTEM": "1",
}


def make_repo(root: Path, measure: str = ORIGINAL) -> Path:
    return programmes.write_repo(root, programme=PROGRAMME, measures={MEASURE: measure})


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    return make_repo(tmp_path)


def run(*args: str, stdin: str | None = None) -> tuple[int, str]:
    result = seuranta("status", "add", *args, input=stdin)
    return result.code, result.output


def git(root: Path, *args: str) -> str:
    env = {k: v for k, v in os.environ.items() if not k.startswith("GIT_")} | GIT_ENV
    return subprocess.run(["git", *args], cwd=root, env=env, check=True, capture_output=True, text=True).stdout


def test_adds_the_status_at_the_end_of_statuses(repo: Path) -> None:
    assert run(MEASURE_ID, "--date", "2021-05-15", "--text", "Tiimimallit käytössä 7/15 organisaatiossa.") == (
        0,
        f"Lisätty kierroksen 2021-05-15 tilanne: {MEASURE}:10\n",
    )
    assert (repo / MEASURE).read_text(encoding="utf-8") == ORIGINAL.replace(
        "  source: {file: lahde.txt, lines: [10, 12]}\n",
        "  source: {file: lahde.txt, lines: [10, 12]}\n"
        "- date: '2021-05-15'\n"
        "  text: Tiimimallit käytössä 7/15 organisaatiossa.\n",
    )
    assert seuranta("validate").code == 0


def test_git_diff_is_added_lines_only(repo: Path) -> None:
    git(repo, "init", "-q")
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "alku")
    text = "Monirivinen tilanne:\n- 7/15 organisaatiossa käytössä\n\n  sisennetty rivi # ei kommentti"
    assert run(MEASURE_ID, "--date", "15.5.2021", "--text", text)[0] == 0
    assert run(MEASURE_ID, "--date", "2021-11-15", "--text", "Ei muutosta.")[0] == 0
    diff = git(repo, "diff", "--unified=0", "--", MEASURE).splitlines()
    body = [line for line in diff if not line.startswith(("diff ", "index ", "--- ", "+++ ", "@@"))]
    assert body == [
        "+- date: '2021-05-15'",
        "+  text: |-",
        "+    Monirivinen tilanne:",
        "+    - 7/15 organisaatiossa käytössä",
        "+",
        "+      sisennetty rivi # ei kommentti",
        "+- date: '2021-11-15'",
        "+  text: Ei muutosta.",
    ]
    after = (repo / MEASURE).read_text(encoding="utf-8")
    for comment in (
        "# nimi sellaisenaan",
        "# Tilanteet kierroksittain",
        "# lähde: kysely",
        "# Ylläpitäjän huomautukset",
    ):
        assert comment in after
    statuses = loader.load_bytes(MEASURE, after.encode("utf-8")).data["statuses"]
    assert [s["text"] for s in statuses[1:]] == [text, "Ei muutosta."]


def test_refuses_a_date_that_is_not_a_round(repo: Path) -> None:
    assert run(MEASURE_ID, "--date", "2021-05-14", "--text", "x") == (
        1,
        (
            f"{MEASURE}:6:1: virhe [status-round] Päivämäärä 2021-05-14 ei ole ohjelman ex raportointikierros. "
            "Kierrokset: 2020-11-15, 2021-05-15, 2021-11-15.\n"
        ),
    )
    assert (repo / MEASURE).read_text(encoding="utf-8") == ORIGINAL


def test_refuses_a_round_already_present(repo: Path) -> None:
    assert run(MEASURE_ID, "--date", "2020-11-15", "--text", "x", "--lang", "en") == (
        1,
        (
            f"{MEASURE}:7:9: error [status-duplicate] The status of round 2020-11-15 is already in the file (line 7). "
            "Edit it or choose another round.\n"
        ),
    )
    assert (repo / MEASURE).read_text(encoding="utf-8") == ORIGINAL


def test_refuses_a_date_of_no_known_form(repo: Path) -> None:
    assert run(MEASURE_ID, "--date", "toukokuu 2021", "--text", "x") == (
        1,
        (
            f"{MEASURE}:1:1: virhe [status-date-form] Päivämäärä 'toukokuu 2021' ei ole muotoa VVVV-KK-PP "
            "(esim. 2022-11-15) tai PP.KK.VVVV.\n"
        ),
    )


def test_refuses_an_empty_text(repo: Path) -> None:
    assert run(MEASURE_ID, "--date", "2021-05-15", "--text", "  ") == (
        1,
        (
            f"{MEASURE}:1:1: virhe [status-text-empty] Tilanteen teksti on tyhjä. Anna teksti (--text tai --text-file).\n"
        ),
    )


def test_unknown_measure_and_usage(repo: Path) -> None:
    assert run("ex/tp01/99-ei-ole", "--date", "2021-05-15", "--text", "x") == (
        2,
        "seuranta status add: toimenpidettä 'ex/tp01/99-ei-ole' ei löydy (data/ex/tp01/99-ei-ole.yaml).\n",
    )
    code, output = run(MEASURE_ID, "--date", "2021-05-15")
    assert code == 2
    assert "Anna joko --text tai --text-file" in output


def test_text_from_a_file_and_from_stdin(repo: Path) -> None:
    (repo / "tilanne.txt").write_text("Tiedostosta luettu tilanne.\n", encoding="utf-8")
    assert run(MEASURE, "--date", "2021-05-15", "--text-file", "tilanne.txt")[0] == 0
    assert run(MEASURE_ID, "--date", "2021-11-15", "--text-file", "-", stdin="Syötteestä.\n")[0] == 0
    statuses = loader.load(repo / MEASURE).data["statuses"]
    assert [s["text"] for s in statuses] == [
        "Uudet tiimimallit käytössä 3/15 organisaatiossa.",
        "Tiedostosta luettu tilanne.",
        "Syötteestä.",
    ]


def test_creates_statuses_before_notes(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    measure = "id: ex/tp01/01-tiimimallit\ntitle: Tiimimallit\n# huomautukset alla\nnotes: Tarkistettu.\n"
    make_repo(tmp_path, measure)
    monkeypatch.chdir(tmp_path)
    assert run(MEASURE_ID, "--date", "2020-11-15", "--text", "Aloitettu.") == (
        0,
        f"Lisätty kierroksen 2020-11-15 tilanne: {MEASURE}:4\n",
    )
    assert (tmp_path / MEASURE).read_text(encoding="utf-8") == (
        "id: ex/tp01/01-tiimimallit\ntitle: Tiimimallit\n"
        "statuses:\n- date: '2020-11-15'\n  text: Aloitettu.\n"
        "# huomautukset alla\nnotes: Tarkistettu.\n"
    )


def test_follows_an_indented_list(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    measure = 'id: ex/tp01/01-tiimimallit\ntitle: T\nstatuses:\n  - date: "2020-11-15"\n    text: Alku.\n'
    make_repo(tmp_path, measure)
    monkeypatch.chdir(tmp_path)
    assert run(MEASURE_ID, "--date", "2021-05-15", "--text", "Jatko.")[0] == 0
    assert (tmp_path / MEASURE).read_text(encoding="utf-8") == measure + "  - date: '2021-05-15'\n    text: Jatko.\n"


def test_an_empty_flow_list_is_replaced(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    make_repo(tmp_path, "id: ex/tp01/01-tiimimallit\ntitle: T\nstatuses: []\n")
    monkeypatch.chdir(tmp_path)
    assert run(MEASURE_ID, "--date", "2021-05-15", "--text", "Jatko.")[0] == 0
    assert (tmp_path / MEASURE).read_text(encoding="utf-8") == (
        "id: ex/tp01/01-tiimimallit\ntitle: T\nstatuses:\n- date: '2021-05-15'\n  text: Jatko.\n"
    )


def acceptable(text: str) -> bool:
    """Not blank, and no character the loader refuses or warns about (those the writer refuses)."""
    return bool(text.strip()) and not loader.forbidden_characters(text)


ACCEPTED = st.text(min_size=1, max_size=300).filter(acceptable)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=ACCEPTED)
def test_any_unicode_text_reloads_unchanged(tmp_path_factory: pytest.TempPathFactory, text: str) -> None:
    """Written and read back as given, unless the rules find an error in the text itself (such as 'TP0',
    a reference to a measure that does not exist): then nothing is written, and the refusal says why."""
    root = make_repo(tmp_path_factory.mktemp("repo"))
    before = (root / MEASURE).read_bytes()
    options = status_add.Options(MEASURE_ID, "2021-05-15", text, None, "en", root)
    out = io.StringIO()
    if status_add.execute(options, out=out) == 1:
        assert out.getvalue().endswith(REFUSED), out.getvalue()
        assert f"{MEASURE}:" in out.getvalue() and ": error [" in out.getvalue()
        assert (root / MEASURE).read_bytes() == before
        return
    assert out.getvalue() == f"Added the status of round 2021-05-15: {MEASURE}:10\n"
    parsed = loader.load(root / MEASURE)
    assert parsed.data is not None, parsed.problems
    assert parsed.data["statuses"][-1] == {"date": "2021-05-15", "text": text}
    assert parsed.data["statuses"][0]["text"] == "Uudet tiimimallit käytössä 3/15 organisaatiossa."
    assert parsed.data["notes"] == "Tarkistettu."


REFUSED = "Fix the input and try again.\n"


def test_a_text_that_is_itself_an_error_is_not_written(tmp_path: Path) -> None:
    root = make_repo(tmp_path)
    before = (root / MEASURE).read_bytes()
    out = io.StringIO()
    assert status_add.execute(status_add.Options(MEASURE_ID, "2021-05-15", "TP0", None, "en", root), out=out) == 1
    assert out.getvalue() == (
        f"{MEASURE}:11:9: error [ref-unresolved] The reference 'TP0' resolves to nothing: työpaketti 1 has no "
        "measure 0. Did you mean: tp 1? Fix the reference, or acknowledge the finding if the source reads so.\n"
        "Nothing was written: the change would add 1 new error (above). Fix the input and try again.\n"
    )
    assert (root / MEASURE).read_bytes() == before


# --- control and bidirectional characters are refused where they are ----------------------------

FORBIDDEN = st.sampled_from(["\x00", "\x07", "\x1b", "\x7f", "\x9b", "\u202e", "\u2066", "\u061c"])


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(before=st.text(alphabet="abc äö\n", max_size=20), char=FORBIDDEN, after=st.text(alphabet="xyz", max_size=5))
def test_a_control_or_bidi_character_is_refused_at_its_place(
    tmp_path_factory: pytest.TempPathFactory, before: str, char: str, after: str
) -> None:
    root = make_repo(tmp_path_factory.mktemp("repo"))
    text = f"Tilanne {before}{char}{after}"
    out = io.StringIO()
    assert status_add.execute(status_add.Options(MEASURE_ID, "2021-05-15", text, None, "en", root), out=out) == 1
    offset = text.index(char)
    line, column = text.count("\n", 0, offset) + 1, offset - text.rfind("\n", 0, offset)
    assert out.getvalue() == (
        f"--text:{line}:{column}: error [status-text-character] The text contains an invisible control or "
        f"bidirectional character U+{ord(char):04X}. Remove it and try again.\n"
    )
    assert (root / MEASURE).read_text(encoding="utf-8") == ORIGINAL


def test_a_text_file_with_an_escape_sequence_is_refused_with_its_name(repo: Path) -> None:
    (repo / "teksti.txt").write_text("Rivi yksi.\nRivi \x1b]0;otsikko\x07 kaksi.\n", encoding="utf-8")
    assert run(MEASURE_ID, "--date", "2021-05-15", "--text-file", "teksti.txt") == (
        1,
        "teksti.txt:2:6: virhe [status-text-character] Tekstissä on näkymätön ohjausmerkki tai kirjoitussuuntaa "
        "muuttava merkki U+001B. Poista se ja yritä uudelleen.\n",
    )
    assert (repo / MEASURE).read_text(encoding="utf-8") == ORIGINAL


def test_standard_input_is_named_as_such(repo: Path) -> None:
    assert run(MEASURE_ID, "--date", "2021-05-15", "--text-file", "-", stdin="a\u202eb")[1].startswith(
        "<stdin>:1:2: virhe [status-text-character] "
    )


def test_a_text_file_that_is_not_utf8_is_refused(repo: Path) -> None:
    (repo / "teksti.txt").write_bytes("Rivi yksi.\nKäytössä".encode("latin-1"))
    assert run(MEASURE_ID, "--date", "2021-05-15", "--text-file", "teksti.txt") == (
        1,
        "teksti.txt:2:2: virhe [status-text-encoding] Teksti ei ole UTF-8-merkistöä (tavu 0xe4). "
        "Tallenna se UTF-8-muodossa.\n",
    )
