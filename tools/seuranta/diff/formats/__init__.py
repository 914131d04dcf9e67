"""Output formats for `seuranta diff`; each format in its own module, with the words they share."""

from __future__ import annotations

import json as jsonlib
from collections.abc import Callable
from typing import Any, NamedTuple

from seuranta.diff.compare import SAME, Diff, Piece, Revision, RoundsDiff
from seuranta.model.counts import MEASURES
from seuranta.prose.figures import Move

FORMATS = ("text", "markdown", "json")
MAX_CHARS = 60_000

WORDS: dict[str, dict[str, str]] = {
    "fi": {
        "measure": "toimenpide",
        "group": "ryhmä",
        "programme": "ohjelma",
        "config": "asetukset",
        "added": "lisätty",
        "removed": "poistettu",
        "renamed": "siirretty",
        "changed": "muutettu",
        "status": "tilanne",
        "statuses": "tilanteet",
        "field": "kenttä",
        "figures": "luvut",
        "working_tree": "työhakemisto",
        "layout_only": "vain välilyönnit tai rivitys muuttuivat",
        "unreadable": "tiedostoa ei voi lukea",
        "no_changes": "Ei sisällöllisiä muutoksia.",
        "layout_files": "{count} muuttui vain muotoilultaan.",
        "measures_line": "Toimenpiteitä",
        "statuses_line": "tilanteita",
        "others_line": "muita tiedostoja muutettu",
        "truncated": "Lyhennetty: {chars} ({lines}) jätetty pois. Koko muutos: `seuranta diff`.",
        "moved": "Luvut muuttuivat",
        "unmoved": "Raportoitu molemmilla kierroksilla, luvut ennallaan",
        "only": "Raportoitu kierroksella {present} mutta ei kierroksella {absent}",
        "rounds": "kierrokset",
    },
    "en": {
        "measure": "measure",
        "group": "group",
        "programme": "programme",
        "config": "settings",
        "added": "added",
        "removed": "removed",
        "renamed": "renamed",
        "changed": "changed",
        "status": "status",
        "statuses": "statuses",
        "field": "field",
        "figures": "figures",
        "working_tree": "working tree",
        "layout_only": "only spaces or line breaks changed",
        "unreadable": "the file cannot be read",
        "no_changes": "No changes in content.",
        "layout_files": "{count} changed in layout only.",
        "measures_line": "Measures",
        "statuses_line": "statuses",
        "others_line": "other files changed",
        "truncated": "Truncated: {chars} ({lines}) left out. The whole change: `seuranta diff`.",
        "moved": "Figures moved",
        "unmoved": "Reported in both rounds, figures unchanged",
        "only": "Reported in round {present} but not in round {absent}",
        "rounds": "rounds",
    },
}

ARROWS = {1: "↑", -1: "↓", 0: "="}


class FormatOptions(NamedTuple):
    lang: str
    color: bool = False
    max_chars: int = MAX_CHARS


class Formatter(NamedTuple):
    changes: Callable[[Diff, FormatOptions], str]
    rounds: Callable[[RoundsDiff, FormatOptions], str]


def word(lang: str, key: str, **fields: Any) -> str:
    return WORDS[lang][key].format(**fields)


def measures_count(lang: str, count: int) -> str:
    """'1 toimenpide', '3 toimenpidettä'."""
    return MEASURES.counted(count, lang)


def revision(side: Revision, lang: str) -> str:
    """'main (1a2b3c4)' for a commit, '1a2b3c4' when named by its id, 'työhakemisto' for the working tree."""
    if side.commit is None:
        return word(lang, "working_tree")
    named = side.name and not side.commit.startswith(side.name)
    return f"{side.name} ({side.commit[:7]})" if named else side.commit[:7]


def plain(value: Any) -> str:
    """A field value as one readable string."""
    if value is None or isinstance(value, bool):
        return jsonlib.dumps(value)
    if isinstance(value, list) and not any(isinstance(v, (dict, list)) for v in value):
        return ", ".join(plain(v) for v in value)
    if isinstance(value, (dict, list)):
        return jsonlib.dumps(value, ensure_ascii=False)
    return str(value)


def summary_counts(diff: Diff) -> list[tuple[str, list[tuple[str, int]]]]:
    """Nonzero counts: measures by change, statuses by change, other files."""
    changes = ("added", "removed", "renamed", "changed")
    measures = [(c, diff.count(c)) for c in changes]
    statuses = [(c, diff.status_count(c)) for c in ("added", "removed", "changed")]
    others = sum(1 for c in diff.changes if c.kind != "measure")
    return [("measures_line", measures), ("statuses_line", statuses), ("others_line", [("", others)])]


def summary_line(diff: Diff, lang: str) -> str:
    parts = []
    for label, counts in summary_counts(diff):
        shown = [f"{n} {word(lang, c)}" if c else str(n) for c, n in counts if n]
        parts += [f"{word(lang, label)}: {', '.join(shown)}"] if shown else []
    text = "; ".join(parts) + "." if parts else word(lang, "no_changes")
    return text[0].upper() + text[1:]


def lines(pieces: tuple[Piece, ...]) -> list[list[Piece]]:
    """Pieces split at line breaks: one list per line of the shown text."""
    out: list[list[Piece]] = [[]]
    for piece in pieces:
        first, *rest = piece.text.split("\n")
        out[-1] += [Piece(piece.op, first)] if first else []
        out += [[Piece(piece.op, part)] if part else [] for part in rest]
    return out


def hunks(pieces: tuple[Piece, ...], context: int = 1) -> list[list[Piece] | None]:
    """The lines with a change and `context` lines around them; None where lines were left out."""
    split = lines(pieces)
    changed = [i for i, line in enumerate(split) if any(p.op != SAME for p in line)]
    keep = {j for i in changed for j in range(i - context, i + context + 1)} if changed else set(range(len(split)))
    shown: list[list[Piece] | None] = []
    for index, line in enumerate(split):
        if index in keep:
            shown.append(line)
        elif not shown or shown[-1] is not None:
            shown.append(None)
    return shown


def move_line(move: Move) -> str:
    return f"{move.phrase()} {ARROWS[move.direction]}"
