"""JSON Schema validation, with each error placed at the line:column of its node.

A compiled validator answers "valid?" fast; only an invalid document is walked
again by `jsonschema` for detailed errors, which are worded for editors.
"""

from __future__ import annotations

import difflib
import json
import re
from collections.abc import Iterator
from functools import cache, lru_cache
from typing import TYPE_CHECKING, Any

from seuranta.model import isodate
from seuranta.model.documents import Document
from seuranta.model.problem import ERROR, Message, Problem
from seuranta.model.resources import schemas_dir

if TYPE_CHECKING:
    import jsonschema

SCHEMA_OF_KIND = {
    "programme": "programme.schema.json",
    "group": "group.schema.json",
    "measure": "measure.schema.json",
    "config": "config.schema.json",
}
_BASE = "file:///seuranta/schemas/"

TYPE_NAMES = {
    "string": ("tekstiä", "text"),
    "integer": ("kokonaisluku", "a whole number"),
    "number": ("luku", "a number"),
    "array": ("lista (rivit alkavat '- ')", "a list (lines starting with '- ')"),
    "object": ("avain: arvo -rakenne", "a mapping of key: value pairs"),
    "boolean": ("true tai false", "true or false"),
    "null": ("tyhjä (null)", "empty (null)"),
}


@lru_cache(maxsize=1)
def _schemas() -> dict[str, Any]:
    return {p.name: json.loads(p.read_text(encoding="utf-8")) for p in sorted(schemas_dir().glob("*.schema.json"))}


def schema_digest() -> str:
    return json.dumps(_schemas(), sort_keys=True)


@cache
def _fast(name: str) -> Any:
    import jsonschema_rs

    schemas = _schemas()
    registry = jsonschema_rs.Registry([(_BASE + key, value) for key, value in schemas.items()])
    return jsonschema_rs.validator_for(schemas[name], registry=registry, base_uri=_BASE + name, validate_formats=True)


@cache
def _detailed(name: str) -> jsonschema.protocols.Validator:
    import jsonschema
    import referencing

    schemas = _schemas()
    registry: referencing.Registry[Any] = referencing.Registry().with_resources(
        (key, referencing.Resource.from_contents(value)) for key, value in schemas.items()
    )
    return jsonschema.Draft202012Validator(schemas[name], registry=registry, format_checker=jsonschema.FormatChecker())


# What each pattern in the schemas asks for, in words: no finding shows a regular expression.
PATTERN_FORMS = {
    "^[a-z0-9][a-z0-9-]*$": Message(
        "pienet kirjaimet a–z, numerot ja yhdysmerkki, esim. tp01",
        "lower-case letters a–z, digits and hyphens, e.g. tp01",
    ),
    "^[a-z][a-z0-9-]*$": Message(
        "säännön tunniste pienin kirjaimin, esim. date-invalid", "a rule id in lower case, e.g. date-invalid"
    ),
    "^[0-9]{4}-[0-9]{2}-[0-9]{2}$": Message("VVVV-KK-PP, esim. 2022-11-15", "YYYY-MM-DD, e.g. 2022-11-15"),
    "^[0-9]{4}-[0-9]{2}(-[0-9]{2})?$": Message(
        "VVVV-KK tai VVVV-KK-PP, esim. 2022-11 tai 2022-11-15", "YYYY-MM or YYYY-MM-DD, e.g. 2022-11 or 2022-11-15"
    ),
    "^[a-z0-9][a-z0-9-]*/[a-z0-9][a-z0-9-]*$": Message(
        "ohjelma/ryhmä, esim. pirsote/tp01", "programme/group, e.g. pirsote/tp01"
    ),
    "^[a-z0-9][a-z0-9-]*/[a-z0-9][a-z0-9-]*/[a-z0-9][a-z0-9-]*$": Message(
        "ohjelma/ryhmä/toimenpide, esim. pirsote/tp01/01-malli", "programme/group/measure, e.g. pirsote/tp01/01-malli"
    ),
    "^[a-z0-9][a-z0-9-]*(/[a-z0-9][a-z0-9-]*){1,2}$": Message(
        "ryhmän tai toimenpiteen tunniste, esim. pirsote/tp01 tai pirsote/tp01/01-malli",
        "a group's or a measure's id, e.g. pirsote/tp01 or pirsote/tp01/01-malli",
    ),
    "^https?://\\S+$": Message(
        "verkko-osoite, joka alkaa http:// tai https://", "a web address starting with http:// or https://"
    ),
}
UNKNOWN_FORM = Message("katso kentän kuvaus skeemassa", "see the field's description in the schema")

_ISO_SHAPE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}\Z")


# Dates as editors write them: 15.11.2022, 15.11.22, 15/11/2022, 2022-11-5, 2022.11.15.
def check(doc: Document) -> Iterator[Problem]:
    name = SCHEMA_OF_KIND[doc.kind]
    if _fast(name).is_valid(doc.data):
        return
    seen: set[Problem] = set()
    for error in sorted(_detailed(name).iter_errors(doc.data), key=lambda e: list(map(str, e.absolute_path))):
        for found in _leaves(doc, error):
            if found not in seen:  # a wrong date breaks its pattern and its format: one finding
                seen.add(found)
                yield found


def _leaves(doc: Document, error: jsonschema.ValidationError) -> Iterator[Problem]:
    """oneOf/anyOf errors speak through their most relevant branch."""
    if error.context:
        from jsonschema.exceptions import best_match

        best = best_match(error.context)
        if best is not None:
            yield from _leaves(doc, best)
            return
    yield _problem(doc, error)


def _problem(doc: Document, error: jsonschema.ValidationError) -> Problem:
    where = tuple(error.absolute_path)
    rule, mark, message = _describe(doc, error, where)
    return Problem(doc.path, mark[0], mark[1], rule, ERROR, message, _shown(error.instance))


def _shown(value: Any) -> str:
    return value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)[:80]


def _describe(
    doc: Document, error: jsonschema.ValidationError, where: tuple[Any, ...]
) -> tuple[str, tuple[int, int], Message]:
    keyword = str(error.validator)
    handler = _HANDLERS.get(keyword, _generic)
    return handler(doc, error, where)


def _required(
    doc: Document, error: jsonschema.ValidationError, where: tuple[Any, ...]
) -> tuple[str, tuple[int, int], Message]:
    missing = error.message.split("'")[1] if "'" in error.message else error.message
    return (
        "schema-required",
        doc.mark(*where),
        Message(
            f"Pakollinen kenttä '{missing}' puuttuu. Lisää se.",
            f"Required field '{missing}' is missing. Add it.",
        ),
    )


def _unknown(
    doc: Document, error: jsonschema.ValidationError, where: tuple[Any, ...]
) -> tuple[str, tuple[int, int], Message]:
    allowed = sorted(error.schema.get("properties", {}))
    extra = sorted(set(error.instance) - set(allowed)) if isinstance(error.instance, dict) else []
    key = extra[0] if extra else "?"
    close = difflib.get_close_matches(key, allowed, n=1)
    fi = f" Tarkoititko '{close[0]}'?" if close else f" Sallitut kentät: {', '.join(allowed)}."
    en = f" Did you mean '{close[0]}'?" if close else f" Allowed fields: {', '.join(allowed)}."
    return (
        "schema-unknown-field",
        doc.key_mark(*where, key),
        Message(f"Tuntematon kenttä '{key}'.{fi}", f"Unknown field '{key}'.{en}"),
    )


def _type(
    doc: Document, error: jsonschema.ValidationError, where: tuple[Any, ...]
) -> tuple[str, tuple[int, int], Message]:
    wanted = error.validator_value if isinstance(error.validator_value, list) else [error.validator_value]
    fi = " tai ".join(TYPE_NAMES.get(str(t), (str(t), str(t)))[0] for t in wanted)
    en = " or ".join(TYPE_NAMES.get(str(t), (str(t), str(t)))[1] for t in wanted)
    value = _shown(error.instance)
    return (
        "schema-type",
        doc.mark(*where),
        Message(
            f"Arvon {value} pitää olla {fi}. Lisää tarvittaessa lainausmerkit tai korjaa sisennys.",
            f"The value {value} must be {en}. Add quotes or fix the indentation if needed.",
        ),
    )


def _pattern(
    doc: Document, error: jsonschema.ValidationError, where: tuple[Any, ...]
) -> tuple[str, tuple[int, int], Message]:
    if _is_date(error.schema):
        return _date(doc, error, where)
    form = PATTERN_FORMS.get(str(error.validator_value), UNKNOWN_FORM)
    value = _shown(error.instance)
    return (
        "schema-pattern",
        doc.mark(*where),
        Message(
            f"Arvo '{value}' on väärää muotoa. Oikea muoto: {form.fi}.",
            f"The value '{value}' has the wrong form. The right form: {form.en}.",
        ),
    )


def _is_date(schema: Any) -> bool:
    return isinstance(schema, dict) and schema.get("format") == "date"


def _date(
    doc: Document, error: jsonschema.ValidationError, where: tuple[Any, ...]
) -> tuple[str, tuple[int, int], Message]:
    """One finding for a date, whichever of its pattern and format it breaks, naming the ISO form to write."""
    value = _shown(error.instance)
    if _ISO_SHAPE.match(value):
        return _format(doc, error, where)
    meant = isodate.meant(value)
    if meant is None:
        message = Message(
            f"'{value}' ei ole päivämäärä muodossa VVVV-KK-PP. Kirjoita päivämäärä lainausmerkeissä, esim. '2022-11-15'.",
            f"'{value}' is not a date of the form YYYY-MM-DD. Write the date in quotes, e.g. '2022-11-15'.",
        )
    else:
        message = Message(
            f"Päivämäärä on kirjoitettu '{value}'; kirjoita se muodossa VVVV-KK-PP: '{meant}'.",
            f"The date is written '{value}'; write it as YYYY-MM-DD: '{meant}'.",
        )
    return "schema-date", doc.mark(*where), message


def _format(
    doc: Document, error: jsonschema.ValidationError, where: tuple[Any, ...]
) -> tuple[str, tuple[int, int], Message]:
    value = _shown(error.instance)
    if not _ISO_SHAPE.match(value):
        return _date(doc, error, where)
    return (
        "schema-format",
        doc.mark(*where),
        Message(
            f"Päivämäärää '{value}' ei ole kalenterissa. Korjaa päivä tai kuukausi.",
            f"The date '{value}' does not exist in the calendar. Fix the day or month.",
        ),
    )


def _enum(
    doc: Document, error: jsonschema.ValidationError, where: tuple[Any, ...]
) -> tuple[str, tuple[int, int], Message]:
    options = ", ".join(map(str, error.validator_value))
    value = _shown(error.instance)
    return (
        "schema-enum",
        doc.mark(*where),
        Message(
            f"Arvo '{value}' ei kelpaa. Valitse jokin näistä: {options}.",
            f"The value '{value}' is not allowed. Choose one of: {options}.",
        ),
    )


def _empty(
    doc: Document, error: jsonschema.ValidationError, where: tuple[Any, ...]
) -> tuple[str, tuple[int, int], Message]:
    return (
        "schema-empty",
        doc.mark(*where),
        Message(
            "Arvo on liian lyhyt tai tyhjä. Täydennä se tai poista kenttä.",
            "The value is too short or empty. Fill it in or remove the field.",
        ),
    )


def _bound(
    doc: Document, error: jsonschema.ValidationError, where: tuple[Any, ...]
) -> tuple[str, tuple[int, int], Message]:
    """minimum, maximum, maxItems and const, worded without the validator's English."""
    limit, value = _shown(error.validator_value), _shown(error.instance)
    words = {
        "minimum": (f"Arvon {value} pitää olla vähintään {limit}.", f"The value {value} must be at least {limit}."),
        "maximum": (f"Arvon {value} pitää olla enintään {limit}.", f"The value {value} must be at most {limit}."),
        "maxItems": (f"Listassa saa olla enintään {limit} kohtaa.", f"The list may hold at most {limit} items."),
        "const": (f"Arvon pitää olla {limit}, ei {value}.", f"The value must be {limit}, not {value}."),
    }
    keyword = str(error.validator)
    return f"schema-{keyword.lower()}", doc.mark(*where), Message(*words[keyword])


def _generic(
    doc: Document, error: jsonschema.ValidationError, where: tuple[Any, ...]
) -> tuple[str, tuple[int, int], Message]:
    return (
        f"schema-{str(error.validator).lower()}",
        doc.mark(*where),
        Message(
            f"Arvo ei täytä skeeman ehtoa '{error.validator}'. Katso kentän kuvaus skeemasta.",
            f"The value does not meet the schema's '{error.validator}' condition. See the field's description in "
            "the schema.",
        ),
    )


_HANDLERS = {
    "required": _required,
    "additionalProperties": _unknown,
    "type": _type,
    "pattern": _pattern,
    "format": _format,
    "enum": _enum,
    "const": _bound,
    "minimum": _bound,
    "maximum": _bound,
    "maxItems": _bound,
    "minLength": _empty,
    "minItems": _empty,
}
