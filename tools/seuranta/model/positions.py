"""Where a character of a loaded string stands in the file: one linear walk per scalar.

A string value and its scalar's source agree character for character except for whitespace
(indentation, folded line breaks), quoting (`''` in single quotes) and escapes (`\\n`,
`\\u00e4`, a `\\` line continuation in double quotes). `Alignment` walks a scalar's source
once, from its mark, pairing every non-whitespace character of the value with its place in
the file, and keeps only the points where the distance between the two changes; an offset is
then found by bisection. `Lines` finds the line and column of a file offset by bisection over
the line starts. Both are built once per file and scalar, so locating every finding in a file
costs time linear in the file.
"""

from __future__ import annotations

import bisect
import re
from typing import NamedTuple

_SPACE = re.compile(r"\s*")
_RUN = re.compile(r"\S+")
_PLAIN_STOP = re.compile(r"\n")
_SINGLE_STOP = re.compile(r"[\n']")
_DOUBLE_STOP = re.compile(r'[\n"\\]')
_SIMPLE_ESCAPES = {
    "0": "\x00",
    "a": "\x07",
    "b": "\x08",
    "t": "\t",
    "\t": "\t",
    "n": "\n",
    "v": "\x0b",
    "f": "\x0c",
    "r": "\r",
    "e": "\x1b",
    " ": " ",
    '"': '"',
    "/": "/",
    "\\": "\\",
    "N": "\x85",
    "_": "\xa0",
    "L": "\u2028",
    "P": "\u2029",
}
_HEX_ESCAPES = {"x": 2, "u": 4, "U": 8}


class Lines:
    """Line starts of one text; `at(offset)` is a 1-based (line, column). A file places one or two findings most
    often: the first `_COUNTED` places asked are found by counting the line feeds before them (`str.count()`, no
    list made), and then the line starts are found once and each place by bisection, so placing every finding of
    a file stays linear in it. (`tests/test_positions_lines.py` holds the count to the bisection.)"""

    def __init__(self, text: str) -> None:
        self.text = text
        self.counted = 0
        self.found: list[int] | None = None

    @property
    def starts(self) -> list[int]:
        if self.found is None:
            starts = [0]
            at = self.text.find("\n")
            while at >= 0:
                starts.append(at + 1)
                at = self.text.find("\n", at + 1)
            self.found = starts
        return self.found

    def offset(self, line: int, column: int) -> int:
        """The offset of a 1-based line and column (a line past the end clamps to the last line)."""
        starts = self.starts
        return starts[min(line, len(starts)) - 1] + column - 1

    def at(self, offset: int) -> tuple[int, int]:
        if self.found is None and self.counted < _COUNTED and offset >= 0:
            self.counted += 1
            text = self.text
            return text.count("\n", 0, offset) + 1, offset - text.rfind("\n", 0, offset)
        starts = self.starts
        line = bisect.bisect_right(starts, offset)
        return line, offset - starts[line - 1] + 1


# The places of a text found by counting its line feeds before its line starts are found.
_COUNTED = 8


class Alignment(NamedTuple):
    """Value offset -> file offset: from `breaks[k]` on, add `shifts[k]`; offsets from `upto` on are unknown."""

    breaks: list[int]
    shifts: list[int]
    upto: int

    def source(self, offset: int) -> int | None:
        """The file offset of value offset `offset` (a non-whitespace character), or None."""
        index = bisect.bisect_right(self.breaks, offset) - 1
        if offset >= self.upto or index < 0:
            return None
        return offset + self.shifts[index]


def _escape(source: str, at: int) -> tuple[str, int]:
    """The character a double-quoted escape at `source[at]` (a backslash) stands for and its length;
    ("", length) for a line continuation, ("?", 0) when it is not an escape."""
    code = source[at + 1 : at + 2]
    if code in ("\n", "\r"):
        return "", 2
    if code in _SIMPLE_ESCAPES:
        return _SIMPLE_ESCAPES[code], 2
    width = _HEX_ESCAPES.get(code)
    digits = source[at + 2 : at + 2 + width] if width else ""
    if width and len(digits) == width and all(c in "0123456789abcdefABCDEF" for c in digits):
        return chr(int(digits, 16)), 2 + width
    return "?", 0


class _Walk:
    """One pass over a scalar's source pairing it with the value."""

    def __init__(self, value: str, source: str, start: int, style: str) -> None:
        self.value, self.source, self.style = value, source, style
        self.i, self.j = 0, start
        self.breaks: list[int] = []
        self.shifts: list[int] = []
        self.stop = {"'": _SINGLE_STOP, '"': _DOUBLE_STOP}.get(style, _PLAIN_STOP)

    def pair(self, length: int, source_length: int | None = None) -> None:
        """Value[i:i+length] stands at source[j:…]; advance both."""
        shift = self.j - self.i
        if not self.shifts or self.shifts[-1] != shift:
            self.breaks.append(self.i)
            self.shifts.append(shift)
        self.i += length
        self.j += length if source_length is None else source_length

    def chunk(self) -> bool:
        """Pair the literal text up to the next line end, quote or escape (or the next word)."""
        value, source = self.value, self.source
        end = self.j + len(value) - self.i  # a line of the scalar is never longer than the rest of the value
        stop = self.stop.search(source, self.j, end)
        literal = source[self.j : stop.start() if stop else end].rstrip()
        if literal and value.startswith(literal, self.i):
            self.pair(len(literal))
            return True
        word = _RUN.match(value, self.i)  # a plain scalar ending inside its line: "a" in "[a, b]"
        if word and not self.stop.search(word.group()) and source.startswith(word.group(), self.j):
            self.pair(len(word.group()))
            return True
        return self.special(source[self.j : self.j + 1])

    def special(self, char: str) -> bool:
        """A quote doubled in single quotes or an escape in double quotes; False on anything else."""
        if char == "\\" and self.style == '"':
            meant, length = _escape(self.source, self.j)
            if not length or (meant and not meant.isspace() and self.value[self.i] != meant):
                return False
            if meant and not meant.isspace():
                self.pair(1, length)
            else:
                self.j += length
            return True
        if char == "'" and self.style == "'" and self.source.startswith("''", self.j):
            if self.value[self.i] != "'":
                return False
            self.pair(1, 2)
            return True
        return False

    def run(self) -> Alignment:
        value, source = self.value, self.source
        while True:
            self.i = _SPACE.match(value, self.i).end()  # type: ignore[union-attr]
            if self.i >= len(value):
                break
            self.j = _SPACE.match(source, self.j).end()  # type: ignore[union-attr]
            if not self.chunk():
                break
        return Alignment(self.breaks, self.shifts, self.i)


def align(value: str, source: str, mark: int) -> Alignment:
    """Pair `value` with the scalar whose mark (quote, block indicator or first character) is `source[mark]`."""
    style = source[mark : mark + 1]
    if style in ("|", ">"):
        end = source.find("\n", mark)
        start = end + 1 if end >= 0 else len(source)
    elif style in ("'", '"'):
        start = mark + 1
    else:
        start, style = mark, ""
    quick = _literal(value, source, start, _STOPS.get(style, _PLAIN_STOP))
    return quick if quick is not None else _Walk(value, source, start, style).run()


_STOPS = {"'": _SINGLE_STOP, '"': _DOUBLE_STOP}


def _literal(value: str, source: str, j: int, stop: re.Pattern[str]) -> Alignment | None:
    """`_Walk.run()` of a scalar whose every line (up to a quote or an escape) is the value's next run of text, as
    nearly every one is: the walk's pairing of literal text, in one loop. None at the first run that is not (a
    doubled quote, an escape, a plain scalar ending inside its line): the walk pairs the scalar then.
    (`tests/test_positions_literal.py` holds the two to the same alignment.)"""
    breaks: list[int] = []
    shifts: list[int] = []
    space = _SPACE.match
    i, length = 0, len(value)
    while True:
        i = space(value, i).end()  # type: ignore[union-attr]
        if i >= length:
            return Alignment(breaks, shifts, i)
        j = space(source, j).end()  # type: ignore[union-attr]
        end = j + length - i  # as `_Walk.chunk()`
        found = stop.search(source, j, end)
        literal = source[j : found.start() if found else end].rstrip()
        if not literal or not value.startswith(literal, i):
            return None
        if not shifts or shifts[-1] != j - i:
            breaks.append(i)
            shifts.append(j - i)
        i += len(literal)
        j += len(literal)
