"""The kinds of fact of a file's texts found with each test made once over them all are those of each text alone.

`prose.presence.each()` joins a file's texts by a line break, blanks their links and addresses and lowers them
once, and finds the texts holding each kind on the joined forms (`kinds()` tests each text alone, with the tests
the readers make before they read). Held on lists of texts made of what the tests look at, with what could
carry a test over from one text to the next at their ends (digits, dots, slashes, spaces, a link or an address
running on, a letter ending a word), and on the shipped data; and a separator that is not a line break is caught.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager

import pytest
from hypothesis import example, find, given, settings
from hypothesis import strategies as st

from seuranta.prose import facts, presence
from test_fast_patterns import SHIPPED

PIECES = [
    *" \n\t.,:;/-()=~≈%@",
    *"0123456789",
    *"aehkNpstvxö",
    *"\u212a\u017f\u0131\u0130",  # Kelvin sign, long s, dotless i, dotted I: IGNORECASE reads them as k, s, i, i
    "a) ",
    "b)\n",
    "c)",  # an answer letter ending a text: the line break after it is no space of its own
    "15.11.2020",
    "3,5",
    "7/14",
    "8 / 23",
    "N=15",
    "N =",
    "koh",
    "KOHTA",
    "salk",
    "(1,2)",
    "uutos",
    "Tavoite",
    "prosent",
    "PROSENTTIA",
    "pro\u017fent",  # with a long s: a per cent word to IGNORECASE, not lowered to one
    "\u0130\u0130\u0130",  # dotted capital I, each lowered to two characters: the lowered text is longer
    "työpaket",
    "tp",
    "Tp",
    "toimenpide",
    "hankesalk",
    "HS",
    "kts.",
    "ks.",
    "katso",
    "vrt.",
    "vertaa",
    "http://x.fi/1.2",
    "www.",
    "a@b.fi",
    "x.y@",
]
TEXT = st.lists(st.sampled_from(PIECES), max_size=10).map("".join)
FILES = st.lists(TEXT, max_size=6)


def _alone(texts: list[str]) -> list[int]:
    return [presence._kinds(text) for text in texts]


@settings(max_examples=3000, deadline=None)
@given(FILES)
@example(["7/14 c)", "x"])  # an answer letter ends the first text: the line break after it is the second's
@example(["5", "/2", "N", "= 1", "1", ".2"])  # what a test finds across the texts' ends, were they run together
@example(["http://x.fi/", "1.2 a@b", ".fi 3/4"])  # a link and an address end at the text's end
@example(["\u0130" * 6 + "koh", "pro\u017fent"])  # the lowered text is longer; a long s lowered is no s
def test_the_joined_tests_find_the_kinds_of_each_text_alone(texts: list[str]) -> None:
    assert presence._each(texts) == _alone(texts)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(["", "7/14 kunnassa", "ks. 1.2.", "Muutos"]), max_size=8), FILES)
def test_a_text_tested_before_has_the_kinds_it_has_alone(repeated: list[str], texts: list[str]) -> None:
    presence._KNOWN.cache_clear()
    assert presence.each(repeated + texts + repeated) == _alone(repeated + texts + repeated)


def test_the_joined_tests_find_the_kinds_of_each_text_of_the_shipped_data() -> None:
    texts = list(SHIPPED)
    for start in range(0, len(texts), 7):
        assert presence._each(texts[start : start + 7]) == _alone(texts[start : start + 7])


# The searches for a text with a kind, or one a wrong separator reads apart, the same every run: a random one of
# 5,000 examples now and then found none, and a test that fails by chance says nothing about the code.
_SEARCH = settings(max_examples=5000, derandomize=True, database=None)


def test_every_kind_is_found_in_the_generated_texts() -> None:
    def holding(bit: int) -> Callable[[list[str]], bool]:
        return lambda texts: any(bits & bit for bits in _alone(texts))

    for bit in [value for name, value in vars(presence).items() if name.isupper() and isinstance(value, int)]:
        find(FILES, holding(bit), settings=_SEARCH)


@contextmanager
def _separated_by(separator: str) -> Iterator[None]:
    with pytest.MonkeyPatch.context() as patched:
        patched.setattr(presence, "SEPARATOR", separator)
        yield


@pytest.mark.parametrize(
    "separator",
    [
        "",  # "1" and ".2": a date
        " ",  # "5" and "/": a slash form; and "N" and "= 1"
        "x",  # a link runs on into the next text and blanks what it holds
    ],
)
def test_a_separator_other_than_a_line_break_is_caught(separator: str) -> None:
    with _separated_by(separator):
        wrong = find(FILES, lambda texts: presence._each(texts) != _alone(texts), settings=_SEARCH)
    assert presence._each(wrong) == _alone(wrong)  # the line break gives each text its own kinds


# Every word the reference probe starts a match with (prose/facts.py REFERENCE_PROBE), as written there.
REFERENCE_WORDS = [
    "työpaket",
    "työlaatik",
    "tp",
    "toimenpide",
    "toimenpitee",
    "hankesalk",
    "hs",
    "kts.",
    "ks.",
    "katso",
    "vrt.",
    "vertaa",
]


def _spellings(word: str) -> set[str]:
    """The word lowered, in capitals, and with each of its letters in each form IGNORECASE reads as it."""
    found = {word, word.upper(), word.capitalize()}
    for at, letter in enumerate(word):
        found.update(word[:at] + other + word[at + 1 :] for other in facts.cases(letter) if letter.isalpha())
    return found


@pytest.mark.parametrize("word", REFERENCE_WORDS)
def test_every_spelling_of_a_reference_word_is_found_as_in_the_text_alone(word: str) -> None:
    for spelling in sorted(_spellings(word)):
        texts = [spelling, f"x{spelling}", f"(1 {spelling} 2)", f"{spelling}x", "a@b.fi " + spelling]
        assert presence._each(texts) == _alone(texts), spelling


def test_texts_are_lowered_as_str_lower_does() -> None:
    latin_1 = "".join(map(chr, range(256)))
    for text in [*latin_1, latin_1, latin_1 + "\u2013", "\u0130", "ABC", ""]:
        assert presence._lower(text) == text.lower()


def test_the_lowered_texts_that_do_not_line_up_are_tested_alone() -> None:
    texts = ["\u0130" * 6 + " kohta 2", "Muutos 7/14", "15.11.2020"]  # "koh" lowered stands past the first text's end
    dotted = presence.SEE_ITEMS | presence.CLAIMS  # a dotted capital I may be the i of "Tavoite:"
    assert presence._each(texts) == _alone(texts) == [dotted, presence.CLAIMS | presence.SLASHES, 1]


def test_the_joined_texts_are_masked_as_each_text_alone() -> None:
    texts = ["a@b.fi 1.2", "http://x.fi/7/14 ja 15.11.", "x.y@z.fi 8/9"]
    joined = presence.SEPARATOR.join(texts)
    assert facts.blanked(joined, joined.lower()) == presence.SEPARATOR.join(map(facts.masked, texts))
