"""respondents-round: a question's answers are out of as many respondents as its round states."""

from __future__ import annotations

from collections.abc import Iterator
from typing import NamedTuple

from seuranta.model.documents import MEASURE, Document
from seuranta.model.problem import WARNING, Message
from seuranta.prose import facts, presence, respondents
from seuranta.rules import Context, Doc, Hit, hit
from seuranta.rules.support import group_id, place, population_words, statuses_holding

ID = "respondents-round"
SEVERITY = WARNING
KINDS = (MEASURE,)
NEEDS = presence.TALLIES  # the kinds of fact it reads: a file whose texts hold none has no finding
MESSAGE = Message(
    "Kierroksen {round} vastaukset '{used}' on laskettu {count} vastaajasta, mutta '{stated}' ({where}) "
    "ilmoittaa vastaajia olleen {stated_count}. Korjaa vastaajamäärä tai nimittäjät, kerro miksi tähän "
    "kysymykseen vastasi eri määrä, tai kuittaa havainto, jos lähteessä on sama ristiriita.",
    "The {round} answers '{used}' are out of {count} respondents, but '{stated}' ({where}) says "
    "{stated_count} answered. Fix the respondent count or the denominators, say why this question had a "
    "different number of respondents, or acknowledge the finding if the source has the same contradiction.",
)
DOC = Doc(
    Message(
        'Kierroksen vastaajamäärä suoraan ilmoitettuna ("Vastaajia 22/ 23 kuntaa") samassa tilannetekstissä '
        'tai ryhmän tilannehuomautuksessa (status_note) saman kierroksen otsikon ("Tilanne 15.11.2021") alla '
        'on sama kuin saman kierroksen kirjainvastausten yhteinen nimittäjä ("a) … 1/ 21 kuntaa", "b) … 4/ 21 '
        'kuntaa"), kun kokonaismäärä (23) on sama. Varoitus, ei virhe: kysymykseen voi vastata vähemmän kuin '
        'kyselyyn. Jatkokysymyksen "(vastaajia 11/ 22 kuntaa)" määrä ei ole kierroksen, eikä muulla tavoin '
        'kirjoitettua määrää ("kyselyyn vastasi 21 kuntaa") tai muiden toimenpiteiden tekstejä lueta.',
        'A round\'s respondent count stated outright ("Vastaajia 22/ 23 kuntaa") in the same status text, or '
        "in the group's status_note under that round's heading (\"Tilanne 15.11.2021\"), equals the shared "
        'denominator of the same round\'s lettered answers ("a) … 1/ 21 kuntaa", "b) … 4/ 21 kuntaa") over '
        "the same total (23). A warning, not an error: fewer may answer one question than the survey. A "
        "follow-up question's \"(vastaajia 11/ 22 kuntaa)\" is no round's count, and counts written otherwise "
        '("kyselyyn vastasi 21 kuntaa") or in other measures\' texts are not read.',
    ),
    bad='- date: "2021-11-15"\n  text: |-\n    Vastaajia 22/ 23 kuntaa\n    a) Hakusovellus on 1/ 21 kuntaa\n'
    "    b) Kehittäminen meneillään 4/ 21 kuntaa\n    c) Hakusovellusta ei ole 16/ 21 kuntaa\n"
    "    Puuttuvia vastauksia 2/ 23 kuntaa",
    good='- date: "2021-11-15"\n  text: |-\n    Vastaajia 22/ 23 kuntaa\n    a) Hakusovellus on 1/ 22 kuntaa\n'
    "    b) Kehittäminen meneillään 4/ 22 kuntaa\n    c) Hakusovellusta ei ole 17/ 22 kuntaa\n"
    "    Puuttuvia vastauksia 1/ 23 kuntaa",
)


class Statement(NamedTuple):
    found: respondents.Stated
    where: str


def _group_statements(doc: Document, ctx: Context) -> list[Statement]:
    group = ctx.model.groups.get(group_id(doc))
    if group is None or not isinstance(group.data, dict) or not isinstance(group.data.get("status_note"), str):
        return []
    where = f"{group.path}: status_note"
    return [Statement(s, where) for s in respondents.stated(group.data["status_note"]) if s.round]


def _conflict(tally: facts.Tally, date: str, statements: list[Statement]) -> tuple[int, Statement] | None:
    count = respondents.answered(tally)
    if count is None:
        return None
    for statement in statements:
        stated = statement.found
        if stated.round == date and stated.total == tally.total and stated.number != count:
            return count, statement
    return None


def check(doc: Document, ctx: Context) -> Iterator[Hit]:
    words = population_words(doc, ctx)
    group = _group_statements(doc, ctx)
    for status in statuses_holding(doc, ctx, NEEDS):  # a text without the bit has no tally
        own = [Statement(s._replace(round=status.date), doc.path) for s in respondents.stated(status.text)]
        for tally in facts.tallies(status.text, words):
            conflict = _conflict(tally, status.date, own + group)
            if conflict is not None:
                count, statement = conflict
                yield hit(
                    place(doc, ("statuses", status.position, "text"), offset=tally.start, ctx=ctx),
                    tally.answers[0].text,
                    round=status.date,
                    used=tally.answers[0].text,
                    count=count,
                    stated=statement.found.text,
                    where=statement.where,
                    stated_count=statement.found.number,
                )
