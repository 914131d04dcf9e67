"""respondents-follow-up: a follow-up question's respondents are the yes-answers of the question before it."""

from __future__ import annotations

from collections.abc import Iterator

from seuranta.model.documents import MEASURE, Document
from seuranta.model.problem import ERROR, Message
from seuranta.prose import presence, respondents
from seuranta.rules import Context, Doc, Hit, hit
from seuranta.rules.support import place, population_words, statuses

ID = "respondents-follow-up"
SEVERITY = ERROR
KINDS = (MEASURE,)
NEEDS = presence.TALLIES  # the kinds of fact it reads: a file whose texts hold none has no finding
MESSAGE = Message(
    "'{text}': vastaajia {respondents}, mutta edellisen kysymyksen kyllä-vastauksia on {yes} = {total}. "
    "Korjaa vastaajamäärä tai vastaukset, tai kuittaa havainto, jos lähteessä on sama ristiriita.",
    "'{text}': {respondents} respondents, but the question before it has {yes} = {total} yes-answers. Fix "
    "the respondent count or the answers, or acknowledge the finding if the source has the same contradiction.",
)
DOC = Doc(
    Message(
        'Jatkokysymykseen ("Jos vastasit edelliseen kyllä, … (vastaajia 11/ 22 kuntaa)?") vastaavat ne, jotka '
        'vastasivat edelliseen kysymykseen kyllä: vastaajia on yhtä monta kuin "Kyllä"-alkuisia vastauksia '
        "samassa tekstissä juuri ennen sitä. Vain vastausvaihtoehdot, jotka alkavat sanalla Kyllä, lasketaan.",
        'A follow-up question ("Jos vastasit edelliseen kyllä, … (vastaajia 11/ 22 kuntaa)?") is answered by '
        'those who answered yes before: its respondents equal the answers starting with "Kyllä" of the tally '
        "right before it in the same text. Only answer options starting with Kyllä are counted.",
    ),
    bad="text: |-\n  Onko kunnassa nimetty järjestökoordinaattori?\n  a) Kyllä, useita 7/ 22 kuntaa\n"
    "  b) Kyllä, yksi 5/ 22 kuntaa\n  c) Ei 10/ 22 kuntaa\n"
    "  Jos vastasit edelliseen kyllä, koordinoiko henkilö yhteistyötä (vastaajia 11/ 22 kuntaa)?",
    good="text: |-\n  Onko kunnassa nimetty järjestökoordinaattori?\n  a) Kyllä, useita 7/ 22 kuntaa\n"
    "  b) Kyllä, yksi 5/ 22 kuntaa\n  c) Ei 10/ 22 kuntaa\n"
    "  Jos vastasit edelliseen kyllä, koordinoiko henkilö yhteistyötä (vastaajia 12/ 22 kuntaa)?",
)


def check(doc: Document, ctx: Context) -> Iterator[Hit]:
    words = population_words(doc, ctx)
    for status in statuses(doc, ctx):
        for follow in respondents.follow_ups(status.text, words):
            if follow.respondents != sum(follow.yes):
                at = follow.text.lower().index("(vastaajia")
                quoted = follow.text[at:]
                yield hit(
                    place(doc, ("statuses", status.position, "text"), offset=follow.start + at, ctx=ctx),
                    quoted,
                    text=quoted,
                    respondents=follow.respondents,
                    yes=" + ".join(map(str, follow.yes)),
                    total=sum(follow.yes),
                )
