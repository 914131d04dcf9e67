"""Tidy tables of the data tree: a catalogue of programmes, groups and measures, and rows for export.

`catalog()` reads the loaded model once, defensively (a file that fails its schema still renders),
into NamedTuples that the report and the exports share. `tables()` turns the catalogue into three
tidy tables: measures (one row per measure), statuses (measure × round) and figures
(measure × round × figure). Every column has a key (JSON), a Finnish header (CSV, XLSX) and a type.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Iterable
from typing import Any, NamedTuple

from seuranta.model.index import Model
from seuranta.prose import figures as figures_mod
from seuranta.rules.support import Population, figure_populations

TEXT = "text"
INTEGER = "integer"
NUMBER = "number"
DATE = "date"
BOOLEAN = "boolean"

NO_GOAL = ""


class Goal(NamedTuple):
    id: str
    title: str
    national: str


class Round(NamedTuple):
    date: str
    label: str
    kind: str


class Status(NamedTuple):
    date: str
    label: str
    text: str
    inferred: bool
    source: str
    observed: tuple[tuple[str, str], ...] = ()  # its observations as (quote, unit)


class Measure(NamedTuple):
    id: str
    programme: str
    group: str
    path: str
    number: str | None
    title: str
    benefit_goal: str
    portfolios: tuple[str, ...]
    cross_portfolio: str
    responsible: tuple[str, ...]
    outputs: str
    evaluation: str
    question: str
    description: str
    statuses: tuple[Status, ...]
    populations: tuple[Population, ...]
    metrics: tuple[str, ...] = ()


class Group(NamedTuple):
    id: str
    programme: str
    path: str
    number: str
    title: str
    benefit_goal: str
    responsible: tuple[str, ...]
    description: str
    measures: tuple[Measure, ...]


class Programme(NamedTuple):
    id: str
    path: str
    title: str
    region: str
    description: str
    group_label: str
    goals: tuple[Goal, ...]
    rounds: tuple[Round, ...]
    populations: tuple[Population, ...]
    groups: tuple[Group, ...]

    def goal_title(self, goal: str) -> str:
        return next((g.title for g in self.goals if g.id == goal), goal)

    def round_label(self, date: str) -> str:
        return next((r.label for r in self.rounds if r.date == date), date)

    @property
    def measures(self) -> tuple[Measure, ...]:
        return tuple(m for g in self.groups for m in g.measures)


# --- reading the model defensively ----------------------------------------------------------


def _text(value: Any) -> str:
    return value if isinstance(value, str) else ""


def _dicts(value: Any) -> list[dict[str, Any]]:
    return [item for item in value if isinstance(item, dict)] if isinstance(value, list) else []


def _strings(value: Any) -> tuple[str, ...]:
    return tuple(str(item) for item in value if isinstance(item, (str, int))) if isinstance(value, list) else ()


def _source(value: Any) -> str:
    if not isinstance(value, dict) or not isinstance(value.get("file"), str):
        return ""
    lines = value.get("lines")
    if isinstance(lines, list) and len(lines) == 2:
        return f"{value['file']}:{lines[0]}–{lines[1]}"
    return str(value["file"])


def _rounds(data: dict[str, Any]) -> tuple[Round, ...]:
    found = [
        Round(str(r.get("date")), _text(r.get("label")) or str(r.get("date")), _text(r.get("kind")) or "status")
        for r in _dicts(data.get("rounds"))
    ]
    return tuple(sorted(found, key=lambda r: r.date))


def _goals(data: dict[str, Any]) -> tuple[Goal, ...]:
    return tuple(
        Goal(str(g.get("id")), _text(g.get("title")) or str(g.get("id")), _text(g.get("national")))
        for g in _dicts(data.get("benefit_goals"))
    )


def _statuses(data: dict[str, Any], rounds: tuple[Round, ...]) -> tuple[Status, ...]:
    labels = {r.date: r.label for r in rounds}
    found = []
    for entry in _dicts(data.get("statuses")):
        date = str(entry.get("date"))
        inferred = isinstance(entry.get("attribution"), dict)
        text, source = _text(entry.get("text")), _source(entry.get("source"))
        found.append(Status(date, labels.get(date, date), text, inferred, source, figures_mod.observed(entry)))
    return tuple(found)


def _measure(ident: str, data: dict[str, Any], group: Group, programme: Programme, model: Model) -> Measure:
    number = data.get("number")
    return Measure(
        id=ident,
        programme=programme.id,
        group=group.id,
        path=model.measures[ident].path,
        number=str(number) if isinstance(number, (str, int, float)) else None,
        title=_text(data.get("title")) or ident.rsplit("/", 1)[-1],
        benefit_goal=_text(data.get("benefit_goal")) or group.benefit_goal,
        portfolios=_strings(data.get("portfolios")),
        cross_portfolio=_text(data.get("cross_portfolio")),
        responsible=_strings(data.get("responsible")),
        outputs=_text(data.get("outputs")),
        evaluation=_text(data.get("evaluation")),
        question=_text(data.get("question")),
        description=_text(data.get("description")),
        statuses=_statuses(data, programme.rounds),
        populations=tuple(figure_populations(data, model.programme_of(ident))),
        metrics=figures_mod.metric_names(data),
    )


def _group(ident: str, model: Model, programme: Programme) -> Group:
    doc = model.groups.get(ident)
    data = doc.data if doc is not None and isinstance(doc.data, dict) else {}
    return Group(
        id=ident,
        programme=programme.id,
        path=doc.path if doc is not None else "",
        number=str(data.get("number", "")) if data.get("number") is not None else "",
        title=_text(data.get("title")) or ident.rsplit("/", 1)[-1],
        benefit_goal=_text(data.get("benefit_goal")),
        responsible=_strings(data.get("responsible")),
        description=_text(data.get("description")),
        measures=(),
    )


def _group_ids(model: Model, programme: str) -> list[str]:
    ids = {g for g in model.groups if g.split("/")[0] == programme}
    ids |= {"/".join(m.split("/")[:2]) for m in model.measures if m.split("/")[0] == programme and m.count("/") == 2}
    return sorted(ids)


def _programme(ident: str, model: Model) -> Programme:
    doc = model.programmes[ident]
    data = doc.data if isinstance(doc.data, dict) else {}
    shell = Programme(
        id=ident,
        path=doc.path,
        title=_text(data.get("title")) or ident,
        region=_text(data.get("region")),
        description=_text(data.get("description")),
        group_label=_text(data.get("group_label")) or "ryhmä",
        goals=_goals(data),
        rounds=_rounds(data),
        populations=tuple(figure_populations({}, data)),
        groups=(),
    )
    groups = []
    for group_id in _group_ids(model, ident):
        group = _group(group_id, model, shell)
        measures = tuple(
            _measure(m, model.measures[m].data, group, shell, model)
            for m in sorted(model.measures)
            if m.rsplit("/", 1)[0] == group_id and isinstance(model.measures[m].data, dict)
        )
        groups.append(group._replace(measures=measures))
    return shell._replace(groups=tuple(groups))


def catalog(model: Model, only: Iterable[str] = ()) -> list[Programme]:
    """Every programme (or those named in `only`) with its groups and measures, in id order."""
    wanted = set(only)
    return [_programme(p, model) for p in sorted(model.programmes) if not wanted or p in wanted]


# --- tables ---------------------------------------------------------------------------------


class Column(NamedTuple):
    key: str
    header: str
    type: str


class Table(NamedTuple):
    name: str
    columns: tuple[Column, ...]
    rows: list[tuple[Any, ...]]

    def records(self) -> list[dict[str, Any]]:
        return [dict(zip((c.key for c in self.columns), row, strict=False)) for row in self.rows]


MEASURES = "toimenpiteet"
STATUSES = "tilanteet"
FIGURES = "luvut"

MEASURE_COLUMNS = (
    Column("programme", "Ohjelma", TEXT),
    Column("group", "Ryhmä", TEXT),
    Column("group_title", "Ryhmän nimi", TEXT),
    Column("id", "Tunniste", TEXT),
    Column("number", "Numero", TEXT),
    Column("title", "Kehittämistoimenpide", TEXT),
    Column("benefit_goal", "Hyötytavoite", TEXT),
    Column("national_goal", "Kansallinen hyötytavoite", TEXT),
    Column("portfolios", "Hankesalkut", TEXT),
    Column("cross_portfolio", "Salkkujen välinen", TEXT),
    Column("responsible", "Vastuuhenkilöt", TEXT),
    Column("outputs", "Tuotos, tulos", TEXT),
    Column("evaluation", "Arviointitapa", TEXT),
    Column("question", "Sote-johtajille esitettävä kysymys", TEXT),
    Column("statuses", "Tilanteita", INTEGER),
    Column("path", "Tiedosto", TEXT),
)

STATUS_COLUMNS = (
    Column("programme", "Ohjelma", TEXT),
    Column("measure", "Toimenpide", TEXT),
    Column("round", "Kierros", DATE),
    Column("round_label", "Kierroksen nimi", TEXT),
    Column("text", "Tilanne", TEXT),
    Column("figures", "Lukuja", INTEGER),
    Column("inferred", "Kierros päätelty", BOOLEAN),
    Column("source", "Lähde", TEXT),
)

FIGURE_COLUMNS = (
    Column("programme", "Ohjelma", TEXT),
    Column("measure", "Toimenpide", TEXT),
    Column("round", "Kierros", DATE),
    Column("series", "Sarja", TEXT),
    Column("value", "Arvo", NUMBER),
    Column("denominator", "Nimittäjä", INTEGER),
    Column("unit", "Yksikkö", TEXT),
    Column("share", "Osuus %", NUMBER),
    Column("quote", "Lainaus", TEXT),
)


def _date(text: str) -> datetime.date | str:
    try:
        return datetime.date.fromisoformat(text)
    except ValueError:
        return text


def _measure_row(measure: Measure, group: Group, programme: Programme) -> tuple[Any, ...]:
    national = next((g.national for g in programme.goals if g.id == measure.benefit_goal), "")
    responsible = measure.responsible or group.responsible
    return (
        programme.id,
        group.id,
        group.title,
        measure.id,
        measure.number,
        measure.title,
        measure.benefit_goal or None,
        national or None,
        ", ".join(measure.portfolios) or None,
        measure.cross_portfolio or None,
        ", ".join(responsible) or None,
        measure.outputs or None,
        measure.evaluation or None,
        measure.question or None,
        len(measure.statuses),
        measure.path,
    )


def _status_rows(measure: Measure, series: list[figures_mod.Series]) -> Iterable[tuple[Any, ...]]:
    for status in measure.statuses:
        count = sum(1 for s in series for point in s.points if point.round == status.date)
        yield (
            measure.programme,
            measure.id,
            _date(status.date),
            status.label,
            status.text,
            count,
            status.inferred,
            status.source or None,
        )


def _figure_rows(measure: Measure, series: list[figures_mod.Series]) -> Iterable[tuple[Any, ...]]:
    points = sorted(((p, s) for s in series for p in s.points), key=lambda item: (item[0].round, item[0].start))
    for point, owner in points:
        yield (
            measure.programme,
            measure.id,
            _date(point.round),
            owner.name,
            point.number,
            point.of,
            point.unit or None,
            round(point.share, 1),
            point.quote,
        )


def measure_series(measure: Measure) -> list[figures_mod.Series]:
    texts = [figures_mod.Text(s.date, s.text, s.observed) for s in measure.statuses]
    return figures_mod.series(texts, measure.populations, measure.metrics)


def tables(programmes: list[Programme]) -> list[Table]:
    """The three tidy tables: measures, statuses and figures."""
    measures: list[tuple[Any, ...]] = []
    statuses: list[tuple[Any, ...]] = []
    found: list[tuple[Any, ...]] = []
    for programme in programmes:
        for group in programme.groups:
            for measure in group.measures:
                series = measure_series(measure)
                measures.append(_measure_row(measure, group, programme))
                statuses.extend(_status_rows(measure, series))
                found.extend(_figure_rows(measure, series))
    return [
        Table(MEASURES, MEASURE_COLUMNS, measures),
        Table(STATUSES, STATUS_COLUMNS, statuses),
        Table(FIGURES, FIGURE_COLUMNS, found),
    ]


# --- the monitoring table (seurantataulukko): the seeds' layout, one row per measure -----------

LAYOUT = (
    "Kansallinen hyötytavoite",
    "Työpaketti",
    "Vastuu hlö",
    "Kehittämistoimenpide",
    "Salkkujen välinen",
    "Tuotos/tulos",
    "Arviointitapa",
    "Sote-johtajille esitettävä kysymys",
)
SHEET = "seurantataulukko"
GROUP_LABELS = ("työpaketti", "prosessitavoite", "toimenpidekokonaisuus")

_NUMBER = re.compile(r"(?:Tp\.? ?\d+\.?(?: ?[a-h]\))?|\d+(?:\.\d+)+\.?|\d+[.)])")
_DATE_IN = re.compile(r"(?<!\d)(\d{1,2})\.(\d{1,2})\.(\d{4})(?!\d)")


def parse_measure_cell(value: str) -> tuple[str | None, str]:
    """ "Tp 2. Alueellisen yhteistyön …" → ("Tp 2.", "Alueellisen yhteistyön …"); a number alone on the
    first line ("A1\\nTitle") is taken as written; no number → (None, whole cell)."""
    first, newline, rest = value.partition("\n")
    if newline and rest.strip() and len(first.strip()) <= 12 and any(c.isdigit() for c in first):
        return first.strip(), rest.strip()
    found = _NUMBER.match(value)
    if found and value[found.end() : found.end() + 1] == " " and value[found.end() + 1 :].strip():
        return found.group(), value[found.end() + 1 :].strip()
    return None, value.strip()


def measure_cell(number: str | None, title: str) -> str:
    """The Kehittämistoimenpide cell: number and title on one line when that reads back, else two."""
    if not number:
        return title
    one_line = f"{number} {title}"
    return one_line if parse_measure_cell(one_line) == (number, title) else f"{number}\n{title}"


def group_cell(group: Group) -> str:
    return f"{group.number}. {group.title}" if group.number else group.title


def parse_group_cell(value: str) -> tuple[str, str]:
    found = re.match(r"(\d+(?:\.\d+)*)\.? +(\S.*)", value.strip(), re.DOTALL)
    return (found.group(1), found.group(2).strip()) if found else ("", value.strip())


def header_date(value: str) -> str | None:
    """The round a column header names: its last d.m.yyyy date, as ISO, or None."""
    found = list(_DATE_IN.finditer(value))
    if not found:
        return None
    day, month, year = (int(x) for x in found[-1].groups())
    try:
        return datetime.date(year, month, day).isoformat()
    except ValueError:
        return None


def round_header(round_: Round) -> str:
    """The round's label, with its date appended when the label does not end up naming it."""
    if header_date(round_.label) == round_.date:
        return round_.label
    day = datetime.date.fromisoformat(round_.date)
    return f"{round_.label} {day.day}.{day.month}.{day.year}"


def monitoring_table(programme: Programme) -> tuple[tuple[str, ...], list[tuple[str | None, ...]]]:
    """The header row and one row per measure, in the import layout."""
    label = programme.group_label.lower()
    group_header = label.capitalize() if label in GROUP_LABELS else LAYOUT[1]
    header = (LAYOUT[0], group_header, *LAYOUT[2:], *tuple(round_header(r) for r in programme.rounds))
    rows: list[tuple[str | None, ...]] = []
    for group in programme.groups:
        for measure in group.measures:
            texts = {s.date: s.text for s in measure.statuses}
            goal = programme.goal_title(measure.benefit_goal) if measure.benefit_goal else ""
            rows.append(
                (
                    goal or None,
                    group_cell(group),
                    " + ".join(measure.responsible or group.responsible) or None,
                    measure_cell(measure.number, measure.title),
                    measure.cross_portfolio or None,
                    measure.outputs or None,
                    measure.evaluation or None,
                    measure.question or None,
                    *(texts.get(r.date) for r in programme.rounds),
                )
            )
    return header, rows


def sheet_name(programme: str, count: int) -> str:
    """ "seurantataulukko" for a single programme, else "seurantataulukko <id>" (Excel's 31 characters)."""
    return SHEET if count == 1 else f"{SHEET} {programme}"[:31]
