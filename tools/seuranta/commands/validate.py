"""`seuranta validate`: schema and rules over the whole tree or the given paths."""

from __future__ import annotations

import datetime
import sys
from pathlib import Path
from typing import NamedTuple, TextIO

from seuranta import config as config_mod
from seuranta import engine
from seuranta.checking import check_tree
from seuranta.problem import Problem
from seuranta.repo import display, find_root, yaml_files
from seuranta.reporters import ReportOptions, reporter_by_name
from seuranta.rules import Context

EXIT_OK = 0
EXIT_FINDINGS = 1
EXIT_USAGE = 2


class Options(NamedTuple):
    paths: tuple[str, ...]
    format: str
    lang: str
    strict: bool
    show_acknowledged: bool
    today: datetime.date
    use_cache: bool = True
    root: Path | None = None


def _expand(paths: tuple[str, ...]) -> list[Path]:
    found: list[Path] = []
    for name in paths:
        path = Path(name)
        found.extend(yaml_files(path) if path.is_dir() else [path])
    missing = [str(p) for p in found if not p.is_file()]
    if missing:
        raise FileNotFoundError(", ".join(missing))
    return found


def _config_problems(doc: engine.Document | None, config: config_mod.Config, today: datetime.date) -> list[Problem]:
    if doc is None:
        return []
    return engine.check_document(doc, Context(engine.build([]), config, today))


def execute(options: Options, out: TextIO | None = None) -> int:
    root = options.root or find_root(Path.cwd())
    config_doc, config = config_mod.load(root)
    wanted = _expand(options.paths)
    targets = [display(p, root) for p in wanted] if wanted else None
    result = check_tree(root, config, targets=targets, extra=wanted, today=options.today, use_cache=options.use_cache)
    if targets is None and config_doc is not None:
        extra = _config_problems(config_doc, config, options.today)
        result = engine.Result(sorted(result.problems + extra, key=Problem.sort_key), result.files + 1)
    reporter_by_name()[options.format](result, ReportOptions(options.lang, options.show_acknowledged), out or sys.stdout)
    return EXIT_FINDINGS if engine.failed(result, strict=options.strict) else EXIT_OK
