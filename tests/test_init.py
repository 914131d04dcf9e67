"""`seuranta init`: a ready data repository in an empty folder, validated, with working hooks and workflows."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from conftest import REPO
from test_precommit import copy_tree, environment, git, run

BIN = Path(sys.executable).parent
ARGS = ["--programme", "oma-alue", "--title", "Oman alueen sote-keskusohjelma", "--region", "Pirkanmaa"]
WRITTEN = [
    ".seuranta.yaml",
    "data/oma-alue/programme.yaml",
    "schemas/draft-07/common.schema.json",
    "schemas/draft-07/config.schema.json",
    "schemas/draft-07/group.schema.json",
    "schemas/draft-07/measure.schema.json",
    "schemas/draft-07/programme.schema.json",
    ".vscode/settings.json",
    ".vscode/extensions.json",
    ".gitignore",
    ".pre-commit-config.yaml",
    ".github/workflows/validate.yml",
    ".github/workflows/pr-comment.yml",
    ".github/workflows/report.yml",
    "README.md",
]
PINNED = re.compile(r"uses: ([\w.-]+/[\w./-]+)@([0-9a-f]{40}) # (v[\d.]+)")


def seuranta(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    env = os.environ | {"SEURANTA_LANG": "fi", "SEURANTA_TODAY": "2025-01-01"}
    command = [str(BIN / "seuranta"), *args]
    return subprocess.run(command, cwd=cwd, env=env, capture_output=True, text=True, timeout=300, check=False)


def test_init_then_validate_exits_0_in_an_empty_folder(tmp_path: Path) -> None:
    done = seuranta("init", *ARGS, "--round", "2025-05-15", "--round", "2025-11-15", cwd=tmp_path)
    assert done.returncode == 0, done.stdout + done.stderr
    assert done.stdout == (
        "".join(f"Luotu {name}\n" for name in WRITTEN)
        + "0 virhettä, 0 varoitusta, 0 kuitattua, 2 tiedostoa tarkistettu.\n"
        + "Seuraavaksi: vastaa KYSYMYS-kohtiin tiedostossa data/oma-alue/programme.yaml, sitten pre-commit install.\n"
    )
    assert seuranta("validate", cwd=tmp_path).returncode == 0
    assert seuranta("fmt", "--check", cwd=tmp_path).returncode == 0
    programme = yaml.safe_load((tmp_path / "data/oma-alue/programme.yaml").read_text(encoding="utf-8"))
    assert programme["rounds"] == [
        {"date": "2025-05-15", "label": "Tilanne 15.5.2025"},
        {"date": "2025-11-15", "label": "Tilanne 15.11.2025"},
    ]
    assert [goal["national"] for goal in programme["benefit_goals"]] == [
        "saatavuus",
        "ennaltaehkaisy",
        "laatu",
        "monialaisuus",
        "kustannukset",
    ]
    text = (tmp_path / "data/oma-alue/programme.yaml").read_text(encoding="utf-8")
    assert text.startswith("# yaml-language-server: $schema=../../schemas/draft-07/programme.schema.json\n")
    for question in ("group_label", "benefit_goals", "rounds", "populations", "portfolios"):
        assert re.search(rf"^# KYSYMYS: .*(\n#.*)*\n#? ?{question}:", text, re.MULTILINE), question


def test_a_measure_made_with_new_validates_and_the_cache_stays_out_of_git(tmp_path: Path) -> None:
    assert seuranta("init", *ARGS, cwd=tmp_path).returncode == 0
    (tmp_path / "data/oma-alue/tp01").mkdir()
    (tmp_path / "data/oma-alue/tp01/_group.yaml").write_text(
        "id: oma-alue/tp01\nnumber: '1'\ntitle: Vastaanotot\nbenefit_goal: saatavuus\n", encoding="utf-8"
    )
    done = seuranta("new", "--programme", "oma-alue", "--group", "tp01", "--title", "Tiimimalli", cwd=tmp_path)
    assert done.returncode == 0, done.stdout
    measure = (tmp_path / "data/oma-alue/tp01/01-tiimimalli.yaml").read_text(encoding="utf-8")
    assert measure.startswith("# yaml-language-server: $schema=../../../schemas/draft-07/measure.schema.json\n")
    assert (tmp_path / "schemas/draft-07/measure.schema.json").is_file()
    git(tmp_path, environment(tmp_path), "init", "-q")
    ignored = subprocess.run(
        ["git", "status", "--porcelain", "--ignored"], cwd=tmp_path, capture_output=True, text=True, check=True
    ).stdout
    assert "!! .seuranta-cache/" in ignored.splitlines()


def test_a_folder_with_something_in_it_is_refused_and_left_alone(tmp_path: Path) -> None:
    (tmp_path / "muistio.txt").write_text("x", encoding="utf-8")
    done = seuranta("init", str(tmp_path), *ARGS, cwd=tmp_path.parent)
    assert done.returncode == 2
    assert done.stderr == (
        f"seuranta init: kansio {tmp_path} ei ole tyhjä (muistio.txt); seuranta init kirjoittaa vain tyhjään "
        "kansioon (tai uuteen git-tietovarastoon), eikä koskaan korvaa tiedostoja.\n"
    )
    assert sorted(p.name for p in tmp_path.iterdir()) == ["muistio.txt"]


def test_the_readme_is_finnish_and_the_title_cannot_make_markdown(tmp_path: Path) -> None:
    done = seuranta("init", "--programme", "oma", "--title", "Oma <b>alue</b> [x](y)", cwd=tmp_path)
    assert done.returncode == 0, done.stdout
    readme = (tmp_path / "README.md").read_text(encoding="utf-8")
    assert readme.startswith("# Oma &lt;b&gt;alue&lt;/b&gt; \\[x\\](y)\n\nTämä on ohjelman **Oma &lt;b&gt;alue")
    assert "`seuranta new --programme oma --group tp01" in readme


def test_a_new_git_repository_is_sensible_and_its_readme_is_kept(tmp_path: Path) -> None:
    git(tmp_path, environment(tmp_path), "init", "-q")
    (tmp_path / "README.md").write_text("# Oma alue\n", encoding="utf-8")
    done = seuranta("init", *ARGS, cwd=tmp_path)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "Säilytetty README.md (oli jo olemassa)\n" in done.stdout
    assert (tmp_path / "README.md").read_text(encoding="utf-8") == "# Oma alue\n"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--programme", "Oma Alue"], "ohjelman tunniste 'Oma Alue' ei kelpaa"),
        (
            ["--programme", "oma", "--round", "31.11.2025"],
            "kierros '31.11.2025' ei ole kalenterin päivämäärä muodossa 2025-05-15 tai 15.5.2025.",
        ),
        (["--programme", "oma", "--title", "a\u202eb"], "--title: merkki 2 on näkymätön ohjausmerkki"),
    ],
)
def test_bad_options_write_nothing(tmp_path: Path, args: list[str], message: str) -> None:
    full = ["--title", "T", *args] if "--title" not in args else args
    done = seuranta("init", "uusi", *full, cwd=tmp_path)
    assert done.returncode == 2
    assert message in done.stderr
    assert not (tmp_path / "uusi").exists()


def test_the_workflows_are_pinned_as_seurantas_own_and_pass_zizmor(tmp_path: Path) -> None:
    assert seuranta("init", *ARGS, cwd=tmp_path).returncode == 0
    ours = {
        m.group(1): m.groups()
        for p in (REPO / ".github/workflows").glob("*.yml")
        for m in PINNED.finditer(p.read_text())
    }
    for name in ("validate.yml", "pr-comment.yml", "report.yml"):
        text = (tmp_path / ".github/workflows" / name).read_text(encoding="utf-8")
        pins = [m.groups() for m in PINNED.finditer(text)]
        assert pins and all(ours[action] == (action, sha, tag) for action, sha, tag in pins), name
        assert "uses:" not in PINNED.sub("", text).replace("# zizmor", ""), name
        assert ".venv/bin/pip install -q 'seuranta==0.1.0'" in text
        assert "constraints.txt" not in text and "-e ." not in text
    done = subprocess.run(
        [str(BIN / "zizmor"), "--offline", "--no-progress", str(tmp_path / ".github/workflows")],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stdout + done.stderr


def test_pre_commit_runs_seurantas_hooks_by_reference(tmp_path: Path) -> None:
    """The written .pre-commit-config.yaml, its `repo:` pointed at a local clone of seuranta (no network to GitHub)."""
    env = environment(tmp_path / "pre-commit-home")
    hooks = tmp_path / "seuranta"
    copy_tree(hooks)
    git(hooks, env, "init", "-q", "-b", "main")
    git(hooks, env, "add", "-A")
    git(hooks, env, "commit", "-q", "-m", "seuranta")
    head = run(["git", "rev-parse", "HEAD"], hooks, env).stdout.strip()
    region = tmp_path / "alue"
    assert seuranta("init", str(region), *ARGS, cwd=tmp_path).returncode == 0
    config = region / ".pre-commit-config.yaml"
    written = config.read_text(encoding="utf-8")
    assert "  - repo: https://github.com/seuranta/seuranta\n    rev: v0.1.0\n" in written
    config.write_text(written.replace("https://github.com/seuranta/seuranta", str(hooks)).replace("v0.1.0", head))
    git(region, env, "init", "-q", "-b", "main")
    git(region, env, "add", "-A")
    done = run([str(BIN / "pre-commit"), "run", "--all-files"], region, env)
    assert done.returncode == 0, done.stdout[-4000:] + done.stderr[-2000:]
    assert re.search(r"^seuranta validate\.+Passed$", done.stdout, re.MULTILINE), done.stdout
    assert re.search(r"^seuranta fmt --check\.+Passed$", done.stdout, re.MULTILINE), done.stdout
    # A file out of layout: the check names the hook that fixes it, and that hook does.
    programme = region / "data/oma-alue/programme.yaml"
    programme.write_text(programme.read_text(encoding="utf-8").replace("id: oma-alue", "id:   oma-alue"))
    git(region, env, "add", "-A")
    done = run([str(BIN / "pre-commit"), "run", "seuranta-fmt-check", "--all-files"], region, env)
    assert done.returncode == 1
    hint = "1/2 tiedostoa pitää muotoilla. Aja: pre-commit run seuranta-fmt --hook-stage manual --all-files"
    assert hint in done.stdout
    done = run([str(BIN / "pre-commit"), "run", "seuranta-fmt", "--hook-stage", "manual", "--all-files"], region, env)
    assert "id: oma-alue\n" in programme.read_text(encoding="utf-8"), done.stdout
    git(region, env, "add", "-A")
    done = run([str(BIN / "pre-commit"), "run", "--all-files"], region, env)
    assert done.returncode == 0, done.stdout[-4000:]
