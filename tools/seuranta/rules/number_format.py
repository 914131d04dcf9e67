"""number-format: scores and shares are written with one decimal comma."""

from __future__ import annotations

from collections.abc import Iterator

from seuranta.model.documents import GROUP, MEASURE, PROGRAMME, Document
from seuranta.model.problem import WARNING, Message
from seuranta.prose import notation, presence
from seuranta.rules import Context, Doc, Hit, hit
from seuranta.rules.support import place, prose_holding

ID = "number-format"
SEVERITY = WARNING
KINDS = (PROGRAMME, GROUP, MEASURE)
NEEDS = presence.NOTATIONS  # the kinds of fact it reads: a file whose texts hold none has no finding
MESSAGE = Message(
    "'{text}': {what_fi}. Kirjoita '{fixed}', tai kuittaa havainto, jos lähteessä on sama merkintä.",
    "'{text}': {what_en}. Write '{fixed}', or acknowledge the finding if the source has the same notation.",
)
DOC = Doc(
    Message(
        'Arvio tai osuus kirjoitetaan yhdellä desimaalipilkulla ("ka. 3,9/5", "21,1 %"). Ylimääräinen '
        'erotin ("3,3,/5") tai desimaalipiste ("3.9/5", "21.1%") on havainto. Vain luvut ennen '
        '"/N"-asteikkoa tai prosenttimerkkiä luetaan, joten versiot ("2.0"), kohtanumerot ("1.1–4.5") ja '
        "päivämäärät eivät ole havaintoja; desimaalipiste muussa yhteydessä jää huomaamatta.",
        'A score or share is written with one decimal comma ("ka. 3,9/5", "21,1 %"). A stray separator '
        '("3,3,/5") or a decimal point ("3.9/5", "21.1%") is a finding. Only numbers right before a "/N" '
        'scale or a per cent sign are read, so versions ("2.0"), section numbers ("1.1–4.5") and dates are '
        "not findings; a decimal point anywhere else goes unnoticed.",
    ),
    bad="text: Yhteistyö toteutunut hyvin (ka. 3,3,/5), sotetiimit (ka. 3.9/5); asiointi 21.1% käynneistä.",
    good="text: Yhteistyö toteutunut hyvin (ka. 3,3/5), sotetiimit (ka. 3,9/5); asiointi 21,1% käynneistä.",
)

_WHAT = {
    notation.STRAY: ("luvussa on ylimääräinen erotin", "the figure has a stray separator"),
    notation.POINT: ("desimaalierotin on piste, ei pilkku", "the decimal separator is a point, not a comma"),
}


def check(doc: Document, ctx: Context) -> Iterator[Hit]:
    for found in prose_holding(doc, ctx, NEEDS):
        for item in notation.notations(found.text):
            what_fi, what_en = _WHAT[item.kind]
            yield hit(
                place(doc, found.path, offset=item.start, ctx=ctx),
                item.text,
                text=item.text,
                fixed=item.fixed,
                what_fi=what_fi,
                what_en=what_en,
            )
