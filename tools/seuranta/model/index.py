"""The whole data tree as one index: programmes, groups and measures by id."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, NamedTuple

from seuranta.model.documents import GROUP, MEASURE, PROGRAMME, Document


class Model(NamedTuple):
    programmes: dict[str, Document]
    groups: dict[str, Document]
    measures: dict[str, Document]
    # The ids of programme and group files that are listed but failed to load (their findings say why).
    unread: frozenset[str] = frozenset()

    def programme_of(self, ident: str) -> dict[str, Any]:
        """The programme data an id (programme/…) belongs to, or {}."""
        doc = self.programmes.get(ident.split("/", 1)[0])
        return doc.data if doc is not None and isinstance(doc.data, dict) else {}

    def group_of(self, ident: str) -> dict[str, Any]:
        doc = self.groups.get("/".join(ident.split("/")[:2]))
        return doc.data if doc is not None and isinstance(doc.data, dict) else {}


def _ident(doc: Document) -> str:
    data = doc.data
    declared = data.get("id") if isinstance(data, dict) else None
    return declared if isinstance(declared, str) and declared else doc.expected_id


def build(docs: Iterable[Document]) -> Model:
    """Index loaded documents by their declared id (first one wins; duplicates are a rule's business)."""
    tables: dict[str, dict[str, Document]] = {PROGRAMME: {}, GROUP: {}, MEASURE: {}}
    unread: set[str] = set()
    for doc in docs:
        if doc.kind in tables and doc.data is not None:
            tables[doc.kind].setdefault(_ident(doc), doc)
        elif doc.kind in (PROGRAMME, GROUP):
            unread.add(doc.expected_id)
    return Model(tables[PROGRAMME], tables[GROUP], tables[MEASURE], frozenset(unread))


def replace(model: Model, doc: Document) -> Document | None:
    """Put `doc` in the model where another copy of the same file is (a stand-in for a file read again
    elsewhere: a rule tells a file from another one by identity); the copy it replaced, if any."""
    tables = {PROGRAMME: model.programmes, GROUP: model.groups, MEASURE: model.measures}
    table = tables.get(doc.kind)
    if table is None or doc.data is None:
        return None
    held = table.get(_ident(doc))
    if held is None or held.path != doc.path:
        return None
    table[_ident(doc)] = doc
    return held


def rounds(programme: dict[str, Any]) -> list[str]:
    listed = programme.get("rounds")
    return [str(r.get("date")) for r in listed if isinstance(r, dict)] if isinstance(listed, list) else []
