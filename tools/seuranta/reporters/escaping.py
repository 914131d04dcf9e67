"""Text from data files made safe for the outputs it reaches.

Markdown (a job summary, a pull-request comment): every text from the data is escaped —
Markdown punctuation gets a backslash (so `![` can never open an image and `~~`, `**`, `[` …
only come from the tool), `&`, `<` and `>` become entities (no raw HTML), and `@name` gets a
zero-width joiner after the `@` (no mentions). A long text is capped at whole lines with a note.
"""

from __future__ import annotations

import re

_SPECIAL = re.compile(r"[\\`*_\[\]~|$]")
_MENTION = re.compile(r"@(?=[\w-])")
_LINE_START = re.compile(r"^([#+=-])")
_NUMBERED = re.compile(r"^(\d+)([.)])")
ZWJ = "\u200d"


def escape(text: str) -> str:
    """Text shown as itself: no Markdown, no HTML, no mentions."""
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return _MENTION.sub("@" + ZWJ, _SPECIAL.sub(r"\\\g<0>", text))


def line_safe(line: str) -> str:
    """A composed line that cannot start a list, a heading or a code block."""
    line = line.lstrip()
    return _NUMBERED.sub(r"\1\\\2", _LINE_START.sub(r"\\\1", line))


def code(text: str) -> str:
    return "`" + text.replace("`", "'") + "`"


def cap(text: str, max_chars: int, note: str) -> str:
    """The text, or as many whole lines as fit and `note` (with {chars} and {lines}) on what was left out."""
    if len(text) <= max_chars:
        return text
    room = max_chars - len(note.format(chars=len(text), lines=text.count("\n"))) - 16
    cut = text.rfind("\n", 0, max(room, 0)) + 1
    dropped = text[cut:]
    return text[:cut] + f"\n---\n\n_{note.format(chars=len(dropped), lines=dropped.count(chr(10)))}_\n"
