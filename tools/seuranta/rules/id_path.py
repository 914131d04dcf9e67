"""id-path: a file's id is the path it lives at."""

from __future__ import annotations

from collections.abc import Iterator

from seuranta.model.documents import Document
from seuranta.model.problem import ERROR, Message
from seuranta.rules import Context, Doc, Hit, hit

ID = "id-path"
SEVERITY = ERROR
KINDS = ("group", "measure")
MESSAGE = Message(
    "Tunniste '{found}' ei vastaa tiedoston paikkaa. Muuta se muotoon '{expected}' tai siirrä tiedosto.",
    "The id '{found}' does not match the file's place. Change it to '{expected}' or move the file.",
)
DOC = Doc(
    Message(
        "Tunnisteen pitää olla sama kuin tiedoston polku data-kansion alla ilman .yaml-päätettä.",
        "The id must equal the file's path under data/ without the .yaml suffix.",
    ),
    bad="# data/pirsote/tp01/02-fysioterapia.yaml\nid: pirsote/tp01/fysioterapia",
    good="# data/pirsote/tp01/02-fysioterapia.yaml\nid: pirsote/tp01/02-fysioterapia",
)


def check(doc: Document, ctx: Context) -> Iterator[Hit]:
    found = doc.data.get("id")
    if doc.expected_id and isinstance(found, str) and found != doc.expected_id:
        yield hit(doc.mark("id"), found, found=found, expected=doc.expected_id)
