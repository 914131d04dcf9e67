"""answer-conflict: one status answers one question once."""

from __future__ import annotations

from collections.abc import Iterator

from seuranta.model.documents import MEASURE, Document
from seuranta.model.problem import ERROR, Message
from seuranta.prose import changes, presence
from seuranta.rules import Context, Doc, Hit, hit
from seuranta.rules.support import place, population_words, statuses

ID = "answer-conflict"
SEVERITY = ERROR
KINDS = (MEASURE,)
NEEDS = presence.TALLIES  # the kinds of fact it reads: a file whose texts hold none has no finding
MESSAGE = Message(
    "Kysymykseen '{question}' on samassa tilannekatsauksessa kaksi eri vastausjoukkoa: {first} ja {second}. "
    "Poista väärä tai kerro, mihin kumpikin perustuu, tai kuittaa havainto, jos lähteessä on sama ristiriita.",
    "The question '{question}' has two different sets of answers in one status: {first} and {second}. Remove "
    "the wrong one or say what each is based on, or acknowledge the finding if the source has the same "
    "contradiction.",
)
DOC = Doc(
    Message(
        "Sama kysymyslause (samoin kirjoitettuna) kahdesti samassa tilannekatsauksessa eri kirjainvastausten "
        "luvuin on ristiriita: kierroksella on yksi tilanne. Eri sanoin kirjoitettuja kysymyksiä ei verrata.",
        "The same question sentence (written the same) twice in one status with different lettered answer "
        "counts is a contradiction: a round has one state. Questions worded differently are not compared.",
    ),
    bad="text: |-\n  Onko kunnassa nimetty järjestökoordinaattori?\n  a) Kyllä 6/ 23 kuntaa b) Ei 17/ 23 kuntaa\n"
    "  Onko kunnassa nimetty järjestökoordinaattori?\n  a) Kyllä 8/ 23 kuntaa b) Ei 15/ 23 kuntaa",
    good="text: |-\n  Onko kunnassa nimetty järjestökoordinaattori?\n  a) Kyllä 6/ 23 kuntaa b) Ei 17/ 23 kuntaa\n"
    "  Onko kunnassa nimetty kohtaamispaikka?\n  a) Kyllä 8/ 23 kuntaa b) Ei 15/ 23 kuntaa",
)


def _answers(asked: changes.Question) -> str:
    return " ".join(f"{letter}) {count}" for letter, count in asked.counts().items())


def check(doc: Document, ctx: Context) -> Iterator[Hit]:
    words = population_words(doc, ctx)
    for status in statuses(doc, ctx):
        for first, second in changes.conflicting(status.text, words):
            question = status.text[: second.tally.start].rstrip()
            sentence = question[question.lower().rfind(first.question[:12]) :] if first.question else question
            yield hit(
                place(doc, ("statuses", status.position, "text"), offset=second.tally.start, ctx=ctx),
                second.tally.text,
                question=sentence.strip(),
                first=_answers(first),
                second=_answers(second),
            )
