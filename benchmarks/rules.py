"""What the rules cost on one core, without a profiler: each rule's own seconds over a whole tree.

    python benchmarks/rules.py ROOT [--top 25] [--repeat 3] [--plain]

Loads every listed file of ROOT once and builds the index (not timed), then runs the engine's rule loop
over every file as `check/engine.py` does (a rule passed over where the file lacks what it needs, each
rule's hits made into findings, then the acknowledgements), timing each rule and `acknowledge()`. The prose
readings a text's first reader makes are charged to that reader, as in a real run, and the marks the loader
finds again for a file's first finding to the rule that placed it. Each repetition starts cold (no marks,
readings or cached answers kept); the least of each figure is printed, the machine's noise being one-sided.
The loaded tree is frozen out of the collector's way, as a worker freezes what it loaded. With `--plain`
only the engine's loop as a whole is timed, in CPU seconds, with nothing measured inside it.
"""

from __future__ import annotations

import argparse
import datetime
import gc
import sys
import time
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType
from typing import Any, NamedTuple

from seuranta.check import engine
from seuranta.check.tree import load_tree
from seuranta.model import config as config_mod
from seuranta.model import loader
from seuranta.model.documents import Document
from seuranta.model.problem import Message, Problem
from seuranta.prose import facts
from seuranta.rules import Context, context, support


def _problems(doc: Document, ctx: Context, rule: ModuleType, severity: str, needs: int) -> Iterator[Problem]:
    """`engine.rule_problems()` of one rule."""
    if needs and not needs & support.holds(doc, ctx):
        return
    messages: dict[Any, Message] = {}
    for (line, column), fields, match in rule.check(doc, ctx):
        message = engine._message(rule.MESSAGE, fields, messages)
        yield Problem(doc.path, line, column, rule.ID, severity, message, match)


def _time_marks() -> list[int]:
    """Count the time the loader spends finding the marks of a file's findings (walking its text to each, or
    parsing it again for every node's)."""
    spent = [0]
    plain = loader._Positions.mark

    def timed(self: loader._Positions, path: Any, *, keys: bool) -> int | None:
        start = time.perf_counter_ns()
        try:
            return plain(self, path, keys=keys)
        finally:
            spent[0] += time.perf_counter_ns() - start

    loader._Positions.mark = timed  # type: ignore[method-assign]
    return spent


def _forget(docs: list[Document]) -> None:
    """Start the next repetition cold: no marks found, no reading kept, no cached answer."""
    for doc in docs:
        loader.forget_positions(doc.parsed)
    facts._KEPT.forget()
    for name, module in list(sys.modules.items()):
        if name.startswith(("seuranta.prose", "seuranta.rules")):
            for value in vars(module).values():
                if callable(getattr(value, "cache_clear", None)):
                    value.cache_clear()


class Figures(NamedTuple):
    total: int  # nanoseconds in the rules and acknowledgements
    cpu: float  # the process's CPU seconds over the loop
    marks: int
    spent: Counter[str]
    placing: Counter[str]
    found: Counter[str]


def _loop(docs: list[Document], ctx: Context, marks: list[int]) -> Figures:
    marks[0] = 0
    figures = Figures(0, time.process_time(), 0, Counter(), Counter(), Counter())
    clock = time.perf_counter_ns
    for doc in docs:
        file_ctx = ctx.for_file()
        problems = []
        for rule, severity, *needs in engine._enabled(doc.kind, file_ctx):
            start, before = clock(), marks[0]
            got = list(_problems(doc, file_ctx, rule, severity, needs[0] if needs else 0))
            figures.spent[rule.ID] += clock() - start
            figures.placing[rule.ID] += marks[0] - before
            figures.found[rule.ID] += len(got)
            problems += got
        start = clock()
        engine.acknowledge(doc, problems, ctx.config)
        figures.spent["(acknowledge)"] += clock() - start
    cpu = time.process_time() - figures.cpu
    return figures._replace(total=sum(figures.spent.values()), cpu=cpu, marks=marks[0])


def _plain_loop(docs: list[Document], ctx: Context) -> float:
    """The CPU seconds of the engine's own loop over every file, nothing timed inside it."""
    cpu = time.process_time()
    for doc in docs:
        file_ctx = ctx.for_file()
        engine.acknowledge(doc, list(engine.rule_problems(doc, file_ctx)), ctx.config)
    return time.process_time() - cpu


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("root", type=Path)
    parser.add_argument("--top", type=int, default=25)
    parser.add_argument("--repeat", type=int, default=1, help="repetitions, each cold; the least of each figure")
    parser.add_argument("--plain", action="store_true", help="time only the whole loop, uninstrumented (CPU)")
    args = parser.parse_args()
    loaded = config_mod.load(args.root)
    tree = load_tree(args.root, loaded.config)
    docs = [doc for doc in tree.docs if doc.data is not None]
    gc.freeze()  # as a worker does once it has loaded its files (check/parallel.py)
    if args.plain:
        seconds = []
        for _ in range(args.repeat):
            _forget(docs)
            seconds.append(_plain_loop(docs, context(tree.model, loaded.config, datetime.date.today())))
        shown = ", ".join(f"{s:.2f}" for s in seconds)
        print(f"{len(docs)} files; rules and acknowledgements {min(seconds):.2f} CPU seconds (runs: {shown})")
        return
    marks = _time_marks()
    runs = []
    for _ in range(args.repeat):
        _forget(docs)
        runs.append(_loop(docs, context(tree.model, loaded.config, datetime.date.today()), marks))
    best = min(runs, key=lambda run: run.total)
    spent = Counter({ident: min(run.spent[ident] for run in runs) for ident in best.spent})
    totals = ", ".join(f"{run.total / 1e9:.2f}" for run in runs)
    cpu = ", ".join(f"{run.cpu:.2f}" for run in runs)
    print(f"{len(docs)} files; rules and acknowledgements {best.total / 1e9:.2f} s (runs: {totals}; CPU: {cpu})")
    print(f"of which the marks of files with findings (model/loader.py) {min(r.marks for r in runs) / 1e9:.2f} s")
    print(f"{'rule':<28} {'seconds':>9} {'marks':>7} {'findings':>9}")
    for ident, ns in spent.most_common(args.top):
        placed = min(run.placing[ident] for run in runs)
        print(f"{ident:<28} {ns / 1e9:7.3f} s {placed / 1e9:7.3f} {best.found[ident]:9d}")


if __name__ == "__main__":
    main()
