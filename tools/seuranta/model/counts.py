"""Counts in words: "1 virhe", "2 virhettä", "1 file", "2 files" — the one place a number meets its noun.

Finnish takes the nominative singular after 1 and the partitive singular after any other number
(0 virhettä, 2 virhettä); English the singular after 1 and the plural otherwise.
"""

from __future__ import annotations

from typing import NamedTuple


class Noun(NamedTuple):
    """A noun (or a noun phrase) in the forms a count needs, in both languages."""

    fi_one: str
    fi_many: str
    en_one: str
    en_many: str

    def form(self, count: int, lang: str) -> str:
        if lang == "fi":
            return self.fi_one if count == 1 else self.fi_many
        return self.en_one if count == 1 else self.en_many

    def counted(self, count: int, lang: str) -> str:
        """`count` and the noun in the form that follows it: "1 virhe", "3 files"."""
        return f"{count} {self.form(count, lang)}"

    def fraction(self, part: int, total: int, lang: str) -> str:
        """`part`/`total` and the noun in the form that follows the total: "3/12 toimenpidettä", "0/1 measure"."""
        return f"{part}/{total} {self.form(total, lang)}"


ERRORS = Noun("virhe", "virhettä", "error", "errors")
NEW_ERRORS = Noun("uusi virhe", "uutta virhettä", "new error", "new errors")
WARNINGS = Noun("varoitus", "varoitusta", "warning", "warnings")
ACKNOWLEDGED = Noun("kuitattu", "kuitattua", "acknowledged", "acknowledged")
FILES = Noun("tiedosto", "tiedostoa", "file", "files")
FILES_CHECKED = Noun("tiedosto tarkistettu", "tiedostoa tarkistettu", "file checked", "files checked")
OBSERVATIONS = Noun("havainto", "havaintoa", "observation", "observations")
ACKNOWLEDGED_DEVIATIONS = Noun(
    "kuitattu poikkeama", "kuitattua poikkeamaa", "acknowledged deviation", "acknowledged deviations"
)
PROGRAMMES = Noun("ohjelma", "ohjelmaa", "programme", "programmes")
GROUPS = Noun("ryhmä", "ryhmää", "group", "groups")
MEASURES = Noun("toimenpide", "toimenpidettä", "measure", "measures")
STATUSES = Noun("tilanne", "tilannetta", "status", "statuses")
PAGES = Noun("sivu", "sivua", "page", "pages")
CHARTS = Noun("luku kuvioina", "lukua kuvioina", "figure as a chart", "figures as charts")
ROWS = Noun("rivi", "riviä", "row", "rows")
MEASURE_ROWS = Noun("toimenpiderivi", "toimenpideriviä", "measure row", "measure rows")
CELLS = Noun("solu", "solua", "cell", "cells")
EMPTY_CELLS = Noun("tyhjä solu", "tyhjää solua", "empty cell", "empty cells")
CHARACTERS = Noun("merkki", "merkkiä", "character", "characters")
LINES = Noun("rivi", "riviä", "line", "lines")
ROUNDS = Noun("raportointikierros", "raportointikierrosta", "reporting round", "reporting rounds")
