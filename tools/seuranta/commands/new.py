"""`seuranta new`: scaffold a measure file in a group, in the `fmt` layout, and validate it at once.

The file is data/<programme>/<group>/<NN>-<slug>.yaml: NN is one more than the
largest number in the group's file names (two digits at least), the slug is the
title in lowercase ASCII (ä → a, ö → o, å → a) with its words joined by '-',
at most 60 characters, cut at a word. The file gets the schema modeline for the
IDE, id, number, title and, when the programme has a round after today, that
round's empty status as a commented-out template: a status may not be dated in
the future (rule date-future), so the editor uncomments it and writes the text
on the round's day, or runs `seuranta status add`, which appends after it.
"""

from __future__ import annotations

import datetime
import os
import re
import sys
import unicodedata
from pathlib import Path
from typing import Any, NamedTuple, TextIO

from ruamel.yaml.comments import CommentedMap

from seuranta.commands import validate as validate_command
from seuranta.edit import roundtrip
from seuranta.files import atomic
from seuranta.files.listing import display
from seuranta.files.repo import find_root
from seuranta.model import config as config_mod
from seuranta.model import loader, resources
from seuranta.model.documents import GROUP_FILE, PROGRAMME_FILE
from seuranta.model.errors import UsageError
from seuranta.model.problem import Message

SLUG_LIMIT = 60
TEMPLATE = (
    "# Seuraava kierros: {label}. Poista #-merkit kolmelta alimmalta riviltä ja kirjoita tilanne\n"
    '# kierroksen päivänä (tai: seuranta status add {ident} --date {date} --text "…").\n'
    "# statuses:\n"
    "# - date: '{date}'\n"
    "#   text: …\n"
)

CREATED = Message("Luotu {path}", "Created {path}")
AWAITS = Message(
    "Seuraavan kierroksen ({date}) tilanteen pohja on riveillä {line}–{end}.",
    "The template of the next round's status ({date}) is on lines {line}–{end}.",
)
NO_PROGRAMME = Message(
    "ohjelmaa '{programme}' ei löydy ({path}). Ohjelmat: {known}.",
    "programme '{programme}' not found ({path}). Programmes: {known}.",
)
NO_GROUP = Message(
    "ryhmää '{group}' ei löydy ({path}). Ohjelman {programme} ryhmät: {known}.",
    "group '{group}' not found ({path}). Groups of {programme}: {known}.",
)
BAD_CHARACTER = Message(
    "{option}: merkki {column} on näkymätön ohjausmerkki tai kirjoitussuuntaa muuttava merkki {char}; poista se.",
    "{option}: character {column} is an invisible control or bidirectional character {char}; remove it.",
)
BAD_TITLE = Message(
    "nimestä '{title}' ei saa tiedostonimeä; siinä pitää olla kirjaimia tai numeroita.",
    "the title '{title}' gives no file name; it needs letters or digits.",
)

_FOLD = str.maketrans({"ä": "a", "ö": "o", "å": "a", "Ä": "a", "Ö": "o", "Å": "a"})
_NUMBERED = re.compile(r"([0-9]+)-")


class Options(NamedTuple):
    programme: str
    group: str
    title: str
    number: str | None
    lang: str
    today: datetime.date
    root: Path | None = None


def slug(title: str, limit: int = SLUG_LIMIT) -> str:
    """ "Fysioterapeutin suoravastaanottomalli" → "fysioterapeutin-suoravastaanottomalli"."""
    ascii_text = unicodedata.normalize("NFKD", title.translate(_FOLD)).encode("ascii", "ignore").decode("ascii")
    words = re.findall(r"[a-z0-9]+", ascii_text.lower())
    kept: list[str] = []
    for word in words:
        if kept and len("-".join([*kept, word])) > limit:
            break
        kept.append(word[:limit])
    return "-".join(kept)


def next_number(folder: Path) -> str:
    """One more than the largest NN- in the folder's file names, two digits at least."""
    taken = [int(m.group(1)) for p in folder.iterdir() if (m := _NUMBERED.match(p.name))]
    return f"{max(taken, default=0) + 1:02d}"


class Round(NamedTuple):
    date: str
    label: str


def next_round(programme: dict[str, Any], today: datetime.date) -> Round | None:
    """The first declared round after today, if any."""
    found = programme.get("rounds")
    declared = found if isinstance(found, list) else []
    later = sorted(
        Round(str(r.get("date")), str(r.get("label") or r.get("date")))
        for r in declared
        if isinstance(r, dict) and str(r.get("date")) > today.isoformat()
    )
    return later[0] if later else None


def render(ident: str, options: Options, upcoming: Round | None, modeline: str) -> str:
    measure = CommentedMap()
    measure["id"] = ident
    measure["number"] = options.number
    measure["title"] = options.title
    text = modeline + roundtrip.dump(measure)
    if upcoming is not None:
        text += TEMPLATE.format(label=upcoming.label, ident=ident, date=upcoming.date)
    return text


def _names(folder: Path, pattern: str) -> str:
    return ", ".join(sorted(p.parent.name for p in folder.glob(pattern))) or "-"


def execute(options: Options, out: TextIO | None = None) -> int:
    """Create the file, then validate it; an unknown programme or group is a usage error."""
    out = out or sys.stdout
    root = options.root or find_root(Path.cwd())
    data_dir = root / config_mod.load(root).config.data
    group = options.group.split("/")[-1]
    programme_file = data_dir / options.programme / PROGRAMME_FILE
    if not programme_file.is_file():
        known = _names(data_dir, f"*/{PROGRAMME_FILE}")
        raise UsageError(NO_PROGRAMME, programme=options.programme, path=display(programme_file, root), known=known)
    folder = data_dir / options.programme / group
    if not (folder / GROUP_FILE).is_file():
        known = _names(programme_file.parent, f"*/{GROUP_FILE}")
        shown = display(folder / GROUP_FILE, root)
        raise UsageError(NO_GROUP, group=options.group, path=shown, programme=options.programme, known=known)
    for option, value in (("--title", options.title), ("--number", options.number or "")):
        for found in loader.forbidden_characters(value):
            raise UsageError(BAD_CHARACTER, option=option, char=found.char, column=found.offset + 1)
    name = slug(options.title)
    if not name:
        raise UsageError(BAD_TITLE, title=options.title)
    path = folder / f"{next_number(folder)}-{name}.yaml"
    ident = path.relative_to(data_dir).with_suffix("").as_posix()
    programme = loader.load(programme_file).data
    upcoming = next_round(programme if isinstance(programme, dict) else {}, options.today)
    text = render(ident, options, upcoming, resources.modeline("measure", os.path.relpath(folder, root)))
    atomic.write_text(path, text)
    out.write(CREATED.text(options.lang).format(path=display(path, root)) + "\n")
    if upcoming is not None:
        end = text.count("\n")
        out.write(AWAITS.text(options.lang).format(date=upcoming.date, line=end - 2, end=end) + "\n")
    check = validate_command.Options(
        paths=(str(path),),
        format="text",
        lang=options.lang,
        strict=False,
        show_acknowledged=False,
        today=options.today,
        root=root,
    )
    return validate_command.execute(check, out)
