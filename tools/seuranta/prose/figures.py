"""The one model of a figure: a number in a status text, what it counts over, the indicator it measures,
and its series across rounds.

A figure is a fraction that `facts.fractions` finds (a count "10/15 sotekeskuksessa", a rate
"5/1000 asukasta", a scale "ka. 3,9/5"; month/year forms, document numbers and "24/7" are not
figures) or a percentage from `facts.percents` ("49,2 %", a change "+5 %"). Its population is the
programme population (or the measure's subpopulation) whose word stems name the word after it,
matched by `facts.matches_stem` only, else the population a status observation quoting it names;
"3/23 kunnassa" is a count over kunta, and without the stems it would be March 2023. The indicator is named by the words of its clause: the words before
it (its label) and the words after it (its tail).

Pairing (`series`): the figures of each round, in round order, join the open series of the same
kind and population (unknown on one side is no bar; two populations never pair) whose words are most
alike the figure's (`similarity`: an inflection or a compound counts as the same word; best pairs
first, one figure per series per round); what is left pairs only where a misspelt word is the only
difference and the pair is the only one; the rest open new series. Two versions of one text pair the
same way (`moves`).
A series has a stable key and a readable name: a numeric metric of the measure whose words match,
else the whole words that name the indicator, never a cut word or an unclosed parenthesis.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from typing import NamedTuple, Protocol

from seuranta.prose import facts, resemblance

COUNT = facts.COUNT
RATE = facts.RATE
SCALE = facts.SCALE
PERCENT = "percent"
CHANGE = "change"
FRACTIONS = (COUNT, RATE, SCALE)
UNIT_PERCENT = "%"
UNIT_CHANGE = "%-yks."
METRIC_KINDS = ("ratio", "count", "rate")
MATCH_THRESHOLD = 0.4
MISSPELT = 0.8  # how alike two spellings of one word are (difflib's ratio), for the unambiguous rest
METRIC_THRESHOLD = 0.3
LABEL_WORDS = 8  # of a name
CLAUSE_WORDS = 16  # of a label, compared when pairing
TAIL_WORDS = 6
NAME_WORDS = 3  # a label with fewer words than this is named with its tail too
BEFORE_WORDS = 2

_SLASH = re.compile(r"(\d+(?:[,.]\d+)?),? ?/ ?(\d+(?:[,.]\d+)?)")
_NUMBER = re.compile(r"\d+(?:[,.]\d+)?")
_EDGE = ".,;:!?()[]\"'´`«»…"
_WORD = re.compile(r"\S+")
_SENTENCE_END = (".", ";", "!", "?")
_MARKER = re.compile(r"\(?\w\)|[-–•*]")  # "a)", "(b)", "-": list markers, not words
_BOUNDARY = re.compile(r"[.!?;](?=\s|$)|\n|\s[-–•]\s|(?<!\S)\(?[a-hA-H]\)(?=\s)")
_TAIL_END = re.compile(_BOUNDARY.pattern + r"|,\s")  # a tail ends at a comma too: "…, 7/15 sotekeskuksessa"
_LEAD = re.compile(r"^\s*(?:\(?[a-hA-H]\)|[-–•*]|\d{1,2}\))\s*")
_STEM_WORDS = re.compile(r"[^\W\d_][\w-]*")
_STOP = frozenset({"ja", "on", "oli", "ovat", "ei", "sekä", "tai", "että", "mutta", "kuin", "se", "ne", "niin"})
# Words that join a clause to the one before it: never the first word of a name ("Eli 51% pääsee …").
_JOINERS = frozenset({"eli", "ja", "sekä", "tai", "mutta", "että", "vastaavasti", "lisäksi", "joista", "joissa", "kun"})
# Words that qualify a number ("jo 5/15", "yli 50 %"): never at either end of a name.
_QUALIFIERS = frozenset(
    {"jo", "vain", "noin", "n", "yli", "alle", "ca", "kpl", "mm", "esim", "myös", "kuitenkin", "vielä", "jopa",
     "ainakin", "vähintään", "lähes", "peräti", "kaikkiaan", "yhteensä", "enää"}
)  # fmt: skip
_CASE_ENDING_AT = re.compile(r":\w+")
_EDGE_WORDS = _JOINERS | _STOP | _QUALIFIERS
_CASE_ENDING = re.compile(r"(?:\d[\d,.%]*)?:\w+$")  # a number's case ending: "5:ssä", "95%:sti", ":lla"


class Population(Protocol):
    """What a figure counts over: `rules.support.Population` (its id and the stems naming it)."""

    @property
    def ident(self) -> str: ...

    @property
    def stems(self) -> tuple[str, ...]: ...


class Figure(NamedTuple):
    """One figure as written in one text (of one round, when read for a series)."""

    round: str
    start: int
    end: int
    kind: str
    text: str  # the figure alone, spaces removed: "7/14", "49,2%", "+5%"
    quote: str  # the characters quoted, with the population word: "7/14 organisaatiossa", "49,2 %"
    value: float
    of: float | None
    word: str  # the word right after it
    population: str  # the population it counts over, or ""
    before: str  # up to two words before it in its sentence, for a phrase
    after: str  # the word after it in its sentence, for a phrase
    label: str  # the words of its clause before it
    tail: str  # the words of its clause after it
    words: tuple[str, ...] = ()  # the content words of its label and tail, lower-cased, which pairing compares

    @property
    def share(self) -> float:
        """Per cent: a fraction as a share, a percentage as itself."""
        return self.value * 100 / self.of if self.of else self.value

    @property
    def number(self) -> int | float:
        return int(self.value) if float(self.value).is_integer() else self.value

    @property
    def unit(self) -> str:
        """The population, "%" or "%-yks." (a change in percentage points); "" for a fraction over nothing known."""
        return {PERCENT: UNIT_PERCENT, CHANGE: UNIT_CHANGE}.get(self.kind, self.population)

    def shown(self) -> str:
        """ "10/15" or "49,2 %", as a reader writes it."""
        if self.of:
            return self.text
        sign = "+" if self.kind == CHANGE and self.value > 0 else ""
        return f"{sign}{str(self.number).replace('.', ',')} %"

    def phrase(self) -> str:
        return " ".join(part for part in (self.before, self.text, self.after) if part)


class Series(NamedTuple):
    """One indicator across rounds: a key stable for the measure, a readable name, its points in round order."""

    key: str
    name: str
    kind: str
    unit: str
    points: tuple[Figure, ...]

    @property
    def title(self) -> str:
        """The name, and the word the latest figure is counted in: "Malli käytössä … kunnassa"."""
        word = next((_clean(p.word) for p in reversed(self.points) if p.word and p.kind in FRACTIONS), "")
        return f"{self.name} … {word}" if word and word not in self.name.split() else self.name


class Move(NamedTuple):
    """A figure that changed between two texts: old and new, named by the new text's words."""

    old: Figure
    new: Figure

    @property
    def direction(self) -> int:
        """1 rose, -1 fell, 0 same share (compared as shares, then as counts)."""
        change = (self.new.share - self.old.share) or (self.new.value - self.old.value)
        return (change > 0) - (change < 0)

    def phrase(self) -> str:
        return " ".join(
            part for part in (self.new.before, f"{self.old.text} → {self.new.text}", self.new.after) if part
        )


# --- populations -----------------------------------------------------------------------------


def population_of(word: str, populations: Sequence[Population]) -> str:
    """The first population whose stems name the word ("kunnassa" → kunta), or ""."""
    return next((p.ident for p in populations if word and facts.matches_stem(word, p.stems)), "")


def all_stems(populations: Iterable[Population]) -> tuple[str, ...]:
    return tuple(stem for population in populations for stem in population.stems)


# --- reading one text ------------------------------------------------------------------------


def _clean(word: str) -> str:
    return word.strip(_EDGE)


def _sentence_words(raw: list[str]) -> list[str]:
    """The words after the last one that ends a sentence ("… sotekeskuksessa. 8/10" keeps none)."""
    ends = [i for i, w in enumerate(raw) if w.endswith(_SENTENCE_END)]
    return raw[ends[-1] + 1 :] if ends else raw


def _around(text: str, start: int, end: int) -> tuple[str, str]:
    """Up to two words before a figure and one after it, within its line and sentence."""
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", end)
    line_end = len(text) if line_end < 0 else line_end
    raw = [w for w in _sentence_words(_WORD.findall(text, line_start, start)) if not _MARKER.fullmatch(w)]
    before = [w for w in map(_clean, raw) if w]
    following = _WORD.findall(text, end, line_end)
    after = "" if text[end : end + 1] in _SENTENCE_END or not following else _clean(following[0])
    return " ".join(before[-BEFORE_WORDS:]), after


def _past_ending(text: str, end: int) -> int:
    """Past the case ending written on a figure ("95%:sti", "6/15:llä"), which is no word of its own."""
    found = _CASE_ENDING_AT.match(text, end)
    return found.end() if found else end


def _label(text: str, start: int, floor: int) -> str:
    """The clause before a figure: back to a line, sentence or list break, or the previous figure."""
    begin = _past_ending(text, floor)
    for found in _BOUNDARY.finditer(text, begin, start):
        begin = found.end()
    clause = _LEAD.sub("", text[begin:start]).strip(" \t:,(–-")
    return " ".join(clause.split()[-CLAUSE_WORDS:])


def _tail(text: str, end: int, ceiling: int) -> str:
    """The clause after a figure: up to a line, sentence or list break, or the next figure."""
    end = _past_ending(text, end)
    found = _TAIL_END.search(text, end, ceiling)
    clause = text[end : found.start() if found else ceiling].strip(" \t:,)–-")
    return " ".join(clause.split()[:TAIL_WORDS])


def _number(text: str) -> float:
    value = float(text.replace(",", "."))
    return int(value) if text.isdigit() else value


class _Found(NamedTuple):
    start: int
    end: int
    kind: str
    text: str
    quote: str
    value: float
    of: float | None
    word: str
    phrase_end: int


def _fractions(text: str, stems: tuple[str, ...]) -> list[_Found]:
    found = []
    for fraction in facts.fractions(text, stems):
        slash = _SLASH.match(text, fraction.start)
        if fraction.kind in FRACTIONS and slash is not None:
            value, of = _number(slash.group(1)), _number(slash.group(2))
            figure = f"{slash.group(1)}/{slash.group(2)}"
            found.append(
                _Found(fraction.start, fraction.end, fraction.kind, figure, fraction.text, value, of, fraction.word,
                       slash.end())
            )  # fmt: skip
    return found


def _percents(text: str) -> list[_Found]:
    found = []
    for percent in facts.percents(text):
        number = _NUMBER.search(percent.text)
        sign = percent.text.strip()[0] if percent.signed else ""
        shown = f"{sign}{number.group() if number else ''}%"
        kind = CHANGE if percent.signed else PERCENT
        word = facts.next_word(text, percent.end)
        found.append(
            _Found(percent.start, percent.end, kind, shown, percent.text, percent.value, None, word, percent.end)
        )
    return found


def extract(
    text: str, populations: Sequence[Population] = (), round_: str = "", observed: Iterable[tuple[str, str]] = ()
) -> list[Figure]:
    """Every figure of one text, in reading order, each with its population and the words naming it.

    `observed` are the status's observations as (quote, unit): an observed count is over its unit's population
    even when the word after it names none."""
    raw = sorted(_fractions(text, all_stems(populations)) + _percents(text))
    units = {quote: unit for quote, unit in observed if unit in {p.ident for p in populations}}
    figures: list[Figure] = []
    for index, item in enumerate(raw):
        floor = raw[index - 1].end if index else 0
        ceiling = raw[index + 1].start if index + 1 < len(raw) else len(text)
        before, after = _around(text, item.start, item.phrase_end)
        population = population_of(item.word, populations) or units.get(item.quote, "")
        population = population if item.kind in FRACTIONS else ""
        label, tail = _label(text, item.start, floor), _tail(text, item.end, ceiling)
        named_by = f"{label} {'' if population else item.word} {tail}"  # a word over no known population names too
        figures.append(
            Figure(round_, item.start, item.end, item.kind, item.text, item.quote, item.value, item.of, item.word,
                   population, before, after, label, tail, content(named_by))
        )  # fmt: skip
    return figures


# --- pairing ---------------------------------------------------------------------------------


def content(words: str) -> tuple[str, ...]:
    """The content words, lower-cased: no figures, no short or joining words."""
    return tuple(dict.fromkeys(w.lower() for w in _STEM_WORDS.findall(words) if len(w) >= 3 and w.lower() not in _STOP))


def _same_word(a: str, b: str) -> bool:
    """One word in two inflections ("kyselyssä", "kyselyn") or inside a compound ("Seurantakyselyssä")."""
    return a[:5] == b[:5] or (len(a) >= 5 and a[:5] in b) or (len(b) >= 5 and b[:5] in a)


def _misspelt(a: str, b: str) -> bool:
    """One word, one of them misspelt ("miittaustulos", "mittaustulos")."""
    return resemblance.ratio_at_least(a, b, MISSPELT) is not None


def _found(words: Sequence[str], among: Sequence[str], same: Callable[[str, str], bool]) -> int:
    """How many of the words are among the others, in any inflection or inside a compound."""
    prefixes = {w[:5] for w in among}
    return sum(1 for w in words if w[:5] in prefixes or any(same(w, other) for other in among))


def similarity(left: Sequence[str], right: Sequence[str], same: Callable[[str, str], bool] = _same_word) -> float:
    """Shared words over all words (1.0 when neither has any); `same` tells when two words are one."""
    if not left and not right:
        return 1.0
    shared = min(_found(left, right, same), _found(right, left, same))
    return shared / (len(left) + len(right) - shared)


def _score(a: Figure, b: Figure) -> float:
    return similarity(a.words, b.words)


def _population(points: Sequence[Figure]) -> str:
    return next((p.population for p in points if p.population), "")


def _joins(figure: Figure, points: Sequence[Figure]) -> bool:
    """May the figure join the series? The same kind, and never another population (one side's population
    may be unknown: "8/15:ssa organisaatoissa"; the words then decide)."""
    population = _population(points)
    return figure.kind == points[-1].kind and not (figure.population and population and figure.population != population)


def _pairs(figures: list[Figure], open_: list[list[Figure]]) -> list[tuple[float, int, int]]:
    """Every allowed (score, figure, series) pairing of one round, best first."""
    found = []
    for i, figure in enumerate(figures):
        for j, points in enumerate(open_):
            if not _joins(figure, points):
                continue
            score = max(_score(figure, p) for p in points)
            if score >= MATCH_THRESHOLD:
                found.append((score, i, j))
    return sorted(found, key=lambda item: (-item[0], item[1], item[2]))


def _weak(figures: list[Figure], open_: list[list[Figure]], taken: tuple[set[int], set[int]]) -> list[tuple[int, int]]:
    """What is left, paired only where it is unambiguous: a figure and a series over the same known population
    whose words are alike once a misspelt word counts ("NPS … mittaustulos", "NPS … miittaustulos"), each the
    other's only such one."""
    found = [
        (i, j)
        for i, figure in enumerate(figures)
        for j, points in enumerate(open_)
        if i not in taken[0] and j not in taken[1] and figure.population
        and figure.kind == points[-1].kind and figure.population == _population(points)
        and max(similarity(figure.words, p.words, _misspelt) for p in points) >= MATCH_THRESHOLD
    ]  # fmt: skip
    figures_seen = Counter(i for i, _ in found)
    series_seen = Counter(j for _, j in found)
    return [(i, j) for i, j in found if figures_seen[i] == 1 and series_seen[j] == 1]


def _assign(figures: list[Figure], open_: list[list[Figure]]) -> None:
    """Best-scoring pairs first, then the unambiguous rest; a series takes one figure per round; the rest open
    new series."""
    taken: tuple[set[int], set[int]] = (set(), set())
    for _, i, j in _pairs(figures, open_):
        if i not in taken[0] and j not in taken[1]:
            open_[j].append(figures[i])
            taken[0].add(i)
            taken[1].add(j)
    for i, j in _weak(figures, open_, taken):
        open_[j].append(figures[i])
        taken[0].add(i)
    open_.extend([f] for i, f in enumerate(figures) if i not in taken[0])


class Text(NamedTuple):
    """One status text: its round, the text, and its observations as (quote, unit)."""

    round: str
    text: str
    observed: tuple[tuple[str, str], ...] = ()


def _text(item: tuple[str, str] | Text) -> Text:
    return item if isinstance(item, Text) else Text(item[0], item[1])


def chains(texts: Iterable[tuple[str, str] | Text], populations: Sequence[Population] = ()) -> list[list[Figure]]:
    """The figures of texts (or (round, text) pairs), in the order given, grouped into chains across rounds."""
    open_: list[list[Figure]] = []
    for item in map(_text, texts):
        _assign(extract(item.text, populations, item.round, item.observed), open_)
    return sorted(open_, key=lambda points: (points[0].round, points[0].start))


def series(
    statuses: Iterable[tuple[str, str] | Text], populations: Sequence[Population] = (), metrics: Sequence[str] = ()
) -> list[Series]:
    """Figures of texts, in round order, as series; `metrics` are the measure's numeric metrics."""
    texts: list[Text] = sorted(map(_text, statuses), key=lambda status: status.round)
    found = chains(texts, populations)
    taken: dict[str, int] = {}
    return [_series(points, metrics, taken) for points in found]


def moves(old: str | Text, new: str | Text, populations: Sequence[Population] = ()) -> list[Move]:
    """The figures whose value changed between two versions of a text, in the new text's order."""
    versions = [
        item._replace(round=str(i)) if isinstance(item, Text) else Text(str(i), item)
        for i, item in enumerate((old, new))
    ]
    paired = [c for c in chains(versions, populations) if len(c) == 2]
    found = [Move(old, new) for old, new in paired if (old.value, old.of) != (new.value, new.of)]
    return sorted(found, key=lambda move: move.new.start)


def observed(status: object) -> tuple[tuple[str, str], ...]:
    """A status's observations as (quote, unit)."""
    listed = status.get("observations") if isinstance(status, dict) else None
    return tuple(
        (o["quote"], o["unit"])
        for o in (listed if isinstance(listed, list) else [])
        if isinstance(o, dict) and isinstance(o.get("quote"), str) and isinstance(o.get("unit"), str)
    )


def statuses_of(data: object) -> list[Text]:
    """A measure's status texts, in file order."""
    listed = data.get("statuses") if isinstance(data, dict) else None
    return [
        Text(str(e.get("date")), e["text"] if isinstance(e.get("text"), str) else "", observed(e))
        for e in (listed if isinstance(listed, list) else [])
        if isinstance(e, dict)
    ]


def measure_series(data: object, populations: Sequence[Population]) -> list[Series]:
    """A measure's series: its statuses' figures over its populations, named by its metrics where they match."""
    return series(statuses_of(data), populations, metric_names(data))


def between(found: Iterable[Series], first: str, second: str) -> list[Move]:
    """The figures whose value changed from one round to another, each series once, in the later text's order."""
    moved = []
    for one in found:
        old = next((p for p in one.points if p.round == first), None)
        new = next((p for p in one.points if p.round == second), None)
        if old is not None and new is not None and (old.value, old.of) != (new.value, new.of):
            moved.append(Move(old, new))
    return sorted(moved, key=lambda move: move.new.start)


# --- names -----------------------------------------------------------------------------------


def _word(raw: str, depth: int) -> tuple[str, int]:
    """One token as a name's word ("" when it is none) and the parenthesis depth after it."""
    opened = depth > 0 or raw.startswith(("(", "["))
    depth = max(0, depth + raw.count("(") + raw.count("[") - raw.count(")") - raw.count("]"))
    word = raw.split("(", 1)[0] if depth and not opened else raw  # "henkilö(t …": the word before it
    word = word.strip(_EDGE)
    word = word if word.count("(") == word.count(")") else word.replace("(", "").replace(")", "")
    if opened or _CASE_ENDING.match(word) or not any(c.isalpha() for c in word):
        return "", depth
    return word, depth


def _whole_words(words: str) -> list[str]:
    """Whole words only: no figure, no case ending cut from a number ("5:ssä"), nothing inside or after an
    unclosed parenthesis, no joining or qualifying word at either end."""
    kept: list[str] = []
    depth = 0
    for raw in words.split():
        word, depth = _word(raw, depth)
        kept += [word] if word else []
    while kept and kept[0].lower() in _EDGE_WORDS:
        kept.pop(0)
    while kept and kept[-1].lower() in _EDGE_WORDS:
        kept.pop()
    return kept


def words_name(figure: Figure) -> str:
    """The words that name a figure's indicator: its label, with its tail when the label alone says little."""
    clause = figure.label.rsplit(", ", 1)[-1] if len(figure.label.rsplit(", ", 1)[-1].split()) >= 2 else figure.label
    label = _whole_words(" ".join(clause.split()[-LABEL_WORDS:]))
    tail = _whole_words(figure.tail)
    named = label if len(label) >= NAME_WORDS or not tail else [*label, *tail]
    return " ".join(named or [w for w in map(_clean, clause.split()) if w.isalpha()])  # a lone "Ei" answers too


def metric_names(data: object) -> tuple[str, ...]:
    """The texts of a measure's numeric metrics (ratio, count, rate), one line each."""
    listed = data.get("metrics") if isinstance(data, dict) else None
    return tuple(
        " ".join(str(m.get("text", "")).split())
        for m in (listed if isinstance(listed, list) else [])
        if isinstance(m, dict) and m.get("kind") in METRIC_KINDS and m.get("text")
    )


def _metric(points: Sequence[Figure], metrics: Sequence[str]) -> str:
    words = tuple(dict.fromkeys(w for p in points for w in p.words))
    scored = [(similarity(words, content(m)), m) for m in metrics if words or content(m)]
    best = max(scored, default=(0.0, ""), key=lambda item: item[0])
    return best[1] if best[0] >= METRIC_THRESHOLD else ""


def _fallback(figure: Figure) -> str:
    if figure.kind in (PERCENT, CHANGE):
        return "prosenttiluku" if figure.kind == PERCENT else "prosenttiyksikön muutos"
    return figure.population or _clean(figure.word) or "murtoluku"


def slug(text: str) -> str:
    folded = unicodedata.normalize("NFKD", text.lower()).encode("ascii", "ignore").decode()
    return "-".join(re.findall(r"[a-z0-9]+", folded))[:48].strip("-") or "luku"


def _series(points: list[Figure], metrics: Sequence[str], taken: dict[str, int]) -> Series:
    name = _metric(points, metrics) or next((n for p in reversed(points) if (n := words_name(p))), "")
    name = name or _fallback(points[-1])
    unit = _population(points) or points[0].unit
    key = f"{unit or points[0].kind}/{slug(name)}"
    taken[name] = taken.get(name, 0) + 1
    if taken[name] > 1:
        key, name = f"{key}-{taken[name]}", f"{name} ({taken[name]})"
    return Series(key, name, points[0].kind, unit, tuple(points))
