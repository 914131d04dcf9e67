"""answer-contradiction: an answer option saying something has not started is not contradicted by its text."""

from __future__ import annotations

from collections.abc import Iterator

from seuranta.model.documents import MEASURE, Document
from seuranta.model.problem import WARNING, Message
from seuranta.prose import contradictions
from seuranta.rules import Context, Doc, Hit, hit
from seuranta.rules.support import place, statuses

ID = "answer-contradiction"
SEVERITY = WARNING
KINDS = (MEASURE,)
MESSAGE = Message(
    "Vastausvaihtoehto '{text}' sanoo, ettei mitään ole aloitettu, mutta sama teksti kertoo: '{other}'. "
    "Valitse vaihtoehto, joka vastaa tilannetta, tai kerro, miksi pilotti ei muuta vastausta; muuten kuittaa "
    "havainto.",
    "The answer option '{text}' says nothing has started, yet the same text says '{other}'. Choose the option "
    "that fits, or say why the pilot does not change the answer; otherwise acknowledge the finding.",
)
DOC = Doc(
    Message(
        'Kirjaimella merkitty vastausvaihtoehto, jossa aloittamista kielletään ("e) Suunnittelua ei ole '
        'käynnistetty"), ja saman tekstin muu kuin vastausvaihtoehdon lause, joka kertoo jonkin alkaneen '
        '("käynnistänyt pilotin", "aloitettu"). Vain käynnistää-, aloittaa- ja alkaa-verbit luetaan; muiden '
        'vastausvaihtoehtojen myönteiset vastaukset ("b) Valmistelu aloitettu 8/ 23 kuntaa") ja '
        'päivämäärät ("1.9.2021 alkaen") eivät ole ristiriitoja.',
        'A lettered answer option that denies a start ("e) Suunnittelua ei ole käynnistetty") and a clause of '
        'the same text, outside every answer option, that reports something started ("käynnistänyt pilotin", '
        '"aloitettu"). Only the verbs käynnistää, aloittaa and alkaa are read; the affirmative answers of other '
        'options ("b) Valmistelu aloitettu 8/ 23 kuntaa") and dates ("1.9.2021 alkaen") are no contradiction.',
    ),
    bad="text: |-\n  e) Suunnittelua ei ole käynnistetty yhteisökeskusten kehittämiseksi.\n"
    "  Työpaketti 5 käynnistänyt pilotin Tampereella.",
    good="text: |-\n  d) Suunnittelu käynnistetty yhteisökeskusten kehittämiseksi.\n"
    "  Työpaketti 5 käynnistänyt pilotin Tampereella.",
)


def check(doc: Document, ctx: Context) -> Iterator[Hit]:
    for status in statuses(doc, ctx):
        for found in contradictions.contradictions(status.text):
            yield hit(
                place(doc, ("statuses", status.position, "text"), offset=found.start, ctx=ctx),
                found.text,
                text=found.text,
                other=found.other,
            )
