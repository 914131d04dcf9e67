"""ref-item: a "kts. kohta N" pointer says what kind of item it points to."""

from __future__ import annotations

from collections.abc import Iterator

from seuranta.model.documents import GROUP, MEASURE, PROGRAMME, Document
from seuranta.model.problem import WARNING, Message
from seuranta.prose import pointers, presence
from seuranta.rules import Context, Doc, Hit, hit
from seuranta.rules.support import place, prose_holding

ID = "ref-item"
SEVERITY = WARNING
KINDS = (PROGRAMME, GROUP, MEASURE)
NEEDS = presence.SEE_ITEMS  # the kinds of fact it reads: a file whose texts hold none has no finding
MESSAGE = Message(
    "'{text}' ei kerro, mihin kohta {number} viittaa (työpakettiin, toimenpiteeseen, kysymykseen vai "
    "kierroksen sarakkeeseen). Kirjoita kohde auki (esim. 'kts. {example}'), tai kuittaa havainto.",
    "'{text}' does not say what item {number} is (a work package, a measure, a question or a round's "
    "column). Name the target (e.g. 'kts. {example}'), or acknowledge the finding.",
)
DOC = Doc(
    Message(
        'Viittaus "Kts. Kohta 2." tai "(Katso kohta 15.2.)" ei nimeä kohteen lajia, joten sitä ei voi '
        'tarkistaa: "kohta 2" voi olla saman työpaketin toimenpide 2, työpaketti 2 tai kysymys 2, ja '
        '"15.2." myös kierroksen päivämäärä. Vain katso-sanan jälkeinen kohta luetaan; "kohdan 1.2 '
        'toteutumista" ilman katso-sanaa jää huomaamatta.',
        'A pointer "Kts. Kohta 2." or "(Katso kohta 15.2.)" names no kind of target, so it cannot be '
        'checked: "kohta 2" may be measure 2 of the same work package, work package 2 or question 2, and '
        '"15.2." also a round\'s date. Only an item after a see-word is read; "kohdan 1.2 toteutumista" '
        "without one goes unnoticed.",
    ),
    bad="evaluation: Webropol -kysely aiheesta. Kts. Kohta 2.",
    good="evaluation: Webropol -kysely aiheesta. Kts. työpaketti 2.",
)


def check(doc: Document, ctx: Context) -> Iterator[Hit]:
    for found in prose_holding(doc, ctx, NEEDS):
        for item in pointers.see_items(found.text):
            first, _, rest = item.number.partition(".")
            example = f"työpaketti {first} tp {rest}" if rest else f"työpaketti {first}"
            yield hit(
                place(doc, found.path, offset=item.start, ctx=ctx),
                item.text,
                text=item.text.rstrip("."),
                number=item.number,
                example=example,
            )
