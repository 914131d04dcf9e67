"""round-duplicate: a measure has at most one status per round."""

from __future__ import annotations

from collections.abc import Iterator

from seuranta.model.documents import MEASURE, Document
from seuranta.model.problem import ERROR, Message
from seuranta.rules import Context, Doc, Hit, hit
from seuranta.rules.support import statuses

ID = "round-duplicate"
SEVERITY = ERROR
KINDS = (MEASURE,)
MESSAGE = Message(
    "Kierrokselle {date} on jo tilannekatsaus (rivi {line}). Yhdistä tekstit yhdeksi tai korjaa päivämäärä.",
    "The round {date} already has a status (line {line}). Merge the texts into one or fix the date.",
)
DOC = Doc(
    Message(
        "Kullakin kierroksella toimenpiteellä on enintään yksi tilannekatsaus.",
        "A measure has at most one status per round.",
    ),
    bad='statuses:\n  - {date: "2021-05-15", text: Malli käytössä.}\n  - {date: "2021-05-15", text: Malli kuvattu.}',
    good='statuses:\n  - {date: "2021-02-15", text: Malli kuvattu.}\n  - {date: "2021-05-15", text: Malli käytössä.}',
)


def check(doc: Document, ctx: Context) -> Iterator[Hit]:
    first: dict[str, int] = {}
    for status in statuses(doc, ctx):
        if status.date in first:
            line = doc.mark("statuses", first[status.date], "date")[0]
            yield hit(doc.mark("statuses", status.position, "date"), status.date, date=status.date, line=line)
        first.setdefault(status.date, status.position)
