"""`seuranta national` at national scale: 22 region repositories, as ratios to a same-run floor.

    python benchmarks/national.py [--regions 22] [--work DIR]

`generate.py --regions N` writes one data repository per wellbeing services county (and
Helsinki), each committed in git. Every region is exported with `export --format parquet`, then
`seuranta national` reads the 22 exports, and again the 22 repositories directly (loading and
checking each). The floor is reading and parsing every data file of every region with libyaml's
C loader in one process; every figure is a whole process, start-up and imports included.
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import yaml

from run import Figure, Measured, _own_peak, git, report, seuranta, summarise, timed

HERE = Path(__file__).resolve().parent


def floor(roots: list[Path]) -> Figure:
    files = sorted(path for root in roots for path in (root / "data").rglob("*.yaml"))
    start = time.perf_counter()
    for path in files:
        yaml.load(path.read_bytes(), Loader=yaml.CSafeLoader)
    return Figure(f"floor: parse every file ({len(files)} files)", time.perf_counter() - start, _own_peak())


def commit(root: Path) -> None:
    git(root, "init", "-q", "-b", "main")
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", "data")


def exports(roots: list[Path], out: Path) -> tuple[Figure, list[Path]]:
    """Every region exported to Parquet; the figure is the slowest region's export."""
    figures, folders = [], []
    for root in roots:
        folder = out / root.name
        figures.append(timed("export", seuranta("export", "--format", "parquet", "--out", str(folder)), root))
        folders.append(folder)
    slowest = max(figures, key=lambda f: f.seconds)
    return Figure("1. export --format parquet, slowest region", slowest.seconds, slowest.peak_mib), folders


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--regions", type=int, default=22)
    parser.add_argument("--work", type=Path, default=None)
    args = parser.parse_args()
    work = args.work or Path(tempfile.mkdtemp(prefix="seuranta-national-"))
    command = [sys.executable, str(HERE / "generate.py"), str(work / "regions"), "--regions", str(args.regions)]
    subprocess.run(command, check=True)
    roots = sorted(p for p in (work / "regions").iterdir() if p.is_dir())
    for root in roots:
        commit(root)
    base = floor(roots)
    export_figure, folders = exports(roots, work / "parquet")
    database = work / "national.duckdb"
    figures = [
        export_figure,
        timed(f"2. national, {len(folders)} Parquet exports", seuranta("national", *map(str, folders)), work),
        timed(
            f"3. national --out, {len(folders)} exports",
            seuranta("national", *map(str, folders), "--out", str(database)),
            work,
        ),
        timed(f"4. national, {len(roots)} repositories read", seuranta("national", *map(str, roots)), work),
    ]
    floors = summarise([base])  # one run each: a region's export is slow
    print(report([Measured(summarise([f]), floors) for f in figures]))
    print(json.dumps({f.name: round(f.seconds, 2) for f in figures}))
    if args.work is None:
        shutil.rmtree(work)


if __name__ == "__main__":
    main()
