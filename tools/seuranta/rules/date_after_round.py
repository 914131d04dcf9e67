"""date-after-round: a status does not report as done something dated after its own round."""

from __future__ import annotations

import bisect
import datetime
import re
from collections.abc import Callable, Iterator
from typing import NamedTuple, TypeVar

from seuranta.model.documents import MEASURE, Document
from seuranta.model.problem import WARNING, Message
from seuranta.prose import facts, presence
from seuranta.rules import Context, Doc, Hit, hit
from seuranta.rules.support import days, iso_date, place, programme_words, statuses_holding

ID = "date-after-round"
SEVERITY = WARNING
KINDS = (MEASURE,)
NEEDS = presence.DATES | presence.SLASHES  # the kinds of fact it reads: a file whose texts hold none has no finding
MESSAGE = Message(
    "Kierroksen {round} teksti '{text}' kertoo tehdyksi jotain, joka on päivätty vasta {date}. "
    "Siirrä teksti oikean kierroksen tilannekatsaukseen tai korjaa päivämäärä; jos kierros koottiin "
    "päivämääränsä jälkeen, kuittaa havainto.",
    "The {round} status says '{text}': done on {date}, after its own round. Move the text to the right "
    "round's status or fix the date; if the round was compiled after its date, acknowledge the finding.",
)
DOC = Doc(
    Message(
        "Kierroksen teksti ei voi kertoa menneessä aikamuodossa (valmistui, julkaistiin, pidettiin …) "
        "tapahtumasta, joka on päivätty kierroksen jälkeen; yleensä teksti on päätynyt väärään sarakkeeseen.",
        "A round's text cannot report in the past tense (valmistui, julkaistiin, pidettiin …) an event dated "
        "after the round; usually the text has landed in the wrong column.",
    ),
    bad='- date: "2021-05-15"\n  text: Yhteinen malli valmistui 8.11.2021.',
    good='- date: "2021-11-15"\n  text: Yhteinen malli valmistui 8.11.2021.',
)

_DONE = facts.any_word(
    (
        *("valmistui", "valmistuivat", "valmistunut", "valmistuneet", "julkaistiin", "julkaistu", "hyväksyttiin"),
        *("hyväksytty", "pidettiin", "pidetty", "järjestettiin", "järjestetty", "toteutettiin", "toteutettu"),
        *("toteutui", "toteutuivat", "käynnistyi", "käynnistyivät", "käynnistettiin", "käynnistetty"),
        *("aloitettiin", "aloitettu", "päättyi", "allekirjoitettiin", "allekirjoitettu", "lanseerattiin"),
        *("lanseerattu", "otettiin käyttöön", "otettu käyttöön"),
    )
)
T = TypeVar("T")
_UNTIL = ("mennessä", "asti", "saakka")
_GAP = re.compile(r"[^.;!?\n]{0,40}")


class _Dated(NamedTuple):
    """A text's dates and valid month/year forms, each list sorted by where it starts."""

    dates: list[tuple[int, int, str, datetime.date | None]]
    months: list[facts.MonthYear]


def _dated(text: str, words: tuple[str, ...]) -> _Dated:
    dates = sorted((d.start, d.end, d.text, facts.day_of(d)) for d in facts.dates(text))
    return _Dated(dates, [m for m in facts.month_years(text, words) if m.valid and m.year >= datetime.MINYEAR])


def _between(items: list[T], start: int, end: int, *, key: Callable[[T], int]) -> list[T]:
    """The items starting in [start, end), found by bisection in a list sorted by start."""
    at = bisect.bisect_left(items, start, key=key)
    found = []
    while at < len(items) and key(items[at]) < end:
        found.append(items[at])
        at += 1
    return found


def _when(text: str, start: int, *, dated: _Dated) -> tuple[int, str, datetime.date] | None:
    """The first dated thing in the clause after a past-tense verb, unless it is a deadline."""
    window = _GAP.match(text, start)
    end = window.end() if window else start
    found = _between(dated.dates, start, end, key=lambda d: d[0])
    found += [
        (m.start, m.end, m.text, datetime.date(m.year, m.first, 1))
        for m in _between(dated.months, start, end, key=lambda m: m.start)
    ]
    for at, stop, shown, day in sorted(found):
        if day is not None and not text[stop : stop + 10].lstrip().lower().startswith(_UNTIL):
            return at, shown, day
    return None


def _dated_after(text: str, words: tuple[str, ...], round_date: str) -> bool:
    """Whether anything in the text is dated after the round (a month/year form: its first day), as a finding
    compares: a verb can name nothing dated later than the latest. Its latest day is read once per text
    (`support.days()`), and its month/year forms only in a text with a slash, which each is written with; a text
    dating nothing later has no finding, and its dates are not gathered for the verbs."""
    found = days(text)
    if found is not None and found.last > round_date:
        return True
    if "/" not in text:
        return False
    return any(
        datetime.date(m.year, m.first, 1).isoformat() > round_date
        for m in facts.month_years(text, words)
        if m.valid and m.year >= datetime.MINYEAR
    )


def _verbs(text: str) -> tuple[tuple[int, int], ...]:
    """Where each past-tense verb stands (once per text while its scan is kept: statuses recur)."""
    return tuple(verb.span() for verb in _DONE.finditer(text))


def check(doc: Document, ctx: Context) -> Iterator[Hit]:
    words = programme_words(doc, ctx)
    for status in statuses_holding(doc, ctx, NEEDS):
        if not iso_date(status.date):
            continue  # the wrong date form is the schema's finding; compared as text it would mislead
        if not _dated_after(status.text, words, status.date):
            continue  # nothing dated after the round for a verb to name
        dated = _dated(status.text, words)  # the text's facts, read once for every rule
        for verb_start, verb_end in facts.kept(_verbs, status.text):
            found = _when(status.text, verb_end, dated=dated)
            if found and found[2].isoformat() > status.date:
                shown = status.text[verb_start : found[0] + len(found[1])]
                yield hit(
                    place(doc, ("statuses", status.position, "text"), offset=verb_start, ctx=ctx),
                    shown,
                    round=status.date,
                    text=shown,
                    date=found[1],
                )
