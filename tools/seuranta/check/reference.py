"""The rules reference, docs/rules.md, rendered from the code that applies the rules.

Loader rules come from `loader.MESSAGES`, schema rules from the schema checker's own wording
(each keyword's handler is run on a small example), semantic rules from the rule modules in
`registry.RULES` (ID, SEVERITY, KINDS, MESSAGE, DOC). A test keeps docs/rules.md equal to
`render()`; regenerate with `python -m seuranta.check.reference docs/rules.md`.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType
from typing import Any

import jsonschema

from seuranta.check import engine, precision, schema
from seuranta.model import loader
from seuranta.model.documents import MEASURE, Document
from seuranta.model.problem import ERROR, Message
from seuranta.rules.registry import ACK_UNUSED, RULES

HEADER = """\
# Rules reference / Sääntöhakemisto

Generated from the code by `python -m seuranta.check.reference docs/rules.md`; a test keeps this
file equal to the code, so edit the rule modules, not this file. Every finding names its rule id;
`.seuranta.yaml` can switch a rule off or change its severity (`rules: {<id>: {enabled: false}}`),
and a file can acknowledge a finding of a true historical anomaly
(`acknowledged: [{rule: <id>, match: <text in the finding>, reason: …}]`).

Luotu koodista; älä muokkaa käsin. Jokainen havainto nimeää sääntönsä. Asetuksissa säännön voi
kytkeä pois tai sen vakavuutta muuttaa, ja tiedostossa todellisen historiallisen poikkeaman voi kuitata.
"""

KIND_NAMES = {
    "programme": "programme.yaml",
    "group": "_group.yaml",
    "measure": "measure files",
    "config": ".seuranta.yaml",
}

# A small invalid example for each JSON Schema keyword the checker words itself.
SCHEMA_EXAMPLES: dict[str, tuple[dict[str, Any], Any]] = {
    "required": ({"required": ["title"]}, {}),
    "additionalProperties": ({"properties": {"statuses": {}}, "additionalProperties": False}, {"stauses": []}),
    "type": ({"type": "string"}, 2021),
    "pattern": ({"type": "string", "pattern": "^[a-z0-9][a-z0-9-]*$"}, "TP 1"),
    "format": ({"type": "string", "format": "date"}, "2021-02-30"),
    "date": ({"type": "string", "pattern": "^[0-9]{4}-[0-9]{2}-[0-9]{2}$", "format": "date"}, "15.11.2022"),
    "enum": ({"enum": ["baseline", "status", "summary"]}, "final"),
    "const": ({"const": True}, False),
    "minimum": ({"type": "integer", "minimum": 1}, 0),
    "maximum": ({"type": "integer", "maximum": 100}, 101),
    "maxItems": ({"type": "array", "maxItems": 2}, [1, 2, 3]),
    "minLength": ({"type": "string", "minLength": 1}, ""),
    "minItems": ({"type": "array", "minItems": 1}, []),
}


def _block(text: str, lang: str = "yaml") -> str:
    return f"```{lang}\n{text}\n```"


def _rule(module: ModuleType) -> str:
    kinds = ", ".join(KIND_NAMES.get(kind, kind) for kind in module.KINDS)
    return "\n\n".join(
        (
            f"### `{module.ID}` ({module.SEVERITY})",
            f"Checks: {kinds}.",
            f"- {module.DOC.summary.en}\n- *{module.DOC.summary.fi}*",
            f"Message: {module.MESSAGE.en}\n\nViesti: *{module.MESSAGE.fi}*",
            "Bad / väärin:\n\n" + _block(module.DOC.bad),
            "Good / oikein:\n\n" + _block(module.DOC.good),
        )
    )


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def _row(rule: str, severity: str, *, message: Message) -> str:
    return f"| `{rule}` | {severity} | {_cell(message.en)} | {_cell(message.fi)} |"


def _table(rows: Iterator[str]) -> str:
    return "| rule | severity | message | viesti |\n|---|---|---|---|\n" + "\n".join(rows)


def _loader_rows() -> Iterator[str]:
    for rule, (severity, message) in loader.MESSAGES.items():
        yield _row(rule, severity, message=message)


def _schema_example(keyword: str) -> tuple[str, Message]:
    shape, instance = SCHEMA_EXAMPLES[keyword]
    validator = jsonschema.Draft202012Validator(shape, format_checker=jsonschema.FormatChecker())
    error = next(validator.iter_errors(instance))
    doc = Document(MEASURE, "", loader.load_bytes("example.yaml", b"id: example\n"))
    rule, _, message = schema._describe(doc, error, ())
    return rule, message


def _schema_rows() -> Iterator[str]:
    seen: set[str] = set()
    for keyword in SCHEMA_EXAMPLES:
        rule, message = _schema_example(keyword)
        if rule not in seen:
            seen.add(rule)
            yield _row(rule, ERROR, message=message)
    yield _row(
        "schema-<keyword>",
        ERROR,
        message=Message(
            "Arvo ei täytä skeeman ehtoa '<keyword>'. Katso kentän kuvaus skeemasta.",
            "The value does not meet the schema's '<keyword>' condition. See the field's description in the schema.",
        ),
    )


def render() -> str:
    """The whole of docs/rules.md."""
    parts = [
        HEADER.rstrip(),
        "## YAML loader rules\n\nEvery file is read by one strict loader; a file with any of these errors is not "
        "checked further.\n\n" + _table(_loader_rows()),
        "## Schema rules\n\nEach JSON Schema error is placed at its node. The messages below are the checker's "
        "own wording for an example value.\n\n" + _table(_schema_rows()),
        "## Acknowledgements\n\n" + _table(iter([_row(ACK_UNUSED, ERROR, message=engine.ACK_UNUSED_MESSAGE)])),
        "## Semantic rules\n\n" + "\n\n".join(_rule(module) for module in RULES),
        precision.render(),
    ]
    return "\n\n".join(parts) + "\n"


def main(argv: list[str]) -> int:
    text = render()
    if argv:
        Path(argv[0]).write_text(text, encoding="utf-8")
    else:
        sys.stdout.write(text)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
