from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from seuranta.model import loader
from seuranta.model.loader import Limits, forbidden_characters, load, load_bytes, position


def rules_of(raw: bytes) -> list[tuple[int, int, str]]:
    return [(p.line, p.column, p.rule) for p in load_bytes("f.yaml", raw).problems]


def test_yaml_11_lookalikes_stay_strings() -> None:
    raw = b"a: no\nb: 2021-05-15\nc: 1:20\nd: 010\ne: 1.10\nf: on\nyes: 0x10\n"
    assert load_bytes("f.yaml", raw).data == {
        "a": "no",
        "b": "2021-05-15",
        "c": "1:20",
        "d": "010",
        "e": "1.10",
        "f": "on",
        "yes": "0x10",
    }


def test_core_scalars_resolve() -> None:
    raw = b"a: 15\nb: -3\nc: 49.2\nd: true\ne: null\nf:\ng: '15'\n"
    assert load_bytes("f.yaml", raw).data == {"a": 15, "b": -3, "c": 49.2, "d": True, "e": None, "f": None, "g": "15"}


def test_positions_are_one_based_lines_and_columns() -> None:
    parsed = load_bytes("f.yaml", b"id: x\nstatuses:\n  - date: '2021-05-15'\n    text: hei\n")
    assert position(parsed.marks[("statuses", 0, "text")]) == (4, 11)
    assert position(parsed.key_marks[("statuses",)]) == (2, 1)


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        (b"a: 1\nb: 2\na: 3\n", [(3, 1, "yaml-duplicate-key")]),
        (b"a: &x 1\nb: *x\n", [(1, 4, "yaml-anchor"), (2, 4, "yaml-alias")]),
        (b"<<: {a: 1}\n", [(1, 1, "yaml-merge-key")]),
        (b"a: !!str x\n", [(1, 4, "yaml-tag")]),
        (b"%YAML 1.1\n---\na: 1\n", [(1, 1, "yaml-directive")]),
        (b"a: 1\n---\nb: 2\n", [(2, 1, "yaml-multiple-documents")]),
        (b"- a\n", [(1, 1, "yaml-not-mapping")]),
        (b"", [(1, 1, "yaml-empty")]),
        (b"a: x\xffy\n", [(1, 5, "yaml-encoding")]),
        (b"\xef\xbb\xbfa: 1\n", [(1, 1, "yaml-bom")]),
        (b"a: x\x07\n", [(1, 5, "yaml-control-character")]),
        (b"a:\n\tb: 1\n", [(2, 1, "yaml-tab")]),
        (b"a: [1\n", [(1, 4, "yaml-unclosed-bracket")]),
        (b"? [a]\n: 1\n", [(1, 3, "yaml-complex-key")]),
    ],
)
def test_refusals_are_located(raw: bytes, expected: list[tuple[int, int, str]]) -> None:
    assert rules_of(raw) == expected


RAW_AND_ESCAPED = [
    ("\x00", "\\0"),
    ("\x07", "\\a"),
    ("\x1b", "\\e"),
    ("\x1b", "\\x1b"),
    ("\x7f", "\\x7f"),
    ("\x9b", "\\u009b"),
    ("\u202e", "\\u202e"),
    ("\u202e", "\\U0000202E"),
    ("\u2066", "\\u2066"),
]


@pytest.mark.parametrize(("raw", "escape"), RAW_AND_ESCAPED)
def test_an_escaped_control_or_bidi_character_is_the_same_finding_as_a_raw_one(raw: str, escape: str) -> None:
    as_written = load_bytes("f.yaml", f'id: x\ntitle: "Otsikko {raw} loppu"\n'.encode())
    as_escape = load_bytes("f.yaml", f'id: x\ntitle: "Otsikko {escape} loppu"\n'.encode())
    assert as_escape.problems == as_written.problems and len(as_written.problems) == 1
    assert (as_escape.problems[0].line, as_escape.problems[0].column) == (2, 17)
    assert (as_escape.data is None) == (as_written.data is None) == (as_written.problems[0].severity == "error")


def test_escapes_are_found_in_keys_and_on_later_lines_of_a_scalar() -> None:
    raw = b'id: x\n"k\\e": 1\ntitle: "eka rivi\n  toka \\u202e rivi"\nok: "\\t \\\\e \\n"\n'
    assert rules_of(raw) == [(2, 3, "yaml-control-character"), (4, 8, "yaml-bidi-character")]


CHARACTERS = st.sampled_from([*'ab äö\\"', "\x00", "\x1b", "\x7f", "\x85", "\x9b", "\u202e", "\u2028", "\u2066"])


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=CHARACTERS, max_size=20))
def test_any_text_written_as_a_json_string_is_found_as_its_characters_are(text: str) -> None:
    """A JSON string is a YAML double-quoted scalar with every such character escaped."""
    parsed = load_bytes("f.yaml", f"a: {json.dumps(text)}\n".encode())
    found = sorted((p.rule, re.findall(r"U\+[0-9A-F]{4}", p.message.en)[0]) for p in parsed.problems)
    assert found == sorted((c.rule, c.char) for c in forbidden_characters(text))
    if all(rule == "yaml-bidi-character" for rule, _ in found):
        assert parsed.data == {"a": text}
    else:
        assert parsed.data is None


def test_bidi_characters_are_warned_but_loaded() -> None:
    parsed = load_bytes("f.yaml", "a: x\u202ey\n".encode())
    assert parsed.data == {"a": "x\u202ey"}
    assert [(p.rule, p.severity) for p in parsed.problems] == [("yaml-bidi-character", "warning")]


def test_depth_is_bounded_before_construction() -> None:
    raw = b"a: " + b"[" * 200 + b"]" * 200 + b"\n"
    assert rules_of(raw) == [(1, 3 + 64, "yaml-depth")]


def test_oversized_file_is_refused_unread(tmp_path: Path) -> None:
    big = tmp_path / "big.yaml"
    big.write_bytes(b"a: " + b"x" * 2000 + b"\n")
    assert [p.rule for p in load(big, limits=Limits(max_bytes=1024)).problems] == ["yaml-too-large"]


def hostile_files(folder: Path) -> dict[str, tuple[str, str]]:
    """name -> (content written, rule expected in the output)."""
    bomb = "a: &a [lol, lol]\n" + "".join(
        f"{c}: &{c} [{', '.join(['*' + p] * 9)}]\n" for p, c in zip("abcdefgh", "bcdefghi", strict=False)
    )
    files = {
        "duplicate.yaml": ("id: x\nid: y\n", "yaml-duplicate-key"),
        "bomb.yaml": (bomb, "yaml-anchor"),
        "deep.yaml": ("a: " + "[" * 100_000 + "]" * 100_000 + "\n", "yaml-depth"),
        "tag.yaml": ("a: !!python/object/apply:os.system [ls]\n", "yaml-tag"),
        "tab.yaml": ("a:\n\tb: 1\n", "yaml-tab"),
    }
    for name, (content, _) in files.items():
        (folder / name).write_text(content, encoding="utf-8")
    (folder / "huge.yaml").write_bytes(b"a: " + b"x" * 50_000_000 + b"\n")
    (folder / "latin1.yaml").write_bytes("id: Päijät-Häme\n".encode("latin-1"))
    (folder / "bom.yaml").write_bytes(b"\xef\xbb\xbfid: x\n")
    return {
        **files,
        "huge.yaml": ("", "yaml-too-large"),
        "latin1.yaml": ("", "yaml-encoding"),
        "bom.yaml": ("", "yaml-bom"),
    }


def test_hostile_inputs_give_located_findings_in_a_real_process(tmp_path: Path) -> None:
    for name, (_, rule) in hostile_files(tmp_path).items():
        done = subprocess.run(
            [sys.executable, "-m", "seuranta", "validate", "--lang", "en", name],
            cwd=tmp_path,
            capture_output=True,
            text=True,
            timeout=20,
            check=False,
        )
        assert done.returncode == 1, (name, done.stdout, done.stderr)
        assert "Traceback" not in done.stderr and done.stderr == ""
        first = done.stdout.splitlines()[0]
        assert first.startswith(f"{name}:") and f"error [{rule}]" in first, first


yaml_text = st.text(alphabet=st.sampled_from(list("ab:- \n\t'\"[]{}&*!%#<>|?,.0123456789äö\\")), max_size=80)


@settings(max_examples=400, deadline=None)
@given(yaml_text)
def test_fuzzed_text_never_raises(text: str) -> None:
    parsed = load_bytes("f.yaml", text.encode("utf-8"))
    assert parsed.data is None or isinstance(parsed.data, dict)


@settings(max_examples=200, deadline=None)
@given(st.binary(max_size=64))
def test_fuzzed_bytes_never_raise(raw: bytes) -> None:
    load_bytes("f.yaml", raw)


@pytest.mark.parametrize(("size", "limit", "expected"), [(10, 100, 10), (4, 100, 10), (4, 7, 7), (20, 100, 10)])
def test_a_file_is_read_to_its_end_or_the_limit_whatever_size_it_had(
    tmp_path: Path, size: int, limit: int, expected: int
) -> None:
    """Read with the size it had when opened: a file that grew since is read on, up to the limit (where the
    loader refuses it as too large); one that shrank, to its end."""
    path = tmp_path / "f.yaml"
    path.write_bytes(b"a: 1234567")
    fd = os.open(path, os.O_RDONLY)
    try:
        assert loader._read_all(fd, size, limit) == b"a: 1234567"[:expected]
    finally:
        os.close(fd)
