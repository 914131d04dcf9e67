"""The rules reference is generated from the rules, every rule is registered and exemplified."""

from __future__ import annotations

import importlib
import pkgutil
from pathlib import Path

from conftest import EXAMPLES, REPO
from seuranta import rules
from seuranta.check import reference
from seuranta.model.problem import SEVERITIES
from seuranta.rules.registry import RULES

NOT_RULES = {"registry", "reference", "support"}


def test_docs_rules_md_is_the_rendered_reference() -> None:
    """Regenerate with: python -m seuranta.check.reference docs/rules.md"""
    assert (REPO / "docs" / "rules.md").read_text(encoding="utf-8") == reference.render()


def test_every_rule_module_is_registered_once() -> None:
    names = {m.name for m in pkgutil.iter_modules(rules.__path__)} - NOT_RULES
    modules = [importlib.import_module(f"seuranta.rules.{name}") for name in sorted(names)]
    assert sorted(m.ID for m in modules) == sorted(m.ID for m in RULES)
    assert len({m.ID for m in RULES}) == len(RULES)


def test_every_rule_declares_what_the_reference_shows() -> None:
    for module in RULES:
        assert Path(str(module.__file__)).stem.replace("_", "-") == module.ID
        assert module.SEVERITY in SEVERITIES and module.KINDS
        assert module.MESSAGE.fi and module.MESSAGE.en and module.DOC.bad and module.DOC.good
        assert module.DOC.summary.fi and module.DOC.summary.en


def test_every_rule_has_a_good_and_a_bad_example() -> None:
    names = [p.name for p in EXAMPLES.iterdir()]
    for module in RULES:
        assert any(n.startswith(f"{module.ID}-bad-") for n in names), module.ID
        assert any(n.startswith(f"{module.ID}-good-") for n in names), module.ID


def test_bad_examples_find_their_rule() -> None:
    for module in RULES:
        for folder in EXAMPLES.glob(f"{module.ID}-bad-*"):
            assert f"[{module.ID}]" in (folder / "expected.txt").read_text(encoding="utf-8"), folder.name
