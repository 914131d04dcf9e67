"""Summary tables as plain rows: coverage, latest figures, missing statuses, findings, national goals.

Each function takes the loaded data (a `Source`) and the filters, and returns one `Table`
per programme (`goals`: one table lining all programmes up); `tables.py` prints them.
Nothing here formats output.
"""

from __future__ import annotations

import datetime
import re
from collections import Counter
from typing import Any, NamedTuple

from seuranta.check.result import Result
from seuranta.model import suggest
from seuranta.model.config import Config
from seuranta.model.counts import MEASURES
from seuranta.model.documents import GROUP, MEASURE, PROGRAMME, Document
from seuranta.model.errors import UsageError
from seuranta.model.index import Model, rounds
from seuranta.prose import figures
from seuranta.prose.figures import Figure
from seuranta.rules.support import figure_populations

WORDS: dict[str, dict[str, str]] = {
    "fi": {
        "group": "ryhmä",
        "measures": "toimenpiteitä",
        "total": "yhteensä",
        "measure": "toimenpide",
        "round": "kierros",
        "figures": "luvut",
        "trend": "kehitys",
        "title": "nimi",
        "latest": "viimeisin tilanne",
        "note": "huomautus",
        "files": "tiedostoja",
        "errors": "virheitä",
        "warnings": "varoituksia",
        "acknowledged": "kuitattuja",
        "transferred": "siirretty",
        "removed": "poistettu",
        "programme_file": "(ohjelma)",
        "coverage_title": "{programme}: tilanteita ryhmittäin ja kierroksittain",
        "latest_title": "{programme}: viimeisimmät luvut ja niiden kehitys",
        "missing_title": "{programme}: ei tilannetta kierroksella {round} ({fraction})",
        "findings_title": "{programme}: havainnot ryhmittäin",
        "national": "kansallinen tavoite",
        "programme": "ohjelma",
        "benefit_goals": "hyötytavoitteet",
        "groups": "ryhmiä",
        "statuses": "tilanteita",
        "latest_round": "viimeisin kierros",
        "no_goal": "(ei tavoitetta)",
        "goals_title": "Ohjelmat kansallisten hyötytavoitteiden mukaan",
        "unknown_programme": "tuntematon ohjelma / unknown programme: {name}",
        "unknown_group": "tuntematon ryhmä / unknown group: {name}",
        "unknown_round": "kierrosta {round} ei ole yhdessäkään ohjelmassa{hint}",
        "maybe": "; tarkoititko: {names}",
        "rounds": "; kierrokset: {names}",
    },
    "en": {
        "group": "group",
        "measures": "measures",
        "total": "total",
        "measure": "measure",
        "round": "round",
        "figures": "figures",
        "trend": "trend",
        "title": "title",
        "latest": "latest status",
        "note": "note",
        "files": "files",
        "errors": "errors",
        "warnings": "warnings",
        "acknowledged": "acknowledged",
        "transferred": "transferred",
        "removed": "removed",
        "programme_file": "(programme)",
        "coverage_title": "{programme}: statuses by group and round",
        "latest_title": "{programme}: latest figures and their trend",
        "missing_title": "{programme}: no status in round {round} ({fraction})",
        "findings_title": "{programme}: findings by group",
        "national": "national goal",
        "programme": "programme",
        "benefit_goals": "benefit goals",
        "groups": "groups",
        "statuses": "statuses",
        "latest_round": "latest round",
        "no_goal": "(no goal)",
        "goals_title": "Programmes by the national benefit goals",
        "unknown_programme": "tuntematon ohjelma / unknown programme: {name}",
        "unknown_group": "tuntematon ryhmä / unknown group: {name}",
        "unknown_round": "no programme declares round {round}{hint}",
        "maybe": "; did you mean: {names}",
        "rounds": "; rounds: {names}",
    },
}


class SummaryError(UsageError):
    """A filter that matches nothing the data declares."""


class Table(NamedTuple):
    """A table; `labels` (round date -> label as printed) are shown for the dates in the headers and in the
    `round_columns` wherever people read the table, while CSV keeps the sortable ISO dates."""

    title: str
    headers: tuple[str, ...]
    rows: list[tuple[Any, ...]]
    labels: tuple[tuple[str, str], ...] = ()
    round_columns: tuple[int, ...] = ()


class Filters(NamedTuple):
    programme: str | None = None
    group: str | None = None
    round: str | None = None


class Source(NamedTuple):
    """The loaded data a summary reads: every document, their index, and what validation needs."""

    docs: list[Document]
    model: Model
    config: Config
    today: datetime.date


# What each table reads of a measure's data: its keys, and of a key holding a list of mappings, the keys of each
# entry (None: the whole value). A table without a line here reads the whole file. Programme and group files
# are always read whole. `trimmed()` keeps only this; tests/test_summary.py holds every table to the whole data.
MEASURE_READS: dict[str, dict[str, tuple[str, ...] | None]] = {
    "coverage": {"id": None, "statuses": ("date",)},
    "missing": {"id": None, "title": None, "statuses": ("date",), "revisions": ("kind",), "transferred_to": None},
    "goals": {"id": None, "benefit_goal": None, "statuses": ("date",)},
}


def trimmed(data: Any, reads: dict[str, tuple[str, ...] | None] | None) -> Any:
    """A measure's data with only what a table `reads` of it (all of it when None)."""
    if reads is None or not isinstance(data, dict):
        return data
    return {key: _entries(data[key], fields) for key, fields in reads.items() if key in data}


def _entries(value: Any, fields: tuple[str, ...] | None) -> Any:
    if fields is None or not isinstance(value, list):
        return value
    return [{f: entry[f] for f in fields if f in entry} if isinstance(entry, dict) else entry for entry in value]


def word(lang: str, key: str, **fields: Any) -> str:
    return WORDS[lang][key].format(**fields)


# --- selecting -------------------------------------------------------------------------------


def group_of(ident: str) -> str:
    return "/".join(ident.split("/")[:2])


def local(ident: str) -> str:
    """An id without its programme: tables are per programme."""
    return ident.split("/", 1)[-1]


def group_matches(ident: str, wanted: str | None) -> bool:
    group = group_of(ident)
    return wanted is None or wanted in (group, local(group))


def natural(text: str) -> tuple[Any, ...]:
    """Sort key that puts pt2 before pt10."""
    return tuple(int(part) if part.isdigit() else part for part in re.split(r"(\d+)", text))


def programme_ids(model: Model, filters: Filters, lang: str) -> list[str]:
    """The programmes asked for: all, or --programme; with --group, those having such a group."""
    found = sorted(set(model.programmes) | {i.split("/", 1)[0] for i in model.measures})
    if filters.programme is not None and filters.programme not in found:
        raise SummaryError(word(lang, "unknown_programme", name=filters.programme))
    chosen = [
        p for p in found if filters.programme in (None, p) and (filters.group is None or groups(model, p, filters))
    ]
    if not chosen and filters.group is not None:
        raise SummaryError(word(lang, "unknown_group", name=filters.group))
    return chosen


_BY_PROGRAMME: list[Any] = [None, {}]


def _by_programme(model: Model) -> dict[str, list[tuple[str, Document]]]:
    """Measures grouped by programme and sorted naturally, once per loaded tree."""
    if _BY_PROGRAMME[0] is not model:
        grouped: dict[str, list[tuple[str, Document]]] = {}
        for ident, doc in model.measures.items():
            grouped.setdefault(ident.split("/", 1)[0], []).append((ident, doc))
        _BY_PROGRAMME[:] = [
            model,
            {p: sorted(found, key=lambda item: natural(item[0])) for p, found in grouped.items()},
        ]
    result: dict[str, list[tuple[str, Document]]] = _BY_PROGRAMME[1]
    return result


def measures(model: Model, programme: str, filters: Filters) -> list[tuple[str, Document]]:
    """The programme's measures that pass the group filter, by id."""
    return [(i, d) for i, d in _by_programme(model).get(programme, []) if group_matches(i, filters.group)]


_DECLARED_GROUPS: list[Any] = [None, {}]


def _declared_groups(model: Model) -> dict[str, set[str]]:
    """The group ids each programme declares, once per loaded tree (not once per programme)."""
    if _DECLARED_GROUPS[0] is not model:
        found: dict[str, set[str]] = {}
        for ident in model.groups:
            if ident.count("/") == 1:
                found.setdefault(ident.split("/", 1)[0], set()).add(ident)
        _DECLARED_GROUPS[:] = [model, found]
    result: dict[str, set[str]] = _DECLARED_GROUPS[1]
    return result


def groups(model: Model, programme: str, filters: Filters) -> list[str]:
    declared = _declared_groups(model).get(programme, set())
    found = declared | {group_of(i) for i, _ in measures(model, programme, Filters(group=None))}
    return sorted((g for g in found if group_matches(g, filters.group)), key=natural)


def statuses(doc: Document) -> list[dict[str, Any]]:
    found = doc.data.get("statuses") if isinstance(doc.data, dict) else None
    return [entry for entry in found if isinstance(entry, dict)] if isinstance(found, list) else []


def declared_rounds(model: Model, programme: str) -> list[str]:
    return rounds(model.programme_of(programme))


# --- coverage --------------------------------------------------------------------------------


def status_counts(model: Model, programme: str) -> Counter[tuple[str, str]]:
    """Status entries by (group, round date)."""
    return Counter(
        (group_of(ident), str(entry.get("date")))
        for ident, doc in measures(model, programme, Filters())
        for entry in statuses(doc)
    )


def coverage_dates(model: Model, programme: str, counts: Counter[tuple[str, str]], filters: Filters) -> list[str]:
    """The programme's rounds, then any other dates statuses use, so every entry is counted."""
    if filters.round is not None:
        return [filters.round]
    declared = declared_rounds(model, programme)
    return declared + sorted({date for _, date in counts if date not in declared})


def column_sums(numbers: list[list[int]], width: int) -> list[int]:
    return [sum(column) for column in zip(*numbers, strict=False)] if numbers else [0] * width


def coverage_table(model: Model, programme: str, filters: Filters, lang: str) -> Table:
    counts = status_counts(model, programme)
    dates = coverage_dates(model, programme, counts, filters)
    sizes = Counter(group_of(i) for i, _ in measures(model, programme, filters))
    chosen = groups(model, programme, filters)
    numbers = [[sizes[g], *(counts[(g, d)] for d in dates), sum(counts[(g, d)] for d in dates)] for g in chosen]
    rows = [(local(g), *n) for g, n in zip(chosen, numbers, strict=False)] + [
        (word(lang, "total"), *column_sums(numbers, len(dates) + 2))
    ]
    headers = (word(lang, "group"), word(lang, "measures"), *dates, word(lang, "total"))
    labels = tuple(round_labels(model, programme).items())
    return Table(word(lang, "coverage_title", programme=programme), headers, rows, labels)


def unknown_round(model: Model, programmes: list[str], given: str, lang: str) -> SummaryError:
    """The round no programme declares, with the declared round it probably meant (or all of them)."""
    known = sorted({d for p in programmes for d in declared_rounds(model, p)})
    close = suggest.close(given, known)
    hint = word(lang, "maybe", names=", ".join(close)) if close else word(lang, "rounds", names=", ".join(known))
    return SummaryError(word(lang, "unknown_round", round=given, hint=hint if known else ""))


def check_round(model: Model, programmes: list[str], filters: Filters, lang: str) -> None:
    if filters.round is not None and not any(filters.round in declared_rounds(model, p) for p in programmes):
        raise unknown_round(model, programmes, filters.round, lang)


def round_labels(model: Model, programme: str) -> dict[str, str]:
    """The programme's round dates -> their labels as printed ("Tilanne 15.11.2021"); a round without a
    label is its date."""
    listed = model.programme_of(programme).get("rounds")
    found = [r for r in listed if isinstance(r, dict)] if isinstance(listed, list) else []
    return {str(r.get("date")): str(r.get("label") or r.get("date")) for r in found}


def label_of(labels: dict[str, str], date: str) -> str:
    return labels.get(date, date)


def coverage(source: Source, filters: Filters, lang: str) -> list[Table]:
    programmes = programme_ids(source.model, filters, lang)
    check_round(source.model, programmes, filters, lang)
    return [coverage_table(source.model, p, filters, lang) for p in programmes]


# --- latest figures and their trend ----------------------------------------------------------


def timeline(doc: Document, until: str | None) -> list[figures.Text]:
    """The status texts up to a round, in date order."""
    found = figures.statuses_of(doc.data)
    return sorted((entry for entry in found if until is None or entry.round <= until), key=lambda e: e.round)


def chains(entries: list[figures.Text], data: Any = None, programme: Any = None) -> list[list[Figure]]:
    """For each figure of the last round's text, its series up to it (oldest first), in the text's order."""
    if not entries:
        return []
    known = figure_populations(data if isinstance(data, dict) else {}, programme if isinstance(programme, dict) else {})
    last = entries[-1].round
    found = [list(s.points) for s in figures.series(entries, known) if s.points[-1].round == last]
    return sorted(found, key=lambda points: points[-1].start)


def trend(chain: list[Figure]) -> str:
    return " → ".join(f.text for f in chain) if len(chain) > 1 else ""


def latest_row(ident: str, doc: Document, until: str | None, programme: dict[str, Any]) -> tuple[str, str, str, str]:
    entries = timeline(doc, until)
    if not entries:
        return (local(ident), "", "", "")
    found = chains(entries, doc.data, programme)
    shown = ", ".join(chain[-1].text for chain in found)
    return (local(ident), entries[-1].round, shown, "; ".join(t for t in map(trend, found) if t))


def latest(source: Source, filters: Filters, lang: str) -> list[Table]:
    headers = (word(lang, "measure"), word(lang, "round"), word(lang, "figures"), word(lang, "trend"))
    return [
        Table(
            word(lang, "latest_title", programme=p),
            headers,
            [
                latest_row(i, d, filters.round, source.model.programme_of(p))
                for i, d in measures(source.model, p, filters)
            ],
            tuple(round_labels(source.model, p).items()),
            (1,),
        )
        for p in programme_ids(source.model, filters, lang)
    ]


# --- missing statuses ------------------------------------------------------------------------


def note(doc: Document, lang: str) -> str:
    """Why a measure may rightly have no status: transferred elsewhere or removed in a later plan."""
    data = doc.data if isinstance(doc.data, dict) else {}
    revisions = data.get("revisions")
    removed = isinstance(revisions, list) and any(isinstance(r, dict) and r.get("kind") == "removed" for r in revisions)
    notes = [word(lang, "transferred")] if "transferred_to" in data else []
    return ", ".join(notes + ([word(lang, "removed")] if removed else []))


def missing_row(ident: str, doc: Document, lang: str) -> tuple[str, str, str, str]:
    title = doc.data.get("title") if isinstance(doc.data, dict) else ""
    dates = [str(e.get("date")) for e in statuses(doc)]
    return (local(ident), str(title or ""), max(dates) if dates else "", note(doc, lang))


def missing_table(model: Model, programme: str, when: str, filters: Filters, lang: str) -> Table:
    chosen = measures(model, programme, filters)
    labels = round_labels(model, programme)
    rows = [missing_row(i, d, lang) for i, d in chosen if when not in {str(e.get("date")) for e in statuses(d)}]
    shown = label_of(labels, when)
    fraction = MEASURES.fraction(len(rows), len(chosen), lang)
    title = word(lang, "missing_title", programme=programme, round=shown, fraction=fraction)
    headers = (word(lang, "measure"), word(lang, "title"), word(lang, "latest"), word(lang, "note"))
    return Table(title, headers, rows, tuple(labels.items()), (2,))


def missing(source: Source, filters: Filters, lang: str) -> list[Table]:
    """Per programme: measures without a status in --round, else in the programme's latest round."""
    model = source.model
    chosen = [
        (p, filters.round or max(declared_rounds(model, p), default="")) for p in programme_ids(model, filters, lang)
    ]
    chosen = [(p, when) for p, when in chosen if when and when in declared_rounds(model, p)]
    if not chosen:
        raise unknown_round(model, programme_ids(model, filters, lang), filters.round or "?", lang)
    return [missing_table(model, p, when, filters, lang) for p, when in chosen]


# --- findings --------------------------------------------------------------------------------


def row_key(doc: Document, lang: str) -> str:
    return word(lang, "programme_file") if doc.kind == PROGRAMME else local(group_of(doc.expected_id))


def findings_table(docs: list[Document], result: Result, programme: str, lang: str) -> Table:
    by_path = {d.path: row_key(d, lang) for d in docs}
    files = Counter(by_path.values())
    counted: Counter[tuple[str, str]] = Counter()
    for problem in result.problems:
        kind = "acknowledged" if problem.acknowledged else problem.severity
        counted[(by_path.get(problem.path, "?"), kind)] += 1
    keys = sorted(files, key=lambda k: (k != word(lang, "programme_file"), natural(k)))
    numbers = [[files[k], counted[(k, "error")], counted[(k, "warning")], counted[(k, "acknowledged")]] for k in keys]
    rows = [(k, *n) for k, n in zip(keys, numbers, strict=False)] + [(word(lang, "total"), *column_sums(numbers, 4))]
    headers = (
        word(lang, "group"),
        word(lang, "files"),
        word(lang, "errors"),
        word(lang, "warnings"),
        word(lang, "acknowledged"),
    )
    return Table(word(lang, "findings_title", programme=programme), headers, rows)


def wanted(doc: Document, programme: str, filters: Filters) -> bool:
    """A data file of the programme; with --group, only that group's files."""
    if doc.kind not in (PROGRAMME, GROUP, MEASURE) or doc.expected_id.split("/", 1)[0] != programme:
        return False
    return filters.group is None if doc.kind == PROGRAMME else group_matches(doc.expected_id, filters.group)


def chosen_docs(docs: list[Document], programme: str, filters: Filters) -> list[Document]:
    return [d for d in docs if wanted(d, programme, filters)]


def findings(source: Source, filters: Filters, lang: str) -> list[Table]:
    """Validation findings and acknowledged ones per group (engine.validate over the chosen files)."""
    from seuranta.check import engine  # only this table checks: the schema and every rule are imported here

    tables = []
    for programme in programme_ids(source.model, filters, lang):
        docs = chosen_docs(source.docs, programme, filters)
        result = engine.validate(docs, source.model, source.config, source.today)
        tables.append(findings_table(docs, result, programme, lang))
    return tables


# --- national benefit goals ------------------------------------------------------------------

NATIONAL = ("saatavuus", "ennaltaehkaisy", "laatu", "monialaisuus", "kustannukset")


class GoalCounts(NamedTuple):
    """One programme's share of one national goal."""

    goals: list[str]
    groups: set[str]
    measures: int
    statuses: int
    latest: str


def _goal_labels(model: Model, rows: list[tuple[Any, ...]]) -> tuple[tuple[str, str], ...]:
    """The latest rounds of the goals table by label; a date two programmes label differently stays a date."""
    found: dict[str, set[str]] = {}
    for row in rows:
        if row[6]:
            found.setdefault(row[6], set()).add(label_of(round_labels(model, row[1]), row[6]))
    return tuple((date, next(iter(labels))) for date, labels in found.items() if len(labels) == 1)


def goal_titles(programme: dict[str, Any]) -> dict[str, str]:
    """The programme's own benefit goal ids -> their titles (the id where a goal has none)."""
    found = programme.get("benefit_goals") if isinstance(programme, dict) else None
    listed = [g for g in found if isinstance(g, dict) and "id" in g] if isinstance(found, list) else []
    return {str(g["id"]): str(g.get("title") or g["id"]) for g in listed}


def national_goals(programme: dict[str, Any]) -> dict[str, str]:
    """The programme's own benefit goal ids -> the national goal each maps to."""
    found = programme.get("benefit_goals") if isinstance(programme, dict) else None
    return {
        str(goal["id"]): goal["national"]
        for goal in (found if isinstance(found, list) else [])
        if isinstance(goal, dict) and "id" in goal and goal.get("national") in NATIONAL
    }


def own_goal(data: Any) -> str | None:
    goal = data.get("benefit_goal") if isinstance(data, dict) else None
    return goal if isinstance(goal, str) else None


def goal_counts(model: Model, programme: str, filters: Filters) -> dict[str | None, GoalCounts]:
    """National goal (None: no goal) -> counts. A measure maps through its own benefit_goal, else its
    group's; a group counts under its own goal and under each of its measures' goals."""
    mapping = national_goals(model.programme_of(programme))
    counted: dict[str | None, GoalCounts] = {
        key: GoalCounts(sorted(g for g, n in mapping.items() if n == key), set(), 0, 0, "") for key in (*NATIONAL, None)
    }
    for group in groups(model, programme, filters):
        counted[mapping.get(own_goal(model.group_of(group)) or "")].groups.add(group)
    for ident, doc in measures(model, programme, filters):
        key = mapping.get(own_goal(doc.data) or own_goal(model.group_of(ident)) or "")
        dates = [str(e.get("date")) for e in statuses(doc)]
        dates = [d for d in dates if filters.round is None or d <= filters.round]
        before = counted[key]
        before.groups.add(group_of(ident))
        counted[key] = before._replace(
            measures=before.measures + 1, statuses=before.statuses + len(dates), latest=max([before.latest, *dates])
        )
    return counted


def goal_row(label: str, programme: str, counts: GoalCounts, model: Model) -> tuple[Any, ...]:
    """One programme's share of one national goal: its own goals by title, the latest round by its label."""
    titles = goal_titles(model.programme_of(programme))
    return (
        label,
        programme,
        ", ".join(titles.get(g, g) for g in counts.goals),
        len(counts.groups),
        counts.measures,
        counts.statuses,
        counts.latest,
    )


def goals(source: Source, filters: Filters, lang: str) -> list[Table]:
    """Every programme lined up by the five national goals; then measures and groups with no goal, if any.

    With --round, statuses up to and including that round."""
    model = source.model
    programmes = programme_ids(model, filters, lang)
    check_round(model, programmes, filters, lang)
    counted = {p: goal_counts(model, p, filters) for p in programmes}
    rows = [goal_row(national, p, counted[p][national], model) for national in NATIONAL for p in programmes]
    rows += [
        goal_row(word(lang, "no_goal"), p, counted[p][None], model)
        for p in programmes
        if counted[p][None].groups or counted[p][None].measures
    ]
    headers = (
        word(lang, "national"),
        word(lang, "programme"),
        word(lang, "benefit_goals"),
        word(lang, "groups"),
        word(lang, "measures"),
        word(lang, "statuses"),
        word(lang, "latest_round"),
    )
    return [Table(word(lang, "goals_title"), headers, rows, round_columns=(6,), labels=_goal_labels(model, rows))]
