"""Every character of a loaded string is found where it stands in the file, in every scalar style."""

from __future__ import annotations

import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from seuranta.model.loader import load_bytes, position
from seuranta.model.positions import Lines, align

STYLES = [None, "'", '"', "|", ">"]
ESCAPES = {"n": "\n", "t": "\t", '"': '"', "\\": "\\", " ": " ", "/": "/"}
TEXT = st.text(alphabet="ab ä7/'\"\\:#-\n\t€", max_size=60)


def _written_as(source: str, at: int, char: str) -> bool:
    """Whether the file spells `char` at `at`: the character itself, a doubled quote or an escape."""
    if source[at] == char:
        return True
    if source[at] != "\\":
        return False
    code = source[at + 1]
    if code in "xuU":
        width = {"x": 2, "u": 4, "U": 8}[code]
        return chr(int(source[at + 2 : at + 2 + width], 16)) == char
    return ESCAPES.get(code) == char


@settings(max_examples=300, deadline=None)
@given(value=TEXT, style=st.sampled_from(STYLES), width=st.integers(min_value=8, max_value=80))
def test_every_character_of_a_value_is_placed_on_itself(value: str, style: str | None, width: int) -> None:
    text = yaml.safe_dump({"v": value}, default_style=style, width=width, allow_unicode=True)
    parsed = load_bytes("x.yaml", text.encode("utf-8"))
    if parsed.data is None or parsed.data.get("v") != value:
        return  # a style that cannot hold this value (PyYAML picks another): nothing to place
    lines = Lines(parsed.text)
    pairing = align(value, parsed.text, lines.offset(*position(parsed.marks[("v",)])))
    for offset, char in enumerate(value):
        if not char.isspace():
            found = pairing.source(offset)
            assert found is not None, (text, offset)
            assert _written_as(parsed.text, found, char), (text, offset, found)


def test_a_line_and_column_by_bisection() -> None:
    lines = Lines("ab\ncd\n\nef")
    assert [lines.at(i) for i in (0, 1, 3, 6, 7, 8)] == [(1, 1), (1, 2), (2, 1), (3, 1), (4, 1), (4, 2)]
    assert lines.offset(4, 2) == 8


def test_a_value_that_does_not_match_its_source_is_not_placed() -> None:
    pairing = align("abc def", "v: abc xyz\n", 3)
    assert (pairing.source(0), pairing.source(4)) == (3, None)
