"""copy-near: a status is not the previous round's text with a word or two, or its punctuation, changed."""

from __future__ import annotations

from collections.abc import Iterator

from seuranta.model.documents import MEASURE, Document
from seuranta.model.problem import WARNING, Message
from seuranta.prose import resemblance
from seuranta.rules import Context, Doc, Hit, hit
from seuranta.rules.support import Status, statuses

ID = "copy-near"
SEVERITY = WARNING
KINDS = (MEASURE,)
MESSAGE = Message(
    "Kierroksen {date} teksti on edellisen kierroksen {previous} teksti {change_fi}. Kirjoita tämän kierroksen "
    'tilanne (myös "ei muutosta" kelpaa) tai kuittaa havainto, jos lähteessä on sama teksti.',
    "The {date} text is the previous round's ({previous}) {change_en}. Write this round's status (\"no change\" "
    "will do) or acknowledge the finding if the source repeats the text.",
)
DOC = Doc(
    Message(
        "Tilannekatsaus, joka on edellisen kierroksen teksti, johon on vain lisätty tai josta on poistettu "
        "enintään kolme sanaa tai muutettu välimerkkejä, ja jonka luvut ovat samat, on todennäköisesti "
        'kopioitu eteenpäin. Teksti, jossa luvut päivittyvät ("10/15" → "12/15") tai sanoja vaihtuu '
        '("tarvitaan täsmennystä" → "tehty päivitys"), on uusi tilanne, vaikka muutos olisi pieni; alle '
        "kuuden sanan tekstejä ei verrata. Kuittauksen match on kierroksen päivämäärä.",
        "A status that is the previous round's text with at most three words only added or removed, or only "
        "its punctuation changed, and the same figures, was most likely copied forward. A text whose figures "
        'update ("10/15" → "12/15") or whose words are replaced ("tarvitaan täsmennystä" → "tehty päivitys") '
        "is a new status, however small the change; texts under six words are not compared. The "
        "acknowledgement's match is the round's date.",
    ),
    bad='- {date: "2021-02-15", text: "Käsitteistöä avattu, ehealth ymmärretään eri tavoin."}\n'
    '- {date: "2021-05-15", text: "Käsitteistöä avattu, ehealth ymmärretään eri tavoin käsitteellä."}',
    good='- {date: "2021-02-15", text: "Segmentointi käytössä 10/15 organisaatiossa."}\n'
    '- {date: "2021-05-15", text: "Segmentointi käytössä 12/15 organisaatiossa."}',
)


def _words(words: tuple[str, ...]) -> str:
    return " ".join(words)


def _change(edits: list[resemblance.Edit]) -> tuple[str, str]:
    if not edits:
        return "vain välimerkein muutettuna", "with only its punctuation changed"
    parts_fi, parts_en = [], []
    for edit in edits:
        if edit.added:
            parts_fi.append(f"+ '{_words(edit.added)}'")
            parts_en.append(f"+ '{_words(edit.added)}'")
        else:
            parts_fi.append(f"− '{_words(edit.removed)}'")
            parts_en.append(f"− '{_words(edit.removed)}'")
    return "muutoksin " + ", ".join(parts_fi), "with only " + ", ".join(parts_en)


def _may_be_near(previous: str, text: str, digits: bytes, digits_before: bytes) -> bool:
    """Whether `text` may be a near-copy of `previous`, found without reading them into words: a text is no
    near-copy of itself (`near_copy_of()`: the same words) nor of a text of other figures (`resemblance.figures`).
    Texts of other digits 0-9 have other figures; in texts with none, `near_copy_of()` tells other figures apart
    itself (the number tokens it compares are the runs of digits), so their runs need not be found first."""
    if digits != digits_before or text == previous:
        return False
    return not digits or resemblance.figures(text) == resemblance.figures(previous)


def check(doc: Document, ctx: Context) -> Iterator[Hit]:
    listed = list(statuses(doc, ctx))
    if len(listed) < 2:
        return  # no round to compare with: no text is read
    previous: Status = listed[0]
    before: resemblance.Words | None = None  # the previous text's words, when they were read
    digits_before = resemblance.digits(previous.text)
    for status in listed[1:]:
        digits = resemblance.digits(status.text)
        now, edits = None, None
        if _may_be_near(previous.text, status.text, digits, digits_before):
            before = before or resemblance.words(previous.text)
            now = resemblance.words(status.text)
            edits = resemblance.near_copy_of(before, now)
        if edits is not None:
            change_fi, change_en = _change(edits)
            where = doc.mark("statuses", status.position, "text")
            yield hit(
                where, status.date, date=status.date, previous=previous.date, change_fi=change_fi, change_en=change_en
            )
        previous, before, digits_before = status, now, digits
