"""ref-portfolio-list: every number in a portfolio list ("hankesalkkujen yhteinen (1,2,3,5,6)") exists."""

from __future__ import annotations

from collections.abc import Iterator

from seuranta.model.documents import GROUP, MEASURE, PROGRAMME, Document
from seuranta.model.problem import ERROR, Message
from seuranta.prose import pointers, presence
from seuranta.rules import Context, Doc, Hit, hit
from seuranta.rules.support import items, place, programme, prose_holding

ID = "ref-portfolio-list"
SEVERITY = ERROR
KINDS = (PROGRAMME, GROUP, MEASURE)
NEEDS = presence.PORTFOLIO_LISTS  # the kinds of fact it reads: a file whose texts hold none has no finding
MESSAGE = Message(
    "'{text}': ohjelmassa ei ole hankesalkkua {missing} (salkut: {known}). Korjaa numero tai kuittaa havainto, "
    "jos lähteessä on sama luettelo.",
    "'{text}': the programme has no portfolio {missing} (portfolios: {known}). Fix the number or acknowledge "
    "the finding if the source has the same list.",
)
DOC = Doc(
    Message(
        'Hankesalkkujen numeroluettelo sulkeissa ("hankesalkkujen yhteinen (1,2,3,5)") nimeää vain ohjelman '
        "hankesalkkuja (portfolios ja niiden number). Ohjelma, jonka salkuilla ei ole numeroita, ohitetaan; "
        'luettelo ilman salkku-sanaa ("(1,2,3)") jää tarkistamatta.',
        'A parenthesised list of portfolio numbers ("hankesalkkujen yhteinen (1,2,3,5)") names only the '
        "programme's portfolios (its portfolios and their number). A programme whose portfolios have no "
        'numbers is skipped; a list without a portfolio word ("(1,2,3)") is not checked.',
    ),
    bad="text: 4/2022 hankesalkkujen yhteinen (1,2,3,5,6) työpaja moniammatillisuudesta.",
    good="text: 4/2022 hankesalkkujen yhteinen (1,2,3,5) työpaja moniammatillisuudesta.",
)


def _numbers(world: dict[str, object]) -> list[str]:
    return [str(item["number"]) for item in items(world, "portfolios") if isinstance(item.get("number"), int)]


def check(doc: Document, ctx: Context) -> Iterator[Hit]:
    known = _numbers(programme(doc, ctx))
    if not known:
        return
    for found in prose_holding(doc, ctx, NEEDS):
        for listed in pointers.portfolio_lists(found.text):
            missing = [n for n in listed.numbers if str(int(n)) not in known]
            if missing:
                yield hit(
                    place(doc, found.path, offset=listed.start, ctx=ctx),
                    listed.text,
                    text=listed.text,
                    missing=", ".join(missing),
                    known=", ".join(known),
                )
