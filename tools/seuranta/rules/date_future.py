"""date-future: no status is dated after today."""

from __future__ import annotations

from collections.abc import Iterator

from seuranta.model.documents import MEASURE, Document
from seuranta.model.problem import ERROR, Message
from seuranta.rules import Context, Doc, Hit, hit
from seuranta.rules.support import iso_date, statuses

ID = "date-future"
SEVERITY = ERROR
KINDS = (MEASURE,)
MESSAGE = Message(
    "Tilannekatsaus on päivätty tulevaisuuteen ({date}, tänään {today}). Kirjaa tilanne vasta kierroksen "
    "päivänä tai sen jälkeen, tai korjaa päivämäärä.",
    "The status is dated in the future ({date}, today is {today}). Record it on or after the round's date, "
    "or fix the date.",
)
DOC = Doc(
    Message(
        "Tilannekatsausta ei voi kirjata kierrokselle, jonka päivä ei ole vielä tullut.",
        "A status cannot be recorded for a round whose date has not come yet.",
    ),
    bad='# today 2022-10-01\nstatuses:\n  - {date: "2022-11-15", text: Malli käytössä.}',
    good='# today 2022-11-20\nstatuses:\n  - {date: "2022-11-15", text: Malli käytössä.}',
)


def check(doc: Document, ctx: Context) -> Iterator[Hit]:
    today = ctx.today.isoformat()
    for status in statuses(doc, ctx):
        if iso_date(status.date) and status.date > today:
            yield hit(doc.mark("statuses", status.position, "date"), status.date, date=status.date, today=today)
