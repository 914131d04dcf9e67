"""change-unverifiable: a claimed change compares with a round that has the question's answers."""

from __future__ import annotations

import re
from collections.abc import Iterator

from seuranta.model.documents import MEASURE, Document
from seuranta.model.problem import WARNING, Message
from seuranta.prose import presence
from seuranta.rules import Context, Doc, Hit, hit
from seuranta.rules.support import claimed_changes, place

ID = "change-unverifiable"
SEVERITY = WARNING
KINDS = (MEASURE,)
NEEDS = presence.CLAIMS  # the kinds of fact it reads: a file whose texts hold none has no finding
MESSAGE = Message(
    "'{text}': kierroksen {compared} tilanteessa ei ole tämän kysymyksen vastauksia, joten muutosta ei voi "
    "tarkistaa. Lisää vertailukierroksen luvut, vertaa kierrokseen, jolla kysymys kysyttiin, tai kuittaa "
    "havainto, jos lähteessä on sama teksti.",
    "'{text}': the {compared} status has no answers to this question, so the change cannot be checked. Add "
    "the compared round's figures, compare with a round that asked the question, or acknowledge the finding "
    "if the source has the same text.",
)
DOC = Doc(
    Message(
        'Muutos ("Muutos verrattuna 15.5.2021 tilanteeseen: a)- vastaukset + 3 kuntaa, b)-vastaukset - 3 '
        'kuntaa") vertaa kierrokseen, jonka tilannekatsauksessa on kirjainvastauksia, mutta ei yhtään tämän '
        "kysymyksen vastausta: kysymyslause ei vastaa mitään vertailukierroksen kysymystä eikä yksikään "
        "vastaus vertailukierroksen vastausta (ks. change-claim). Varoitus, ei virhe: kysymys on voinut jäädä "
        "vertailukierroksen tekstistä pois. Vertailukierros, jolta toimenpiteellä ei ole tilannetta tai jonka "
        "tekstissä ei ole kirjainvastauksia, ei ole havainto, eikä muutos, josta osa voidaan tarkistaa tai joka "
        'itse kertoo kysymyksen olevan uusi ("kysymystä ei ollut 5/2021 kyselyssä").',
        'A claimed change ("Muutos verrattuna 15.5.2021 tilanteeseen: a)- vastaukset + 3 kuntaa, b)-vastaukset '
        '- 3 kuntaa") compares with a round whose status has lettered answers, but none to this question: the '
        "question sentence matches no question of the compared round and no answer matches an answer there "
        "(see change-claim). A warning, not an error: the question may have been left out of the compared "
        "round's text. A compared round the measure has no status for, or whose text has no lettered answers, "
        "is not a finding, nor is a change part of which can be checked or which says itself that the question "
        'is new ("kysymystä ei ollut 5/2021 kyselyssä").',
    ),
    bad='- date: "2021-05-15"\n  text: |-\n    Onko kunnassa järjestökoordinaattori?\n    a) Kyllä 11/ 23 kuntaa\n'
    '    b) Ei 12/ 23 kuntaa\n- date: "2021-11-15"\n  text: |-\n'
    "    Toimiiko kuntanne alueella järjestöjen kohtaamispaikkoja\n    a) Kyllä: 19/ 21\n    b) Ei: 2/21\n"
    "    Muutos verrattuna 15.5.2021 tilanteeseen: a)- vastaukset + 3 kuntaa, b)-vastaukset - 3 kuntaa",
    good='- date: "2021-05-15"\n  text: |-\n    Toimiiko kuntanne alueella järjestöjen kohtaamispaikkoja\n'
    '    a) Kyllä: 16/ 21\n    b) Ei: 5/21\n- date: "2021-11-15"\n  text: |-\n'
    "    Toimiiko kuntanne alueella järjestöjen kohtaamispaikkoja\n    a) Kyllä: 19/ 21\n    b) Ei: 2/21\n"
    "    Muutos verrattuna 15.5.2021 tilanteeseen: a)- vastaukset + 3 kuntaa, b)-vastaukset - 3 kuntaa",
)


_SAYS_NEW = re.compile(r"\bkysymy\w* ei ollut\b|\buusi kysymys\b", re.IGNORECASE)


def check(doc: Document, ctx: Context) -> Iterator[Hit]:
    for status, claim, compared, earlier, found in claimed_changes(doc, ctx):
        if earlier and found and all(c.before is None for c in found) and not _SAYS_NEW.search(claim.text):
            yield hit(
                place(doc, ("statuses", status.position, "text"), offset=claim.start, ctx=ctx),
                claim.text,
                text=claim.text,
                compared=compared,
            )
