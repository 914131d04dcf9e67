"""`facts.addresses()`: exactly the matches of `finditer` for the e-mail patterns, found from each "@"."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from seuranta.prose import facts, personal

# The characters that make or break an address: its run, "@", dots, dashes, a few letters, spaces, äö.
TEXT = st.text(alphabet="ab.+-_@ äF1\n", max_size=40)


@given(TEXT)
def test_the_addresses_are_the_patterns_matches(text: str) -> None:
    for pattern in (facts._EMAIL, personal._EMAILS):
        expected = [m.span() for m in pattern.finditer(text)]
        assert [m.span() for m in facts.addresses(pattern, text)] == expected, (pattern.pattern, text)


@given(TEXT)
def test_blanking_and_finding_addresses_is_the_plain_reading(text: str) -> None:
    assert facts.masked(text) == facts._blank(facts._EMAIL, facts.without_urls(text))
    plain = facts.without_urls(text)
    assert personal.emails(text) == (personal._found(personal._EMAILS, plain) if "@" in text else [])


def test_many_at_signs_in_one_run() -> None:
    text = "a@" * 50_000 + "b@c.fi x.y@d.fi"
    for pattern in (facts._EMAIL, personal._EMAILS):
        expected = [m.group() for m in pattern.finditer(text)]
        assert [m.group() for m in facts.addresses(pattern, text)] == expected
    assert [m.group() for m in facts.addresses(personal._EMAILS, text)] == ["b@c.fi", "x.y@d.fi"]
