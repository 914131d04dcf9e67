"""hetu: no Finnish personal identity code (henkilötunnus) anywhere in the data."""

from __future__ import annotations

from collections.abc import Iterator

from seuranta.model.documents import GROUP, MEASURE, PROGRAMME, Document
from seuranta.model.problem import ERROR, Message
from seuranta.prose import personal
from seuranta.rules import Context, Doc, Hit, hit
from seuranta.rules.support import coded_strings, place, read

PROBE = personal.HETU_SHAPE  # every code and lookalike is a match of it (`support.coded_strings()` finds them)
ID = "hetu"
SEVERITY = ERROR
KINDS = (PROGRAMME, GROUP, MEASURE)
MESSAGE = Message(
    "Tekstissä on henkilötunnus ({masked}). Poista se: henkilötunnuksia ei tallenneta tähän tietovarastoon "
    "(poista se myös git-historiasta).",
    "The text contains a personal identity code ({masked}). Remove it: identity codes are never stored in "
    "this repository (remove it from the git history too).",
)
DOC = Doc(
    Message(
        "Henkilötunnus (PPKKVV, välimerkki - + A tai vuoden 2023 uudet Y X W V U B C D E F, yksilönumero ja "
        "oikea tarkistusmerkki) on aina virhe, myös kirjoitettuna pienillä kirjaimilla, ajatus- tai "
        "yhdysviivalla, välilyönnein (131052 - 308T, 131052 308T, 131052-308 T) tai muuhun tekstiin kiinni "
        "(hetu131052-308T). Havainto ja jokainen tuloste näyttävät tunnuksen peitettynä (******-****); "
        "rivi ja sarake kertovat, missä se on.",
        "A Finnish personal identity code (DDMMYY, the century sign - + A or the 2023 additions "
        "Y X W V U B C D E F, an individual number and a correct check character) is always an error, also "
        "in lowercase, with another dash, with spaces (131052 - 308T, 131052 308T, 131052-308 T) or glued to "
        "the text around it (hetu131052-308T). The finding and every output show it masked (******-****); "
        "the line and column say where it is.",
    ),
    bad="text: Yhteyshenkilö Matti (131052-308T) vastaa kyselystä.",
    good="text: Yhteyshenkilö vastaa kyselystä.",
)


def check(doc: Document, ctx: Context) -> Iterator[Hit]:
    for found in coded_strings(doc, ctx):
        for code in read(ctx, personal.hetus, found.text):
            if code.valid:
                yield hit(place(doc, found.path, offset=code.start, ctx=ctx), code.text, masked=personal.HETU_MASK)
