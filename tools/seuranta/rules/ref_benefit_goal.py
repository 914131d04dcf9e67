"""ref-benefit-goal: a benefit goal named by a group, measure or theme exists in the programme."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from seuranta.model.documents import GROUP, MEASURE, PROGRAMME, Document
from seuranta.model.problem import ERROR, Message
from seuranta.rules import Context, Doc, Hit, hit
from seuranta.rules.support import Listed, items, programme_ids, suggest

ID = "ref-benefit-goal"
SEVERITY = ERROR
KINDS = (PROGRAMME, GROUP, MEASURE)
MESSAGE = Message(
    "Hyötytavoitetta '{goal}' ei ole ohjelmassa. Tarkoititko: {options}? Korjaa tunniste tai lisää tavoite "
    "ohjelmatiedoston benefit_goals-listaan.",
    "There is no benefit goal '{goal}' in the programme. Did you mean: {options}? Fix the id or add the goal "
    "to the programme's benefit_goals.",
)
DOC = Doc(
    Message(
        "benefit_goal-kentän tunnisteen pitää löytyä ohjelmatiedoston hyötytavoitteista.",
        "A `benefit_goal` must be one of the benefit goals declared in the programme file.",
    ),
    bad="benefit_goal: saatavuuus",
    good="benefit_goal: saatavuus",
)


def _named(doc: Document) -> Iterator[tuple[tuple[Any, ...], Any]]:
    if doc.kind != PROGRAMME:
        yield ("benefit_goal",), doc.data.get("benefit_goal")
        return
    for index, theme in enumerate(items(doc.data, "themes")):
        yield ("themes", index, "benefit_goal"), theme.get("benefit_goal")


def check(doc: Document, ctx: Context) -> Iterator[Hit]:
    known: Listed | None = None  # the programme's goals, looked up at the first goal named (most files name none)
    for path, goal in _named(doc):
        if not isinstance(goal, str):
            continue
        known = known or programme_ids(doc, ctx, "benefit_goals")
        if known.ids and goal not in known.known:
            yield hit(doc.mark(*path), goal, goal=goal, options=suggest(goal, known.ids))
