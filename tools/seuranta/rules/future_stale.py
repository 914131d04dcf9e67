"""future-stale: a status does not say "julkaistaan 16.3.2021" when its round is already past that date."""

from __future__ import annotations

from collections.abc import Iterator

from seuranta.model.documents import MEASURE, Document
from seuranta.model.problem import WARNING, Message
from seuranta.prose import presence, tense
from seuranta.rules import Context, Doc, Hit, hit
from seuranta.rules.support import days, place, statuses_holding

ID = "future-stale"
SEVERITY = WARNING
KINDS = (MEASURE,)
NEEDS = presence.DATES  # the kinds of fact it reads: a file whose texts hold none has no finding
MESSAGE = Message(
    "Kierroksen {round} teksti '{text}' puhuu tulevana asiasta, jonka päivä {date} oli jo ennen kierrosta. "
    "Kerro, mitä tapahtui (esim. 'julkaistiin {date}'), tai kuittaa havainto, jos lähteessä on sama teksti.",
    "The {round} status says '{text}' in the future tense about {date}, which was already past at the round. "
    "Say what happened (e.g. 'julkaistiin {date}'), or acknowledge the finding if the source has the same text.",
)
DOC = Doc(
    Message(
        'Preesens tulevan merkityksessä ("julkaistaan 16.3.2021", "alkaa 1.9.2021") ja samassa lauseessa '
        "sitä seuraava täysi päivämäärä, joka on ennen kierroksen päivää: teksti on todennäköisesti kopioitu "
        'aiemmalta kierrokselta päivittämättä. Määräaika ("mennessä", "asti") ei ole havainto; kuukausimuotoa '
        '("3/2021") ei lueta, koska "alkaa 3/2021" voi tarkoittaa koko kuukautta.',
        'The present tense used for the future ("julkaistaan 16.3.2021", "alkaa 1.9.2021") followed in the '
        "same clause by a full date before the round's own: most likely text copied from an earlier round "
        'without an update. A deadline ("mennessä", "asti") is not a finding; a month form ("3/2021") is not '
        'read, since "alkaa 3/2021" may mean the whole month.',
    ),
    bad='- date: "2021-05-15"\n  text: Monisairaan potilaan Käypä hoito -suositus julkaistaan 16.3.2021.',
    good='- date: "2021-02-15"\n  text: Monisairaan potilaan Käypä hoito -suositus julkaistaan 16.3.2021.\n'
    '- date: "2021-05-15"\n  text: Monisairaan potilaan Käypä hoito -suositus julkaistiin 16.3.2021.',
)


def _dated_before(text: str, round_date: str) -> bool:
    """Whether the text dates a day before the round (the dates `tense.futures()` reads): a text dating none has no
    finding, and is not read for future verbs."""
    found = days(text)
    return found is not None and found.first < round_date


def check(doc: Document, ctx: Context) -> Iterator[Hit]:
    for status in statuses_holding(doc, ctx, NEEDS):  # a text without the bit dates no day
        if not _dated_before(status.text, status.date):
            continue
        for said in tense.futures(status.text):
            if said.day.isoformat() < status.date:
                yield hit(
                    place(doc, ("statuses", status.position, "text"), offset=said.start, ctx=ctx),
                    said.text,
                    round=status.date,
                    text=said.text,
                    date=said.shown,
                )
