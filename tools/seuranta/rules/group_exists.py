"""group-exists: a measure's group folder has a _group.yaml."""

from __future__ import annotations

from collections.abc import Iterator

from seuranta.model.documents import MEASURE, Document
from seuranta.model.problem import ERROR, Message
from seuranta.rules import Context, Doc, Hit, hit
from seuranta.rules.support import group_id

ID = "group-exists"
SEVERITY = ERROR
KINDS = (MEASURE,)
MESSAGE = Message(
    "Ryhmällä '{group}' ei ole tiedostoa _group.yaml. Lisää data/{group}/_group.yaml tai siirrä toimenpide "
    "olemassa olevaan ryhmään.",
    "The group '{group}' has no _group.yaml. Add data/{group}/_group.yaml or move the measure into an existing group.",
)
DOC = Doc(
    Message(
        "Jokainen toimenpide kuuluu ryhmään, jonka kansiossa on _group.yaml (numero, nimi, hyötytavoite).",
        "Every measure belongs to a group whose folder holds a _group.yaml (number, title, benefit goal).",
    ),
    bad="data/pirsote/tp16/01-uusi.yaml      # and no data/pirsote/tp16/_group.yaml",
    good="data/pirsote/tp16/_group.yaml\ndata/pirsote/tp16/01-uusi.yaml",
)


def check(doc: Document, ctx: Context) -> Iterator[Hit]:
    group = group_id(doc)
    if group.count("/") == 1 and group not in ctx.model.groups and ctx.model.programme_of(group):
        yield hit(doc.mark("id"), group, group=group)
