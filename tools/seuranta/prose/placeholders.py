"""Placeholders and editor notes left in status prose.

Three kinds, each a span of the text:
- FILLER: a stand-in for a figure not yet filled in ("lääkärille xx", "???", "TODO");
- NOTE: a note addressed to the editors rather than the reader ("(RIKU JA TUJUA TÄYTTÄNYT 15.9.)",
  a parenthesis in capitals; "Huom! Uusi kysymys!", a "Huom!" followed by another exclamation);
- UNIT: a figure with its unit missing right after a time limit ("pääsee hoitoon alle 7 vrk:ssa 86."
  beside "56% pääsee alle 7vrk:ssa"): a bare number ending the sentence after "N vrk:ssa".
"""

from __future__ import annotations

import re
from typing import NamedTuple

from seuranta.prose import facts
from seuranta.prose.facts import masked

FILLER = "filler"
NOTE = "note"
UNIT = "unit"


class Placeholder(NamedTuple):
    start: int
    end: int
    text: str
    kind: str


_FILLER = re.compile(r"(?<![\w-])(?:xx+|XX+|\?{2,}|TODO|TBD)(?![\w-])")
_CAPITALS = re.compile(r"\((?=[^)]*[A-ZÄÖÅ]{2,}[^)]*\))([^()a-zäöå]{8,80})\)")
_CAPITALS_PROBE = re.compile(r"\([^()a-zäöå]{8}")  # how every note written in capitals starts
_HUOM = re.compile(r"\bHuom!\s+[^.!?\n]{1,60}!")
_TIME = r"(?:(?:vrk|pv|pvä|vko|kk):?ss[aä]|päivässä|viikossa|kuukaudessa|tunnissa|vuorokaudessa)"
# Every unit of time ends in "ss[aä]" (any case; long s is s), and the bare figure follows it after a space and
# ends the sentence with a full stop: found from the space before a digit, rarer than the digit.
_BARE_PROBE = re.compile(r" \d(?<=[sS\u017f][sS\u017f][aAäÄ] \d)\d{0,2}(?:,\d+)?\.(?=\s|$)")
_BARE = re.compile(rf"\d(?<!\w\d)\d* ?{_TIME} (\d{{1,3}}(?:,\d+)?)\.(?=\s|$)", re.IGNORECASE)


def _capitals(text: str) -> list[Placeholder]:
    """A parenthesis written in capitals: three words or more, one of them a word of six letters or more
    ("(RIKU JA TUJUA TÄYTTÄNYT 15.9.)"); a list of acronyms ("(THL/PUHTI)", "(THL, STM, KELA)") is not."""
    found = []
    for m in _CAPITALS.finditer(text):
        words = re.findall(r"[A-ZÄÖÅ]{2,}", m.group(1))
        if len(words) >= 3 and max(map(len, words)) >= 6:
            found.append(Placeholder(m.start(), m.end(), m.group(), NOTE))
    return found


def placeholders(text: str) -> list[Placeholder]:
    """Every filler, editor note and unit-less figure, in reading order (URLs and addresses masked)."""
    if not _may_hold(text):
        return []
    return facts.once(_placeholders, text)


# What a unit-less figure and a note in capitals have in the text itself, unmasked. Masking only makes a link or an
# address (five characters or more) spaces, so every character of a match in the masked text that is no space is the
# text's own, and so is the space between "ss[aä]" and a digit (a blanked space stands beside another). A figure: its
# space, digits and full stop (`_BARE_PROBE` without its look at what follows the stop, which may be blanked). A note:
# its parenthesis and two capitals at most 80 characters after it (`_CAPITALS` reads 8 to 80 characters after the
# parenthesis, two capitals among them; the others may be blanked).
_UNMASKED_BARE_PROBE = re.compile(r" \d(?<=[sS\u017f][sS\u017f][aAäÄ] \d)\d{0,2}(?:,\d+)?\.")
_UNMASKED_CAPITALS_PROBE = re.compile(r"\((?=(?s:.){0,78}?[A-ZÄÖÅ]{2})")
_DIGIT_STOP = re.compile(r"\.(?<=\d\.)")  # a full stop after a digit, in every unit-less figure (found from the stop)


def _may_hold(text: str) -> bool:
    """Whether the text has what every placeholder of its masked form has (masking adds no character but a
    space): without it, `placeholders()` finds none. Each test looks first for one character of what it needs, a
    character rare in prose ("x", "?", "!", "(", a digit's full stop), which is found as fast as a byte is; a search
    for two characters or more, or for a space before a digit, reads every character more slowly."""
    return (
        ("x" in text and "xx" in text)
        or ("X" in text and "XX" in text)
        or ("?" in text and "??" in text)
        or ("T" in text and ("TODO" in text or "TBD" in text))
        or ("!" in text and "Huom!" in text)
        or ("(" in text and _UNMASKED_CAPITALS_PROBE.search(text) is not None)
        or (_DIGIT_STOP.search(text) is not None and _UNMASKED_BARE_PROBE.search(text) is not None)
    )


def _placeholders(text: str) -> list[Placeholder]:
    clean = masked(text)
    found = []
    if "xx" in clean or "XX" in clean or "??" in clean or "TODO" in clean or "TBD" in clean:  # in every filler
        found += [Placeholder(m.start(), m.end(), m.group(), FILLER) for m in _FILLER.finditer(clean)]
    if "(" in clean and _CAPITALS_PROBE.search(clean) is not None:
        found += _capitals(clean)
    if "Huom!" in clean:
        found += [Placeholder(m.start(), m.end(), m.group(), NOTE) for m in _HUOM.finditer(clean)]
    if _BARE_PROBE.search(clean) is not None:
        found += [Placeholder(m.start(1), m.end(1) + 1, m.group(1) + ".", UNIT) for m in _BARE.finditer(clean)]
    return sorted(found) if len(found) > 1 else found
