"""round-order: a measure's statuses are in round order."""

from __future__ import annotations

from collections.abc import Iterator

from seuranta.model.documents import MEASURE, Document
from seuranta.model.problem import ERROR, Message
from seuranta.rules import Context, Doc, Hit, hit
from seuranta.rules.support import iso_date, statuses

ID = "round-order"
SEVERITY = ERROR
KINDS = (MEASURE,)
MESSAGE = Message(
    "Kierros {date} on kierroksen {previous} jälkeen, vaikka se on aiempi. Siirrä tilannekatsaukset "
    "kierrosten järjestykseen (vanhin ensin).",
    "The round {date} comes after {previous} although it is earlier. Put the statuses in round order (oldest first).",
)
DOC = Doc(
    Message(
        "Tilannekatsaukset ovat kierrosten järjestyksessä, vanhin ensin; uusi kierros lisätään loppuun.",
        "Statuses are in round order, oldest first; a new round is appended at the end.",
    ),
    bad='statuses:\n  - {date: "2021-05-15", text: …}\n  - {date: "2021-02-15", text: …}',
    good='statuses:\n  - {date: "2021-02-15", text: …}\n  - {date: "2021-05-15", text: …}',
)


def check(doc: Document, ctx: Context) -> Iterator[Hit]:
    latest = ""
    for status in statuses(doc, ctx):
        if not iso_date(status.date):
            continue  # a date in the wrong form is the schema's one finding (schema-date), not out of order
        if status.date < latest:
            yield hit(doc.mark("statuses", status.position, "date"), status.date, date=status.date, previous=latest)
        latest = max(latest, status.date)
