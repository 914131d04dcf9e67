"""change-claim: a claimed change ("Muutos verrattuna 15.5.2021 tilanteeseen: a)-vastaukset + 2") is what
the two rounds' figures give."""

from __future__ import annotations

import datetime
import difflib
from collections.abc import Iterator

from seuranta.model.documents import MEASURE, Document
from seuranta.model.problem import ERROR, Message
from seuranta.prose import changes
from seuranta.rules import Context, Doc, Hit, hit
from seuranta.rules.support import Status, place, population_words, programme, round_dates, statuses

ID = "change-claim"
SEVERITY = ERROR
KINDS = (MEASURE,)
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
        "saman kysymyksen kirjainvastauksista: tämän kierroksen luku miinus vertailukierroksen luku. Kysymykset "
        "yhdistetään kysymyslauseesta (hyvin samanlainen teksti); jos vertailukierroksella ei ole samaa kysymystä "
        'tai tekstiä, muutosta ei tarkisteta. Tavoite-rivin "+8 kuntaa" on tavoite, ei muutos.',
        'A claimed change ("Muutos verrattuna 15.5.2021 tilanteeseen: a)-vastaukset + 2 kuntaa, b)-vastaukset '
        "- 5 kuntaa\") is computed from the same question's lettered answers in the compared round of the same "
        "measure (the round nearest the date, at most 10 days away): this round's count minus that round's. "
        "Questions are paired by their question sentence (closely similar text); when the compared round has no "
        'such question or text, the change is not checked. A Tavoite line\'s "+8 kuntaa" is a target, not a change.',
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

_NEAR = datetime.timedelta(days=10)
_SAME_QUESTION = 0.8


def _round(rounds: list[str], day: datetime.date) -> str | None:
    """The round nearest a date, when one is at most ten days away."""
    near = [(abs(datetime.date.fromisoformat(r) - day), r) for r in rounds if len(r) == 10 and r[4] == "-"]
    best = min(near, default=None)
    return best[1] if best is not None and best[0] <= _NEAR else None


def _paired(asked: changes.Question, earlier: list[changes.Question], *, alone: bool) -> changes.Question | None:
    """The earlier round's same question: by its sentence, or the only tally of both rounds when one of
    them writes no question sentence."""
    if not asked.question or not any(q.question for q in earlier):
        return earlier[0] if alone and len(earlier) == 1 else None
    scored = [(difflib.SequenceMatcher(None, asked.question, q.question).ratio(), i) for i, q in enumerate(earlier)]
    best = max(scored, default=None)
    return earlier[best[1]] if best is not None and best[0] >= _SAME_QUESTION else None


def _signed(number: int) -> str:
    return f"+{number}" if number > 0 else str(number)


def _mismatch(claim: changes.Claim, now: dict[str, int], then: dict[str, int]) -> tuple[str, str] | None:
    claimed, actual = [], []
    for letter, change in claim.deltas:
        if letter in now and letter in then and now[letter] - then[letter] != change:
            claimed.append(f"{letter}) {_signed(change)}")
            actual.append(f"{letter}) {_signed(now[letter] - then[letter])} ({then[letter]} → {now[letter]})")
    return (", ".join(claimed), ", ".join(actual)) if claimed else None


def _findings(
    status: Status, by_date: dict[str, Status], rounds: list[str], words: tuple[str, ...]
) -> Iterator[tuple[changes.Claim, str, tuple[str, str]]]:
    for claim in changes.claims(status.text):
        compared = _round(rounds, claim.compared) if claim.compared else None
        asked = changes.asked_before(status.text, claim, words)
        if compared is None or compared == status.date or compared not in by_date or asked is None:
            continue
        alone = len(changes.questions(status.text, words)) == 1
        earlier = _paired(asked, changes.questions(by_date[compared].text, words), alone=alone)
        problem = _mismatch(claim, asked.counts(), earlier.counts()) if earlier else None
        if problem is not None:
            yield claim, compared, problem


def check(doc: Document, ctx: Context) -> Iterator[Hit]:
    world = programme(doc, ctx)
    words = population_words(doc, ctx)
    all_statuses = list(statuses(doc))
    by_date = {s.date: s for s in all_statuses}
    for status in all_statuses:
        for claim, compared, (claimed, actual) in _findings(status, by_date, round_dates(world), words):
            yield hit(
                place(doc, ("statuses", status.position, "text"), offset=claim.start, ctx=ctx),
                claim.text,
                text=claim.text,
                compared=compared,
                claimed=claimed,
                actual=actual,
            )
