"""rounds-order: the programme's rounds are in date order and not repeated."""

from __future__ import annotations

from collections.abc import Iterator

from seuranta.model.documents import PROGRAMME, Document
from seuranta.model.problem import ERROR, Message
from seuranta.rules import Context, Doc, Hit, hit
from seuranta.rules.support import iso_date, items

ID = "rounds-order"
SEVERITY = ERROR
KINDS = (PROGRAMME,)
MESSAGE = Message(
    "Kierros {date} {problem_fi}. Järjestä rounds-lista päivämäärän mukaan, kukin kierros kerran.",
    "The round {date} {problem_en}. Sort `rounds` by date, each round once.",
)
DOC = Doc(
    Message(
        "Ohjelman kierrokset ovat aikajärjestyksessä eikä mikään päivämäärä toistu.",
        "The programme's rounds are in date order and no date repeats.",
    ),
    bad='rounds:\n  - {date: "2021-05-15", label: Tilanne 15.5.2021}\n'
    '  - {date: "2021-02-15", label: Tilanne 15.2.2021}',
    good='rounds:\n  - {date: "2021-02-15", label: Tilanne 15.2.2021}\n'
    '  - {date: "2021-05-15", label: Tilanne 15.5.2021}',
)


def _problem(date: str, latest: str) -> tuple[str, str] | None:
    if date == latest:
        return "on listassa kahdesti", "is listed twice"
    return (f"on kierroksen {latest} jälkeen", f"comes after {latest}") if date < latest else None


def check(doc: Document, ctx: Context) -> Iterator[Hit]:
    latest = ""
    for index, item in enumerate(items(doc.data, "rounds")):
        date = item.get("date")
        if not (isinstance(date, str) and iso_date(date)):
            continue  # a date in another form is the schema's one finding (schema-date), not out of order
        problem = _problem(date, latest)
        if problem is not None:
            where = doc.mark("rounds", index, "date")
            yield hit(where, str(date), date=date, problem_fi=problem[0], problem_en=problem[1])
        latest = max(latest, date)
