"""GitHub Actions workflows: zizmor (offline) and the workflow schema pass, and the rules hold structurally."""

from __future__ import annotations

import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml

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
    assert re.search(r'seuranta diff "\$BASE_SHA" "\$HEAD_SHA" --format markdown', runs)
    assert '"$GITHUB_STEP_SUMMARY"' in runs
    uploads = [s for s in steps(workflow) if str(s.get("uses", "")).startswith("actions/upload-artifact@")]
    assert uploads and uploads[0]["with"]["name"] == "seuranta-report"
    assert "pr-number.txt" in runs


def test_pr_comment_reads_an_artifact_and_runs_no_pull_request_code() -> None:
    workflow = load(REPO / ".github/workflows/pr-comment.yml")
    assert triggers(workflow) == {"workflow_run": {"workflows": ["validate"], "types": ["completed"]}}
    assert workflow["permissions"] == {}
    uses = [str(s.get("uses", "")).split("@")[0] for s in steps(workflow)]
    assert uses == ["actions/download-artifact", "actions/github-script"]
    assert not any("run" in s for s in steps(workflow))
    script = next(s for s in steps(workflow) if "script" in s.get("with", {}))["with"]["script"]
    assert "pr.head.sha !== process.env.RUN_HEAD_SHA" in script
