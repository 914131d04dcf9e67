"""id-unique: no two files share an id."""

from __future__ import annotations

from collections.abc import Iterator

from seuranta.model.documents import GROUP, MEASURE, PROGRAMME, Document
from seuranta.model.problem import ERROR, Message
from seuranta.rules import Context, Doc, Hit, hit

ID = "id-unique"
SEVERITY = ERROR
KINDS = (PROGRAMME, GROUP, MEASURE)
MESSAGE = Message(
    "Tunniste '{id}' on jo käytössä tiedostossa {other}. Anna tälle tiedostolle oma tunniste (sama kuin sen polku).",
    "The id '{id}' is already used by {other}. Give this file its own id (the same as its path).",
)
DOC = Doc(
    Message(
        "Tunnisteet ovat yksilöllisiä koko tietovarastossa: kaksi tiedostoa ei voi kantaa samaa tunnistetta.",
        "Ids are unique across the whole tree: no two files may carry the same id.",
    ),
    bad="# data/pirsote/tp01/01-tiimimallit.yml, next to 01-tiimimallit.yaml\nid: pirsote/tp01/01-tiimimallit",
    good="# data/pirsote/tp01/02-fysioterapia.yaml\nid: pirsote/tp01/02-fysioterapia",
)


def check(doc: Document, ctx: Context) -> Iterator[Hit]:
    ident = doc.data.get("id")
    table = {PROGRAMME: ctx.model.programmes, GROUP: ctx.model.groups, MEASURE: ctx.model.measures}[doc.kind]
    other = table.get(ident) if isinstance(ident, str) else None
    if other is not None and other is not doc:
        yield hit(doc.mark("id"), ident, id=ident, other=other.path)
