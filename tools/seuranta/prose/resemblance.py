"""How a status differs from the previous one, word by word: a near-copy changes almost nothing.

Texts are compared as word tokens (case-folded; punctuation and spacing ignored). A near-copy is a
text of at least `LEAST` words whose figures are all the previous text's and which only adds or removes
at most `MOST` words: "… käsitteellä." added to an otherwise identical status, or only its punctuation
changed. A status that updates its figures ("10/15" → "12/15") or replaces words ("tarvitaan täsmennystä"
→ "tehty päivitys") reports something new.
"""

from __future__ import annotations

import difflib
import re
from collections import Counter
from functools import lru_cache
from typing import NamedTuple

from seuranta.prose import facts

LEAST = 6
MOST = 3

_TOKEN = re.compile(r"[^\W\d_]+|\d+")
_WORD = re.compile(r"\w+")  # `_TOKEN` in a text without digits (`\d`) and underscores, found a third faster


@lru_cache(maxsize=4096)
def ratio_at_least(a: str, b: str, least: float) -> float | None:
    """difflib's ratio of `a` to `b` when it is at least `least`, else None; its cheap upper bounds rule a pair
    out first. The same pairs come back (an answer's text round after round, a question in every measure
    that asks it), so each distinct pair is compared once while it is among those compared last."""
    matcher = difflib.SequenceMatcher(None, a, b)
    if matcher.real_quick_ratio() < least or matcher.quick_ratio() < least:
        return None
    score = matcher.ratio()
    return score if score >= least else None


class Edit(NamedTuple):
    removed: tuple[str, ...]
    added: tuple[str, ...]

    @property
    def size(self) -> int:
        return max(len(self.removed), len(self.added))


def _tokens(text: str) -> tuple[str, ...]:
    plain = "_" in text or figures(text)  # `\w` is `_TOKEN`'s letters, its digits and "_"
    found: list[str] = (_TOKEN if plain else _WORD).findall(text)
    if not found:
        return ()
    # Case folding maps each character on its own and never to a line break: the tokens are folded in one call.
    folded = "\n".join(found).casefold().split("\n")
    return tuple(folded if len(folded) == len(found) else [t.casefold() for t in found])


class Words(NamedTuple):
    """A text read for comparing: the text, and its tokens."""

    text: str
    tokens: tuple[str, ...]

    @property
    def spaced(self) -> str:
        """The text's words spaced by one space."""
        return spaced(self.text)


def spaced(text: str) -> str:
    """The text with each run of whitespace one space, and none at either end."""
    return " ".join(text.split())  # str.split() splits at what `\s` matches


def last_word(text: str) -> list[str]:
    """The text's last word, in a list (an empty one for a text of no word): texts of the same `spaced()` end in the
    same word, so texts ending in others need not be spaced to be told apart. One split from the end, where
    `spaced()` splits the whole text."""
    return text.rsplit(None, 1)[-1:]


def words(text: str) -> Words:
    """The text read for comparing, once per text while its scan is kept (a status is compared with the one
    before and after it, and copied texts recur)."""
    return facts.kept(_words, text)


def _words(text: str) -> Words:
    return Words(text, _tokens(text))


_DIGITS = re.compile(r"\d\d*")  # fast form of \d+: `re` looks for the first digit


def figures(text: str) -> tuple[str, ...]:
    """The text's runs of digits, sorted: a near-copy has the previous text's (its number tokens are exactly these
    runs, and no other token is made of them), so texts whose runs differ need not be read into words."""
    return facts.kept(_figures, text)


def _figures(text: str) -> tuple[str, ...]:
    return tuple(sorted(_DIGITS.findall(text)))


_NOT_DIGITS = bytes(byte for byte in range(256) if not 48 <= byte <= 57)


def digits(text: str) -> bytes:
    """The text's digits 0-9, sorted: the same in texts of the same `figures()` (each is in one of their runs), found
    by deleting every other byte of the text's UTF-8 (no byte of another character is one of them) where
    `figures()` runs a pattern; texts whose digits differ need not be read for their figures. Not kept with the
    text's scan: keeping costs more than finding them again."""
    return bytes(sorted(text.encode("utf-8", "surrogatepass").translate(None, _NOT_DIGITS)))


def near_copy(previous: str, text: str) -> list[Edit] | None:
    """The word edits from `previous` to `text` when `text` is a near-copy of it (no edits: punctuation
    only), else None. Identical texts are not near-copies (copy-forward reports them)."""
    return near_copy_of(words(previous), words(text))


def near_copy_of(previous: Words, text: Words) -> list[Edit] | None:
    """`near_copy()` of texts already read (each status is read once, compared with the one before and after)."""
    old, new = previous.tokens, text.tokens
    if old == new and previous.spaced == text.spaced:
        return None  # the same words (whitespace is in no token: texts of the same words have the same tokens)
    if min(len(old), len(new)) < LEAST or abs(len(old) - len(new)) > MOST:
        return None
    if len(set(old).symmetric_difference(new)) > MOST:
        return None  # more words in one text only than near-copy edits explain (a bound of those counted below)
    if Counter(t for t in old if t.isdigit()) != Counter(t for t in new if t.isdigit()):
        return None
    if sum(((Counter(old) - Counter(new)) + (Counter(new) - Counter(old))).values()) > MOST:
        return None  # more words differ than any near-copy's edits could explain
    matcher = difflib.SequenceMatcher(None, old, new, autojunk=False)
    edits = [
        Edit(tuple(old[i1:i2]), tuple(new[j1:j2])) for op, i1, i2, j1, j2 in matcher.get_opcodes() if op != "equal"
    ]
    replaced = any(e.removed and e.added for e in edits)
    return edits if not replaced and sum(e.size for e in edits) <= MOST else None
