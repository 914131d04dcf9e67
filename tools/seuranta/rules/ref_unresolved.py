"""ref-unresolved: references in the prose ("kts. työpaketti 2 tp10", "HS 2") name what exists."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any, NamedTuple

from seuranta.model.documents import GROUP, MEASURE, PROGRAMME, Document
from seuranta.model.problem import ERROR, Message
from seuranta.prose import facts, presence
from seuranta.rules import Context, Doc, Hit, hit
from seuranta.rules.support import Group, group_id, groups, items, place, programme, prose_holding

ID = "ref-unresolved"
SEVERITY = ERROR
KINDS = (PROGRAMME, GROUP, MEASURE)
NEEDS = presence.REFERENCES  # the kinds of fact it reads: a file whose texts hold none has no finding
MESSAGE = Message(
    "Viittaus '{text}' ei osu mihinkään: {why_fi}.{hint_fi} Korjaa viittaus tai kuittaa havainto, jos lähteessä "
    "lukee näin.",
    "The reference '{text}' resolves to nothing: {why_en}.{hint_en} Fix the reference, or acknowledge the "
    "finding if the source reads so.",
)
DOC = Doc(
    Message(
        'Viittaukset ("kts./ks./katso/vrt.", "työpaketti N", "työlaatikko N", "tp10", "Tp 4", '
        '"toimenpide M", "Työpaketti 15, tp.4", "Hankesalkku N", "HS N") osuvat saman ohjelman ryhmään '
        '(sen numerolla), ryhmän toimenpiteeseen (sen numerolla) tai hankesalkkuun. Pelkkä "Tp 4" viittaa '
        'omaan ryhmään. Ulkoiset viittaukset ("ks. Innokylä") ja päivämäärät ("kohta 15.2.") ohitetaan.',
        'References ("kts./ks./katso/vrt.", "työpaketti N", "työlaatikko N", "tp10", "Tp 4", '
        '"toimenpide M", "Työpaketti 15, tp.4", "Hankesalkku N", "HS N") resolve to a group of the same '
        'programme (by its number), a measure of the group (by its number) or a portfolio. A bare "Tp 4" '
        'means the file\'s own group. External references ("ks. Innokylä") and dates ("kohta 15.2.") are '
        "left alone.",
    ),
    bad="text: Kts. työpaketti 16 tp 3. Toteutus yhdessä Hankesalkku 9:n kanssa.",
    good="text: Kts. työpaketti 2 tp10. Toteutus yhdessä Hankesalkku 5:n kanssa (ks. Innokylä).",
)


class World(NamedTuple):
    label: str
    groups: dict[str, Group]  # by number
    portfolios: frozenset[str]  # numbers and normalised aliases
    own: Group | None


class Miss(NamedTuple):
    why: tuple[str, str]
    options: list[str]


def _alias(text: str) -> str:
    return re.sub(r"[\s.]", "", text).lower()


def _portfolio_names(world: dict[str, Any]) -> frozenset[str]:
    found = set()
    for item in items(world, "portfolios"):
        found |= {str(item["number"])} if isinstance(item.get("number"), int) else set()
        aliases = item.get("aliases")
        found |= {_alias(a) for a in aliases if isinstance(a, str)} if isinstance(aliases, list) else set()
    return frozenset(found)


def _world(doc: Document, ctx: Context) -> World:
    """The file's programme and group, once per run, programme data and group (in the run memo, which holds
    the data too, so that its identity stays its own)."""
    data = programme(doc, ctx)
    own = group_id(doc) if doc.kind != PROGRAMME else None
    memo: dict[tuple[int, str | None], tuple[dict[str, Any], World]] = ctx.run.setdefault(ID + " worlds", {})
    found = memo.get((id(data), own))
    if found is None or found[0] is not data:
        found = memo[id(data), own] = (data, _gathered(ctx, data, own))
    return found[1]


def _gathered(ctx: Context, data: dict[str, Any], own: str | None) -> World:
    known = groups(ctx, str(data.get("id", "")))
    by_number = {g.number: g for g in known.values() if g.number}
    group = known.get(own) if own is not None else None
    return World(str(data.get("group_label") or "ryhmä"), by_number, _portfolios(ctx, data), group)


def _portfolios(ctx: Context, data: dict[str, Any]) -> frozenset[str]:
    """The programme's portfolio numbers and aliases, once per run and programme data (in the run memo,
    which holds the data too, so that its identity stays its own)."""
    memo: dict[int, tuple[dict[str, Any], frozenset[str]]] = ctx.run.setdefault(ID, {})
    if id(data) not in memo:
        memo[id(data)] = (data, _portfolio_names(data))
    return memo[id(data)][1]


def _closest(number: str, options: list[str]) -> list[str]:
    def distance(option: str) -> tuple[float, str]:
        digits = re.sub(r"\D", "", option)
        return (abs(int(digits) - int(re.sub(r"\D", "", number) or 0)) if digits else 99.0, option)

    return sorted(options, key=distance)[:2]


def _measure_known(number: str, group: Group) -> bool:
    numbers = set(group.measures) | group.planned
    return not numbers or any(n == number or (n.startswith(number) and n[len(number) :].isalpha()) for n in numbers)


def _measure_miss(ref: facts.Reference, group: Group, *, label: str) -> Miss | None:
    number = str(ref.measure)
    if _measure_known(number, group):
        return None
    why = (
        f"ryhmässä ({label}) {group.number} ei ole toimenpidettä {number}",
        f"{label} {group.number} has no measure {number}",
    )
    return Miss(why, [f"tp {n}" for n in _closest(number, sorted(set(group.measures) | group.planned))])


def _group_miss(number: str, world: World) -> Miss | None:
    if number in world.groups or not world.groups:
        return None
    options = [f"{world.label} {n}" for n in _closest(number, list(world.groups))]
    return Miss(
        (f"ohjelmassa ei ole ryhmää ({world.label}) {number}", f"the programme has no {world.label} {number}"), options
    )


def _portfolio_miss(number: str, world: World) -> Miss | None:
    if not world.portfolios or number in world.portfolios or _alias(f"hs{number}") in world.portfolios:
        return None
    numbers = _closest(number, sorted(p for p in world.portfolios if p.isdigit()))
    options = ([f"{world.label} {number}"] if number in world.groups else []) + [f"HS {n}" for n in numbers]
    return Miss((f"ohjelmassa ei ole hankesalkkua {number}", f"the programme has no portfolio {number}"), options)


def _miss(ref: facts.Reference, world: World) -> Miss | None:
    if ref.kind == facts.GROUP:
        return _group_miss(str(ref.group), world)
    if ref.kind == facts.PORTFOLIO:
        return _portfolio_miss(str(ref.portfolio), world)
    if ref.kind != facts.MEASURE:
        return None
    group = world.groups.get(str(ref.group)) if ref.group else world.own
    return _measure_miss(ref, group, label=world.label) if group is not None else None


def _hint(options: list[str]) -> tuple[str, str]:
    listed = ", ".join(options)
    return (f" Tarkoititko: {listed}?", f" Did you mean: {listed}?") if options else ("", "")


def check(doc: Document, ctx: Context) -> Iterator[Hit]:
    world: World | None = None  # the programme's groups and portfolios, gathered at the first reference
    for found in prose_holding(doc, ctx, NEEDS):
        for ref in facts.references(found.text):
            world = world or _world(doc, ctx)
            miss = _miss(ref, world)
            if miss is not None:
                hint = _hint(miss.options)
                yield hit(
                    place(doc, found.path, offset=ref.start, ctx=ctx),
                    ref.text,
                    text=ref.text,
                    why_fi=miss.why[0],
                    why_en=miss.why[1],
                    hint_fi=hint[0],
                    hint_en=hint[1],
                )
