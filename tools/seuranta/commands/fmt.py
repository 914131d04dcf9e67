"""`seuranta fmt`: one layout for every data file, comments kept, loaded values never changed.

The layout and its guarantees are the round-trip writer's (`seuranta.edit.roundtrip`).
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import NamedTuple, TextIO

from seuranta.edit import checked
from seuranta.edit.roundtrip import format_bytes
from seuranta.files import atomic
from seuranta.files.listing import display, yaml_files
from seuranta.files.repo import find_root
from seuranta.model import config as config_mod
from seuranta.model import counts
from seuranta.model.documents import CONFIG_FILE, kind_of
from seuranta.model.errors import Exit
from seuranta.model.problem import Message
from seuranta.reporters import text as text_reporter
from seuranta.reporters.escaping import terminal

WOULD_CHANGE = Message("{path}: muotoilu muuttuisi", "{path}: would be reformatted")
CHANGED = Message("{path}: muotoiltu", "{path}: reformatted")
CHECK_FAILED = Message(
    "{changed}/{total} pitää muotoilla. Aja: {fix}",
    "{changed} of {total} would be reformatted. Run: {fix}",
)
CHECK_OK = Message("Kaikki {total} ovat muodossaan.", "All {total} are formatted.")
CHECK_OK_ONE = Message("Tiedosto on muodossaan.", "The file is formatted.")
WRITTEN = Message("{changed}/{total} muotoiltu.", "{changed} of {total} reformatted.")


# --- the command --------------------------------------------------------------------------------


class Options(NamedTuple):
    paths: tuple[str, ...]
    check: bool
    lang: str
    root: Path | None = None
    fix: str = "seuranta fmt"  # what the --check hint tells the user to run (a hook names its fixing hook)


def targets(root: Path, paths: tuple[str, ...]) -> list[Path]:
    """The given files and folders, else the data tree and `.seuranta.yaml`."""
    if paths:
        found: list[Path] = []
        for name in paths:
            path = Path(name)
            if not path.exists():
                raise FileNotFoundError(name)
            found.extend(yaml_files(path) if path.is_dir() else [path])
        return found
    config = config_mod.load(root).config
    data_dir = root / config.data
    found = yaml_files(data_dir) if data_dir.is_dir() else []
    return found + ([root / CONFIG_FILE] if (root / CONFIG_FILE).is_file() else [])


def execute(options: Options, out: TextIO | None = None) -> int:
    out = out or sys.stdout
    root = options.root or find_root(Path.cwd())
    files = targets(root, options.paths)
    config = config_mod.load(root).config
    changed, problems = 0, []
    for path in files:
        name = display(path, root)
        raw = path.read_bytes()
        outcome = format_bytes(name, raw, kind_of(path))
        problems += outcome.problems
        if outcome.text is None or outcome.text.encode("utf-8") == raw:
            continue
        if not options.check:
            refused = checked.guard(checked.target(root, path, config), data_only=False)
            problems += refused
            if refused:
                continue
            atomic.write_text(path.resolve(), outcome.text)  # a link stays a link
        changed += 1
        out.write((WOULD_CHANGE if options.check else CHANGED).text(options.lang).format(path=terminal(name)) + "\n")
    for problem in problems:
        out.write(text_reporter.line(problem, options.lang) + "\n")
    return _summary(options, out, changed=changed, total=len(files), failed=bool(problems))


def _summary(options: Options, out: TextIO, *, changed: int, total: int, failed: bool) -> int:
    if options.check and changed:
        message = CHECK_FAILED
    elif options.check:
        message = CHECK_OK_ONE if total == 1 else CHECK_OK
    else:
        message = WRITTEN
    files = counts.FILES.counted(total, options.lang)
    out.write(message.text(options.lang).format(changed=changed, total=files, fix=options.fix) + "\n")
    return Exit.FINDINGS if failed or (options.check and changed) else Exit.OK
