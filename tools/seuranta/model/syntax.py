"""libyaml's syntax errors, told in Finnish and English at the line of their cause.

libyaml reports where it gave up, in English: an unclosed quote at the end of the file, a colon
in plain text as "mapping values are not allowed in this context". `explain()` turns such an
error, the text and the last value read before it into one finding: a rule of its own for the
mistakes editors make (with what to do), placed where the mistake is.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any, NamedTuple

from seuranta.model.problem import ERROR, Message

Mark = tuple[int, int]

MESSAGES: dict[str, tuple[str, Message]] = {
    "yaml-syntax": (
        ERROR,
        Message(
            "YAML-rakennevirhe: {detail_fi}. Tarkista sisennys (välilyönnit, ei sarkaimia), kaksoispisteet ja "
            "lainausmerkit.",
            "YAML syntax error: {detail_en}. Check indentation (spaces, no tabs), colons and quotes.",
        ),
    ),
    "yaml-tab": (
        ERROR,
        Message(
            "Sisennyksessä on sarkainmerkki (tab). Sisennä välilyönneillä.",
            "A tab character is used for indentation. Indent with spaces.",
        ),
    ),
    "yaml-unclosed-quote": (
        ERROR,
        Message(
            "Tällä rivillä alkava lainausmerkki {quote} jää sulkematta, joten teksti jatkuu riville {end} asti. "
            "Lisää {quote} tekstin loppuun.",
            "The quote {quote} opened on this line is never closed, so the text runs on to line {end}. "
            "Add {quote} at the end of the text.",
        ),
    ),
    "yaml-colon-in-text": (
        ERROR,
        Message(
            "Tekstissä on kaksoispiste ja välilyönti (': '), jonka YAML lukee uuden avaimen aluksi. Kirjoita teksti "
            "lainausmerkkeihin: {key}: '…: …' (heittomerkki tekstin sisällä kirjoitetaan kahdesti: '').",
            "The text holds a colon and a space (': '), which YAML reads as the start of a new key. Put the text "
            "in quotes: {key}: '…: …' (a single quote inside the text is written twice: '').",
        ),
    ),
    "yaml-text-after-quote": (
        ERROR,
        Message(
            "Lainausmerkkien jälkeen rivillä on vielä tekstiä. Kirjoita koko teksti yhden lainausmerkkiparin "
            "sisään; heittomerkki tekstin sisällä kirjoitetaan kahdesti ('').",
            "More text follows the closing quote on this line. Put the whole text inside one pair of quotes; "
            "a single quote inside the text is written twice ('').",
        ),
    ),
    "yaml-special-start": (
        ERROR,
        Message(
            "Arvo alkaa merkillä {char}, jolla on YAMLissa erityismerkitys. Kirjoita teksti lainausmerkkeihin: '{char}…'.",
            "The value starts with {char}, which has a special meaning in YAML. Put the text in quotes: '{char}…'.",
        ),
    ),
    "yaml-missing-colon": (
        ERROR,
        Message(
            "Riviltä puuttuu kaksoispiste ja välilyönti avaimen perästä (avain: arvo), tai rivi jatkaa edellistä "
            "tekstiä väärällä sisennyksellä.",
            "The line lacks a colon and a space after its key (key: value), or it continues the text above with "
            "the wrong indentation.",
        ),
    ),
    "yaml-indentation": (
        ERROR,
        Message(
            "Rivin sisennys ei sovi ympäröiviin riveihin. Saman tason avaimet alkavat samasta sarakkeesta, ja "
            "listan rivit (- …) ja tekstin jatkorivit sisennetään välilyönneillä.",
            "The line's indentation does not fit the lines around it. Keys of one level start in the same column; "
            "list items (- …) and continuation lines are indented with spaces.",
        ),
    ),
    "yaml-unclosed-bracket": (
        ERROR,
        Message(
            "Sulku {bracket} jää sulkematta tai sen alkioiden välistä puuttuu pilkku. Lisää {closing}; jos arvo on "
            "tekstiä, kirjoita se lainausmerkkeihin.",
            "The bracket {bracket} is never closed or a comma is missing between its items. Add {closing}; if the "
            "value is text, put it in quotes.",
        ),
    ),
    "yaml-line-break-character": (
        ERROR,
        Message(
            "Merkki {char} on YAMLille rivinvaihto, joten tekstin loppu luetaan omaksi rivikseen. Poista merkki "
            "tai vaihda se välilyönniksi.",
            "The character {char} is a line break to YAML, so the rest of the text is read as a line of its own. "
            "Remove the character or replace it with a space.",
        ),
    ),
    "yaml-escape": (
        ERROR,
        Message(
            'Lainausmerkeissä "…" kenoviiva aloittaa erikoismerkin, eikä {escape} ole sellainen. Kirjoita '
            "kenoviiva kahdesti (\\\\) tai käytä heittomerkkejä ('…').",
            "Inside double quotes a backslash starts an escape, and {escape} is none. Write the backslash twice "
            "(\\\\) or use single quotes ('…').",
        ),
    ),
}

# libyaml's own words for what the common rules do not name, in both languages (the Finnish
# message never carries the English).
DETAILS: dict[str, tuple[str, str]] = {
    "found unexpected end of stream": ("tiedosto loppuu kesken", "the file ends too early"),
    "did not find expected key": ("odotettiin avainta (avain: arvo)", "a key (key: value) was expected"),
    "mapping values are not allowed in this context": (
        "kaksoispiste ei ole tässä kohdassa sallittu",
        "a colon is not allowed here",
    ),
    "mapping keys are not allowed in this context": (
        "kysymysmerkki ei voi aloittaa arvoa",
        "a question mark cannot start a value",
    ),
    "block sequence entries are not allowed in this context": (
        "listan rivi (- …) ei ole tässä kohdassa sallittu",
        "a list item (- …) is not allowed here",
    ),
    "did not find expected '-' indicator": ("odotettiin listan riviä (- …)", "a list item (- …) was expected"),
    "did not find expected node content": ("arvo puuttuu", "a value is missing"),
    "found character that cannot start any token": (
        "merkki ei voi aloittaa arvoa",
        "this character cannot start a value",
    ),
    "could not find expected ':'": ("kaksoispiste puuttuu", "a colon is missing"),
    "did not find expected comment or line break": (
        "rivillä on ylimääräistä tekstiä",
        "the line holds extra text",
    ),
}
UNKNOWN_DETAIL = ("rakennetta ei voi lukea", "the structure cannot be read")
SPECIAL_STARTS = "@`%*&!|>[{?-"
SEPARATORS = "\x85\u2028\u2029"
_QUOTE_STYLES = ("'", '"')
_KEY_LINE = re.compile(r"\n[ \t]*(?:- )*[^\s:'\"#-][^\n:'\"]*:(?: |\n)")


class Explained(NamedTuple):
    """A syntax error as one finding's rule, place and message fields."""

    rule: str
    mark: Mark
    fields: dict[str, Any]


def explain(err: Any, text: str, last: Any, where: Callable[[Any], Mark]) -> Explained:
    """One finding for a libyaml error: `last` is the last event read before it, `where` places a mark."""
    problem, context = err.problem or "", err.context or ""
    mark = err.problem_mark or err.context_mark
    if mark is None:
        return Explained("yaml-syntax", (1, 1), _detail(problem or context))
    at = where(mark)
    tab = _tab(text, mark.index)
    if tab >= 0:
        return Explained("yaml-tab", _mark_of(text, tab), {})
    separator = max(_after_separator(text, m) for m in (err.problem_mark, err.context_mark) if m is not None)
    if separator >= 0:
        return Explained("yaml-line-break-character", _mark_of(text, separator), {"char": _code(text[separator])})
    runaway = _runaway(last, text, mark, where)
    if runaway is not None:
        return runaway
    opened = _open_bracket(last, text)
    if context == "while parsing a flow node" and opened:
        return Explained(
            "yaml-unclosed-bracket", where(last.start_mark), {"bracket": opened, "closing": _close(opened)}
        )
    if context == "while scanning a quoted scalar" and err.context_mark is not None:
        quote = text[err.context_mark.index] if err.context_mark.index < len(text) else "'"
        end = min(at[0], text.rstrip().count("\n") + 1)  # the file's last line, not the empty end of the stream
        return Explained("yaml-unclosed-quote", where(err.context_mark), {"quote": quote, "end": end})
    return _by_problem(err, text, at, where)


def _by_problem(err: Any, text: str, at: Mark, where: Callable[[Any], Mark]) -> Explained:
    problem, context = err.problem or "", err.context or ""
    mark = err.problem_mark
    line = _line_of(text, mark.index)
    if problem == "mapping values are not allowed in this context":
        before = line[: at[1] - 1]
        if ": " in before or before.rstrip().endswith(":"):
            return Explained("yaml-colon-in-text", at, {"key": _key(before)})
        return Explained("yaml-indentation", (at[0], len(line) - len(line.lstrip(" ")) + 1), {})
    if problem == "did not find expected key":
        return _unexpected(text, line, at)
    if problem == "could not find expected ':'" and err.context_mark is not None:
        return Explained("yaml-missing-colon", where(err.context_mark), {})
    if context in ("while parsing a flow sequence", "while parsing a flow mapping") and err.context_mark is not None:
        bracket = "[" if "sequence" in context else "{"
        return Explained(
            "yaml-unclosed-bracket", where(err.context_mark), {"bracket": bracket, "closing": _close(bracket)}
        )
    if problem == "found unknown escape character":
        return Explained("yaml-escape", at, {"escape": text[mark.index : mark.index + 2]})
    start = err.context_mark if err.context_mark is not None and context.startswith("while scanning a") else mark
    char = text[start.index] if start.index < len(text) else ""
    if char and char in SPECIAL_STARTS and _value_starts(text, start.index):
        return Explained("yaml-special-start", where(start), {"char": char})
    return Explained("yaml-syntax", at, _detail(problem or context))


def _unexpected(text: str, line: str, at: Mark) -> Explained:
    """After "did not find expected key": text after a closing quote or bracket, or a line indented wrongly."""
    indent = len(line) - len(line.lstrip(" "))
    if at[1] - 1 <= indent:
        return Explained("yaml-indentation", at, {})
    value = _value_of(line)
    if value[:1] in _QUOTE_STYLES or line[: at[1] - 1].rstrip().endswith(_QUOTE_STYLES):
        return Explained("yaml-text-after-quote", at, {})
    if value.startswith(("[", "{")):
        return Explained("yaml-special-start", (at[0], len(line) - len(value) + 1), {"char": value[0]})
    return Explained("yaml-indentation", at, {})


def _runaway(last: Any, text: str, mark: Any, where: Callable[[Any], Mark]) -> Explained | None:
    """A quoted value that ran over key lines up to the error: its opening quote was never closed."""
    if last is None or getattr(last, "style", None) not in _QUOTE_STYLES:
        return None
    start, end = where(last.start_mark), where(last.end_mark)
    swallowed = _KEY_LINE.search(text, last.start_mark.index, last.end_mark.index) is not None
    if swallowed and start[0] < end[0] == where(mark)[0]:
        return Explained("yaml-unclosed-quote", start, {"quote": last.style, "end": end[0]})
    return None


def _open_bracket(last: Any, text: str) -> str:
    """The bracket a flow collection started with, when that was the last thing read."""
    if last is None or not getattr(last, "flow_style", False) or not hasattr(last, "start_mark"):
        return ""
    index = last.start_mark.index
    char = text[index] if 0 <= index < len(text) else ""
    return char if char in "[{" else ""


def _after_separator(text: str, mark: Any) -> int:
    """The offset of U+0085, U+2028 or U+2029 that began the line libyaml gave up on, or -1."""
    start = int(mark.index) - int(mark.column) - 1
    return start if 0 <= start < len(text) and text[start] in SEPARATORS else -1


def _code(char: str) -> str:
    return f"U+{ord(char):04X}"


def _detail(problem: str) -> dict[str, Any]:
    fi, en = DETAILS.get(problem, UNKNOWN_DETAIL)
    return {"detail_fi": fi, "detail_en": en}


def _tab(text: str, index: int) -> int:
    """The offset of a tab at the error or in its line's indentation, or -1."""
    if 0 <= index < len(text) and text[index] == "\t":
        return index
    start = text.rfind("\n", 0, index) + 1
    stop = start
    while stop < len(text) and text[stop] in " \t":
        stop += 1
    found = text.find("\t", start, stop)
    return found


def _mark_of(text: str, offset: int) -> Mark:
    return text.count("\n", 0, offset) + 1, offset - text.rfind("\n", 0, offset)


def _line_of(text: str, index: int) -> str:
    start = text.rfind("\n", 0, index) + 1
    end = text.find("\n", index)
    return text[start : end if end >= 0 else len(text)]


def _value_of(line: str) -> str:
    """What stands after a line's list dash and key: the value as written."""
    rest = line.lstrip(" ")
    while rest.startswith("- "):
        rest = rest[2:].lstrip(" ")
    colon = rest.find(": ")
    return rest[colon + 2 :].lstrip(" ") if colon >= 0 and rest[:1] not in "'\"[{" else rest


def _value_starts(text: str, index: int) -> bool:
    """The character at `index` is the first of a value (after 'key: ', '- ' or the line's indentation)."""
    before = text[text.rfind("\n", 0, index) + 1 : index].rstrip(" ")
    return before == "" or before.endswith((":", "-"))


def _key(before: str) -> str:
    rest = before.lstrip(" ")
    while rest.startswith("- "):
        rest = rest[2:].lstrip(" ")
    return rest.split(":", 1)[0].strip() or "text"


def _close(bracket: str) -> str:
    return "]" if bracket == "[" else "}"
