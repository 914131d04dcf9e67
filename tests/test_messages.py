"""Every message right the first time: one finding per mistake, at its cause, in Finnish and English.

The syntax errors editors make, each with the exact message it gets; a date in the wrong form as
one finding naming the ISO date to write; no schema message showing a regular expression.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from clirun import seuranta
from programmes import BASELINE, SPRING_2021, programme, write_repo
from seuranta.check import schema
from seuranta.model.loader import load_bytes
from seuranta.model.resources import schemas_dir

INDENTATION = (
    "yaml-indentation",
    "Rivin sisennys ei sovi ympäröiviin riveihin. Saman tason avaimet alkavat samasta sarakkeesta, ja listan rivit "
    "(- …) ja tekstin jatkorivit sisennetään välilyönneillä.",
    "The line's indentation does not fit the lines around it. Keys of one level start in the same column; list "
    "items (- …) and continuation lines are indented with spaces.",
)
COLON = (
    "yaml-colon-in-text",
    "Tekstissä on kaksoispiste ja välilyönti (': '), jonka YAML lukee uuden avaimen aluksi. Kirjoita teksti "
    "lainausmerkkeihin: text: '…: …' (heittomerkki tekstin sisällä kirjoitetaan kahdesti: '').",
    "The text holds a colon and a space (': '), which YAML reads as the start of a new key. Put the text in "
    "quotes: text: '…: …' (a single quote inside the text is written twice: '').",
)
AFTER_QUOTE = (
    "yaml-text-after-quote",
    "Lainausmerkkien jälkeen rivillä on vielä tekstiä. Kirjoita koko teksti yhden lainausmerkkiparin sisään; "
    "heittomerkki tekstin sisällä kirjoitetaan kahdesti ('').",
    "More text follows the closing quote on this line. Put the whole text inside one pair of quotes; a single "
    "quote inside the text is written twice ('').",
)
MISSING_COLON = (
    "yaml-missing-colon",
    "Riviltä puuttuu kaksoispiste ja välilyönti avaimen perästä (avain: arvo), tai rivi jatkaa edellistä tekstiä "
    "väärällä sisennyksellä.",
    "The line lacks a colon and a space after its key (key: value), or it continues the text above with the "
    "wrong indentation.",
)


def unclosed(quote: str, end: int) -> tuple[str, str, str]:
    return (
        "yaml-unclosed-quote",
        f"Tällä rivillä alkava lainausmerkki {quote} jää sulkematta, joten teksti jatkuu riville {end} asti. "
        f"Lisää {quote} tekstin loppuun.",
        f"The quote {quote} opened on this line is never closed, so the text runs on to line {end}. "
        f"Add {quote} at the end of the text.",
    )


def special(char: str) -> tuple[str, str, str]:
    return (
        "yaml-special-start",
        f"Arvo alkaa merkillä {char}, jolla on YAMLissa erityismerkitys. Kirjoita teksti lainausmerkkeihin: '{char}…'.",
        f"The value starts with {char}, which has a special meaning in YAML. Put the text in quotes: '{char}…'.",
    )


SYNTAX_ERRORS = [
    ("colon in plain text", "id: x\ntext: Tilanne: hyvä\n", (2, 14), COLON),
    ("colon in a status", "id: x\nstatuses:\n- date: '2021-05-15'\n  text: Tilanne: hyvä, jatkuu\n", (4, 16), COLON),
    (
        "tab",
        "id: x\nstatuses:\n\t- date: '2021-05-15'\n",
        (3, 1),
        (
            "yaml-tab",
            "Sisennyksessä on sarkainmerkki (tab). Sisennä välilyönneillä.",
            "A tab character is used for indentation. Indent with spaces.",
        ),
    ),
    ("quote open at the end", "id: x\ntitle: 'Otsikko\nnumber: '1'\n", (2, 8), unclosed("'", 3)),
    (
        "quote open mid-file",
        "id: x\nstatuses:\n- date: '2021-05-15\n  text: jotain\n- date: '2021-11-15'\n  text: muuta\n",
        (3, 9),
        unclosed("'", 5),
    ),
    ("double quote open", 'id: x\ntitle: "Otsikko\nnumber: 1\nnote: "x"\nmore: y\n', (2, 8), unclosed('"', 4)),
    ("key indented too deep", "id: x\ntitle: a\n  number: 1\n", (3, 3), INDENTATION),
    ("key indented too little", "id: x\nstatuses:\n  - date: a\n text: b\n", (4, 2), INDENTATION),
    ("no space after the colon", "id: x\ntitle:a\nnumber: 1\n", (2, 1), MISSING_COLON),
    ("block text not indented", "id: x\ntext: |\nRivi\n", (3, 1), MISSING_COLON),
    ("text after the quote", "id: x\ntitle: 'Hanke' alkaa\n", (2, 16), AFTER_QUOTE),
    ("quotes inside quotes", 'id: x\ntitle: "Hanke "Uusi" alkaa"\n', (2, 16), AFTER_QUOTE),
    (
        "bracket left open",
        "id: x\nportfolios: [hs1, hs2\nnumber: 1\n",
        (2, 13),
        (
            "yaml-unclosed-bracket",
            "Sulku [ jää sulkematta tai sen alkioiden välistä puuttuu pilkku. Lisää ]; jos arvo on tekstiä, kirjoita "
            "se lainausmerkkeihin.",
            "The bracket [ is never closed or a comma is missing between its items. Add ]; if the value is text, "
            "put it in quotes.",
        ),
    ),
    (
        "line separator in plain text",
        "id: x\ntitle: Rivi\u2028toinen\nnumber: 1\n",
        (2, 12),
        (
            "yaml-line-break-character",
            "Merkki U+2028 on YAMLille rivinvaihto, joten tekstin loppu luetaan omaksi rivikseen. Poista merkki tai "
            "vaihda se välilyönniksi.",
            "The character U+2028 is a line break to YAML, so the rest of the text is read as a line of its own. "
            "Remove the character or replace it with a space.",
        ),
    ),
    ("starts with @", "id: x\ntitle: @tiimi vastaa\n", (2, 8), special("@")),
    ("starts with *", "id: x\ntitle: *tärkeä*\n", (2, 8), special("*")),
    ("starts with [", "id: x\ntitle: [1] viite\n", (2, 8), special("[")),
    (
        "backslash in double quotes",
        'id: x\ntitle: "C:\\data"\n',
        (2, 11),
        (
            "yaml-escape",
            'Lainausmerkeissä "…" kenoviiva aloittaa erikoismerkin, eikä \\d ole sellainen. Kirjoita kenoviiva '
            "kahdesti (\\\\) tai käytä heittomerkkejä ('…').",
            "Inside double quotes a backslash starts an escape, and \\d is none. Write the backslash twice (\\\\) "
            "or use single quotes ('…').",
        ),
    ),
]


@pytest.mark.parametrize(
    ("text", "where", "expected"), [c[1:] for c in SYNTAX_ERRORS], ids=[c[0] for c in SYNTAX_ERRORS]
)
def test_each_syntax_error_an_editor_makes_is_one_finding_at_its_cause(
    text: str, where: tuple[int, int], expected: tuple[str, str, str]
) -> None:
    found = [
        (p.line, p.column, p.rule, p.message.fi, p.message.en) for p in load_bytes("f.yaml", text.encode()).problems
    ]
    assert found == [(*where, *expected)]


LIBYAML_WORDS = re.compile(r"expected|found|allowed|scanning|parsing|stream|token|context")


@pytest.mark.parametrize("text", [c[1] for c in SYNTAX_ERRORS] + ["a: [\n", "a: b: c: [\n  - x\n", "%\n", "? a\n"])
def test_no_finnish_syntax_message_carries_libyaml_english(text: str) -> None:
    for problem in load_bytes("f.yaml", text.encode()).problems:
        assert not LIBYAML_WORDS.search(problem.message.fi), problem.message.fi


MEASURE = """\
id: ex/tp01/01-malli
number: '1'
title: Malli
statuses:
- date: '2020-11-15'
  text: Malli kuvattu.
- date: '{date}'
  text: Malli käytössä.
"""


def date_repo(root: Path, date: str) -> None:
    write_repo(
        root,
        programme=programme(rounds=BASELINE + SPRING_2021),
        measures={"data/ex/tp01/01-malli.yaml": MEASURE.format(date=date)},
    )


@pytest.mark.parametrize("written", ["15.11.2022", "15.11.22"])
def test_a_date_in_the_finnish_form_is_one_finding_naming_the_iso_date(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, written: str
) -> None:
    date_repo(tmp_path, written)
    monkeypatch.chdir(tmp_path)
    fi = seuranta("validate", "--no-cache")
    assert (fi.code, fi.stdout.splitlines()[:-1]) == (  # every finding line; the count line follows
        1,
        [
            f"data/ex/tp01/01-malli.yaml:7:9: virhe [schema-date] Päivämäärä on kirjoitettu '{written}'; kirjoita "
            "se muodossa VVVV-KK-PP: '2022-11-15'."
        ],
    )
    en = seuranta("validate", "--no-cache", "--lang", "en")
    assert en.stdout.splitlines()[0] == (
        f"data/ex/tp01/01-malli.yaml:7:9: error [schema-date] The date is written '{written}'; write it as "
        "YYYY-MM-DD: '2022-11-15'."
    )


def test_a_date_that_is_no_date_says_which_form_to_write(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    date_repo(tmp_path, "syksy 2022")
    monkeypatch.chdir(tmp_path)
    result = seuranta("validate", "--no-cache", "--lang", "en")
    assert result.stdout.splitlines()[0] == (
        "data/ex/tp01/01-malli.yaml:7:9: error [schema-date] 'syksy 2022' is not a date of the form YYYY-MM-DD. "
        "Write the date in quotes, e.g. '2022-11-15'."
    )


def test_an_iso_date_not_in_the_calendar_keeps_its_calendar_finding(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    date_repo(tmp_path, "2021-02-30")
    monkeypatch.chdir(tmp_path)
    result = seuranta("validate", "--no-cache")
    assert result.stdout.splitlines()[0] == (
        "data/ex/tp01/01-malli.yaml:7:9: virhe [schema-format] Päivämäärää '2021-02-30' ei ole kalenterissa. "
        "Korjaa päivä tai kuukausi."
    )


def _patterns(node: object) -> list[str]:
    if isinstance(node, dict):
        found = [str(node["pattern"])] if isinstance(node.get("pattern"), str) else []
        return found + [p for value in node.values() for p in _patterns(value)]
    if isinstance(node, list):
        return [p for value in node for p in _patterns(value)]
    return []


def test_every_pattern_in_the_schemas_is_told_in_words() -> None:
    patterns = {p for path in schemas_dir().glob("*.schema.json") for p in _patterns(json.loads(path.read_text()))}
    assert patterns
    assert patterns <= set(schema.PATTERN_FORMS)


def test_a_pattern_finding_shows_no_regular_expression(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    write_repo(
        tmp_path,
        programme=programme(rounds=BASELINE),
        measures={"data/ex/tp01/01-malli.yaml": "id: ex/tp01/01-malli\nnumber: '1'\ntitle: Malli\nrelated: [TP 1]\n"},
    )
    monkeypatch.chdir(tmp_path)
    result = seuranta("validate", "--no-cache", "--lang", "en")
    assert result.stdout.splitlines()[1] == (
        "data/ex/tp01/01-malli.yaml:4:11: error [schema-pattern] The value 'TP 1' has the wrong form. The right "
        "form: a group's or a measure's id, e.g. pirsote/tp01 or pirsote/tp01/01-malli."
    )


def test_a_round_written_in_the_finnish_form_is_the_programme_s_one_finding(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    write_repo(
        tmp_path,
        programme=programme(rounds=BASELINE + SPRING_2021.replace("2021-05-15", "15.5.2021")),
        measures={"data/ex/tp01/01-malli.yaml": MEASURE.format(date="2021-05-15")},
    )
    monkeypatch.chdir(tmp_path)
    result = seuranta("validate", "--no-cache", "--lang", "en")
    assert (result.code, result.stdout.splitlines()[:-1]) == (
        1,
        [
            "data/ex/programme.yaml:12:9: error [schema-date] The date is written '15.5.2021'; write it as "
            "YYYY-MM-DD: '2021-05-15'."
        ],
    )
