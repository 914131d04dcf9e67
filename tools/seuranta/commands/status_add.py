"""`seuranta status add`: append one round's status to a measure, touching no existing line.

The entry is rendered with the `fmt` layout and inserted as whole lines at the end
of the `statuses:` list (the key is created if the file has none), so the file's
git diff is added lines only and every comment and line elsewhere stays as it was.
The result is loaded again with the strict loader and must equal the old data with
exactly this entry appended; otherwise nothing is written.
"""

from __future__ import annotations

import datetime
import re
import sys
from collections.abc import Mapping
from pathlib import Path
from typing import Any, NamedTuple, TextIO

from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.scalarstring import DoubleQuotedScalarString, LiteralScalarString, SingleQuotedScalarString

from seuranta.edit import checked, roundtrip
from seuranta.files import listing
from seuranta.files.listing import display
from seuranta.files.repo import find_root
from seuranta.model import config as config_mod
from seuranta.model import loader, suggest
from seuranta.model.documents import MEASURE, PROGRAMME_FILE, kind_of
from seuranta.model.errors import Exit, UsageError
from seuranta.model.index import rounds
from seuranta.model.isodate import iso_date
from seuranta.model.loader import Parsed
from seuranta.model.problem import ERROR, Message, Problem
from seuranta.reporters import text as text_reporter
from seuranta.reporters.escaping import terminal

# Top-level keys that the schema puts after `statuses`: a new `statuses:` goes before the first of them.
AFTER_STATUSES = ("notes", "acknowledged")

NOT_FOUND = Message(
    "toimenpidettä '{measure}' ei löydy ({path}).{hint_fi}",
    "measure '{measure}' not found ({path}).{hint_en}",
)
MAYBE = Message(" Tarkoititko: {names}?", " Did you mean: {names}?")
ADDED = Message(
    "Lisätty kierroksen {date} tilanne: {path}:{line}",
    "Added the status of round {date}: {path}:{line}",
)
# The only layouts where an existing line must change: YAML cannot add block entries below `statuses: []`,
# and a line cannot be followed by another without ending in a line break.
CHANGED = {
    "statuses": Message(
        "Rivi {line} 'statuses: []' (tyhjä lista) kirjoitettiin muotoon 'statuses:', jotta tilanteen voi lisätä "
        "sen alle; muut rivit ovat ennallaan.",
        "Line {line} 'statuses: []' (an empty list) was written as 'statuses:' so that the status can follow it; "
        "no other line changed.",
    ),
    "newline": Message(
        "Tiedoston viimeiseltä riviltä ({line}) puuttui rivinvaihto; se lisättiin. Muut rivit ovat ennallaan.",
        "The file's last line ({line}) had no line break; one was added. No other line changed.",
    ),
}
REFUSALS = {
    "status-date-form": Message(
        "Päivämäärä '{date}' ei ole muotoa VVVV-KK-PP (esim. 2022-11-15) tai PP.KK.VVVV.",
        "The date '{date}' is not of the form YYYY-MM-DD (e.g. 2022-11-15) or DD.MM.YYYY.",
    ),
    "status-round": Message(
        "Päivämäärä {date} ei ole ohjelman {programme} raportointikierros. Kierrokset: {rounds}.",
        "The date {date} is not a reporting round of programme {programme}. Rounds: {rounds}.",
    ),
    "status-duplicate": Message(
        "Kierroksen {date} tilanne on jo tiedostossa (rivi {line}). Muokkaa sitä tai valitse toinen kierros.",
        "The status of round {date} is already in the file (line {line}). Edit it or choose another round.",
    ),
    "status-text-character": Message(
        "Tekstissä on näkymätön ohjausmerkki tai kirjoitussuuntaa muuttava merkki {char}. Poista se ja yritä "
        "uudelleen.",
        "The text contains an invisible control or bidirectional character {char}. Remove it and try again.",
    ),
    "status-text-encoding": Message(
        "Teksti ei ole UTF-8-merkistöä (tavu {byte}). Tallenna se UTF-8-muodossa.",
        "The text is not UTF-8 (byte {byte}). Save it as UTF-8.",
    ),
    "status-text-empty": Message(
        "Tilanteen teksti on tyhjä. Anna teksti (--text tai --text-file).",
        "The status text is empty. Give a text (--text or --text-file).",
    ),
    "status-programme": Message(
        "Ohjelmatiedostoa {path} ei voitu lukea, joten kierroksia ei tiedetä. Korjaa se ensin.",
        "The programme file {path} could not be read, so its rounds are unknown. Fix it first.",
    ),
    "status-layout": Message(
        "statuses-lista on kirjoitettu hakasulkeisiin tai samalle riville. Kirjoita se riveittäin "
        "('- date: …') ja yritä uudelleen.",
        "The statuses list is written in brackets or on one line. Write it one entry per line "
        "('- date: …') and try again.",
    ),
    "status-unsafe": Message(
        "Tilannetta ei voitu lisätä muuttamatta muita rivejä. Lisää se käsin tiedoston statuses-listan loppuun.",
        "The status could not be added without changing other lines. Add it by hand at the end of statuses.",
    ),
}


class Options(NamedTuple):
    measure: str
    date: str
    text: str | None
    text_file: str | None
    lang: str
    root: Path | None = None
    today: datetime.date | None = None


class Refusal(Exception):
    """Located reasons not to add the status."""

    def __init__(self, problem: Problem, *more: Problem, added: bool = False) -> None:
        super().__init__(problem.message.en)
        self.problems = [problem, *more]
        self.added = added  # errors the new text would add, rather than a reason not to try


def refuse(name: str, mark: tuple[int, int], rule: str, **fields: Any) -> Refusal:
    message = REFUSALS[rule]
    text = Message(message.fi.format(**fields), message.en.format(**fields))
    return Refusal(Problem(name, mark[0], mark[1], rule, ERROR, text))


# --- inputs -------------------------------------------------------------------------------------


def text_source(options: Options) -> str:
    """How a refusal names where the text came from: --text, the text file, or standard input."""
    if options.text is not None:
        return "--text"
    return "<stdin>" if options.text_file in (None, "-") else str(options.text_file)


def check_characters(text: str, source: str) -> None:
    """Refuse a text holding a character the loader would refuse or warn about, at its line:column."""
    for found in loader.forbidden_characters(text):
        line = text.count("\n", 0, found.offset) + 1
        column = found.offset - text.rfind("\n", 0, found.offset)
        raise refuse(source, (line, column), "status-text-character", char=found.char)


def read_text(options: Options) -> str:
    """The status text from --text, or from --text-file (`-` is standard input) without its final line breaks."""
    if options.text is not None:
        return options.text
    name = options.text_file or "-"
    raw = sys.stdin.buffer.read() if name == "-" else Path(name).read_bytes()
    try:
        return raw.decode("utf-8").rstrip("\r\n")
    except UnicodeDecodeError as err:
        line = raw.count(b"\n", 0, err.start) + 1
        column = err.start - raw.rfind(b"\n", 0, err.start)
        raise refuse(
            text_source(options), (line, column), "status-text-encoding", byte=f"0x{raw[err.start]:02x}"
        ) from err


def not_found(root: Path, data_dir: Path, measure: str, path: Path) -> UsageError:
    """An unknown measure, with the measure ids it probably meant."""
    ids = [
        Path(s.relative).with_suffix("").as_posix()
        for s in listing.data_sources(root, data_dir)
        if s.relative and kind_of(Path(s.path)) == MEASURE
    ]
    close = suggest.close(measure, ids)
    hints = {lang: MAYBE.text(lang).format(names=", ".join(close)) if close else "" for lang in ("fi", "en")}
    shown = terminal(checked.target(root, path).name)
    return UsageError(NOT_FOUND, measure=measure, path=shown, hint_fi=hints["fi"], hint_en=hints["en"])


def measure_path(root: Path, data_dir: Path, measure: str) -> Path:
    """A measure id (pirsote/tp01/02-…) or a path to its file."""
    given = Path(measure)
    if given.suffix in (".yaml", ".yml") and given.is_file():
        return given
    return data_dir / f"{measure.strip('/')}.yaml"


# --- where the entry goes -----------------------------------------------------------------------


def at(marks: Mapping[tuple[Any, ...], Any], *where: Any) -> tuple[int, int] | None:
    """The 1-based line:column the loader recorded for a path, if any."""
    return loader.position(marks[where]) if where in marks else None


def _top_keys(parsed: Parsed) -> dict[str, int]:
    """Top-level keys and their lines."""
    return {str(path[0]): loader.position(mark)[0] for path, mark in parsed.key_marks.items() if len(path) == 1}


def _next_key_line(parsed: Parsed, after: int, total: int) -> int:
    later = [line for line in _top_keys(parsed).values() if line > after]
    return min(later) if later else total + 1


def _content_end(lines: list[str], first: int, stop: int) -> int:
    """The index after the last line of a block that is not blank or a column-0 comment."""
    end = stop
    while end > first and (not lines[end - 1].strip() or lines[end - 1].startswith("#")):
        end -= 1
    return end


def _dash_indent(parsed: Parsed, lines: list[str]) -> int:
    first = at(parsed.marks, "statuses", 0)
    if first is None:
        return 0
    found = re.match(r"( *)-[ \n]", lines[first[0] - 1])
    return len(found.group(1)) if found else 0


class Place(NamedTuple):
    """Insert `lines` before line index `at`; `replace` drops that many existing lines first."""

    at: int
    header: str
    replace: int = 0


def places(parsed: Parsed, lines: list[str]) -> list[Place]:
    """Where the entry may go, best first."""
    keys = _top_keys(parsed)
    data = parsed.data
    if "statuses" not in keys:
        later = [keys[k] for k in AFTER_STATUSES if k in keys]
        if not later:
            return [Place(len(lines), "statuses:\n")]
        return [Place(_content_end(lines, 0, min(later) - 1), "statuses:\n"), Place(min(later) - 1, "statuses:\n")]
    line = keys["statuses"]
    value = data.get("statuses")
    value_mark = at(parsed.marks, "statuses") or (line, 1)
    stop = _next_key_line(parsed, line, len(lines)) - 1
    if isinstance(value, list) and value and value_mark[0] == line:
        raise refuse(parsed.path, value_mark, "status-layout")
    if not value:
        if re.match(r"statuses:[ \t]*(#.*)?$", lines[line - 1].rstrip("\r\n")):
            return [Place(line, ""), Place(stop, "")]
        return [Place(line - 1, "statuses:\n", replace=1)]
    end = _content_end(lines, line, stop)
    return [Place(end, ""), Place(stop, "")]


# --- rendering and checking ---------------------------------------------------------------------


def _styles(text: str) -> list[Any]:
    """The text as a block (several lines) or plain (one line), then double-quoted as the fallback."""
    first = LiteralScalarString(text) if "\n" in text else text
    return [first, DoubleQuotedScalarString(text)]


def render(date: str, text: Any, indent: int) -> str:
    entry = CommentedMap()
    entry["date"] = SingleQuotedScalarString(date)
    entry["text"] = text
    rendered = roundtrip.dump(CommentedSeq([entry]))
    pad = " " * indent
    return "".join(pad + line if line.strip() else line for line in rendered.splitlines(keepends=True))


def _expected(data: dict[str, Any], date: str, text: str) -> dict[str, Any]:
    expected = dict(data)
    expected["statuses"] = [*list(data.get("statuses") or []), {"date": date, "text": text}]
    return expected


class Insertion(NamedTuple):
    """The new file text, the line the entry starts on, and any existing line the insertion had to change."""

    text: str
    line: int
    changed: list[tuple[int, str]]


def _newline(lines: list[str]) -> str:
    """The file's own line break: CRLF when its first line ends in one."""
    return "\r\n" if lines and lines[0].endswith("\r\n") else "\n"


def _splice(lines: list[str], place: Place, block: str) -> tuple[str, list[tuple[int, str]]]:
    newline = _newline(lines)
    before = "".join(lines[: place.at])
    changed = [(place.at + 1, "statuses") for _ in range(place.replace)]
    if before and not before.endswith("\n"):
        before += newline
        changed.append((place.at, "newline"))
    header, block = place.header.replace("\n", newline), block.replace("\n", newline)
    return before + header + block + "".join(lines[place.at + place.replace :]), changed


def insert(parsed: Parsed, date: str, text: str) -> Insertion:
    """The new file text and the line the entry starts on, in the file's own line breaks."""
    lines = parsed.text.splitlines(keepends=True)
    indent = _dash_indent(parsed, lines)
    expected = _expected(parsed.data, date, text)
    for place in places(parsed, lines):
        for style in _styles(text):
            result, changed = _splice(lines, place, render(date, style, indent))
            after = loader.load_bytes(parsed.path, result.encode("utf-8"))
            if after.data is not None and roundtrip.same(after.data, expected):
                line = (at(after.marks, "statuses", len(expected["statuses"]) - 1) or (1, 1))[0]
                return Insertion(result, line, changed)
    raise refuse(parsed.path, (1, 1), "status-unsafe")


# --- the command --------------------------------------------------------------------------------


def _programme_rounds(data_dir: Path, root: Path, measure_id: str) -> tuple[str, list[str]]:
    programme_id = measure_id.split("/", 1)[0]
    path = data_dir / programme_id / PROGRAMME_FILE
    parsed = loader.load(path, display(path, root))
    if not isinstance(parsed.data, dict):
        raise refuse(display(path, root), (1, 1), "status-programme", path=display(path, root))
    return programme_id, rounds(parsed.data)


def _check_date(parsed: Parsed, date: str, programme: tuple[str, list[str]]) -> None:
    programme_id, known = programme
    statuses_mark = at(parsed.key_marks, "statuses") or (1, 1)
    if date not in known:
        raise refuse(
            parsed.path, statuses_mark, "status-round", date=date, programme=programme_id, rounds=", ".join(known)
        )
    for index, item in enumerate(parsed.data.get("statuses") or []):
        if isinstance(item, dict) and item.get("date") == date:
            mark = at(parsed.marks, "statuses", index, "date") or statuses_mark
            raise refuse(parsed.path, mark, "status-duplicate", date=date, line=mark[0])


def add(options: Options, where: checked.Target) -> Insertion:
    """Add the status to the file `where`: what was written."""
    root, path, name = where.root, where.path, where.name
    date = iso_date(options.date)
    if date is None:
        raise refuse(name, (1, 1), "status-date-form", date=options.date)
    text = read_text(options)
    if not text.strip():
        raise refuse(name, (1, 1), "status-text-empty")
    check_characters(text, text_source(options))
    parsed = loader.load(path, name)
    errors = [p for p in parsed.problems if p.severity == ERROR]
    if errors or not isinstance(parsed.data, dict):
        raise Refusal(errors[0] if errors else parsed.problems[0])
    data_dir = where.data_dir
    _check_date(parsed, date, _programme_rounds(data_dir, root, _measure_id(parsed, path, data_dir)))
    inserted = insert(parsed, date, text)
    refused = checked.write(where, inserted.text, options.today or datetime.date.today())
    if refused:
        raise Refusal(*refused, added=refused[0].rule != checked.GUARD_RULE)
    return inserted


def _measure_id(parsed: Parsed, path: Path, data_dir: Path) -> str:
    """The id the file's place under data/ gives it, else the id it declares."""
    try:
        return path.resolve().relative_to(data_dir.resolve()).with_suffix("").as_posix()
    except ValueError:
        return str(parsed.data.get("id") or "")


def _data_dir(root: Path) -> Path:
    return root / config_mod.load(root).config.data


def execute(options: Options, out: TextIO | None = None) -> int:
    """Add the status; refusals (exit 1) are located findings, an unknown measure a usage error."""
    out = out or sys.stdout
    root = options.root or find_root(Path.cwd())
    where = checked.target(root, measure_path(root, _data_dir(root), options.measure))
    unsafe = checked.guard(where)
    if not unsafe and not where.path.is_file():
        raise not_found(root, where.data_dir, options.measure, where.path)
    try:
        if unsafe:
            raise Refusal(*unsafe)
        inserted = add(options, where)
    except Refusal as refusal:
        for problem in refusal.problems:
            out.write(text_reporter.line(problem, options.lang) + "\n")
        if refusal.added:
            out.write(checked.refusal_note(len(refusal.problems), options.lang) + "\n")
        return Exit.FINDINGS
    date = iso_date(options.date)
    out.write(ADDED.text(options.lang).format(date=date, path=terminal(where.name), line=inserted.line) + "\n")
    for line, why in inserted.changed:
        out.write(CHANGED[why].text(options.lang).format(line=line) + "\n")
    return Exit.OK
