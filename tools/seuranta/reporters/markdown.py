"""Markdown for a job summary or a pull-request comment: safe to post, capped in length.

Everything from the data is escaped (`escaping.markdown`, `escaping.code`: no line breaks,
headings, lists, mentions, issue references, links, HTML or Markdown from the files, every
henkilötunnus masked), and a long list is cut with a note saying how much was left out.
"""

from __future__ import annotations

from typing import TextIO

from seuranta.check.result import Result
from seuranta.model.problem import Problem
from seuranta.reporters import ReportOptions, summary_line
from seuranta.reporters.escaping import cap, code, markdown
from seuranta.reporters.text import ACK_WORD, SEVERITY_WORDS

MAX_CHARS = 30_000
TITLE = {"fi": "seuranta validate: havainnot", "en": "seuranta validate: findings"}
NONE = {"fi": "Ei havaintoja.", "en": "No findings."}
TRUNCATED = {
    "fi": "Lyhennetty: {chars} ({lines}) jätetty pois. Kaikki havainnot: `seuranta validate`.",
    "en": "Truncated: {chars} ({lines}) left out. Every finding: `seuranta validate`.",
}


def item(problem: Problem, lang: str) -> str:
    severity = ACK_WORD[lang] if problem.acknowledged else SEVERITY_WORDS[lang][problem.severity]
    where = code(f"{problem.path}:{problem.line}:{problem.column}")
    return f"- {where} **{severity}** {code(problem.rule)} {markdown(problem.message.text(lang))}"


def render(result: Result, options: ReportOptions) -> str:
    shown = [p for p in result.problems if options.show_acknowledged or not p.acknowledged]
    lines = [f"### {TITLE[options.lang]}", "", markdown(summary_line(result, options.lang)), ""]
    lines += [item(p, options.lang) for p in shown] or [NONE[options.lang]]
    return cap("\n".join(lines) + "\n", MAX_CHARS, TRUNCATED[options.lang], options.lang)


def report(result: Result, options: ReportOptions, out: TextIO) -> None:
    out.write(render(result, options))
