"""An answer option that the same text contradicts: "e) Suunnittelua ei ole käynnistetty …" beside
"Työpaketti 5 käynnistänyt pilotin …".

An answer option is a lettered line ("e) …") that says something has not started (a negated verb of
starting: käynnistää, aloittaa, alkaa); the text contradicts it when, outside that option, it says
that something of the same verb did start.
"""

from __future__ import annotations

import re
from typing import NamedTuple

from seuranta.prose import facts
from seuranta.prose.facts import masked

_START = r"(?:käynn?i?st|aloit|alka|alkan)"
_OPTION = re.compile(r"(?:(?<=\s)|^)\(?[a-h]\)\s", re.MULTILINE)
# fast form (prose/facts.py) of \bei\s+(?:ole\s+)?(?:vielä\s+)?(?:START)\w*, case-insensitive
_NEGATED = re.compile(rf"[eE](?<!\w[eE])(?i:i\s+(?:ole\s+)?(?:vielä\s+)?(?:{_START})\w*)")
_STARTED = re.compile(rf"\b(?:{_START})\w*", re.IGNORECASE)
_NEGATION_BEFORE = re.compile(r"\bei\s+(?:ole\s+)?(?:vielä\s+)?$", re.IGNORECASE)
_SENTENCE = re.compile(r"[^.!?\n]*")


class Contradiction(NamedTuple):
    start: int
    end: int
    text: str  # the negated option's clause
    other: str  # the affirmative clause


def _options(text: str) -> list[tuple[int, int, int]]:
    """Each lettered answer option: its start, the end of its sentence, and the end of a negated start
    in it (0 when there is none)."""
    found = []
    for option in _OPTION.finditer(text):
        sentence = _SENTENCE.match(text, option.end())
        end = sentence.end() if sentence else option.end()
        negated = _NEGATED.search(text, option.end(), end)
        found.append((option.start(), end, negated.end() if negated else 0))
    return found


def contradictions(text: str) -> list[Contradiction]:
    """Negated options whose text elsewhere (outside every option) says the same kind of thing started."""
    if ")" not in text:
        return []  # no answer option (`may_hold_contradictions()`: masking a text adds no parenthesis)
    return facts.once(_contradictions, text)


def may_hold_contradictions(text: str) -> bool:
    """Whether the text has an answer option and something said not to have started: without them,
    `contradictions()` finds none. An option's letter, parenthesis and space are looked for first, from the
    parenthesis (`facts.LETTER_PROBE`, rarer than the "e" a denial is looked for from)."""
    clean = masked(text)
    return facts.LETTER_PROBE.search(clean) is not None and _NEGATED.search(clean) is not None


def _contradictions(text: str) -> list[Contradiction]:
    if not may_hold_contradictions(text):
        return []  # no answer option, or none can say that something has not started
    return _read(text, masked(text))


def _read(text: str, clean: str) -> list[Contradiction]:
    options = _options(clean)
    found = []
    for start, _, negated in (o for o in options if o[2]):
        for verb in _STARTED.finditer(clean):
            inside = any(a <= verb.start() < b for a, b, _ in options)
            if inside or _NEGATION_BEFORE.search(clean[max(0, verb.start() - 20) : verb.start()]):
                continue
            if verb.group().lower().startswith(("alkaen", "alkuun", "alkaa")):
                continue
            sentence = _SENTENCE.match(clean, verb.start())
            stop = sentence.end() if sentence else verb.end()
            found.append(Contradiction(start, negated, text[start:negated], text[verb.start() : stop].strip()))
            break
    return found


# A start reported done, in a past form ("aloitettu", "alkoi", "käynnistynyt"; the source's "aloitu" too):
# "koulutus alkaa" and "aloitetaan" are plans, not reports.
# The fast form (`facts.any_word()`) of \b(?:aloit(?:ettu|…)|alko(?:i|ivat)|alkan(?:ut|eet)|käynnist(?:etty|…))\b,
# IGNORECASE: its first letter in every case, checked to start a word.
_FIRST = f"{facts.cases('a')}{facts.cases('k')}"
_DONE = re.compile(
    rf"[{_FIRST}](?<!\w[{_FIRST}])(?i:(?<=a)(?:loit(?:ettu|ettiin|u|ti|tanut|taneet)|lko(?:i|ivat)|lkan(?:ut|eet))"
    r"|(?<=k)(?:äynnist(?:etty|ettiin|yi|yivät|ynyt|yneet|i|änyt|äneet)))\b"
)


class Claim(NamedTuple):
    """A start reported done or denied ("ei aloitettu"): its clause, and whether it is denied."""

    start: int
    end: int
    text: str
    denied: bool


def start_claims(text: str) -> list[Claim]:
    """Every start the text reports done or denies, with the clause around it."""
    return facts.once(_start_claims, text)


def _start_claims(text: str) -> list[Claim]:
    clean = masked(text)
    found = []
    for verb in _DONE.finditer(clean):
        before = _NEGATION_BEFORE.search(clean[max(0, verb.start() - 20) : verb.start()])
        begin = verb.start() - len(before.group()) if before else verb.start()
        clause = clean.rfind(".", 0, begin) + 1
        sentence = _SENTENCE.match(clean, begin)
        stop = sentence.end() if sentence else verb.end()
        found.append(Claim(begin, stop, text[clause:stop].strip(), before is not None))
    return found
