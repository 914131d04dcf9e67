"""GitHub Actions workflows: zizmor (offline) and the workflow schema pass, and the rules hold structurally."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any, NamedTuple

import pytest
import yaml

import gitrepo
from conftest import REPO

WORKFLOWS = sorted((REPO / ".github/workflows").glob("*.y*ml"))
BIN = Path(sys.executable).parent
PINNED = re.compile(r"[\w.-]+/[\w./-]+@[0-9a-f]{40}")
EXPRESSION = re.compile(r"\$\{\{(.*?)\}\}")


def load(path: Path) -> dict[Any, Any]:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert isinstance(data, dict)
    return data


def triggers(workflow: dict[Any, Any]) -> dict[str, Any]:
    on = workflow.get("on", workflow.get(True))  # PyYAML 1.1 reads the key `on` as True
    if isinstance(on, str):
        return {on: None}
    if isinstance(on, list):
        return dict.fromkeys(on)
    return dict(on or {})


def steps(workflow: dict[Any, Any]) -> Iterator[dict[str, Any]]:
    for job in workflow["jobs"].values():
        yield from job.get("steps", [])


def test_there_are_workflows() -> None:
    names = {p.name for p in WORKFLOWS}
    assert {"validate.yml", "pr-comment.yml"} <= names


def test_zizmor_offline_finds_nothing() -> None:
    done = subprocess.run(
        [str(BIN / "zizmor"), "--offline", "--no-progress", str(REPO / ".github/workflows")],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stdout + done.stderr


def test_the_github_workflow_schema_passes() -> None:
    done = subprocess.run(
        [str(BIN / "check-jsonschema"), "--builtin-schema", "vendor.github-workflows", *map(str, WORKFLOWS)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stdout + done.stderr


@pytest.mark.parametrize("path", WORKFLOWS, ids=lambda p: p.name)
def test_every_action_is_pinned_to_a_full_commit_sha_with_its_version(path: Path) -> None:
    for line in path.read_text(encoding="utf-8").splitlines():
        found = re.match(r"\s*(?:-\s+)?uses:\s*(\S+)(.*)", line)
        if found and not found.group(1).startswith("./"):
            assert PINNED.fullmatch(found.group(1)), line
            assert re.fullmatch(r"\s*# v\d+\.\d+\.\d+", found.group(2)), line


@pytest.mark.parametrize("path", WORKFLOWS, ids=lambda p: p.name)
def test_top_level_permissions_and_no_pull_request_target(path: Path) -> None:
    workflow = load(path)
    assert "permissions" in workflow
    assert "pull_request_target" not in triggers(workflow)
    code = [
        line.split(" #")[0]
        for line in path.read_text(encoding="utf-8").splitlines()
        if not line.lstrip().startswith("#")
    ]
    assert not any("pull_request_target" in line for line in code)
    for job in workflow["jobs"].values():
        assert "timeout-minutes" in job


@pytest.mark.parametrize("path", WORKFLOWS, ids=lambda p: p.name)
def test_no_expression_is_interpolated_into_a_script(path: Path) -> None:
    for step in steps(load(path)):
        for key in ("run",):
            assert not EXPRESSION.search(str(step.get(key, ""))), step
        script = step.get("with", {}).get("script", "")
        assert not EXPRESSION.search(str(script)), step


@pytest.mark.parametrize("path", WORKFLOWS, ids=lambda p: p.name)
def test_checkout_keeps_no_credentials(path: Path) -> None:
    for step in steps(load(path)):
        if str(step.get("uses", "")).startswith("actions/checkout@"):
            assert step.get("with", {}).get("persist-credentials") is False


def test_validate_runs_the_readme_commands() -> None:
    workflow = load(REPO / ".github/workflows/validate.yml")
    assert set(triggers(workflow)) == {"push", "pull_request"}
    assert workflow["permissions"] == {"contents": "read"}
    assert "concurrency" in workflow
    runs = "\n".join(str(step.get("run", "")) for step in steps(workflow))
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    install = "python3 -m venv .venv && .venv/bin/pip install -q -c constraints.txt -e ."
    assert install in readme and install in runs
    assert ".venv/bin/seuranta validate --format github" in runs
    assert '.venv/bin/seuranta diff "$PR_BASE_SHA...$PR_HEAD_SHA" --format markdown' in runs
    assert '.venv/bin/seuranta diff "$PUSH_BEFORE" "$PUSH_AFTER" --format markdown' in runs
    assert '"$GITHUB_STEP_SUMMARY"' in runs
    uploads = [s for s in steps(workflow) if str(s.get("uses", "")).startswith("actions/upload-artifact@")]
    assert [u["with"]["name"] for u in uploads] == ["seuranta-pr"]
    assert "report/pr-number.txt" in runs and "comment.md" not in runs


def test_report_validates_before_it_builds_and_deploys() -> None:
    workflow = load(REPO / ".github/workflows/report.yml")
    runs = [str(s.get("run", "")) for s in workflow["jobs"]["report"]["steps"] if "run" in s]
    assert runs.index(".venv/bin/seuranta validate --format github") < runs.index(
        ".venv/bin/seuranta report --out site"
    )
    assert workflow["jobs"]["deploy"]["needs"] == "report"


# --- pr-comment.yml: what is posted is computed by the base repository's code ---------------

COMMENT = REPO / ".github/workflows/pr-comment.yml"


def jobs(workflow: dict[Any, Any]) -> dict[str, dict[str, Any]]:
    found: dict[str, dict[str, Any]] = workflow["jobs"]
    return found


def uses(job: dict[str, Any]) -> list[str]:
    return [str(s.get("uses", "")).split("@")[0] for s in job["steps"] if "uses" in s]


def test_pr_comment_posts_from_a_job_that_runs_nothing() -> None:
    workflow = load(COMMENT)
    assert triggers(workflow) == {"workflow_run": {"workflows": ["validate"], "types": ["completed"]}}
    assert workflow["permissions"] == {}
    writers = {name for name, job in jobs(workflow).items() if "write" in job.get("permissions", {}).values()}
    assert writers == {"post"}
    post = jobs(workflow)["post"]
    assert post["permissions"] == {"actions": "read", "pull-requests": "write"}
    assert uses(post) == ["actions/download-artifact", "actions/github-script"]
    assert not any("run" in s for s in post["steps"])
    download = post["steps"][0]["with"]
    assert download["name"] == "seuranta-comment" and "run-id" not in download  # this run's, not the PR's run


def test_pr_comment_computes_with_the_default_branch_and_reads_the_pull_request_as_data() -> None:
    report = jobs(load(COMMENT))["report"]
    assert report["permissions"] == {"actions": "read", "contents": "read", "pull-requests": "read"}
    checkout = [s for s in report["steps"] if str(s.get("uses", "")).startswith("actions/checkout@")]
    assert len(checkout) == 1 and set(checkout[0]["with"]) == {"persist-credentials", "fetch-depth"}  # no ref
    from_validate_run = [s for s in report["steps"] if "run-id" in s.get("with", {})]
    assert [s["with"]["name"] for s in from_validate_run] == ["seuranta-pr"]
    script = next(s for s in report["steps"] if s.get("id") == "pull")["with"]["script"]
    assert "process.env.NUMBER_FILE" in script and "/^[1-9][0-9]{0,9}$/.test(text)" in script
    assert "pr.head.sha !== process.env.RUN_HEAD_SHA" in script
    runs = "\n".join(str(s.get("run", "")) for s in report["steps"])
    assert "seuranta-pr" not in runs  # nothing made by the pull request's run is run or posted
    assert "git checkout" not in runs and "git switch" not in runs and "git worktree" not in runs
    assert '.venv/bin/seuranta validate --rev "$HEAD_SHA" --format markdown' in runs
    assert '.venv/bin/seuranta diff "$BASE_SHA...$HEAD_SHA" --format markdown' in runs


def test_the_trust_boundary_is_explained_in_the_workflow_and_the_readme() -> None:
    head = COMMENT.read_text(encoding="utf-8").split("\nname:")[0]
    assert "The trust boundary." in head and "never executes" in head
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    assert "### The pull-request comment and its trust boundary" in readme


# --- the workflows' own scripts, run on a real repository ------------------------------------


def step(path: Path, job: str, name: str) -> dict[str, Any]:
    found: dict[str, Any] = next(s for s in jobs(load(path))[job]["steps"] if s.get("name") == name)
    return found


def run_step(found: dict[str, Any], cwd: Path, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    """A `run:` step as the runner runs it: bash -eo pipefail, its environment given."""
    return subprocess.run(
        ["bash", "--noprofile", "--norc", "-eo", "pipefail", "-c", found["run"]],
        cwd=cwd,
        env={**os.environ, **env},
        capture_output=True,
        text=True,
        check=False,
    )


def with_seuranta(folder: Path) -> None:
    """`.venv/bin/seuranta` in `folder`: this checkout's command, as the install step would give."""
    (folder / ".venv/bin").mkdir(parents=True)
    (folder / ".venv/bin/seuranta").symlink_to(BIN / "seuranta")


VALIDATE = REPO / ".github/workflows/validate.yml"
DIFF_STEP = "seuranta diff into the job summary"


def test_the_pull_request_summary_lists_only_the_branch_s_own_change(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    repo = gitrepo.build(tmp_path, monkeypatch)
    main, feature = gitrepo.main_moves_on(repo)
    gitrepo.git(repo, "checkout", "-q", "--detach", feature)
    with_seuranta(repo)
    summary = tmp_path / "summary.md"
    env = {"EVENT": "pull_request", "PR_BASE_SHA": main, "PR_HEAD_SHA": feature, "GITHUB_STEP_SUMMARY": str(summary)}
    done = run_step(step(VALIDATE, "validate", DIFF_STEP), repo, env)
    assert done.returncode == 0, done.stderr
    shown = summary.read_text(encoding="utf-8")
    assert "#### Muutettu toimenpide `ex/tp01/02-fysioterapia`" in shown
    assert "Toimenpiteitä: 1 muutettu; tilanteita: 1 muutettu.\n" in shown
    assert "digipalvelut" not in shown and "Main:" not in shown and "poistettu" not in shown


def test_a_push_summary_compares_with_the_previous_push(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    repo = gitrepo.build(tmp_path, monkeypatch)
    main, _feature = gitrepo.main_moves_on(repo)
    with_seuranta(repo)
    summary = tmp_path / "summary.md"
    before = gitrepo.git(repo, "rev-parse", "main~1")
    env = {"EVENT": "push", "PUSH_BEFORE": before, "PUSH_AFTER": main, "GITHUB_STEP_SUMMARY": str(summary)}
    assert run_step(step(VALIDATE, "validate", DIFF_STEP), repo, env).returncode == 0
    shown = summary.read_text(encoding="utf-8")
    assert "#### Muutettu toimenpide `ex/tp02/01-digipalvelut`" in shown and "fysioterapia" not in shown
    summary.unlink()
    env["PUSH_BEFORE"] = "0" * 40
    assert run_step(step(VALIDATE, "validate", DIFF_STEP), repo, env).returncode == 0
    assert summary.read_text(encoding="utf-8").startswith("_Ei vertailukohtaa (haaran ensimmäinen push")


class PullRequest(NamedTuple):
    trusted: Path  # the base repository's default branch, as pr-comment.yml checks it out
    env: dict[str, str]


def pull_request_from_a_fork(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> PullRequest:
    """The base repository with pull request 7 (refs/pull/7/head) from a fork whose branch also carries
    code of its own; and a clone of its default branch."""
    origin = gitrepo.build(tmp_path, monkeypatch)
    main, _feature = gitrepo.main_moves_on(origin)
    gitrepo.git(origin, "switch", "-q", "feature")
    gitrepo.write(origin, "seuranta/__init__.py", 'open("/tmp/seuranta-pwned", "w").write("PWNED")\n')
    gitrepo.write(origin, "tools/seuranta/__init__.py", 'print("PWNED")\n')
    head = gitrepo.commit(origin, "Haaran omaa koodia")
    gitrepo.git(origin, "switch", "-q", "main")
    gitrepo.git(origin, "update-ref", "refs/pull/7/head", head)
    gitrepo.git(origin, "branch", "-q", "-D", "feature")
    trusted = tmp_path / "trusted"
    gitrepo.git(tmp_path, "clone", "-q", str(origin), str(trusted))
    with_seuranta(trusted)
    env = {
        "PR_NUMBER": "7",
        "HEAD_SHA": head,
        "BASE_SHA": main,
        "TOKEN": "x",
        "GITHUB_SERVER_URL": "https://github.com",
    }
    return PullRequest(trusted, env)


FETCH_STEP = "Fetch the pull request's commits as objects (nothing is checked out)"
COMPUTE_STEP = "Compute the comment from the pull request's data files"


def test_the_comment_lists_only_the_branch_s_change_computed_by_trusted_code(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    pull = pull_request_from_a_fork(tmp_path, monkeypatch)
    for name in (FETCH_STEP, COMPUTE_STEP):
        done = run_step(step(COMMENT, "report", name), pull.trusted, pull.env)
        assert done.returncode == 0, done.stdout + done.stderr
    comment = (pull.trusted / "comment/comment.md").read_text(encoding="utf-8")
    assert comment.startswith("<!-- seuranta-report -->\n### seuranta validate: havainnot\n")
    assert "#### Muutettu toimenpide `ex/tp01/02-fysioterapia`" in comment
    assert "Toimenpiteitä: 1 muutettu; tilanteita: 1 muutettu.\n" in comment
    assert "digipalvelut" not in comment and "Main:" not in comment and "poistettu" not in comment
    assert "PWNED" not in comment and not (pull.trusted / "seuranta").exists()
    assert gitrepo.git(pull.trusted, "status", "--porcelain") == "?? .venv/\n?? comment/"  # nothing checked out


def test_the_comment_is_not_made_when_the_pull_request_moved(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    pull = pull_request_from_a_fork(tmp_path, monkeypatch)
    done = run_step(step(COMMENT, "report", FETCH_STEP), pull.trusted, {**pull.env, "HEAD_SHA": "1" * 40})
    assert done.returncode == 1
    assert f"::error::refs/pull/7/head is at {pull.env['HEAD_SHA']}, not the validated {'1' * 40}" in done.stdout
