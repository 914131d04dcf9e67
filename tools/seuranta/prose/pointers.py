"""Pointers the reference reader does not resolve: "kts. kohta 2" and portfolio number lists.

- `see_items`: "Kts. Kohta 2.", "(Katso kohta 15.2.)": a see-word and an item number, with no word
  saying what kind of item (a work package, a measure, a question, a round's column);
- `portfolio_lists`: "hankesalkkujen yhteinen (1,2,3,5,6)": a portfolio word and a parenthesised
  list of portfolio numbers.
"""

from __future__ import annotations

import re
from typing import NamedTuple

from seuranta.prose import facts
from seuranta.prose.facts import masked


class SeeItem(NamedTuple):
    start: int
    end: int
    text: str
    number: str  # "2", "15.2"


class PortfolioList(NamedTuple):
    start: int
    end: int
    text: str
    numbers: tuple[str, ...]


# The fast form (`facts.any_word()`) of `\b(?:kts|ks|katso|vrt|vertaa)\.?\s+koh(?:ta|taa|dat|dan|dassa|dasta|taan)\s+
# (\d{1,2}(?:\.\d{1,2})?)\.?`, IGNORECASE: tried only at a "k" or "v" starting a word, not at every character.
_SEE_ITEM = facts.any_word(
    ("kts", "ks", "katso", "vrt", "vertaa"),
    end=r"(?i:\.?\s+koh(?:ta|taa|dat|dan|dassa|dasta|taan)\s+(\d{1,2}(?:\.\d{1,2})?)\.?)",
)
_PORTFOLIO_LIST = re.compile(
    r"\b(?:hanke)?salk\w*[^().;\n]{0,30}\((\s*\d{1,2}(?:\s*(?:,|&|ja)\s*\d{1,2})+\s*)\)",
    re.I,
)


def see_items(text: str) -> list[SeeItem]:
    return facts.once(_see_items, text)


def may_hold_see_items(text: str) -> bool:
    """Whether the text names an item ("kohta"): without it, `see_items()` finds none."""
    return "koh" in facts.lowered(text)


def _see_items(text: str) -> list[SeeItem]:
    if not may_hold_see_items(text):
        return []
    clean = masked(text)
    if not _names_item(clean, facts.lowered(text) if clean is text else clean.lower()):
        return []
    return [SeeItem(m.start(), m.end(), m.group(), m.group(1)) for m in _SEE_ITEM.finditer(clean)]


# What follows the see-word in every match of `_SEE_ITEM`, lowered: an item word, a space and a digit.
_ITEM_NUMBER = re.compile(r"koh(?:ta|taa|dat|dan|dassa|dasta|taan)\s+\d")


def _names_item(clean: str, lowered: str) -> bool:
    """Whether `clean` (a text with its links and addresses blanked) may hold a see-item: its lowered form has an item
    word followed by a number. Most texts with "koh" have none ("kohde", "kohti", "kohtaan"), and `_SEE_ITEM` tries
    every "k" and "v" starting a word in them. Lowering makes each letter that IGNORECASE reads as one of the word's
    that letter, but for a long s (`facts.unlowered()`): with one, the text is read as it is."""
    return facts.unlowered(lowered) or _ITEM_NUMBER.search(lowered) is not None


def portfolio_lists(text: str) -> list[PortfolioList]:
    return facts.once(_portfolio_lists, text)


def may_hold_portfolio_lists(text: str) -> bool:
    """Whether the text has a portfolio word and a parenthesis: without them, `portfolio_lists()` finds none."""
    return "(" in text and "salk" in facts.lowered(text)


def _portfolio_lists(text: str) -> list[PortfolioList]:
    if not may_hold_portfolio_lists(text):
        return []
    return [
        PortfolioList(m.start(), m.end(), m.group(), tuple(re.findall(r"\d+", m.group(1))))
        for m in _PORTFOLIO_LIST.finditer(masked(text))
    ]
