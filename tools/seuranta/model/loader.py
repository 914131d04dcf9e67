"""The one strict YAML loader: every command reads data through `load()`.

Parsing runs on libyaml's event stream (the C parser where available), and the
values are built here, so that nothing YAML 1.1 would guess is ever produced,
aliases are never expanded, and depth is bounded before anything is built.
Every refusal is a located `Problem`, never an exception.
"""

from __future__ import annotations

import bisect
import errno
import importlib
import os
import re
import stat
import sys
from collections.abc import Callable, Iterator, Mapping
from pathlib import Path
from typing import Any, NamedTuple

import yaml

from seuranta.model import marks, syntax
from seuranta.model.access import KINDS, reason
from seuranta.model.access import MESSAGES as FILE_MESSAGES
from seuranta.model.problem import ERROR, WARNING, Message, Problem

_Parser: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

Path_ = tuple[Any, ...]
Mark = tuple[int, int]


class Limits(NamedTuple):
    max_bytes: int = 1_048_576
    max_depth: int = 64


DEFAULT_LIMITS = Limits()


class _Fields(NamedTuple):
    path: str
    data: Any
    marks: Mapping[Path_, int]
    key_marks: Mapping[Path_, int]
    problems: list[Problem]
    text: str | Source


class Parsed(_Fields):
    """A loaded file: `data` is None when the file could not be trusted.

    `marks` and `key_marks` hold each node's packed line and column by path; `position()` unpacks one.
    `text` is the file's text: a file that loads keeps its bytes (`Source`), decoded when first asked for.
    """

    __slots__ = ()

    @property
    def text(self) -> str:
        kept = self[5]
        return kept if isinstance(kept, str) else kept.text()


class Source:
    """A loaded file's text kept as its bytes, which hold valid UTF-8 and no byte order mark (both are the
    loader's errors): a text of Finnish with one character past U+00FF in it (a dash, a quotation mark) takes
    two bytes a character as a string, most of a worker's memory. Decoded when first asked for (for a
    finding's position: most files have none), and kept until `forget_positions()`."""

    __slots__ = ("decoded", "raw")

    def __init__(self, raw: bytes) -> None:
        self.raw = raw
        self.decoded: str | None = None

    def text(self) -> str:
        if self.decoded is None:
            self.decoded = self.raw.decode("utf-8")
        return self.decoded


def _packed(event: Any) -> int:
    """A node's 0-based line and column in one int: a third of the memory of libyaml's mark object."""
    mark = event.start_mark
    packed: int = (mark.line << 24) | mark.column
    return packed


def position(mark: int) -> Mark:
    """A stored mark as a 1-based (line, column)."""
    return (mark >> 24) + 1, (mark & 0xFFFFFF) + 1


MESSAGES: dict[str, tuple[str, Message]] = {
    **syntax.MESSAGES,
    **FILE_MESSAGES,
    "yaml-duplicate-key": (
        ERROR,
        Message(
            "Avain '{key}' on kahdesti (rivit {first} ja {line}). Poista tai yhdistä toinen.",
            "Key '{key}' appears twice (lines {first} and {line}). Remove or merge one of them.",
        ),
    ),
    "yaml-alias": (
        ERROR,
        Message(
            "Viittausta (*{name}) ei sallita. Kirjoita arvo auki.",
            "Aliases (*{name}) are not allowed. Write the value out in full.",
        ),
    ),
    "yaml-anchor": (
        ERROR,
        Message("Ankkuria (&{name}) ei sallita. Poista se.", "Anchors (&{name}) are not allowed. Remove it."),
    ),
    "yaml-merge-key": (
        ERROR,
        Message(
            "Yhdistämisavainta '<<' ei sallita. Kirjoita avaimet auki.",
            "The merge key '<<' is not allowed. Write the keys out in full.",
        ),
    ),
    "yaml-tag": (
        ERROR,
        Message(
            "Tyyppimerkintää {name} ei sallita. Poista se; tarvittaessa käytä lainausmerkkejä.",
            "Explicit tags ({name}) are not allowed. Remove it; use quotes if needed.",
        ),
    ),
    "yaml-directive": (
        ERROR,
        Message(
            "%-direktiivejä ei sallita. Poista rivi, joka alkaa %-merkillä.",
            "Directives are not allowed. Remove the line starting with %.",
        ),
    ),
    "yaml-multiple-documents": (
        ERROR,
        Message(
            "Tiedostossa saa olla vain yksi dokumentti. Poista '---'-erotin ja sitä seuraava osa tai siirrä se omaan tiedostoonsa.",
            "A file holds one document only. Remove the '---' separator and what follows, or move it to its own file.",
        ),
    ),
    "yaml-depth": (
        ERROR,
        Message(
            "Sisäkkäisiä tasoja on yli {limit}. Tarkista sisennys.",
            "Nesting is deeper than {limit} levels. Check the indentation.",
        ),
    ),
    "yaml-line-separator": (
        WARNING,
        Message(
            "Tekstissä on merkki {char}, jonka YAML lukee rivinvaihdoksi (usein tekstinkäsittelystä kopioitu). "
            "Vaihda se tavalliseksi rivinvaihdoksi tai välilyönniksi.",
            "The text holds the character {char}, which YAML reads as a line break (often copied from a word "
            "processor). Replace it with a plain line break or a space.",
        ),
    ),
    "yaml-number-too-long": (
        ERROR,
        Message(
            "Luvussa on {digits} numeroa, enemmän kuin voidaan lukea ({limit}). Korjaa luku.",
            "The number has {digits} digits, more than can be read ({limit}). Fix the number.",
        ),
    ),
    "yaml-too-large": (
        ERROR,
        Message(
            "Tiedosto on liian suuri ({size} tavua, raja {limit}). Jaa se useaan tiedostoon.",
            "The file is too large ({size} bytes, limit {limit}). Split it into several files.",
        ),
    ),
    "yaml-encoding": (
        ERROR,
        Message(
            "Tiedosto ei ole UTF-8-merkistöä (tavu {byte}). Tallenna se UTF-8-muodossa.",
            "The file is not UTF-8 (byte {byte}). Save it as UTF-8.",
        ),
    ),
    "yaml-bom": (
        ERROR,
        Message(
            "Tiedoston alussa on BOM-merkki. Tallenna UTF-8-muodossa ilman BOM-merkkiä.",
            "The file starts with a byte order mark. Save it as UTF-8 without BOM.",
        ),
    ),
    "yaml-control-character": (
        ERROR,
        Message(
            "Tekstissä on näkymätön ohjausmerkki {char}. Poista se.",
            "The text contains an invisible control character {char}. Remove it.",
        ),
    ),
    "yaml-bidi-character": (
        WARNING,
        Message(
            "Tekstissä on kirjoitussuuntaa muuttava merkki {char}, joka voi kätkeä sisältöä. Poista se.",
            "The text contains a bidirectional control character {char} that can hide content. Remove it.",
        ),
    ),
    "yaml-not-mapping": (
        ERROR,
        Message(
            "Tiedoston ylimmän tason pitää olla avain: arvo -pareja (esim. 'id: …').",
            "The top level of the file must be key: value pairs (e.g. 'id: …').",
        ),
    ),
    "yaml-empty": (
        ERROR,
        Message(
            "Tiedosto on tyhjä. Lisää sisältö tai poista tiedosto.",
            "The file is empty. Add content or delete the file.",
        ),
    ),
    "yaml-complex-key": (
        ERROR,
        Message(
            "Avaimen pitää olla tavallinen sana, ei lista tai rakenne.",
            "A key must be a plain word, not a list or a mapping.",
        ),
    ),
}

# The characters a data file may not contain (the bodies of regular-expression classes): control
# characters other than tab, line feed, carriage return and NEL, and the bidirectional controls.
CONTROL_CHARACTERS = "\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x84\x86-\x9f"
BIDI_CHARACTERS = "\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069"
_CONTROL = re.compile(f"[{CONTROL_CHARACTERS}]")
_FORBIDDEN = re.compile(f"[{CONTROL_CHARACTERS}{BIDI_CHARACTERS}]")  # one scan of a text that holds neither
# Line breaks libyaml counts and a text editor may not: its line numbers differ after one.
_LINE_SEPARATORS = re.compile("[\x85\u2028\u2029]")
_LONE_CR = re.compile("\r(?!\n)")


def _has_separators(text: str) -> bool:
    return "\u2028" in text or "\x85" in text or "\u2029" in text  # `in` is far cheaper than a regex scan


def _odd_breaks(text: str) -> bool:
    return _has_separators(text) or ("\r" in text and _LONE_CR.search(text) is not None)


# Python reads an integer of at most this many digits (sys.get_int_max_str_digits(), 4300 by default):
# a longer run of digits anywhere (a value or a figure in the prose) is refused before anything reads it.
_MAX_DIGITS = sys.get_int_max_str_digits() or 4300
# The look-behind starts a match only at a run's first digit, which keeps the scan linear.
_TOO_LONG = re.compile(f"(?<![0-9])[0-9]{{{_MAX_DIGITS + 1},}}")
_LONG_RUN = re.compile(f"[0-9]{{{_MAX_DIGITS + 1}}}")  # whether there is one (led by a digit, so twice as fast)
# libyaml's own nesting limit, whatever a configuration allows.
LIBYAML_DEPTH = 1000
_BIDI = re.compile(f"[{BIDI_CHARACTERS}]")
_INT = re.compile(r"-?(?:0|[1-9][0-9]*)\Z")
_FLOAT = re.compile(r"-?(?:0|[1-9][0-9]*)\.[0-9]*[1-9]\Z")
_NULLS = frozenset(("", "~", "null", "Null", "NULL"))
_BOOLS = {"true": True, "True": True, "TRUE": True, "false": False, "False": False, "FALSE": False}


def finding(path: str, mark: Mark, rule: str, **fields: Any) -> Problem:
    severity, message = MESSAGES[rule]
    text = Message(message.fi.format(**fields), message.en.format(**fields))
    return Problem(path, mark[0], mark[1], rule, severity, text)


def resolve(value: str) -> Any:
    """YAML 1.2 core, narrowed: null, true/false, plain integers and floats; the rest is text."""
    if value in _NULLS:
        return None
    if value in _BOOLS:
        return _BOOLS[value]
    if _INT.match(value):
        return int(value)
    if _FLOAT.match(value):
        return float(value)
    return value


def _offset_mark(text: str, offset: int) -> Mark:
    return text.count("\n", 0, offset) + 1, offset - text.rfind("\n", 0, offset)


def _decode(path: str, raw: bytes) -> tuple[str, list[Problem]]:
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as err:
        line = raw.count(b"\n", 0, err.start) + 1
        column = err.start - raw.rfind(b"\n", 0, err.start)
        byte = f"0x{raw[err.start]:02x}"
        return "", [finding(path, (line, column), "yaml-encoding", byte=byte)]
    if text.startswith("\ufeff"):
        return text, [finding(path, (1, 1), "yaml-bom")]
    return text, []


class Character(NamedTuple):
    """A character a data file may not hold: where it is in a text, the loader's rule for it, and its name."""

    offset: int
    rule: str
    char: str


def forbidden_characters(text: str) -> list[Character]:
    """Each control and bidirectional character in a text, in the order the loader reports them."""
    found = [Character(m.start(), "yaml-control-character", f"U+{ord(m.group()):04X}") for m in _CONTROL.finditer(text)]
    return found + [
        Character(m.start(), "yaml-bidi-character", f"U+{ord(m.group()):04X}") for m in _BIDI.finditer(text)
    ]


def _characters(path: str, text: str) -> list[Problem]:
    """Forbidden characters, line separators and over-long numbers, each at its line:column (one pass
    over the line feeds places them all, however many there are)."""
    found: list[tuple[int, str, dict[str, Any]]] = (
        [(c.offset, c.rule, {"char": c.char}) for c in forbidden_characters(text)] if _FORBIDDEN.search(text) else []
    )
    if _has_separators(text):
        found += [
            (m.start(), "yaml-line-separator", {"char": f"U+{ord(m.group()):04X}"})
            for m in _LINE_SEPARATORS.finditer(text)
        ]
    if len(text) > _MAX_DIGITS and _LONG_RUN.search(text):  # a shorter text holds no such run
        found += [
            (m.start(), "yaml-number-too-long", {"digits": m.end() - m.start(), "limit": _MAX_DIGITS})
            for m in _TOO_LONG.finditer(text)
        ]
    if not found:
        return []
    feeds = [m.start() for m in re.finditer("\n", text)]
    return [finding(path, _mark_in(feeds, offset), rule, **fields) for offset, rule, fields in found]


def _mark_in(feeds: list[int], offset: int) -> Mark:
    """The 1-based line and column of an offset, given the offsets of the text's line feeds."""
    before = bisect.bisect_left(feeds, offset)
    return before + 1, offset - (feeds[before - 1] if before else -1)


# A double-quoted scalar's escapes ("\0", "\e", "\x1b", "\u202e"): what each one stands for.
_ESCAPE = re.compile(r"\\(x[0-9A-Fa-f]{2}|u[0-9A-Fa-f]{4}|U[0-9A-Fa-f]{8}|.)", re.DOTALL)
_ESCAPED = {"0": "\0", "a": "\a", "b": "\b", "v": "\v", "f": "\f", "e": "\x1b", "N": "\x85"}
_ESCAPED |= {"L": "\u2028", "P": "\u2029"}


def _escaped_characters(path: str, text: str, start: int, end: int) -> list[Problem]:
    """Control and bidirectional characters written as escapes in text[start:end]: the same findings as
    raw ones, located at their backslash."""
    found = []
    for escape in _ESCAPE.finditer(text, start, end):
        code = escape.group(1)
        char = chr(int(code[1:], 16)) if len(code) > 1 else _ESCAPED.get(code, "")
        found += [
            finding(path, _offset_mark(text, escape.start()), c.rule, char=c.char) for c in forbidden_characters(char)
        ]
    return found


class _Frame:
    __slots__ = ("key", "key_mark", "path", "seen", "value")

    def __init__(self, value: Any, path: Path_) -> None:
        self.value = value
        self.path = path
        self.key: Any = None
        self.key_mark: int = 0
        self.seen: dict[str, int] = {}


class _Builder:
    """Builds plain Python values from events, recording where each one stood when `positions`."""

    def __init__(self, path: str, limits: Limits, text: str = "", *, positions: bool = True) -> None:
        self.path = path
        self.limits = limits
        self.text = text
        self.positions = positions
        self.line_starts: list[int] = []
        self.stack: list[_Frame] = []
        self.root: Any = None
        self.marks: dict[Path_, int] = {}
        self.key_marks: dict[Path_, int] = {}
        self.problems: list[Problem] = []
        self.documents = 0
        self.odd_breaks = _odd_breaks(text)
        self.line_feeds: list[int] = []
        self.pack: Callable[[Any], int] = self._pack_counted if self.odd_breaks else _packed

    def where(self, mark: Any) -> Mark:
        """A libyaml mark as the 1-based line and column an editor sees (lines split at line feeds only)."""
        if not self.odd_breaks:
            return mark.line + 1, mark.column + 1
        if not self.line_feeds:
            self.line_feeds = [m.start() for m in re.finditer("\n", self.text)]
        return _mark_in(self.line_feeds, int(mark.index))

    def _pack_counted(self, event: Any) -> int:
        line, column = self.where(event.start_mark)
        return ((line - 1) << 24) | (column - 1)

    def refuse(self, event: Any, rule: str, **fields: Any) -> None:
        self.problems.append(finding(self.path, self.where(event.start_mark), rule, **fields))

    def offset(self, mark: Any) -> int:
        """A mark's offset in the text (libyaml counts lines and columns in characters)."""
        if self.odd_breaks:
            return int(mark.index)
        if not self.line_starts:
            self.line_starts = [0, *(m.end() for m in re.finditer("\n", self.text))]
        start: int = self.line_starts[min(mark.line, len(self.line_starts) - 1)]
        return start + int(mark.column)

    def check_escapes(self, event: Any) -> None:
        """A double-quoted scalar may write a control or bidi character as an escape; find it there."""
        if event.style == '"' and (_CONTROL.search(event.value) or _BIDI.search(event.value)):
            start, end = self.offset(event.start_mark), self.offset(event.end_mark)
            self.problems += _escaped_characters(self.path, self.text, start, end)

    def check_node(self, event: Any) -> None:
        if event.anchor is not None:
            self.refuse(event, "yaml-anchor", name=event.anchor)
        tag = event.tag
        if tag is not None and tag != "!" and not (isinstance(event, yaml.ScalarEvent) and event.implicit[0]):
            self.refuse(event, "yaml-tag", name=tag)

    def place(self, value: Any, event: Any, *, container: bool) -> Path_ | None:
        """Put a value (or a key) into the current container; return the value's path."""
        if not self.stack:
            self.root = value
            self.marks[()] = self.pack(event)
            return ()
        frame = self.stack[-1]
        if isinstance(frame.value, list):
            where = (*frame.path, len(frame.value)) if container or self.positions else None
            frame.value.append(value)
            if self.positions:
                self.marks[where] = self.pack(event)  # type: ignore[index]
            return where
        if frame.key is None:
            self.take_key(frame, event, container=container)
            return None
        where = (*frame.path, frame.key) if container or self.positions else None
        frame.value[frame.key] = value
        if self.positions:
            self.marks[where] = self.pack(event)  # type: ignore[index]
            self.key_marks[where] = frame.key_mark  # type: ignore[index]
        frame.key = None
        return where

    def take_key(self, frame: _Frame, event: Any, *, container: bool) -> None:
        if container:
            self.refuse(event, "yaml-complex-key")
            frame.key = "\x00complex"
            return
        key = event.value
        line = self.where(event.start_mark)[0]
        if key == "<<" and not event.style:
            self.refuse(event, "yaml-merge-key")
        elif key in frame.seen:
            self.refuse(event, "yaml-duplicate-key", key=key, first=frame.seen[key], line=line)
        frame.seen.setdefault(key, line)
        frame.key, frame.key_mark = key, self.pack(event)

    def start(self, value: Any, event: Any) -> bool:
        self.check_node(event)
        if len(self.stack) >= self.limits.max_depth:
            self.refuse(event, "yaml-depth", limit=self.limits.max_depth)
            return False
        where = self.place(value, event, container=True)
        self.stack.append(_Frame(value, where if where is not None else ("\x00",)))
        return True

    def feed(self, event: Any) -> bool:
        """Handle one event; False stops the parse."""
        kind = type(event)
        if kind is yaml.ScalarEvent:
            self.check_node(event)
            self.check_escapes(event)
            plain = not event.style and (event.tag is None or event.implicit[0])
            if self.stack and isinstance(self.stack[-1].value, dict) and self.stack[-1].key is None:
                self.place(event.value, event, container=False)
            else:
                self.place(resolve(event.value) if plain else event.value, event, container=False)
        elif kind is yaml.MappingStartEvent:
            return self.start({}, event)
        elif kind is yaml.SequenceStartEvent:
            return self.start([], event)
        elif kind is yaml.MappingEndEvent or kind is yaml.SequenceEndEvent:
            self.stack.pop()
        elif kind is yaml.AliasEvent:
            self.refuse(event, "yaml-alias", name=event.anchor)
            self.place(None, event, container=True)
        elif kind is yaml.DocumentStartEvent:
            return self.document(event)
        return True

    def document(self, event: Any) -> bool:
        self.documents += 1
        if self.documents > 1:
            self.refuse(event, "yaml-multiple-documents")
            return False
        if event.version is not None or event.tags:
            self.refuse(event, "yaml-directive")
        return True


def _is_tab(text: str, index: int) -> bool:
    return 0 <= index < len(text) and text[index] == "\t"


def _parse(path: str, text: str, limits: Limits, *, positions: bool = True, quick: bool = True) -> _Builder:
    """The values of a file and its problems; with `positions`, where every node stands too. Without `quick`
    the Rust parser is not asked (`load_bytes()` has asked it about these very bytes)."""
    builder = _Builder(path, limits, text, positions=positions)
    if not positions:
        builder.root = _quick(text.encode(), limits.max_depth) if quick else None
        if builder.root is None:
            builder.root = _composed(text, limits.max_depth)
        if builder.root is not None:
            return builder
    loader = _Parser(text)
    try:
        if positions:
            _marked(builder, loader)
        else:
            _values(builder, loader)
    finally:
        loader.dispose()
    return builder


def _marked(builder: _Builder, loader: Any) -> None:
    """Every event through `_Builder.feed`, which records each node's mark."""
    event = None
    try:
        while loader.check_event():
            event = loader.get_event()
            if not builder.feed(event):
                break
    except yaml.YAMLError as err:
        _broken(builder, err, event)


def _broken(builder: _Builder, err: yaml.YAMLError, last: Any) -> None:
    """libyaml's error as one finding at its cause; `last` is the last event read before it."""
    path, limits = builder.path, builder.limits
    if isinstance(err, yaml.MarkedYAMLError):
        mark = err.problem_mark or err.context_mark
        if "nesting depth" in (err.problem or ""):
            where = builder.where(mark) if mark else (1, 1)
            builder.problems.append(finding(path, where, "yaml-depth", limit=min(limits.max_depth, LIBYAML_DEPTH)))
        else:
            found = syntax.explain(err, builder.text, last, builder.where)
            builder.problems.append(finding(path, found.mark, found.rule, **found.fields))
        return
    detail = syntax.DETAILS.get(str(err).splitlines()[0], syntax.UNKNOWN_DETAIL)
    builder.problems.append(finding(path, (1, 1), "yaml-syntax", detail_fi=detail[0], detail_en=detail[1]))


# A key awaiting its value after a key that was a list or a mapping (the file fails; its data is never used).
_COMPLEX = "\x00complex"
# Plain and quoted scalars up to this length are interned: keys, dates, file names, kinds and answers repeat
# across a repository's files, and one copy of each is most of what its values weigh.
_SHORT = 40


def _values(builder: _Builder, loader: Any) -> None:
    """The values and problems `_Builder.feed` gives, without a mark for any node but the root.

    The same decisions in one loop over the events, for the first load of every file: no mark is packed,
    no path is built, and a mapping's keys are remembered only while it is open."""
    scalar, mapping, sequence = yaml.ScalarEvent, yaml.MappingStartEvent, yaml.SequenceStartEvent
    ends = (yaml.MappingEndEvent, yaml.SequenceEndEvent)
    depth, odd, intern = builder.limits.max_depth, builder.odd_breaks, sys.intern
    stack: list[Any] = []  # the open containers
    keys: list[Any] = []  # per open container: the key awaiting its value, None while a key comes next
    seen: list[dict[str, int]] = []  # per open container: the line of each key so far
    event = None
    try:
        for event in iter(loader.get_event, None):
            kind = event.__class__
            if kind is scalar:
                if event.anchor is not None or event.tag is not None:
                    builder.check_node(event)
                style, value = event.style, event.value
                if style == '"':
                    builder.check_escapes(event)
                if len(value) <= _SHORT:
                    value = intern(value)
                if stack and keys[-1] is None and stack[-1].__class__ is dict:
                    keys[-1] = _key(builder, event, value, seen[-1], odd)
                    continue
                if not style and (event.tag is None or event.implicit[0]):
                    value = resolve(value)
                if not stack:
                    builder.root = value
                    builder.marks[()] = builder.pack(event)
                elif keys[-1] is None:
                    stack[-1].append(value)
                else:
                    stack[-1][keys[-1]] = value
                    keys[-1] = None
            elif kind is mapping or kind is sequence:
                builder.check_node(event)
                if len(stack) >= depth:
                    builder.refuse(event, "yaml-depth", limit=depth)
                    return
                value = {} if kind is mapping else []
                _put(builder, event, value, stack, keys)
                stack.append(value)
                keys.append(None)
                seen.append({})
            elif kind in ends:
                stack.pop()
                keys.pop()
                seen.pop()
            elif kind is yaml.AliasEvent:
                builder.refuse(event, "yaml-alias", name=event.anchor)
                _put(builder, event, None, stack, keys)
            elif kind is yaml.DocumentStartEvent and not builder.document(event):
                return
    except yaml.YAMLError as err:
        _broken(builder, err, event)


# What may start an anchor, an alias or a tag (& * ! not after a letter or digit), or a directive (% at the
# start of a line): a file holding none of them is one libyaml's composer reads as the event loop does.
_NODE_MARKS = re.compile("[&*!]")
_DIRECTIVE = re.compile("[\n\r\x85\u2028\u2029]%")


def _suspect(text: str) -> bool:
    if "%" in text and (text.startswith("%") or _DIRECTIVE.search(text)):
        return True
    if "&" not in text and "*" not in text and "!" not in text:
        return False
    return any(m.start() == 0 or not text[m.start() - 1].isalnum() for m in _NODE_MARKS.finditer(text))


# libyaml's parser and composer (absent when PyYAML is built without libyaml: the event loop reads every file).
_CParser: Any = getattr(getattr(yaml, "cyaml", None), "CParser", object)


class _Composer(_CParser):  # type: ignore[misc]
    """libyaml's C parser and composer, resolving no tag: values are resolved as the event loop resolves them."""

    def descend_resolver(self, *_: Any) -> None:
        return None

    def ascend_resolver(self) -> None:
        return None

    def resolve(self, *_: Any) -> str:
        return ""


_COMPOSES = _CParser is not object


class _Declined(Exception):
    """The composed nodes hold something the event loop would refuse or report: it reads the file instead."""


def _composed(text: str, max_depth: int) -> dict[str, Any] | None:
    """A file's values read through libyaml's C composer, when they are plainly fine: a mapping with no anchor,
    alias, tag, directive, merge key, complex or duplicate key, escaped control character or nesting past
    `max_depth`, and no syntax error. Anything else is None, and the event loop reads the file for its
    findings. (`tests/test_loader_values.py` holds the two to the same data on generated and hostile files.)"""
    if not _COMPOSES or _suspect(text):
        return None
    try:
        root = _compose(text)
        if root is None or root.__class__ is not yaml.MappingNode:
            return None
        built: dict[str, Any] = _from_node(root, 0, max_depth)
    except (yaml.YAMLError, _Declined, RecursionError):
        return None
    return built


def _compose(text: str) -> Any:
    """The root node of `text` from libyaml's C composer (None for an empty text); it raises as the composer does."""
    composer = _Composer(text)
    try:
        return composer.get_single_node()
    finally:
        composer.dispose()


def _from_node(node: Any, depth: int, max_depth: int) -> Any:
    """One composed node's value, resolved as the event loop resolves it."""
    kind = node.__class__
    if kind is yaml.ScalarNode:
        return _scalar_value(node, resolved=True)
    if depth >= max_depth:
        raise _Declined
    if kind is yaml.SequenceNode:
        return [_from_node(item, depth + 1, max_depth) for item in node.value]
    built: dict[str, Any] = {}
    for key, value in node.value:
        if key.__class__ is not yaml.ScalarNode:
            raise _Declined
        name = _scalar_value(key, resolved=False)
        if name in built or name == "<<":
            raise _Declined
        built[name] = _from_node(value, depth + 1, max_depth)
    return built


def _scalar_value(node: Any, *, resolved: bool) -> Any:
    value: str = node.value
    style = node.style
    if style == '"' and (_CONTROL.search(value) or _BIDI.search(value)):
        raise _Declined
    if len(value) <= _SHORT:
        value = sys.intern(value)
    return resolve(value) if resolved and not style else value


# The Rust parser (yaml-rs) reads YAML 1.2, and what this loader refuses it reads or misses: it is asked only
# about a text in which no difference can show, and its values are taken only when they hold nothing the two
# read apart (`tests/test_loader_values.py` holds it to the marking builder). The text may hold no control or
# bidirectional character, run of digits too long to read (all findings), tab, carriage return or line
# separator (libyaml and YAML 1.2 break lines and indent differently), no byte order mark, U+FFFE or U+FFFF
# (libyaml skips the one, refuses the others), no document marker at a line's start, no `<<`, no escape but `\ `, `\"`,
# `\\`, `\n`, `\t` and a line continuation (an escaped control character is a finding), and no plain number
# that YAML 1.2 reads and this loader keeps as text (`010`, `+1`, `0x1f`, `1_000`). Floats (`1.10`, `.inf`),
# keys that are not text and nesting past the limit are found in the values.
# Its allocator (mimalloc) keeps freed memory for later and commits its arena eagerly: 16 MiB more in every
# process that reads a large tree, unless told to return what is freed at once (an explicit setting wins).
os.environ.setdefault("MIMALLOC_PURGE_DELAY", "0")
os.environ.setdefault("MIMALLOC_ARENA_EAGER_COMMIT", "0")
_yaml_rs: Any
try:
    _yaml_rs = importlib.import_module("yaml_rs")
except ImportError:  # pragma: no cover - a declared dependency; without it libyaml reads every file
    _yaml_rs = None
# Each search led by one byte, so that it skips to that byte (one alternation would not). A word's characters
# are taken at once (`(?=(…))\1`, what an atomic group does): giving any back can never end the scalar.
_NUMBER_END = rb"(?=([0-9A-Za-z_]*))\1[ ]*(?:$|[#,\]}])"  # the rest of a scalar that is one number-like word
_NOT_CANONICAL = [
    re.compile(rb"\+(?<![\w.+-]\+)[0-9]" + _NUMBER_END, re.MULTILINE),  # +1
    re.compile(rb"_" + _NUMBER_END, re.MULTILINE),  # 1_000, _1
    re.compile(rb"0(?<![\w.]0)[0-9A-Za-z_]" + _NUMBER_END, re.MULTILINE),  # 010, -010, 0x1f, 0o7, 0b1
]
_UNSIGNED = _NOT_CANONICAL[1:]  # the searches of bytes that hold no `+`
_UNSAFE_ESCAPE = re.compile(rb'\\[^ "\\nt\n]')
_DOCUMENT_MARK = re.compile(rb"\n(?:---|\.\.\.)")
# Block indicators in a row (`- - - x`) nest without bound in the Rust parser, which recurses on them: a text
# long enough to hold this many is counted first.
_COMPACT_LIMIT = 2000
# The characters no text for the Rust parser may hold, as UTF-8: every ASCII control but the line feed (tab and
# carriage return too), found with the runs of digits in one translation of the bytes (`_SCREEN`: a control to
# 0x00, a digit to "0", any other byte to "a"); and the others, each found by a search led by the byte its UTF-8
# starts with (`tests/test_loader_values.py` holds them to `CONTROL_CHARACTERS`,
# `BIDI_CHARACTERS`, the line separators and the byte order mark, U+FFFE and U+FFFF, on every character).
_ODD_ASCII = frozenset((*range(0x0A), *range(0x0B, 0x20), 0x7F))
_SCREEN = bytes(0 if c in _ODD_ASCII else 0x30 if 0x30 <= c <= 0x39 else 0x61 for c in range(256))
_ODD_WIDE = (
    (0xC2, re.compile(rb"\xc2[\x80-\x9f]")),  # U+0080-U+009F (NEL among them)
    (0xD8, re.compile(rb"\xd8\x9c")),  # U+061C
    (0xE2, re.compile(rb"\xe2(?:\x80[\x8e\x8f\xa8-\xae]|\x81[\xa6-\xa9])")),  # U+200E-F, U+2028-E, U+2066-9
    (0xEF, re.compile(rb"\xef(?:\xbb\xbf|\xbf[\xbe\xbf])")),  # U+FEFF, U+FFFE, U+FFFF
)
_LONG_RUN_SCREENED = b"0" * (_MAX_DIGITS + 1)
_NODE_MARKS_ASCII = b"&*!"
# The bytes the screens below look for first, before any search: the ASCII controls, the leading bytes of
# `_ODD_WIDE`, and what starts an anchor, alias, tag, directive, merge key, escape, flow mapping or signed number.
# Most files hold none, and one translation of a file's bytes keeps these alone (`_rare()`): every screen then
# asks that short string whether a byte is there, and searches the whole file only when it is.
# (`tests/test_loader_values.py` holds each of them to a text the Rust parser would read apart without it.)
_RARE = bytes(sorted({*_ODD_ASCII, *(lead for lead, _ in _ODD_WIDE), *b"&*!%<\\{+"}))
_COMMON = bytes(sorted(set(range(256)) - set(_RARE)))


def _rare(raw: bytes) -> bytes:
    """The bytes of `raw` that are in `_RARE`, in their order: for most files none."""
    return raw.translate(None, _COMMON)


def _odd_bytes(raw: bytes, rare: bytes | None = None) -> bool:
    """Whether a file's bytes hold a character the Rust parser may not read (above), or a run of digits too long
    to read as a number (`_characters()` reports it). `rare` is `_rare(raw)`, made here when not given."""
    rare = _rare(raw) if rare is None else rare
    if rare and (min(rare) < 0x20 or 0x7F in rare):
        return True
    for lead, search in _ODD_WIDE:
        if lead in rare and search.search(raw):
            return True
    return len(raw) > _MAX_DIGITS and _LONG_RUN_SCREENED in raw.translate(_SCREEN)


def _node_property(raw: bytes, rare: bytes | None = None) -> bool:
    """Whether the bytes may hold a directive, or an anchor, alias or tag where a node starts (`_suspect()` looks
    no further than the character before: the stars of "(** ja *)" in a sentence are text to both parsers). Lines
    are taken to break at line feeds alone: `_odd_bytes()` refuses the other breaks first. `rare` is `_rare(raw)`."""
    rare = _rare(raw) if rare is None else rare
    if b"%" in rare and (raw.startswith(b"%") or b"\n%" in raw):
        return True
    for mark in _NODE_MARKS_ASCII:
        at = raw.find(mark) if mark in rare else -1  # one byte is found faster than a class of three
        while at >= 0:
            if _after_indicator(raw, at):
                return True
            at = raw.find(mark, at + 1)
    return False


def _quick_refused(raw: bytes, rare: bytes | None = None) -> bool:
    """Whether the bytes may hold something the Rust parser reads apart from libyaml (besides `_odd_bytes()`).
    Every search is for ASCII, whose bytes in UTF-8 are the characters themselves (`\\w` reads ASCII alone in
    bytes: a word character before a match or inside a flow item that is not ASCII is found by `_starts_scalar()`
    to start no number, and refuses a flow sequence, which libyaml reads then). `rare` is `_rare(raw)`."""
    rare = _rare(raw) if rare is None else rare
    if b"<" in rare and b"<<" in raw:
        return True
    if raw.startswith((b"---", b"...")) or _DOCUMENT_MARK.search(raw):
        return True
    if b"\\" in rare and _UNSAFE_ESCAPE.search(raw):
        return True
    if len(raw) > 2 * _COMPACT_LIMIT and raw.count(b"-") + raw.count(b"?") > _COMPACT_LIMIT and _compact(raw):
        return True
    if (b"[" in raw or b"{" in rare) and not _simple_flows(raw):
        return True
    for pattern in _NOT_CANONICAL if b"+" in rare else _UNSIGNED:
        for found in pattern.finditer(raw):  # loops, not a generator: most files have no match at all
            if _starts_scalar(raw, found.start()):
                return True
    return False


def _compact(raw: bytes) -> bool:
    """Whether the bytes hold more block indicators than `_COMPACT_LIMIT` (each holds a `-` or a `?`: the bytes
    hold no more than those)."""
    return sum(map(raw.count, (b"- ", b"? ", b"-\n", b"?\n"))) > _COMPACT_LIMIT


# A flow sequence of plain words on one line (`lines: [12, 20]`, `[hs1, komas]`) with nothing after it but a
# comment: the only flow collection taken (the Rust parser takes indicators in flow context that libyaml
# refuses). A bracket inside a word (`statuses[2021-11-15].text`) is text to both.
_BRACE = re.compile(rb"\{")
_FLOW_ITEM = rb"[\w./][\w./+-]*(?: +[\w./+-]+)*"
_SIMPLE_FLOW_REST = rb" *(?:%s(?: *, *%s)*)? *\] *(?:#.*)?$" % (_FLOW_ITEM, _FLOW_ITEM)
# A `[` opening no simple sequence; the common `[12, 20]` at a line's end, one of them, is told first, in fewer steps.
_OTHER_BRACKET = re.compile(rb"\[(?![0-9]+, [0-9]+\]\n|" + _SIMPLE_FLOW_REST + rb")", re.MULTILINE)


def _simple_flows(raw: bytes) -> bool:
    """Whether every bracket that opens a node opens a simple flow sequence: only a `{`, and a `[` that opens
    none (found by one search), are looked at on their own."""
    opening = [m.start() for m in _OTHER_BRACKET.finditer(raw)]
    if b"{" in raw:
        opening += [m.start() for m in _BRACE.finditer(raw)]
    return not any(_after_indicator(raw, at) for at in opening)


_INDICATORS = frozenset(b"\n:-?[{,")


def _after_indicator(raw: bytes, at: int) -> bool:
    """Whether what stands at `at` starts a node: it starts a line or follows an indicator (`:`, `-`, `?`, `[`,
    `{`, `,`) and spaces."""
    while at > 0 and raw[at - 1] == 0x20:
        at -= 1
    return at == 0 or raw[at - 1] in _INDICATORS


_WORD = frozenset(b"0123456789_+-ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz")
_NUMBER_LIKE = frozenset(b"0123456789_+-abcdefABCDEFxXoObB")


def _starts_scalar(raw: bytes, at: int) -> bool:
    """Whether the word around `at` may be a whole plain scalar YAML 1.2 reads as an integer: it is made of
    what such an integer is made of, with a sign first if anywhere (`2021-09` is text to both), and starts a
    node; a word inside a sentence ("10 000, ...") does not. (A sign inside an exponent, `1e-3`, makes a float,
    which is found in the values.)"""
    start = end = at
    while start > 0 and raw[start - 1] in _WORD:
        start -= 1
    while end < len(raw) and raw[end] in _WORD:
        end += 1
    word = raw[start:end]
    signed = b"-" in word[1:] or b"+" in word[1:]
    return not signed and _NUMBER_LIKE.issuperset(word) and _after_indicator(raw, start)


def _quick(raw: bytes, max_depth: int) -> dict[str, Any] | None:
    """A file's values read by the Rust parser from its bytes, when nothing in them or in its values can differ
    from what libyaml's event loop gives; None otherwise (and the file is read the usual way). The bytes are
    not decoded first: the Rust parser refuses any that are not UTF-8 (`encoder_errors`), and `load_bytes()`
    decodes them then for the finding. A text it reads would keep a UTF-8 copy of itself for as long as it lives."""
    if _yaml_rs is None:
        return None
    rare = _rare(raw)
    if _odd_bytes(raw, rare) or _node_property(raw, rare) or _quick_refused(raw, rare):
        return None
    try:
        found = _yaml_rs.load(raw, parse_datetime=False, encoder_errors="strict")
    except Exception:  # whatever it cannot read (a syntax error, a list as a key), libyaml reads for its finding
        return None
    if found.__class__ is not dict:
        return None
    try:
        built: dict[str, Any] = _rebuilt(found, 0, max_depth)
    except _Declined:
        return None
    return built


_LEAVES = frozenset((int, bool, type(None)))


def _rebuilt(value: Any, depth: int, max_depth: int) -> Any:
    """A container of the Rust parser's values as the event loop builds it (short texts kept once per process);
    `_Declined` when it holds a float, a key that is not text, a text of line feeds alone (an empty block scalar:
    '' to libyaml, a line feed to the Rust parser), something else than plain values, or a container
    `max_depth` deep. A mapping is built again (its keys kept once); a list, the parser's own and held by
    nothing else, has its items replaced where they change."""
    if depth >= max_depth:
        raise _Declined
    intern = sys.intern
    if value.__class__ is not dict:
        for at, item in enumerate(value):
            kind = item.__class__
            if kind is int:
                continue
            if kind is str and item[:1] != "\n":
                if len(item) <= _SHORT:
                    value[at] = intern(item)
            elif kind is dict or kind is list:
                value[at] = _rebuilt(item, depth + 1, max_depth)
            else:
                value[at] = _leaf(item)
        return value
    built: dict[str, Any] = {}
    for key, item in value.items():
        if key.__class__ is not str or key[:1] == "\n":
            raise _Declined
        kind = item.__class__
        if kind is str and item[:1] != "\n":
            built[intern(key) if len(key) <= _SHORT else key] = intern(item) if len(item) <= _SHORT else item
        elif kind is dict or kind is list:
            built[intern(key) if len(key) <= _SHORT else key] = _rebuilt(item, depth + 1, max_depth)
        else:
            built[intern(key) if len(key) <= _SHORT else key] = _leaf(item)
    return built


def _leaf(item: Any) -> Any:
    """A value that is no container, as the event loop gives it (`_rebuilt()` says which are declined)."""
    kind = item.__class__
    if kind is str:
        if not item.strip("\n"):
            raise _Declined
        return sys.intern(item) if len(item) <= _SHORT else item
    if kind in _LEAVES:
        return item
    raise _Declined


def _key(builder: _Builder, event: Any, key: str, seen: dict[str, int], odd: bool) -> str:
    """A mapping's next key: a merge key and a key seen before are refused, as `_Builder.take_key` does."""
    line = builder.where(event.start_mark)[0] if odd else event.start_mark.line + 1
    if key == "<<" and not event.style:
        builder.refuse(event, "yaml-merge-key")
    elif key in seen:
        builder.refuse(event, "yaml-duplicate-key", key=key, first=seen[key], line=line)
    seen.setdefault(key, line)
    return key


def _put(builder: _Builder, event: Any, value: Any, stack: list[Any], keys: list[Any]) -> None:
    """A container (or an alias) into the open container; in a key's place it is refused, as `_Builder.place`
    does, and the value that follows is kept under a key no file may have."""
    if not stack:
        builder.root = value
        builder.marks[()] = builder.pack(event)
    elif stack[-1].__class__ is list:
        stack[-1].append(value)
    elif keys[-1] is None:
        builder.refuse(event, "yaml-complex-key")
        keys[-1] = _COMPLEX
    else:
        stack[-1][keys[-1]] = value
        keys[-1] = None


def _failed(path: str, problems: list[Problem], text: str = "") -> Parsed:
    return Parsed(path, None, {}, {}, problems, text)


def _one_per_place(problems: list[Problem]) -> list[Problem]:
    """A line separator that broke the structure is that error alone, not also its warning."""
    broken = {(p.line, p.column) for p in problems if p.rule == "yaml-line-break-character"}
    if not broken:
        return problems
    return [p for p in problems if not (p.rule == "yaml-line-separator" and (p.line, p.column) in broken)]


def load_bytes(path: str, raw: bytes, limits: Limits = DEFAULT_LIMITS) -> Parsed:
    """Load one file's bytes; `path` is how findings name it. Bytes the Rust parser takes (`_quick()`) are
    loaded as they are: it reads UTF-8 alone, and they hold nothing `_characters()` reports."""
    if len(raw) > limits.max_bytes:
        return _failed(path, [finding(path, (1, 1), "yaml-too-large", size=len(raw), limit=limits.max_bytes)])
    quick = _quick(raw, limits.max_depth)
    if quick is not None:
        return _loaded(path, quick, raw, [], limits)
    text, problems = _decode(path, raw)
    problems += _characters(path, text)
    if any(p.severity == ERROR for p in problems):
        return _failed(path, problems, text)
    built = _parse(path, text.lstrip("\ufeff"), limits, positions=False, quick=False)
    problems = _one_per_place(problems + built.problems)
    if problems and any(p.severity == ERROR for p in problems):
        return _failed(path, problems, text)
    if built.root is None:
        return _failed(path, [*problems, finding(path, (1, 1), "yaml-empty")], text)
    if not isinstance(built.root, dict):
        return _failed(path, [*problems, finding(path, position(built.marks[()]), "yaml-not-mapping")], text)
    return _loaded(path, built.root, raw, problems, limits)


def _loaded(path: str, data: dict[str, Any], raw: bytes, problems: list[Problem], limits: Limits) -> Parsed:
    """A file that loads: its bytes are valid UTF-8 with no byte order mark (both are errors), its text when asked."""
    source = Source(raw)
    where = _Positions(path, source, limits)
    return Parsed(path, data, _Marks(where, keys=False), _Marks(where, keys=True), problems, source)


class _Positions:
    """Where every node of a loaded file stands, found by parsing its text again on first use: most files
    have no finding, and the marks of every node of every file would be most of a run's memory.

    While `pending` is a list (`defer_positions()`), a finding's position placed in a text is a ticket instead
    (`ticket()`), and the text is parsed for its marks only when a ticket is `located()`."""

    def __init__(self, path: str, source: Source, limits: Limits) -> None:
        self.path, self.source, self.limits = path, source, limits
        self.found: tuple[dict[Path_, int], dict[Path_, int]] | None = None
        self.pending: list[Callable[[], Mark]] | None = None
        self.located: dict[tuple[Path_, bool], int | None] = {}
        self.walk: marks.Walk | None = None
        self.navigable: bool | None = None

    @property
    def text(self) -> str:
        return self.source.text()

    def deferring(self) -> bool:
        return self.pending is not None and not self.known() and len(self.pending) < _TICKETS

    def known(self) -> bool:
        """Whether a mark has been found (walked to or parsed): positions are no longer deferred then."""
        return self.found is not None or bool(self.located)

    def mark(self, path: Path_, *, keys: bool) -> int | None:
        """One node's mark (or its key's), or None where there is none: found by walking the text to it
        (`marks.located()`) where the text is one it walks, for at most `_LOCATED` paths a file (a walk may read
        the whole text); else from every node's marks."""
        asked = (path, keys)
        if asked in self.located:
            return self.located[asked]
        walk = self._walk()
        if walk is not None:
            try:
                found = walk.mark(path, key=keys)
            except marks.Unsure:
                pass
            else:
                self.located[asked] = found
                return found
        return self.marks(keys=keys).get(path)

    def offset(self, path: Path_) -> int | None:
        """Where in the text the node at `path` stands, where the text is walked to it: `mark()` as an offset,
        without counting the lines before it. None where the walk does not tell (or there is no such node)."""
        walk = self._walk()
        if walk is None:
            return None
        try:
            found = walk.offset(path, key=False)
        except marks.Unsure:
            return None
        if found is not None:
            self.located[(path, False)] = walk.mark(path, key=False)
        return found

    def _walk(self) -> marks.Walk | None:
        """The walk of the text, while its marks are found by walking it (not yet parsed, fewer than `_LOCATED`
        paths walked to, a text it walks)."""
        if self.found is not None or len(self.located) >= _LOCATED:
            return None
        if self.navigable is None:
            self.navigable = not _odd_breaks(self.text) and marks.navigable(self.text)
        if not self.navigable:
            return None
        if self.walk is None:
            self.walk = marks.Walk(self.text)
        return self.walk

    def marks(self, *, keys: bool) -> dict[Path_, int]:
        if self.found is None:
            self.found = _composed_marks(self.text)
        if self.found is None:
            built = _parse(self.path, self.text, self.limits)
            self.found = (built.marks, built.key_marks)
        return self.found[keys]


def _composed_marks(text: str) -> tuple[dict[Path_, int], dict[Path_, int]] | None:
    """The marks of a loaded file's nodes and keys from libyaml's C composer, which reads the same events
    as the marking builder: the same line and column for every node, without a Python call per event. None
    where lines are not split at line feeds alone, or the text holds what the composer reads apart (an
    anchor, alias, tag or directive): the marking builder reads it then. (`tests/test_positions_marks.py`
    holds the two to the same marks on every shipped file and the hostile texts.)"""
    if not _COMPOSES or _odd_breaks(text) or _suspect(text):
        return None
    try:
        root = _compose(text)
    except (yaml.YAMLError, RecursionError):
        return None
    if root is None:
        return None
    marks: dict[Path_, int] = {}
    keys: dict[Path_, int] = {}
    start = root.start_mark
    marks[()] = (start.line << 24) | start.column
    _node_marks(root, (), marks, keys)
    return marks, keys


def _node_marks(node: Any, path: Path_, marks: dict[Path_, int], keys: dict[Path_, int]) -> None:
    """The marks of a container's items, in the order the marking builder records them."""
    mapping, scalar = yaml.MappingNode, yaml.ScalarNode
    if node.__class__ is mapping:
        for key, value in node.value:
            where = (*path, key.value)
            start = value.start_mark
            marks[where] = (start.line << 24) | start.column
            start = key.start_mark
            keys[where] = (start.line << 24) | start.column
            if value.__class__ is not scalar:
                _node_marks(value, where, marks, keys)
    else:
        for at, value in enumerate(node.value):
            where = (*path, at)
            start = value.start_mark
            marks[where] = (start.line << 24) | start.column
            if value.__class__ is not scalar:
                _node_marks(value, where, marks, keys)


# The paths of a file whose marks are found by walking its text, before every node's marks are found at once.
_LOCATED = 16
# A ticket is the position (0, n): the n-th finding placed while deferring (a real line is 1 or more).
_TICKETS = 1 << 30


def defer_positions(parsed: Parsed) -> bool:
    """Hand out a ticket for each finding's position placed from now on (`ticket()`), until `located()`; False
    (and nothing deferred) when the file's marks are not the loader's parsed-on-demand ones or are found
    already."""
    if not isinstance(parsed.marks, _Marks) or parsed.marks.positions.known():
        return False
    parsed.marks.positions.pending = []
    return True


class Ticket(tuple[int, int]):
    """A finding's position while deferred: the engine reads its `number` alone (`numbered()`); any other
    reading of it as the (line, column) it stands for — an index, unpacking, comparing, hashing, printing —
    locates it first, so a rule that reads a mark for more than a finding's position reads the real one."""

    number: int
    locate: Callable[[], Mark]
    found: Mark | None

    def __new__(cls, number: int, locate: Callable[[], Mark]) -> Ticket:
        made = super().__new__(cls, (0, number))
        made.number, made.locate, made.found = number, locate, None
        return made

    def real(self) -> Mark:
        if self.found is None:
            line, column = self.locate()  # a plain tuple, even where `locate()` gives another ticket
            self.found = (line, column)
        return self.found

    def __getitem__(self, index: Any) -> Any:
        return self.real()[index]

    def __iter__(self) -> Iterator[int]:
        return iter(self.real())

    def __contains__(self, value: object) -> bool:
        return value in self.real()

    def __eq__(self, other: object) -> bool:
        return self.real() == other

    def __ne__(self, other: object) -> bool:
        return self.real() != other

    def __lt__(self, other: tuple[Any, ...]) -> bool:
        return self.real() < other

    def __le__(self, other: tuple[Any, ...]) -> bool:
        return self.real() <= other

    def __gt__(self, other: tuple[Any, ...]) -> bool:
        return self.real() > other

    def __ge__(self, other: tuple[Any, ...]) -> bool:
        return self.real() >= other

    def __hash__(self) -> int:
        return hash(self.real())

    def __repr__(self) -> str:
        return repr(self.real())

    def __add__(self, other: tuple[Any, ...]) -> tuple[Any, ...]:
        return self.real() + other

    def __radd__(self, other: tuple[Any, ...]) -> tuple[Any, ...]:
        return other + self.real()

    def __reduce__(self) -> tuple[Any, ...]:
        return tuple, (self.real(),)


def ticket(parsed: Parsed, locate: Callable[[], Mark]) -> Mark | None:
    """A ticket standing for `locate()` while the file's positions are deferred; None when they are not."""
    if not isinstance(parsed.marks, _Marks) or not parsed.marks.positions.deferring():
        return None
    pending = parsed.marks.positions.pending
    assert pending is not None
    made = Ticket(len(pending) + 1, locate)
    pending.append(made.real)
    return made


def placed(parsed: Parsed, locate: Callable[[], Mark]) -> Mark:
    """`locate()`, or a ticket standing for it while the file's positions are deferred."""
    deferred = ticket(parsed, locate)
    return deferred if deferred is not None else locate()


def numbered(mark: Mark) -> Mark:
    """A finding's position as the engine stores it: (0, n) for a ticket, unlocated; any other as it is."""
    return (0, mark.number) if mark.__class__ is Ticket else mark


def is_ticket(mark: Mark) -> bool:
    return mark[0] == 0


class Located(NamedTuple):
    """A deferred file's tickets: `at(numbered ticket)` is where it stands, found on first asking."""

    pending: list[Callable[[], Mark]]

    def at(self, mark: Mark) -> Mark:
        return self.pending[mark[1] - 1]()


def located(parsed: Parsed) -> Located:
    """End deferring the file's positions; what its tickets stand for, parsed from its text when asked."""
    assert isinstance(parsed.marks, _Marks)
    positions = parsed.marks.positions
    pending, positions.pending = positions.pending or [], None
    return Located(pending)


def offset(parsed: Parsed, path: Path_) -> int | None:
    """Where in the loaded text the node at `path` stands, where the file's marks are found by walking its text
    (`_Positions.offset()`); None where they are not: its mark (`Document.mark()`) tells then."""
    return parsed.marks.positions.offset(path) if isinstance(parsed.marks, _Marks) else None


def forget_positions(parsed: Parsed) -> None:
    """Drop the marks a file's findings were placed by and its decoded text (found again from its bytes if
    asked for again): a checked file's marks are most of what it weighs."""
    if isinstance(parsed.marks, _Marks):
        parsed.marks.positions.found = None
        parsed.marks.positions.located.clear()
        parsed.marks.positions.walk = None
        parsed.marks.positions.source.decoded = None


class _Marks(Mapping[Path_, int]):
    """A file's value marks (or key marks), taken from `_Positions` when first looked at."""

    def __init__(self, positions: _Positions, *, keys: bool) -> None:
        self.positions = positions
        self.keys_ = keys

    def _found(self) -> dict[Path_, int]:
        return self.positions.marks(keys=self.keys_)

    def __getitem__(self, key: Path_) -> int:
        if key.__class__ is not tuple:
            return self._found()[key]
        found = self.positions.mark(key, keys=self.keys_)
        if found is None:
            raise KeyError(key)
        return found

    def __iter__(self) -> Iterator[Path_]:
        return iter(self._found())

    def __len__(self) -> int:
        return len(self._found())

    def __contains__(self, key: object) -> bool:
        if key.__class__ is not tuple:
            return key in self._found()
        return self.positions.mark(key, keys=self.keys_) is not None

    def get(self, key: Path_, default: Any = None) -> Any:
        """`Mapping.get()` without a `KeyError` raised and caught for a path that is no node."""
        if key.__class__ is not tuple:
            return self._found().get(key, default)
        found = self.positions.mark(key, keys=self.keys_)
        return default if found is None else found


def load(path: Path, display: str | None = None, limits: Limits = DEFAULT_LIMITS) -> Parsed:
    """Load a file from disk: only a regular file is read (a FIFO is never opened, so never waited
    on), and an oversized one is refused before reading."""
    name = display if display is not None else str(path)
    try:
        raw = _read(path, limits.max_bytes)
    except _NotRegular as refused:
        return _failed(name, [finding(name, (1, 1), "file-not-regular", **refused.what)])
    except _TooLarge as large:
        return _failed(name, [finding(name, (1, 1), "yaml-too-large", size=large.size, limit=limits.max_bytes)])
    except OSError as err:
        broken = err.errno in (errno.ENOENT, errno.ELOOP) and os.path.islink(path)
        rule = "file-link-broken" if broken else "file-unreadable"
        return _failed(name, [finding(name, (1, 1), rule, **reason(err))])
    return load_bytes(name, raw, limits)


class _NotRegular(Exception):
    def __init__(self, mode: int) -> None:
        fi, en = KINDS.get(stat.S_IFMT(mode), ("erikoistiedosto", "a special file"))
        self.what = {"what_fi": fi, "what_en": en}


class _TooLarge(Exception):
    def __init__(self, size: int) -> None:
        self.size = size


def regular_bytes(path: str | Path, max_bytes: int) -> bytes | None:
    """A regular file's bytes when it is one of at most `max_bytes` and readable, else None: a FIFO is never
    opened (so never waited on); `load()` gives the finding for what this declines."""
    try:
        return _read(path, max_bytes)
    except (_NotRegular, _TooLarge, OSError):
        return None


def _read(path: str | Path, max_bytes: int) -> bytes:
    """A regular file's bytes: checked before opening, and again on the open descriptor."""
    before = os.stat(path)
    if not stat.S_ISREG(before.st_mode):
        raise _NotRegular(before.st_mode)
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    try:
        opened = os.fstat(fd)
        if not stat.S_ISREG(opened.st_mode):
            raise _NotRegular(opened.st_mode)
        if opened.st_size > max_bytes:
            raise _TooLarge(opened.st_size)
        return _read_all(fd, opened.st_size, max_bytes + 1)
    finally:
        os.close(fd)


def _read_all(fd: int, size: int, limit: int) -> bytes:
    """A file's bytes, at most `limit`: one read of the size it has (a buffered read of `limit` would allocate
    that much for every file), then on to its end should it have grown since."""
    data = os.read(fd, min(size + 1, limit))
    if len(data) <= size or len(data) >= limit:
        return data
    parts = [data]
    total = len(data)
    while total < limit and (chunk := os.read(fd, limit - total)):
        parts.append(chunk)
        total += len(chunk)
    return b"".join(parts)
