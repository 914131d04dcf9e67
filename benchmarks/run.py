"""Benchmark seuranta against a floor measured in the same run.

    python benchmarks/run.py [--measures 10000] [--work DIR]

The floor is reading and parsing every data file with libyaml's C loader in one
process. Every other figure is a whole process (interpreter start-up and imports
included), printed as wall seconds, the ratio to the floor and peak memory.
"""

from __future__ import annotations

import argparse
import json
import re
import resource
import shutil
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


def floor(root: Path) -> Figure:
    files = sorted((root / "data").rglob("*.yaml"))
    start = time.perf_counter()
    for path in files:
        yaml.load(path.read_bytes(), Loader=yaml.CSafeLoader)
    return Figure("floor: parse every file (libyaml C loader)", time.perf_counter() - start, _own_peak())


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


def scenarios(root: Path) -> list[Callable[[], Figure]]:
    measures = [
        str(p.relative_to(root))
        for p in sorted((root / "data").rglob("*.yaml"))
        if not p.name.startswith(("_", "programme"))
    ]
    peer = [str(BIN / "check-jsonschema"), "--schemafile", str(REPO / "schemas/measure.schema.json"), *measures]
    return [
        lambda: timed("1. cold validation, all rules (no cache)", seuranta("validate", "--no-cache"), root),
        lambda: _warm(root),
        lambda: _one_file(root),
        lambda: _diff(root),
        lambda: timed("5. summary", seuranta("summary"), root),
        lambda: timed("6. peer: check-jsonschema, schema only", peer, root),
    ]


def _warm(root: Path) -> Figure:
    subprocess.run(seuranta("validate"), cwd=root, capture_output=True, check=False)
    return timed("2. warm validation, nothing changed", seuranta("validate"), root)


def _one_file(root: Path) -> Figure:
    changed = edit_measures(root, 1)[0]
    return timed("3. pre-commit style: one changed file", seuranta("validate", str(changed.relative_to(root))), root)


def _diff(root: Path) -> Figure:
    git(root, "init", "-q", "-b", "main")
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", "base")
    edit_measures(root, 100)
    git(root, "commit", "-q", "-am", "100 changed")
    return timed("4. diff of 100 changed measures", seuranta("diff", "HEAD~1", "HEAD", "--format", "json"), root)


def report(figures: list[Figure], base: Figure) -> str:
    head = f"{'':<48} {'seconds':>8} {'× floor':>8} {'peak MiB':>9}"
    rows = [
        f"{figure.name:<48} {figure.seconds:8.2f} {figure.seconds / base.seconds:8.2f} {figure.peak_mib:9.0f}"
        for figure in [base, *figures]
    ]
    return "\n".join([head, *rows])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[1])
    parser.add_argument("--measures", type=int, default=10_000)
    parser.add_argument("--work", type=Path, default=None)
    args = parser.parse_args()
    work = args.work or Path(tempfile.mkdtemp(prefix="seuranta-bench-"))
    root = work / "repo"
    subprocess.run([sys.executable, str(HERE / "generate.py"), str(root), "--measures", str(args.measures)], check=True)
    base = floor(root)
    figures = []
    for scenario in scenarios(root):
        try:
            figures.append(scenario())
        except subprocess.CalledProcessError as err:
            print(f"skipped: {' '.join(map(str, err.cmd[3:5]))} failed", file=sys.stderr)
    print(report(figures, base))
    print(json.dumps({f.name: round(f.seconds / base.seconds, 3) for f in figures}))
    if args.work is None:
        shutil.rmtree(work)


if __name__ == "__main__":
    main()
