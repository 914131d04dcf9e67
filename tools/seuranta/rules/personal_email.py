"""personal-email: no personal e-mail addresses; role mailboxes can be allow-listed."""

from __future__ import annotations

import re
from collections.abc import Iterator

from seuranta.model.documents import GROUP, MEASURE, PROGRAMME, Document
from seuranta.model.problem import WARNING, Message
from seuranta.prose import personal
from seuranta.rules import Context, Doc, Hit, hit
from seuranta.rules.support import place, strings_with

PROBE = re.compile(r"@")  # every candidate contains this
ID = "personal-email"
SEVERITY = WARNING
KINDS = (PROGRAMME, GROUP, MEASURE)
MESSAGE = Message(
    "Sähköpostiosoite '{email}' voi olla henkilötieto. Poista se tai korvaa roolin osoitteella; roolin "
    "postilaatikon voi sallia .seuranta.yaml-tiedoston allow.emails-listassa.",
    "The e-mail address '{email}' may be personal data. Remove it or use a role address; a role mailbox can "
    "be allowed in .seuranta.yaml under allow.emails.",
)
DOC = Doc(
    Message(
        "Henkilön sähköpostiosoite on varoitus. Roolien postilaatikot (kirjaamo@…) sallitaan asetuksissa. "
        "Havainto näyttää osoitteen lyhennettynä (m***@pirha.fi).",
        "A person's e-mail address is a warning. Role mailboxes (kirjaamo@…) are allowed in the configuration. "
        "The finding shows the address shortened (m***@pirha.fi).",
    ),
    bad="text: Lisätietoja matti.meikalainen@pirha.fi",
    good="text: Lisätietoja kirjaamo@pirha.fi   # .seuranta.yaml: allow: {emails: [kirjaamo@pirha.fi]}",
)


def check(doc: Document, ctx: Context) -> Iterator[Hit]:
    for found in strings_with(doc, ctx, PROBE):
        for email in personal.emails(found.text):
            if email.text.lower() not in ctx.config.allow_emails:
                shown = personal.masked_email(email.text)
                yield hit(place(doc, found.path, offset=email.start, ctx=ctx), email.text, email=shown)
