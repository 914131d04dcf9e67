"""responsible-named: a group's responsible names people, not a portfolio, and is not left out."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from seuranta.model.documents import GROUP, Document
from seuranta.model.problem import WARNING, Message
from seuranta.rules import Context, Doc, Hit, hit
from seuranta.rules.support import group_id, items, programme

ID = "responsible-named"
SEVERITY = WARNING
KINDS = (GROUP,)
MESSAGE = Message(
    "{what_fi} Kirjoita vastuuhenkilö(t) sellaisena kuin lähde ne nimeää, tai kuittaa havainto, jos lähteestä "
    "ne puuttuvat.",
    "{what_en} Write the responsible person(s) as the source names them, or acknowledge the finding if the "
    "source leaves them out.",
)
DOC = Doc(
    Message(
        "Ryhmän vastuuhenkilö (responsible) on henkilö, ei hankesalkku: ohjelman hankesalkun nimi tai alias "
        '("KOMAS") vastuuhenkilönä on havainto. Ohjelmassa, jonka muut ryhmät nimeävät vastuuhenkilön, '
        "puuttuva tai tyhjä responsible on havainto; ohjelma, jonka yksikään ryhmä ei nimeä vastuuhenkilöä "
        "(lähteessä ei ole sarakettakaan), ohitetaan.",
        "A group's responsible is a person, not a portfolio: a portfolio's title or alias (\"KOMAS\") as "
        "the responsible is a finding. In a programme whose other groups name their responsible, a missing "
        "or empty responsible is a finding; a programme where no group names one (the source has no such "
        "column) is skipped.",
    ),
    bad="# programme portfolios: [{id: komas, title: KOMAS}]\nid: ex/tp11\nresponsible: [KOMAS]",
    good="id: ex/tp11\nresponsible: [Sari, Annukka]",
)


def _portfolio_names(world: dict[str, Any]) -> dict[str, str]:
    names: dict[str, str] = {}
    for item in items(world, "portfolios"):
        aliases = item.get("aliases")
        for name in [item.get("id"), item.get("title"), *(aliases if isinstance(aliases, list) else [])]:
            if isinstance(name, str):
                names[name.casefold()] = str(item.get("title") or item.get("id"))
    return names


def _named(data: Any) -> list[str]:
    listed = data.get("responsible") if isinstance(data, dict) else None
    if isinstance(listed, str):
        listed = [listed]
    return [n for n in listed if isinstance(n, str) and n.strip()] if isinstance(listed, list) else []


def _others_name_theirs(doc: Document, ctx: Context) -> bool:
    own = group_id(doc)
    return any(ident != own for ident in _naming(ctx).get(own.split("/")[0], []))


def _naming(ctx: Context) -> dict[str, list[str]]:
    """Programme id -> its groups that name their responsible (once per run, in the run memo)."""
    if ID not in ctx.run:
        naming: dict[str, list[str]] = {}
        for ident, other in ctx.model.groups.items():
            if "/" in ident and _named(other.data):
                naming.setdefault(ident.split("/")[0], []).append(ident)
        ctx.run[ID] = naming
    found: dict[str, list[str]] = ctx.run[ID]
    return found


def check(doc: Document, ctx: Context) -> Iterator[Hit]:
    names = _named(doc.data)
    if not names:
        if _others_name_theirs(doc, ctx):
            yield hit(
                doc.mark("responsible") if "responsible" in doc.data else doc.mark("title"),
                "responsible",
                what_fi="Ryhmältä puuttuu vastuuhenkilö (responsible), vaikka ohjelman muut ryhmät nimeävät omansa.",
                what_en="The group names no responsible person, while the programme's other groups name theirs.",
            )
        return
    portfolios = _portfolio_names(programme(doc, ctx))
    for index, name in enumerate(names):
        if name.casefold() in portfolios:
            yield hit(
                doc.mark("responsible", index),
                name,
                what_fi=f"Vastuuhenkilöksi on merkitty hankesalkku '{name}', ei henkilöä.",
                what_en=f"The responsible is the portfolio '{name}', not a person.",
            )
