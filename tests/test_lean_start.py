"""A run imports what it needs: a warm run with nothing to check does not load the prose package, the
rules or the schema validators."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from seuranta.prose import personal
from seuranta.reporters import escaping

REPO = Path(__file__).resolve().parent.parent
PROBE = """
import sys
from seuranta.cli import main
code = main(sys.argv[1:])
loaded = sorted(m for m in sys.modules if m.startswith(("seuranta.prose", "seuranta.rules.", "jsonschema")))
print(code, *loaded, file=sys.stderr)
"""


def test_the_escaping_probe_is_what_every_henkilotunnus_starts_with() -> None:
    assert escaping._HETU_PROBE.pattern == personal.HETU_PROBE.pattern
    assert escaping.redact("syntynyt 010101-123N") == personal.redact("syntynyt 010101-123N") != "syntynyt 010101-123N"
    assert escaping.redact("7/14 kunnassa 2021") == "7/14 kunnassa 2021"


def test_a_warm_run_with_nothing_to_check_loads_no_prose_and_no_rules(tmp_path: Path) -> None:
    example = tmp_path / "example"
    subprocess.run(["cp", "-r", str(REPO / "tests/examples/round-unknown-good-1"), str(example)], check=True)
    env_run = [sys.executable, "-c", PROBE, "validate"]
    first = subprocess.run(env_run, cwd=example, capture_output=True, text=True, check=True)
    assert first.stderr.split()[0] == "0" and "seuranta.rules.registry" in first.stderr  # checked: rules loaded
    warm = subprocess.run(env_run, cwd=example, capture_output=True, text=True, check=True)
    assert warm.stderr.split() == ["0"]  # every finding from the cache: none of them
