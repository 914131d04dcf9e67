"""JSON output (`escaping.json_document`): exactly `json.dumps(indent=2)`'s text, every string masked.

The document is written by json's C encoder a flat object or a list of flat objects at a time
(the findings), not value by value; these tests compare it with the plain encoder on any value."""

from __future__ import annotations

import json
from typing import Any

from hypothesis import given
from hypothesis import strategies as st

from seuranta.reporters.escaping import json_document, json_table, json_text

# Structural characters, escapes, invisible characters; too short for a henkilötunnus.
TEXT = st.text(alphabet='ab 1-A{}[],:"\\\n\t\x01\x85\u2028\u202e', max_size=6)
KEYS = st.one_of(TEXT, st.integers(-2, 2), st.booleans(), st.none(), st.floats(allow_nan=False))
SCALARS = st.one_of(TEXT, st.integers(), st.booleans(), st.none(), st.floats())
VALUES = st.recursive(
    SCALARS,
    lambda inner: st.one_of(
        st.lists(inner, max_size=4),
        st.lists(inner, max_size=3).map(tuple),
        st.dictionaries(KEYS, inner, max_size=4),
        st.lists(st.dictionaries(KEYS, SCALARS, max_size=3), max_size=4),
    ),
    max_leaves=24,
)


@given(VALUES)
def test_the_document_is_the_plain_encoders_text(value: Any) -> None:
    assert json_document(value) == json_text(json.dumps(value, ensure_ascii=False, indent=2)) + "\n"


def test_every_string_is_masked_before_it_is_escaped() -> None:
    document = {"findings": [{"message": "\x01131052-308T", "131052-308T": 1, "010101-123N": 2}]}
    assert json_document(document) == (
        "{\n"
        '  "findings": [\n'
        "    {\n"
        '      "message": "\\u0001******-****",\n'
        '      "******-****": 1,\n'
        '      "******-****": 2\n'
        "    }\n"
        "  ]\n"
        "}\n"
    )


NAMES = st.lists(st.text(alphabet='ab%"\\\x01', max_size=4), min_size=1, max_size=4, unique=True)
CELLS = (TEXT, st.integers(), st.booleans(), st.one_of(st.integers(), st.booleans()), st.none(), TEXT | st.none())


@given(st.data())
def test_a_table_is_the_document_of_its_objects(data: st.DataObject) -> None:
    """Columns of strings, whole numbers or booleans (written a row at a time) and any other column (written
    as objects) give the document of the same objects, hetu masked; so does a ragged or empty table."""
    fields = tuple(data.draw(NAMES))
    cells = [data.draw(st.sampled_from(CELLS)) for _ in fields]
    rows = data.draw(st.lists(st.tuples(*cells), max_size=4))
    rest = data.draw(st.dictionaries(TEXT, SCALARS, max_size=2))
    expected = json_document({"findings": [dict(zip(fields, row, strict=True)) for row in rows], **rest})
    assert json_table("findings", fields, rows, rest) == expected


def test_a_tables_strings_are_masked() -> None:
    written = json_table("findings", ("message", "131052-308T"), [("a 131052-308T", 1)], {"n": "010101-123N"})
    assert "308T" not in written and "123N" not in written
    assert written == json_document({"findings": [{"message": "a 131052-308T", "131052-308T": 1}], "n": "010101-123N"})
