"""state-after-round: a status does not report as in place ("käytössä … 12/22") what is dated after its round."""

from __future__ import annotations

import datetime
from collections.abc import Iterator

from seuranta.model.documents import MEASURE, Document
from seuranta.model.problem import WARNING, Message
from seuranta.prose import facts, presence, tense
from seuranta.rules import Context, Doc, Hit, hit
from seuranta.rules.support import days, place, population_words, statuses_holding

ID = "state-after-round"
SEVERITY = WARNING
KINDS = (MEASURE,)
NEEDS = presence.DATES | presence.SLASHES  # the kinds of fact it reads: a file whose texts hold none has no finding
MESSAGE = Message(
    "Kierroksen {round} teksti '{text}' kertoo tilan ('käytössä', 'valmiina' …) ajalta {date}, joka on vasta "
    "kierroksen jälkeen. Kirjoita tavoite tavoitteena (esim. '{date} mennessä') tai korjaa aika, tai kuittaa "
    "havainto.",
    "The {round} status says '{text}': a state ('käytössä', 'valmiina' …) dated {date}, after its own round. "
    "Write a target as a target (e.g. '{date} mennessä') or fix the date, or acknowledge the finding.",
)
DOC = Doc(
    Message(
        'Tilaa kuvaava sana ("käytössä", "käyttöönotettu", "valmiina", "voimassa") ja samassa lauseessa '
        'sitä seuraava päivämäärä tai kuukausi ("12/22"), joka on kierroksen kuukauden jälkeen: tila ei voi '
        'olla jo saavutettu. Määräaika ("12/22 mennessä", "alkaen") ei ole havainto; menneen aikamuodon '
        "verbit (valmistui, otettiin käyttöön) ovat date-after-round-säännön asia.",
        'A word of a state reached ("käytössä", "käyttöönotettu", "valmiina", "voimassa") followed in the same '
        'clause by a date or month ("12/22") after the round\'s month: the state cannot be reached yet. A '
        'deadline ("12/22 mennessä", "alkaen") is not a finding; past-tense verbs (valmistui, otettiin '
        "käyttöön) are date-after-round's business.",
    ),
    bad='- date: "2022-09-23"\n  text: Terveystarkastus käytössä hyvinvointialueen tasoisesti 12/22.',
    good='- date: "2022-09-23"\n  text: Terveystarkastus käytössä 1/2022 alkaen, koko alueella 12/22 mennessä.',
)


def _later(said: tense.Dated, round_date: str) -> bool:
    if said.month:
        return said.day.isoformat()[:7] > round_date[:7]
    return said.day.isoformat() > round_date


def _dated_after(text: str, words: tuple[str, ...], round_date: str) -> bool:
    """Whether the text dates anything after the round as `_later()` compares a state's date: a day after it, or a
    month/year after its month (the dates and month/year forms `tense.states()` reads). A text dating nothing later
    has no finding, and is not read for states."""
    found = days(text)
    if found is not None and found.last > round_date:
        return True
    if "/" not in text:
        return False  # no month/year form
    return any(
        datetime.date(m.year, m.month, 1).isoformat()[:7] > round_date[:7]
        for m in facts.month_years(text, words)
        if m.valid and m.year >= datetime.MINYEAR
    )


def check(doc: Document, ctx: Context) -> Iterator[Hit]:
    words = population_words(doc, ctx)
    for status in statuses_holding(doc, ctx, NEEDS):
        if not _dated_after(status.text, words, status.date):
            continue
        for said in tense.states(status.text, words):
            if _later(said, status.date):
                yield hit(
                    place(doc, ("statuses", status.position, "text"), offset=said.start, ctx=ctx),
                    said.text,
                    round=status.date,
                    text=said.text,
                    date=said.shown,
                )
