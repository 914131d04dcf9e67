"""field-contradiction: one undated field of a measure does not deny a start another reports done."""

from __future__ import annotations

from collections.abc import Iterator

from seuranta.model.documents import MEASURE, Document
from seuranta.model.problem import WARNING, Message
from seuranta.prose import contradictions
from seuranta.rules import Context, Doc, Hit, hit
from seuranta.rules.support import place

ID = "field-contradiction"
SEVERITY = WARNING
KINDS = (MEASURE,)
MESSAGE = Message(
    "Kenttä {field} sanoo '{text}', mutta kenttä {other_field} kertoo: '{other}'. Korjaa se kenttä, joka ei "
    "vastaa tilannetta, tai kuittaa havainto, jos lähteessä on sama ristiriita.",
    "The field {field} says '{text}', yet the field {other_field} says '{other}'. Fix the field that does not "
    "fit the situation, or acknowledge the finding if the source has the same contradiction.",
)
DOC = Doc(
    Message(
        "Toimenpiteen päiväämättömät kentät (outputs, evaluation, description, question) eivät kiistä "
        'toistensa kertomaa: kun yksi sanoo aloittamisen jääneen tekemättä ("ei aloitettu", "ei ole '
        'käynnistynyt") ja toinen kertoo sen tehdyksi menneessä muodossa ("aloitettu helmikuussa 2021", '
        '"koulutus alkoi"), toinen on väärin. Vain käynnistää-, aloittaa- ja alkaa-verbien menneet muodot '
        'luetaan ("koulutus alkaa", "aloitetaan" ovat suunnitelmia). Tilannekatsauksia ei verrata näihin '
        "kenttiin, koska ne ovat päivättyjä ja tilanne muuttuu kierrosten välillä; siksi kahden kierroksen "
        "välinen ristiriita jää huomaamatta.",
        "A measure's undated fields (outputs, evaluation, description, question) do not deny each other: "
        'when one says a start has not happened ("ei aloitettu", "ei ole käynnistynyt") and another reports '
        'it done in a past form ("aloitettu helmikuussa 2021", "koulutus alkoi"), one of them is wrong. Only '
        'past forms of käynnistää, aloittaa and alkaa are read ("koulutus alkaa", "aloitetaan" are plans). '
        "Statuses are not compared with these fields, since they are dated and the situation changes "
        "between rounds; a contradiction against a status therefore goes unnoticed.",
    ),
    bad="outputs: Koulutukset aloitettu helmikuussa 2021\nevaluation: ei aloitettu",
    good="outputs: Koulutukset aloitettu helmikuussa 2021\nevaluation: Koulutukseen osallistuneiden määrä",
)

FIELDS = ("outputs", "evaluation", "description", "question")


def _claims(doc: Document) -> list[tuple[str, contradictions.Claim]]:
    found = []
    for field in FIELDS:
        value = doc.data.get(field)
        if isinstance(value, str):
            found += [(field, claim) for claim in contradictions.start_claims(value)]
    return found


def check(doc: Document, ctx: Context) -> Iterator[Hit]:
    if not isinstance(doc.data, dict):
        return
    claims = _claims(doc)
    for field, denied in ((f, c) for f, c in claims if c.denied):
        done = [(f, c) for f, c in claims if f != field and not c.denied]
        if done:
            other_field, other = done[0]
            yield hit(
                place(doc, (field,), offset=denied.start, ctx=ctx),
                denied.text,
                field=field,
                text=denied.text,
                other_field=other_field,
                other=other.text,
            )
