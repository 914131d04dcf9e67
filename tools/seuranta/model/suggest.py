""" "Did you mean": the known names closest to one the tool did not recognise, for every command's hint.

A name that is the start of a path component of known ids comes first (`tp01/03` → `pirsote/tp01/03-…`),
then ids that contain it (`fysioterapeutin` → `pirsote/tp01/03-fysioterapeutin-…`), then the closest
spellings (`2022-11-16` → `2022-11-15`).
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable

LIMIT = 3


def close(name: str, known: Iterable[str], limit: int = LIMIT) -> list[str]:
    """Up to `limit` of `known` that `name` probably meant, best first; [] when nothing is near."""
    names = sorted(set(known))
    wanted = name.strip().strip("/").lower()
    if not wanted:
        return []
    padded = re.sub(r"(^|/)([0-9])(?=$|/|-)", r"\g<1>0\g<2>", wanted)  # tp01/3 is written tp01/03-…
    starts = [k for k in names if any(f"/{k.lower()}".find(f"/{w}") >= 0 for w in (wanted, padded))]
    if starts:
        return starts[:limit]
    contains = [k for k in names if wanted in k.lower()]
    if contains:
        return contains[:limit]
    return difflib.get_close_matches(name, names, n=limit, cutoff=0.6)
