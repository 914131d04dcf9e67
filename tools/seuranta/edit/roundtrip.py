"""The lossless round-trip writer that `fmt`, `status add`, `new`, `extract` and `import` share.

The layout: keys in the order of the schema's properties (unknown keys keep
their order after the known ones), two-space indentation with list dashes at
their parent key's column, full dates single-quoted, `null` written out, and
long plain and quoted text folded after column 100 (a line breaks at the first
space past the width, as PyYAML does, so no line ends in a space). Flow lists
(`[hs1, komas]`), block scalars (`|-`, `>-`) and quoting of other text are
kept as written. ruamel.yaml's round trip keeps the comments.

Every result is loaded again with the strict loader and compared with the
original, type for type; a result whose values would change is refused.
"""

from __future__ import annotations

import io
import itertools
import json
import re
from functools import lru_cache
from typing import Any, NamedTuple

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.emitter import Emitter
from ruamel.yaml.error import CommentMark, YAMLError
from ruamel.yaml.representer import RoundTripRepresenter
from ruamel.yaml.resolver import BaseResolver
from ruamel.yaml.scalarstring import SingleQuotedScalarString
from ruamel.yaml.tokens import CommentToken

from seuranta.model import loader
from seuranta.model.problem import ERROR, Message, Problem
from seuranta.model.resources import schemas_dir

WIDTH = 100
DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}\Z")
SCHEMA_OF_KIND = {
    "programme": "programme.schema.json",
    "group": "group.schema.json",
    "measure": "measure.schema.json",
    "config": "config.schema.json",
}

FMT_PARSE = Message(
    "Tiedostoa ei voitu muotoilla: {detail}",
    "The file could not be formatted: {detail}",
)
FMT_VALUES = Message(
    "Muotoilu olisi muuttanut arvoja, joten tiedostoa ei muutettu. Ilmoita tästä ylläpitäjälle.",
    "Formatting would have changed values, so the file was left as it was. Please report this.",
)


# --- the strict loader's scalars, for ruamel.yaml -----------------------------------------------


class StrictResolver(BaseResolver):
    """Resolves plain scalars exactly as loader.resolve() does: null, true/false, plain numbers."""

    def __init__(self, version: Any = None, loader: Any = None, loadumper: Any = None) -> None:
        super().__init__(loader if loader is not None else loadumper)

    @property
    def processing_version(self) -> Any:
        return (1, 2)


for _tag, _pattern, _first in (
    ("tag:yaml.org,2002:null", r"(?:~|null|Null|NULL|)\Z", ["~", "n", "N", ""]),
    ("tag:yaml.org,2002:bool", r"(?:true|True|TRUE|false|False|FALSE)\Z", list("tTfF")),
    ("tag:yaml.org,2002:int", r"-?(?:0|[1-9][0-9]*)\Z", list("-0123456789")),
    ("tag:yaml.org,2002:float", r"-?(?:0|[1-9][0-9]*)\.[0-9]*[1-9]\Z", list("-0123456789")),
):
    StrictResolver.add_implicit_resolver_base(_tag, re.compile(_pattern), _first)


def _printable(ch: str, unicode: bool) -> bool:
    return "\x20" <= ch <= "\x7e" or (
        unicode and ("\xa0" <= ch <= "\ud7ff" or "\ue000" <= ch <= "\ufffd" or ch >= "\U00010000")
    )


class LayoutEmitter(Emitter):
    """ruamel.yaml's emitter with PyYAML's line folding for plain and double-quoted text.

    ruamel.yaml breaks a plain line before a word that would cross the width and leaves the
    space at the end of the line; PyYAML breaks at the first space past the width. The data was
    written with PyYAML's rule, and it leaves no trailing spaces, so it is the rule here.
    """

    def _put(self, data: str) -> None:
        self.column += len(data)
        self.stream.write(data)

    def _root_indent(self) -> None:
        if self.root_context and self.requested_indent is not None:
            self.write_line_break()
            if self.requested_indent != 0:
                self.write_indent()

    def write_plain(self, text: Any, split: Any = True) -> None:
        if self.root_context and self.requested_indent is None:
            self.open_ended = True
        self._root_indent()
        if not text:
            return
        if not self.whitespace:
            self._put(" ")
        self.whitespace = self.indention = False
        spaces = breaks = False
        start = end = 0
        while end <= len(text):
            ch = text[end] if end < len(text) else None
            if spaces:
                if ch != " ":
                    if start + 1 == end and self.column > self.best_width and split:
                        self.write_indent()
                        self.whitespace = self.indention = False
                    else:
                        self._put(text[start:end])
                    start = end
            elif breaks:
                if ch is None or ch not in "\n\x85\u2028\u2029":
                    if text[start] == "\n":
                        self.write_line_break()
                    for br in text[start:end]:
                        if br == "\n":
                            self.write_line_break()
                        else:
                            self.write_line_break(br)
                    self.write_indent()
                    self.whitespace = self.indention = False
                    start = end
            elif ch is None or ch in " \n\x85\u2028\u2029":
                self._put(text[start:end])
                start = end
            if ch is not None:
                spaces, breaks = ch == " ", ch in "\n\x85\u2028\u2029"
            end += 1

    def write_double_quoted(self, text: Any, split: Any = True) -> None:
        self._root_indent()
        self.write_indicator('"', True)
        start = end = 0
        while end <= len(text):
            ch = text[end] if end < len(text) else None
            if ch is None or ch in '"\\\x85\u2028\u2029\ufeff' or not _printable(ch, bool(self.allow_unicode)):
                if start < end:
                    self._put(text[start:end])
                    start = end
                if ch is not None:
                    self._put(_escape(ch, self.ESCAPE_REPLACEMENTS))
                    start = end + 1
            if (
                0 < end < len(text) - 1
                and (ch == " " or start >= end)
                and self.column + (end - start) > self.best_width
                and split
            ):
                self._put(text[start:end] + "\\")
                start = max(start, end)
                self.write_indent()
                self.whitespace = self.indention = False
                if text[start] == " ":
                    self._put("\\")
            end += 1
        self.write_indicator('"', False)


def _escape(ch: str, replacements: dict[str, str]) -> str:
    if ch in replacements:
        return "\\" + replacements[ch]
    if ch <= "\xff":
        return f"\\x{ord(ch):02X}"
    if ch <= "\uffff":
        return f"\\u{ord(ch):04X}"
    return f"\\U{ord(ch):08X}"


class LayoutRepresenter(RoundTripRepresenter):
    """`null` is written out, never left as an empty value."""


def _represent_none(representer: Any, _data: Any) -> Any:
    return representer.represent_scalar("tag:yaml.org,2002:null", "null")


LayoutRepresenter.add_representer(type(None), _represent_none)


def round_trip() -> YAML:
    """A ruamel.yaml instance that reads scalars as the strict loader does and writes the layout."""
    yaml = YAML(typ="rt")
    yaml.Resolver = StrictResolver
    yaml.Emitter = LayoutEmitter
    yaml.Representer = LayoutRepresenter
    yaml.preserve_quotes = True
    yaml.allow_unicode = True
    yaml.width = WIDTH
    yaml.indent(mapping=2, sequence=2, offset=0)
    return yaml


def read_round_trip(text: str) -> Any:
    return round_trip().load(text)


def dump(data: Any) -> str:
    out = io.StringIO()
    round_trip().dump(data, out)
    return out.getvalue()


# --- the schema's key order ---------------------------------------------------------------------

Where = tuple[str, Any]


@lru_cache(maxsize=1)
def _schemas() -> dict[str, Any]:
    return {p.name: json.loads(p.read_text(encoding="utf-8")) for p in schemas_dir().glob("*.schema.json")}


def _deref(where: Where) -> Where:
    name, node = where
    seen = 0
    while isinstance(node, dict) and "$ref" in node and seen < 32:
        target, _, pointer = str(node["$ref"]).partition("#")
        name = target or name
        node = _schemas().get(name, {})
        for part in filter(None, pointer.split("/")):
            node = node.get(part, {}) if isinstance(node, dict) else {}
        seen += 1
    return name, node


def _key_child(where: Where | None, key: Any) -> Where | None:
    if where is None:
        return None
    name, node = _deref(where)
    if not isinstance(node, dict):
        return None
    properties = node.get("properties", {})
    if isinstance(properties, dict) and key in properties:
        return name, properties[key]
    extra = node.get("additionalProperties")
    return (name, extra) if isinstance(extra, dict) else None


def _item_child(where: Where | None, index: int) -> Where | None:
    if where is None:
        return None
    name, node = _deref(where)
    if not isinstance(node, dict):
        return None
    prefix = node.get("prefixItems")
    if isinstance(prefix, list) and index < len(prefix):
        return name, prefix[index]
    items = node.get("items")
    return (name, items) if isinstance(items, dict) else None


def key_order(where: Where | None) -> list[str]:
    if where is None:
        return []
    _name, node = _deref(where)
    properties = node.get("properties", {}) if isinstance(node, dict) else {}
    return list(properties) if isinstance(properties, dict) else []


def schema_of(kind: str) -> Where | None:
    name = SCHEMA_OF_KIND.get(kind)
    return (name, _schemas()[name]) if name and name in _schemas() else None


# --- comments that belong to the next key --------------------------------------------------------
#
# ruamel.yaml attaches whole-line comments to the end of the value *before* them: `# Tilanteet` above
# `statuses:` is stored after the previous key's value, deep inside it when that value is a list of
# mappings. Moving keys (or inserting one) would move such a comment with the wrong key; these helpers
# detach it and attach it where it belongs. An end-of-line comment stays with its value.

Slot = tuple[Any, Any, int]  # a container, the key or index in it, the place in its comment entry


def _tail_chain(container: Any, key: Any) -> list[Slot]:
    """The comment places along the last path below `container[key]`, outermost first."""
    chain: list[Slot] = [(container, key, 2 if isinstance(container, CommentedMap) else 0)]
    value = container[key]
    while isinstance(value, (CommentedMap, CommentedSeq)) and len(value):
        last = list(value.keys())[-1] if isinstance(value, CommentedMap) else len(value) - 1
        chain.append((value, last, 2 if isinstance(value, CommentedMap) else 0))
        value = value[last]
    return chain


def take_tail(container: Any, key: Any) -> str:
    """Detach and return the whole-line comments that follow `container[key]`'s value ("" when none)."""
    for holder, where, place in reversed(_tail_chain(container, key)):
        entry = holder.ca.items.get(where)
        token = entry[place] if entry and len(entry) > place else None
        if isinstance(token, CommentToken) and "\n" in token.value:
            head, _, rest = token.value.partition("\n")
            if "#" in rest:
                token.value = head + "\n"
                return rest
    return ""


def put_tail(container: Any, key: Any, text: str) -> None:
    """Attach whole-line comments `text` after `container[key]`'s value."""
    if not text:
        return
    holder, where, place = _tail_chain(container, key)[-1]
    entry = holder.ca.items.setdefault(where, [None, None, None, None])
    token = entry[place]
    if isinstance(token, CommentToken):
        token.value = (token.value if token.value.endswith("\n") else token.value + "\n") + text
    else:
        entry[place] = CommentToken("\n" + text, CommentMark(0), None)


def _put_before(mapping: CommentedMap, key: Any, text: str) -> None:
    entry = mapping.ca.items.setdefault(key, [None, None, None, None])
    entry[1] = [*(entry[1] or []), CommentToken(text, CommentMark(0), None)]


def _reorder(mapping: CommentedMap, order: list[str]) -> None:
    rank = {key: index for index, key in enumerate(order)}
    keys = list(mapping.keys())
    wanted = sorted(keys, key=lambda k: (rank.get(str(k), len(rank)), keys.index(k)))
    if wanted == keys:
        return
    ending = take_tail(mapping, keys[-1])
    for before, key in itertools.pairwise(keys):
        lifted = take_tail(mapping, before)
        if lifted:
            _put_before(mapping, key, lifted)
    for key in wanted:
        mapping.move_to_end(key)
    put_tail(mapping, wanted[-1], ending)


def _normal_scalar(value: Any) -> Any:
    if isinstance(value, str) and DATE.match(value) and not isinstance(value, SingleQuotedScalarString):
        return SingleQuotedScalarString(str(value))
    return value


def normalise(value: Any, where: Where | None) -> None:
    """Put keys in schema order and quote dates, in place, below `value`."""
    if isinstance(value, CommentedMap):
        _reorder(value, key_order(where))
        for key in list(value.keys()):
            value[key] = _normal_scalar(value[key])
            normalise(value[key], _key_child(where, key))
    elif isinstance(value, CommentedSeq):
        for index in range(len(value)):
            value[index] = _normal_scalar(value[index])
            normalise(value[index], _item_child(where, index))


# --- one file -----------------------------------------------------------------------------------


def same(a: Any, b: Any) -> bool:
    """Equal values of equal types, all the way down (1, 1.0 and True are three different values)."""
    if type(a) is not type(b):
        return False
    if isinstance(a, dict):
        return a.keys() == b.keys() and all(same(a[k], b[k]) for k in a)
    if isinstance(a, list):
        return len(a) == len(b) and all(same(x, y) for x, y in zip(a, b, strict=False))
    return bool(a == b)


class Outcome(NamedTuple):
    """What formatting one file gave: the new text (None when it was refused) and any findings."""

    text: str | None
    problems: list[Problem]


def _problem(name: str, rule: str, message: Message, **fields: Any) -> Problem:
    text = Message(message.fi.format(**fields), message.en.format(**fields))
    return Problem(name, 1, 1, rule, ERROR, text)


def format_bytes(name: str, raw: bytes, kind: str) -> Outcome:
    """The formatted text of one file, or the findings that stop it from being formatted."""
    before = loader.load_bytes(name, raw)
    errors = [p for p in before.problems if p.severity == ERROR]
    if errors or before.data is None:
        return Outcome(None, errors or before.problems)
    try:
        data = read_round_trip(before.text)
        normalise(data, schema_of(kind))
        text = dump(data)
    except (YAMLError, ValueError, TypeError) as err:
        detail = str(err).splitlines()[0] if str(err) else type(err).__name__
        return Outcome(None, [_problem(name, "fmt-parse", FMT_PARSE, detail=detail)])
    after = loader.load_bytes(name, text.encode("utf-8"))
    if after.data is None or not same(before.data, after.data):
        return Outcome(None, [_problem(name, "fmt-values", FMT_VALUES)])
    return Outcome(text, [])
