"""related-exists: the ids in a measure's `related` list name existing groups or measures."""

from __future__ import annotations

import difflib
from collections.abc import Iterator

from seuranta.model.documents import MEASURE, Document
from seuranta.model.problem import ERROR, Message
from seuranta.rules import Context, Doc, Hit, hit

ID = "related-exists"
SEVERITY = ERROR
KINDS = (MEASURE,)
MESSAGE = Message(
    "Liittyvää tunnistetta '{related}' ei löydy.{hint} Korjaa tunniste (ryhmä ohjelma/ryhmä tai toimenpide "
    "ohjelma/ryhmä/tiedosto).",
    "The related id '{related}' does not exist.{hint_en} Fix the id (a group programme/group or a measure "
    "programme/group/file).",
)
DOC = Doc(
    Message(
        "related-listan tunnisteiden pitää olla olemassa olevia ryhmiä tai toimenpiteitä.",
        "The ids in `related` must be existing groups or measures.",
    ),
    bad="related: [pirsote/tp16]",
    good="related: [pirsote/tp14, pirsote/tp01/02-fysioterapeutin-suoravastaanottomalli]",
)


def check(doc: Document, ctx: Context) -> Iterator[Hit]:
    listed = doc.data.get("related")
    model = ctx.model
    for index, related in enumerate(listed if isinstance(listed, list) else []):
        if isinstance(related, str) and not any(
            related in table for table in (model.groups, model.measures, model.programmes)
        ):
            known = [*model.groups, *model.measures, *model.programmes]
            close = difflib.get_close_matches(related, known, n=1, cutoff=0.6)
            hint = (f" Tarkoititko '{close[0]}'?", f" Did you mean '{close[0]}'?") if close else ("", "")
            yield hit(doc.mark("related", index), related, related=related, hint=hint[0], hint_en=hint[1])
