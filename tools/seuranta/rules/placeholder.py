"""placeholder: no stand-in figure, editor note or unit-less figure is left in the prose."""

from __future__ import annotations

from collections.abc import Iterator

from seuranta.model.documents import GROUP, MEASURE, PROGRAMME, Document
from seuranta.model.problem import WARNING, Message
from seuranta.prose import placeholders
from seuranta.rules import Context, Doc, Hit, hit
from seuranta.rules.support import place, prose

ID = "placeholder"
SEVERITY = WARNING
KINDS = (PROGRAMME, GROUP, MEASURE)
MESSAGE = Message(
    "'{text}' {what_fi}. {todo_fi}, tai kuittaa havainto, jos lähteessä on sama teksti.",
    "'{text}' {what_en}. {todo_en}, or acknowledge the finding if the source has the same text.",
)
DOC = Doc(
    Message(
        'Tekstiin jäänyt täyttämätön kohta ("lääkärille xx", "???", "TODO"), toimittajille tarkoitettu '
        'huomautus (isoin kirjaimin kirjoitettu sulkeistus "(RIKU JA TUJUA TÄYTTÄNYT 15.9.)", '
        '"Huom! Uusi kysymys!") tai luku, jolta puuttuu yksikkö aikarajan jälkeen ("alle 7 vrk:ssa 86."). '
        'Tarkkuus ennen kattavuutta: lyhenteiden luettelo sulkeissa ("(THL/PUHTI)"), lukijalle kirjoitettu '
        '"Huom! … ." ja lukumäärä sanan jälkeen ("osallistujia oli 27.") eivät ole havaintoja.',
        'A stand-in left in the text ("lääkärille xx", "???", "TODO"), a note addressed to the editors (a '
        'parenthesis in capitals, "(RIKU JA TUJUA TÄYTTÄNYT 15.9.)", "Huom! Uusi kysymys!") or a figure '
        'missing its unit right after a time limit ("alle 7 vrk:ssa 86."). Precision before recall: a list '
        'of acronyms in parentheses ("(THL/PUHTI)"), a "Huom! … ." written for the reader and a count after '
        'its noun ("osallistujia oli 27.") are not findings.',
    ),
    bad="text: Kiireettömän hoidon saatavuus lääkärille xx. Hoitoon alle 7 vrk:ssa 86. Huom! Uusi kysymys!",
    good="text: Kiireettömän hoidon saatavuus lääkärille 44 %. Hoitoon alle 7 vrk:ssa 86 %. Huom! Kysymys on uusi.",
)

_WHAT = {
    placeholders.FILLER: (
        "on täyttämätön kohta",
        "is a stand-in for a figure not filled in",
        "Kirjoita luku tai poista kohta",
        "Write the figure or remove the stand-in",
    ),
    placeholders.NOTE: (
        "on toimittajille tarkoitettu huomautus",
        "is a note to the editors",
        "Poista huomautus tai kirjoita se lukijalle",
        "Remove the note or write it for the reader",
    ),
    placeholders.UNIT: (
        "on luku ilman yksikköä",
        "is a figure without its unit",
        "Lisää yksikkö (%, kpl, …)",
        "Add its unit (%, a count, …)",
    ),
}


def check(doc: Document, ctx: Context) -> Iterator[Hit]:
    for found in prose(doc, ctx):
        for item in placeholders.placeholders(found.text):
            what_fi, what_en, todo_fi, todo_en = _WHAT[item.kind]
            yield hit(
                place(doc, found.path, offset=item.start, ctx=ctx),
                item.text,
                text=item.text,
                what_fi=what_fi,
                what_en=what_en,
                todo_fi=todo_fi,
                todo_en=todo_en,
            )
