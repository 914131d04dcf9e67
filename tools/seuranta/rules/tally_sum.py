"""tally-sum: lettered answer counts and the missing answers add up to their total."""

from __future__ import annotations

from collections.abc import Iterator

from seuranta.model.documents import MEASURE, Document
from seuranta.model.problem import ERROR, Message
from seuranta.prose import facts, presence
from seuranta.rules import Context, Doc, Hit, hit
from seuranta.rules.support import place, population_words, prose_holding

ID = "tally-sum"
SEVERITY = ERROR
KINDS = (MEASURE,)
NEEDS = presence.TALLIES  # the kinds of fact it reads: a file whose texts hold none has no finding
MESSAGE = Message(
    "Vastausten {letters} luvut ({parts}) eivät täsmää: yhteensä {counted}, nimittäjän mukaan {total}. "
    "Tarkista luvut, nimittäjät ja puuttuvat vastaukset, tai kuittaa havainto.",
    "The answer counts {letters} ({parts}) do not add up: {counted}, where the denominator says {total}. "
    "Check the counts, the denominators and the missing answers, or acknowledge the finding.",
)
DOC = Doc(
    Message(
        'Kirjaimin merkittyjen vastausten lukumäärät ("a) … 2/ 23 kuntaa", "b) …") ja "Puuttuvia '
        'vastauksia N/ 23 kuntaa" ovat yhteensä nimittäjän verran, ja jos vastausten nimittäjä on vastaajien '
        'määrä ("5/ 22"), vastaukset ovat yhteensä sen verran. Monivalintakysymys (summa ylittää '
        "kokonaismäärän selvästi eikä puuttuvia ole ilmoitettu) ohitetaan.",
        'Lettered answer counts ("a) … 2/ 23 kuntaa", "b) …") plus "Puuttuvia vastauksia N/ 23 kuntaa" '
        'add up to the denominator, and when the answers\' denominator is the number who answered ("5/ 22"), '
        "the answers add up to it. A multiple-choice question (the sum well past the total, no missing count) "
        "is skipped.",
    ),
    bad="text: |\n  a) Palvelupolku on valmis 2/ 23 kuntaa\n  b) Valmistelu käynnissä 14/ 23 kuntaa\n"
    "  c) Palvelupolkua ei ole 5/ 23 kuntaa\n  Puuttuvia vastauksia 1/ 23 kuntaa",
    good="text: |\n  a) Palvelupolku on valmis 2/ 23 kuntaa\n  b) Valmistelu käynnissä 15/ 23 kuntaa\n"
    "  c) Palvelupolkua ei ole 5/ 23 kuntaa\n  Puuttuvia vastauksia 1/ 23 kuntaa",
)


def _letters(tally: facts.Tally) -> str:
    count = len(tally.answers)
    return f"a)–{chr(ord('a') + count - 1)})"


def _exclusive(tally: facts.Tally) -> bool:
    """Answers that exclude each other. A "Puuttuvia vastauksia" line says so; without one, a sum past
    the total by more than one answer's worth is a multiple-choice question ("valitse kaikki sopivat")."""
    if tally.missing is not None:
        return True
    numbers = [a.numerator for a in tally.answers]
    return tally.counted > tally.total and tally.counted - max(numbers) <= tally.total


def _answered(tally: facts.Tally) -> tuple[tuple[int, ...], int, int] | None:
    """When the answers share a denominator below the total (the number who answered), they add up to it."""
    shared = {a.denominator for a in tally.answers}
    numbers = tuple(a.numerator for a in tally.answers)
    if tally.missing is None or len(shared) != 1 or min(shared) == tally.total or sum(numbers) == min(shared):
        return None
    return numbers, sum(numbers), min(shared)


def _problem(tally: facts.Tally) -> tuple[tuple[int, ...], int, int] | None:
    """(the counts added, their sum, what they should add up to) when the tally does not add up."""
    if not _exclusive(tally):
        return None
    if tally.counted != tally.total:
        return tuple(f.numerator for f in tally.parts), tally.counted, tally.total
    return _answered(tally)


def check(doc: Document, ctx: Context) -> Iterator[Hit]:
    words = population_words(doc, ctx)
    for found in prose_holding(doc, ctx, NEEDS):
        for tally in facts.tallies(found.text, words):
            problem = _problem(tally)
            if problem is not None:
                parts = " + ".join(map(str, problem[0]))
                yield hit(
                    place(doc, found.path, offset=tally.start, ctx=ctx),
                    tally.text,
                    letters=_letters(tally),
                    parts=parts,
                    counted=problem[1],
                    total=problem[2],
                )
