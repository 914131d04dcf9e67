"""subcount-sum: unlettered sub-counts of a count ("10/15 … 8 …, 4 … ja 3 …") add up to it."""

from __future__ import annotations

from collections.abc import Iterator

from seuranta.model.documents import MEASURE, Document
from seuranta.model.problem import WARNING, Message
from seuranta.prose import breakdowns, presence
from seuranta.rules import Context, Doc, Hit, hit
from seuranta.rules.support import place, population_words, prose_holding

ID = "subcount-sum"
SEVERITY = WARNING
KINDS = (MEASURE,)
NEEDS = presence.SLASHES  # the kinds of fact it reads: a file whose texts hold none has no finding
MESSAGE = Message(
    "'{text}' jakaa luvun '{total}' osiin, mutta osat ({parts}) ovat yhteensä {counted}, ei {numerator}. "
    "Korjaa luvut tai kerro, mistä joukosta osat lasketaan, tai kuittaa havainto, jos lähteessä on sama ristiriita.",
    "'{text}' breaks '{total}' down, but the parts ({parts}) add up to {counted}, not {numerator}. "
    "Fix the figures or say which set the parts count, or acknowledge the finding if the source has the same "
    "contradiction.",
)
DOC = Doc(
    Message(
        "Murtoluvun jälkeen samassa virkkeessä luetellut pelkät lukumäärät (pilkuin erotettuina ja ja- tai "
        'sekä-sanaan päättyvinä: "10/15 … 8 ikäihmisten palveluilla, 4 kuntoutuspalveluilla ja 3 '
        'moniammatillisella ryhmällä") ovat sen osia ja niiden summa on osoittaja. Varoitus, ei virhe: '
        "kirjaimettomista luvuista ei voi olla varma, että ne jakavat juuri tämän joukon. Summa, joka on "
        'osoittajaa pienempi (osittainen erittely, "joista 3 …"), tai nimittäjää suurempi '
        '(monivalinta), ei ole havainto; yksikölliset luvut ("3 kpl", "5 pv") eivät ole osia.',
        "Bare counts listed after a fraction in the same sentence (joined by commas and closed by ja or "
        'sekä: "10/15 … 8 ikäihmisten palveluilla, 4 kuntoutuspalveluilla ja 3 moniammatillisella ryhmällä") '
        "are its parts and add up to its numerator. A warning, not an error: unlettered counts are not "
        'certainly a breakdown of this set. A sum below the numerator (a partial breakdown, "joista 3 …") '
        'or past the denominator (several choices each) is not reported; counts with a unit ("3 kpl", '
        '"5 pv") are no parts.',
    ),
    bad="text: Malli käytössä 10/15 organisaatiossa, vastuu 8 sotekeskuksella, 4 kunnalla ja 3 alueella.",
    good="text: Malli käytössä 10/15 organisaatiossa, vastuu 6 sotekeskuksella, 2 kunnalla ja 2 alueella.",
)


def _contradicts(found: breakdowns.Breakdown) -> bool:
    counted = sum(found.parts)
    return found.total.numerator < counted <= found.total.denominator


def check(doc: Document, ctx: Context) -> Iterator[Hit]:
    words = population_words(doc, ctx)
    for text in prose_holding(doc, ctx, NEEDS):
        for found in breakdowns.breakdowns(text.text, words):
            if _contradicts(found):
                yield hit(
                    place(doc, text.path, offset=found.start, ctx=ctx),
                    found.text,
                    text=found.text,
                    total=found.total.text,
                    parts=" + ".join(map(str, found.parts)),
                    counted=sum(found.parts),
                    numerator=found.total.numerator,
                )
