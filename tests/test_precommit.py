"""pre-commit: this repository's hooks on a temporary clone, and seuranta's hooks used by reference.

The clone is the working tree as the next commit would hold it (tracked and untracked files, ignored
ones left out), committed in a temporary repository. pre-commit builds the hygiene hooks' and the
referenced hooks' environments from PyPI into one temporary PRE_COMMIT_HOME shared by these tests.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

import programmes
from conftest import REPO

BIN = Path(sys.executable).parent
GIT_ENV = {
    "GIT_AUTHOR_NAME": "Testi",
    "GIT_AUTHOR_EMAIL": "testi@example.org",
    "GIT_COMMITTER_NAME": "Testi",
    "GIT_COMMITTER_EMAIL": "testi@example.org",
    "GIT_CONFIG_GLOBAL": "/dev/null",
    "GIT_CONFIG_NOSYSTEM": "1",
}
TINY_PROGRAMME = programmes.programme(rounds=programmes.BASELINE + programmes.SPRING_2021)
TINY_GROUP = "id: ex/tp01\nnumber: '1'\ntitle: Vastaanottojen uudistaminen\nbenefit_goal: saatavuus\n"
TINY_MEASURE = """\
id: ex/tp01/01-tiimimallit
number: Tp 1.
title: Vastaanoton uudet toimintamallit käyttöön
statuses:
- date: '2020-11-15'
  text: Uudet tiimimallit käytössä 3/15 organisaatiossa.
"""


def environment(home: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("GIT_", "PRE_COMMIT", "VIRTUAL_ENV"))}
    env.pop("GITHUB_ACTIONS", None)
    return (
        env
        | GIT_ENV
        | {
            "PATH": f"{BIN}{os.pathsep}{os.environ.get('PATH', '')}",
            "PRE_COMMIT_HOME": str(home),
            "PIP_CONSTRAINT": str(REPO / "constraints.txt"),
            "PIP_DISABLE_PIP_VERSION_CHECK": "1",
            "SEURANTA_LANG": "fi",
            "SEURANTA_TODAY": "2023-01-01",
            "SEURANTA_SERVER": "0",  # no server left behind for a clone that is removed (tests/test_server.py)
        }
    )


def run(args: list[str], cwd: Path, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(args, cwd=cwd, env=env, capture_output=True, text=True, timeout=600, check=False)


def git(cwd: Path, env: dict[str, str], *args: str) -> None:
    done = run(["git", *args], cwd, env)
    assert done.returncode == 0, done.stderr


def working_tree_files() -> list[str]:
    listed = subprocess.run(
        ["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
        cwd=REPO,
        capture_output=True,
        check=True,
    ).stdout.decode("utf-8")
    return [name for name in listed.split("\0") if name and os.path.lexists(REPO / name)]


def copy_tree(target: Path) -> None:
    for name in working_tree_files():
        source, dest = REPO / name, target / name
        dest.parent.mkdir(parents=True, exist_ok=True)
        if source.is_symlink():
            os.symlink(os.readlink(source), dest)
        else:
            shutil.copy2(source, dest)


@pytest.fixture(scope="module")
def home(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("pre-commit-home")


@pytest.fixture(scope="module")
def clone(tmp_path_factory: pytest.TempPathFactory, home: Path) -> Path:
    """This repository as its next commit, in a temporary git repository."""
    target = tmp_path_factory.mktemp("clone")
    copy_tree(target)
    env = environment(home)
    git(target, env, "init", "-q", "-b", "main")
    git(target, env, "add", "-A")
    git(target, env, "commit", "-q", "-m", "clone")
    return target


@pytest.fixture
def work(tmp_path: Path, clone: Path, home: Path) -> Path:
    """A fresh copy of the clone for a test that edits it."""
    target = tmp_path / "work"
    done = run(["git", "clone", "-q", str(clone), str(target)], tmp_path, environment(home))
    assert done.returncode == 0, done.stderr
    return target


def hook_ids(path: Path) -> list[str]:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    hooks = data if isinstance(data, list) else [h for repo in data["repos"] for h in repo["hooks"]]
    return [str(hook["id"]) for hook in hooks]


def test_every_hook_is_documented_in_the_readme() -> None:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    assert "## pre-commit hooks" in readme
    for hook in hook_ids(REPO / ".pre-commit-hooks.yaml") + hook_ids(REPO / ".pre-commit-config.yaml"):
        assert f"`{hook}`" in readme, hook


def test_the_configuration_uses_local_hooks_only() -> None:
    config = yaml.safe_load((REPO / ".pre-commit-config.yaml").read_text(encoding="utf-8"))
    assert [repo["repo"] for repo in config["repos"]] == ["local"]
    for hook in config["repos"][0]["hooks"]:
        if hook["language"] == "python":
            assert all(re.fullmatch(r"[\w.-]+==[\w.]+", d) for d in hook["additional_dependencies"]), hook


def test_run_all_files_passes_on_a_clone(clone: Path, home: Path) -> None:
    done = run([str(BIN / "pre-commit"), "run", "--all-files", "--show-diff-on-failure"], clone, environment(home))
    assert done.returncode == 0, done.stdout[-6000:] + done.stderr[-2000:]


@pytest.mark.parametrize(
    "edit, finding",
    [
        # a misspelt key: a schema error
        (
            lambda text: text.replace("\ntitle:", "\ntittle:", 1),
            r"\.yaml:3:1: virhe \[schema-unknown-field\] Tuntematon kenttä 'tittle'\. Tarkoititko 'title'\?",
        ),
        # a count out of a denominator that is no population's size
        (
            lambda text: text + "- date: '2021-05-15'\n  text: Malli käytössä 7/13 organisaatiossa.\n",
            r"\.yaml:\d+:\d+: virhe \[fraction-denominator\] '7/13 organisaatiossa'",
        ),
    ],
)
def test_a_bad_edit_makes_git_commit_fail_with_a_located_finding(
    work: Path, home: Path, edit: object, finding: str
) -> None:
    env = environment(home)
    done = run([str(BIN / "pre-commit"), "install"], work, env)
    assert done.returncode == 0, done.stdout + done.stderr
    path = work / "data/ex/tp01/01-tiimimallit.yaml"
    path.parent.mkdir(parents=True, exist_ok=True)
    (work / "data/ex/programme.yaml").write_text(TINY_PROGRAMME, encoding="utf-8")
    (work / "data/ex/tp01/_group.yaml").write_text(TINY_GROUP, encoding="utf-8")
    path.write_text(edit(TINY_MEASURE), encoding="utf-8")  # type: ignore[operator]
    git(work, env, "add", "data/ex")
    done = run(["git", "commit", "-m", "muokkaus"], work, env)
    assert done.returncode != 0
    assert re.search("data/ex/tp01/01-tiimimallit" + finding, done.stdout + done.stderr), done.stdout + done.stderr


def tiny_data_repo(root: Path, env: dict[str, str], measure: str) -> Path:
    (root / "data/ex/tp01").mkdir(parents=True)
    (root / ".seuranta.yaml").write_text("data: data\n", encoding="utf-8")
    (root / "data/ex/programme.yaml").write_text(TINY_PROGRAMME, encoding="utf-8")
    (root / "data/ex/tp01/_group.yaml").write_text(TINY_GROUP, encoding="utf-8")
    (root / "data/ex/tp01/01-tiimimallit.yaml").write_text(measure, encoding="utf-8")
    git(root, env, "init", "-q", "-b", "main")
    git(root, env, "add", "-A")
    return root


def test_hooks_by_reference_with_try_repo(tmp_path: Path, clone: Path, home: Path) -> None:
    env = environment(home)
    good = tiny_data_repo(tmp_path / "good", env, TINY_MEASURE)
    done = run([str(BIN / "pre-commit"), "try-repo", str(clone), "--all-files"], good, env)
    assert done.returncode == 0, done.stdout[-6000:] + done.stderr[-2000:]
    for hook in ("seuranta validate", "seuranta fmt --check", "seuranta fmt"):
        assert re.search(rf"^{re.escape(hook)}\.+Passed$", done.stdout, re.MULTILINE), done.stdout
    bad = tiny_data_repo(tmp_path / "bad", env, TINY_MEASURE.replace("3/15", "3/16"))
    done = run([str(BIN / "pre-commit"), "try-repo", str(clone), "seuranta-validate", "--all-files"], bad, env)
    assert done.returncode == 1
    assert "data/ex/tp01/01-tiimimallit.yaml:6:36: virhe [fraction-denominator] '3/16 organisaatiossa'" in done.stdout
