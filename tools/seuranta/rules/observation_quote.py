"""observation-quote: a structured observation quotes its status text and agrees with it."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from seuranta.model.documents import MEASURE, Document
from seuranta.model.problem import ERROR, Message
from seuranta.prose import facts
from seuranta.rules import Context, Doc, Hit, hit
from seuranta.rules.support import Status, items, programme_words, statuses

ID = "observation-quote"
SEVERITY = ERROR
KINDS = (MEASURE,)
MESSAGE = Message(
    "Havainto '{quote}': {problem_fi}. Korjaa havainto vastaamaan tekstiä (teksti on alkuperäinen).",
    "Observation '{quote}': {problem_en}. Make the observation agree with the text (the text is the original).",
)
DOC = Doc(
    Message(
        "Tilannekatsauksen observations-havainnon lainaus (quote) löytyy sellaisenaan tekstistä, ja sen arvo "
        "(value) ja nimittäjä (of) ovat samat kuin lainauksessa.",
        "A status observation's `quote` occurs verbatim in the text, and its `value` and `of` equal the "
        "numbers in the quote.",
    ),
    bad="text: Malli käytössä 10/15 sotekeskuksessa.\nobservations:\n"
    "  - {quote: 10/15 sotekeskuksessa, value: 10, of: 14}",
    good="text: Malli käytössä 10/15 sotekeskuksessa.\nobservations:\n"
    "  - {quote: 10/15 sotekeskuksessa, value: 10, of: 15}",
)


def _expected(quote: str, words: tuple[str, ...]) -> dict[str, float]:
    """What the quote says: numerator and denominator, a percentage, or a single number."""
    counts = facts.counts(quote, words)
    if counts:
        return {"value": counts[0].numerator, "of": counts[0].denominator}
    percents = facts.percents(quote)
    return {"value": percents[0].value} if percents else {}


def _problems(item: dict[str, Any], status: Status, *, words: tuple[str, ...]) -> Iterator[tuple[str, str, str]]:
    quote = item.get("quote")
    if not isinstance(quote, str):
        return
    if quote not in status.text:
        yield "quote", "lainausta ei löydy tekstistä", "the quote does not occur in the text"
        return
    for key, want in _expected(quote, words).items():
        if isinstance(item.get(key), (int, float)) and item[key] != want:
            shown = f"{want:g}"
            yield key, f"{key} on {item[key]}, lainauksessa {shown}", f"{key} is {item[key]}, the quote says {shown}"


def check(doc: Document, ctx: Context) -> Iterator[Hit]:
    words = programme_words(doc, ctx)
    for status in statuses(doc, ctx):
        for index, item in enumerate(items(status.data, "observations")):
            for key, fi, en in _problems(item, status, words=words):
                where = doc.mark("statuses", status.position, "observations", index, key)
                yield hit(where, str(item.get("quote")), quote=item.get("quote"), problem_fi=fi, problem_en=en)
