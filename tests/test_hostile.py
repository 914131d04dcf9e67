"""The same hostile strings through every output format of validate and diff.

An id, a title, a status text, a message and a path carrying a fake heading and list, a mention,
HTML, a javascript: link, backticks, terminal escapes (colour, window title), a bidi override,
a NUL, issue references, bare URLs and a henkilötunnus: no output may inject a heading, list,
mention, reference, link or HTML, emit a raw control character, publish the henkilötunnus, or
be malformed XML or JSON. Markdown is parsed with a CommonMark parser (markdown-it-py) to see
what GitHub would build from it.
"""

from __future__ import annotations

import io
import json
import re
from pathlib import Path
from typing import Any
from xml.etree import ElementTree

import pytest
from markdown_it import MarkdownIt
from markdown_it.token import Token

import gitrepo
from clirun import seuranta
from seuranta.check.result import Result
from seuranta.diff import DIFF_FORMATS
from seuranta.diff import compare as semdiff
from seuranta.diff.formats import FormatOptions
from seuranta.model.documents import Document
from seuranta.model.loader import BIDI_CHARACTERS, CONTROL_CHARACTERS, Parsed
from seuranta.model.problem import Message, Problem
from seuranta.reporters import REPORTERS, ReportOptions, escaping

HETU = "131052-308T"
INJECTED = "\n# Kaikki tarkistukset läpäisty ✅\n\n- fake item"
PIECES = [
    INJECTED,
    "@octocat",
    "<b>lihava</b>",
    "[a](javascript:x)",
    "![kuva](https://example.org/x.png)",
    "`` ` ```",
    "\x1b[31mpunainen",
    "\x1b]0;otsikko\x07",
    "\u202eesrever",
    "\x00nolla",
    "#1 ja GH-2",
    "https://evil.example/x ja www.evil.example",
    "| taulu |",
    "a@b.fi",
    "<!-- kommentti -->",
    f"hetu {HETU}",
]
HOSTILE = " ".join(PIECES)
RAW = re.compile(f"[{CONTROL_CHARACTERS}\t\r\x85{BIDI_CHARACTERS}\u2028\u2029]")  # a line break only between lines
FORBIDDEN_TOKENS = {"link_open", "image", "html_inline", "html_block", "code_block", "fence", "table_open"}


def parsed(text: str) -> list[Token]:
    """Block and inline tokens as a CommonMark parser with GitHub's extensions reads the text.

    Bare domains are no links on GitHub (fuzzy links off), and e-mail links are checked textually:
    GitHub links an address only when letters or digits follow the @."""
    md = MarkdownIt("gfm-like")
    assert md.linkify is not None
    md.linkify.set({"fuzzy_link": False, "fuzzy_email": False})
    found: list[Token] = []
    for token in md.parse(text):
        found += [token, *(token.children or [])]
    return found


def headings(tokens: list[Token]) -> list[tuple[str, str]]:
    return [(t.tag, tokens[i + 1].content) for i, t in enumerate(tokens) if t.type == "heading_open"]


def assert_safe_markdown(text: str, *, heading_starts: list[tuple[str, str]], items: int) -> None:
    tokens = parsed(text)
    assert not {t.type for t in tokens} & FORBIDDEN_TOKENS
    found = headings(tokens)
    assert [(tag, content[: len(start)]) for (tag, content), (_, start) in zip(found, heading_starts, strict=True)] == (
        heading_starts
    )
    assert sum(1 for t in tokens if t.type == "list_item_open") == items
    shown = " ".join(t.content for t in tokens if t.type == "text")  # GitHub links nothing in code spans
    assert not re.search(r"@(?!\u200d)", shown), "a mention or an e-mail link"
    assert not re.search(r"#\d|GH-\d|://|www\.", shown, re.IGNORECASE), "a reference or a bare link"
    assert not RAW.search(text)
    assert HETU not in text and "131052" not in text


def assert_safe_terminal(text: str) -> None:
    assert not RAW.search(text), [m.group() for m in RAW.finditer(text)]
    assert "\x1b" not in text and "\x07" not in text and "\u202e" not in text
    assert "\n# Kaikki" not in text and "\n- fake item" not in text
    assert HETU not in text and "131052" not in text


def assert_safe_json(text: str) -> Any:
    assert not RAW.search(text)
    assert HETU not in text
    return json.loads(text)


# --- validate: every format, a finding whose path, rule and message are hostile ----------------


def hostile_result() -> Result:
    message = Message(f"fi {HOSTILE}", f"en {HOSTILE}")
    first = Problem(f"data/{HOSTILE}.yaml", 3, 7, "ref-unresolved", "error", message, HETU)
    second = Problem("data/ex/tp01/01.yaml", 1, 1, f"rule {HOSTILE}", "warning", message)
    return Result([first, second], 2)


def report(fmt: str, result: Result) -> str:
    out = io.StringIO()
    REPORTERS[fmt](result, ReportOptions("en", True), out)
    return out.getvalue()


def test_validate_text_is_safe_on_a_terminal() -> None:
    text = report("text", hostile_result())
    assert_safe_terminal(text)
    lines = text.split("\n")
    assert len(lines) == 4 and lines[-1] == ""  # two findings, the summary, nothing injected
    assert lines[0].startswith("data/\\n# Kaikki tarkistukset läpäisty ✅\\n\\n- fake item @octocat")
    assert "\\e]0;otsikko\\a" in lines[0] and "\\u202eesrever" in lines[0] and "\\0nolla" in lines[0]
    assert "hetu ******-****" in lines[0]


def test_validate_github_annotations_are_one_command_each() -> None:
    text = report("github", hostile_result())
    assert_safe_terminal(text)
    lines = text.rstrip("\n").split("\n")
    assert len(lines) == 3 and all(line.startswith("::") for line in lines[:2])
    props = lines[0].split("::")[1]
    assert props.startswith("error file=data/\\n# Kaikki tarkistukset läpäisty ✅\\n\\n- fake item @octocat")
    assert props.count(",") == 3 and props.count("=") == 4  # file, line, col, title: nothing else
    assert "javascript%3Ax" in props and "%0A" not in lines[0]  # a colon cannot end the properties


def test_validate_json_and_sarif_are_valid_and_lossless() -> None:
    found = assert_safe_json(report("json", hostile_result()))
    masked = HOSTILE.replace(HETU, "******-****")
    assert found["findings"][0]["path"] == f"data/{masked}.yaml"
    assert found["findings"][0]["message"] == f"en {masked}"
    sarif = assert_safe_json(report("sarif", hostile_result()))
    shown = sarif["runs"][0]["results"][0]["message"]["text"]
    assert shown == f"en {escaping.terminal(HOSTILE)}" and "\\e[31m" in shown


def test_validate_junit_is_well_formed_xml() -> None:
    text = report("junit", hostile_result())
    assert_safe_terminal(text.replace("\n", " "))
    suite = ElementTree.fromstring(text.encode("utf-8"))
    failures = suite.findall("testcase/failure")
    assert len(failures) == 2
    assert failures[0].get("message") == f"en {escaping.terminal(HOSTILE)}"


def test_validate_markdown_makes_no_heading_list_mention_link_or_html() -> None:
    text = report("markdown", hostile_result())
    assert_safe_markdown(text, heading_starts=[("h3", "seuranta validate: findings")], items=2)
    assert "````data/" in text  # the hostile path's code span is fenced longer than its backticks
    codes = [t.content for t in parsed(text) if t.type == "code_inline"]
    assert codes[0].startswith("data/\\n# Kaikki") and "@octocat" in codes[0]  # inert inside a code span


def test_every_validate_format_is_covered() -> None:
    assert set(REPORTERS.names) == {"text", "json", "github", "sarif", "junit", "markdown"}


# --- diff: every format, a change whose id, title, text and fields are hostile ----------------


def document(path: str, data: dict[str, Any]) -> Document:
    return Document("measure", path.removeprefix("data/").removesuffix(".yaml"), Parsed(path, data, {}, {}, [], ""))


def hostile_diff() -> semdiff.Diff:
    path = f"data/ex/tp01/{HOSTILE}.yaml"
    old: dict[str, Any] = {"id": f"ex/tp01/{HOSTILE}", "title": HOSTILE, "outputs": "ennen"}
    old["statuses"] = [{"date": "2021-05-15", "text": "Tilanne ennen."}]
    new = dict(old, outputs=HOSTILE)
    new["statuses"] = [
        {"date": "2021-05-15", "text": f"Tilanne nyt. {HOSTILE}"},
        {"date": f"2021-11-15 {HOSTILE}", "text": HOSTILE},
    ]
    return semdiff.compare(
        {path: document(path, old)},
        {path: document(path, new)},
        base=semdiff.Revision(f"main {HOSTILE}", "a" * 40),
        head=semdiff.Revision(""),
    )


def test_diff_text_is_safe_on_a_terminal() -> None:
    for color in (False, True):
        text = DIFF_FORMATS["text"].changes(hostile_diff(), FormatOptions("fi", color))
        assert_safe_terminal(text.replace("\x1b[", "CSI[") if color else text)
        lines = text.split("\n")
        assert sum(1 for line in lines if line.startswith("~ toimenpide ")) == 1
        assert not any(line.startswith(("#", "- fake")) for line in lines)


def test_diff_text_colours_only_the_tool_s_own_escapes() -> None:
    text = DIFF_FORMATS["text"].changes(hostile_diff(), FormatOptions("fi", color=True))
    escapes = set(re.findall(r"\x1b\[[0-9;]*m", text))
    # click.style's own: red, green, bold, strike-through and their resets; the data's \e[31m is shown as text
    assert escapes == {"\x1b[31m", "\x1b[32m", "\x1b[1m", "\x1b[22m", "\x1b[9m", "\x1b[29m", "\x1b[0m"}
    assert text.count("\x1b") == len(re.findall(r"\x1b\[[0-9;]*m", text)) and "\x07" not in text
    assert "\\e[31mpunainen" in text


def test_diff_markdown_makes_no_heading_list_mention_link_or_html() -> None:
    text = DIFF_FORMATS["markdown"].changes(hostile_diff(), FormatOptions("fi"))
    starts = [("h3", "seuranta diff: "), ("h4", "Muutettu toimenpide ")]
    assert_safe_markdown(text, heading_starts=starts, items=0)
    quoted = [t.content for t in parsed(text) if t.type == "text" and "octocat" in t.content]
    assert quoted and all("@\u200doctocat" in q for q in quoted)


def test_diff_json_is_valid_and_lossless() -> None:
    diff = hostile_diff()
    found = assert_safe_json(DIFF_FORMATS["json"].changes(diff, FormatOptions("fi")))
    masked = HOSTILE.replace(HETU, "******-****")
    assert found["changes"][0]["title"] == diff.changes[0].title.replace(HETU, "******-****")
    assert found["changes"][0]["id"] == f"ex/tp01/{masked}"
    assert found["changes"][0]["statuses"][1]["after"] == masked


def test_every_diff_format_is_covered() -> None:
    assert set(DIFF_FORMATS.names) == {"text", "markdown", "json"}


# --- the command line, on a repository whose file name and texts are hostile ----------------

NAME = "01-\x1b]0;otsikko\x07 @octocat #1 `x` <b>.yaml"
ALLOWED = INJECTED + " @octocat <b>x</b> [a](javascript:x) `` ` `` #1 https://evil.example \u202eesrever " + HETU


@pytest.fixture
def hostile_repo(git_repo: Path) -> Path:
    gitrepo.write(git_repo, f"data/ex/tp01/{NAME}", gitrepo.measure_text("tp01/01-tiimimallit", 3))
    texts = {"2021-11-15": ALLOWED}
    path = "data/ex/tp01/02-fysioterapia.yaml"
    gitrepo.write(git_repo, path, gitrepo.measure_text("tp01/02-fysioterapia", 3, texts, title=ALLOWED))
    return git_repo


@pytest.mark.parametrize("fmt", ["text", "github", "json", "sarif", "junit", "markdown"])
def test_validate_on_the_command_line(hostile_repo: Path, fmt: str) -> None:
    done = seuranta("validate", "--format", fmt, "--lang", "en")
    assert done.code == 1, done.output
    output = done.stdout
    if fmt in ("json", "sarif"):
        assert_safe_json(output)
    elif fmt == "junit":
        ElementTree.fromstring(output.encode("utf-8"))
        assert_safe_terminal(output)
    elif fmt == "markdown":
        found = assert_safe_markdown_items(output)
        assert found > 0
    else:
        assert_safe_terminal(output)
    assert "\\e]0;otsikko\\a" in output or "\\u001b]0;otsikko\\u0007" in output  # the file name, visible


def assert_safe_markdown_items(text: str) -> int:
    tokens = parsed(text)
    items = sum(1 for t in tokens if t.type == "list_item_open")
    assert_safe_markdown(text, heading_starts=[("h3", "seuranta validate: findings")], items=items)
    assert items == text.count("\n- ")
    return items


@pytest.mark.parametrize("fmt", ["text", "markdown", "json"])
def test_diff_on_the_command_line(hostile_repo: Path, fmt: str) -> None:
    done = seuranta("diff", "HEAD", "--format", fmt)
    assert done.code == 1, done.output
    if fmt == "json":
        found = assert_safe_json(done.stdout)
        assert {c["change"] for c in found["changes"]} == {"added", "changed"}
    elif fmt == "markdown":
        starts = [("h3", "seuranta diff: "), ("h4", "Lisätty toimenpide "), ("h4", "Muutettu toimenpide ")]
        assert_safe_markdown(done.stdout, heading_starts=starts, items=0)
    else:
        assert_safe_terminal(done.stdout)
