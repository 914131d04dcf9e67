"""`seuranta validate`: schema and rules over the whole tree or the given paths."""

from __future__ import annotations

import datetime
import sys
from pathlib import Path
from typing import NamedTuple, TextIO

from seuranta import config as config_mod
from seuranta import engine
from seuranta.documents import Document
from seuranta.reporters import ReportOptions, reporter_by_name
from seuranta.repo import find_root, yaml_files

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
    root: Path | None = None


def _expand(paths: tuple[str, ...]) -> list[Path]:
    found: list[Path] = []
    for name in paths:
        path = Path(name)
        found.extend(yaml_files(path) if path.is_dir() else [path])
    return found


def _targets(tree: engine.Tree, wanted: list[Path], root: Path, config_doc: Document | None) -> list[Document]:
    if not wanted:
        return tree.docs + ([config_doc] if config_doc else [])
    resolved = {p.resolve() for p in wanted}
    return [d for d in tree.docs if (root / d.path).resolve() in resolved]


def execute(options: Options, out: TextIO | None = None) -> int:
    out = out or sys.stdout
    root = options.root or find_root(Path.cwd())
    config_doc = config_mod.read_config(root)
    config = config_mod.from_data(config_doc.data) if config_doc and isinstance(config_doc.data, dict) else config_mod.Config()
    wanted = _expand(options.paths)
    missing = [str(p) for p in wanted if not p.exists()]
    if missing:
        raise FileNotFoundError(", ".join(missing))
    tree = engine.load_tree(root, config, wanted)
    result = engine.validate(_targets(tree, wanted, root, config_doc), tree.model, config, options.today)
    reporter_by_name()[options.format](result, ReportOptions(options.lang, options.show_acknowledged), out)
    return EXIT_FINDINGS if engine.failed(result, strict=options.strict) else EXIT_OK
