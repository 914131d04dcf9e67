"""Plain text: word changes coloured on a terminal (click.style), `[-old-]{+new+}` otherwise.

Every text from the data is `escaping.terminal`: masked, and each control or bidirectional
character shown as a visible escape, so the data never colours, moves or retitles the terminal;
a multi-line text is shown line by line.
"""

from __future__ import annotations

import click

from seuranta.diff.compare import (
    ADDED,
    CHANGED,
    OLD,
    REMOVED,
    RENAMED,
    SAME,
    Diff,
    DocChange,
    FieldChange,
    Piece,
    RoundEntry,
    RoundsDiff,
    StatusChange,
)
from seuranta.diff.formats import (
    ARROWS,
    FormatOptions,
    hunks,
    measures_count,
    move_line,
    plain,
    revision,
    summary_line,
    word,
)
from seuranta.model import counts
from seuranta.reporters.escaping import terminal

INDENT = "    "
MARKS = {ADDED: "+", REMOVED: "-", RENAMED: ">", CHANGED: "~"}
COLOURS = {OLD: "red", "+": "green"}


def piece(part: Piece, color: bool) -> str:
    text = terminal(part.text)
    if part.op == SAME:
        return text
    if color:
        return click.style(text, fg=COLOURS[part.op], bold=part.op != OLD, strikethrough=part.op == OLD)
    return f"[-{text}-]" if part.op == OLD else f"{{+{text}+}}"


def word_lines(pieces: tuple[Piece, ...], color: bool) -> list[str]:
    return ["…" if line is None else "".join(piece(p, color) for p in line) for line in hunks(pieces)]


def block(text: str | None, op: str, color: bool) -> list[str]:
    """A whole added or removed text, coloured on a terminal."""
    found = [terminal(line) for line in (text or "").split("\n")]
    return [click.style(line, fg=COLOURS[op]) if color and line else line for line in found]


def indented(found: list[str], depth: int) -> list[str]:
    return [INDENT * depth + line if line else "" for line in found]


def value_lines(change: FieldChange, color: bool) -> list[str]:
    if change.words:
        return word_lines(change.words, color)
    if change.change == CHANGED:
        return [terminal(line) for line in f"{plain(change.before)} → {plain(change.after)}".split("\n")]
    return [terminal(line) for line in plain(change.after if change.change == ADDED else change.before).split("\n")]


def field_lines(change: FieldChange, options: FormatOptions, depth: int) -> list[str]:
    first, *rest = value_lines(change, options.color)
    head = f"{INDENT * depth}{MARKS[change.change]} {terminal(change.field)}: {first}"
    moves = [f"{word(options.lang, 'figures')}: {terminal(move_line(m))}" for m in change.moves]
    return [head.rstrip(), *indented(rest + moves, depth + 1)]


def status_text_lines(status: StatusChange, options: FormatOptions) -> list[str]:
    if status.change == ADDED:
        return block(status.after, "+", options.color)
    if status.change == REMOVED:
        return block(status.before, OLD, options.color)
    if status.layout_only:
        return [f"({word(options.lang, 'layout_only')})"]
    return word_lines(status.words, options.color)


def status_lines(status: StatusChange, options: FormatOptions) -> list[str]:
    head = f"{INDENT}{MARKS[status.change]} {word(options.lang, 'status')} {terminal(status.date)}"
    moves = [f"{word(options.lang, 'figures')}: {terminal(move_line(m))}" for m in status.moves]
    found = [head, *indented(status_text_lines(status, options) + moves, 2)]
    return found + [line for f in status.fields for line in field_lines(f, options, 2)]


def doc_lines(change: DocChange, options: FormatOptions) -> list[str]:
    lang = options.lang
    name = f"{change.old_ident} → {change.ident}" if change.change == RENAMED else change.ident
    title = f": {change.title}" if change.title else ""
    found = [terminal(f"{MARKS[change.change]} {word(lang, change.kind)} {name}{title}")]
    found += [f"{INDENT}{word(lang, 'unreadable')}: {terminal(change.problem)}"] if change.problem else []
    if change.change == REMOVED:
        dates = ", ".join(s.date for s in change.statuses)
        return found + ([f"{INDENT}{word(lang, 'statuses')}: {terminal(dates)}"] if dates else [])
    found += [line for s in change.statuses for line in status_lines(s, options)]
    return found + [line for f in change.fields for line in field_lines(f, options, 1)]


def changes(diff: Diff, options: FormatOptions) -> str:
    sides = f"{revision(diff.base, options.lang)} → {revision(diff.head, options.lang)}"
    found = [f"seuranta diff: {terminal(sides)}", ""]
    for change in diff.changes:
        found += [*doc_lines(change, options), ""]
    found.append(summary_line(diff, options.lang))
    found += (
        [word(options.lang, "layout_files", count=counts.FILES.counted(diff.layout_files, options.lang))]
        if diff.layout_files
        else []
    )
    return "\n".join(found) + "\n"


def entry_lines(entry: RoundEntry) -> list[str]:
    head = f"{INDENT}{terminal(entry.ident)}" + (f": {terminal(entry.title)}" if entry.title else "")
    return [head] + [f"{INDENT * 2}{ARROWS[m.direction]} {terminal(m.phrase())}" for m in entry.moves]


def section(title: str, entries: tuple[RoundEntry, ...], lang: str) -> list[str]:
    found = [f"{terminal(title)}: {measures_count(lang, len(entries))}"]
    return found + [line for e in entries for line in entry_lines(e)] + [""]


def rounds(diff: RoundsDiff, options: FormatOptions) -> str:
    lang = options.lang
    found = [terminal(f"seuranta diff --rounds {diff.first} {diff.second} ({', '.join(diff.programmes)})"), ""]
    found += section(word(lang, "moved"), diff.moved, lang)
    found += section(word(lang, "unmoved"), tuple(e for e in diff.both if not e.moves), lang)
    found += section(word(lang, "only", present=diff.first, absent=diff.second), diff.only_first, lang)
    found += section(word(lang, "only", present=diff.second, absent=diff.first), diff.only_second, lang)
    return "\n".join(found[:-1]) + "\n"
