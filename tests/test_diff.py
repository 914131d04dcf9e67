"""`seuranta diff` on a real temporary git repository: golden output for every format, exit codes, safety."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import gitrepo
from clirun import seuranta
from goldens import check
from seuranta.cli import main
from seuranta.diff import compare as semdiff
from seuranta.diff.formats import FormatOptions, markdown
from seuranta.model.documents import Document
from seuranta.model.loader import load_bytes
from seuranta.prose.figures import extract, moves
from seuranta.reporters import escaping

EDITED = "Seurantakyselyssä ft-suoravastaanottomalli käytössä [-11/14-]{+13/15+} sotekeskuksessa."


@pytest.fixture
def repo(git_repo: Path) -> Path:
    return git_repo


def run(*args: str) -> tuple[int, str]:
    result = seuranta("diff", *args)
    return result.code, result.stdout


def run_main(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(["diff", *args])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


# --- one commit editing one status ---------------------------------------------------------


@pytest.mark.parametrize("fmt, suffix", [("text", "txt"), ("markdown", "md"), ("json", "json")])
def test_a_commit_editing_one_status_gives_exactly_that_change(repo: Path, fmt: str, suffix: str) -> None:
    gitrepo.edit_one_status(repo)
    code, output = run("HEAD~1", "HEAD", "--format", fmt)
    assert code == 1
    check(f"diff-edit.{suffix}", output)


def test_the_edit_in_text_names_the_figure_in_words(repo: Path) -> None:
    gitrepo.edit_one_status(repo)
    lines = run("HEAD~1", "HEAD")[1].splitlines()
    assert [line for line in lines if line.lstrip().startswith(("~", "+", "-", ">"))] == [
        "~ toimenpide ex/tp01/02-fysioterapia: Fysioterapeutin suoravastaanottomalli",
        "    ~ tilanne 2021-11-15",
    ]
    assert f"        {EDITED}" in lines
    assert "        luvut: ft-suoravastaanottomalli käytössä 11/14 → 13/15 sotekeskuksessa ↑" in lines


def test_the_edit_in_json_is_one_status_of_one_measure(repo: Path) -> None:
    gitrepo.edit_one_status(repo)
    found = json.loads(run("HEAD~1", "HEAD", "--format", "json")[1])
    assert [(c["id"], c["change"]) for c in found["changes"]] == [("ex/tp01/02-fysioterapia", "changed")]
    (status,) = found["changes"][0]["statuses"]
    assert (status["date"], status["change"], status["fields"]) == ("2021-11-15", "changed", [])
    assert status["figures"] == [
        {
            "old": "11/14",
            "new": "13/15",
            "direction": "up",
            "phrase": "ft-suoravastaanottomalli käytössä 11/14 → 13/15 sotekeskuksessa",
        }
    ]


def test_the_edit_in_markdown_strikes_the_old_figure(repo: Path) -> None:
    gitrepo.edit_one_status(repo)
    output = run("HEAD~1", "HEAD", "--format", "markdown")[1]
    assert "> Seurantakyselyssä ft-suoravastaanottomalli käytössä ~~11/14~~ **13/15** sotekeskuksessa." in output
    assert output.count("#### ") == 1


def test_english(repo: Path) -> None:
    gitrepo.edit_one_status(repo)
    code, output = run("HEAD~1", "HEAD", "--lang", "en")
    assert code == 1
    check("diff-edit-en.txt", output)


def test_colour_on_request_and_markers_otherwise(repo: Path) -> None:
    gitrepo.edit_one_status(repo)
    coloured = run("HEAD~1", "HEAD", "--color", "always")[1]
    assert "\x1b[" in coloured and "[-" not in coloured and "{+" not in coloured
    assert "\x1b[" not in run("HEAD~1", "HEAD")[1]


def test_no_change_exits_zero(repo: Path) -> None:
    short = gitrepo.git(repo, "rev-parse", "--short=7", "HEAD")
    assert run("HEAD", "HEAD") == (
        0,
        f"seuranta diff: HEAD ({short}) → HEAD ({short})\n\nEi sisällöllisiä muutoksia.\n",
    )


def test_a_change_in_layout_only_is_no_change(repo: Path) -> None:
    path = repo / "data/ex/tp01/_group.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace('"1"', "'1'") + "# kommentti\n", encoding="utf-8")
    code, output = run("HEAD")
    assert code == 0
    assert output.endswith("Ei sisällöllisiä muutoksia.\n1 tiedosto muuttui vain muotoilultaan.\n")


# --- the default: merge base with main against the working tree ------------------------------


def branch_with_changes(repo: Path) -> None:
    """A branch off main with one commit, main moved on after it, and uncommitted work on top."""
    gitrepo.git(repo, "switch", "-q", "-c", "muutos")
    gitrepo.edit_one_status(repo)
    gitrepo.git(repo, "switch", "-q", "main")
    gitrepo.write(
        repo, "data/ex/tp02/02-chat.yaml", gitrepo.measure_text("tp02/02-chat", 3, {"2021-11-15": "Mainissa muutettu."})
    )
    gitrepo.commit(repo, "Muutos mainissa haaran jälkeen")
    gitrepo.git(repo, "switch", "-q", "muutos")
    texts = {
        "2021-11-15": (
            "Seurantakyselyssä tiimimallit käytössä 9/15 organisaatiossa,\n"
            "5:ssä omaan toimintaan modifioitu tiimimalli."
        )
    }
    gitrepo.write(
        repo,
        "data/ex/tp01/01-tiimimallit.yaml",
        gitrepo.measure_text("tp01/01-tiimimallit", 3, texts, title="Vastaanoton uudet tiimimallit käyttöön"),
    )
    gitrepo.write(
        repo,
        "data/ex/tp01/03-kotikuntoutus.yaml",
        (
            'id: ex/tp01/03-kotikuntoutus\nnumber: "Tp 3."\ntitle: Kotikuntoutusmallit\nstatuses:\n'
            '  - date: "2021-11-15"\n    text: Kotikuntoutusmalli käytössä 12/15 organisaatiossa.\n'
        ),
    )
    (repo / "data/ex/tp02/02-chat.yaml").unlink()
    (repo / "data/ex/tp02/01-digipalvelut.yaml").unlink()
    gitrepo.write(
        repo,
        "data/ex/tp02/03-digitaaliset-palvelut.yaml",
        gitrepo.measure_text("tp02/01-digipalvelut", 3, ident="tp02/03-digitaaliset-palvelut"),
    )
    programme = repo / "data/ex/programme.yaml"
    programme.write_text(
        programme.read_text(encoding="utf-8").replace(
            "label: Tilanne 15.11.2021", "label: Tilanne 15.11.2021 (korjattu)"
        ),
        encoding="utf-8",
    )


@pytest.mark.parametrize("fmt, suffix", [("text", "txt"), ("markdown", "md"), ("json", "json")])
def test_default_is_merge_base_with_main_against_the_working_tree(repo: Path, fmt: str, suffix: str) -> None:
    branch_with_changes(repo)
    code, output = run("--format", fmt)
    assert code == 1
    assert "Mainissa muutettu" not in output
    check(f"diff-worktree.{suffix}", output)


def test_working_tree_diff_kinds(repo: Path) -> None:
    branch_with_changes(repo)
    found = json.loads(run("--format", "json")[1])
    assert found["base"]["rev"] == "merge-base main" and found["head"]["working_tree"] is True
    assert [(c["change"], c["id"]) for c in found["changes"]] == [
        ("changed", "ex"),
        ("changed", "ex/tp01/01-tiimimallit"),
        ("changed", "ex/tp01/02-fysioterapia"),
        ("added", "ex/tp01/03-kotikuntoutus"),
        ("removed", "ex/tp02/02-chat"),
        ("renamed", "ex/tp02/03-digitaaliset-palvelut"),
    ]
    programme = found["changes"][0]["fields"]
    assert [(f["field"], f["before"], f["after"]) for f in programme] == [
        ("rounds[2021-11-15].label", "Tilanne 15.11.2021", "Tilanne 15.11.2021 (korjattu)")
    ]


# --- two rounds in the working tree ----------------------------------------------------------


@pytest.mark.parametrize("fmt, suffix", [("text", "txt"), ("markdown", "md"), ("json", "json")])
def test_rounds(repo: Path, fmt: str, suffix: str) -> None:
    code, output = run("--rounds", "2021-05-15", "2021-11-15", "--format", fmt)
    assert code == 1
    check(f"diff-rounds.{suffix}", output)


def test_rounds_lists_rises_falls_and_who_did_not_report(repo: Path) -> None:
    found = json.loads(run("--rounds", "2021-05-15", "2021-11-15", "--format", "json")[1])
    assert found["moved"] == [
        {
            "id": "ex/tp01/01-tiimimallit",
            "title": "Vastaanoton uudet toimintamallit käyttöön",
            "figures": [
                {
                    "old": "7/14",
                    "new": "7/15",
                    "direction": "down",
                    "phrase": "tiimimallit käytössä 7/14 → 7/15 organisaatiossa",
                }
            ],
        },
    ]
    assert [e["id"] for e in found["unmoved"]] == ["ex/tp01/02-fysioterapia"]
    assert [e["id"] for e in found["only_first"]] == ["ex/tp02/01-digipalvelut"]
    assert [e["id"] for e in found["only_second"]] == ["ex/tp02/02-chat"]


def test_rounds_of_the_same_round_is_no_change(repo: Path) -> None:
    assert run("--rounds", "2021-11-15", "2021-11-15")[0] == 0


# --- what a pull request changes: A...B from the merge base ---------------------------------

FEATURE_ONLY = (
    "~ toimenpide ex/tp01/02-fysioterapia: Fysioterapeutin suoravastaanottomalli\n"
    "    ~ tilanne 2021-11-15\n"
    f"        {EDITED}\n"
    "        luvut: ft-suoravastaanottomalli käytössä 11/14 → 13/15 sotekeskuksessa ↑\n"
    "\n"
    "Toimenpiteitä: 1 muutettu; tilanteita: 1 muutettu.\n"
)


def test_three_dots_show_only_what_the_branch_changed(repo: Path) -> None:
    main, feature = gitrepo.main_moves_on(repo)
    base = gitrepo.git(repo, "merge-base", "main", "feature")
    assert run("main...feature") == (
        1,
        f"seuranta diff: merge-base main feature ({base[:7]}) → feature ({feature[:7]})\n\n" + FEATURE_ONLY,
    )
    tips = run("main", "feature")[1]
    assert gitrepo.MAIN_STATUS in tips and "1 poistettu" in tips  # the two tips: main's new status looks removed
    assert run("main..feature") == run("main", "feature")
    assert run(f"{main}...{feature}")[1].startswith(
        f"seuranta diff: merge-base {main[:7]} {feature[:7]} ({base[:7]}) → {feature[:7]}\n"
    )


def test_three_dots_in_markdown_name_the_merge_base(repo: Path) -> None:
    _main, feature = gitrepo.main_moves_on(repo)
    base = gitrepo.git(repo, "merge-base", "main", "feature")
    code, output = run("main...feature", "--format", "markdown")
    assert code == 1
    assert output.startswith(
        f"### seuranta diff: `merge-base main feature` (`{base[:7]}`) → `feature` (`{feature[:7]}`)\n\n"
        "Toimenpiteitä: 1 muutettu; tilanteita: 1 muutettu.\n"
    )
    assert "Main:" not in output and "Omaolo" not in output


def test_an_empty_side_of_a_range_is_head(repo: Path) -> None:
    gitrepo.main_moves_on(repo)
    gitrepo.git(repo, "switch", "-q", "feature")
    assert run("main...") == run("main...HEAD")
    assert run("main...")[1].startswith("seuranta diff: merge-base main HEAD (")
    assert run("main...")[1].endswith(FEATURE_ONLY)
    gitrepo.git(repo, "switch", "-q", "main")
    assert run("...feature") == run("HEAD...feature")
    assert run("...feature")[1].endswith(FEATURE_ONLY)


def test_a_range_and_a_head_is_a_usage_error(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run_main(capsys, "main...HEAD", "HEAD") == (
        2,
        "",
        "seuranta diff: main...HEAD nimeää jo molemmat puolet; jätä HEAD pois.\n",
    )


def test_no_merge_base_is_a_usage_error(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    gitrepo.git(repo, "switch", "-q", "--orphan", "erillinen")
    gitrepo.write(repo, "data/ex/tp02/02-chat.yaml", gitrepo.measure_text("tp02/02-chat", 3))
    gitrepo.commit(repo, "Erillinen historia")
    assert run_main(capsys, "main...erillinen") == (
        2,
        "",
        "seuranta diff: revisioilla main ja erillinen ei ole yhteistä kantaa / main and erillinen have no merge base\n",
    )


def test_an_unknown_side_of_a_range_is_named(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run_main(capsys, "main...eiole") == (2, "", "seuranta diff: tuntematon revisio / unknown revision: eiole\n")


def test_braces_in_a_revision_are_an_unknown_revision(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run_main(capsys, "a{b}") == (2, "", "seuranta diff: tuntematon revisio / unknown revision: a{b}\n")


# --- errors exit 2 ---------------------------------------------------------------------------


def test_unknown_round(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run_main(capsys, "--rounds", "2021-05-15", "2031-01-01")
    assert (code, out, err) == (
        2,
        "",
        "seuranta diff: kierroksia 2021-05-15 ja 2031-01-01 ei ole yhdessäkään ohjelmassa; tarkoititko: "
        "2031-01-01 → 2021-11-15\n",
    )
    code, out, err = run_main(capsys, "--rounds", "16.5.2021", "2021-11-15", "--lang", "en")
    assert (code, out, err) == (
        2,
        "",
        "seuranta diff: no programme declares both rounds 2021-05-16 and 2021-11-15; did you mean: "
        "2021-05-16 → 2021-05-15\n",
    )


def test_unknown_revision(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run_main(capsys, "eiole") == (2, "", "seuranta diff: tuntematon revisio / unknown revision: eiole\n")


def test_rounds_with_a_revision_is_a_usage_error(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run_main(capsys, "HEAD", "--rounds", "2021-05-15", "2021-11-15")
    assert (code, out) == (2, "") and "--rounds" in err


def test_outside_git(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    gitrepo.isolate(monkeypatch)
    monkeypatch.setenv("GIT_CEILING_DIRECTORIES", str(tmp_path))
    gitrepo.write(tmp_path, "plain/.seuranta.yaml", "data: data\n")
    monkeypatch.chdir(tmp_path / "plain")
    code, out, err = run_main(capsys, "HEAD")
    assert (code, out) == (2, "") and err.startswith("seuranta diff: ")


# --- Markdown is safe to post ----------------------------------------------------------------

UNSAFE = (
    "Kiitos @kaikki ja @org/tiimi! ![kuva](https://example.org/x.png) <img src=x onerror=alert(1)>\n"
    "<!-- piilotettu --> `koodi` *korostus* [linkki](https://example.org) | taulu |\n"
    "# ei otsikko\n1. ei lista\n- ei lista\n    ei koodilohko\n=== $x$ &amp;"
)


def test_markdown_escapes_mentions_images_and_html(repo: Path) -> None:
    path = "data/ex/tp01/02-fysioterapia.yaml"
    gitrepo.write(repo, path, gitrepo.measure_text("tp01/02-fysioterapia", 3, {"2021-11-15": UNSAFE}))
    output = run("HEAD", "--format", "markdown")[1]
    check("diff-unsafe.md", output)
    assert "@kaikki" not in output and "@\u200dkaikki" in output and "@\u200dorg/tiimi" in output
    assert "![" not in output and "<" not in output
    assert "\n# " not in output and "\n1. " not in output and "\n    " not in output


def test_markdown_escape() -> None:
    assert escaping.escape("a_b *c* [d](e) ![f](g) <h> & @i `j` ~k~ |l| $m$") == (
        "a\\_b \\*c\\* \\[d\\](e) !\\[f\\](g) &lt;h&gt; &amp; @\u200di \\`j\\` \\~k\\~ \\|l\\| \\$m\\$"
    )
    assert escaping.line_safe("  1. x") == "1\\. x" and escaping.line_safe("- x") == "\\- x"


def big_diff(statuses: int) -> semdiff.Diff:
    def doc(path: str, text: str) -> Document:
        return Document("measure", path, load_bytes(path, text.encode("utf-8")))

    before = {
        f"data/ex/tp01/{i:03}.yaml": doc(f"data/ex/tp01/{i:03}.yaml", f"id: ex/tp01/{i:03}\ntitle: T{i}\n")
        for i in range(statuses)
    }
    after = {
        p: doc(
            p,
            f"id: ex/tp01/{i:03}\ntitle: T{i}\nstatuses:\n"
            f"  - date: '2021-11-15'\n    text: Käytössä {i}/15 organisaatiossa.\n",
        )
        for i, p in enumerate(before)
    }
    return semdiff.compare(before, after, base=semdiff.Revision("main", "0" * 40), head=semdiff.Revision(""))


def test_markdown_is_capped_with_a_note_of_what_was_cut() -> None:
    diff = big_diff(40)
    full = markdown.changes(diff, FormatOptions("fi"))
    capped = markdown.changes(diff, FormatOptions("fi", max_chars=1000))
    assert len(full) > 1000 >= len(capped)
    kept = capped[: capped.index("\n---\n")]
    cut = full[len(kept) :]
    assert full.startswith(kept)
    assert capped.endswith(
        f"_Lyhennetty: {len(cut)} merkkiä ({cut.count(chr(10))} riviä) jätetty pois. Koko muutos: `seuranta diff`._\n"
    )


def test_markdown_default_cap_is_60000() -> None:
    capped = markdown.changes(big_diff(800), FormatOptions("fi"))
    assert 59_000 < len(capped) <= 60_000 and "Lyhennetty: " in capped


# --- the pure comparison ---------------------------------------------------------------------


def test_word_diff_keeps_the_new_spacing() -> None:
    P = semdiff.Piece
    assert semdiff.words("a b c", "a x c") == (P("=", "a "), P("-", "b"), P("+", "x"), P("=", " c"))
    assert semdiff.words("a\nb", "a b") == (P("=", "a b"),)
    assert semdiff.words("yksi kaksi", "yksi") == (P("=", "yksi "), P("-", "kaksi"))


def test_layout_only_status_change() -> None:
    change = semdiff.status_change(
        "2021-02-15", {"date": "2021-02-15", "text": "a b"}, {"date": "2021-02-15", "text": "a\nb"}
    )
    assert change is not None and change.layout_only


def test_fields_are_compared_leaf_by_leaf() -> None:
    before = {
        "title": "A",
        "portfolios": ["hs1"],
        "metrics": [{"id": "m1", "text": "x", "kind": "yes-no"}],
        "number": 1,
    }
    after = {
        "title": "A",
        "portfolios": ["hs1", "hs5"],
        "metrics": [{"id": "m1", "text": "y", "kind": "yes-no"}],
        "number": 1.0,
    }
    assert [(f.field, f.change, f.before, f.after) for f in semdiff.field_changes(before, after)] == [
        ("portfolios", "changed", ["hs1"], ["hs1", "hs5"]),
        ("metrics[m1].text", "changed", "x", "y"),
        ("number", "changed", 1, 1.0),
    ]


def test_figures_pair_by_the_words_around_them() -> None:
    old = "a) valmis 2/ 23 kuntaa\nb) käynnissä 14/ 23 kuntaa\nPuuttuvia vastauksia 1/ 23 kuntaa"
    new = (
        "a) valmis 5/ 22 kuntaa\nc) uusi rivi 3/22 kuntaa\n"
        "b) käynnissä 16/ 22 kuntaa\nPuuttuvia vastauksia 1/ 23 kuntaa"
    )
    assert [m.phrase() for m in moves(old, new)] == ["valmis 2/23 → 5/22 kuntaa", "käynnissä 14/23 → 16/22 kuntaa"]
    assert [f.text for f in extract("3/2021 alkaen 24/7 ja 45 % sekä 7/14 organisaatiossa")] == ["45%", "7/14"]


def test_a_file_that_cannot_be_read_is_reported(repo: Path) -> None:
    gitrepo.write(repo, "data/ex/tp02/02-chat.yaml", "id: ex/tp02/02-chat\ntitle: [rikki\n")
    code, output = run("HEAD")
    assert code == 1
    assert (
        "~ toimenpide ex/tp02/02-chat: Chat-palvelu\n    tiedostoa ei voi lukea: data/ex/tp02/02-chat.yaml:" in output
    )
