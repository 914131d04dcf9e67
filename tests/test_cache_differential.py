"""Differential test of the cache: after every step of a seeded random history, `seuranta validate`
prints exactly what `seuranta validate --no-cache` prints, whole JSON and exit code.

The steps edit measure, group and programme files (edits that make and clear findings: round
dates, denominators, unknown fields, duplicate ids, numbers), rename, delete and add files (a
folder's modification time set back after, as `touch -d` would), let the tree age past the racy
window, commit and switch git branches, corrupt or delete each cache file, leave interrupted writes behind, and run
with files named on the command line as pre-commit names them. Most runs are in-process
(`cli.main`), some are whole processes, and some cached runs naming files go through a `seuranta server`
(a forked child of a process that imported the package before the history began).

    SEURANTA_DIFFERENTIAL_STEPS=2000 .venv/bin/pytest -q tests/test_cache_differential.py

runs a longer history (default 150 steps per seed, three seeds); SEURANTA_DIFFERENTIAL_SEED picks
one seed.
"""

from __future__ import annotations

import hashlib
import json
import os
import random
import re
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from clirun import seuranta
from gitrepo import GROUPS, MEASURES, PROGRAMME, commit, git, group_text, measure_text
from serverrun import environment, runs, serving, watched_runs
from seuranta.check import cache, parallel

STEPS = int(os.environ.get("SEURANTA_DIFFERENTIAL_STEPS", "150"))
SEEDS = [int(os.environ["SEURANTA_DIFFERENTIAL_SEED"])] if "SEURANTA_DIFFERENTIAL_SEED" in os.environ else [1, 2, 3]
CACHE = Path(".seuranta-cache")
# In-process runs of every third history (from the second) trust timestamps after 0.1 s instead of
# 2 s, so that the shortcuts stat signatures allow (a file's bytes, the data folder's listing) are
# taken between steps; file system timestamps on Linux lag the clock by at most a tick (≤ 10 ms).
SHORT_RACY_NS = 100_000_000

Outcome = tuple[int, Any]


def measures(repo: Path) -> list[Path]:
    return sorted(p for p in (repo / "data").rglob("*.yaml") if p.name not in ("programme.yaml", "_group.yaml"))


def data_files(repo: Path) -> list[Path]:
    return sorted((repo / "data").rglob("*.yaml"))


def replace(path: Path, pattern: str, new: str, rng: random.Random) -> None:
    """Replace one random match of `pattern` (a regular expression) in the file, if there is one."""
    if not path.exists():
        return
    text = path.read_text(encoding="utf-8")
    found = list(re.finditer(pattern, text, flags=re.MULTILINE))
    if found:
        hit = rng.choice(found)
        path.write_text(text[: hit.start()] + hit.expand(new) + text[hit.end() :], encoding="utf-8")


MEASURE_EDITS: list[tuple[str, str]] = [
    (r'date: "2020-11-15"', 'date: "2020-11-16"'),  # round-unknown
    (r'date: "2020-11-16"', 'date: "2020-11-15"'),
    (r'date: "2021-05-15"', 'date: "2021-05-17"'),
    (r"(\d+)/15 ", r"\1/16 "),  # a denominator the population does not have
    (r"(\d+)/14 ", r"\1/15 "),
    (r"(\d+)/16 ", r"\1/15 "),
    (r"(\d+)/1(\d) ", r"9\2/1\2 "),  # more than the whole
    (r"^title:", "titel:"),  # schema-unknown-field
    (r"^titel:", "title:"),
    (r'^number: "Tp (\d)\."', r'number: "Tp 1."'),  # the same number twice
    (r'^number: "Tp 1\."', r'number: "Tp 7."'),
    (r"^id: ex/tp0(\d)/(.*)$", r"id: ex/tp01/01-tiimimallit"),  # the same id twice
    (r"^id: .*$", "id: ex/tp02/02-chat"),
    (r"Seurantakyselyssä", "Kts. työpaketti 2. Seurantakyselyssä"),  # a reference to a group
    (r"käytössä", "käytössä 12.13.2021"),  # a broken date
    (r"\.\"$", '. Lisää."'),
]
GROUP_EDITS: list[tuple[str, str]] = [
    (r'^number: "1"', 'number: "3"'),
    (r'^number: "3"', 'number: "1"'),
    (r'^number: "2"', 'number: "1"'),
    (r"^benefit_goal: saatavuus", "benefit_goal: laatu"),
    (r"^benefit_goal: laatu", "benefit_goal: saatavuus"),
    (r"^title:", "otsikko:"),
    (r"^otsikko:", "title:"),
]
PROGRAMME_EDITS: list[tuple[str, str]] = [
    (r'  - \{date: "2021-05-15", label: Tilanne 15.5.2021\}\n', ""),
    (r"(  - \{date: \"2020-11-15\".*\n)", '\\1  - {date: "2021-05-15", label: Tilanne 15.5.2021}\n'),
    (r"size: 15", "size: 16"),
    (r"size: 16", "size: 15"),
    (r"count: 14", "count: 15"),
    (r"count: 15", "count: 14"),
    (r"aliases: \[HS 1\]", "aliases: [HS 1, HS 9]"),
]


def edit_measure(repo: Path, rng: random.Random) -> None:
    files = measures(repo)
    if files:
        replace(rng.choice(files), *rng.choice(MEASURE_EDITS), rng)


def edit_group(repo: Path, rng: random.Random) -> None:
    groups = sorted((repo / "data").rglob("_group.yaml"))
    if groups:
        replace(rng.choice(groups), *rng.choice(GROUP_EDITS), rng)


def edit_programme(repo: Path, rng: random.Random) -> None:
    replace(repo / "data/ex/programme.yaml", *rng.choice(PROGRAMME_EDITS), rng)


def same_size_edit(repo: Path, rng: random.Random) -> None:
    """An edit that keeps the size and sets the modification time back, as `touch -d` would."""
    files = data_files(repo)
    path = rng.choice(files)
    before = path.stat()
    text = path.read_text(encoding="utf-8")
    swaps = [("title:", "titlf:"), ("titlf:", "title:"), ("2020-11-15", "2020-11-16"), ("2020-11-16", "2020-11-15")]
    old, new = rng.choice([s for s in swaps if s[0] in text] or [("", "")])
    if old:
        path.write_text(text.replace(old, new, 1), encoding="utf-8")
        os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))


def rename(repo: Path, rng: random.Random) -> None:
    files = measures(repo)
    if files:
        path = rng.choice(files)
        folder = rng.choice([path.parent, path.parent.parent / rng.choice(sorted(GROUPS))])
        folder.mkdir(parents=True, exist_ok=True)
        path.rename(folder / f"{rng.randint(1, 9):02d}-{rng.choice(['uusi', 'siirretty', 'chat'])}.yaml")


def delete(repo: Path, rng: random.Random) -> None:
    files = data_files(repo)
    if len(files) > 2:
        rng.choice(files).unlink()


def restore(repo: Path, rng: random.Random) -> None:
    """Write back one of the original files (a measure, a group or the programme)."""
    which = rng.randrange(3)
    if which == 0:
        name = rng.choice(sorted(MEASURES))
        target, text = f"data/ex/{name}.yaml", measure_text(name, rng.randint(1, 3))
    elif which == 1:
        name = rng.choice(sorted(GROUPS))
        target, text = f"data/ex/{name}/_group.yaml", group_text(name)
    else:
        target, text = "data/ex/programme.yaml", PROGRAMME
    (repo / target).parent.mkdir(parents=True, exist_ok=True)
    (repo / target).write_text(text, encoding="utf-8")


def add_elsewhere(repo: Path, rng: random.Random) -> None:
    """A copy of a measure added to, or a measure removed from, some folder; half the time the folder's
    modification time is then set back, as `touch -d` would (its change time moves on regardless)."""
    files = measures(repo)
    folders = sorted({p.parent for p in data_files(repo)})
    if not files or not folders:
        return
    folder = rng.choice(folders)
    before = folder.stat()
    here = [p for p in files if p.parent == folder]
    if here and rng.random() < 0.4:
        rng.choice(here).unlink()
    else:
        source = rng.choice(files)
        (folder / f"{rng.randint(1, 99):02d}-kopio.yaml").write_bytes(source.read_bytes())
    if rng.random() < 0.5:
        os.utime(folder, ns=(before.st_atime_ns, before.st_mtime_ns))


def pause(repo: Path, rng: random.Random) -> None:
    """Let the tree age past the racy window, so that stat signatures and the stored listing are trusted."""
    if cache.RACY_NS <= SHORT_RACY_NS:
        time.sleep(cache.RACY_NS / 1e9 + 0.05)


def switch_branch(repo: Path, rng: random.Random) -> None:
    """Commit what is there, then check out another branch: every file it changes is rewritten."""
    commit(repo, "työ")
    current = git(repo, "branch", "--show-current")
    branches = [b for b in git(repo, "branch", "--format=%(refname:short)").split() if b != current]
    if not branches or rng.random() < 0.3:
        git(repo, "switch", "-q", "-c", f"haara{rng.randrange(10**6)}")
    else:
        git(repo, "switch", "-q", rng.choice(branches))


def cache_files(repo: Path) -> list[Path]:
    folder = repo / CACHE
    return sorted(folder.iterdir()) if folder.is_dir() else []


def sealed(body: bytes) -> bytes:
    return hashlib.blake2b(body, digest_size=16).hexdigest().encode() + b" " + body + b"\n"


def another_version(path: Path) -> bytes:
    """The same table, sealed as written by another version of the code."""
    stamp = cache.stamp().replace(f"{cache.VERSION}:", f"{cache.VERSION - 1}:", 1)
    raw = path.read_bytes()
    if path.suffix == ".log":
        rows = [cache._unseal(line) for line in raw.splitlines()]
        return b"".join(sealed(json.dumps([stamp, *row[1:]]).encode()) for row in rows if isinstance(row, list))
    body = raw.partition(b"\n")[2]
    return sealed(json.dumps([stamp, hashlib.blake2b(body, digest_size=16).hexdigest()]).encode()) + body


def corrupt(repo: Path, rng: random.Random) -> None:
    """Truncate, garble, delete, or give another version to one cache file."""
    files = cache_files(repo)
    if not files:
        return
    path = rng.choice(files)
    raw = path.read_bytes()
    how = rng.randrange(5)
    if how == 0:
        path.write_bytes(raw[: rng.randrange(len(raw) + 1)])
    elif how == 1:
        at = rng.randrange(len(raw) + 1)
        path.write_bytes(raw[:at] + bytes(rng.randrange(256) for _ in range(rng.randint(1, 8))) + raw[at + 8 :])
    elif how == 2:
        path.unlink()
    elif how == 3:
        path.write_bytes(another_version(path))
    else:
        path.write_text(rng.choice(["{}", "[1,2]", "null", '"x"', "roska{"]), encoding="utf-8")


def interrupted(repo: Path, rng: random.Random) -> None:
    """What a killed process leaves: a temp file half written, a log line cut short, an old-format file."""
    folder = repo / CACHE
    folder.mkdir(exist_ok=True)
    how = rng.randrange(3)
    if how == 0:
        (folder / f".validate.json.{rng.randrange(10**6)}.tmp").write_bytes(b'{"data/ex/')
    elif how == 1:
        with open(folder / rng.choice(["validate.log", "index.log"]), "ab") as log:
            log.write(b"0123456789abcdef0123456789abcdef [2,")
    else:
        (folder / "validate.json").write_text(json.dumps({"data/ex/programme.yaml": [[1, 2, 3], "x"]}))


STEPS_BY_WEIGHT: list[tuple[Callable[[Path, random.Random], None], int]] = [
    (edit_measure, 8),
    (edit_group, 3),
    (edit_programme, 3),
    (same_size_edit, 2),
    (rename, 1),
    (delete, 1),
    (restore, 3),
    (switch_branch, 1),
    (corrupt, 2),
    (interrupted, 1),
    (add_elsewhere, 2),
    (pause, 2),
]


def arguments(repo: Path, rng: random.Random) -> list[str]:
    """Nothing (the whole tree), or a few existing files as pre-commit names them."""
    if rng.random() < 0.5:
        return []
    named = [str(p.relative_to(repo)) for p in data_files(repo)] + [".seuranta.yaml"]
    return sorted(rng.sample(named, rng.randint(1, min(3, len(named)))))


def in_process(args: list[str], *, use_cache: bool) -> Outcome:
    done = seuranta("validate", "--format", "json", *([] if use_cache else ["--no-cache"]), *args)
    return done.code, json.loads(done.stdout) if done.code in (0, 1) else done.stderr


def whole_process(args: list[str], *, use_cache: bool) -> Outcome:
    command = [sys.executable, "-m", "seuranta", "validate", "--format", "json"]
    done = subprocess.run([*command, *([] if use_cache else ["--no-cache"]), *args], capture_output=True, text=True)
    return done.returncode, json.loads(done.stdout) if done.returncode in (0, 1) else done.stderr


def through_server(where: Path, args: list[str]) -> Outcome:
    """A cached run as the pre-commit hook makes it when a server of this code listens."""
    command = [sys.executable, "-m", "seuranta", "validate", "--format", "json", *args]
    done = subprocess.run(command, capture_output=True, text=True, env=environment(where, True))
    return done.returncode, json.loads(done.stdout) if done.returncode in (0, 1) else done.stderr


@pytest.fixture
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    yield from serving(tmp_path_factory)


@pytest.mark.parametrize("seed", SEEDS)
def test_the_cached_run_prints_what_the_uncached_run_prints(
    git_repo: Path, seed: int, monkeypatch: pytest.MonkeyPatch, server: Path
) -> None:
    if seed % 3 == 0:  # every third history on forked workers, as a national tree is checked
        monkeypatch.setattr(parallel, "MIN_FILES", 2)
    if seed % 3 == 2:
        monkeypatch.setattr(cache, "RACY_NS", SHORT_RACY_NS)
    rng = random.Random(seed)
    actions = [action for action, weight in STEPS_BY_WEIGHT for _ in range(weight)]
    history: list[str] = []
    codes: set[int] = set()
    for step in range(STEPS):
        action = rng.choice(actions)
        action(git_repo, rng)
        args = arguments(git_repo, rng)
        run = whole_process if step % 25 == 0 else in_process
        history.append(f"{action.__name__} {' '.join(args)}")
        cached = through_server(server, args) if args and step % 5 == 1 else run(args, use_cache=True)
        uncached = run(args, use_cache=False)
        assert cached == uncached, f"seed {seed}, step {step}: " + " | ".join(history[-6:])
        assert cached[0] in (0, 1), cached
        codes.add(cached[0])
    assert codes == {0, 1} or STEPS < 20  # the history made findings and cleared them
    assert runs(server) or STEPS < 20  # the server ran some of them
    assert watched_runs(server) or STEPS < 20  # some with the data folder held by its watch
