"""Markdown safe to post as a pull-request comment.

Every text from the data goes through `reporters.escaping`: inline text with `markdown()`
(no line breaks, Markdown, HTML, mentions, issue references or links; `~~`, `**`, `[` … only
come from this module), ids, fields and paths as `code()` spans, and every line composed here
through `line_safe()` (no list, heading, quote or code block from the data). A multi-line text
is quoted line by line. Every henkilötunnus is masked. The whole comment is capped at
`max_chars` with a note saying how much was cut.
"""

from __future__ import annotations

from seuranta.diff.compare import (
    ADDED,
    CHANGED,
    NEW,
    OLD,
    REMOVED,
    RENAMED,
    SAME,
    Diff,
    DocChange,
    FieldChange,
    Piece,
    Revision,
    RoundEntry,
    RoundsDiff,
    StatusChange,
)
from seuranta.diff.formats import (
    ARROWS,
    WORDS,
    FormatOptions,
    hunks,
    measures_count,
    move_line,
    plain,
    summary_line,
    word,
)
from seuranta.model import counts
from seuranta.prose.figures import Move
from seuranta.reporters import escaping
from seuranta.reporters.escaping import code, line_safe
from seuranta.reporters.escaping import markdown as escape

WRAP = {OLD: "~~", NEW: "**"}


def wrap(text: str, op: str) -> str:
    """Escaped text in ~~ or ** with the spaces around it kept outside the markers."""
    core = text.strip()
    if not core or op == SAME:
        return escape(text)
    start = text.index(core[0])
    return text[:start] + WRAP[op] + escape(core) + WRAP[op] + text[start + len(core) :]


def word_line(line: list[Piece]) -> str:
    out = ""
    for index, part in enumerate(line):
        gap = " " if index and part.op == NEW and line[index - 1].op == OLD else ""
        out += gap + wrap(part.text, part.op)
    return line_safe(out)


def quote(found: list[str]) -> list[str]:
    return [f"> {line}".rstrip() for line in found] + [""]


def word_quote(pieces: tuple[Piece, ...]) -> list[str]:
    return quote(["…" if line is None else word_line(line) for line in hunks(pieces)])


def text_quote(text: str | None, op: str) -> list[str]:
    return quote([line_safe(wrap(line, op)) for line in (text or "").split("\n")])


def moves_list(moves: tuple[Move, ...], lang: str) -> list[str]:
    return [f"- {word(lang, 'figures')}: {escape(move_line(m))}" for m in moves] + ([""] if moves else [])


def label(change: str, noun: str, lang: str) -> str:
    text = f"{word(lang, change)} {word(lang, noun)}"
    return text[0].upper() + text[1:]


def field_lines(change: FieldChange, lang: str) -> list[str]:
    head = f"**{label(change.change, 'field', lang)} {code(change.field)}**:"
    if change.words:
        return [head, "", *word_quote(change.words), *moves_list(change.moves, lang)]
    value = (
        f"{plain(change.before)} → {plain(change.after)}"
        if change.change == CHANGED
        else plain(change.after if change.change == ADDED else change.before)
    )
    return [head, "", *text_quote(value, SAME)]


def status_lines(status: StatusChange, lang: str) -> list[str]:
    found = [f"**{label(status.change, 'status', lang)} {escape(status.date)}**", ""]
    if status.change in (ADDED, REMOVED):
        found += text_quote(
            status.after if status.change == ADDED else status.before, SAME if status.change == ADDED else OLD
        )
    elif status.layout_only:
        found += [f"_({word(lang, 'layout_only')})_", ""]
    elif status.words:
        found += word_quote(status.words)
    found += moves_list(status.moves, lang)
    return found + [line for f in status.fields for line in field_lines(f, lang)]


def doc_lines(change: DocChange, lang: str) -> list[str]:
    name = f"{code(change.old_ident)} → {code(change.ident)}" if change.change == RENAMED else code(change.ident)
    title = f": {escape(change.title)}" if change.title else ""
    found = [f"#### {label(change.change, change.kind, lang)} {name}{title}", ""]
    found += [f"{word(lang, 'unreadable')}: {escape(change.problem)}", ""] if change.problem else []
    if change.change == REMOVED:
        dates = ", ".join(s.date for s in change.statuses)
        return found + ([f"{word(lang, 'statuses').capitalize()}: {escape(dates)}", ""] if dates else [])
    found += [line for s in change.statuses for line in status_lines(s, lang)]
    return found + [line for f in change.fields for line in field_lines(f, lang)]


def revision(side: Revision, lang: str) -> str:
    if side.commit is None:
        return word(lang, "working_tree")
    named = side.name and not side.commit.startswith(side.name)
    return f"{code(side.name)} ({code(side.commit[:7])})" if named else code(side.commit[:7])


def cap(text: str, max_chars: int, lang: str) -> str:
    """The text, or as many whole lines as fit with a note of how much was left out."""
    return escaping.cap(text, max_chars, WORDS[lang]["truncated"], lang)


def changes(diff: Diff, options: FormatOptions) -> str:
    lang = options.lang
    found = [f"### seuranta diff: {revision(diff.base, lang)} → {revision(diff.head, lang)}", ""]
    found += [escape(summary_line(diff, lang)), ""]
    found += (
        [word(lang, "layout_files", count=counts.FILES.counted(diff.layout_files, lang)), ""]
        if diff.layout_files
        else []
    )
    for change in diff.changes:
        found += doc_lines(change, lang)
    return cap("\n".join(found).rstrip("\n") + "\n", options.max_chars, lang)


def entry_lines(entry: RoundEntry) -> list[str]:
    title = f": {escape(entry.title)}" if entry.title else ""
    return [f"- {code(entry.ident)}{title}"] + [f"  - {ARROWS[m.direction]} {escape(m.phrase())}" for m in entry.moves]


def section(title: str, entries: tuple[RoundEntry, ...], lang: str) -> list[str]:
    found = [f"#### {escape(title)}: {measures_count(lang, len(entries))}", ""]
    return found + [line for e in entries for line in entry_lines(e)] + ([""] if entries else [])


def rounds(diff: RoundsDiff, options: FormatOptions) -> str:
    lang = options.lang
    first, second = escape(diff.first), escape(diff.second)
    found = [f"### seuranta diff --rounds {first} → {second} ({escape(', '.join(diff.programmes))})", ""]
    found += section(word(lang, "moved"), diff.moved, lang)
    found += section(word(lang, "unmoved"), tuple(e for e in diff.both if not e.moves), lang)
    found += section(word(lang, "only", present=diff.first, absent=diff.second), diff.only_first, lang)
    found += section(word(lang, "only", present=diff.second, absent=diff.first), diff.only_second, lang)
    return cap("\n".join(found).rstrip("\n") + "\n", options.max_chars, lang)
