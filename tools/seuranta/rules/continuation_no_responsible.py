"""continuation-no-responsible: a measure's continuation names who is responsible for it."""

from __future__ import annotations

from collections.abc import Iterator

from seuranta.model.documents import MEASURE, Document
from seuranta.model.problem import WARNING, Message
from seuranta.rules import Context, Doc, Hit, hit

ID = "continuation-no-responsible"
SEVERITY = WARNING
KINDS = (MEASURE,)
MESSAGE = Message(
    "Jatkolla (continuation) ei ole vastuutahoa (responsible). Lisää vastuutaho sellaisena kuin lähde sen "
    "nimeää; jos lähde ei nimeä sitä, kuittaa havainto (ja jos tieto katosi lähteestä, kirjaa se myös "
    "gaps-listaan: field: continuation.responsible).",
    "The continuation has no responsible party. Add `responsible` as the source names it; if the source names "
    "none, acknowledge the finding (and if the source lost it, record that in `gaps` too: field: "
    "continuation.responsible).",
)
DOC = Doc(
    Message(
        "Toimenpiteen jatko hankkeen jälkeen (continuation) nimeää vastuu- tai yhteistyötahon (responsible), "
        "jotta siltauksen vastuu on näkyvissä. Kuittauksen match on jatkotekstin alku (tai mikä tahansa osa "
        "siitä).",
        "A measure's continuation after the project names its responsible or partner party (`responsible`), "
        "so that the bridging has an owner. The acknowledgement's match is the beginning (or any part) of the "
        "continuation's text.",
    ),
    bad="continuation:\n  text: Toiminta jatkuu RRP-rahoituksella.\n  successor: RRP-hanke",
    good="continuation:\n  text: Toiminta jatkuu RRP-rahoituksella.\n  responsible: Sote-keskusten tulosalue\n"
    "  successor: RRP-hanke",
)


def check(doc: Document, ctx: Context) -> Iterator[Hit]:
    continuation = doc.data.get("continuation")
    if not isinstance(continuation, dict) or not isinstance(continuation.get("text"), str):
        return
    responsible = continuation.get("responsible")
    if not (isinstance(responsible, str) and responsible.strip()):
        yield hit(doc.key_mark("continuation"), continuation["text"])
