"""Developer tool: the inflected forms of the population lemmas, written to `prose/inflections.py`.

A programme names what its fractions count over by lemma (`kunta`, `organisaatio`, `sotekeskus`,
`alue`); the prose writes "kunnassa", "organisaatioista", "sote-keskuksessa". This module knows the
few Finnish noun declension types those lemmas belong to (numbered as in the Kotus word list),
generates every case in singular and plural, and writes them out as a plain data module, so the
runtime needs no morphology library. Add a lemma to `LEMMAS` (with its type and, when the stem
alternates, its weak stem) and regenerate:

    python -m seuranta.prose.inflect tools/seuranta/prose/inflections.py

A test keeps the written module equal to what this one generates.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import NamedTuple


class Lemma(NamedTuple):
    """A noun, its declension type, for consonant gradation its weak singular stem, and the part of a
    compound that decides vowel harmony (kuntayhtymä takes -ssä from yhtymä)."""

    word: str
    kind: int
    weak: str = ""
    head: str = ""

    @property
    def front(self) -> bool:
        """Vowel harmony: front endings (-ssä) unless the (last part of the) word has a back vowel."""
        return not any(vowel in (self.head or self.word) for vowel in "aou")


# The lemmas programmes may declare. Types: 3 radio, 9 kala, 10 koira, 12 kulkija, 39 vastaus, 48 hame.
LEMMAS: tuple[Lemma, ...] = (
    Lemma("alue", 48),
    Lemma("kunta", 9, weak="kunna"),
    Lemma("kuntayhtymä", 10, head="yhtymä"),
    Lemma("keskus", 39),
    Lemma("organisaatio", 3),
    Lemma("sotekeskus", 39),
    Lemma("terveyskeskus", 39),
    Lemma("toimija", 12),
    Lemma("vastaaja", 10),
)


class Stems(NamedTuple):
    """What the case endings attach to: the singular and plural stems and the irregular cases."""

    weak: str  # kunna-: kunnassa, kunnan
    strong: str  # kunta-: kuntana
    plural_weak: str  # kunni-: kunnissa
    plural_strong: str  # kunti-: kuntina
    irregular: tuple[str, ...]  # partitives, plural genitives, illatives


def _harmonise(ending: str, front: bool) -> str:
    return ending.translate(str.maketrans("aou", "äöy")) if front else ending


def _vowel_stem(lemma: Lemma, a: str) -> Stems:
    """Types 9 and 10 (kunta, vastaaja): the final -a drops before the plural -i-."""
    word, weak = lemma.word, lemma.weak or lemma.word
    plural = word[:-1] + "i"
    irregular = (word + word[-1], word + word[-1] + "n", plural + a, plural + "en", plural + "in")
    return Stems(weak, word, weak[:-1] + "i", plural, irregular)


def _radio(word: str, a: str) -> Stems:
    """Type 3 (organisaatio): organisaatioita, organisaatioiden, organisaatioon."""
    plural = word + "i"
    irregular = (
        word + "t" + a,
        plural + "t" + a,
        plural + "den",
        plural + "tten",
        word + word[-1] + "n",
        plural + "hin",
    )
    return Stems(word, word, plural, plural, irregular)


def _kulkija(word: str, a: str) -> Stems:
    """Type 12 (toimija): toimijoita, toimijoiden, toimijaan."""
    plural = word[:-1] + _harmonise("oi", a == "ä")
    irregular = (
        word + word[-1],
        word + word[-1] + "n",
        plural + "t" + a,
        plural + "den",
        plural + "tten",
        plural + "hin",
    )
    return Stems(word, word, plural, plural, irregular)


def _vastaus(word: str, a: str) -> Stems:
    """Type 39 (keskus): keskukse-, keskuksi-; keskusta, keskusten, keskukseen."""
    stem = word[:-1] + "kse"
    plural = stem[:-1] + "i"
    irregular = (word + "t" + a, plural + a, word + "ten", plural + "en", stem + "en", plural + "in")
    return Stems(stem, stem, plural, plural, irregular)


def _hame(word: str, a: str) -> Stems:
    """Type 48 (alue): aluee-, aluei-; aluetta, alueiden, alueeseen."""
    stem, plural = word + "e", word + "i"
    irregular = (word + "tt" + a, plural + "t" + a, plural + "den", plural + "tten", stem + "seen", plural + "siin")
    return Stems(stem, stem, plural, plural, (*irregular, plural + "hin"))


def _stems(lemma: Lemma) -> Stems:
    a = _harmonise("a", lemma.front)
    if lemma.kind in (9, 10):
        return _vowel_stem(lemma, a)
    by_kind = {3: _radio, 12: _kulkija, 39: _vastaus, 48: _hame}
    if lemma.kind not in by_kind:
        raise ValueError(f"declension type {lemma.kind} of {lemma.word!r} is not known")
    return by_kind[lemma.kind](lemma.word, a)


_SINGULAR = ("ssa", "sta", "lla", "lta", "lle", "ksi", "tta")
_PLURAL = ("ssa", "sta", "lla", "lta", "lle", "ksi", "tta", "n")


def forms(lemma: Lemma) -> frozenset[str]:
    """Every case of the lemma, singular and plural (the comitative and instructive too)."""
    stems, front = _stems(lemma), lemma.front
    found = {lemma.word, stems.weak + "n", stems.weak + "t", stems.strong + _harmonise("na", front)}
    found |= {stems.weak + _harmonise(ending, front) for ending in _SINGULAR}
    found |= {stems.plural_weak + _harmonise(ending, front) for ending in _PLURAL}
    found |= {stems.plural_strong + _harmonise("na", front), stems.plural_strong + "neen"}
    return frozenset(found | set(stems.irregular))


def render() -> str:
    lines = [
        '"""Inflected forms of the population lemmas. Generated by `python -m seuranta.prose.inflect`; do not edit."""',
        "",
        "FORMS: dict[str, tuple[str, ...]] = {",
    ]
    for lemma in sorted(LEMMAS):
        lines.append(f"    {json.dumps(lemma.word, ensure_ascii=False)}: (")
        lines.extend(f"        {json.dumps(form, ensure_ascii=False)}," for form in sorted(forms(lemma)))
        lines.append("    ),")
    lines.append("}")
    return "\n".join(lines) + "\n"


def main(argv: list[str]) -> int:
    target = Path(argv[0]) if argv else Path(__file__).with_name("inflections.py")
    target.write_text(render(), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
