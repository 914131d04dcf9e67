"""What the semantic rules share: prose fields, positions inside texts, programme lookups.

Not a rule (the registry lists the rules); rules import from here.
"""

from __future__ import annotations

import datetime
import difflib
import functools
import itertools
import operator
import re
from collections.abc import Callable, Iterable, Iterator
from functools import lru_cache
from typing import Any, NamedTuple, TypeVar

from seuranta.model import loader, positions
from seuranta.model.documents import GROUP, MEASURE, PROGRAMME, Document
from seuranta.model.index import rounds
from seuranta.prose import changes, facts, personal, population, presence
from seuranta.rules import Context

Path = tuple[Any, ...]
T = TypeVar("T")

# Free-text fields whose facts are checked, per file kind ("*" = every item of a list).
PROSE: dict[str, tuple[Path, ...]] = {
    MEASURE: (
        ("cross_portfolio",),
        ("outputs",),
        ("evaluation",),
        ("question",),
        ("description",),
        ("transferred_to",),
        ("continuation", "text"),
        ("revisions", "*", "note"),
        ("statuses", "*", "text"),
    ),
    GROUP: (("description",), ("status_note",), ("transferred_to",), ("plan_measures", "*", "text")),
    PROGRAMME: (
        ("description",),
        ("benefit_goals", "*", "description"),
        ("themes", "*", "text"),
        ("reports", "*", "text"),
    ),
}


class Text(NamedTuple):
    path: Path
    text: str


def _expand(data: Any, pattern: Path, prefix: Path, out: list[Text]) -> None:
    """The strings at `pattern` under `data` (`*` any item of a list), appended to `out` with their paths."""
    head, rest = pattern[0], pattern[1:]
    if head == "*":
        items: Iterable[tuple[Any, Any]] = enumerate(data) if isinstance(data, list) else ()
    else:
        items = ((head, data[head]),) if isinstance(data, dict) and head in data else ()
    for key, item in items:
        if rest:
            _expand(item, rest, (*prefix, key), out)
        elif isinstance(item, str):
            out.append(Text((*prefix, key), item))


class _Field(NamedTuple):
    """A path of `PROSE` with its shape told once: a key of the file (`("description",)`), a key of each item of
    a list (`("statuses", "*", "text")`), a path under a key (walked when the key is there), or any other."""

    pattern: Path
    head: Any
    last: Any
    shape: int


_KEY, _EACH, _UNDER, _WALK = range(4)
_text = functools.partial(tuple.__new__, Text)  # Text(path, text) from a pair, without the Python frame of its __new__


def _field(pattern: Path) -> _Field:
    if "*" in (pattern[0], pattern[-1]):
        shape = _WALK
    elif len(pattern) == 1:
        shape = _KEY
    elif len(pattern) == 3 and pattern[1] == "*":
        shape = _EACH
    else:
        shape = _UNDER
    return _Field(pattern, pattern[0], pattern[-1], shape)


_FIELDS: dict[str, tuple[_Field, ...]] = {kind: tuple(map(_field, patterns)) for kind, patterns in PROSE.items()}


def _expand_fields(data: Any, fields: Iterable[_Field], out: list[Text]) -> None:
    """`_expand(data, field.pattern, (), out)` of each field in turn, with the shapes of most fields written out
    and the file's mapping looked into once."""
    get = data.get if isinstance(data, dict) else None
    for pattern, head, last, shape in fields:
        if shape == _WALK:
            _expand(data, pattern, (), out)
            continue
        value = get(head) if get is not None else None
        if value is None:
            continue
        if shape == _KEY:
            if isinstance(value, str):
                out.append(_text((pattern, value)))
        elif shape == _EACH:
            if isinstance(value, list):
                for index, item in enumerate(value):
                    text = item.get(last) if isinstance(item, dict) else None
                    if isinstance(text, str):
                        out.append(_text(((head, index, last), text)))
        else:
            _expand(data, pattern, (), out)


def prose(doc: Document, ctx: Context) -> list[Text]:
    """Every free-text value of a file, with its path (computed once per file, in the file memo)."""
    found: list[Text] | None = ctx.file.get("prose")
    if found is None:
        found = ctx.file["prose"] = []
        _expand_fields(doc.data, _FIELDS.get(doc.kind, ()), found)
    return found


def holds(doc: Document, ctx: Context) -> int:
    """The kinds of fact the file's free-text values hold (`prose.presence` bits, once per file, in the file
    memo): a rule whose `NEEDS` has none of them finds nothing in the file."""
    found: int | None = ctx.file.get("holds")
    if found is None:
        kinds = _text_kinds(doc, ctx)
        found = ctx.file["holds"] = functools.reduce(operator.or_, kinds, 0)
    return found


def _text_kinds(doc: Document, ctx: Context) -> list[int]:
    """The kinds of fact each free-text value of the file may hold, in the order of `prose()` (once per file)."""
    found: list[int] | None = ctx.file.get("text kinds")
    if found is None:
        found = ctx.file["text kinds"] = presence.each([text.text for text in prose(doc, ctx)])
    return found


def prose_holding(doc: Document, ctx: Context, kinds: int) -> list[Text]:
    """The free-text values of the file that may hold one of `kinds` (bits of `prose.presence`), in the order of
    `prose()`: a reading of a kind finds nothing in a text without its bit, so a rule that reads only those
    kinds walks only these texts (once per file and kinds, in the file memo)."""
    memo: dict[int, list[Text]] | None = ctx.file.get("prose holding")
    if memo is None:
        memo = ctx.file["prose holding"] = {}
    found = memo.get(kinds)
    if found is None:
        found = memo[kinds] = list(itertools.compress(prose(doc, ctx), map(kinds.__and__, _text_kinds(doc, ctx))))
    return found


def _file_values(doc: Document, ctx: Context) -> str:
    """The file's strings joined by `SEPARATOR`, in the order of `strings()`, once per file: what every probe
    searches at once, no paths made for a file no probe matches."""
    found: str | None = ctx.file.get("values")
    if found is None:
        values: list[str] = []
        _values(doc.data, values.append)
        found = ctx.file["values"] = SEPARATOR.join(values)
    return found


def _values(data: Any, append: Callable[[str], None]) -> None:
    """Every string value anywhere in a file given to `append`, in the order of `strings()` (a string in a mapping
    or list is taken where it stands, and the items of a list in a mapping where the list stands: most values are)."""
    if isinstance(data, str):
        append(data)
    elif isinstance(data, (dict, list)):
        _contained(data, append)


def _contained(data: dict[str, Any] | list[Any], append: Callable[[str], None]) -> None:
    """`_values()` of a mapping or list, each string given to `append`. Each value is told by its exact type, as
    the loader makes them (`type()` is one look, where `isinstance()` of an integer against three types walks its
    classes three times); anything else, a subclass, is handed to `_values()`, which asks `isinstance()`."""
    for value in data.values() if isinstance(data, dict) else data:
        kind = type(value)
        if kind is str:
            append(value)
        elif kind is list:
            for item in value:
                kind = type(item)
                if kind is str:
                    append(item)
                elif kind is dict or kind is list:
                    _contained(item, append)
                elif kind not in _LEAVES:
                    _values(item, append)
        elif kind is dict:
            _contained(value, append)
        elif kind not in _LEAVES:
            _values(value, append)


_LEAVES = frozenset((int, bool, float, type(None)))  # values that hold no string


# Between a file's strings in the text a probe searches at once. A probe finds in the joined text every match
# it finds in a string alone, as long as the separator stands where the string's edges stood as the probe's
# context: a line break is no digit, word character, punctuation or space of a code, number or address, and
# `.` does not match it (tests/test_probed_strings.py holds every rule's probe to this). A probe anchored to
# a text's ends (`^`, `$`, `\A`, `\Z`) or looking around for "anything but" a set of characters would not.
SEPARATOR = "\n"

# What a rule searches a file's strings with: a pattern, or patterns a string is found by when any of them
# matches (one pattern per form, each found from its own first character, where `re` tries every branch of
# one pattern at each character any branch can start with).
Probe = re.Pattern[str] | tuple[re.Pattern[str], ...]


class _Searched:
    """Which of a file's strings a probe matches in, told string by string in the order of `strings()`, given
    where each of its patterns next matches in the strings joined by `SEPARATOR`: a string is searched on its
    own only by a pattern whose next match in the joined text starts inside it (or at the separator after
    it), and the joined text is then searched again by that pattern from the next string. A string a pattern
    matches in alone holds a match of the joined text, so none is passed over; the joined text's matches that
    cross a separator are not taken on trust. Each pattern reads the joined text once, from start to end."""

    def __init__(self, patterns: tuple[re.Pattern[str], ...], joined: str, first: list[re.Match[str] | None]) -> None:
        self.patterns, self.joined, self.next, self.start = patterns, joined, first, 0

    def __call__(self, text: str) -> bool:
        end = self.start + len(text)
        found = False
        for at, match in enumerate(self.next):
            if match is not None and match.start() <= end:
                pattern = self.patterns[at]
                found = found or pattern.search(text) is not None
                self.next[at] = pattern.search(self.joined, end + 1)
        self.start = end + 1
        return found


def _searched(doc: Document, ctx: Context, probe: Probe) -> list[Text]:
    """The file's strings in which `probe` matches: one search of the joined strings by each pattern for a file
    without any, and for a file with some one more per string that holds a match, and one walk making paths."""
    joined = _file_values(doc, ctx)
    if isinstance(probe, tuple):
        patterns, first = probe, [pattern.search(joined) for pattern in probe]
        if not any(first):
            return []
    else:
        match = probe.search(joined)
        if match is None:
            return []
        patterns, first = (probe,), [match]
    found: list[Text] = []
    _strings_where(doc.data, _Searched(patterns, joined, first), [], found)
    return found


def strings_with(doc: Document, ctx: Context, probe: Probe) -> list[Text]:
    """The file's strings in which `probe` matches (once per file and probe, in the file memo, however many
    rules ask): found by searching the file's strings joined together (`_searched()`), so a file costs a
    pattern one search, however many strings it has, and paths are made only for a file with a string that
    matches."""
    memo: dict[int, tuple[Probe, list[Text]]] | None = ctx.file.get("probed")
    if memo is None:
        memo = ctx.file["probed"] = {}
    kept = memo.get(id(probe))  # a pattern's hash is computed from its code at every use; the memo holds the probe
    if kept is None:  # alive, so no other object has its id while it is there
        kept = memo[id(probe)] = (probe, _searched(doc, ctx, probe))
    return kept[1]


def coded_strings(doc: Document, ctx: Context) -> list[Text]:
    """`strings_with(doc, ctx, personal.HETU_SHAPE)`, the strings the henkilötunnus rules read: none in a file
    whose strings hold no six digits in a row (`personal.six_digits()` of its strings joined, once per file, in
    the file memo), where the probe would be tried at each of the file's digits."""
    six: bool | None = ctx.file.get("six digits")
    if six is None:
        six = ctx.file["six digits"] = personal.six_digits(_file_values(doc, ctx))
    return strings_with(doc, ctx, personal.HETU_SHAPE) if six else []


def _strings_where(data: Any, matches: Callable[[str], bool], path: list[Any], out: list[Text]) -> None:
    """`strings()` of the strings that match, in its order (`matches` is asked about every string in that
    order): a path is made only for a string that matches."""
    if isinstance(data, str):
        if matches(data):
            out.append(Text(tuple(path), data))
        return
    items: Iterable[tuple[Any, Any]] = data.items() if isinstance(data, dict) else enumerate(data)
    for key, value in items if isinstance(data, (dict, list)) else ():
        if isinstance(value, str):
            if matches(value):
                out.append(Text((*path, key), value))
        elif isinstance(value, (dict, list)):
            path.append(key)
            _strings_where(value, matches, path, out)
            path.pop()


def read(ctx: Context, find: Callable[[str], list[T]], text: str) -> list[T]:
    """`find(text)` (a function of `facts` or `personal`), computed once per file however many rules ask."""
    memo: dict[tuple[Callable[[str], list[Any]], str], list[Any]] = ctx.file.setdefault("facts", {})
    key = (find, text)
    if key not in memo:
        memo[key] = find(text)
    found: list[T] = memo[key]
    return found


def strings(data: Any, prefix: Path = ()) -> Iterator[Text]:
    """Every string value anywhere in a file (keys excluded)."""
    if isinstance(data, str):
        yield Text(prefix, data)
    elif isinstance(data, dict):
        for key, value in data.items():
            yield from strings(value, (*prefix, key))
    elif isinstance(data, list):
        for index, value in enumerate(data):
            yield from strings(value, (*prefix, index))


class Status(NamedTuple):
    position: int
    date: str
    text: str
    data: dict[str, Any]


@lru_cache(maxsize=4096)
def iso_date(text: str) -> bool:
    """A real YYYY-MM-DD date (anything else is the schema's finding, not a rule's); the same round dates are
    asked about by many rules in every file."""
    try:
        datetime.date.fromisoformat(text)
    except ValueError:
        return False
    return len(text) == 10


def statuses(doc: Document, ctx: Context | None = None) -> Iterator[Status]:
    """The measure's status entries that have a date and a text (with `ctx`, listed once per file in the
    file memo, however many rules ask)."""
    if ctx is None:
        return iter(_statuses(doc))
    found: list[Status] | None = ctx.file.get("statuses")
    if found is None:
        found = ctx.file["statuses"] = _statuses(doc)
    return iter(found)


def _statuses(doc: Document) -> list[Status]:
    data = doc.data
    items = data.get("statuses") if isinstance(data, dict) else None
    return [
        _status((index, date, text, item))
        for index, item in enumerate(items if isinstance(items, list) else ())
        if isinstance(item, dict)
        and isinstance(date := item.get("date"), str)
        and isinstance(text := item.get("text"), str)
    ]


_status = functools.partial(tuple.__new__, Status)  # Status(...) from a tuple, without the Python frame of its __new__


def statuses_holding(doc: Document, ctx: Context, kinds: int) -> list[Status]:
    """The measure's status entries (`statuses()`) whose text may hold one of `kinds` (bits of `prose.presence`):
    a reading of a kind finds nothing in a text without its bit (once per file and kinds, in the file memo)."""
    memo: dict[int, list[Status]] = ctx.file.setdefault("statuses holding", {})
    found = memo.get(kinds)
    if found is None:
        held = {text.path[1] for text in prose_holding(doc, ctx, kinds) if text.path[0] == "statuses"}
        found = memo[kinds] = [status for status in statuses(doc, ctx) if status.position in held]
    return found


class Days(NamedTuple):
    """The earliest and the latest of a text's calendar days (`facts.days()`, ISO forms, which sort as the days do)."""

    first: str
    last: str


def days(text: str) -> Days | None:
    """`Days` of the text, or None when it dates no day (once per text while its scan is kept: each rule comparing
    a status's days with its round asks, and a status copied forward is the same text)."""
    return facts.kept(_days, text)


def _days(text: str) -> Days | None:
    found = sorted(facts.days(text))
    return Days(found[0], found[-1]) if found else None


class Metric(NamedTuple):
    position: int
    ident: str
    kind: str
    data: dict[str, Any]


def metrics(doc: Document) -> Iterator[Metric]:
    """The measure's metrics that have an id."""
    for index, item in enumerate(items(doc.data, "metrics")):
        if isinstance(item.get("id"), str):
            yield Metric(index, item["id"], str(item.get("kind", "")), item)


class Answer(NamedTuple):
    date: str
    data: dict[str, Any]

    @property
    def has_value(self) -> bool:
        return self.data.get("value") is not None


def answers(doc: Document, metric: str, ctx: Context | None = None) -> list[Answer]:
    """Every status's answers to one metric, in date order."""
    found = [
        Answer(status.date, answer)
        for status in statuses(doc, ctx)
        for answer in items(status.data, "answers")
        if answer.get("metric") == metric
    ]
    return sorted(found, key=lambda answer: answer.date)


# --- positions ------------------------------------------------------------------------------


def _value(data: Any, path: Path) -> Any:
    for step in path:
        try:
            data = data[step]
        except (KeyError, IndexError, TypeError):
            return None
    return data


def _lines(doc: Document, ctx: Context) -> positions.Lines:
    if "lines" not in ctx.file:
        ctx.file["lines"] = positions.Lines(doc.parsed.text)
    found: positions.Lines = ctx.file["lines"]
    return found


class _Scalar(NamedTuple):
    value: str
    alignment: positions.Alignment
    lines: positions.Lines


def _scalar(doc: Document, ctx: Context, path: Path) -> _Scalar | None:
    """The string at `path` paired with its source, walked once per file and path (in the file memo);
    None when the path holds no string or the file no text."""
    memo: dict[Path, _Scalar | None] | None = ctx.file.get("scalars")
    if memo is None:
        memo = ctx.file["scalars"] = {}
    elif path in memo:
        return memo[path]
    value, lines = _value(doc.data, path), _lines(doc, ctx)
    found = None
    if isinstance(value, str) and doc.parsed.text:
        start = loader.offset(doc.parsed, path)  # where the text is walked to it; else from its mark
        start = lines.offset(*doc.mark(*path)) if start is None else start
        found = _Scalar(value, positions.align(value, doc.parsed.text, start), lines)
    memo[path] = found
    return found


def place(doc: Document, path: Path, *, offset: int, ctx: Context) -> tuple[int, int]:
    """The line:column of character `offset` of the string at `path` (of the word starting there, when
    `offset` is whitespace), in any scalar style: plain, quoted with escapes, block or folded.

    Found through the scalar's `Alignment` (built once per file and path, in the file memo) and
    the file's line starts, so locating every finding in a file is linear in the file, and a
    finding costs two bisections; a value the source cannot be paired with falls back to the
    scalar's mark. While the file's positions are deferred (`check/engine.py`), a `loader.Ticket` for it,
    located only when read."""
    return loader.placed(doc.parsed, lambda: _place(doc, path, offset, ctx))


def _place(doc: Document, path: Path, offset: int, ctx: Context) -> tuple[int, int]:
    scalar = _scalar(doc, ctx, path)
    if scalar is None:
        return doc.mark(*path)
    value = scalar.value
    if offset >= len(value) or value[offset].isspace():  # `\S` is `not str.isspace()`
        start = _WORD_START.search(value, offset)
        if start is None:
            return doc.mark(*path)
        offset = start.start()
    found = scalar.alignment.source(offset)
    return scalar.lines.at(found) if found is not None else doc.mark(*path)


_WORD_START = re.compile(r"\S")


# --- the programme --------------------------------------------------------------------------


def programme(doc: Document, ctx: Context) -> dict[str, Any]:
    """The data of the file's programme, or {} (once per file, in the file memo)."""
    found: dict[str, Any] | None = ctx.file.get("programme")
    if found is None:
        found = ctx.file["programme"] = _programme(doc, ctx)
    return found


def _programme(doc: Document, ctx: Context) -> dict[str, Any]:
    ident = doc.data.get("id") if isinstance(doc.data, dict) else None
    if doc.kind == PROGRAMME:
        return doc.data if isinstance(doc.data, dict) else {}
    return ctx.model.programme_of(ident if isinstance(ident, str) and ident else doc.expected_id)


def items(data: dict[str, Any], key: str) -> list[dict[str, Any]]:
    """The mappings listed under `key` (`isinstance(item, dict)` of each, asked without a Python frame)."""
    found = data.get(key) if isinstance(data, dict) else None
    return list(filter(dict.__instancecheck__, found)) if isinstance(found, list) else []


def ids(data: dict[str, Any], key: str) -> list[str]:
    return [str(item["id"]) for item in items(data, key) if "id" in item]


class Listed(NamedTuple):
    """The ids a programme lists under a key (`ids()`, in their order) and the same as a set, to look one up."""

    ids: list[str]
    known: frozenset[str]


def programme_ids(doc: Document, ctx: Context, key: str) -> Listed:
    """`ids()` of the file's programme under `key` (once per run, programme and key, in the run memo, which holds
    the programme's data too, so that its identity stays its own)."""
    world = programme(doc, ctx)
    memo: dict[tuple[int, str], tuple[dict[str, Any], Listed]] = ctx.run.setdefault("programme ids", {})
    found = memo.get((id(world), key))
    if found is None or found[0] is not world:
        listed = ids(world, key)
        found = memo[id(world), key] = (world, Listed(listed, frozenset(listed)))
    return found[1]


class Population(NamedTuple):
    """A population: its id, size and the words naming it (declared lemmas, or legacy prefix stems)."""

    ident: str
    size: int
    stems: tuple[str, ...]


def populations(data: dict[str, Any], key: str = "populations") -> list[Population]:
    found = []
    for item in items(data, key):
        words = population.words(item)
        if isinstance(item.get("size"), int) and words:
            found.append(Population(str(item.get("id")), item["size"], words))
    return found


def stems(data: dict[str, Any]) -> tuple[str, ...]:
    return tuple(stem for population in populations(data) for stem in population.stems)


class _Declared(NamedTuple):
    """What a programme declares that every file of it reads: its populations, their words, its round days."""

    data: dict[str, Any]  # the programme's data, held so that its identity stays its own while memoised
    populations: list[Population]
    words: tuple[str, ...]
    days: list[datetime.date]


def _declared(doc: Document, ctx: Context) -> _Declared:
    """`_Declared` of the file's programme, once per run and programme (in the run memo)."""
    world = programme(doc, ctx)
    memo: dict[int, _Declared] = ctx.run.setdefault("declared", {})
    found = memo.get(id(world))
    if found is None or found.data is not world:
        declared = populations(world)
        days = sorted(datetime.date.fromisoformat(r) for r in round_dates(world) if iso_date(r))
        found = memo[id(world)] = _Declared(world, declared, tuple(w for p in declared for w in p.stems), days)
    return found


def programme_populations(doc: Document, ctx: Context) -> list[Population]:
    """The programme's populations (`populations()` of its data, once per run and programme)."""
    return _declared(doc, ctx).populations


def programme_words(doc: Document, ctx: Context) -> tuple[str, ...]:
    """The words naming the programme's populations (`stems()` of its data, once per run and programme)."""
    return _declared(doc, ctx).words


def round_days(doc: Document, ctx: Context) -> list[datetime.date]:
    """The days of the programme's rounds written as dates, in order (once per run and programme)."""
    return _declared(doc, ctx).days


def population_words(doc: Document, ctx: Context) -> tuple[str, ...]:
    """The words naming the programme's populations and the file's own subpopulations (once per file)."""
    if "population_words" not in ctx.file:
        own = tuple(word for p in populations(doc.data, "subpopulations") for word in p.stems)
        ctx.file["population_words"] = programme_words(doc, ctx) + own
    found: tuple[str, ...] = ctx.file["population_words"]
    return found


def respondents(data: dict[str, Any], round_date: str | None, *, population: str) -> list[int]:
    """How many of a population answered in a round (in any round when `round_date` is None)."""
    return [
        item["count"]
        for item in items(data, "respondents")
        if round_date in (None, item.get("round"))
        and item.get("population") == population
        and isinstance(item.get("count"), int)
    ]


def round_dates(data: dict[str, Any]) -> list[str]:
    return rounds(data) if isinstance(data, dict) else []


def suggest(word: str, options: list[str]) -> str:
    """ " Did you mean …?"-material: the closest options, or all of them when few."""
    close = difflib.get_close_matches(word, options, n=3, cutoff=0.5)
    return ", ".join(close or options[:8])


# --- the tree -------------------------------------------------------------------------------


class Group(NamedTuple):
    ident: str
    number: str
    measures: dict[str, list[str]]  # normalised number -> measure ids, in id order
    planned: frozenset[str]


def _number(data: Any) -> str:
    value = data.get("number") if isinstance(data, dict) else None
    return facts.normal_number(value) if isinstance(value, str) else ""


class _Ids(NamedTuple):
    """The model's measure and group ids by their first part (the programme), listed once per run."""

    measures: dict[str, list[str]]
    groups: dict[str, list[str]]


def _ids(ctx: Context) -> _Ids:
    if "ids by programme" not in ctx.run:
        found = _Ids({}, {})
        for kind, idents in ((found.measures, ctx.model.measures), (found.groups, ctx.model.groups)):
            for ident in idents:
                if "/" in ident:
                    kind.setdefault(ident.split("/", 1)[0], []).append(ident)
        ctx.run["ids by programme"] = found
    ids_: _Ids = ctx.run["ids by programme"]
    return ids_


def _under(ctx: Context, programme_id: str, *, listed: dict[str, list[str]], every: Iterable[str]) -> list[str]:
    """The ids starting with "programme_id/", sorted: from the run's listing (a programme id with a "/" in
    it, which no first part is, is looked for among `every` id)."""
    if "/" not in programme_id:
        return sorted(listed.get(programme_id, []))
    return sorted(i for i in every if i.startswith(programme_id + "/"))


def _numbered(ctx: Context, programme_id: str) -> dict[str, dict[str, list[str]]]:
    """Group id -> normalised measure number -> measure ids (in id order), for one programme."""
    measures: dict[str, dict[str, list[str]]] = {}
    model = ctx.model
    for ident in _under(ctx, programme_id, listed=_ids(ctx).measures, every=model.measures):
        number = _number(model.measures[ident].data)
        if number:
            measures.setdefault("/".join(ident.split("/")[:2]), {}).setdefault(number, []).append(ident)
    return measures


def _build(ctx: Context, programme_id: str) -> dict[str, Group]:
    """Group id -> Group with its measures by normalised number, for one programme."""
    measures = _numbered(ctx, programme_id)
    index: dict[str, Group] = {}
    for ident in _under(ctx, programme_id, listed=_ids(ctx).groups, every=ctx.model.groups):
        doc = ctx.model.groups[ident]
        planned = frozenset(_number(item) for item in items(doc.data, "plan_measures")) - {""}
        index[ident] = Group(ident, _number(doc.data), measures.get(ident, {}), planned)
    return index


def groups(ctx: Context, programme_id: str) -> dict[str, Group]:
    """The programme's groups, indexed once per run and programme (in the run memo)."""
    built: dict[str, dict[str, Group]] = ctx.run.setdefault("groups", {})
    if programme_id not in built:
        built[programme_id] = _build(ctx, programme_id)
    return built[programme_id]


def measures_numbered(ctx: Context, group_id: str) -> dict[str, list[str]]:
    group = groups(ctx, group_id.split("/")[0]).get(group_id)
    return group.measures if group else {}


def group_id(doc: Document) -> str:
    """programme/group of a group or measure file: from its declared id, else its path."""
    data = doc.data
    ident = data.get("id") if isinstance(data, dict) else None
    ident = ident if isinstance(ident, str) and "/" in ident else doc.expected_id
    second = ident.find("/", ident.find("/") + 1)  # none when the id has one "/" or none
    return ident if second < 0 else ident[:second]


def figure_populations(measure: dict[str, Any], programme: dict[str, Any]) -> list[Population]:
    """What a measure's figures count over: its own subpopulations first, then its programme's populations."""
    return populations(measure, "subpopulations") + populations(programme)


# --- claimed changes ------------------------------------------------------------------------


def baseline(world: dict[str, Any]) -> str | None:
    """The programme's baseline round, from which a goal line's changes are counted."""
    found = [str(r.get("date")) for r in items(world, "rounds") if r.get("kind") == "baseline"]
    return found[0] if found else None


Claimed = tuple[Status, changes.Claim, str, list[changes.Question], list[changes.Compared]]


def claimed_changes(doc: Document, ctx: Context) -> list[Claimed]:
    """Each claim of each status with its compared round, that round's questions, and each change beside the
    figures (claims with no compared round or no tally before them are left out); once per file."""
    if "claimed_changes" not in ctx.file:
        ctx.file["claimed_changes"] = list(_claimed_changes(doc, ctx))
    found: list[Claimed] = ctx.file["claimed_changes"]
    return found


def _claimed_changes(doc: Document, ctx: Context) -> Iterator[Claimed]:
    holding = statuses_holding(doc, ctx, presence.CLAIMS)  # a text without the bit has no claim
    if not holding:
        return
    world = programme(doc, ctx)
    words = population_words(doc, ctx)
    rounds, start = round_dates(world), baseline(world)
    by_date = {s.date: s for s in statuses(doc, ctx)}
    for status in holding:
        for claim in changes.claims(status.text):
            compared = changes.round_of(claim, rounds, start)
            asked = changes.asked_before(status.text, claim, words)
            if compared is None or compared >= status.date or compared not in by_date or asked is None:
                continue
            alone = len(changes.questions(status.text, words)) == 1
            earlier = changes.questions(by_date[compared].text, words)
            yield status, claim, compared, earlier, changes.compare(claim, asked, earlier, alone=alone)
