"""Where one node or key of a loaded file stands, found in its text without parsing it again.

A finding asks for the marks of one to a few paths of a file. In a loaded text (one libyaml parses) written
in plain block YAML, each collection is the lines indented past it: a mapping's keys and a sequence's dashes stand
at its column, and everything else on lines below them stands deeper. `navigable(text)` holds a text to that
form, with one regular expression over it: every line is blank, a comment, or a key or dashes with a value of
one line — a plain scalar (led by no indicator), a quoted scalar, a flow sequence of words, `[]`, `{}` — or a
value that goes on deeper on the lines below it (a plain or block scalar, whose lines are taken unread, or a
quoted scalar whose further lines stand past its key's indentation). A key is one word of ASCII letters,
digits, `_` and `-`, and nothing else — an explicit key, an anchor, alias or tag, a document marker, a tab, a
flow collection over lines — is in such a text. `located(text, path)` then walks from the top level to the path, finding each key
or entry with `str.find` at the column of its collection, and gives the mark libyaml's composer gives the node
(`(line << 24) | column`, 0-based, in characters): a scalar's first character, a quote, a block scalar's
indicator, a sequence's first dash, a mapping's first key, an empty value just after its colon or dash; or
None where no such node is. (`tests/test_located_marks.py` holds it to the parsed marks of every path.)
"""

from __future__ import annotations

import re
from typing import Any

Path_ = tuple[Any, ...]


class Unsure(Exception):
    """A node the walk does not place: the file's marks are found by parsing it."""


# A key: a word of ASCII letters, digits, `_` and `-`, led by a letter or `_`.
_KEY = r"[A-Za-z_][A-Za-z0-9_-]*"
_KEY_FORM = re.compile(_KEY)
# A plain scalar's first character (no indicator, quote or space), and its line's rest: after a key, anything;
# alone on its line, no `: ` and no final `:` (no key of another form).
_PLAIN = r"[^ \n'\"\[\]{}#&*!|>%@`,?:-][^\n]*+"
_ALONE = r"[^ \n'\"\[\]{}#&*!|>%@`,?:-][^:\n]*(?::+[^ \n:][^:\n]*)*"
_ONE_QUOTED = r"(?:'[^'\n]*(?:''[^'\n]*)*'|\"[^\"\\\n]*(?:\\[^\n][^\"\\\n]*)*\")"
_AFTER = r"(?: +#[^\n]*)? *"  # spaces, and a comment after one
_FLOWS = r"(?:\[[^\[\]{}\n#]*\]|\{ *\})"


def _value(deeper: str, plain: str) -> str:
    """A value after a key or a dash: a `plain` or block scalar and the lines `deeper` than its key or dash, or a
    quoted scalar whose further lines are, or a flow sequence or `{}` on the line."""
    further = rf"\n(?:[ ]*+\n)*{deeper} *+(?=[^ \n])"  # blank lines, then a line deeper (taken one way only)
    lines = rf"(?:{further}[^\n]*+)*+"
    quoted = rf"(?:'[^'\n]*+(?:(?:''|{further})[^'\n]*+)*'|\"[^\"\\\n]*+(?:(?:\\[^\n]|\\?{further})[^\"\\\n]*+)*\")"
    return rf"(?:{quoted}{_AFTER}|{_FLOWS}{_AFTER}|[|>][+-]?{_AFTER}{lines}|{plain}{lines})"


# A key line (its lines deeper than its key), a line of one dash and a space (deeper than the key after it), a line
# of other dashes (its value on the line), and a blank or comment line.
_LINE = (
    rf"(?P<i> *)(?:{_KEY}:(?: +{_value('(?P=i) ', _PLAIN)}|{_AFTER})|{_value('(?P=i) ', _ALONE)})"
    rf"|(?P<j> *)- (?:{_KEY}:(?: +{_value('(?P=j)   ', _PLAIN)}|{_AFTER})|{_value('(?P=j)   ', _ALONE)}|#[^\n]*)"
    rf"| *(?:-(?: +|(?=\n)))+(?:{_KEY}:(?: +(?:{_ONE_QUOTED}{_AFTER}|{_FLOWS}{_AFTER}|{_PLAIN})|{_AFTER})"
    rf"|{_ONE_QUOTED}{_AFTER}|{_FLOWS}{_AFTER}|{_ALONE}|#[^\n]*)?"
    r"|[ ]*(?:#[^\n]*)?"
)
# Every line in turn, as far as they are of these forms (matched, not fully matched: a line that is not stops the
# match there, and no line before it is gone back into, which keeps it linear in the text). A run of spaces or of
# a line's characters that is followed only by what cannot start with one of them (a line feed, a quote, a line
# deeper) is possessive (`*+`): giving any back could never match, and the engine keeps no way back through it.
_NAVIGABLE = re.compile(rf"(?:(?:{_LINE})\n)*+")
_FIRST = re.compile(r"^( *)(?=[^ \n#])", re.MULTILINE)  # the first line that holds a node
_NEXT = re.compile(r"\n( *)(?=[^ \n#])")  # the next line that holds a node: neither blank nor a comment
_KEY_AT = re.compile(rf"{_KEY}:(?= |\n|\Z)")
_WORD = r"""(?:[\w./+-][\w./+@-]*(?: +[\w./+@-]+)*|'[^'\n]*'|"[^"\\\n]*")"""
_FLOW = re.compile(rf"\[ *(?:{_WORD} *(?:, *{_WORD} *)*)?\]")
_FLOW_ITEM = re.compile(rf"[ ,]*({_WORD})")
_ENDS: dict[tuple[int, bool], re.Pattern[str]] = {}

# What a node is: a mapping, a sequence (one at its key's indentation), a flow sequence, or neither (a scalar,
# `{}`): (kind, column, offset of its first character, offset where its lines end).
_MAPPING, _SEQUENCE, _INDENTLESS, _FLOW_SEQUENCE, _LEAF = range(5)
_Node = tuple[int, int, int, int]


def navigable(text: str) -> bool:
    """Whether the text is one `located()` walks: only its lines are read, and the text must be one libyaml
    parses (a loaded file's) with lines split at line feeds alone. A line led by `---` or `%` is no line of
    `_LINE` (a line deeper than its key is indented), so only a document end `...` is looked for."""
    if "\t" in text or "\r" in text or text.startswith(("---", "...", "%")) or "\n..." in text:
        return False
    whole = text + "\n"
    return _NAVIGABLE.match(whole).end() == len(whole)  # type: ignore[union-attr]  # it matches the empty text


def located(text: str, path: Path_, *, key: bool) -> int | None:
    """The mark of the node at `path` (of its key, with `key`) in a `navigable()` text, or None where there is
    none; `Unsure` where the walk does not tell."""
    return Walk(text).mark(path, key=key)


class Walk:
    """A `navigable()` text's nodes as far as walked to: each one found once, from its parent."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.nodes: dict[Path_, tuple[_Node, int, int] | None] = {}

    def mark(self, path: Path_, *, key: bool) -> int | None:
        """`located()` of the text."""
        found = self.offset(path, key=key)
        return None if found is None else _mark(self.text, found)

    def offset(self, path: Path_, *, key: bool) -> int | None:
        """Where in the text the node at `path` (its key, with `key`) stands: `mark()` as an offset."""
        found = self._node(path)
        if found is None or (key and found[2] < 0):
            return None
        return found[2] if key else found[1]

    def _node(self, path: Path_) -> tuple[_Node, int, int] | None:
        """The node at `path`, the offset of its mark and of its key's (-1 where it has none)."""
        if path in self.nodes:
            return self.nodes[path]
        if path:
            parent = self._node(path[:-1])
            found = None if parent is None else _child(self.text, parent[0], path[-1])
        else:
            found = _root(self.text)
        self.nodes[path] = found
        return found


def _root(text: str) -> tuple[_Node, int, int]:
    first = _FIRST.search(text)
    if first is None or _KEY_AT.match(text, first.end()) is None:
        raise Unsure  # the top level is not a mapping
    start = first.end()
    return (_MAPPING, len(first.group(1)), start, len(text)), start, -1


def _mark(text: str, offset: int) -> int:
    line = text.count("\n", 0, offset)
    return (line << 24) | (offset - text.rfind("\n", 0, offset) - 1)


def _child(text: str, node: _Node, part: Any) -> tuple[_Node, int, int] | None:
    """A node's child `part` (a key or an index), the offset of its mark and of its key's (-1 for an entry)."""
    kind = node[0]
    if kind == _MAPPING:
        if part.__class__ is not str:
            if isinstance(part, str):
                raise Unsure
            return None
        return _member(text, node, part)
    if kind == _LEAF:
        return None
    if part.__class__ is not int:
        if isinstance(part, (int, float)):  # a path's 1 is also its 1.0 and True, as a dictionary finds them
            raise Unsure
        return None
    if part < 0:
        return None
    if kind == _FLOW_SEQUENCE:
        return _item(text, node[2], part)
    return _entry(text, node, part)


def _member(text: str, node: _Node, name: str) -> tuple[_Node, int, int] | None:
    """A mapping's value of key `name`: on its key's line, on the lines below it, or empty."""
    if _KEY_FORM.fullmatch(name) is None:
        return None  # no key of a navigable text is such a word
    _, column, start, end = node
    needle = name + ":"
    if text.startswith(needle, start) and _ends_key(text, start + len(needle)):
        at = start
    else:
        needle = "\n" + " " * column + needle
        found = text.find(needle, start, end)
        while found >= 0 and not _ends_key(text, found + len(needle)):
            found = text.find(needle, found + 1, end)
        if found < 0:
            return None
        at = found + 1 + column
    colon = at + len(name)
    value = _on_line(text, colon + 1)
    if value >= 0:
        return _inline(text, value), value, at
    below = _below(text, colon, column, indentless=True)
    if below is None:
        return (_LEAF, 0, 0, 0), colon + 1, at
    return below, below[2], at


def _ends_key(text: str, after: int) -> bool:
    return after == len(text) or text[after] == " " or text[after] == "\n"


def _on_line(text: str, start: int) -> int:
    """The offset of a value after `start` on its line, or -1 where only spaces and a comment follow."""
    while start < len(text) and text[start] == " ":
        start += 1
    if start == len(text) or text[start] == "\n" or text[start] == "#":
        return -1
    return start


def _below(text: str, at: int, column: int, *, indentless: bool) -> _Node | None:
    """The node on the lines below `at` that a key or a dash at `column` awaits: one deeper, or (after a key) a
    sequence at its column; None where its value is empty."""
    found = _NEXT.search(text, at)
    if found is None:
        return None
    indent, start = len(found.group(1)), found.end()
    if indent > column:
        return _nested(text, start, indent)
    if indentless and indent == column and _is_dash(text, start):
        return (_INDENTLESS, column, start, _end(text, start, column, indentless=True))
    return None


def _is_dash(text: str, at: int) -> bool:
    return text[at] == "-" and (at + 1 == len(text) or text[at + 1] == " " or text[at + 1] == "\n")


def _nested(text: str, start: int, column: int) -> _Node:
    """The node that starts at `start` (its column given), where a sequence or a mapping may start."""
    if _is_dash(text, start):
        return (_SEQUENCE, column, start, _end(text, start, column, indentless=False))
    if _KEY_AT.match(text, start) is not None:
        return (_MAPPING, column, start, _end(text, start, column, indentless=False))
    return _inline(text, start)


def _inline(text: str, start: int) -> _Node:
    """The value that starts at `start` after a key on its line: a flow sequence, or a scalar (or `{}`)."""
    return (_FLOW_SEQUENCE if text[start] == "[" else _LEAF, 0, start, 0)


def _end(text: str, start: int, column: int, *, indentless: bool) -> int:
    """Where the lines of a collection at `column` starting at `start` end: before the next line that holds a node
    less indented (or, for a sequence at its key's indentation, anything but a dash at it)."""
    line_end = text.find("\n", start)
    if line_end < 0 or (column == 0 and not indentless):
        return len(text)
    pattern = _ENDS.get((column, indentless))
    if pattern is None:
        less = f"[ ]{{0,{column - 1}}}(?=[^ \\n#])" if column else "(?!)"
        same = f"|[ ]{{{column}}}(?=[^ \\n#-]|-[^ \\n])" if indentless else ""
        pattern = _ENDS.setdefault((column, indentless), re.compile(f"\\n(?:{less}{same})"))
    found = pattern.search(text, line_end)
    return found.start() if found is not None else len(text)


def _entry(text: str, node: _Node, index: int) -> tuple[_Node, int, int] | None:
    """A block sequence's entry `index`: the node after its dash, on its line or below it, or empty."""
    _, column, dash, end = node
    needle = "\n" + " " * column + "-"
    for _ in range(index):
        found = text.find(needle, dash, end)
        if found < 0:
            return None
        dash = found + 1 + column
    value = _on_line(text, dash + 1)
    if value >= 0:
        return _nested(text, value, value - text.rfind("\n", 0, value) - 1), value, -1
    below = _below(text, dash, column, indentless=False)
    if below is None:
        return (_LEAF, 0, 0, 0), dash + 1, -1
    return below, below[2], -1


def _item(text: str, start: int, index: int) -> tuple[_Node, int, int] | None:
    """A flow sequence's word `index`."""
    flow = _FLOW.match(text, start)
    if flow is None:
        raise Unsure
    at, found = start + 1, -1
    for _ in range(index + 1):
        item = _FLOW_ITEM.match(text, at, flow.end())
        if item is None:
            return None
        at, found = item.end(), item.start(1)
    return (_LEAF, 0, 0, 0), found, -1
