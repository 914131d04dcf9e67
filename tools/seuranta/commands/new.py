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
from seuranta.edit import checked, roundtrip
from seuranta.files.listing import display
from seuranta.files.repo import find_root
from seuranta.model import config as config_mod
from seuranta.model import loader, resources
from seuranta.model.documents import GROUP_FILE, PROGRAMME_FILE
from seuranta.model.errors import Exit, UsageError
from seuranta.model.problem import Message
from seuranta.reporters import text as text_reporter

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
NO_ROUND_LEFT = Message(
    "Ohjelman {programme} kaikki kierrokset ovat menneet, joten tilanteen pohjaa ei lisätty. Lisää tilanne "
    "käsin tai lisää uusi kierros ohjelmatiedostoon (rounds).",
    "Every round of programme {programme} is past, so no status template was added. Add a status by hand "
    "or add a new round to the programme file (rounds).",
)
BAD_ID = Message(
    "{option} '{value}': tunniste on pienin kirjaimin a–z, numeroin ja yhdysmerkein (esim. pirsote, tp09), ei polku.",
    "{option} '{value}': an id is lowercase letters a–z, digits and hyphens (e.g. pirsote, tp09), not a path.",
)
BAD_TITLE = Message(
    "nimestä '{title}' ei saa tiedostonimeä; siinä pitää olla kirjaimia tai numeroita.",
    "the title '{title}' gives no file name; it needs letters or digits.",
)

_FOLD = str.maketrans({"ä": "a", "ö": "o", "å": "a", "Ä": "a", "Ö": "o", "Å": "a"})
_NUMBERED = re.compile(r"([0-9]+)-")
SLUG = re.compile(r"[a-z0-9][a-z0-9-]*\Z")


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


def _ident_option(option: str, value: str) -> str:
    """A programme or group id as given: one slug (a group may be written programme/group)."""
    name = value.split("/")[-1] if option == "--group" else value
    if not SLUG.match(name):
        raise UsageError(BAD_ID, option=option, value=value)
    return name


def _folder(options: Options, root: Path, data_dir: Path) -> tuple[Path, Path]:
    """The programme file and the group folder; an unknown programme or group is a usage error."""
    programme = _ident_option("--programme", options.programme)
    group = _ident_option("--group", options.group)
    programme_file = data_dir / programme / PROGRAMME_FILE
    if not programme_file.is_file():
        known = _names(data_dir, f"*/{PROGRAMME_FILE}")
        raise UsageError(NO_PROGRAMME, programme=options.programme, path=display(programme_file, root), known=known)
    folder = data_dir / programme / group
    if not (folder / GROUP_FILE).is_file():
        known = _names(programme_file.parent, f"*/{GROUP_FILE}")
        shown = display(folder / GROUP_FILE, root)
        raise UsageError(NO_GROUP, group=options.group, path=shown, programme=options.programme, known=known)
    return programme_file, folder


def _check_characters(options: Options) -> None:
    for option, value in (("--title", options.title), ("--number", options.number or "")):
        for found in loader.forbidden_characters(value):
            raise UsageError(BAD_CHARACTER, option=option, char=found.char, column=found.offset + 1)


def execute(options: Options, out: TextIO | None = None) -> int:
    """Create the file when it adds no error, then validate it; an unknown programme or group is a usage error."""
    out = out or sys.stdout
    root = options.root or find_root(Path.cwd())
    config = config_mod.load(root).config
    data_dir = root / config.data
    programme_file, folder = _folder(options, root, data_dir)
    _check_characters(options)
    name = slug(options.title)
    if not name:
        raise UsageError(BAD_TITLE, title=options.title)
    path = folder / f"{next_number(folder)}-{name}.yaml"
    ident = path.relative_to(data_dir).with_suffix("").as_posix()
    programme = loader.load(programme_file).data
    upcoming = next_round(programme if isinstance(programme, dict) else {}, options.today)
    text = render(ident, options, upcoming, resources.modeline("measure", os.path.relpath(folder, root)))
    refused = checked.write(checked.target(root, path, config), text, options.today)
    if refused:
        for problem in refused:
            out.write(text_reporter.line(problem, options.lang) + "\n")
        if refused[0].rule != checked.GUARD_RULE:
            out.write(checked.refusal_note(len(refused), options.lang) + "\n")
        return Exit.FINDINGS
    out.write(CREATED.text(options.lang).format(path=display(path, root)) + "\n")
    if upcoming is not None:
        end = text.count("\n")
        out.write(AWAITS.text(options.lang).format(date=upcoming.date, line=end - 2, end=end) + "\n")
    else:
        out.write(NO_ROUND_LEFT.text(options.lang).format(programme=programme_file.parent.name) + "\n")
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
