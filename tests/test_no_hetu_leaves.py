"""A henkilötunnus committed in a status text never leaves the tool in full.

Every output of every command (each format), every page of the report, every export file
(XLSX read part by part), the job summary and the pull-request comment that the workflows
make: none holds the code as written, in any of the forms it was written, nor its birth date.
What an editor needs to find it, the finding's path:line:column, is there.
"""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest

import gitrepo
from clirun import seuranta
from test_workflows import COMMENT, VALIDATE, run_step, step, with_seuranta

WRITTEN = ["131052-308T", "131052–308t", "131052 308T", "hetu131052-308T", "131052 - 308 T"]
SECRET = ("131052", "308T", "308t", "308 T")
MEASURE = "data/ex/tp01/02-fysioterapia.yaml"
TEXT = (
    "Seurantakyselyssä ft-suoravastaanottomalli käytössä 12/15 sotekeskuksessa; yhteyshenkilö "
    + ", ".join(WRITTEN)
    + ".\nToinen rivi: asiakas 131052-308T soitti."
)


def leaks(text: str) -> list[str]:
    return [secret for secret in SECRET if secret in text]


class Outputs:
    """Everything the tool printed or wrote, by where it came from."""

    def __init__(self) -> None:
        self.found: dict[str, str] = {}

    def add(self, name: str, text: str) -> None:
        self.found[name] = text

    def command(self, *args: str) -> str:
        done = seuranta(*args)
        self.add("seuranta " + " ".join(args), done.output)
        return done.output

    def files(self, folder: Path) -> None:
        for path in sorted(p for p in folder.rglob("*") if p.is_file()):
            if path.suffix == ".xlsx":
                with zipfile.ZipFile(path) as archive:
                    for member in archive.namelist():
                        self.add(f"{path}:{member}", archive.read(member).decode("utf-8", "replace"))
            else:
                self.add(str(path), path.read_text(encoding="utf-8", errors="replace"))


@pytest.fixture
def repo(git_repo: Path) -> Path:
    texts = {"2021-11-15": TEXT}
    gitrepo.write(git_repo, MEASURE, gitrepo.measure_text("tp01/02-fysioterapia", 3, texts))
    gitrepo.commit(git_repo, "Tilanne, jossa on henkilötunnus")
    return git_repo


def test_no_output_of_any_command_holds_the_code(repo: Path, tmp_path: Path) -> None:
    out = Outputs()
    for fmt in ("text", "json", "github", "sarif", "junit", "markdown"):
        out.command("validate", "--format", fmt, "--show-acknowledged")
        out.command("validate", "--rev", "HEAD", "--format", fmt)
    out.command("validate", MEASURE)
    for fmt in ("text", "markdown", "json"):
        out.command("diff", "HEAD~1", "HEAD", "--format", fmt)
        out.command("diff", "HEAD~1...HEAD", "--format", fmt, "--color", "always")
        out.command("diff", "--rounds", "2021-05-15", "2021-11-15", "--format", fmt)
    for table in ("coverage", "latest", "missing", "findings", "goals"):
        for fmt in ("plain", "github", "html", "csv", "tsv"):
            out.command("summary", "--table", table, "--format", fmt)
            out.command("summary", "--table", table, "--format", fmt, "--rev", "HEAD")
    out.command("show", "ex/tp01/02-fysioterapia")
    out.command("show", "ex/tp01/02-fysioterapia", "--format", "json")
    out.command("extract")
    out.command("fmt", "--check")
    site, exports = tmp_path / "site", tmp_path / "exports"
    out.command("report", "--out", str(site))
    for name in ("vienti.xlsx", "vienti.json", "csv"):
        out.command("export", "--out", str(exports / name))
    out.command("import", "xlsx", str(exports / "vienti.xlsx"), "--programme", "ex", "--out", str(tmp_path / "tuotu"))
    out.command("export", "--format", "parquet", "--out", str(tmp_path / "parquet"))
    for table in ("measures", "statuses", "figures", "findings"):
        out.command("national", str(tmp_path / "parquet"), "--sql", f"SELECT * FROM {table}", "--format", "csv")
    out.command("national", str(repo))
    out.files(site)
    out.files(exports)
    # A later edit to another real code with the same birth date: a word diff must not show it in pieces.
    texts = {"2021-11-15": TEXT.replace("131052 308T", "131052 309U")}
    gitrepo.write(repo, MEASURE, gitrepo.measure_text("tp01/02-fysioterapia", 3, texts))
    for fmt in ("text", "markdown", "json"):
        out.command("diff", "HEAD", "--format", fmt)
    assert len(out.found) > 100
    assert {name: leaks(text) for name, text in out.found.items() if leaks(text)} == {}
    findings = out.found["seuranta validate --format text --show-acknowledged"]
    assert "data/ex/tp01/02-fysioterapia.yaml:10:" in findings and "(******-****)" in findings
    site_page = out.found[str(site / "toimenpiteet/ex/tp01/02-fysioterapia.html")]
    assert "yhteyshenkilö ******-****, ******-****, ******-****, hetu******-****, ******-****." in site_page


def test_the_job_summary_and_the_pull_request_comment_do_not_hold_the_code(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    origin = gitrepo.build(tmp_path, monkeypatch)
    main = gitrepo.git(origin, "rev-parse", "HEAD")
    gitrepo.git(origin, "switch", "-q", "-c", "feature")
    gitrepo.write(origin, MEASURE, gitrepo.measure_text("tp01/02-fysioterapia", 3, {"2021-11-15": TEXT}))
    head = gitrepo.commit(origin, "Tilanne, jossa on henkilötunnus")
    with_seuranta(origin)
    summary = tmp_path / "summary.md"
    env = {"EVENT": "pull_request", "PR_BASE_SHA": main, "PR_HEAD_SHA": head, "GITHUB_STEP_SUMMARY": str(summary)}
    for name in ("Findings into the job summary", "seuranta diff into the job summary"):
        done = run_step(step(VALIDATE, "validate", name), origin, env)
        assert done.returncode == 0, done.stderr
    gitrepo.git(origin, "switch", "-q", "main")
    gitrepo.git(origin, "update-ref", "refs/pull/9/head", head)
    trusted = tmp_path / "trusted"
    gitrepo.git(tmp_path, "clone", "-q", str(origin), str(trusted))
    with_seuranta(trusted)
    env = {
        "PR_NUMBER": "9",
        "HEAD_SHA": head,
        "BASE_SHA": main,
        "TOKEN": "x",
        "GITHUB_SERVER_URL": "https://github.com",
    }
    for name in (
        "Fetch the pull request's commits as objects (nothing is checked out)",
        "Compute the comment from the pull request's data files",
    ):
        done = run_step(step(COMMENT, "report", name), trusted, env)
        assert done.returncode == 0, done.stdout + done.stderr
    shown = summary.read_text(encoding="utf-8")
    comment = (trusted / "comment/comment.md").read_text(encoding="utf-8")
    assert "`data/ex/tp01/02-fysioterapia.yaml:10:" in comment and "\\*\\*\\*\\*\\*\\*-\\*\\*\\*\\*" in comment
    assert "#### Muutettu toimenpide `ex/tp01/02-fysioterapia`" in shown and "[hetu]" not in shown
    assert leaks(shown) == [] and leaks(comment) == []
