"""The fast forms copy-near reads status texts with give exactly what their plain forms give: `\\w+` is the word
tokens' pattern in a text without digits and underscores, and texts of the same figures have the same digits
(`resemblance.digits()`), so comparing digits first passes over no pair of texts whose figures are the same.
Checked on generated text made of what the patterns tell apart (ASCII and other digits, characters `\\w` holds that
are no letters, underscores, letters that change length when case-folded, characters of several UTF-8 lengths)."""

from __future__ import annotations

import re

from hypothesis import example, given, settings
from hypothesis import strategies as st

from seuranta.prose import facts, resemblance

_ALPHABET = "ab Ää09_-.,\n" + "\u0663\uff13\u00b2\u00bd\u0130\u00df\u0301" + "\U0001d7d8\U0001f600"
_PLAIN_TOKEN = re.compile(r"[^\W\d_]+|\d+")


def _plain_tokens(text: str) -> tuple[str, ...]:
    return tuple(token.casefold() for token in _PLAIN_TOKEN.findall(text))


def _digits(text: str) -> bytes:
    return "".join(c for c in "".join(resemblance.figures(text)) if c in "0123456789").encode()


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet=_ALPHABET, max_size=30))
@example("Käsitteistöä avattu, ehealth ymmärretään eri tavoin.")
@example("x\u00b2 y\u00bd z")
@example("a_b c")
@example("\u0130stanbul STRASSE stra\u00dfe")
def test_tokens_are_the_plain_tokens(text: str) -> None:
    facts._KEPT.clear()
    assert resemblance._tokens(text) == _plain_tokens(text)


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet=_ALPHABET, max_size=30), st.text(alphabet=_ALPHABET, max_size=30))
@example("10/15 ja 2021", "2021: 15/10")
@example("12\ud80034", "1234")
def test_digits_follow_the_figures(a: str, b: str) -> None:
    assert resemblance.digits(a) == bytes(sorted(_digits(a)))
    if resemblance.figures(a) == resemblance.figures(b):
        assert resemblance.digits(a) == resemblance.digits(b)
