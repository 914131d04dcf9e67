"""date-invalid: dates and month/year forms written in the prose are real."""

from __future__ import annotations

from collections.abc import Iterator

from seuranta.model.documents import GROUP, MEASURE, PROGRAMME, Document
from seuranta.model.problem import ERROR, Message
from seuranta.prose import facts, presence
from seuranta.rules import Context, Doc, Hit, hit
from seuranta.rules.support import place, programme_words, prose_holding

ID = "date-invalid"
SEVERITY = ERROR
KINDS = (PROGRAMME, GROUP, MEASURE)
NEEDS = presence.DATES | presence.SLASHES  # the kinds of fact it reads: a file whose texts hold none has no finding
MESSAGE = Message(
    "'{text}' ei ole oikea päivämäärä ({why_fi}). Kirjoita se muodossa P.K.VVVV (esim. 30.4.2021) tai K/VVVV; "
    "jos lähteessä lukee näin, säilytä teksti ja kuittaa havainto.",
    "'{text}' is not a real date ({why_en}). Write it as D.M.YYYY (e.g. 30.4.2021) or M/YYYY; "
    "if the source reads so, keep the text and acknowledge the finding.",
)
DOC = Doc(
    Message(
        'Tekstin päivämäärät ovat kalenterissa: "30.421" ja "31.11.2021" eivät ole. Kuukausi/vuosi-muodot '
        '("12/21 mennessä", "1-10/2020", "(11/2020-1/2021)") tunnistetaan päivämääriksi, ei murtoluvuiksi, '
        "ja niiden kuukausi on 1–12.",
        'Dates in the text exist in the calendar: "30.421" and "31.11.2021" do not. Month/year forms '
        '("12/21 mennessä", "1-10/2020", "(11/2020-1/2021)") are read as dates, not fractions, and their '
        "month is 1–12.",
    ),
    bad="text: Kysely tehdään 15.4-30.421 välisenä aikana; raportti 31.11.2021, seuraava kysely 13/2021.",
    good="text: Kysely tehdään 15.4.-30.4.2021 välisenä aikana; raportti 30.11.2021, seuraava kysely 12/21 mennessä.",
)

WHY = {
    "malformed": ("pisteitä puuttuu", "dots are missing"),
    "day": ("päivää ei ole kuukaudessa", "no such day in the month"),
    "month": ("kuukausi ei ole 1–12", "the month is not 1–12"),
}


def _why(day: int, month: int, *, malformed: bool = False) -> tuple[str, str]:
    if malformed:
        return WHY["malformed"]
    return WHY["month"] if not 1 <= month <= 12 else WHY["day"]


def _bad(text: str, words: tuple[str, ...]) -> Iterator[tuple[int, str, tuple[str, str]]]:
    for date in facts.dates(text):
        if facts.checkable(date) and not date.valid:
            yield date.start, date.text, _why(date.day, date.month, malformed=date.malformed)
    for form in facts.month_years(text, words):
        if not form.valid:
            yield form.start, form.text, WHY["month"]


def check(doc: Document, ctx: Context) -> Iterator[Hit]:
    words = programme_words(doc, ctx)
    for found in prose_holding(doc, ctx, NEEDS):
        for start, text, why in _bad(found.text, words):
            yield hit(place(doc, found.path, offset=start, ctx=ctx), text, text=text, why_fi=why[0], why_en=why[1])
