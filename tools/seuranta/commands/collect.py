"""`seuranta collect`: a fill-in workbook for one reporting round (`tables/collection.py`).

Every measure of the programmes that declare the round gets a row with its last two statuses as
context and an empty cell for the new one; `seuranta import xlsx` takes the filled cells back as
new statuses. Every henkilötunnus in the context is masked; the workbook is written atomically.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import NamedTuple, TextIO

from seuranta.check import tree as tree_mod
from seuranta.files.repo import find_root
from seuranta.model import config as config_mod
from seuranta.model import counts
from seuranta.model.errors import Exit, UsageError
from seuranta.model.isodate import iso_date
from seuranta.model.problem import Message
from seuranta.prose import personal
from seuranta.reporters.escaping import terminal_lines
from seuranta.tables import collection, tidy

NO_ROUND = Message(
    "Kierros '{round}' ei ole minkään ohjelman raportointikierros. Kierrokset: {rounds}.",
    "'{round}' is no programme's reporting round. Rounds: {rounds}.",
)
NO_PROGRAMME = Message("Ohjelmaa ei löydy: {programmes}", "No such programme: {programmes}")
WRITTEN = Message(
    "Keräystaulukko {path}: kierros {label} ({date}), {count} ({programmes}).\n",
    "Collection workbook {path}: round {label} ({date}), {count} ({programmes}).\n",
)


class Options(NamedTuple):
    round: str
    out: Path
    programmes: tuple[str, ...] = ()
    root: Path | None = None
    lang: str = "fi"


def _round(programmes: list[tidy.Programme], given: str) -> tuple[str, str]:
    """The round's date and label, from the first programme that declares it."""
    date = iso_date(given) or given
    for programme in programmes:
        for round_ in programme.rounds:
            if round_.date == date:
                return date, round_.label
    known = sorted({r.date for p in programmes for r in p.rounds})
    raise UsageError(NO_ROUND, round=given, rounds=", ".join(known))


def execute(options: Options, out: TextIO | None = None) -> int:
    echo = out or sys.stdout
    root = options.root or find_root(Path.cwd())
    tree = tree_mod.load_tree(root, config_mod.load(root).config, positions=False)
    unknown = [p for p in options.programmes if p not in tree.model.programmes]
    if unknown:
        raise UsageError(NO_PROGRAMME, programmes=", ".join(unknown))
    programmes = personal.redacted(tidy.catalog(tree.model, options.programmes))
    date, label = _round(programmes, options.round)
    count = collection.write(options.out, programmes, date, label)
    chosen = ", ".join(p.id for p in programmes if date in {r.date for r in p.rounds})
    measures = counts.MEASURES.counted(count, options.lang)
    line = WRITTEN.text(options.lang).format(
        path=options.out, label=label, date=date, count=measures, programmes=chosen
    )
    echo.write(terminal_lines(line))
    return Exit.OK
