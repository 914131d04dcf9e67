"""round-unknown: a status is dated on one of the programme's rounds."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any, NamedTuple

from seuranta.model.documents import MEASURE, Document
from seuranta.model.problem import ERROR, Message
from seuranta.rules import Context, Doc, Hit, hit
from seuranta.rules.support import iso_date, programme, round_dates, statuses

ID = "round-unknown"
SEVERITY = ERROR
KINDS = (MEASURE,)
MESSAGE = Message(
    "Päivämäärä {date} ei ole ohjelman raportointikierros. Lähin kierros on {nearest}; kierrokset: {rounds}.",
    "The date {date} is not one of the programme's rounds. The nearest round is {nearest}; rounds: {rounds}.",
)
DOC = Doc(
    Message(
        "Tilannekatsauksen päivämäärä on jokin ohjelmatiedoston rounds-listan kierroksista.",
        "A status's date is one of the rounds declared in the programme file.",
    ),
    bad='statuses:\n  - date: "2021-05-14"\n    text: Seurantakyselyssä …',
    good='statuses:\n  - date: "2021-05-15"\n    text: Seurantakyselyssä …',
)


def _nearest(date: str, known: list[str]) -> str:
    return min(known, key=lambda r: (abs(_days(r) - _days(date)), r))


def _days(date: str) -> int:
    year, month, day = (int(part) if part.isdigit() else 0 for part in ([*date.split("-"), "0", "0"])[:3])
    return year * 372 + month * 31 + day


class _Rounds(NamedTuple):
    """The programme's rounds as a status's date is checked against them."""

    world: dict[str, Any]  # the programme's data, held so that its identity stays its own while memoised
    known: list[str]  # the round dates, in the programme's order
    dates: frozenset[str]
    readable: bool  # every round is a date of the form YYYY-MM-DD


def _gathered(world: dict[str, Any]) -> _Rounds:
    known = round_dates(world)
    return _Rounds(world, known, frozenset(known), all(iso_date(date) for date in known))


def _rounds(doc: Document, ctx: Context) -> _Rounds:
    """`_gathered()` of the file's programme, once per run and programme (in the run memo)."""
    world = programme(doc, ctx)
    memo: dict[int, _Rounds] = ctx.run.setdefault(ID, {})
    found = memo.get(id(world))
    if found is None or found.world is not world:
        found = memo[id(world)] = _gathered(world)
    return found


def check(doc: Document, ctx: Context) -> Iterator[Hit]:
    rounds = _rounds(doc, ctx)
    if not rounds.readable or not rounds.known:
        return  # a round written in another form is the programme's finding (schema-date), not every measure's
    for status in statuses(doc, ctx):
        if status.date not in rounds.dates and iso_date(status.date):
            nearest = _nearest(status.date, rounds.known)
            yield hit(
                doc.mark("statuses", status.position, "date"),
                status.date,
                date=status.date,
                nearest=nearest,
                rounds=", ".join(rounds.known),
            )
