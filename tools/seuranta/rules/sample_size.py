"""sample-size: one text states one population size "N=…"."""

from __future__ import annotations

from collections.abc import Iterator

from seuranta.model.documents import GROUP, MEASURE, PROGRAMME, Document
from seuranta.model.problem import WARNING, Message
from seuranta.prose import presence, respondents
from seuranta.rules import Context, Doc, Hit, hit
from seuranta.rules.support import place, prose

ID = "sample-size"
SEVERITY = WARNING
KINDS = (PROGRAMME, GROUP, MEASURE)
NEEDS = presence.SIZES  # the kinds of fact it reads: a file whose texts hold none has no finding
MESSAGE = Message(
    "'{text}' ja aiempi '{first}' antavat samassa tekstissä kaksi eri kokoa. Kerro, kumpi on perusjoukko ja "
    "kumpi vastaajat (esim. 'N=15, vastaajia 14'), tai kuittaa havainto.",
    "'{text}' and the earlier '{first}' give two sizes in one text. Say which is the population and which "
    "the respondents (e.g. 'N=15, vastaajia 14'), or acknowledge the finding.",
)
DOC = Doc(
    Message(
        'Iso N ("N=15") on perusjoukon tai otoksen koko; kaksi eri N-arvoa samassa tekstissä ("alueille N=15. '
        'Tässä kyselyssä N=14.") jättää lukijan arvaamaan, kumpi on nimittäjä. Pieni n ("n=8") on lukumäärä, '
        "eikä sitä lueta.",
        'A capital N ("N=15") is a population or sample size; two different N values in one text ("alueille '
        'N=15. Tässä kyselyssä N=14.") leave the reader to guess which is the denominator. A lower-case n '
        '("n=8") is a count and is not read.',
    ),
    bad="text: Kysely kunnille tai yhteistoiminta-alueille N=15. Tässä kyselyssä N=14.",
    good="text: Kysely kunnille tai yhteistoiminta-alueille N=15, vastaajia 14; käytössä n=6 kunnassa ja n=8 alueella.",
)


def check(doc: Document, ctx: Context) -> Iterator[Hit]:
    for found in prose(doc, ctx):
        sizes = respondents.sizes(found.text)
        for size in sizes[1:]:
            if size.value != sizes[0].value:
                yield hit(
                    place(doc, found.path, offset=size.start, ctx=ctx), size.text, text=size.text, first=sizes[0].text
                )
