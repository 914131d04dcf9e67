"""fraction-denominator: a count over a population is out of a number the programme declares."""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator
from typing import Any, NamedTuple

from seuranta.model.documents import MEASURE, Document
from seuranta.model.problem import ERROR, Message
from seuranta.prose import facts, presence
from seuranta.rules import Context, Doc, Hit, hit
from seuranta.rules.support import (
    Population,
    place,
    population_words,
    populations,
    programme,
    programme_populations,
    respondents,
    statuses_holding,
)

ID = "fraction-denominator"
SEVERITY = ERROR
KINDS = (MEASURE,)
NEEDS = presence.SLASHES  # the kinds of fact it reads: a file whose texts hold none has no finding
MESSAGE = Message(
    "'{text}': nimittäjä {denominator} ei ole perusjoukon '{population}' koko eikä mikään ilmoitettu luku "
    "({allowed}). Korjaa luku, lisää toimenpiteelle osajoukko (subpopulations) tai vastaajamäärä ohjelmaan "
    "(respondents), tai kuittaa havainto.",
    "'{text}': the denominator {denominator} is not the size of '{population}' nor any declared count "
    "({allowed}). Fix the number, declare a subpopulation on the measure or the round's respondents in the "
    "programme, or acknowledge the finding.",
)
DOC = Doc(
    Message(
        'Murtoluvun, jota seuraa perusjoukon sana ("7/14 organisaatiossa", "8/ 23 kuntaa"), nimittäjä on '
        "perusjoukon koko, kierroksen vastaajamäärä (respondents), toimenpiteen osajoukon koko (subpopulations) "
        'tai luku, jonka sama teksti on jo ilmoittanut: aiempi osoittaja ("13/15 sotekeskuksessa, joista '
        '11/13 …"), saman perusjoukon aiempi nimittäjä (sama lipsahdus ilmoitetaan kerran) tai kirjainvastausten '
        'vastaajamäärä ("a) … 5/ 22 kuntaa"). Vuosiluvun jälkeen lainattu luku ("keväällä 2021 6/14 …") '
        "voi olla minkä tahansa kierroksen vastaajamäärästä. "
        '"24/7", arviot ("ka. 3,9/5") ja suhdeluvut ("95/viikko") eivät ole lukumääriä.',
        'A fraction followed by a population word ("7/14 organisaatiossa", "8/ 23 kuntaa") is out of the '
        "population's size, the round's respondent count, a measure subpopulation's size, or a number the "
        'same text has stated: an earlier numerator ("13/15 sotekeskuksessa, joista 11/13 …"), an earlier '
        "denominator over the same population (a slip is reported once) or the number who answered a lettered "
        'tally ("a) … 5/ 22 kuntaa"). A figure quoted after a year ("keväällä 2021 6/14 …") may use any '
        'round\'s respondent count. "24/7", scores '
        '("ka. 3,9/5") and rates ("95/viikko") are not counts.',
    ),
    bad='# 15 organisations, 14 answered in spring 2021\n- date: "2021-05-15"\n'
    "  text: Malli käytössä 7/13 organisaatiossa.",
    good='- date: "2021-05-15"\n  text: Malli käytössä 7/14 organisaatiossa, 5/7 organisaatiossa koko alueella.',
)


_DATED = re.compile(r"\b(?:19|20)\d\d\b|\d\.\d{1,2}\.\s*$")


class Scope(NamedTuple):
    """What a status's fractions may be counted out of."""

    world: dict[str, Any]  # the programme
    declared: list[Population]  # the programme's populations
    own: list[Population]  # the measure's subpopulations
    words: tuple[str, ...]  # the words naming them all
    date: str  # the round
    allowed: dict[tuple[str, str | None], tuple[list[str], set[int]]]  # `_allowed()` so far, in this file


def _allowed(word: str, scope: Scope, *, any_round: bool) -> tuple[list[str], set[int]]:
    """The populations a word names ("kuntaa/aluetta" may name two) and the denominators they allow.

    A figure quoted with a year or date before it may come from any round's respondents. Once per file, word
    and round: a file's figures repeat their words."""
    when = None if any_round else scope.date
    found = scope.allowed.get((word, when))
    if found is None:
        found = scope.allowed[word, when] = _named(word, scope, when)
    return found


def _named(word: str, scope: Scope, when: str | None) -> tuple[list[str], set[int]]:
    named = [p for p in scope.declared if facts.matches_stem(word, p.stems)]
    counts = {n for p in named for n in (p.size, *respondents(scope.world, when, population=p.ident))}
    mine = [p for p in scope.own if facts.matches_stem(word, p.stems)]
    return [p.ident for p in named + mine], counts | {p.size for p in mine}


def _quoted(text: str, start: int) -> bool:
    """A figure cited from another round: a year or date just before it ("keväällä 2021 6/14 …")."""
    return bool(_DATED.search(text[max(0, start - 24) : start]))


def _tallied(text: str, words: tuple[str, ...]) -> tuple[set[int], list[tuple[int, int]]]:
    """Answers of tallies that share one denominator, and where each such denominator is stated.

    "a) … 5/ 22 kuntaa, b) … 16/ 22 kuntaa": 22 is the number who answered, stated by the text itself;
    whether the answers add up to it is tally-sum's business, and later figures may count out of it."""
    answers: set[int] = set()
    stated: list[tuple[int, int]] = []
    for tally in facts.tallies(text, words):
        shared = {a.denominator for a in tally.answers}
        if len(shared) == 1:
            answers |= {a.start for a in tally.answers}
            stated.append((tally.start, shared.pop()))
    return answers, stated


SHOWN = 12  # numbers a message lists; more are "…", so a long text's findings stay linear in its length


class _Declared:
    """Numbers declared so far: membership, the largest, and the SHOWN + 1 smallest (what a message lists),
    each kept as numbers come, so that no finding walks every number the text has declared before it."""

    def __init__(self) -> None:
        self.numbers: set[int] = set()
        self.top = 0
        self.smallest: list[int] = []

    def add(self, number: int) -> None:
        if number in self.numbers:
            return
        self.numbers.add(number)
        self.top = max(self.top, number)
        if len(self.smallest) <= SHOWN or number < self.smallest[-1]:
            bisect.insort(self.smallest, number)
            del self.smallest[SHOWN + 1 :]


def _listed(parts: list[_Declared], counts: set[int]) -> str:
    """The smallest declared numbers, ", "-joined, and "…" when there are more than SHOWN."""
    first = sorted(counts.union(*(part.smallest for part in parts)))
    return ", ".join(map(str, first[:SHOWN])) + (", …" if len(first) > SHOWN else "")


def _tallied_answer(fraction: facts.Fraction, answers: set[int], counts: set[int], parts: list[_Declared]) -> bool:
    """An answer of a tally whose shared denominator is no more than the largest number declared so far."""
    if fraction.start not in answers:
        return False
    return fraction.denominator <= max([*counts, *(part.top for part in parts if part.numbers)], default=0)


def _findings(text: str, scope: Scope) -> Iterator[tuple[facts.Fraction, str, str]]:
    """Counts over a population whose denominator nothing declares. The text declares numbers as it
    goes: earlier numerators ("13/15 …, joista 11/13 …"), earlier denominators over the same population
    (one finding per slip, not per repetition) and the number who answered a tally."""
    if "/" not in text:
        return  # no count, no tally
    fractions = facts.counts(text, scope.words)
    if not fractions:
        return  # a tally's answers are counts too
    numerators, stated_before = _Declared(), _Declared()
    denominators: dict[str, _Declared] = {}
    answers, stated = _tallied(text, scope.words)
    stated.sort()
    next_stated = 0
    for fraction in fractions:
        while next_stated < len(stated) and stated[next_stated][0] < fraction.start:
            stated_before.add(stated[next_stated][1])
            next_stated += 1
        names, counts = _allowed(fraction.word, scope, any_round=_quoted(text, fraction.start))
        if names and fraction.denominator not in counts:  # else nothing to report: no population, or declared
            parts = [numerators, stated_before, *(denominators[name] for name in names if name in denominators)]
            if not any(fraction.denominator in part.numbers for part in parts) and not _tallied_answer(
                fraction, answers, counts, parts
            ):
                yield fraction, names[0], _listed(parts, counts)
        numerators.add(fraction.numerator)
        for name in names:
            denominators.setdefault(name, _Declared()).add(fraction.denominator)


Allowed = dict[tuple[str, str | None], tuple[list[str], set[int]]]


def _programme_allowed(ctx: Context, world: dict[str, Any]) -> Allowed:
    """`_allowed()` so far of a measure with no subpopulations of its own, whose words allow what its programme
    declares: once per run and programme (in the run memo, which holds the programme's data too, so that its
    identity stays its own)."""
    memo: dict[int, tuple[dict[str, Any], Allowed]] = ctx.run.setdefault(ID, {})
    found = memo.get(id(world))
    if found is None or found[0] is not world:
        found = memo[id(world)] = (world, {})
    return found[1]


def check(doc: Document, ctx: Context) -> Iterator[Hit]:
    world, own = programme(doc, ctx), populations(doc.data, "subpopulations")
    declared, words = programme_populations(doc, ctx), population_words(doc, ctx)
    memo = _programme_allowed(ctx, world) if not own else {}
    for status in statuses_holding(doc, ctx, NEEDS):
        scope = Scope(world, declared, own, words, status.date, memo)
        for fraction, population, allowed in _findings(status.text, scope):
            yield hit(
                place(doc, ("statuses", status.position, "text"), offset=fraction.start, ctx=ctx),
                fraction.text,
                text=fraction.text,
                denominator=fraction.denominator,
                population=population,
                allowed=allowed,
            )
