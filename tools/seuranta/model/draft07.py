"""The editors' build of the schemas: draft-07, translated from the draft 2020-12 sources.

VS Code's YAML extension (yaml-language-server) validates draft-07; the sources in `schemas/`
are draft 2020-12 and stay the one source of truth. `tools/build_schemas.py` writes this
translation into `schemas/draft-07/`, and a test checks that the files there equal a fresh
translation and give the same verdicts as the sources on every example and data file.

The translation is by keyword: `$defs` → `definitions` (and the references into them),
`prefixItems` → `items` as a list (a 2020-12 `items` beside it → `additionalItems`), and a
`$ref` with other keywords beside it (which draft-07 ignores) → the keywords with the reference
under `allOf`. A keyword that draft-07 has no translation for stops the build.
"""

from __future__ import annotations

import json
from typing import Any

DRAFT_07 = "http://json-schema.org/draft-07/schema#"
FOLDER = "draft-07"

_SCHEMA = frozenset(
    {"items", "additionalProperties", "additionalItems", "not", "if", "then", "else", "contains", "propertyNames"}
)
_SCHEMA_LIST = frozenset({"allOf", "anyOf", "oneOf"})
_SCHEMA_MAP = frozenset({"properties", "patternProperties", "definitions"})
_UNTRANSLATED = frozenset(
    {
        "unevaluatedProperties",
        "unevaluatedItems",
        "dependentSchemas",
        "dependentRequired",
        "minContains",
        "maxContains",
        "$anchor",
        "$dynamicRef",
        "$dynamicAnchor",
        "$recursiveRef",
        "$recursiveAnchor",
        "$vocabulary",
    }
)


class UntranslatableError(ValueError):
    """A draft 2020-12 keyword with no draft-07 equivalent."""


def _reference(ref: str) -> str:
    return ref.replace("#/$defs/", "#/definitions/")


def translate(schema: Any, where: str = "#") -> Any:
    """One schema (or boolean schema) in draft-07."""
    if not isinstance(schema, dict):
        return schema
    out: dict[str, Any] = {}
    for key, value in schema.items():
        at = f"{where}/{key}"
        if key in _UNTRANSLATED:
            raise UntranslatableError(f"{at}: {key} has no draft-07 translation")
        if key == "$schema":
            out[key] = DRAFT_07
        elif key == "$ref":
            out[key] = _reference(value)
        elif key == "$defs":
            out["definitions"] = {name: translate(sub, f"{at}/{name}") for name, sub in value.items()}
        elif key == "prefixItems":
            out["items"] = [translate(sub, f"{at}/{i}") for i, sub in enumerate(value)]
        elif key == "items" and "prefixItems" in schema:
            out["additionalItems"] = translate(value, at)
        elif key in _SCHEMA:
            out[key] = translate(value, at)
        elif key in _SCHEMA_LIST:
            out[key] = [translate(sub, f"{at}/{i}") for i, sub in enumerate(value)]
        elif key in _SCHEMA_MAP:
            out[key] = {name: translate(sub, f"{at}/{name}") for name, sub in value.items()}
        else:
            out[key] = value
    return _ref_alone(out)


def _ref_alone(schema: dict[str, Any]) -> dict[str, Any]:
    """Draft-07 ignores every keyword beside `$ref`; keep them by moving the reference under allOf."""
    if "$ref" not in schema or len(schema) == 1:
        return schema
    rest = {key: value for key, value in schema.items() if key != "$ref"}
    rest["allOf"] = [{"$ref": schema["$ref"]}, *rest.get("allOf", [])]
    return rest


def render(source_text: str) -> str:
    """A source file's text → the draft-07 file's text (same layout as the sources: 2 spaces, UTF-8)."""
    return json.dumps(translate(json.loads(source_text)), ensure_ascii=False, indent=2) + "\n"
