"""`seuranta import xlsx`: a returned `seuranta collect` workbook, or a monitoring table, into YAML.

A collection workbook (`tables/collection.py`, recognised by its hidden sheet) appends each
filled cell as its round's status with `status add`'s writer (added lines only); empty cells,
placeholders, formulas, unknown measures and rounds already reported are skipped, each named.

Any other workbook is read as a monitoring table (seurantataulukko). The table has the seeds' columns: Kansallinen hyötytavoite, Työpaketti (or prosessitavoite,
toimenpidekokonaisuus), Vastuu hlö, Kehittämistoimenpide, Salkkujen välinen, Tuotos/tulos,
Arviointitapa, Sote-johtajille esitettävä kysymys, then one column per round whose header names
its date ("Lähtötilanne 15.11.2020", "Tilanne 15.5.2021"). Merged cells are expanded and the goal
and group columns are filled down. Existing files are never overwritten: a programme.yaml that is
already there supplies the rounds and benefit goals; a group file that is already there is kept; a
measure file that is already there gets the statuses of rounds it lacks appended, else it is
skipped. Everything read, written and skipped is reported, with the reason.

Every text is read as written, a leading =, +, - or @ included (`seuranta export` writes text
cells, never formulas). A formula cell is read as the value the spreadsheet saved for it; one
with no saved value is skipped and reported, as is a row with a control or bidirectional
character in any of its cells (its cell and character named). Cells are read as shown: a percent
cell as "73 %", decimals with a comma, dates as 15.5.2021.

Everything to be written is checked in memory first (`edit/staged.py`); an import that would add
an error (a round's) or a henkilötunnus (a table's) writes nothing. Files are written atomically.
"""

from __future__ import annotations

import datetime
import re
import sys
import unicodedata
from collections.abc import Callable
from io import StringIO
from pathlib import Path
from typing import Any, NamedTuple, TextIO

from openpyxl import load_workbook
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet
from ruamel.yaml import YAML
from ruamel.yaml.scalarstring import LiteralScalarString

from seuranta.check import tree as tree_mod
from seuranta.commands import status_add
from seuranta.edit import roundtrip, staged
from seuranta.files.repo import find_root
from seuranta.model import config as config_mod
from seuranta.model import counts, resources
from seuranta.model.documents import GROUP_FILE, PROGRAMME_FILE
from seuranta.model.errors import Exit, UsageError
from seuranta.model.loader import forbidden_characters, load, load_bytes
from seuranta.model.problem import ERROR, WARNING, Message
from seuranta.reporters import text as text_reporter
from seuranta.reporters.escaping import terminal_lines
from seuranta.tables import collection, tidy

BAD_PROGRAMME = Message(
    "Ohjelman tunniste '{programme}' ei kelpaa: käytä pieniä kirjaimia a-z, numeroita ja viivaa.",
    "The programme id '{programme}' is not valid: use lowercase letters a-z, digits and hyphens.",
)
BAD_TITLE = Message(
    "--title: merkki {column} on näkymätön ohjausmerkki tai kirjoitussuuntaa muuttava merkki {char}; poista se.",
    "--title: character {column} is an invisible control or bidirectional character {char}; remove it.",
)
NO_SHEET = Message(
    "{file}: ei välilehteä, jolla on Kehittämistoimenpide-sarake (välilehdet: {sheets})",
    "{file}: no sheet has a Kehittämistoimenpide column (sheets: {sheets})",
)

NO_PROGRAMME_GIVEN = Message(
    "{file} ei ole seuranta collect -keräystaulukko: anna --programme, jonka toimenpiteiksi taulukko tuodaan.",
    "{file} is no `seuranta collect` workbook: give --programme, the programme the table is imported into.",
)

# What the import says it read, wrote and skipped.
HEADINGS = (Message("Luettu", "Read"), Message("Kirjoitettu", "Written"), Message("Ohitettu", "Skipped"))
TABLE_READ = Message(
    '{file}, välilehti "{sheet}", otsikkorivi {header}, {rows}', '{file}, sheet "{sheet}", header row {header}, {rows}'
)
COLUMNS_READ = Message("sarakkeet: {columns}", "columns: {columns}")
ROUNDS_READ = Message("kierrokset: {rounds}", "rounds: {rounds}")
COLLECTION_READ = Message(
    "{file}: keräystaulukko, kierros {round}, ohjelmat {programmes}, {rows}",
    "{file}: collection workbook, round {round}, programmes {programmes}, {rows}",
)
FORMULA_UNSAVED = Message(
    "solu {cell}: kaava ilman tallennettua arvoa, ohitettu (avaa ja tallenna taulukko "
    "taulukkolaskentaohjelmassa, tai kirjoita teksti ilman =-merkkiä alussa)",
    "cell {cell}: a formula with no saved value, skipped (open and save the table in a spreadsheet "
    "program, or write the text without = at the start)",
)
FORMULAS_READ = Message(
    "kaavasolut luettu niiden tallennettuina arvoina: {count} ({shown})",
    "formula cells read as their saved values: {count} ({shown})",
)
COLUMN_SKIPPED = Message('sarake {letter} "{label}": {reason}', 'column {letter} "{label}": {reason}')
SAME_ROUND = Message("saman kierroksen sarake on jo luettu", "a column of the same round was read already")
UNKNOWN_COLUMN = Message("ei tunnettu sarake eikä kierroksen päivämäärää", "neither a known column nor a round's date")
FILLED_FROM_ABOVE = Message(
    "tyhjät hyötytavoite- ja ryhmäsolut täydennetty ylemmältä riviltä: {count}",
    "empty benefit goal and group cells filled from the row above: {count}",
)
UNSAFE_ROW = Message(
    "rivi {line}: solun {cell} merkki {column} on näkymätön ohjausmerkki tai kirjoitussuuntaa muuttava merkki "
    "{char}; rivi ohitettu, poista merkki",
    "row {line}: character {column} of cell {cell} is an invisible control or bidirectional character {char}; "
    "row skipped, remove the character",
)
NO_GROUP = Message(
    "rivi {line}: ryhmä (työpaketti) puuttuu eikä ylempää riviä ole",
    "row {line}: the group (työpaketti) is missing and there is no row above",
)
NO_MEASURE = Message(
    "rivi {line}: Kehittämistoimenpide-solu on tyhjä{lost}", "row {line}: the Kehittämistoimenpide cell is empty{lost}"
)
LOST = Message(" ({count} jäi tuomatta)", " ({count} not imported)")
GOAL_SKIPPED = Message(
    'hyötytavoite "{title}": {why}; toimenpiteet jäävät ilman hyötytavoitetta',
    'benefit goal "{title}": {why}; its measures are left without a benefit goal',
)
GOAL_NOT_DECLARED = Message(
    "ei löydy programme.yaml:n hyötytavoitteista", "not among the benefit goals of programme.yaml"
)
GOAL_NOT_NATIONAL = Message("ei liity mihinkään kansalliseen hyötytavoitteeseen", "matches no national benefit goal")
NATIONAL_GOALS = Message(
    "taulukossa ei ole hyötytavoitteita: programme.yaml saa viisi kansallista hyötytavoitetta",
    "the table has no benefit goals: programme.yaml gets the five national benefit goals",
)
ROUND_NOT_DECLARED = Message(
    'sarake "{label}": kierros {date} ei ole programme.yaml:ssa; sen tilanteet ohitetaan',
    'column "{label}": round {date} is not in programme.yaml; its statuses are skipped',
)
PROGRAMME_EXISTS = Message(
    "{path}: olemassa; kierrokset ja hyötytavoitteet luettu siitä",
    "{path}: exists; rounds and benefit goals read from it",
)
NOTHING_NEW = Message(
    "rivi {line}: {file} on jo olemassa eikä rivillä ole uusia kierroksia",
    "row {line}: {file} exists already and the row has no new rounds",
)
FOLDER_WRITTEN = Message("{folder}/: {group}{measures}, {statuses}", "{folder}/: {group}{measures}, {statuses}")
GROUP_MADE = Message("{file} ja ", "{file} and ")
TOTAL_WRITTEN = Message("yhteensä {files}: {measures}, {statuses}", "in all {files}: {measures}, {statuses}")
APPENDED = Message("{path}: {count} lisätty loppuun", "{path}: {count} appended")
NOT_WRITTEN = Message(
    "Ei kirjoitettu: tuonti lisäisi {count}; korjaa taulukko ja tuo uudelleen.\n",
    "Not written: the import would add {count}; correct the table and import again.\n",
)
VERDICT = Message(
    "Tarkistus: {errors}, {warnings} ({files}; seuranta validate näyttää yksityiskohdat).\n",
    "Check: {errors}, {warnings} ({files}; seuranta validate shows the details).\n",
)
WHY_FORMULA = Message("kaava; kirjoita tilanne tekstinä", "a formula; write the status as text")
WHY_PLACEHOLDER = Message("paikkamerkki '{text}', ei tilanne", "placeholder '{text}', not a status")
WHY_UNKNOWN = Message("tuntematon toimenpide {measure}", "unknown measure {measure}")
WHY_TWICE = Message("toimenpide {measure} on taulukossa jo ylempänä", "measure {measure} is in the table already above")
WHY_ROUND = Message("kierros {date} ei ole ohjelman {programme} kierros", "{date} is no round of programme {programme}")
WHY_CHARACTER = Message(
    "merkki {column} on näkymätön ohjausmerkki tai kirjoitussuuntaa muuttava merkki {char}",
    "character {column} is an invisible control or bidirectional character {char}",
)
WHY_REPORTED = Message(
    "kierroksen {date} tilanne on jo raportoitu ({where})", "the status of round {date} is reported already ({where})"
)
STATUS_ADDED = Message(
    "{cell} → {measure}: kierroksen {round} tilanne lisätty", "{cell} → {measure}: status of round {round} added"
)

HEADER_ROWS = 20
# Migrated history is kept verbatim and its findings are reported; a henkilötunnus is never written.
REFUSED = frozenset({"hetu"})

GOAL, GROUP, RESPONSIBLE, MEASURE, CROSS, OUTPUTS, EVALUATION, QUESTION = (
    "goal",
    "group",
    "responsible",
    "measure",
    "cross",
    "outputs",
    "evaluation",
    "question",
)
FILLED = (GOAL, GROUP)
COLUMN_NAMES = {
    GOAL: "hyötytavoite",
    GROUP: "ryhmä",
    RESPONSIBLE: "vastuuhenkilöt",
    MEASURE: "toimenpide",
    CROSS: "salkkujen välinen",
    OUTPUTS: "tuotos",
    EVALUATION: "arviointitapa",
    QUESTION: "kysymys",
}
_PREFIXES = (
    ("kansallinen hyötytavoite", GOAL),
    ("hyötytavoite", GOAL),
    ("työpaketti", GROUP),
    ("prosessitavoite", GROUP),
    ("toimenpidekokonaisuus", GROUP),
    ("vastuu", RESPONSIBLE),
    ("kehittämistoimenpide", MEASURE),
    ("salkkujen välinen", CROSS),
    ("tuotos", OUTPUTS),
    ("arviointitapa", EVALUATION),
    ("sote-johtajille", QUESTION),
)
GROUP_PREFIX = {"työpaketti": "tp", "prosessitavoite": "pt", "toimenpidekokonaisuus": "tk"}
NATIONAL = (
    ("saatavuus", ("saatavuu", "oikea-aikai", "jatkuvuu")),
    ("ennaltaehkaisy", ("ennaltaehk", "ehkäis", "ennakoin", "hyvinvoinnin")),
    ("laatu", ("laatu", "vaikuttavuu")),
    ("monialaisuus", ("monialai", "yhteentoimiv", "moniammatil")),
    ("kustannukset", ("kustannu", "talou")),
)


NATIONAL_TITLES = {
    "saatavuus": "Saatavuus, oikea-aikaisuus, jatkuvuus",
    "ennaltaehkaisy": "Ennaltaehkäisy ja ennakointi",
    "laatu": "Laatu ja vaikuttavuus",
    "monialaisuus": "Monialaisuus ja yhteentoimivuus",
    "kustannukset": "Kustannusten nousun hillintä",
}


class Options(NamedTuple):
    file: Path
    programme: str
    out: Path | None = None
    sheet: str | None = None
    title: str | None = None
    root: Path | None = None
    lang: str = "fi"


class Layout(NamedTuple):
    header_row: int
    fields: dict[str, int]
    rounds: dict[int, tuple[str, str]]
    group_label: str


class Row(NamedTuple):
    line: int
    values: dict[str, str]
    statuses: list[tuple[str, str, str]]


class Log(NamedTuple):
    read: list[str]
    written: list[str]
    skipped: list[str]
    lang: str = "fi"

    def say(self, into: list[str], message: Message, **fields: object) -> None:
        """`message` in the run's language, its fields filled in, added to `into` (one of the lists above)."""
        into.append(message.text(self.lang).format(**fields))


class Goal(NamedTuple):
    id: str
    title: str
    national: str


# --- reading the sheet ----------------------------------------------------------------------


def _normal(value: str) -> str:
    return " ".join(value.split()).lower()


def _cell_text(cell: Any) -> str:
    """A cell as a person reading the sheet reads it: 73 %, 1,5, 15.5.2021 (`tables/collection.py`)."""
    return collection.cell_text(cell.value, cell.number_format)


def _formula(cell: Any, cached: Callable[[], Worksheet], log: Log, read: list[str]) -> str:
    """A formula cell as the value the spreadsheet saved for it; without one it is skipped, and said so."""
    saved = cached()[cell.coordinate]
    if saved.value is None:
        log.say(log.skipped, FORMULA_UNSAVED, cell=cell.coordinate)
        return ""
    read.append(cell.coordinate)
    return _cell_text(saved)


def _grid(sheet: Worksheet, cached: Callable[[], Worksheet], log: Log) -> list[list[str]]:
    """Every cell as text (a formula as its saved value), merged ranges expanded to each of their cells."""
    read: list[str] = []
    grid = [
        [_formula(c, cached, log, read) if c.data_type == "f" else _cell_text(c) for c in row]
        for row in sheet.iter_rows()
    ]
    if read:
        shown = ", ".join(read[:5]) + (", …" if len(read) > 5 else "")
        log.say(log.read, FORMULAS_READ, count=counts.CELLS.counted(len(read), log.lang), shown=shown)
    for merged in sheet.merged_cells.ranges:
        top = grid[merged.min_row - 1][merged.min_col - 1] if merged.min_row <= len(grid) else ""
        for r in range(merged.min_row, min(merged.max_row, len(grid)) + 1):
            for c in range(merged.min_col, merged.max_col + 1):
                if c <= len(grid[r - 1]):
                    grid[r - 1][c - 1] = top
    return grid


def _field(header: str) -> str | None:
    normal = _normal(header)
    return next((field for prefix, field in _PREFIXES if normal.startswith(prefix)), None)


def _header_row(grid: list[list[str]]) -> int | None:
    for index, row in enumerate(grid[:HEADER_ROWS]):
        if any(_field(cell) == MEASURE for cell in row):
            return index
    return None


def _round_date(header: str) -> str | None:
    return tidy.header_date(" ".join(header.split()))


def layout(grid: list[list[str]], log: Log) -> Layout | None:
    index = _header_row(grid)
    if index is None:
        return None
    fields: dict[str, int] = {}
    rounds: dict[int, tuple[str, str]] = {}
    group_label = "työpaketti"
    seen: set[str] = set()
    for column, header in enumerate(grid[index]):
        letter = get_column_letter(column + 1)
        field, date, label = _field(header), _round_date(header), " ".join(header.split())
        if field is not None and field not in fields and date is None:
            fields[field] = column
            if field == GROUP:
                group_label = _normal(header).split()[0]
        elif date is not None and date not in seen:
            rounds[column] = (date, label)
            seen.add(date)
        elif header.strip():
            reason = (SAME_ROUND if date in seen else UNKNOWN_COLUMN).text(log.lang)
            log.say(log.skipped, COLUMN_SKIPPED, letter=letter, label=label, reason=reason)
    return Layout(index, fields, rounds, group_label)


def _rows(grid: list[list[str]], shape: Layout, log: Log) -> list[Row]:
    found: list[Row] = []
    last = dict.fromkeys(FILLED, "")
    filled = 0
    for index in range(shape.header_row + 1, len(grid)):
        cells = grid[index]

        def value(field: str, cells: list[str] = cells) -> str:
            column = shape.fields.get(field)
            return cells[column].strip() if column is not None and column < len(cells) else ""

        values = {field: value(field) for field in shape.fields}
        for field in FILLED:
            if field in shape.fields and not values[field] and last[field]:
                values[field], filled = last[field], filled + 1
            last[field] = values.get(field, "")
        statuses = [
            (date, cells[c], f"{get_column_letter(c + 1)}{index + 1}")
            for c, (date, _label) in sorted(shape.rounds.items(), key=lambda item: item[1][0])
            if c < len(cells) and cells[c].strip()
        ]
        if _skip(index + 1, values, statuses, log) or _unsafe(index, shape, cells, log):
            continue
        found.append(Row(index + 1, values, statuses))
    if filled:
        log.say(log.read, FILLED_FROM_ABOVE, count=counts.CELLS.counted(filled, log.lang))
    return found


def _unsafe(index: int, shape: Layout, cells: list[str], log: Log) -> bool:
    """A row with a control or bidirectional character in a cell it uses is refused, the cell named."""
    for column in sorted({*shape.fields.values(), *shape.rounds}):
        for found in forbidden_characters(cells[column]) if column < len(cells) else []:
            where = f"{get_column_letter(column + 1)}{index + 1}"
            log.say(log.skipped, UNSAFE_ROW, line=index + 1, cell=where, column=found.offset + 1, char=found.char)
            return True
    return False


def _skip(line: int, values: dict[str, str], statuses: list[tuple[str, str, str]], log: Log) -> bool:
    if values.get(MEASURE):
        if not values.get(GROUP):
            log.say(log.skipped, NO_GROUP, line=line)
            return True
        return False
    if statuses or any(v for k, v in values.items() if k not in FILLED):
        lost = LOST.text(log.lang).format(count=counts.STATUSES.counted(len(statuses), log.lang)) if statuses else ""
        log.say(log.skipped, NO_MEASURE, line=line, lost=lost)
    return True


# --- the programme, groups and measures ----------------------------------------------------


def slug(text: str, limit: int = 50) -> str:
    plain = unicodedata.normalize("NFKD", text.lower()).encode("ascii", "ignore").decode()
    words = re.sub(r"[^a-z0-9]+", "-", plain).strip("-")
    if len(words) <= limit:
        return words or "x"
    cut = words[:limit]
    return (cut.rsplit("-", 1)[0] if "-" in cut else cut) or "x"


def national_of(title: str) -> str | None:
    normal = _normal(title)
    return next((goal for goal, stems in NATIONAL if any(s in normal for s in stems)), None)


def _load_data(path: Path) -> dict[str, Any] | None:
    if not path.is_file():
        return None
    data = load(path).data
    return data if isinstance(data, dict) else None


def _goals(rows: list[Row], existing: dict[str, Any] | None, log: Log) -> tuple[list[Goal], dict[str, str]]:
    """Benefit goals (new ones only when there is no programme.yaml) and the goal id of each title."""
    known = [
        Goal(str(g.get("id")), str(g.get("title", "")), str(g.get("national", "")))
        for g in (existing or {}).get("benefit_goals", [])
        if isinstance(g, dict)
    ]
    by_title = {_normal(g.title): g.id for g in known} | {g.id: g.id for g in known}
    created: list[Goal] = []
    for title in dict.fromkeys(r.values.get(GOAL, "") for r in rows if r.values.get(GOAL)):
        if _normal(title) in by_title:
            continue
        national = national_of(title)
        if existing is not None or national is None:
            why = (GOAL_NOT_DECLARED if existing is not None else GOAL_NOT_NATIONAL).text(log.lang)
            log.say(log.skipped, GOAL_SKIPPED, title=title, why=why)
            continue
        used = {g.id for g in known + created}
        ident = national if national not in used else slug(title, 30)
        created.append(Goal(ident, title, national))
        by_title[_normal(title)] = ident
    if existing is None and not created:
        created = [Goal(goal, title, goal) for goal, title in NATIONAL_TITLES.items()]
        log.say(log.read, NATIONAL_GOALS)
    return created, by_title


def _rounds(shape: Layout, existing: dict[str, Any] | None, log: Log) -> list[tuple[str, str]]:
    """The rounds of the new programme.yaml, or the columns checked against the existing one."""
    columns = sorted(shape.rounds.values())
    if existing is None:
        return columns
    declared = {str(r.get("date")) for r in existing.get("rounds", []) if isinstance(r, dict)}
    for date, label in columns:
        if date not in declared:
            log.say(log.skipped, ROUND_NOT_DECLARED, label=label, date=date)
    return [c for c in columns if c[0] in declared]


def _programme_doc(options: Options, shape: Layout, goals: list[Goal], rounds: list[tuple[str, str]]) -> dict[str, Any]:
    return {
        "id": options.programme,
        "title": options.title or options.programme,
        "group_label": shape.group_label,
        "benefit_goals": [{"id": g.id, "title": g.title, "national": g.national} for g in goals],
        "rounds": [
            {"date": d, "label": label, **({"kind": "baseline"} if "lähtötilan" in label.lower() else {})}
            for d, label in rounds
        ],
        "sources": [{"file": options.file.name, "title": f"Seurantataulukko {options.file.name}"}],
    }


def _existing_groups(folder: Path) -> dict[str, str]:
    """Existing groups of the programme: normalised title → group folder name."""
    found = {}
    for path in sorted(folder.glob(f"*/{GROUP_FILE}")):
        data = _load_data(path)
        if data and isinstance(data.get("title"), str):
            found[_normal(data["title"])] = path.parent.name
    return found


def _group_id(number: str, title: str, prefix: str, taken: set[str]) -> str:
    if number.isdigit():
        base = f"{prefix}{int(number):02d}"
    elif number:
        base = f"{prefix}-{slug(number, 20)}"
    else:
        base = f"{prefix}-{slug(title, 30)}"
    ident, n = base, 2
    while ident in taken:
        ident, n = f"{base}-{n}", n + 1
    taken.add(ident)
    return ident


def _names(value: str) -> list[str]:
    return [n.strip() for n in re.split(r"\s*(?:\+|,|;|\bja\b)\s*", value) if n.strip()]


class Plan(NamedTuple):
    """What to write: path (relative to the data folder) → document, and its schema."""

    files: dict[str, tuple[str, dict[str, Any]]]
    measures: int
    statuses: int
    appends: dict[Path, list[tuple[str, str]]]


class Context(NamedTuple):
    """What every row of one import shares."""

    options: Options
    sheet: str
    target: Path
    goal_ids: dict[str, str]
    rounds: frozenset[str]
    group_prefix: str

    def source(self, line: int, where: str = "") -> dict[str, Any]:
        note = f"välilehti {self.sheet}, solu {where}" if where else f"välilehti {self.sheet}"
        return {"file": self.options.file.name, "lines": [line, line], "note": note}

    def goal(self, row: Row) -> str:
        return self.goal_ids.get(_normal(row.values.get(GOAL, "")), "")


def _status(ctx: Context, entry: tuple[str, str, str]) -> dict[str, Any]:
    date, text, where = entry
    return {"date": date, "text": text, "source": ctx.source(int(re.sub(r"\D", "", where)), where)}


def _measure_doc(ident: str, row: Row, group: dict[str, Any], ctx: Context) -> dict[str, Any]:
    number, title = tidy.parse_measure_cell(row.values[MEASURE])
    values = row.values
    doc: dict[str, Any] = {"id": ident, **({"number": number} if number is not None else {}), "title": title}
    if ctx.goal(row) and ctx.goal(row) != group.get("benefit_goal"):
        doc["benefit_goal"] = ctx.goal(row)
    if values.get(CROSS):
        doc["cross_portfolio"] = values[CROSS]
    people = _names(values.get(RESPONSIBLE, ""))
    if people and people != group.get("responsible"):
        doc["responsible"] = people
    for field, key in ((OUTPUTS, "outputs"), (EVALUATION, "evaluation"), (QUESTION, "question")):
        if values.get(field):
            doc[key] = values[field]
    doc["source"] = ctx.source(row.line)
    statuses = [_status(ctx, s) for s in row.statuses if s[0] in ctx.rounds]
    return doc | ({"statuses": statuses} if statuses else {})


def _group_doc(row: Row, folder: str, ctx: Context) -> dict[str, Any]:
    number, title = tidy.parse_group_cell(row.values[GROUP])
    data: dict[str, Any] = {"id": f"{ctx.options.programme}/{folder}", **({"number": number} if number else {})}
    data["title"] = title
    if ctx.goal(row):
        data["benefit_goal"] = ctx.goal(row)
    if _names(row.values.get(RESPONSIBLE, "")):
        data["responsible"] = _names(row.values.get(RESPONSIBLE, ""))
    data["source"] = ctx.source(row.line)
    return data


def _folder(cell: str, known: dict[str, str], taken: set[str], ctx: Context) -> str:
    number, title = tidy.parse_group_cell(cell)
    return known.get(_normal(title)) or _group_id(number, title, ctx.group_prefix, taken)


def _programme_files(
    options: Options, shape: Layout, ctx_parts: tuple[Path, list[Row]], log: Log
) -> tuple[dict[str, tuple[str, dict[str, Any]]], dict[str, str], list[tuple[str, str]]]:
    target, rows = ctx_parts
    existing = _load_data(target / PROGRAMME_FILE)
    goals, goal_ids = _goals(rows, existing, log)
    rounds = _rounds(shape, existing, log)
    if existing is not None:
        log.say(log.read, PROGRAMME_EXISTS, path=target / PROGRAMME_FILE)
        return {}, goal_ids, rounds
    return {PROGRAMME_FILE: ("programme", _programme_doc(options, shape, goals, rounds))}, goal_ids, rounds


def plan(options: Options, rows: list[Row], shape: Layout, target: Path, sheet: str, log: Log) -> Plan:
    files, goal_ids, rounds = _programme_files(options, shape, (target, rows), log)
    ctx = Context(
        options,
        sheet,
        target,
        goal_ids,
        frozenset(d for d, _label in rounds),
        GROUP_PREFIX.get(shape.group_label, "ryhma"),
    )
    known = _existing_groups(target)
    taken = set(known.values())
    appends: dict[Path, list[tuple[str, str]]] = {}
    groups: dict[str, tuple[str, dict[str, Any]]] = {}
    counters: dict[str, int] = {}
    for row in rows:
        if row.values[GROUP] not in groups:
            folder = _folder(row.values[GROUP], known, taken, ctx)
            groups[row.values[GROUP]] = (folder, _group_doc(row, folder, ctx))
            if not (target / folder / GROUP_FILE).exists():
                files[f"{folder}/{GROUP_FILE}"] = ("group", groups[row.values[GROUP]][1])
        folder, group = groups[row.values[GROUP]]
        counters[folder] = counters.get(folder, 0) + 1
        name = f"{counters[folder]:02d}-{slug(tidy.parse_measure_cell(row.values[MEASURE])[1])}"
        if (target / folder / f"{name}.yaml").exists():
            _append_plan(appends, target / folder / f"{name}.yaml", row, ctx, log)
            continue
        files[f"{folder}/{name}.yaml"] = (
            "measure",
            _measure_doc(f"{options.programme}/{folder}/{name}", row, group, ctx),
        )
    measures = [doc for kind, doc in files.values() if kind == "measure"]
    statuses = sum(len(d.get("statuses", [])) for d in measures)
    return Plan(files, len(measures), statuses, appends)


def _append_plan(appends: dict[Path, list[tuple[str, str]]], path: Path, row: Row, ctx: Context, log: Log) -> None:
    """An existing measure file gets the row's statuses of rounds it does not have yet, appended."""
    data = _load_data(path) or {}
    have = {str(s.get("date")) for s in data.get("statuses") or [] if isinstance(s, dict)}
    new = [(date, text) for date, text, _where in row.statuses if date in ctx.rounds and date not in have]
    relative = f"{path.parent.name}/{path.name}"
    if not new:
        log.say(log.skipped, NOTHING_NEW, line=row.line, file=relative)
        return
    appends[path] = new


# --- writing YAML ---------------------------------------------------------------------------


def _literal_safe(text: str) -> bool:
    """Multi-line texts, and texts with runs of spaces (which folding would lose), go in literal blocks."""
    lines = text.split("\n")
    return (
        (len(lines) > 1 or "  " in text)
        and not text.startswith((" ", "\n"))
        and not text.endswith((" ", "\n"))
        and "\t" not in text
        and "\r" not in text
        and all(line == line.rstrip() for line in lines)
    )


def _styled(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _styled(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_styled(v) for v in value]
    if isinstance(value, str) and _literal_safe(value):
        return LiteralScalarString(value)
    return value


def dump(kind: str, data: dict[str, Any]) -> str:
    yaml = YAML(typ="rt")
    yaml.width = 100
    yaml.indent(mapping=2, sequence=2, offset=0)
    yaml.allow_unicode = True
    buffer = StringIO()
    yaml.dump(_styled(data), buffer)
    folder = {"programme": "data/programme", "group": "data/programme/group", "measure": "data/programme/group"}[kind]
    return resources.modeline(kind, folder) + buffer.getvalue()


def laid_out(kind: str, data: dict[str, Any], name: str) -> str:
    """The YAML text in `seuranta fmt`'s layout (which checks the values survive), else as dumped."""
    text = dump(kind, data)
    return roundtrip.format_bytes(name, text.encode("utf-8"), kind).text or text


def appended(path: Path, entries: list[tuple[str, str]]) -> str:
    """An existing file's text with the statuses appended by `status add`'s writer (added lines only)."""
    parsed = load(path)
    for date, text in entries:
        result = status_add.insert(parsed, date, text).text
        parsed = load_bytes(parsed.path, result.encode("utf-8"))
    return parsed.text


def texts(target: Path, planned: Plan, log: Log) -> dict[Path, str]:
    """Every file the import would write, new or appended to, as its text."""
    found = {
        target / relative: laid_out(kind, data, str(target / relative))
        for relative, (kind, data) in planned.files.items()
    }
    for path, entries in planned.appends.items():
        try:
            found[path] = appended(path, entries)
        except status_add.Refusal as refusal:
            log.skipped.append(f"{path.parent.name}/{path.name}: {refusal.problems[0].message.text(log.lang)}")
    return found


# --- command --------------------------------------------------------------------------------


def pick_sheet(names: list[str], options: Options) -> str | None:
    if options.sheet is not None:
        return options.sheet if options.sheet in names else None
    for wanted in (tidy.sheet_name(options.programme, 2), tidy.SHEET):
        if wanted in names:
            return wanted
    return None


class Saved:
    """The workbook's saved values of formulas, read only when a formula is met."""

    def __init__(self, file: Path) -> None:
        self.file = file
        self.book: Any = None

    def sheet(self, name: str) -> Callable[[], Worksheet]:
        def found() -> Worksheet:
            if self.book is None:
                self.book = load_workbook(self.file, data_only=True)
            sheet: Worksheet = self.book[name]
            return sheet

        return found


def _find_sheet(book: Any, options: Options, log: Log) -> tuple[str, list[list[str]], Layout] | None:
    names = list(book.sheetnames)
    chosen = pick_sheet(names, options)
    candidates = [chosen] if chosen is not None else ([] if options.sheet else names)
    saved = Saved(options.file)
    for name in candidates:
        grid = _grid(book[name], saved.sheet(name), log)
        shape = layout(grid, log)
        if shape is not None:
            return name, grid, shape
    return None


def _where(options: Options) -> tuple[Path, config_mod.Config]:
    """The repository root and configuration the files are checked in: --out is a data folder of its own."""
    if options.out is not None:
        return options.out.parent, config_mod.Config(data=options.out.name)
    root = options.root or find_root(Path.cwd())
    return root, config_mod.load(root).config


def _summary(target: Path, planned: Plan, lang: str) -> list[str]:
    """programme.yaml, then one line per group folder: how many measures and statuses went there."""
    lines = [str(target / PROGRAMME_FILE)] if PROGRAMME_FILE in planned.files else []
    folders: dict[str, list[int]] = {}
    for relative, (kind, data) in planned.files.items():
        if kind == "programme":
            continue
        tally = folders.setdefault(relative.split("/")[0], [0, 0, 0])
        tally[0] += kind == "group"
        tally[1] += kind == "measure"
        tally[2] += len(data.get("statuses", [])) if kind == "measure" else 0
    for folder, (group, measures, statuses) in folders.items():
        lines.append(
            FOLDER_WRITTEN.text(lang).format(
                folder=target / folder,
                group=GROUP_MADE.text(lang).format(file=GROUP_FILE) if group else "",
                measures=counts.MEASURES.counted(measures, lang),
                statuses=counts.STATUSES.counted(statuses, lang),
            )
        )
    total = TOTAL_WRITTEN.text(lang).format(
        files=counts.FILES.counted(len(planned.files), lang),
        measures=counts.MEASURES.counted(planned.measures, lang),
        statuses=counts.STATUSES.counted(planned.statuses, lang),
    )
    lines.append(total)
    lines += [
        APPENDED.text(lang).format(path=path, count=counts.STATUSES.counted(len(entries), lang))
        for path, entries in planned.appends.items()
    ]
    return lines


def _print(echo: TextIO, log: Log) -> None:
    for heading, items in zip(HEADINGS, (log.read, log.written, log.skipped), strict=True):
        title = heading.text(log.lang)
        echo.write(f"{title} ({len(items)}):\n" if items is log.skipped else f"{title}:\n")
        echo.writelines(f"  {terminal_lines(item)}\n" for item in items)  # the sheet's own text, made safe


def _refusal(echo: TextIO, refused: list[Any], lang: str) -> int:
    """Nothing was written: the findings the write would have added."""
    echo.write(NOT_WRITTEN.text(lang).format(count=counts.ERRORS.counted(len(refused), lang)))
    echo.writelines(f"  {text_reporter.line(problem, lang)}\n" for problem in refused)
    return Exit.FINDINGS


def _verdict(echo: TextIO, checked: staged.Check, lang: str) -> int:
    errors = sum(p.severity == ERROR and not p.acknowledged for p in checked.problems)
    warnings = sum(p.severity == WARNING and not p.acknowledged for p in checked.problems)
    echo.write(
        VERDICT.text(lang).format(
            errors=counts.ERRORS.counted(errors, lang),
            warnings=counts.WARNINGS.counted(warnings, lang),
            files=counts.FILES.counted(checked.files, lang),
        )
    )
    return Exit.FINDINGS if errors else Exit.OK


def _layout_import(options: Options, book: Any, echo: TextIO, today: datetime.date) -> int:
    if not re.fullmatch(r"[a-z0-9][a-z0-9-]*", options.programme):
        raise UsageError(BAD_PROGRAMME, programme=options.programme)
    for bad in forbidden_characters(options.title or ""):
        raise UsageError(BAD_TITLE, char=bad.char, column=bad.offset + 1)
    log = Log([], [], [], options.lang)
    found = _find_sheet(book, options, log)
    if found is None:
        raise UsageError(NO_SHEET, file=options.file, sheets=", ".join(book.sheetnames))
    name, grid, shape = found
    rows = _rows(grid, shape, log)
    columns = ", ".join(
        f"{get_column_letter(c + 1)} {COLUMN_NAMES[f]}" for f, c in sorted(shape.fields.items(), key=lambda i: i[1])
    )
    lang = options.lang
    rows_read = counts.MEASURE_ROWS.counted(len(rows), lang)
    log.read.insert(
        0, TABLE_READ.text(lang).format(file=options.file, sheet=name, header=shape.header_row + 1, rows=rows_read)
    )
    log.read.insert(1, COLUMNS_READ.text(lang).format(columns=columns))
    rounds = ", ".join(f"{label} → {date}" for date, label in sorted(shape.rounds.values()))
    log.read.insert(2, ROUNDS_READ.text(lang).format(rounds=rounds))
    root, config = _where(options)
    target = root / config.data / options.programme
    planned = plan(options, rows, shape, target, name, log)
    files = texts(target, planned, log)
    checked = staged.check(root, config, files, today)
    refused = checked.added_errors(REFUSED)
    if refused:
        _print(echo, log._replace(written=[]))
        return _refusal(echo, refused, lang)
    staged.write(files)
    log.written.extend(_summary(target, planned, lang))
    _print(echo, log)
    return _verdict(echo, checked, lang)


# --- a returned collection workbook ---------------------------------------------------------


class Taken(NamedTuple):
    entry: collection.Entry
    path: Path
    text: str


def _why_not(entry: collection.Entry, model: Any, date: str, seen: set[str]) -> tuple[Message, dict[str, Any]] | None:
    """Why a filled cell is not taken (the message and its fields), or None when it is."""
    text = entry.text.strip()
    measure = model.measures.get(entry.measure)
    if entry.formula:
        return WHY_FORMULA, {}
    if collection.placeholder(text):
        return WHY_PLACEHOLDER, {"text": text}
    if measure is None:
        return WHY_UNKNOWN, {"measure": entry.measure}
    if entry.measure in seen:
        return WHY_TWICE, {"measure": entry.measure}
    programme = model.programmes.get(entry.measure.split("/")[0])
    declared = {str(r.get("date")) for r in (programme.data or {}).get("rounds", []) if isinstance(r, dict)}
    if programme is None or date not in declared:
        return WHY_ROUND, {"date": date, "programme": entry.measure.split("/")[0]}
    for found in forbidden_characters(text):
        return WHY_CHARACTER, {"column": found.offset + 1, "char": found.char}
    for index, status in enumerate(measure.data.get("statuses") or []):
        if isinstance(status, dict) and status.get("date") == date:
            return WHY_REPORTED, {"date": date, "where": f"{measure.path}:{measure.mark('statuses', index)[0]}"}
    return None


def _takes(returned: collection.Collection, root: Path, model: Any, log: Log) -> list[Taken]:
    taken: list[Taken] = []
    seen: set[str] = set()
    empty = [e.cell for e in returned.entries if not e.text.strip() and not e.formula]
    for entry in returned.entries:
        if not entry.text.strip() and not entry.formula:
            continue
        why = _why_not(entry, model, returned.round, seen)
        if why is not None:
            reason = why[0].text(log.lang).format(**why[1])
            log.skipped.append(f"{entry.cell} ({entry.measure}): {reason}")
            continue
        seen.add(entry.measure)
        taken.append(Taken(entry, root / model.measures[entry.measure].path, entry.text.strip()))
    if empty:
        shown = ", ".join(empty[:5]) + (", …" if len(empty) > 5 else "")
        log.skipped.append(f"{counts.EMPTY_CELLS.counted(len(empty), log.lang)} ({shown})")
    return taken


def _round_texts(taken: list[Taken], date: str, log: Log) -> dict[Path, str]:
    files: dict[Path, str] = {}
    for take in taken:
        try:
            files[take.path] = appended(take.path, [(date, take.text)])
        except status_add.Refusal as refusal:
            reason = refusal.problems[0].message.text(log.lang)
            log.skipped.append(f"{take.entry.cell} ({take.entry.measure}): {reason}")
    return files


def _round_import(options: Options, returned: collection.Collection, echo: TextIO, today: datetime.date) -> int:
    root, config = _where(options)
    tree = tree_mod.load_tree(root, config)
    lang = options.lang
    log = Log([], [], [], lang)
    rows = counts.MEASURE_ROWS.counted(len(returned.entries), lang)
    log.say(
        log.read,
        COLLECTION_READ,
        file=options.file,
        round=returned.round,
        programmes=", ".join(returned.programmes),
        rows=rows,
    )
    taken = _takes(returned, root, tree.model, log)
    files = _round_texts(taken, returned.round, log)
    checked = staged.check(root, config, files, today)
    refused = checked.added_errors()
    if refused:
        _print(echo, log)
        return _refusal(echo, refused, lang)
    staged.write(files)
    for t in taken:
        if t.path in files:
            log.say(log.written, STATUS_ADDED, cell=t.entry.cell, measure=t.entry.measure, round=returned.round)
    _print(echo, log)
    return _verdict(echo, checked, lang)


def execute(options: Options, out: TextIO | None = None, today: datetime.date | None = None) -> int:
    """A collection workbook (`seuranta collect`) appends a round; any other is read in the import layout."""
    echo = out or sys.stdout
    day = today or datetime.date.today()
    book = load_workbook(options.file)
    returned = collection.recognise(book)
    if returned is not None:
        return _round_import(options, returned, echo, day)
    if not options.programme:
        raise UsageError(NO_PROGRAMME_GIVEN, file=options.file)
    return _layout_import(options, book, echo, day)
