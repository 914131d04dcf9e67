"""The files a command could not read, told on standard error, so no table, page or export lacks them silently.

`summary`, `report` and `export` build from the files that load; each file that did not is named
here with the loader's finding for it (path:line:column), and the command exits with `Exit.FINDINGS`.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TextIO

from seuranta.model.documents import Document
from seuranta.model.problem import ERROR, Message, Problem
from seuranta.reporters.text import line

HEADING = Message(
    "Näitä tiedostoja ei voitu lukea, joten ne puuttuvat tuloksesta. Korjaa ne (seuranta validate kertoo lisää):",
    "These files could not be read, so they are missing from the output. Fix them (seuranta validate tells more):",
)


def unread(docs: Iterable[Document]) -> list[Problem]:
    """The first error of each file that did not load, in the listing's order."""
    found = []
    for doc in docs:
        if doc.data is None:
            errors = [p for p in doc.parsed.problems if p.severity == ERROR] or list(doc.parsed.problems)
            found += errors[:1]
    return found


def tell(problems: list[Problem], lang: str, err: TextIO) -> bool:
    """Name every file that could not be read on `err` with its finding; True when there was one."""
    if problems:
        err.write(HEADING.text(lang) + "\n")
        err.writelines(f"  {line(problem, lang)}\n" for problem in sorted(problems, key=Problem.sort_key))
    return bool(problems)
