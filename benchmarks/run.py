"""Benchmark seuranta against a floor measured in the same run.

    python benchmarks/run.py [--measures 10000] [--repeat 3] [--work DIR] [--profile] [--only 2,3] [--distinct]

The floor is reading and parsing every data file with libyaml's C loader in one
process. The generated tree is committed to a new git repository first, as the work tree
pre-commit runs in (scenario 3 edits one file without committing it; scenario 4 commits
100 changed measures and diffs the two commits; scenario 8 is scenario 3 with `seuranta server`
running, as the pre-commit hook leaves one; every other scenario runs with SEURANTA_SERVER=0). Every other figure is a whole process (interpreter start-up and imports
included). Each is run `--repeat` times, the floor measured again just before each run (this
machine's speed drifts from minute to minute), and printed as the median wall seconds with the
minimum and maximum, the median's ratio to the median of the floor's runs made beside its own, and
the median peak memory; the floor's row holds every floor run.
check-jsonschema (schema only) and yamllint (YAML syntax and style) are the peers.
`--profile` then validates the tree once more in this process, on one core, under cProfile,
and prints where the time goes: by stage and rule, then the functions that cost most. `--only`
runs the scenarios of those numbers alone (each with its floor).
"""

from __future__ import annotations

import argparse
import cProfile
import json
import os
import pstats
import re
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import NamedTuple

import yaml

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
BIN = Path(sys.executable).parent


class Figure(NamedTuple):
    name: str
    seconds: float
    peak_mib: float


class Summary(NamedTuple):
    """Several runs of one figure: the median, the range and the median peak."""

    name: str
    median: float
    low: float
    high: float
    peak_mib: float
    runs: tuple[float, ...]  # every run's seconds


def summarise(runs: list[Figure]) -> Summary:
    seconds = tuple(run.seconds for run in runs)
    peak = statistics.median(run.peak_mib for run in runs)
    return Summary(runs[0].name, statistics.median(seconds), min(seconds), max(seconds), peak, seconds)


FLOOR = "floor: parse every file (libyaml C loader)"


def floor(root: Path) -> Figure:
    files = sorted((root / "data").rglob("*.yaml"))
    start = time.perf_counter()
    for path in files:
        yaml.load(path.read_bytes(), Loader=yaml.CSafeLoader)
    return Figure(FLOOR, time.perf_counter() - start, _own_peak())


def _own_peak() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def timed(name: str, command: list[str], cwd: Path) -> Figure:
    """Wall time and peak memory of one whole process."""
    probe = (
        "import resource, subprocess, sys, time; s = time.perf_counter(); "
        "subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL); "
        "print(time.perf_counter() - s, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)"
    )
    out = subprocess.run([sys.executable, "-c", probe, *command], cwd=cwd, capture_output=True, text=True, check=True)
    seconds, peak = out.stdout.split()
    return Figure(name, float(seconds), int(peak) / 1024)


def seuranta(*args: str) -> list[str]:
    return [str(BIN / "seuranta"), *args]


# Scenario 8 uses a server in a folder of its own; every other scenario runs without one.
SERVER_DIR = tempfile.mkdtemp(prefix="seuranta-bench-server-")
os.environ["SEURANTA_SERVER_DIR"] = SERVER_DIR
os.environ["SEURANTA_SERVER"] = "0"


def git(root: Path, *args: str) -> None:
    subprocess.run(
        ["git", "-c", "user.name=bench", "-c", "user.email=bench@example.invalid", *args],
        cwd=root,
        check=True,
        capture_output=True,
    )


STATUS_TEXT = re.compile(r"\n  text: (?=[^|>'\"\s])")


def edit_measures(root: Path, count: int) -> list[Path]:
    """Change the first status text of `count` measures spread over the tree, as an editor would."""
    measures = [p for p in sorted((root / "data").rglob("*.yaml")) if p.name not in ("programme.yaml", "_group.yaml")]
    files = [p for p in measures if STATUS_TEXT.search(p.read_text(encoding="utf-8"))]
    chosen = files[:: max(1, len(files) // count)][:count]
    for path in chosen:
        text = path.read_text(encoding="utf-8")
        path.write_text(STATUS_TEXT.sub("\n  text: Päivitetty. ", text, count=1), encoding="utf-8")
    return chosen


def _nothing() -> None:
    return None


class Scenario(NamedTuple):
    """A figure: `once` prepares the tree, `before` runs before every repetition (untimed), `after` once
    after the last."""

    name: str
    command: Callable[[], list[str]]
    once: Callable[[], None] = _nothing
    before: Callable[[], None] = _nothing
    after: Callable[[], None] = _nothing
    served: bool = False  # run with a server (SEURANTA_SERVER unset); every other scenario bypasses it


def scenarios(root: Path) -> list[Scenario]:
    measures = [
        str(p.relative_to(root))
        for p in sorted((root / "data").rglob("*.yaml"))
        if not p.name.startswith(("_", "programme"))
    ]
    peer = [str(BIN / "check-jsonschema"), "--schemafile", str(REPO / "schemas/measure.schema.json"), *measures]
    lint = [str(BIN / "yamllint"), "--no-warnings", "-d", "relaxed", "data"]
    changed: list[str] = []
    return [
        Scenario("1. cold validation, all rules (no cache)", lambda: seuranta("validate", "--no-cache")),
        Scenario(
            "2. warm validation, nothing changed",
            lambda: seuranta("validate"),
            once=lambda: _quiet(seuranta("validate"), root),
        ),
        Scenario(  # in the work tree of the generated tree's commit, the edit not committed, as pre-commit runs
            "3. pre-commit style: one changed file",
            lambda: seuranta("validate", *changed),
            once=lambda: _warm_then_edit(root, changed),
            before=lambda: _touch_first(root),
        ),
        Scenario(
            "4. diff of 100 changed measures",
            lambda: seuranta("diff", "HEAD~1", "HEAD", "--format", "json"),
            once=lambda: _commit_changes(root),
        ),
        Scenario("5. summary", lambda: seuranta("summary")),
        Scenario("6. peer: check-jsonschema, schema only", lambda: peer),
        Scenario("7. peer: yamllint, syntax and style (relaxed)", lambda: lint),
        Scenario(  # scenario 3 with `seuranta server` running, as the pre-commit hook leaves one
            "8. one changed file, server running",
            lambda: seuranta("validate", *changed),
            once=lambda: _serve(root, changed),
            before=lambda: _touch_first(root),
            after=lambda: _quiet(seuranta("server", "stop"), root),
            served=True,
        ),
    ]


def _quiet(command: list[str], root: Path) -> None:
    subprocess.run(command, cwd=root, capture_output=True, check=False)


def _warm_then_edit(root: Path, changed: list[str]) -> None:
    """A cache as earlier commits left it (a whole run, as scenario 2 makes), then one measure edited."""
    _quiet(seuranta("validate"), root)
    changed.append(str(edit_measures(root, 1)[0].relative_to(root)))


def _serve(root: Path, changed: list[str]) -> None:
    """Scenario 3's tree and cache, and a server started for the runs."""
    if not changed:
        _warm_then_edit(root, changed)
    subprocess.run(seuranta("server", "start"), cwd=root, capture_output=True, check=True)


def _touch_first(root: Path) -> None:
    """Change the same status text again, so that every repetition checks one changed file."""
    edit_measures(root, 1)


def commit_tree(root: Path) -> None:
    """The generated tree as the first commit of a new repository: pre-commit runs in a git work tree."""
    git(root, "init", "-q", "-b", "main")
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", "base")


def _commit_changes(root: Path) -> None:
    edit_measures(root, 100)
    git(root, "commit", "-q", "-am", "100 changed")


class Measured(NamedTuple):
    """A scenario's runs and the floor's runs made beside them, one before each."""

    figure: Summary
    floor: Summary


def measure(scenario: Scenario, root: Path, repeat: int) -> Measured:
    """The scenario run `repeat` times, the floor measured again just before each run: this machine's speed
    drifts from one minute to the next, and a ratio to a floor measured minutes earlier would carry the drift."""
    os.environ["SEURANTA_SERVER"] = "1" if scenario.served else "0"
    try:
        scenario.once()
        runs, floors = [], []
        for _ in range(repeat):
            scenario.before()
            floors.append(floor(root))
            runs.append(timed(scenario.name, scenario.command(), root))
    finally:
        scenario.after()
        os.environ["SEURANTA_SERVER"] = "0"
    return Measured(summarise(runs), summarise(floors))


def _rows(figures: list[Measured]) -> list[tuple[Summary, float]]:
    """The floor (every run of it) and each scenario, with its median's ratio to the median of the floor's runs
    made beside its own."""
    base = summarise([Figure(FLOOR, seconds, m.floor.peak_mib) for m in figures for seconds in m.floor.runs])
    return [(base, 1.0), *((m.figure, m.figure.median / m.floor.median) for m in figures)]


def report(figures: list[Measured]) -> str:
    head = f"{'':<48} {'seconds':>8} {'min–max':>13} {'× floor':>8} {'peak MiB':>9}"
    rows = [
        f"{f.name:<48} {f.median:8.2f} {f.low:6.2f}–{f.high:<6.2f} {ratio:8.2f} {f.peak_mib:9.0f}"
        for f, ratio in _rows(figures)
    ]
    return "\n".join([head, *rows])


def markdown(figures: list[Measured]) -> str:
    """The table as the README quotes it."""
    rows = ["| scenario | seconds (median) | min–max | × floor | peak MiB |", "| --- | ---: | ---: | ---: | ---: |"]
    rows += [
        f"| {f.name} | {f.median:.2f} | {f.low:.2f}–{f.high:.2f} | {ratio:.2f} | {f.peak_mib:.0f} |"
        for f, ratio in _rows(figures)
    ]
    return "\n".join(rows)


def profile(root: Path) -> str:
    """Validate the tree once in this process, on one core, and say where the time went."""
    from seuranta.check import parallel
    from seuranta.cli import main as cli

    parallel.MIN_FILES = sys.maxsize
    here = Path.cwd()
    os.chdir(root)
    profiler = cProfile.Profile()
    try:
        profiler.runcall(_run_cli, cli, ["validate", "--no-cache", "--format", "json"])
    finally:
        os.chdir(here)
    stats = pstats.Stats(profiler)
    return "\n".join([_stages(stats), "", _top(stats)])


def _run_cli(cli: Callable[[list[str]], object], args: list[str]) -> None:
    with open(os.devnull, "w", encoding="utf-8") as sink:
        saved, sys.stdout = sys.stdout, sink
        try:
            cli(args)
        except SystemExit:
            pass
        finally:
            sys.stdout = saved


STAGES = {
    "load (model/loader.py)": ("seuranta/model/loader.py", "load"),
    "schema (check/schema.py)": ("seuranta/check/schema.py", "check"),
    "acknowledgements (check/engine.py)": ("seuranta/check/engine.py", "acknowledge"),
    "report (reporters/json.py)": ("seuranta/reporters/json.py", "report"),
}


def _stages(stats: pstats.Stats) -> str:
    """Cumulative seconds of each stage and of each rule's check()."""
    table = stats.stats  # type: ignore[attr-defined]
    total = max(entry[3] for entry in table.values())
    rows = []
    for (file, _, function), entry in table.items():
        name = next(
            (stage for stage, (where, func) in STAGES.items() if file.endswith(where) and function == func), None
        )
        if name is None and "/seuranta/rules/" in file and function == "check":
            name = "rule " + Path(file).stem.replace("_", "-")
        if name is not None:
            rows.append((entry[3], name))
    lines = [f"where the time goes (one core, cProfile; {total:.1f} s in all):"]
    lines += [
        f"  {seconds:7.2f} s {100 * seconds / total:5.1f} %  {name}" for seconds, name in sorted(rows, reverse=True)
    ]
    return "\n".join(lines)


def _top(stats: pstats.Stats) -> str:
    table = stats.stats  # type: ignore[attr-defined]
    rows = sorted(((entry[2], file, line, function) for (file, line, function), entry in table.items()), reverse=True)
    lines = ["functions by own time:"]
    lines += [f"  {own:7.2f} s  {_short(file)}:{line}({function})" for own, file, line, function in rows[:25]]
    return "\n".join(lines)


def _short(file: str) -> str:
    return file.split("/tools/", 1)[-1] if "/tools/" in file else Path(file).name


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[1])
    parser.add_argument("--measures", type=int, default=10_000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--work", type=Path, default=None)
    parser.add_argument("--profile", action="store_true", help="also print where cold validation spends its time")
    parser.add_argument("--only", default="", help="the numbers of the scenarios to run, e.g. 2,3 (default: all)")
    parser.add_argument("--distinct", action="store_true", help="every clone's texts its own (generate.py --distinct)")
    args = parser.parse_args()
    work = args.work or Path(tempfile.mkdtemp(prefix="seuranta-bench-"))
    root = work / "repo"
    generate = [sys.executable, str(HERE / "generate.py"), str(root), "--measures", str(args.measures)]
    subprocess.run(generate + (["--distinct"] if args.distinct else []), check=True)
    commit_tree(root)
    # An installed package has its bytecode; without it (PYTHONDONTWRITEBYTECODE) every process would compile
    # every module again, which no user's run does.
    subprocess.run([sys.executable, "-m", "compileall", "-q", str(REPO / "tools")], check=True)
    figures = []
    only = {int(number) for number in args.only.split(",") if number.strip()}
    for number, scenario in enumerate(scenarios(root), start=1):
        if only and number not in only:
            continue
        try:
            figures.append(measure(scenario, root, args.repeat))
        except subprocess.CalledProcessError as err:
            print(f"skipped: {' '.join(map(str, err.cmd[3:5]))} failed", file=sys.stderr)
    if not figures:
        raise SystemExit("no scenario was measured")
    print(report(figures))
    print()
    print(markdown(figures))
    print(json.dumps({f.name: round(ratio, 3) for f, ratio in _rows(figures)[1:]}))
    if args.profile:
        print()
        print(profile(root))
    if args.work is None:
        shutil.rmtree(work)
    shutil.rmtree(SERVER_DIR, ignore_errors=True)


if __name__ == "__main__":
    main()
