"""change-claim: a claimed change ("Muutos verrattuna 15.5.2021 tilanteeseen: a)-vastaukset + 2") is what
the two rounds' figures give."""

from __future__ import annotations

from collections.abc import Iterator

from seuranta.model.documents import MEASURE, Document
from seuranta.model.problem import ERROR, Message
from seuranta.prose import changes, presence
from seuranta.rules import Context, Doc, Hit, hit
from seuranta.rules.support import claimed_changes, place

ID = "change-claim"
SEVERITY = ERROR
KINDS = (MEASURE,)
NEEDS = presence.CLAIMS  # the kinds of fact it reads: a file whose texts hold none has no finding
MESSAGE = Message(
    "'{text}': kierroksen {compared} luvuista muutos on {actual}, ei {claimed}. Korjaa muutos tai luvut, tai "
    "kuittaa havainto, jos lähteessä on sama ristiriita.",
    "'{text}': the {compared} round's figures give {actual}, not {claimed}. Fix the change or the figures, or "
    "acknowledge the finding if the source has the same contradiction.",
)
DOC = Doc(
    Message(
        'Muutos ("Muutos verrattuna 15.5.2021 tilanteeseen: a)-vastaukset + 2 kuntaa, b)-vastaukset - 5 kuntaa") '
        "lasketaan saman toimenpiteen vertailukierroksen (päivämäärää lähin kierros, enintään 10 päivän päässä) "
        "saman kysymyksen vastauksista: tämän kierroksen luku miinus vertailukierroksen luku. Tavoiterivin "
        'muutokset ("Tavoite: Kunnan EPT-rakenteet … kirjattu: a)-vastaukset +2 kuntaa, b)-vastaukset +6 kuntaa") '
        "lasketaan ohjelman lähtötilannekierroksesta (kind: baseline). Vastaus yhdistetään vertailukierroksen "
        "samansanaiseen vastaukseen (hyvin samanlainen teksti, vähintään kolme sanaa; kukin vastaus kerran), "
        'joten uudelleen kirjaimin merkitty vaihtoehto verrataan oikeaan; lyhyt vastaus ("Kyllä", "Ei") '
        "yhdistetään kirjaimesta, kun kysymyslause on sama. Vastausta, jota vertailukierroksella ei ole, ei "
        "tarkisteta (ks. change-unverifiable).",
        'A claimed change ("Muutos verrattuna 15.5.2021 tilanteeseen: a)-vastaukset + 2 kuntaa, b)-vastaukset '
        "- 5 kuntaa\") is computed from the same question's answers in the compared round of the same measure "
        "(the round nearest the date, at most 10 days away): this round's count minus that round's. A goal "
        "line's changes (\"Tavoite: Kunnan EPT-rakenteet … kirjattu: a)-vastaukset +2 kuntaa, b)-vastaukset +6 "
        "kuntaa\") are counted from the programme's baseline round (kind: baseline). An answer is paired with the "
        "compared round's answer of the same text (closely similar, at least three words; each answer once), so "
        'a re-lettered option is compared with the right one; a short answer ("Kyllä", "Ei") is paired by its '
        "letter when the question sentence is the same. An answer the compared round does not have is not "
        "checked (see change-unverifiable).",
    ),
    bad='- date: "2021-05-15"\n  text: |-\n    Onko kunnassa nimetty EPT-yhdyshenkilö?\n    a) Kyllä 11/ 23 kuntaa\n'
    '    b) Ei 12/ 23 kuntaa\n- date: "2021-11-15"\n  text: |-\n    Onko kunnassa nimetty EPT-yhdyshenkilö?\n'
    "    a) Kyllä 13/ 23 kuntaa\n    b) Ei 10/ 23 kuntaa\n"
    "    Muutos verrattuna 15.5.2021 tilanteeseen: a)-vastaukset + 3 kuntaa, b)-vastaukset - 2 kuntaa",
    good='- date: "2021-05-15"\n  text: |-\n    Onko kunnassa nimetty EPT-yhdyshenkilö?\n    a) Kyllä 11/ 23 kuntaa\n'
    '    b) Ei 12/ 23 kuntaa\n- date: "2021-11-15"\n  text: |-\n    Onko kunnassa nimetty EPT-yhdyshenkilö?\n'
    "    a) Kyllä 13/ 23 kuntaa\n    b) Ei 10/ 23 kuntaa\n"
    "    Muutos verrattuna 15.5.2021 tilanteeseen: a)-vastaukset + 2 kuntaa, b)-vastaukset - 2 kuntaa",
)


def _signed(number: int) -> str:
    return f"+{number}" if number > 0 else str(number)


def _mismatch(compared: list[changes.Compared]) -> tuple[str, str] | None:
    wrong = [c for c in compared if c.before is not None and c.now - c.before != c.claimed]
    if not wrong:
        return None
    claimed = ", ".join(f"{c.letter}) {_signed(c.claimed)}" for c in wrong)
    actual = ", ".join(
        f"{c.letter}) {_signed(c.now - c.before)} ({c.before} → {c.now})" for c in wrong if c.before is not None
    )
    return claimed, actual


def check(doc: Document, ctx: Context) -> Iterator[Hit]:
    for status, claim, compared, _, found in claimed_changes(doc, ctx):
        problem = _mismatch(found)
        if problem is not None:
            claimed, actual = problem
            yield hit(
                place(doc, ("statuses", status.position, "text"), offset=claim.start, ctx=ctx),
                claim.text,
                text=claim.text,
                compared=compared,
                claimed=claimed,
                actual=actual,
            )
