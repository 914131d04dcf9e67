"""Text from data files made safe for each output it reaches: one discipline per output.

Every function here masks personal data first (`personal.redact`: a henkilötunnus becomes
`******-****`), so no output can publish one, whichever way it was written.

- **Terminal** (`terminal`): control characters (C0, DEL, C1), bidirectional controls, line and
  paragraph separators and lone surrogates are shown as visible escapes in YAML's notation
  (`\\n`, `\\e`, `\\x9b`, `\\u202e`): text from the data can neither break a line, move the cursor,
  colour the screen, set the window title nor reorder what follows it.
- **Markdown** (`markdown`, `code`, `line_safe`, `cap`): a job summary or a pull-request comment.
  Inline text is terminal-safe (so it never holds a line break, and a heading or list can never
  start inside it), Markdown punctuation gets a backslash (`![`, `[…](…)`, `**`, `~~` and
  backticks only ever come from the tool), `&`, `<` and `>` become entities (no HTML), and a
  zero-width joiner goes after `@` (no mentions, no e-mail links), after `#` and `GH-` before a
  digit (no issue references) and inside `://` and `www.` (no bare-URL links). A code span's
  fence is longer than any run of backticks inside it. A composed line never starts a list, a
  heading, a quote or a code block; a long text is capped at whole lines with a note.
- **GitHub workflow commands** (`workflow_data`, `workflow_property`): terminal-safe, then `%`,
  CR and LF percent-encoded, and in a property also `:` and `,`, which separate properties.
- **XML** (`xml`, JUnit): terminal-safe, which also removes every character XML 1.0 forbids, so
  the document always parses.
- **JSON** (`json_document`, `json_table`, also SARIF): every string masked and every invisible character
  written as a `\\uXXXX` escape: lossless, always valid, harmless when printed on a terminal.
- **HTML** (the report): `site/html.py` escapes every text; the report's data is masked before
  the pages are built.
"""

from __future__ import annotations

import itertools
import json
import re
from _json import make_encoder  # json's C encoder, told how to write a string
from typing import Any

from seuranta.model import counts
from seuranta.model.loader import BIDI_CHARACTERS, CONTROL_CHARACTERS

# Six digits in a row: what every henkilötunnus starts with (`prose.personal.HETU_PROBE`).
_HETU_PROBE = re.compile(r"[0-9][0-9]{5}")


def redact(text: str) -> str:
    """`prose.personal.redact()`, loaded only for a text that could hold a henkilötunnus: a run that prints
    none does not import the prose package."""
    if _HETU_PROBE.search(text) is None:
        return text
    from seuranta.prose.personal import redact as masked

    return masked(text)


ZWJ = "\u200d"

_INVISIBLE = re.compile(f"[{CONTROL_CHARACTERS}\t\n\r\x85{BIDI_CHARACTERS}\u2028\u2029\ud800-\udfff]")
_NAMED = {"\0": "\\0", "\a": "\\a", "\b": "\\b", "\t": "\\t", "\n": "\\n", "\v": "\\v", "\f": "\\f", "\r": "\\r"}
_NAMED["\x1b"] = "\\e"


def _visible(found: re.Match[str]) -> str:
    char = found.group()
    if char in _NAMED:
        return _NAMED[char]
    return f"\\x{ord(char):02x}" if ord(char) < 0x100 else f"\\u{ord(char):04x}"


def terminal(text: str) -> str:
    """One line of text, masked, with every invisible or reordering character as a visible escape."""
    return _INVISIBLE.sub(_visible, redact(text))


def terminal_lines(text: str) -> str:
    """A whole output for a terminal (a table, a timeline): `terminal()` between its own line breaks and tabs."""
    return "\n".join("\t".join(terminal(cell) for cell in line.split("\t")) for line in text.split("\n"))


# --- Markdown ---------------------------------------------------------------------------------

_SPECIAL = re.compile(r"[\\`*_\[\]~|$]")
_MENTION = re.compile(r"@(?=[\w-])")
_REFERENCE = re.compile(r"(#|\bGH-)(?=\d)", re.IGNORECASE)
_AUTOLINK = re.compile(r"(?<=:)(?=//)|(?<=\bwww)(?=\.)", re.IGNORECASE)
_LINE_START = re.compile(r"^([#+=>-])")
_NUMBERED = re.compile(r"^(\d+)([.)])")
_BACKTICKS = re.compile(r"`+")


def markdown(text: str) -> str:
    """Text shown as itself inline: no Markdown, HTML, mentions, references, links or line breaks."""
    text = _SPECIAL.sub(r"\\\g<0>", terminal(text))
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    text = _MENTION.sub("@" + ZWJ, text)
    text = _REFERENCE.sub(lambda m: m.group(1) + ZWJ, text)
    return _AUTOLINK.sub(ZWJ, text)


escape = markdown


def line_safe(line: str) -> str:
    """A composed line that cannot start a list, a heading, a quote or a code block."""
    line = line.lstrip()
    return _NUMBERED.sub(r"\1\\\2", _LINE_START.sub(r"\\\1", line))


def code(text: str) -> str:
    """A code span showing the text as it is (masked, terminal-safe), whatever backticks it holds."""
    text = terminal(text)
    fence = "`" * (max((len(run) for run in _BACKTICKS.findall(text)), default=0) + 1)
    pad = " " if text.startswith("`") or text.endswith("`") or (text[:1] == text[-1:] == " " and text.strip()) else ""
    return f"{fence}{pad}{text}{pad}{fence}" if text else "` `"


def cap(text: str, max_chars: int, note: str, lang: str = "fi") -> str:
    """The text, or as many whole lines as fit and `note` (with {chars} and {lines}, counted in `lang`)
    on what was left out."""
    if len(text) <= max_chars:
        return text
    room = max_chars - len(_left_out(note, text, lang)) - 16
    cut = text.rfind("\n", 0, max(room, 0)) + 1
    return text[:cut] + f"\n---\n\n_{_left_out(note, text[cut:], lang)}_\n"


def _left_out(note: str, dropped: str, lang: str) -> str:
    chars = counts.CHARACTERS.counted(len(dropped), lang)
    return note.format(chars=chars, lines=counts.LINES.counted(dropped.count("\n"), lang))


# --- GitHub workflow commands, XML, JSON -----------------------------------------------------


def workflow_data(text: str) -> str:
    """The message of a `::error …::message` command."""
    return terminal(text).replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def workflow_property(text: str) -> str:
    """A property value of a workflow command (file=…, title=…)."""
    return workflow_data(text).replace(":", "%3A").replace(",", "%2C")


def xml(text: str) -> str:
    """Text for an XML element or attribute (the serializer escapes &, < and quotes)."""
    return terminal(text)


_JSON_INVISIBLE = re.compile(f"[{CONTROL_CHARACTERS}\x85{BIDI_CHARACTERS}\u2028\u2029\ud800-\udfff]")


def json_text(text: str) -> str:
    """JSON text (from json.dumps with ensure_ascii=False) masked, every invisible character a \\u escape.

    Lossless and sound on the text: a henkilötunnus is digits, letters, dashes and spaces, none of
    which JSON escapes, and the invisible characters only ever stand inside strings."""
    return _JSON_INVISIBLE.sub(lambda m: f"\\u{ord(m.group()):04x}", redact(text))


def json_document(value: Any) -> str:
    """A JSON document of the value, indented by two spaces, every string in it (key or value) masked and
    every invisible character a \\u escape.

    Linear in the document, and cheap per finding: each distinct string is masked and encoded
    once however often it recurs (a file's thousands of findings share a handful of paths and
    messages), and the text is written by json's C encoder (`_indented`), joined once."""
    pieces: list[str] = []
    _indented(value, 0, _Strings(), pieces)
    pieces.append("\n")
    return "".join(pieces)


def json_table(key: str, fields: tuple[str, ...], rows: list[tuple[Any, ...]], rest: dict[str, Any]) -> str:
    """`json_document({key: [dict(zip(fields, row)) for row in rows], **rest})`, written without an object per
    row: one format per row, each distinct string masked and encoded once. A column of anything but only
    strings, only whole numbers or only booleans is written by `json_document`."""
    columns = list(zip(*rows, strict=True))
    strings = _Strings()
    found = [_column_kind(column) for column in columns]
    kinds = [kind for kind in found if kind is not None]
    if not rows or len(kinds) != len(fields):
        return json_document({key: [dict(zip(fields, row, strict=True)) for row in rows], **rest})
    written = [_written(column, kind, strings) for column, kind in zip(columns, kinds, strict=True)]
    row = (
        "    {\n"
        + ",\n".join(
            f"      {strings[f].replace('%', '%%')}: %{'d' if k is int else 's'}"
            for f, k in zip(fields, kinds, strict=True)
        )
        + "\n    }"
    )
    out = ["{\n  ", strings[key], ": [\n", ",\n".join(map(row.__mod__, zip(*written, strict=True))), "\n  ]"]
    for name, value in rest.items():
        out += (",\n  ", _key(name, strings), ": ")
        _indented(value, 1, strings, out)
    out.append("\n}\n")
    return "".join(out)


def _column_kind(column: tuple[Any, ...]) -> type | None:
    kinds = set(map(type, column))
    return kinds.pop() if len(kinds) == 1 and kinds <= {str, int, bool} else None


def _written(column: tuple[Any, ...], kind: type, strings: _Strings) -> Any:
    if kind is str:
        return list(map(strings.__getitem__, column))
    if kind is bool:
        return [("false", "true")[value] for value in column]
    return column  # whole numbers, written by %d as json writes them


def _json_escape(found: re.Match[str]) -> str:
    return f"\\u{ord(found.group()):04x}"


class _Strings(dict[str, str]):
    """Each distinct string once: masked, encoded as JSON, every invisible character a \\u escape."""

    def __missing__(self, text: str) -> str:
        encoded = self[text] = _JSON_INVISIBLE.sub(_json_escape, json.encoder.encode_basestring(redact(text)))
        return encoded


_SCALARS = {str, int, float, bool, type(None)}
_OBJECT = {dict}
_UNKNOWN = json.JSONEncoder().default  # raises json's TypeError for a value it cannot write


def _dumps(value: Any, pad: str, strings: _Strings) -> str:
    """json's C encoder (as `json.dumps` calls it), each item on a line of its own at `pad`, every string
    written by `strings`."""
    encode = make_encoder({}, _UNKNOWN, strings.__getitem__, None, ": ", ",\n" + pad, False, False, True)
    return "".join(encode(value, 0))


def _flat(value: Any) -> bool:
    """A non-empty object of plain scalars."""
    return type(value) is dict and bool(value) and _SCALARS.issuperset(map(type, value.values()))


def _all_flat(values: list[Any]) -> bool:
    """A non-empty list of `_flat` objects (checked without a Python call per object)."""
    objects = bool(values) and _OBJECT.issuperset(map(type, values)) and all(values)
    return objects and _SCALARS.issuperset(map(type, itertools.chain.from_iterable(map(dict.values, values))))


def _indented(value: Any, level: int, strings: _Strings, out: list[str]) -> None:
    """Append `json.dumps(value, ensure_ascii=False, indent=2)`, at nesting `level`, to `out`: one C call per
    flat object or list of flat objects. Sound because an encoded string never holds a raw line break:
    every line break in the C encoder's text is a separator, and `},` before one ends an object of the list."""
    pad, inner = "  " * level, "  " * (level + 1)
    if _flat(value):
        out += ("{\n", inner, _dumps(value, inner, strings)[1:-1], "\n", pad, "}")
    elif isinstance(value, list) and _all_flat(value):
        deeper = inner + "  "
        body = _dumps(value, deeper, strings).replace(f"}},\n{deeper}{{", f"\n{inner}}},\n{inner}{{\n{deeper}")
        out += ("[\n", inner, "{\n", deeper, body[2:-2], "\n", inner, "}\n", pad, "]")
    elif isinstance(value, dict) and value:
        out.append("{\n")
        for at, (key, item) in enumerate(value.items()):
            out += (",\n" if at else "", inner, _key(key, strings), ": ")
            _indented(item, level + 1, strings, out)
        out += ("\n", pad, "}")
    elif isinstance(value, (list, tuple)) and value:
        out.append("[\n")
        for at, item in enumerate(value):
            out += (",\n" if at else "", inner)
            _indented(item, level + 1, strings, out)
        out += ("\n", pad, "]")
    else:
        out.append(_dumps(value, "", strings))  # a scalar, {} or []


def _key(key: Any, strings: _Strings) -> str:
    """An object key as JSON writes it (a number, true, false or null becomes a string)."""
    return _dumps({key: None}, "", strings)[1:-7]
