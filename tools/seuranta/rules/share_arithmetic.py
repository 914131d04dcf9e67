"""share-arithmetic: a count worked out from a share ("140 000 puhelua (80%~84 000)") is that share."""

from __future__ import annotations

from collections.abc import Iterator

from seuranta.model.documents import GROUP, MEASURE, PROGRAMME, Document
from seuranta.model.problem import ERROR, Message
from seuranta.prose import presence, proportions
from seuranta.rules import Context, Doc, Hit, hit
from seuranta.rules.support import place, prose

ID = "share-arithmetic"
SEVERITY = ERROR
KINDS = (PROGRAMME, GROUP, MEASURE)
NEEDS = presence.SHARES  # the kinds of fact it reads: a file whose texts hold none has no finding
MESSAGE = Message(
    "'{text}': {percent} % luvusta {total} on noin {expected}, ja {count} on {actual} %. Korjaa prosentti tai "
    "luku, tai kuittaa havainto, jos lähteessä on sama ristiriita.",
    "'{text}': {percent} % of {total} is about {expected}, and {count} is {actual} %. Fix the percentage or "
    "the count, or acknowledge the finding if the source has the same contradiction.",
)
DOC = Doc(
    Message(
        'Tekstissä laskettu osuus ("140 000 puhelua (80%~84 000)": kokonaismäärä, prosentti ja sitä vastaava '
        "määrä) täsmää: määrä on prosentti kokonaismäärästä yhden prosenttiyksikön pyöristyksellä. Vain "
        'sulkeissa "~", "≈" tai "=" -merkillä ilmoitettu määrä luetaan.',
        'A share worked out in the text ("140 000 puhelua (80%~84 000)": a total, a percentage and its count) '
        "adds up: the count is the percentage of the total, to within one percentage point. Only a count "
        'given in parentheses after "~", "≈" or "=" is read.',
    ),
    bad="text: Vuosittaiseksi puhelumääräksi on arvioitu 140 000 puhelua (80%~84 000).",
    good="text: Vuosittaiseksi puhelumääräksi on arvioitu 140 000 puhelua (60%~84 000).",
)

_TOLERANCE = 1.0  # percentage points


def _number(value: float) -> str:
    return f"{round(value):,}".replace(",", " ")


def check(doc: Document, ctx: Context) -> Iterator[Hit]:
    for found in prose(doc, ctx):
        for share in proportions.shares(found.text):
            if share.total and abs(share.actual_percent - share.percent) > _TOLERANCE:
                yield hit(
                    place(doc, found.path, offset=share.start, ctx=ctx),
                    share.text,
                    text=share.text,
                    percent=f"{share.percent:g}".replace(".", ","),
                    total=_number(share.total),
                    expected=_number(share.expected),
                    count=_number(share.amount),
                    actual=f"{share.actual_percent:.1f}".replace(".", ",").removesuffix(",0"),
                )
