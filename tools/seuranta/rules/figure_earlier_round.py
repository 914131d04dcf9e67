"""figure-earlier-round: a later round's status does not give an earlier round's figure as its own."""

from __future__ import annotations

import datetime
from collections.abc import Iterator

from seuranta.model.documents import MEASURE, Document
from seuranta.model.problem import WARNING, Message
from seuranta.prose import periods, presence
from seuranta.rules import Context, Doc, Hit, hit
from seuranta.rules.support import iso_date, place, population_words, round_days, statuses_holding

ID = "figure-earlier-round"
SEVERITY = WARNING
KINDS = (MEASURE,)
NEEDS = presence.SLASHES  # the kinds of fact it reads: a file whose texts hold none has no finding
MESSAGE = Message(
    "Kierroksen {date} teksti '{text}' antaa aiemman kierroksen ({earlier}) luvun. Kirjoita tämän kierroksen "
    "luku, tai merkitse luku vertailuksi (esim. 'kun keväällä 2021 oli …, nyt …'), tai kuittaa havainto, jos "
    "lähteessä on sama teksti.",
    "The {date} status '{text}' gives the figure of an earlier round ({earlier}). Give this round's figure, "
    "or mark the figure as a comparison (e.g. 'kun keväällä 2021 oli …, nyt …'), or acknowledge the finding "
    "if the source has the same text.",
)
DOC = Doc(
    Message(
        'Lukumäärä, jota edeltää saman lauseen ajanjakso enintään kolmen sanan päässä ("keväällä 2021 6/14 '
        'organisaatiossa", "syksyn 2020 kyselyssä 13/15", "toukokuussa 2021: 8/14", "15.5.2021 tilanteessa '
        '8/14"), on mitattu tuolloin. Kun ajanjakso on päättynyt ennen tilannekatsauksen kierrosta ja siihen '
        "osuu ohjelman aiempi kierros (päivämäärät 10 päivän väljyydellä), myöhempi katsaus antaa aiemman "
        "kierroksen luvun eikä omaansa. Ajanjakso, jolle ei osu kierrosta (kevään 2022 kysely ennen syyskuun "
        "2022 kierrosta), on uusin mittaus eikä havainto. Vertailuksi merkittyä virkettä ei lueta: siinä on "
        'vertailusana ("verrattuna", "vrt.", "kun", "aiemmin", "edellisessä") tai myös luku ilman ajanjaksoa '
        "tai tämän kierroksen ajanjaksolla. Tarkkuuden vuoksi vertailuna ei ilmoiteta, mutta siksi vertailuksi "
        'tarkoitettu aiempi luku, jonka virkkeessä on esimerkiksi "kun", jää huomaamatta; ajanjakson jälkeen '
        'kirjoitettua ajanjaksoa ("8/14 organisaatiossa keväällä 2021") ja pilkun tai virkkeen erottamia lukuja ei '
        "lueta.",
        "A count preceded in the same clause, at most three words earlier, by a period "
        '("keväällä 2021 6/14 organisaatiossa", "syksyn 2020 kyselyssä 13/15", "toukokuussa 2021: 8/14", '
        '"15.5.2021 tilanteessa 8/14") was measured then. When the period ended before the status\'s round and '
        "holds an earlier round of the programme (dates within 10 days), the later status gives an earlier "
        "round's figure instead of its own. A period that holds no round (a spring 2022 survey before the "
        "September 2022 round) is the latest measurement, not a finding. A sentence marked as a comparison is "
        'not read: it has a comparing word ("verrattuna", "vrt.", "kun", "aiemmin", "edellisessä") or also a '
        "figure of no period or of this round's period. This favours precision: an earlier figure meant as a "
        'comparison whose sentence holds, say, "kun" goes unnoticed; a period written after the figure ("8/14 '
        'organisaatiossa keväällä 2021") and figures set apart by a comma or a sentence are not read.',
    ),
    bad='- date: "2021-11-15"\n  text: Malli rakenteilla. Seurantakyselyssä keväällä 2021 6/14 organisaatiossa '
    "mahdollisuus etäkonsultaatioon.",
    good='- date: "2021-11-15"\n  text: Malli rakenteilla. Seurantakyselyssä syksyllä 2021 9/15 organisaatiossa '
    "mahdollisuus etäkonsultaatioon, kun keväällä 2021 oli 6/14.",
)

_NEAR = datetime.timedelta(days=10)


def _earlier(rounds: list[datetime.date], quoted: periods.Quoted, day: datetime.date) -> datetime.date | None:
    """The earlier round the period holds, when the period ended before the status's round."""
    if quoted.last >= day:
        return None
    held = [r for r in rounds if r < day and quoted.first - _NEAR <= r <= quoted.last + _NEAR]
    return held[-1] if held else None


def _after_first(rounds: list[datetime.date], day: datetime.date) -> bool:
    """Whether a round comes before the status's (`rounds` in order): only one may be the earlier round a period
    holds, so the texts of the first round are not read for periods."""
    return rounds[0] < day


def check(doc: Document, ctx: Context) -> Iterator[Hit]:
    rounds = round_days(doc, ctx)
    if not rounds:
        return
    words = population_words(doc, ctx)
    for status in statuses_holding(doc, ctx, NEEDS):
        if not iso_date(status.date):
            continue
        day = datetime.date.fromisoformat(status.date)
        if not _after_first(rounds, day):
            continue
        found = [(q, _earlier(rounds, q, day)) for q in periods.quoted(status.text, words)]
        current = {q.sentence for q, earlier in found if earlier is None}
        for quoted, earlier in found:
            if earlier is not None and quoted.sentence not in current:
                yield hit(
                    place(doc, ("statuses", status.position, "text"), offset=quoted.start, ctx=ctx),
                    quoted.text,
                    text=quoted.text,
                    date=status.date,
                    earlier=earlier.isoformat(),
                )
