"""ref-portfolio: the portfolios a group or measure names exist in its programme."""

from __future__ import annotations

from collections.abc import Iterator

from seuranta.model.documents import GROUP, MEASURE, Document
from seuranta.model.problem import ERROR, Message
from seuranta.rules import Context, Doc, Hit, hit
from seuranta.rules.support import programme_ids, suggest

ID = "ref-portfolio"
SEVERITY = ERROR
KINDS = (GROUP, MEASURE)
MESSAGE = Message(
    "Hankesalkkua '{portfolio}' ei ole ohjelmassa. Tarkoititko: {options}? Korjaa tunniste tai lisää salkku "
    "ohjelmatiedoston portfolios-listaan.",
    "There is no portfolio '{portfolio}' in the programme. Did you mean: {options}? Fix the id or add the "
    "portfolio to the programme's portfolios.",
)
DOC = Doc(
    Message(
        "portfolios-listan tunnisteiden pitää löytyä ohjelmatiedoston hankesalkuista.",
        "The ids in `portfolios` must be portfolios declared in the programme file.",
    ),
    bad="portfolios: [hs6]",
    good="portfolios: [hs1, komas]",
)


def check(doc: Document, ctx: Context) -> Iterator[Hit]:
    listed = doc.data.get("portfolios")
    if not isinstance(listed, list):
        return  # names none: the programme's portfolios are not looked up
    known = programme_ids(doc, ctx, "portfolios")
    if not known.ids:
        return
    for index, portfolio in enumerate(listed):
        if isinstance(portfolio, str) and portfolio not in known.known:
            options = suggest(portfolio, known.ids)
            yield hit(doc.mark("portfolios", index), portfolio, portfolio=portfolio, options=options)
