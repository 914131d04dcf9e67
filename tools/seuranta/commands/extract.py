"""`seuranta extract`: propose structured observations for the figures in status texts.

A count over a population ("7/14 organisaatiossa", "2/ 23 kuntaa": the word after
the fraction starts with one of the programme's or the measure's population stems)
becomes {quote, value, of, unit: <population id>}; a percentage that is a share
("49,2%", "45 prosenttia", not a signed change "+5 %") becomes {quote, value, unit: '%'}.
The figures are those of `prose.figures`, the one model every command reads. Quotes a
status already observes are not proposed again.

The proposals are printed as YAML for review, shaped like the statuses they belong
to. `--write` inserts them into the files (after `text`, as the schema orders them)
through the round trip, so comments are kept; each file is loaded again and must
equal the old data plus exactly the proposed observations, or it is not written.
"""

from __future__ import annotations

import copy
import datetime
import sys
from pathlib import Path
from typing import Any, NamedTuple, TextIO

from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.scalarstring import SingleQuotedScalarString

from seuranta.commands import status_add
from seuranta.edit import checked, roundtrip
from seuranta.files.listing import display, yaml_files
from seuranta.files.repo import find_root
from seuranta.model import config as config_mod
from seuranta.model import counts, loader
from seuranta.model.documents import MEASURE, PROGRAMME_FILE, kind_of
from seuranta.model.errors import Exit
from seuranta.model.loader import Parsed
from seuranta.model.problem import ERROR, Message, Problem
from seuranta.prose import figures
from seuranta.reporters import text as text_reporter
from seuranta.reporters.escaping import terminal, terminal_lines
from seuranta.rules.support import Population, figure_populations

PERCENT = "%"

NOTHING = Message("# Ei ehdotettavia havaintoja.", "# No observations to propose.")
WRITTEN = Message("# Kirjoitettu {path}: {count}.", "# Written {path}: {count}.")
UNSAFE = Message(
    "Havaintoja ei voitu lisätä muuttamatta muita arvoja; tiedostoa ei muutettu.",
    "The observations could not be added without changing other values; the file was left as it was.",
)


class Options(NamedTuple):
    measures: tuple[str, ...]
    write: bool
    lang: str
    root: Path | None = None
    today: datetime.date | None = None


class Proposal(NamedTuple):
    """The observations proposed for one status (by its index in `statuses`)."""

    position: int
    date: str
    observations: list[dict[str, Any]]


class Measure(NamedTuple):
    path: Path
    name: str
    parsed: Parsed
    proposals: list[Proposal]


# --- finding figures ----------------------------------------------------------------------------


def _number(value: float) -> int | float:
    """49.0 → 49 (written `49`, which the loader reads back as the same number); 49.2 stays."""
    return int(value) if float(value).is_integer() else float(value)


def _observation(figure: figures.Figure) -> dict[str, Any] | None:
    """A count over a known population, or a percentage (not a change): what an observation records."""
    if figure.kind == figures.COUNT and figure.population:
        return {"quote": figure.quote, "value": _number(figure.value), "of": figure.of, "unit": figure.population}
    if figure.kind == figures.PERCENT:
        return {"quote": figure.quote, "value": _number(figure.value), "unit": PERCENT}
    return None


def observations(text: str, known: list[Population]) -> list[dict[str, Any]]:
    """Counts over a known population and percentages, in the order they appear in the text."""
    unique: list[dict[str, Any]] = []
    for item in map(_observation, figures.extract(text, known)):
        if item is not None and item not in unique:
            unique.append(item)
    return unique


def propose(data: dict[str, Any], programme: dict[str, Any]) -> list[Proposal]:
    known = figure_populations(data, programme)
    proposals = []
    for index, status in enumerate(data.get("statuses") or []):
        if not isinstance(status, dict) or not isinstance(status.get("text"), str):
            continue
        existing = status.get("observations")
        quoted = {o.get("quote") for o in existing if isinstance(o, dict)} if isinstance(existing, list) else set()
        new = [o for o in observations(status["text"], known) if o["quote"] not in quoted]
        if new:
            proposals.append(Proposal(index, str(status.get("date")), new))
    return proposals


# --- printing and writing -----------------------------------------------------------------------


def _observation_map(item: dict[str, Any]) -> CommentedMap:
    mapping = CommentedMap()
    for key in ("quote", "value", "of", "unit"):
        if key in item:
            mapping[key] = item[key]
    return mapping


def as_yaml(measure: Measure) -> str:
    """`<id>:` and a list of `- date: …, observations: […]`, ready to compare with the file."""
    entries = CommentedSeq()
    for proposal in measure.proposals:
        entry = CommentedMap()
        entry["date"] = SingleQuotedScalarString(proposal.date)
        entry["observations"] = CommentedSeq([_observation_map(o) for o in proposal.observations])
        entries.append(entry)
    root = CommentedMap()
    root[str(measure.parsed.data.get("id") or measure.name)] = entries
    return f"# {measure.name}\n" + roundtrip.dump(root)


def _expected(data: dict[str, Any], proposals: list[Proposal]) -> dict[str, Any]:
    expected = copy.deepcopy(data)
    for proposal in proposals:
        status = expected["statuses"][proposal.position]
        status["observations"] = list(status.get("observations") or []) + proposal.observations
    return expected


def _insert(document: Any, proposals: list[Proposal]) -> None:
    """Add the observations after `text` (or to the end of the existing ones); a whole-line comment that
    followed the status stays after it, below the observations."""
    for proposal in proposals:
        status = document["statuses"][proposal.position]
        items = [_observation_map(o) for o in proposal.observations]
        keys = list(status.keys())
        if isinstance(status.get("observations"), list):
            after = "observations"
        else:
            after = "text" if "text" in keys else keys[-1]
        comment = roundtrip.take_tail(status, after)
        if after == "observations":
            status["observations"].extend(items)
        else:
            status.insert(keys.index(after) + 1, "observations", CommentedSeq(items))
        roundtrip.put_tail(status, "observations", comment)


def write(measure: Measure, where: checked.Target, today: datetime.date) -> list[Problem]:
    """Insert the proposals into the file; findings instead when the result would not be exact or would
    add an error (`edit.checked.write`)."""
    document = roundtrip.read_round_trip(measure.parsed.text)
    _insert(document, measure.proposals)
    text = roundtrip.dump(document)
    after = loader.load_bytes(measure.name, text.encode("utf-8"))
    if after.data is None or not roundtrip.same(after.data, _expected(measure.parsed.data, measure.proposals)):
        return [Problem(measure.name, 1, 1, "extract-unsafe", ERROR, UNSAFE)]
    return checked.write(where, text, today)


# --- the command --------------------------------------------------------------------------------


def _data_dir(root: Path) -> Path:
    return root / config_mod.load(root).config.data


def measure_files(root: Path, data_dir: Path, wanted: tuple[str, ...]) -> list[Path]:
    """The named measures (ids or paths), else every measure file of the data tree."""
    if not wanted:
        return [p for p in yaml_files(data_dir) if kind_of(p) == MEASURE] if data_dir.is_dir() else []
    found = []
    for measure in wanted:
        given = Path(measure)
        path = given if given.suffix in (".yaml", ".yml") else data_dir / f"{measure.strip('/')}.yaml"
        if not path.is_file():
            raise status_add.not_found(root, data_dir, measure, path)
        found.append(path)
    return found


def _programme(data_dir: Path, ident: str, cache: dict[str, dict[str, Any]]) -> dict[str, Any]:
    key = ident.split("/", 1)[0]
    if key not in cache:
        data = loader.load(data_dir / key / PROGRAMME_FILE).data
        cache[key] = data if isinstance(data, dict) else {}
    return cache[key]


def _measure(path: Path, root: Path, data_dir: Path, cache: dict[str, dict[str, Any]]) -> Measure:
    name = display(path, root)
    parsed = loader.load(path, name)
    if not isinstance(parsed.data, dict):
        return Measure(path, name, parsed, [])
    try:
        ident = path.resolve().relative_to(data_dir.resolve()).with_suffix("").as_posix()
    except ValueError:
        ident = str(parsed.data.get("id") or "")
    return Measure(path, name, parsed, propose(parsed.data, _programme(data_dir, ident, cache)))


def execute(options: Options, out: TextIO | None = None) -> int:
    """Print the proposals (and write them with --write); an unknown measure is a usage error."""
    out = out or sys.stdout
    root = options.root or find_root(Path.cwd())
    data_dir = _data_dir(root)
    files = measure_files(root, data_dir, options.measures)
    cache: dict[str, dict[str, Any]] = {}
    measures = [_measure(path, root, data_dir, cache) for path in files]
    problems = [p for m in measures for p in m.parsed.problems if p.severity == ERROR]
    proposed = [m for m in measures if m.proposals]
    out.write(terminal_lines("".join(as_yaml(m) for m in proposed)) or NOTHING.text(options.lang) + "\n")
    if options.write:
        config = config_mod.load(root).config
        for measure in proposed:
            refused = write(measure, checked.target(root, measure.path, config), options.today or datetime.date.today())
            if refused:
                problems += refused
                continue
            count = counts.OBSERVATIONS.counted(sum(len(p.observations) for p in measure.proposals), options.lang)
            out.write(WRITTEN.text(options.lang).format(path=terminal(measure.name), count=count) + "\n")
    for problem in problems:
        out.write("# " + text_reporter.line(problem, options.lang) + "\n")
    return Exit.FINDINGS if problems else Exit.OK
