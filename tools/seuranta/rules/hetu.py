"""hetu: no Finnish personal identity code (henkilötunnus) anywhere in the data."""

from __future__ import annotations

from collections.abc import Iterator

from seuranta.model.documents import GROUP, MEASURE, PROGRAMME, Document
from seuranta.model.problem import ERROR, Message
from seuranta.prose import personal
from seuranta.rules import Context, Doc, Hit, hit
from seuranta.rules.support import place, strings_with

PROBE = personal.HETU_PATTERN  # run once over the whole file before string by string
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
        "oikea tarkistusmerkki) on aina virhe.",
        "A Finnish personal identity code (DDMMYY, the century sign - + A or the 2023 additions "
        "Y X W V U B C D E F, an individual number and a correct check character) is always an error.",
    ),
    bad="text: Yhteyshenkilö Matti (131052-308T) vastaa kyselystä.",
    good="text: Yhteyshenkilö vastaa kyselystä.",
)


def masked(code: str) -> str:
    """Enough to find it in the file, not enough to spread it further: 131052-****."""
    return code[:7] + "*" * (len(code) - 7)


def check(doc: Document, ctx: Context) -> Iterator[Hit]:
    for found in strings_with(doc, ctx, PROBE):
        for candidate in personal.hetu_candidates(found.text):
            if personal.hetu_valid(candidate.text):
                yield hit(place(doc, found.path, offset=candidate.start), candidate.text, masked=masked(candidate.text))
