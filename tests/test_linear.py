"""Validation is linear in a file's size, whatever the file holds.

Each adversarial shape is validated at two sizes, four times apart, and the number of function
calls the whole run makes (loading, schema, every rule, acknowledgements, the report) is counted
with cProfile: a linear run makes about four times as many calls, a quadratic one sixteen. The
file from the issue that stalled CI (a 0.85 MB line of personal data and fractions) is validated
whole, with every finding located at its text, under a bound that only a super-linear run exceeds.
"""

from __future__ import annotations

import cProfile
import json
import pstats
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from clirun import seuranta
from programmes import BASELINE, programme, write_repo
from seuranta.check import engine

UNIT = "7/14 organisaatiossa 131052-308T a@b.fi 040 123 4567 "
FACTS = (
    "16/14 organisaatiossa 31.11.2021 30.421 150 % työpaketti 9 tp 77 ks. Innokylä valmistui 8.11.2021 "
    "a) 2/14 organisaatiossa b) 3/14 organisaatiossa "
)
HEAD = "id: ex/tp01/01-a\nnumber: '1'\ntitle: A\n"
STATUS = "statuses:\n- date: '2020-11-15'\n  text: "


def long_line(units: int) -> str:
    return HEAD + STATUS + "alku\nnotes: " + (UNIT + FACTS) * units + "\n"


def many_lines(units: int) -> str:
    return HEAD + STATUS + "|\n" + "".join(f"    {UNIT}\n    {FACTS}\n" for _ in range(units))


def folded(units: int) -> str:
    return HEAD + STATUS + ">-\n" + "".join(f"    {UNIT}{FACTS}\n\n" for _ in range(units))


def quoted(units: int) -> str:
    piece = (UNIT + FACTS).replace("a@b.fi", '\\"a@b.fi\\" k\\u00e4y')
    return HEAD + STATUS + '"' + piece * units + '"\n'


def many_statuses(units: int) -> str:
    entry = f"- date: '2020-11-15'\n  text: '{UNIT}{FACTS}'\n"
    return HEAD + "statuses:\n" + entry * units


def acknowledged(units: int) -> str:
    acks = "".join(
        f"- rule: personal-email\n  match: a{i}@b.fi\n  reason: esimerkki\n"
        f"- rule: fraction-over\n  match: {i}/14\n  reason: esimerkki\n"
        for i in range(units)
    )
    texts = "".join(f"    {i}/14 organisaatiossa a{i}@b.fi ja {i}/14 organisaatiossa\n" for i in range(units))
    return HEAD + STATUS + "|\n" + texts + "acknowledged:\n" + acks


SHAPES: dict[str, Callable[[int], str]] = {
    "long line": long_line,
    "many lines": many_lines,
    "folded": folded,
    "quoted with escapes": quoted,
    "many statuses": many_statuses,
    "many acknowledgements": acknowledged,
}


def _repo(root: Path, measure: str) -> Path:
    return write_repo(root, programme=programme(rounds=BASELINE), measures={"data/ex/tp01/01-a.yaml": measure})


def _calls(root: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[int, list[dict[str, object]]]:
    monkeypatch.chdir(root)
    profile = cProfile.Profile()
    run = profile.runcall(seuranta, "validate", "--no-cache", "--format", "json")
    return pstats.Stats(profile).total_calls, json.loads(run.stdout)["findings"]  # type: ignore[attr-defined]


@pytest.mark.parametrize("shape", SHAPES)
def test_calls_grow_linearly_with_the_file(shape: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    small, small_found = _calls(_repo(tmp_path / "small", SHAPES[shape](100)), monkeypatch)
    large, large_found = _calls(_repo(tmp_path / "large", SHAPES[shape](400)), monkeypatch)
    assert len(large_found) > 3 * len(small_found) > 0
    # Linear: about 4× the calls (a fixed start-up share makes it less); quadratic: about 16×.
    assert large < 5 * small, f"{shape}: {small} calls at 100 units, {large} at 400"


def test_the_file_that_stalled_ci_validates_with_every_finding_located(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    units = 850_000 // len(UNIT)
    root = write_repo(
        tmp_path,
        programme=programme(rounds=BASELINE),
        measures={"data/ex/tp01/01-a.yaml": HEAD + STATUS + "alku\nnotes: " + UNIT * units + "\n"},
    )
    monkeypatch.chdir(root)
    started = time.process_time()
    run = seuranta("validate", "--no-cache", "--format", "json")
    spent = time.process_time() - started
    line = (root / "data/ex/tp01/01-a.yaml").read_text(encoding="utf-8").splitlines()[6]
    findings = json.loads(run.stdout)["findings"]
    for rule, written in (("personal-email", "a@b.fi"), ("personal-phone", "040 123 4567"), ("hetu", "131052-308T")):
        columns = [at + 1 for at in range(len(line)) if line.startswith(written, at)]
        assert len(columns) == units
        assert [(p["line"], p["column"]) for p in findings if p["rule"] == rule] == [(7, c) for c in columns]
    # Linear takes about a second of CPU here; the quadratic placement took over 120 s.
    assert spent < 30, f"{spent:.1f} s of CPU for 0.85 MB"


@given(
    acks=st.lists(
        st.one_of(
            st.fixed_dictionaries({"rule": st.sampled_from("ab"), "match": st.text("xyz", max_size=4)}), st.none()
        )
    ),
    rule=st.sampled_from("ab"),
    found=st.text("xyz", max_size=8),
)
def test_the_acknowledgement_automaton_finds_the_first_that_a_match_contains(
    acks: list[dict[str, str] | None], rule: str, found: str
) -> None:
    first = next(
        (i for i, a in enumerate(acks) if a and a["rule"] == rule and a["match"] and a["match"] in found), None
    )
    assert engine._Acknowledgements(acks).find(rule, found) == first


@given(
    acks=st.lists(
        st.fixed_dictionaries({"rule": st.just("a"), "match": st.text("xyz", max_size=3)}),
        min_size=engine.FEW + 1,
        max_size=3 * engine.FEW,
    ),
    found=st.text("xyz", max_size=8),
)
def test_many_acknowledgements_of_a_rule_find_the_first_that_a_match_contains(
    acks: list[dict[str, str]], found: str
) -> None:
    first = next((i for i, a in enumerate(acks) if a["match"] and a["match"] in found), None)
    index = engine._Acknowledgements(acks)
    many = sum(1 for a in acks if a["match"]) > engine.FEW
    assert not many or isinstance(index.by_rule["a"], engine._Automaton)
    assert index.find("a", found) == first
