"""fraction-over: a count is not more than what it is counted out of."""

from __future__ import annotations

from collections.abc import Iterator

from seuranta.model.documents import GROUP, MEASURE, Document
from seuranta.model.problem import ERROR, Message
from seuranta.prose import facts, presence
from seuranta.rules import Context, Doc, Hit, hit
from seuranta.rules.support import place, population_words, prose

ID = "fraction-over"
SEVERITY = ERROR
KINDS = (GROUP, MEASURE)
NEEDS = presence.SLASHES  # the kinds of fact it reads: a file whose texts hold none has no finding
MESSAGE = Message(
    "'{text}': osoittaja {numerator} on suurempi kuin nimittäjä {denominator}. Korjaa luvut tai kuittaa havainto.",
    "'{text}': the numerator {numerator} is larger than the denominator {denominator}. Fix the numbers or "
    "acknowledge the finding.",
)
DOC = Doc(
    Message(
        'Lukumäärä ei voi olla suurempi kuin joukko, josta se lasketaan ("16/15 organisaatiossa"). '
        "Sanaton murtoluku tarkistetaan, kun se ei voi olla päivämäärä (nimittäjä yli 12).",
        'A count cannot exceed the set it is counted out of ("16/15 organisaatiossa"). A fraction with no '
        "population word is checked when it cannot be a day/month (denominator above 12).",
    ),
    bad="text: Malli käytössä 16/15 organisaatiossa.",
    good="text: Malli käytössä 15/15 organisaatiossa.",
)


def _over(fraction: facts.Fraction, words: tuple[str, ...]) -> bool:
    named = bool(fraction.word) and facts.matches_stem(fraction.word, words)
    return fraction.numerator > fraction.denominator and (named or fraction.denominator > 12)


def check(doc: Document, ctx: Context) -> Iterator[Hit]:
    words = population_words(doc, ctx)
    for found in prose(doc, ctx):
        for fraction in facts.counts(found.text, words):
            if _over(fraction, words):
                yield hit(
                    place(doc, found.path, offset=fraction.start, ctx=ctx),
                    fraction.text,
                    text=fraction.text,
                    numerator=fraction.numerator,
                    denominator=fraction.denominator,
                )
