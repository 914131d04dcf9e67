"""copy-forward: a status is not the previous round's text copied unchanged."""

from __future__ import annotations

from collections.abc import Iterator

from seuranta.model.documents import MEASURE, Document
from seuranta.model.problem import WARNING, Message
from seuranta.prose import facts
from seuranta.prose.resemblance import last_word, spaced
from seuranta.rules import Context, Doc, Hit, hit
from seuranta.rules.support import statuses

ID = "copy-forward"
SEVERITY = WARNING
KINDS = (MEASURE,)
MESSAGE = Message(
    "Kierroksen {date} teksti on sama kuin edellisen kierroksen {previous}. Kirjoita tämän kierroksen tilanne "
    '(myös "ei muutosta" kelpaa) tai kuittaa havainto, jos lähteessä on sama teksti.',
    "The {date} text is the same as the previous round's ({previous}). Write this round's status (\"no change\" "
    "will do) or acknowledge the finding if the source repeats the text.",
)
DOC = Doc(
    Message(
        "Tilannekatsaus, joka on sanasta sanaan edellisen kierroksen teksti, on todennäköisesti kopioitu "
        "eteenpäin eikä kerro kierroksen tilannetta. Kuittauksen match on kierroksen päivämäärä.",
        "A status word for word the same as the previous round's was most likely copied forward and says "
        "nothing about this round. The acknowledgement's match is the round's date.",
    ),
    bad='- {date: "2021-02-15", text: Malli kuvattu.}\n- {date: "2021-05-15", text: Malli kuvattu.}',
    good='- {date: "2021-02-15", text: Malli kuvattu.}\n- {date: "2021-05-15", text: Ei muutosta, malli kuvattu.}',
)


def check(doc: Document, ctx: Context) -> Iterator[Hit]:
    listed = list(statuses(doc, ctx))
    if len(listed) < 2:
        return  # no round to compare with: no text is read
    previous, before = listed[0], last_word(listed[0].text)
    for status in listed[1:]:
        now = last_word(status.text)  # a text ending in another word is another text, spaced or not
        # each text spaced once while kept: statuses recur from file to file
        if now == before and facts.kept(spaced, status.text) == facts.kept(spaced, previous.text):
            where = doc.mark("statuses", status.position, "text")
            yield hit(where, status.date, date=status.date, previous=previous.date)
        previous, before = status, now
