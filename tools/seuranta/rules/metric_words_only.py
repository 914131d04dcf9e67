"""metric-words-only: a metric answered in some round has a value in at least one answer."""

from __future__ import annotations

from collections.abc import Iterator

from seuranta.model.documents import MEASURE, Document
from seuranta.model.problem import WARNING, Message
from seuranta.rules import Context, Doc, Hit, hit
from seuranta.rules.support import answers, metrics

ID = "metric-words-only"
SEVERITY = WARNING
KINDS = (MEASURE,)
MESSAGE = Message(
    "Mittarin '{metric}' vastauksissa ({count}) on vain sanallinen teksti eikä kertaakaan arvoa (value). "
    "Lisää arvo (kyllä/ei-mittarille true tai false, muille luku) siihen vastaukseen, jonka teksti sen kertoo; "
    "jos lähde ei kerro arvoa, kuittaa havainto perustellen.",
    "The answers to metric '{metric}' ({count}) are words only, never a value. Add the value (true or false "
    "for a yes-no metric, a number otherwise) to the answer whose text states it; if the source states none, "
    "acknowledge the finding with the reason.",
)
DOC = Doc(
    Message(
        "Mittari, johon on vastattu, saa arvon (value) ainakin yhdessä vastauksessa: muuten sitä ei voi laskea "
        "yhteen eikä seurata. Sanallinen mittari (kind: text) on poikkeus. Kuittauksen match on mittarin "
        "tunniste.",
        "A metric that has answers has a `value` in at least one of them: otherwise it cannot be counted or "
        "followed. A metric in words by nature (kind: text) is exempt. The acknowledgement's match is the "
        "metric's id.",
    ),
    bad='metrics:\n  - {id: ryhmatoiminta, text: "Ryhmätoiminta käytössä: kyllä/ei", kind: yes-no}\nstatuses:\n'
    '  - date: "2021-11-15"\n    text: Kaksi ryhmää käynnistynyt.\n'
    "    answers: [{metric: ryhmatoiminta, text: Kaksi ryhmää käynnistynyt.}]",
    good='metrics:\n  - {id: ryhmatoiminta, text: "Ryhmätoiminta käytössä: kyllä/ei", kind: yes-no}\nstatuses:\n'
    '  - date: "2021-11-15"\n    text: Kaksi ryhmää käynnistynyt.\n'
    "    answers: [{metric: ryhmatoiminta, value: true, text: Kaksi ryhmää käynnistynyt.}]",
)


def check(doc: Document, ctx: Context) -> Iterator[Hit]:
    for metric in metrics(doc):
        if metric.kind == "text":
            continue
        found = answers(doc, metric.ident, ctx)
        if found and not any(answer.has_value for answer in found):
            yield hit(doc.mark("metrics", metric.position, "id"), metric.ident, metric=metric.ident, count=len(found))
