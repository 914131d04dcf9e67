"""The first load of every file builds values in a loop of its own (no marks): it must give exactly the data
and the findings of the builder that records every node's mark, on any text, hostile ones above all."""

from __future__ import annotations

import itertools
import random
import re
from collections import Counter
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from seuranta.model import loader
from seuranta.model.loader import DEFAULT_LIMITS, Limits, load_bytes

# Scalars YAML 1.1, 1.2 and this loader each read their own way; every one loads.
SCALARS = [
    "on",
    "off",
    "no",
    "yes",
    "y",
    "n",
    "NO",
    "True",
    "TRUE",
    "false",
    "null",
    "Null",
    "~",
    "010",
    "0o10",
    "0x1f",
    "1_000",
    "1:20",
    "12:30:00",
    "1.10",
    "1.5",
    "1.0",
    "-0",
    "-1",
    "0",
    "+1",
    ".inf",
    "-.inf",
    ".nan",
    "1e3",
    "2021-05-15",
    "=",
    "7/14",
    "kts.tp2",
    "ä€",
    "'single'",
    '"double"',
    "'it''s'",
    "''",
    '""',
    "'010'",
    '"true"',
    '"tab\\there"',
    "'a:b'",
    '"\\u00e4"',
    "",
    "49,2 %",
    "2021-05-15 10:00:00",
    "|\n  block\n  text",
    ">-\n  folded\n\n  text",
    "# a comment",
]
# What the loader refuses or reads apart, as values and as keys.
HOSTILE = ["!!str 1", "! 12", "!tag x", "&a 1", "*a", "a: b", "- dash", '"\\e\\0"', '"\\u202e"', "'\u2028'", "<<"]
KEYS = ["id", "title", "text", "date", "a", "b", "on", "010", "'<<'", '"id"', "2", "1.5", "~"]
HOSTILE_KEYS = ["<<", "? [a]", "[x, y]", "{k: v}", "*a", "&k id", "!!str id"]


def _scalar(rng: random.Random, hostile: bool) -> str:
    return rng.choice(HOSTILE) if hostile and rng.random() < 0.15 else rng.choice(SCALARS)


def _flow(rng: random.Random, hostile: bool) -> str:
    items = [_scalar(rng, hostile) for _ in range(rng.randrange(4))]
    items = [i for i in items if "\n" not in i and not i.startswith("#")]
    if rng.random() < 0.5:
        return "[" + ", ".join(items) + "]"
    return "{" + ", ".join(f"{k}: {v}" for k, v in zip(rng.sample(KEYS, len(items)), items, strict=True)) + "}"


def _node(rng: random.Random, indent: int, depth: int, hostile: bool, roll: float | None = None) -> list[str]:
    """A random block node's lines at `indent` (a mapping when `roll` is 0.5); `hostile` mixes in what the loader
    refuses."""
    pad = " " * indent
    roll = rng.random() if roll is None else roll
    if depth > 6 or roll < 0.3:
        return [pad + _scalar(rng, hostile).replace("\n", "\n" + pad + "  ")]
    if roll < 0.4:
        return [pad + _flow(rng, hostile)]
    lines = []
    mapping = roll < 0.75
    keys = rng.sample(KEYS, 4)
    for at in range(rng.randrange(1, 5)):
        child = _node(rng, indent + 2, depth + 1, hostile)
        key = rng.choice(HOSTILE_KEYS + KEYS) if hostile and rng.random() < 0.1 else keys[at]
        head = pad + (key + ":" if mapping else "-")
        prefix = rng.choice(["&a", "!!str", "!x", "*a", "!"]) + " " if hostile and rng.random() < 0.05 else ""
        if rng.random() < 0.5 and len(child) == 1 and "\n" not in child[0]:
            lines.append(head + " " + prefix + child[0].strip())
        else:
            lines += [head + (" " + prefix if prefix else ""), *child]
    return lines


def _broken(rng: random.Random, text: str) -> str:
    """One of the ways a file goes wrong."""
    at = rng.randrange(len(text) + 1)
    head, tail = text[:at], text[at:]
    way = rng.randrange(11)
    if way == 0:
        return "\ufeff" + text
    if way == 1:
        return "%YAML 1.1\n---\n" + text
    if way == 2:
        return text + "\n---\nb: 2\n"
    if way == 3:
        return head + rng.choice(["\t", "\u2028", "\x85", "\r", "\r\n", "\u2029"]) + tail
    if way == 4:
        return head + rng.choice(["'", '"', "[", "{", ":", "- ", "? ", "&", "*", "!", "|", ">", "\x01"]) + tail
    if way == 5:
        return head + tail[rng.randrange(1, 4) :]
    if way == 6:
        return "a:\n" + "".join(" " * (2 * i) + "k:\n" for i in range(rng.choice([62, 63, 64, 65, 70])))
    if way == 7:
        return "a: " + "[" * rng.choice([63, 64, 65, 1001]) + "]" * rng.randrange(3)
    if way == 8:
        return text + f"\nn: {'9' * 4301}\n"
    if way == 9:
        return head + "\n" + tail  # a line broken anywhere: indentation, a key split from its colon
    return text + "\nx: " + rng.choice(["\x01", '"\\u202e"', "\u200f"]) + "\n"


def _hostile(rng: random.Random, text: str) -> str:
    """Some of the ways a file goes wrong, a few at a time."""
    for _ in range(rng.randrange(3)):
        text = _broken(rng, text)
    return text


def _texts(seed: int) -> list[str]:
    rng = random.Random(seed)
    whole = "\n".join(_node(rng, 0, 0, hostile=False)) + "\n"
    clean = "\n".join(_node(rng, 0, 1, hostile=False, roll=0.5)) + "\n"
    hostile = "\n".join(_node(rng, 0, 1, hostile=True, roll=0.5)) + "\n"
    return [whole, clean, hostile, _hostile(rng, clean)]


def _outcome(built: Any) -> tuple[str, list[Any], Any]:
    """What a parse gives: the data (its repr tells 1 from 1.0, True and '1', and keys' order), the findings, and
    the root's mark where the loader reads it (it places a top level that is not a mapping by it)."""
    return repr(built.root), built.problems, None if isinstance(built.root, dict) else built.marks.get(())


def _parsed(text: str, limits: Limits, *, positions: bool) -> Any:
    """A parse's outcome, or the error it raised (a run of digits too long to read is refused before any parse,
    by `load_bytes`: the two must fail alike here)."""
    try:
        return _outcome(loader._parse("f.yaml", text, limits, positions=positions))
    except ValueError as err:
        return repr(err)


def _same(text: str, limits: Limits = DEFAULT_LIMITS) -> None:
    """The first load (the Rust parser where it takes the file, else libyaml's composer where that takes it,
    else the event loop), the composer without the Rust parser, the event loop alone, and the builder that
    marks every node: the same data and findings."""
    strict = _parsed(text, limits, positions=True)
    assert _parsed(text, limits, positions=False) == strict, text
    rust, loader._yaml_rs = loader._yaml_rs, None
    try:
        assert _parsed(text, limits, positions=False) == strict, text
        composes, loader._COMPOSES = loader._COMPOSES, False
        try:
            assert _parsed(text, limits, positions=False) == strict, text
        finally:
            loader._COMPOSES = composes
    finally:
        loader._yaml_rs = rust


def test_the_composer_takes_many_clean_files_and_no_refused_one() -> None:
    """The differential tests above reach both ways of reading: the composer takes a plainly fine file, and
    declines every file the marking builder finds anything in."""
    taken = refused = 0
    for seed in range(300):
        for text in (t for t in _texts(seed) if "9" * 4301 not in t):  # refused by load_bytes before any parse
            composed = loader._composed(text, DEFAULT_LIMITS.max_depth)
            taken += composed is not None
            refused += composed is not None and bool(loader._parse("f.yaml", text, DEFAULT_LIMITS).problems)
    assert taken > 150
    assert refused == 0


@pytest.mark.parametrize("seed", range(300))
def test_values_match_the_marking_builder_on_generated_files(seed: int) -> None:
    for text in _texts(seed):
        _same(text)
        _same(text, Limits(max_depth=3))


@pytest.mark.parametrize(
    "text",
    [
        "a: 1\na: 2\n",
        "a: 1\nb:\n  c: 1\n  c: 2\na: 3\n",
        "x: &a [1, 2]\ny: *a\nz: *a\n",
        "? [a]\n: 1\n? {b: 1}\n: 2\n[c]: 3\n",
        "*a : 1\n",
        "<<: {a: 1}\n'<<': 2\n",
        "a: !!str 010\nb: ! 12\nc: !!int '7'\nd: !x [1]\ne: !!map {}\n",
        "%YAML 1.1\n%TAG !e! tag:example.com,2000:\n---\na: 1\n",
        "a: 1\n---\nb: 2\n",
        "a: 1\n...\n",
        "- on\n- no\n- 010\n- 1:20\n- ~\n- .inf\n- 1.10\n- 1.5\n- -0\n- 0x1f\n- 2021-05-15\n",
        'a: "\\u202e \\x01 \\e \\N"\n"\\u200e": 1\n',
        "a:\tb\n",
        "a: 1\u2028b: 2\n",
        "a: 'x\u2028y'\nb: 1\r c: 2\n",
        "[1, 2]\n",
        "just text\n",
        "",
        "# only a comment\n",
        "a: [1, {b: 2, b: 3}]\n",
        "a: 'unclosed\n",
        "a: [1, 2\nb: 3\n",
        "a:\n  - 1\n - 2\n",
        "a: b: c\n",
        "&x a: 1\n",
        "a: 1\n&y b: 2\n",
        "- &z\n- *z\n",
    ],
)
def test_values_match_the_marking_builder_on_hostile_files(text: str) -> None:
    _same(text)
    _same(text, Limits(max_depth=2))


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="ab1:-?[]{},&*!|>'\"#%\\ \n\t~.0<\u2028", max_size=60))
def test_values_match_the_marking_builder_on_any_text(text: str) -> None:
    _same(text)


@pytest.mark.parametrize("seed", range(100))
def test_a_whole_load_is_the_strict_one(seed: int, monkeypatch: pytest.MonkeyPatch) -> None:
    """Through `load_bytes`, bytes and all (a BOM, non-UTF-8, control characters): the same `Parsed` data and
    findings as when every file is built with its marks."""
    rng = random.Random(seed)
    raws = [t.encode() for t in _texts(seed)] + [rng.choice([b"a: \xff\n", b"\xef\xbb\xbfa: 1\n", b"a: \x00\n"])]
    fast = [load_bytes("f.yaml", raw) for raw in raws]
    monkeypatch.setattr(loader, "_values", loader._marked)
    strict = [load_bytes("f.yaml", raw) for raw in raws]
    assert [(repr(p.data), p.problems, p.text) for p in fast] == [(repr(p.data), p.problems, p.text) for p in strict]


# Plain words YAML 1.2 (the Rust parser) and this loader may read apart: numbers in every spelling, booleans and
# nulls in every case, and digits of other scripts.
NUMBER_WORDS = [
    *["0", "00", "010", "-010", "+0", "+1", "-0", "-1", "007", "0b11", "0B11", "0o7", "0O7", "0x1f", "0X1F", "0xFF"],
    *["-0x1", "1_000", "1__0", "10_", "_1", "0_1", "1_0.5", "1.5", "1.50", "1.0", "1.", "0.", ".5", "-.5", "+.5"],
    *["0.5", "-0.0", "1e3", "1E3", "1e+3", "1e-3", "12e", "1.2.3", ".inf", "-.inf", "+.inf", ".Inf", ".INF", ".nan"],
    *[".NaN", "-", "+", "0b", "0o", "0x", "0b2", "0o8", "0xg", "\u0661\u0662", "\uff11\uff12", "\u00b2"],
    *["true", "True", "TRUE", "tRUE", "false", "False", "FALSE", "null", "Null", "NULL", "nULL", "~", "yes", "no"],
    *["on", "off", "y", "n", "9" * 30, "10 000", "1 000 000", "2021-05-15", "1:20"],
    *["2021-09", "2021-9", "09-2021", "1_000-2", "0x1f-0x2", "0o7-1", "0b1+1", "1.5e-3", "1E+3", "-1-1", "+1+1"],
]


# Words of what an integer is made of with a sign past their first character: text to both (a date, `2021-09`),
# or a float the values show (`1e-3`), which the Rust parser is asked about.
_SIGNED_WORDS = [
    word
    for length in (2, 3)
    for word in map("".join, itertools.product("07aAfxXoOb-+_.e", repeat=length))
    if "-" in word[1:] or "+" in word[1:]
]


def test_words_with_a_sign_inside_load_as_the_strict_loader_reads_them() -> None:
    """Every such word of up to three characters, as a value, a key, a list item and in a flow list."""
    for word in _SIGNED_WORDS:
        for text in (f"a: {word}\n", f"{word}: 1\n", f"a:\n- {word}\n", f"a: [{word}, 1]\n"):
            _same(text)


def test_the_rust_parser_takes_many_clean_files_and_no_refused_one() -> None:
    """The differential tests reach the Rust parser: it takes plainly fine files, and declines every file the
    marking builder finds anything in."""
    taken = refused = 0
    for seed in range(300):
        for text in (t for t in _texts(seed) if "9" * 4301 not in t):
            quick = loader._quick(text.encode(), DEFAULT_LIMITS.max_depth)
            taken += quick is not None
            refused += quick is not None and bool(loader._parse("f.yaml", text, DEFAULT_LIMITS).problems)
    assert taken > 30  # most generated files hold a float, a non-canonical number or a tag: read by libyaml
    assert refused == 0


@pytest.mark.parametrize("word", NUMBER_WORDS)
def test_number_words_load_as_the_strict_loader_reads_them(word: str) -> None:
    """As a value, a key, a list item, in a flow list and mapping, after a comment and quoted: the same values."""
    for text in [
        f"a: {word}\n",
        f"a: {word}  # note\n",
        f"{word}: 1\n",
        f"a:\n- {word}\n- x {word}\n",
        f"a: [{word}, {word} ]\n",
        f"a: {{k: {word}}}\n",
        f"a: '{word}'\nb: \"{word}\"\n",
        f"a: text\n  {word}\n",
        f"a:\n  {word}\n",
        f"a: file {word}_x.txt, {word}\n",
    ]:
        _same(text)


@pytest.mark.parametrize(
    "text",
    [
        "\ufeffa: 1\n",
        "a: 1\n\ufeffb: 2\n",
        "a: \ufffe\n",
        "a: '\uffff'\n",
        "- - - x\n",
        "a:\n  - - x\n  - ? y\n",
        "? - x\n: 1\n",
        "a: 1\n...\n",
        "---\na: 1\n",
        "a: 1\n--- \nb: 2\n",
        "a: 1\n---\n",
        "<<: {b: 1}\nc: 2\n",
        'a: "\\x41\\u00e4\\/\\_\\N\\L\\P"\n',
        'a: "line \\\n  continued\\ \\"quoted\\" \\\\ \\t \\n"\n',
        'a: "\\q"\n',
        "a: C:\\path\\to\n",
        "a: 'x\\y'\n",
        "a: b\r\nc: d\r\n",
        "a: b\rc: d\n",
        "a:\tb\n",
        "a: b \t\n",
        "a: b\n\tc: d\n",
        "a: |\n  x\n\n",
        "a: |+\n  x\n\n\nb: 1\n",
        "a: >-\n  x\n   y\n\n  z\n",
        "a: |2\n    x\n   y\n",
        "a: >\n\n  x\n",
        "a: 'multi\n  line\n\n  quoted'\n",
        'a: "multi\n  line\n\n  quoted"\n',
        "a: plain\n  multi # not a comment?\n  line\n",
        "a: x #c\nb: y#c\n",
        "? a\n: b\n",
        "? |\n  block key\n: 1\n",
        "a: [b, c]: d\n",
        "{a: 1, b: [2, {c: 3}]}\n",
        "a: {b: 1, b: 2}\n",
        "a: 1\n'a': 2\n",
        'a: 1\n"a": 2\n',
        "1: a\n",
        "true: a\nnull: b\n",
        "a: @x\n",
        "a: `x\n",
        "a: %x\n",
        "a: ,x\n",
        "a: -x\n",
        "a: ?x\n",
        "a: :x\n",
        "a:: x\n",
        "a: b: c\n",
        "a: [1, 2\n",
        "a: 'unclosed\n",
        "a:\n  - : \n",
        "a:\n  b: 1\n c: 2\n",
        "a:\n- 1\n  - 2\n",
        "a: x\n b\n",
        "a: \u00a0x\u00a0\n",
        "a:   \n",
        "a: []\nb: {}\nc: ''\nd:\n",
        "a: [,]\n",
        "a: [a,]\n",
        "a: {a, b}\n",
        "a: [a: b]\n",
        "a: - x\n",
        "- a\nb: 1\n",
        "a: 1\n# tail comment without newline",
        "a: 1",
        "a: \u0085\n",
        "a: \u2028\n",
        "a: \u200f\n",
        "a: '\u202e'\n",
        "a: merkit (** ja *) & muut!\n",
        "a: x *y\nb: x &y\nc: x !y\n",
        "a: [x, *y]\n",
        "a: [x, &y z]\n",
        "a: {x: *y}\n",
        "a:\n  - &z\n  - *z\n",
        "a: b\n  *c\n",
        "a: b\n  &c d\n",
        "a:*b\n",
        "a: !x\n",
        "a: ! x\n",
        "? &a x\n: 1\n",
        "- !!str 010\n",
        "a:\n  " + "b:\n  " * 70 + "c: 1\n",
        "a: " + "[" * 300 + "]" * 300 + "\n",
    ],
)
def test_the_rust_parser_agrees_or_declines_on_hostile_files(text: str) -> None:
    _same(text)
    _same(text, Limits(max_depth=2))


def test_block_indicators_in_a_row_never_reach_the_rust_parser() -> None:
    """`- - - … x` nests one level per indicator; the Rust parser recurses on them (and crashes past a few
    thousand), so a text holding more than the limit is read by libyaml, which refuses it at its own limit."""
    for text in ["- " * 30_000 + "x\n", "? " * 30_000 + "x\n", "- ? " * 15_000 + "x\n", "-\n" * 30_000]:
        assert loader._quick(text.encode(), 10_000) is None
        _same(text)


def _shipped() -> list[Path]:
    return sorted((Path(__file__).resolve().parent.parent / "data").rglob("*.yaml"))


def test_every_shipped_file_and_its_variants_load_as_the_strict_loader_reads_them() -> None:
    """Every programme, group and measure file of the repository, and each broken a few seeded ways; the Rust
    parser takes files of every kind."""
    rng = random.Random(16)
    taken: Counter[str] = Counter()
    for path in _shipped():
        text = path.read_text(encoding="utf-8")
        _same(text)
        if loader._quick(text.encode(), DEFAULT_LIMITS.max_depth) is not None:
            taken[path.name if path.name in ("programme.yaml", "_group.yaml") else "measure"] += 1
        for variant in (_hostile(rng, text) for _ in range(3)):
            if "9" * 4301 not in variant:  # refused by load_bytes before any parse
                _same(variant)
    assert taken["programme.yaml"] > 0
    assert taken["_group.yaml"] > 10
    assert taken["measure"] > 100


# What a scalar of a real file may hold: words, numbers in many spellings, indicators, escapes, quotes.
_WORDS = st.sampled_from([*NUMBER_WORDS, "x", "ä", "#", " # c", ": ", "-", "? ", "'", '"', "\\", "\\n", "\\ ", ","])


@settings(max_examples=400, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(["a", "b", "on", "1", "'q'"]), st.lists(_WORDS, max_size=5)), max_size=6))
def test_values_match_the_marking_builder_on_generated_mappings(items: list[tuple[str, list[str]]]) -> None:
    """Mappings of keys to scalars made of words that YAML 1.1, 1.2 and this loader read their own ways."""
    text = "".join(f"{key}: {''.join(words)}\n" for key, words in items)
    _same(text)
    _same(text.replace(": ", ": [", 1) + "]\n")
    _same(text.replace(": ", ":\n  - ").replace("\n\n", "\n"))


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="ab01+_xoe.:-?[]{},'\"#\\ \n\r\t~<>|\ufeff\u00a0\u0661", max_size=60))
def test_values_match_the_marking_builder_on_any_text_of_number_characters(text: str) -> None:
    _same(text)


# Characters the Rust parser is never handed (`loader._odd_bytes()`): controls but the line feed, bidirectional
# controls, line separators, the byte order mark, U+FFFE and U+FFFF.
_ODD = re.compile(f"[{loader.CONTROL_CHARACTERS}{loader.BIDI_CHARACTERS}\t\r\x85\u2028\u2029\ufeff\ufffe\uffff]")


def test_the_byte_screen_finds_every_character_the_rust_parser_is_not_handed() -> None:
    """Every character there is (surrogates have no UTF-8), alone and between others: the screen of the bytes
    finds exactly the characters of the text that the loader's findings and line breaks are made of."""
    wrong = [
        hex(code)
        for code in range(0x110000)
        if not 0xD800 <= code <= 0xDFFF
        and loader._odd_bytes(f"a: ä{chr(code)}x\n".encode()) != (_ODD.match(chr(code)) is not None)
    ]
    assert wrong == []
    assert not loader._odd_bytes("a: ä – ” € 𝄞 \u00a0 \u2027 \u202f \u2065 \ufffd\n".encode())


@pytest.mark.parametrize("digits", [4299, 4300, 4301, 9000])
def test_the_byte_screen_finds_a_run_of_digits_too_long_to_read(digits: int) -> None:
    """Where the run stands and what surrounds it: found when it is longer than Python reads, not otherwise."""
    too_long = digits > loader._MAX_DIGITS
    for text in [f"a: {'7' * digits}\n", f"a: x{'1' * digits}", f"{'0' * digits}: 1\nb: '{'1' * digits}'\n"]:
        assert loader._odd_bytes(text.encode()) == too_long
    assert not loader._odd_bytes(f"a: {'1' * 4000} {'2' * 4000}, {'3' * 4000}\n".encode())
    arabic = "\u0661" * digits
    assert not loader._odd_bytes(f"a: {arabic}\n".encode())  # digits of another script are text


def _loaded_strictly(raw: bytes) -> Any:
    """`load_bytes` with every file built by the marking builder: no Rust parser, no composer, no event loop of
    its own."""
    rust, composes, values = loader._yaml_rs, loader._COMPOSES, loader._values
    loader._yaml_rs, loader._COMPOSES, loader._values = None, False, loader._marked
    try:
        return load_bytes("f.yaml", raw)
    finally:
        loader._yaml_rs, loader._COMPOSES, loader._values = rust, composes, values


def _same_load(raw: bytes) -> None:
    """The first load of a file's bytes (the Rust parser handed them undecoded where it takes them) and the
    strict one: the same data, findings and text."""
    fast, strict = load_bytes("f.yaml", raw), _loaded_strictly(raw)
    assert (repr(fast.data), fast.problems, fast.text) == (repr(strict.data), strict.problems, strict.text), raw


# What a file's bytes may hold: plain words (half the pieces, so that the Rust parser takes many files), numbers,
# indicators, every kind of character the screen of the bytes looks for (and neighbours it must let through), and
# bytes that are not UTF-8.
_ODD_PIECES = [
    *[b"0x1f", b"010", b"1.5", b"- ", b"? ", b": ", b"[a, b]", b"{a: b}", b"&a ", b"*a", b"!t ", b"%", b"#"],
    *[b"'", b'"', b"\\", b"\\e", b"<<", b"---", b"...", b"\n", b"\n  ", b"9" * 4301],
    *[c.encode() for c in "\u00a0\u2027\u2065\u202f\ufffd\t\r\x00\x01\x1b\x7f\x85\x9f\u061c\u200e\u200f"],
    *[c.encode() for c in "\u2028\u2029\u202a\u202e\u2066\u2069\ufeff\ufffe\uffff"],
    *[b"\xff", b"\xc3", b"\xed\xa0\x80", b"\xc0\xaf", b"\xf4\x90\x80\x80", b"\xe2\x80", b"\x80"],
]
_PLAIN_PIECES = [b"x", b"1", b"12", b"  ", b" a", b"-", b"_", b"0", b"ok.", *(c.encode() for c in "ä–”€𝄞")]
_PIECES = st.one_of(st.sampled_from(_PLAIN_PIECES), st.sampled_from(_ODD_PIECES))


@settings(max_examples=600, deadline=None)
@given(
    st.lists(st.tuples(st.sampled_from([b"a", b"b", b"on", b"1", b"- a"]), st.lists(_PIECES, max_size=5)), max_size=6)
)
def test_any_bytes_load_as_the_strict_loader_reads_them(items: list[tuple[bytes, list[bytes]]]) -> None:
    """Mappings of keys to values made of those pieces, as they stand and as a list's items."""
    raw = b"".join(key + b": " + b"".join(pieces) + b"\n" for key, pieces in items)
    _same_load(raw)
    _same_load(raw.replace(b": ", b":\n  - ", 1))


@pytest.mark.parametrize("seed", range(100))
def test_generated_files_load_from_their_bytes_as_the_strict_loader_reads_them(seed: int) -> None:
    """The generated files, hostile ones too, and each with bytes that are not UTF-8 or a character the screen
    looks for put in somewhere."""
    rng = random.Random(seed)
    for text in _texts(seed):
        raw = text.encode()
        _same_load(raw)
        at = rng.randrange(len(raw) + 1)
        odd = rng.choice([b"\xff", b"\xc3", b"\xed\xa0\x80", "\u2028".encode(), "\u202e".encode(), b"\t", b"\x85"])
        _same_load(raw[:at] + odd + raw[at:])


def test_shipped_files_load_from_their_bytes_as_the_strict_loader_reads_them() -> None:
    """Every shipped file, which the Rust parser takes but for a few, as it stands and with one of the pieces
    above put in somewhere."""
    rng = random.Random(16)
    for path in _shipped():
        raw = path.read_bytes()
        _same_load(raw)
        for _ in range(2):
            at = rng.randrange(len(raw) + 1)
            _same_load(raw[:at] + rng.choice(_ODD_PIECES) + raw[at:])


# For each byte the screens look for first (`loader._RARE`), a file the Rust parser reads apart from libyaml
# unless that byte's screen refuses it.
_NEEDS_ITS_SCREEN = {
    **{code: f"a: x{chr(code)}y\n".encode() for code in (*range(0x09), *range(0x0B, 0x0D), *range(0x0E, 0x20), 0x7F)},
    0x09: b"a: |\n  x\n\t\n",
    0x21: b"a: !t x\n",
    0x26: b"a: &x 1\n",
    0x2B: b"a: +1\n",
    0x3C: b"<<: 1\n",
    0x5C: b'a: "\\e"\n',
    0x7B: b"a: {:b}\n",
    0xC2: "a: x\u0085y\n".encode(),
    0xD8: "a: x\u061cy\n".encode(),
    0xE2: "a: x\u2028y\n".encode(),
    0xEF: "\ufeffa: 1\n".encode(),
}
# Bytes whose every such file another screen refuses too, or both parsers read alike: a directive (`%`) stands
# before a `---` line, an alias (`*`) names an anchor (`&`), and a carriage return breaks a line for both.
_ALSO_REFUSED = {0x25: b"%YAML 1.1\n---\na: 1\n", 0x2A: b"a: [&x 1, *x]\n", 0x0D: b"a: b\rc: d\r\n"}


def test_each_byte_the_screens_look_for_first_is_kept_for_them(monkeypatch: pytest.MonkeyPatch) -> None:
    """The one translation that keeps the rare bytes of a file (`loader._rare()`) keeps every one a screen
    needs: with any one of them dropped, a file holding it loads apart from the strict loader."""
    assert set(_NEEDS_ITS_SCREEN) | set(_ALSO_REFUSED) == set(loader._RARE)
    for raw in [*_NEEDS_ITS_SCREEN.values(), *_ALSO_REFUSED.values()]:
        _same_load(raw)
    for byte, raw in _NEEDS_ITS_SCREEN.items():
        monkeypatch.setattr(loader, "_COMMON", loader._COMMON + bytes([byte]))
        with pytest.raises(AssertionError):
            _same_load(raw)
        monkeypatch.undo()


def test_the_screens_look_past_a_mark_in_a_sentence_to_one_that_starts_a_node() -> None:
    """An anchor, alias or tag after the same character inside a sentence is still found: the Rust parser is
    not handed the file."""
    for text in ["a: merkit & muut\nb: &x 1\n", "a: x * y\nb: [&x 1, *x]\n", "a: hei!\nb: !t x\n"]:
        assert loader._quick(text.encode(), DEFAULT_LIMITS.max_depth) is None
        _same(text)
        _same_load(text.encode())


_PLAIN_OTHER_BRACKET = re.compile(rb"\[(?!" + loader._SIMPLE_FLOW_REST + rb")", re.MULTILINE)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(["[1, 2]", "[12, 20]", "[1,2]", "[1, x]", "[", "]", ",", " ", "\n", "x", ":", "#"])))
def test_a_bracket_opening_no_simple_sequence_is_found_as_the_plain_search_finds_it(pieces: list[str]) -> None:
    """The search for a `[` that opens no simple flow sequence tells `[12, 20]` at a line's end in fewer steps:
    it finds the very brackets the plain search (the simple sequence's pattern alone) finds."""
    raw = "".join(pieces).encode()
    found = [m.start() for m in loader._OTHER_BRACKET.finditer(raw)]
    assert found == [m.start() for m in _PLAIN_OTHER_BRACKET.finditer(raw)]
