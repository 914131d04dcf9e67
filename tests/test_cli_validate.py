"""`seuranta validate` through click's runner: exact output for every format."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from clirun import seuranta
from conftest import EXAMPLES
from seuranta.cli import main

CASE = EXAMPLES / "schema-unknown-field-bad-1"
FILE = "data/ex/tp01/01-tiimimallit.yaml"


def run(args: list[str], monkeypatch: pytest.MonkeyPatch, folder: Path = CASE) -> tuple[int, str]:
    monkeypatch.chdir(folder)
    result = seuranta("validate", *args)
    return result.code, result.output


def test_text_in_finnish(monkeypatch: pytest.MonkeyPatch) -> None:
    assert run(["--lang", "fi"], monkeypatch) == (
        1,
        (
            f"{FILE}:4:1: virhe [schema-unknown-field] Tuntematon kenttä 'stauses'. Tarkoititko 'statuses'?\n"
            "1 virhe, 0 varoitusta, 0 kuitattua, 4 tiedostoa tarkistettu.\n"
        ),
    )


def test_json_follows_the_contract(monkeypatch: pytest.MonkeyPatch) -> None:
    code, output = run(["--lang", "en", "--format", "json"], monkeypatch)
    assert code == 1
    assert json.loads(output) == {
        "findings": [
            {
                "path": FILE,
                "line": 4,
                "column": 1,
                "rule": "schema-unknown-field",
                "severity": "error",
                "message": "Unknown field 'stauses'. Did you mean 'statuses'?",
                "acknowledged": False,
            }
        ],
        "summary": {"files": 4, "errors": 1, "warnings": 0, "acknowledged": 0},
    }


def test_github_annotations(monkeypatch: pytest.MonkeyPatch) -> None:
    assert run(["--lang", "en", "--format", "github"], monkeypatch) == (
        1,
        (
            f"::error file={FILE},line=4,col=1,title=schema-unknown-field::"
            "Unknown field 'stauses'. Did you mean 'statuses'?\n"
            "1 error, 0 warnings, 0 acknowledged, 4 files checked.\n"
        ),
    )


def test_github_format_is_chosen_under_actions(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("GITHUB_ACTIONS", "true")
    code, output = run(["--lang", "en"], monkeypatch)
    assert code == 1
    assert output.startswith(f"::error file={FILE},line=4,col=1,")


def test_sarif(monkeypatch: pytest.MonkeyPatch) -> None:
    code, output = run(["--lang", "en", "--format", "sarif"], monkeypatch)
    result = json.loads(output)["runs"][0]["results"][0]
    assert (code, result["ruleId"], result["locations"][0]["physicalLocation"]["region"]) == (
        1,
        "schema-unknown-field",
        {"startLine": 4, "startColumn": 1},
    )


def test_junit(monkeypatch: pytest.MonkeyPatch) -> None:
    code, output = run(["--lang", "en", "--format", "junit"], monkeypatch)
    assert code == 1
    assert output.splitlines()[:3] == [
        '<?xml version="1.0" encoding="utf-8"?>',
        '<testsuite name="seuranta" tests="4" failures="1" errors="0">',
        f'  <testcase classname="seuranta" name="{FILE}">',
    ]


def test_clean_tree_exits_zero(monkeypatch: pytest.MonkeyPatch) -> None:
    assert run(["--lang", "en"], monkeypatch, EXAMPLES / "schema-good-1") == (
        0,
        "0 errors, 0 warnings, 0 acknowledged, 4 files checked.\n",
    )


def test_one_named_file_is_checked_with_the_tree_as_context(monkeypatch: pytest.MonkeyPatch) -> None:
    assert run(["--lang", "en", FILE], monkeypatch) == (
        1,
        (
            f"{FILE}:4:1: error [schema-unknown-field] Unknown field 'stauses'. Did you mean 'statuses'?\n"
            "1 error, 0 warnings, 0 acknowledged, 1 file checked.\n"
        ),
    )


def test_missing_path_is_a_usage_error(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.chdir(CASE)
    assert main(["validate", "nowhere.yaml"]) == 2
    assert capsys.readouterr().err == "seuranta validate: Tiedostoa tai kansiota ei löydy: nowhere.yaml\n"


def test_unknown_option_is_a_usage_error(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.chdir(CASE)
    assert main(["validate", "--colour"]) == 2
    assert capsys.readouterr().err == (
        "Käyttö: seuranta validate [OPTIONS] [PATHS]...\nOhje: seuranta validate --help\n\n"
        "Virhe: tuntematon valitsin --colour.\n"
    )


def test_markdown(monkeypatch: pytest.MonkeyPatch) -> None:
    assert run(["--lang", "en", "--format", "markdown"], monkeypatch) == (
        1,
        (
            "### seuranta validate: findings\n\n"
            "1 error, 0 warnings, 0 acknowledged, 4 files checked.\n\n"
            f"- `{FILE}:4:1` **error** `schema-unknown-field` Unknown field 'stauses'. Did you mean 'statuses'?\n"
        ),
    )


def test_markdown_is_safe_to_post_and_capped() -> None:
    from seuranta.check.result import Result
    from seuranta.model.problem import Message, Problem
    from seuranta.reporters import ReportOptions
    from seuranta.reporters.markdown import MAX_CHARS, render

    hostile = Message("@kaikki <script>x</script> ![kuva](http://x)", "@all <script>x</script> ![img](http://x)")
    one = Problem("data/a`b.yaml", 1, 1, "ref-unresolved", "error", hostile)
    text = render(Result([one], 1), ReportOptions("en", False))
    assert "@all" not in text and "<script>" not in text and "![" not in text
    assert "- ``data/a`b.yaml:1:1`` **error**" in text  # a fence longer than the backtick inside
    many = render(Result([one] * 2000, 1), ReportOptions("en", False))
    assert len(many) <= MAX_CHARS and many.rstrip().endswith("_")


# --- --rev: a commit's data read from git, as pr-comment.yml reads a pull request's ----------


def findings(output: str) -> list[dict[str, object]]:
    found: list[dict[str, object]] = json.loads(output)["findings"]
    return [f for f in found if f["path"] != ".seuranta.yaml"]


def test_rev_gives_the_findings_of_the_same_files_checked_on_disk(git_repo: Path) -> None:
    import gitrepo

    texts = {"2021-11-15": "Käytössä 16/15 organisaatiossa, yhteyshenkilö matti.meikalainen@pirha.fi."}
    gitrepo.write(git_repo, FILE, gitrepo.measure_text("tp01/01-tiimimallit", 3, texts))
    gitrepo.commit(git_repo, "Virheellinen luku")
    on_disk = seuranta("validate", "--no-cache", "--format", "json")
    at_rev = seuranta("validate", "--rev", "HEAD", "--format", "json")
    assert (at_rev.code, on_disk.code) == (1, 1)
    assert findings(at_rev.stdout) == findings(on_disk.stdout)
    assert {f["rule"] for f in findings(at_rev.stdout)} >= {"fraction-over", "personal-email"}
    gitrepo.write(git_repo, FILE, gitrepo.measure_text("tp01/01-tiimimallit", 3))  # the working tree, fixed
    assert findings(seuranta("validate", "--rev", "HEAD", "--format", "json").stdout) == findings(at_rev.stdout)
    before = {f["rule"] for f in findings(seuranta("validate", "--rev", "HEAD~1", "--format", "json").stdout)}
    assert before and not before & {"fraction-over", "personal-email"}


def test_rev_with_paths_is_a_usage_error(git_repo: Path) -> None:
    done = seuranta("validate", FILE, "--rev", "HEAD")
    assert (done.code, done.stdout) == (2, "")
    assert done.stderr == "seuranta validate: --rev tarkistaa revision kaikki tiedostot; jätä polut pois.\n"


def test_rev_unknown_is_a_usage_error(git_repo: Path) -> None:
    done = seuranta("validate", "--rev", "eiole")
    assert (done.code, done.stderr) == (2, "seuranta validate: tuntematon revisio / unknown revision: eiole\n")
