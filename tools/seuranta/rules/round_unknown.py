"""round-unknown: a status is dated on one of the programme's rounds."""

from __future__ import annotations

from collections.abc import Iterator

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


def check(doc: Document, ctx: Context) -> Iterator[Hit]:
    known = round_dates(programme(doc, ctx))
    if not all(iso_date(date) for date in known):
        return  # a round written in another form is the programme's finding (schema-date), not every measure's
    for status in statuses(doc, ctx) if known else ():
        if status.date not in known and iso_date(status.date):
            nearest = _nearest(status.date, known)
            yield hit(
                doc.mark("statuses", status.position, "date"),
                status.date,
                date=status.date,
                nearest=nearest,
                rounds=", ".join(known),
            )
