"""portfolio-mismatch: a measure marked with portfolios does not report another portfolio's work."""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator
from typing import Any, NamedTuple

from seuranta.model.documents import MEASURE, Document
from seuranta.model.problem import WARNING, Message
from seuranta.prose import facts, presence
from seuranta.rules import Context, Doc, Hit, hit
from seuranta.rules.support import group_id, items, place, programme, prose, prose_holding, statuses

ID = "portfolio-mismatch"
SEVERITY = WARNING
KINDS = (MEASURE,)
MESSAGE = Message(
    "Toimenpide on merkitty hankesalkkuihin {marked}, mutta teksti '{text}' kertoo hankesalkun {named} työstä "
    "eikä mikään toimenpiteen teksti mainitse sen omia salkkuja. Korjaa toimenpiteen portfolios-merkintä tai "
    "siirrä teksti oikealle toimenpiteelle, tai kuittaa havainto, jos lähteessä on sama merkintä.",
    "The measure is marked with the portfolios {marked}, but the text '{text}' reports the work of portfolio "
    "{named}, and none of the measure's texts names its own portfolios. Fix the measure's portfolios, or move "
    "the text to the measure it belongs to, or acknowledge the finding if the source marks it the same way.",
)
DOC = Doc(
    Message(
        "Toimenpiteen, jolla on oma portfolios-merkintä, tilannetekstit eivät kerro vain toisen hankesalkun "
        'työstä: kun tilanneteksti nimeää ohjelman hankesalkun numerolla ("HS 1", "hankesalkussa 3") tai '
        "nimellä tai aliaksella, joka ei ole toimenpiteen eikä sen ryhmän salkku, eikä mikään toimenpiteen "
        "teksti nimeä sen omia salkkuja, merkintä tai teksti on todennäköisesti väärässä paikassa. Varoitus: "
        "toimenpide voi aidosti hyödyntää toisen salkun työtä. Tarkkuuden vuoksi yhteistyötä kuvaavat "
        'virkkeet ("yhteistyössä hankesalkku 3:n kanssa", "yhdessä"), toimenpiteet ilman omaa merkintää, '
        'ohjelmaan kuulumattomat salkut (ne ovat ref-unresolved-säännön) ja "Salkkujen välinen" -sarake '
        "(cross_portfolio, itse merkintä) jätetään lukematta; siksi toiseen salkkuun yhteistyönä viittaava "
        "väärä merkintä jää huomaamatta.",
        "The statuses of a measure that carries its own portfolios mark do not report only another portfolio's "
        'work: when a status names a programme portfolio by number ("HS 1", "hankesalkussa 3"), title or alias '
        "that is neither the measure's nor its group's, and no text of the measure names any of its own "
        "portfolios, the mark or the text is likely misplaced. A warning: a measure may truly build on another "
        "portfolio's work. For precision, sentences that describe collaboration (\"yhteistyössä hankesalkku "
        '3:n kanssa", "yhdessä"), measures without a mark of their own, portfolios the programme does not have '
        '(ref-unresolved reports them) and the "Salkkujen välinen" column (cross_portfolio, the mark itself) '
        "are not read; so a wrong mark whose text names the other portfolio as a collaborator goes unnoticed.",
    ),
    bad="# group portfolios: [komas]\nportfolios: [hs2]\nstatuses:\n"
    '  - date: "2021-05-15"\n    text: HS 1 työpajassa kasattiin käytössä olevat mittarit.',
    good="# group portfolios: [komas]\nportfolios: [hs1]\nstatuses:\n"
    '  - date: "2021-05-15"\n    text: HS 1 työpajassa kasattiin käytössä olevat mittarit.',
)

_SENTENCE = re.compile(r"(?:[^.!?\n]|[.!?](?=[^\s.!?]))+(?:[.!?]+|$)", re.MULTILINE)
_TOGETHER = re.compile(r"\bkanssa\b|\byhteistyö\w*|\byhdessä\b", re.IGNORECASE)


class Mention(NamedTuple):
    start: int
    text: str
    portfolio: str  # the portfolio's id


def _names(world: dict[str, Any]) -> tuple[dict[str, str], re.Pattern[str] | None, dict[str, str]]:
    """The programme's portfolios: number -> id, a pattern of their titles and word aliases, name -> id."""
    numbers: dict[str, str] = {}
    named: dict[str, str] = {}
    for item in items(world, "portfolios"):
        ident = str(item.get("id", ""))
        if isinstance(item.get("number"), int):
            numbers[str(item["number"])] = ident
        aliases = item.get("aliases")
        for name in [item.get("title"), *(aliases if isinstance(aliases, list) else [])]:
            if isinstance(name, str) and name.strip() and not re.search(r"\d", name):
                named.setdefault(name.strip().casefold(), ident)
    return numbers, _pattern(sorted(named, key=len, reverse=True)) if named else None, named


def _plain_pattern(names: list[str]) -> re.Pattern[str]:
    """The names as whole words, in any case, the first of them that matches at a place."""
    alternatives = "|".join(re.escape(name) for name in names)
    return re.compile(rf"(?<!\w)(?:{alternatives})(?!\w)", re.IGNORECASE)


_KNOWN_FIRST = frozenset("abcdefghijklmnopqrstuvwxyzåäö0123456789")  # a first character whose cases `cases()` gives


def _pattern(names: list[str]) -> re.Pattern[str]:
    """`_plain_pattern(names)` in the fast form of `facts.any_word()` (a name's first character in its every case,
    checked to stand after no word character), which `re` skips through to where a name can start; the plain
    form where a name starts with a character of other cases."""
    if not all(name and name[0] in _KNOWN_FIRST for name in names):
        return _plain_pattern(names)
    return facts.any_word(names, end=r"(?!\w)")


def _programme_names(doc: Document, ctx: Context) -> tuple[dict[str, str], re.Pattern[str] | None, dict[str, str]]:
    """`_names` of the file's programme, once per run and programme (in the run memo)."""
    world = programme(doc, ctx)
    built: dict[str, tuple[dict[str, str], re.Pattern[str] | None, dict[str, str]]] = ctx.run.setdefault(ID, {})
    key = str(world.get("id", ""))
    if key not in built:
        built[key] = _names(world)
    return built[key]


def _mentions(
    text: str, world: tuple[dict[str, str], re.Pattern[str] | None, dict[str, str]], *, referring: bool = True
) -> list[Mention]:
    """The portfolios the text names, by number (its references, read only when it is `referring`: may hold one)
    and by name."""
    numbers, pattern, named = world
    found = [
        Mention(ref.start, ref.text, numbers[str(int(ref.portfolio))])
        for ref in (facts.references(text) if referring and numbers else ())
        if ref.kind == facts.PORTFOLIO and ref.portfolio and str(int(ref.portfolio)) in numbers
    ]
    if pattern is not None:
        found += [Mention(start, name, named[name.casefold()]) for start, name in facts.kept(_named_in, text, pattern)]
    return sorted(found)


def _named_in(text: str, pattern: re.Pattern[str]) -> tuple[tuple[int, str], ...]:
    """Where the portfolios' names stand in a text (once per text and programme's names: texts recur)."""
    return tuple((m.start(), m.group()) for m in pattern.finditer(text))


World = tuple[dict[str, str], re.Pattern[str] | None, dict[str, str]]


def _unnamed(world: World, texts: list[str]) -> World:
    """The programme's portfolios for reading `texts`: without the pattern of their names when it matches in none
    of them, as found in the texts joined by line feeds (a name found in a text is found there: a line feed is no
    word character, as the start and end of a text are none)."""
    pattern = world[1]
    if pattern is None or _names_in(pattern, world[2], "\n".join(texts)):
        return world
    return world[0], None, world[2]


def _names_in(pattern: re.Pattern[str], named: dict[str, str], text: str) -> bool:
    """Whether the pattern of the names matches in the text, searched only where a name is a part of the lowered
    text: every letter the pattern matches to a name's letter of Latin-1 is lowered to it, but those
    `facts.unlowered()` finds (a text with one of them, or names with another letter, are searched at once). A few
    substring tests in place of most searches, which try the names at each of the many letters they start with."""
    if not facts.unlowered(text) and all(max(name) < "\u0100" for name in named):
        lowered = text.lower()
        if not any(name.lower() in lowered for name in named):
            return False
    return pattern.search(text) is not None


def _referring(doc: Document, ctx: Context) -> frozenset[str]:
    """The file's texts that may hold a reference (`presence.REFERENCES`): `facts.references()` finds none in the
    others, so they are not read for the portfolios they name by number."""
    return frozenset(found.text for found in prose_holding(doc, ctx, presence.REFERENCES))


def _read(
    read: dict[str, list[Mention]],
    text: str,
    world: tuple[dict[str, str], re.Pattern[str] | None, dict[str, str]],
    referring: frozenset[str],
) -> list[Mention]:
    if text not in read:
        read[text] = _mentions(text, world, referring=text in referring)
    return read[text]


def _apart(text: str, mentions: list[Mention]) -> list[Mention]:
    """The mentions outside sentences that describe collaboration."""
    if not mentions or not _TOGETHER.search(text):
        return mentions  # no sentence describes collaboration
    return _outside(text, mentions)


def _outside(text: str, mentions: list[Mention]) -> list[Mention]:
    together = [(s.start(), s.end()) for s in _SENTENCE.finditer(text) if _TOGETHER.search(s.group())]
    ends = [end for _, end in together]
    kept = []
    for mention in mentions:
        at = bisect.bisect_right(ends, mention.start)
        if at == len(together) or not together[at][0] <= mention.start:
            kept.append(mention)
    return kept


def _own(doc: Document, ctx: Context, marked: list[str]) -> frozenset[str]:
    """Every portfolio the measure belongs to: its own mark and its group's."""
    group = ctx.model.groups.get(group_id(doc))
    of_group = group.data.get("portfolios") if group is not None and isinstance(group.data, dict) else None
    return frozenset(marked) | frozenset(p for p in of_group or [] if isinstance(p, str))


def check(doc: Document, ctx: Context) -> Iterator[Hit]:
    if not isinstance(doc.data, dict) or not isinstance(doc.data.get("portfolios"), list):
        return
    marked = [p for p in doc.data["portfolios"] if isinstance(p, str)]
    world = _programme_names(doc, ctx) if marked else None
    if world is None or not (world[0] or world[1]):
        return
    read: dict[str, list[Mention]] = {}  # each text's mentions, found once
    listed = list(statuses(doc, ctx))
    unnamed = _unnamed(world, [status.text for status in listed])
    referring = _referring(doc, ctx)
    named = [(status, _read(read, status.text, unnamed, referring)) for status in listed]
    if not any(mentions for _, mentions in named):
        return  # no status names a portfolio: the other texts need not be read
    own = _own(doc, ctx, marked)
    texts = [t.text for t in prose(doc, ctx) if t.path[0] != "cross_portfolio"]
    if any(m.portfolio in own for text in texts for m in _read(read, text, world, referring)):
        return
    for status, mentions in named:
        foreign = _apart(status.text, mentions)
        if foreign:
            yield hit(
                place(doc, ("statuses", status.position, "text"), offset=foreign[0].start, ctx=ctx),
                foreign[0].text,
                text=foreign[0].text,
                named=foreign[0].portfolio,
                marked=", ".join(marked),
            )
