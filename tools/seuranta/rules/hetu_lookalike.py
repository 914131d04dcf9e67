"""hetu-lookalike: something shaped like a henkilötunnus whose check fails (a typo'd one is still personal)."""

from __future__ import annotations

from collections.abc import Iterator

from seuranta.model.documents import GROUP, MEASURE, PROGRAMME, Document
from seuranta.model.problem import WARNING, Message
from seuranta.prose import personal
from seuranta.rules import Context, Doc, Hit, hit
from seuranta.rules.support import coded_strings, place, read

PROBE = personal.HETU_SHAPE  # every code and lookalike is a match of it (`support.coded_strings()` finds them)
ID = "hetu-lookalike"
SEVERITY = WARNING
KINDS = (PROGRAMME, GROUP, MEASURE)
MESSAGE = Message(
    "Tekstissä on henkilötunnuksen näköinen merkkijono ({masked}), jonka tarkistus ei täsmää. Jos se on "
    "henkilötunnus kirjoitusvirheineen, poista se; muuten kuittaa havainto.",
    "The text contains something shaped like a personal identity code ({masked}) whose check fails. If it is "
    "an identity code with a typo, remove it; otherwise acknowledge the finding.",
)
DOC = Doc(
    Message(
        "Henkilötunnuksen muotoinen merkkijono, jonka päivämäärä, yksilönumero tai tarkistusmerkki ei täsmää, "
        "on varoitus: se voi olla kirjoitusvirheellinen henkilötunnus. Muunnelmista (välilyönnit, muut viivat, "
        "tekstiin kiinni) varoitetaan, kun niissä on välimerkki ja oikea päivämäärä; pelkät luvut "
        "(123456 7890) eivät ole tunnuksia. Tulosteissa se näytetään peitettynä kuten henkilötunnus.",
        "A string shaped like an identity code whose date, individual number or check character does not "
        "hold is a warning: it may be an identity code with a typo. A variant (spaces, another dash, glued "
        "to the text) is one when it has a century sign and a calendar date; plain numbers (123456 7890) are "
        "not codes. Outputs show it masked like an identity code.",
    ),
    bad="text: Asiakas 131052-308U soitti.",
    good="text: Asiakas soitti.",
)


def check(doc: Document, ctx: Context) -> Iterator[Hit]:
    for found in coded_strings(doc, ctx):
        for code in read(ctx, personal.hetus, found.text):
            if not code.valid:
                yield hit(place(doc, found.path, offset=code.start, ctx=ctx), code.text, masked=personal.HETU_MASK)
