"""The pages of the report: index, one per group, one per measure, and the findings page.

Each builder returns `Page(path, html)`; paths are relative to the site root and every page is
linked from the index or from a page the index links to.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Sequence
from typing import Any, NamedTuple

from seuranta.model import counts
from seuranta.model.problem import ERROR, Problem
from seuranta.prose import figures as figures_mod
from seuranta.site import charts
from seuranta.site.html import Crumb, Html, cell, definitions, el, join, link, page, relative, table
from seuranta.tables.tidy import Group, Measure, Programme, measure_series

INDEX = "index.html"
FINDINGS = "havainnot.html"
NO_GOAL = "Ei hyötytavoitetta"
SEVERITY = {"error": "virhe", "warning": "varoitus"}
NATIONAL = {
    "saatavuus": "Saatavuus, oikea-aikaisuus, jatkuvuus",
    "ennaltaehkaisy": "Ennaltaehkäisy ja ennakointi",
    "laatu": "Laatu ja vaikuttavuus",
    "monialaisuus": "Monialaisuus ja yhteentoimivuus",
    "kustannukset": "Kustannusten nousun hillintä",
}


class Page(NamedTuple):
    path: str
    html: str


class Findings(NamedTuple):
    """Validation findings, and the acknowledgement reasons by (path, rule, match)."""

    problems: list[Problem]
    reasons: dict[tuple[str, str, str], str]
    files: int


def group_path(ident: str) -> str:
    return f"ryhmat/{ident}.html"


def measure_path(ident: str) -> str:
    return f"toimenpiteet/{ident}.html"


def fi_date(iso: str) -> str:
    try:
        day = datetime.date.fromisoformat(iso)
    except ValueError:
        return iso
    return f"{day.day}.{day.month}.{day.year}"


def measure_name(measure: Measure) -> str:
    return f"{measure.number} {measure.title}" if measure.number else measure.title


def group_name(group: Group, programme: Programme) -> str:
    label = programme.group_label[:1].upper() + programme.group_label[1:]
    return f"{label} {group.number}: {group.title}" if group.number else f"{label}: {group.title}"


def _crumbs(programme: Programme, group: Group | None = None, measure: Measure | None = None) -> list[Crumb]:
    found = [Crumb("Etusivu", INDEX), Crumb(programme.title, f"{INDEX}#{programme.id}")]
    if group is not None:
        found.append(Crumb(group_name(group, programme), group_path(group.id)))
    if measure is not None:
        found.append(Crumb(measure_name(measure), measure_path(measure.id)))
    return found


def _anchor(ident: str) -> str:
    return ident.replace("/", "-")


# --- index ----------------------------------------------------------------------------------


def _goal_rows(here: str, programme: Programme) -> list[tuple[Any, ...]]:
    """Benefit goals with the groups whose measures serve them; a goal no measure serves has no row."""
    goals = [(g.id, g.title, NATIONAL.get(g.national, g.national)) for g in programme.goals]
    declared = {g.id for g in programme.goals}
    if any(m.benefit_goal not in declared for m in programme.measures):
        goals.append(("", NO_GOAL, ""))
    rows: list[tuple[Any, ...]] = []
    for goal, title, national in goals:
        groups = [
            (g, sum(1 for m in g.measures if (m.benefit_goal if m.benefit_goal in declared else "") == goal))
            for g in programme.groups
        ]
        for g, count in ((g, n) for g, n in groups if n):
            rows.append(
                (
                    cell(title, header=True),
                    national,
                    link(relative(here, group_path(g.id)), group_name(g, programme)),
                    cell(str(count), numeric=True),
                )
            )
    return rows


def _linked_to_goals(programme: Programme) -> bool:
    """Whether any measure serves one of the programme's declared benefit goals."""
    declared = {g.id for g in programme.goals}
    return any(m.benefit_goal in declared for m in programme.measures)


def _group_rows(here: str, programme: Programme) -> list[tuple[Any, ...]]:
    rows: list[tuple[Any, ...]] = []
    for group in programme.groups:
        statuses = sum(len(m.statuses) for m in group.measures)
        latest = max((s.date for m in group.measures for s in m.statuses), default="")
        rows.append(
            (
                cell(group.number or "–", header=True),
                link(relative(here, group_path(group.id)), group.title),
                programme.goal_title(group.benefit_goal) if group.benefit_goal else "–",
                cell(str(len(group.measures)), numeric=True),
                cell(str(statuses), numeric=True),
                programme.round_label(latest) if latest else "–",
            )
        )
    return rows


def coverage_points(programme: Programme) -> list[charts.Point]:
    total = len(programme.measures)
    found = []
    for r in programme.rounds:
        count = sum(1 for m in programme.measures if any(s.date == r.date for s in m.statuses))
        share = count * 100 / total if total else 0.0
        found.append(charts.Point(r.label, fi_date(r.date), share, f"{count}/{total}"))
    return found


def _coverage(programme: Programme) -> Html:
    """The coverage chart, when at least two rounds have statuses; otherwise one sentence says what there is."""
    points = coverage_points(programme)
    reported = [p for p in points if not p.shown.startswith("0/")]
    if not reported:
        return el("p", f"Tilannekatsauksia ei ole vielä ({counts.ROUNDS.counted(len(points), 'fi')}).")
    if len(points) < 2:
        return el("p", f"Tilannekatsauksen saaneet toimenpiteet: {points[0].label}: {points[0].shown}.")
    return charts.bars(
        f"kattavuus-{programme.id}",
        title=f"{programme.title}: tilannekatsauksen saaneiden toimenpiteiden osuus kierroksittain",
        points=points,
        caption=Html("Tilannekatsauksen saaneet toimenpiteet kierroksittain (osuus kaikista toimenpiteistä)"),
        value_header="Toimenpiteitä",
    )


def _goals_section(here: str, programme: Programme) -> list[Html]:
    if not _linked_to_goals(programme):
        return [el("p", "Toimenpiteitä ei ole liitetty ohjelman hyötytavoitteisiin.")]
    return [
        el("h3", "Hyötytavoitteittain"),
        table(
            f"{programme.title}: toimenpiteet hyötytavoitteittain ja ryhmittäin",
            ("Hyötytavoite", "Kansallinen hyötytavoite", programme.group_label.capitalize(), "Toimenpiteitä"),
            _goal_rows(here, programme),
        ),
    ]


def _programme_section(here: str, programme: Programme) -> Html:
    measures = programme.measures
    statuses = sum(len(m.statuses) for m in measures)
    summary = (
        f"{programme.region + ' · ' if programme.region else ''}ryhmiä ({programme.group_label}) "
        f"{len(programme.groups)} · toimenpiteitä {len(measures)} · tilannekatsauksia {statuses} · "
        f"raportointikierroksia {len(programme.rounds)}"
    )
    return el(
        "section",
        el("h2", programme.title, id=programme.id),
        el("p", summary, class_="lead"),
        el("p", programme.description, class_="prose") if programme.description else None,
        *_goals_section(here, programme),
        el("h3", f"Ryhmät ({programme.group_label})"),
        table(
            f"{programme.title}: ryhmät",
            ("Numero", "Nimi", "Hyötytavoite", "Toimenpiteitä", "Tilannekatsauksia", "Viimeisin kierros"),
            _group_rows(here, programme),
        ),
        el("h3", "Kattavuus kierroksittain"),
        _coverage(programme),
        aria_labelledby=programme.id,
    )


# --- the programmes side by side ------------------------------------------------------------

NO_NATIONAL = "Ei kansallista hyötytavoitetta"


def latest_reported(programme: Programme) -> tuple[str, int]:
    """The latest round with any status (its label) and how many measures have a status in it."""
    for round_ in reversed(programme.rounds):
        count = sum(1 for m in programme.measures if any(s.date == round_.date for s in m.statuses))
        if count:
            return round_.label, count
    return "", 0


def _national_of(programme: Programme) -> dict[str, str]:
    return {g.id: g.national for g in programme.goals}


def _share(count: int, total: int) -> str:
    return f"{count}/{total} ({count * 100 / total:.0f} %)".replace(".", ",") if total else "–"


def _programme_folder(programme: Programme) -> str:
    return programme.path.rsplit("/", 1)[0] + "/" if "/" in programme.path else ""


def _overview_rows(programmes: Sequence[Programme], findings: Findings) -> list[tuple[Any, ...]]:
    rows: list[tuple[Any, ...]] = []
    for programme in programmes:
        label, count = latest_reported(programme)
        folder = _programme_folder(programme)
        own = [p for p in findings.problems if not p.acknowledged and folder and p.path.startswith(folder)]
        errors = sum(1 for p in own if p.severity == ERROR)
        rows.append(
            (
                cell(link(f"#{programme.id}", programme.title), header=True),
                programme.region or "–",
                cell(str(len(programme.measures)), numeric=True),
                label or "ei tilannekatsauksia",
                cell(_share(count, len(programme.measures)) if label else "–", numeric=True),
                cell(str(errors), numeric=True),
                cell(str(len(own) - errors), numeric=True),
            )
        )
    return rows


def _national_rows(programmes: Sequence[Programme]) -> list[tuple[Any, ...]]:
    """National goals × programmes: measures serving the goal, and how many reported in the latest round."""
    goals = [*NATIONAL, ""]
    rows: list[tuple[Any, ...]] = []
    for goal in goals:
        cells: list[Any] = []
        for programme in programmes:
            national = _national_of(programme)
            label = latest_reported(programme)[0]
            date = next((r.date for r in programme.rounds if r.label == label), "")
            serving = [m for m in programme.measures if national.get(m.benefit_goal, "") == goal]
            reported = sum(1 for m in serving if any(s.date == date for s in m.statuses))
            shown = (_share(reported, len(serving)) if label else str(len(serving))) if serving else "–"
            cells.append(cell(shown, numeric=True))
        if any(c.content != "–" for c in cells):
            rows.append((cell(NATIONAL.get(goal, NO_NATIONAL), header=True), *cells))
    return rows


def _side_by_side(programmes: Sequence[Programme], findings: Findings) -> Html:
    return el(
        "section",
        el("h2", "Ohjelmat rinnakkain", id="rinnakkain"),
        table(
            "Ohjelmat: toimenpiteet, viimeisimmän raportoidun kierroksen kattavuus ja avoimet havainnot",
            (
                "Ohjelma",
                "Alue",
                "Toimenpiteitä",
                "Viimeisin raportoitu kierros",
                "Raportoitu",
                "Virheitä",
                "Varoituksia",
            ),
            _overview_rows(programmes, findings),
        ),
        el("h3", "Kansallisittain hyötytavoitteittain"),
        table(
            "Kansalliset hyötytavoitteet ohjelmittain: tilannekatsauksen viimeisimmällä raportoidulla kierroksella "
            "saaneet / tavoitteen toimenpiteet (pelkkä luku: toimenpiteitä, ohjelmalla ei vielä tilannekatsauksia)",
            ("Kansallinen hyötytavoite", *(p.title for p in programmes)),
            _national_rows(programmes),
        ),
        aria_labelledby="rinnakkain",
    )


def index_page(programmes: Sequence[Programme], findings: Findings, date: str) -> Page:
    open_ = [p for p in findings.problems if not p.acknowledged]
    errors = sum(1 for p in open_ if p.severity == ERROR)
    contents = el("ul", *(el("li", link(f"#{p.id}", p.title)) for p in programmes))
    body = join(
        [
            el("h1", "Kehittämisohjelmien seuranta"),
            el(
                "p",
                f"{counts.PROGRAMMES.counted(len(programmes), 'fi')}, "
                f"{counts.MEASURES.counted(sum(len(p.measures) for p in programmes), 'fi')}. "
                "Jokaisella toimenpiteellä on oma sivunsa: aikajana kierroksittain ja tilannekatsausten "
                "luvut kuvioina.",
                class_="lead",
            ),
            _side_by_side(programmes, findings),
            el("nav", el("h2", "Ohjelmat", id="ohjelmat"), contents, aria_labelledby="ohjelmat"),
            el(
                "p",
                link(
                    FINDINGS,
                    f"Havainnot: {counts.ERRORS.counted(errors, 'fi')}, "
                    f"{counts.WARNINGS.counted(len(open_) - errors, 'fi')}, "
                    f"{counts.ACKNOWLEDGED_DEVIATIONS.counted(len(findings.problems) - len(open_), 'fi')}",
                ),
            ),
            *(_programme_section(INDEX, p) for p in programmes),
        ]
    )
    return Page(INDEX, page(INDEX, title="Etusivu", body=body, date=date))


# --- group ----------------------------------------------------------------------------------


def _round_marks(measure: Measure, programme: Programme) -> list[Any]:
    dates = {s.date for s in measure.statuses}
    return [
        cell(join([el("span", "✓", aria_hidden="true"), el("span", "kirjattu", class_="vh")]), numeric=False)
        if r.date in dates
        else cell(join([el("span", "–", aria_hidden="true"), el("span", "ei", class_="vh")]))
        for r in programme.rounds
    ]


def group_page(group: Group, programme: Programme, date: str) -> Page:
    here = group_path(group.id)
    rows = [
        (
            cell(m.number or "–", header=True),
            link(relative(here, measure_path(m.id)), m.title),
            *_round_marks(m, programme),
        )
        for m in group.measures
    ]
    headers = ("Numero", "Toimenpide", *(fi_date(r.date) for r in programme.rounds))
    body = join(
        [
            el("h1", group_name(group, programme)),
            definitions(
                [
                    ("Ohjelma", link(relative(here, f"{INDEX}#{programme.id}"), programme.title)),
                    ("Hyötytavoite", programme.goal_title(group.benefit_goal) if group.benefit_goal else ""),
                    ("Vastuuhenkilöt", ", ".join(group.responsible)),
                    ("Tiedosto", group.path),
                ]
            ),
            el("p", group.description, class_="prose") if group.description else None,
            el("h2", "Toimenpiteet"),
            table(f"{group.title}: toimenpiteet ja tilannekatsaukset kierroksittain", headers, rows)
            if rows
            else el("p", "Ryhmässä ei ole toimenpiteitä.", class_="muted"),
        ]
    )
    return Page(
        here, page(here, title=group_name(group, programme), body=body, crumbs=_crumbs(programme, group), date=date)
    )


# --- measure --------------------------------------------------------------------------------


def _series_points(series: figures_mod.Series, programme: Programme) -> list[charts.Point]:
    by_round = {p.round: p for p in series.points}
    dates = [r.date for r in programme.rounds]
    dates += sorted(d for d in by_round if d not in dates)
    found = []
    for day in dates:
        point = by_round.get(day)
        label = programme.round_label(day)
        if point is None:
            found.append(charts.Point(label, fi_date(day), None, "–"))
        else:
            found.append(charts.Point(label, fi_date(day), point.share, point.shown(), point.quote))
    return found


def _unit_words(series: figures_mod.Series, programme: Programme) -> str:
    if series.kind in (figures_mod.PERCENT, figures_mod.CHANGE):
        return "prosenttiluku" if series.kind == figures_mod.PERCENT else "prosenttiyksikön muutos"
    return f"osuus, perusjoukko: {series.unit}" if series.unit else "osuus"


def _figures_section(measure: Measure, programme: Programme) -> Html:
    found = measure_series(measure)
    if not found:
        return el("p", "Tilannekatsauksissa ei ole murto- eikä prosenttilukuja.", class_="muted")
    parts = []
    for index, series in enumerate(found, start=1):
        points = _series_points(series, programme)
        trail = " → ".join(p.shown() for p in series.points)
        title = f"{series.title}: {trail}"
        parts.append(el("h3", series.title, id=f"sarja-{index}"))
        parts.append(
            charts.trend(
                f"kuvio-{index}",
                title=title,
                points=points,
                caption=join(
                    [
                        el("span", trail, class_="trail"),
                        " ",
                        el("span", f"({_unit_words(series, programme)})", class_="muted"),
                    ]
                ),
            )
        )
    return join(parts)


def _timeline(measure: Measure) -> Html:
    if not measure.statuses:
        return el("p", "Toimenpiteellä ei ole vielä tilannekatsauksia.", class_="muted")
    items = [
        el(
            "li",
            el("h3", el("time", status.label, datetime=status.date)),
            el("p", status.text, class_="prose"),
            el("p", "Kierros on päätelty sisällöstä (lähteen sarake epävarma).", class_="note")
            if status.inferred
            else None,
            el("p", f"Lähde: {status.source}", class_="muted") if status.source else None,
        )
        for status in measure.statuses
    ]
    return el("ol", *items, class_="timeline")


def _measure_findings(measure: Measure, findings: Findings) -> Html:
    mine = [p for p in findings.problems if p.path == measure.path]
    if not mine:
        return Html("")
    items = [
        el("li", f"Rivi {p.line}: [{p.rule}] {p.message.fi}" + (" (kuitattu)" if p.acknowledged else "")) for p in mine
    ]
    return join([el("h2", "Havainnot"), el("ul", *items)])


def measure_page(measure: Measure, group: Group, programme: Programme, findings: Findings, date: str) -> Page:
    here = measure_path(measure.id)
    responsible = measure.responsible or group.responsible
    body = join(
        [
            el("h1", measure_name(measure)),
            definitions(
                [
                    ("Ohjelma", link(relative(here, f"{INDEX}#{programme.id}"), programme.title)),
                    (
                        programme.group_label.capitalize(),
                        link(relative(here, group_path(group.id)), group_name(group, programme)),
                    ),
                    ("Hyötytavoite", programme.goal_title(measure.benefit_goal) if measure.benefit_goal else ""),
                    ("Hankesalkut", ", ".join(measure.portfolios)),
                    ("Salkkujen välinen", measure.cross_portfolio),
                    ("Vastuuhenkilöt", ", ".join(responsible)),
                    ("Tuotos, tulos", measure.outputs),
                    ("Arviointitapa", measure.evaluation),
                    ("Sote-johtajille esitettävä kysymys", measure.question),
                    ("Kuvaus", measure.description),
                    ("Tiedosto", measure.path),
                ]
            ),
            el("h2", "Luvut kierroksittain"),
            _figures_section(measure, programme),
            el("h2", "Aikajana"),
            _timeline(measure),
            _measure_findings(measure, findings),
        ]
    )
    return Page(
        here, page(here, title=measure_name(measure), body=body, crumbs=_crumbs(programme, group, measure), date=date)
    )


# --- findings -------------------------------------------------------------------------------


def _where(problem: Problem, measures: dict[str, str]) -> Html:
    target = measures.get(problem.path)
    label = f"{problem.path}:{problem.line}"
    return link(relative(FINDINGS, target), label) if target else Html(el("span", label))


def findings_page(findings: Findings, programmes: Iterable[Programme], date: str) -> Page:
    programmes = list(programmes)
    measures = {m.path: measure_path(m.id) for p in programmes for m in p.measures}
    measures |= {g.path: group_path(g.id) for p in programmes for g in p.groups if g.path}
    measures |= {p.path: f"{INDEX}#{p.id}" for p in programmes}
    open_ = [p for p in findings.problems if not p.acknowledged]
    acked = [p for p in findings.problems if p.acknowledged]
    open_rows = [
        (
            cell(_where(p, measures), header=True),
            el("span", SEVERITY.get(p.severity, p.severity), class_=f"severity-{p.severity}"),
            p.rule,
            p.message.fi,
        )
        for p in open_
    ]
    acked_rows = [
        (
            cell(_where(p, measures), header=True),
            p.rule,
            p.match,
            findings.reasons.get((p.path, p.rule, p.match), ""),
            p.message.fi,
        )
        for p in acked
    ]
    errors = sum(1 for p in open_ if p.severity == ERROR)
    body = join(
        [
            el("h1", "Havainnot"),
            el(
                "p",
                f"Tarkistettu {counts.FILES.counted(findings.files, 'fi')}: {counts.ERRORS.counted(errors, 'fi')}, "
                f"{counts.WARNINGS.counted(len(open_) - errors, 'fi')}, "
                f"{counts.ACKNOWLEDGED_DEVIATIONS.counted(len(acked), 'fi')}.",
                class_="lead",
            ),
            el("h2", "Avoimet havainnot"),
            table("Avoimet havainnot", ("Sijainti", "Vakavuus", "Sääntö", "Viesti"), open_rows)
            if open_rows
            else el("p", "Ei avoimia havaintoja.", class_="muted"),
            el("h2", "Kuitatut poikkeamat"),
            el(
                "p",
                "Historiallisen aineiston todelliset poikkeamat, jotka on tarkistettu ja jätetty alkuperäisiksi.",
                class_="muted",
            ),
            table("Kuitatut poikkeamat", ("Sijainti", "Sääntö", "Osuva teksti", "Perustelu", "Viesti"), acked_rows)
            if acked_rows
            else el("p", "Ei kuitattuja poikkeamia.", class_="muted"),
        ]
    )
    return Page(
        FINDINGS,
        page(
            FINDINGS,
            title="Havainnot",
            body=body,
            crumbs=[Crumb("Etusivu", INDEX), Crumb("Havainnot", None)],
            date=date,
        ),
    )


def all_pages(programmes: Sequence[Programme], findings: Findings, date: str) -> list[Page]:
    found = [index_page(programmes, findings, date), findings_page(findings, programmes, date)]
    for programme in programmes:
        for group in programme.groups:
            found.append(group_page(group, programme, date))
            found.extend(measure_page(m, group, programme, findings, date) for m in group.measures)
    return found
