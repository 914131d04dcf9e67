"""percent-range: a percentage share is within 0–100."""

from __future__ import annotations

import re
from collections.abc import Iterator

from seuranta.model.documents import GROUP, MEASURE, PROGRAMME, Document
from seuranta.model.problem import ERROR, Message
from seuranta.prose import facts, presence
from seuranta.rules import Context, Doc, Hit, hit
from seuranta.rules.support import place, prose_holding

ID = "percent-range"
SEVERITY = ERROR
KINDS = (PROGRAMME, GROUP, MEASURE)
NEEDS = presence.PERCENTS  # the kinds of fact it reads: a file whose texts hold none has no finding
MESSAGE = Message(
    "'{text}' on yli 100 prosenttia. Tarkista luku ja desimaalipilkku; jos kyse on muutoksesta, kirjoita "
    "etumerkki (+{value} %), muuten kuittaa havainto.",
    "'{text}' is more than 100 per cent. Check the number and its decimal comma; if it is a change, write "
    "the sign (+{value} %), otherwise acknowledge the finding.",
)
DOC = Doc(
    Message(
        'Prosenttiosuus ("49,2%", "45 %", "12 prosenttia") on välillä 0–100. Etumerkillinen muutos '
        '("+150 %") tai kasvua kuvaava luku ("kasvoi 120 %") saa olla suurempi.',
        'A percentage share ("49,2%", "45 %", "12 prosenttia") is within 0–100. A signed change '
        '("+150 %") or a figure describing growth ("kasvoi 120 %") may be larger.',
    ),
    bad="text: Odotusaika yli 7 pv 492% toteutuneista käynneistä.",
    good="text: Odotusaika yli 7 pv 49,2% toteutuneista käynneistä; käyntimäärä kasvoi 120 %.",
)

_CHANGE = re.compile(r"(?:kasv|nous|lisään|kerta|enemmän|muutos|vuoteen|verrattuna)\w*", re.IGNORECASE)


def _share(text: str, percent: facts.Percent) -> bool:
    """A share, not a change: unsigned, and no word of growth just before it."""
    before = text[max(0, percent.start - 40) : percent.start]
    return not percent.signed and not _CHANGE.search(before)


def check(doc: Document, ctx: Context) -> Iterator[Hit]:
    for found in prose_holding(doc, ctx, NEEDS):
        for percent in facts.percents(found.text):
            if percent.value > 100 and _share(found.text, percent):
                value = f"{percent.value:g}".replace(".", ",")
                yield hit(
                    place(doc, found.path, offset=percent.start, ctx=ctx), percent.text, text=percent.text, value=value
                )
