"""personal-phone: no personal phone numbers; service numbers can be allow-listed."""

from __future__ import annotations

from collections.abc import Iterator

from seuranta.model.documents import GROUP, MEASURE, PROGRAMME, Document
from seuranta.model.problem import WARNING, Message
from seuranta.prose import personal
from seuranta.rules import Context, Doc, Hit, hit
from seuranta.rules.support import place, strings_with

PROBE = personal.PHONE_PROBES  # one matches in every string `phones()` finds a number in
ID = "personal-phone"
SEVERITY = WARNING
KINDS = (PROGRAMME, GROUP, MEASURE)
MESSAGE = Message(
    "Puhelinnumero '{phone}' voi olla henkilötieto. Poista se tai korvaa palvelunumerolla; palvelunumeron voi "
    "sallia .seuranta.yaml-tiedoston allow.phones-listassa.",
    "The phone number '{phone}' may be personal data. Remove it or use a service number; a service number can "
    "be allowed in .seuranta.yaml under allow.phones.",
)
DOC = Doc(
    Message(
        'Henkilön puhelinnumero ("040 123 4567", "+358 40 1234567") on varoitus. Palvelunumerot sallitaan '
        "asetuksissa (allow.phones, verrataan numeroina). Havainto näyttää numeron lyhennettynä (040 *** ****).",
        'A person\'s phone number ("040 123 4567", "+358 40 1234567") is a warning. Service numbers are '
        "allowed in the configuration (allow.phones, compared digit by digit). The finding shows the number "
        "shortened (040 *** ****).",
    ),
    bad="text: Soita Matille 040 123 4567.",
    good='text: Soita numeroon 03 565 7000.   # .seuranta.yaml: allow: {phones: ["03 565 7000"]}',
)


def check(doc: Document, ctx: Context) -> Iterator[Hit]:
    matched = strings_with(doc, ctx, PROBE)
    allowed = {personal.digits(phone) for phone in ctx.config.allow_phones} if matched else set()
    for found in matched:
        for phone in personal.phones(found.text):
            if personal.digits(phone.text) not in allowed:
                shown = personal.masked_phone(phone.text)
                yield hit(place(doc, found.path, offset=phone.start, ctx=ctx), phone.text, phone=shown)
