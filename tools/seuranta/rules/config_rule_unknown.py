"""config-rule-unknown: every rule id under `rules:` in .seuranta.yaml is a rule seuranta has."""

from __future__ import annotations

from collections.abc import Iterator

from seuranta.model.documents import CONFIG, Document
from seuranta.model.problem import ERROR, Message
from seuranta.rules import Context, Doc, Hit, hit
from seuranta.rules.support import suggest

ID = "config-rule-unknown"
SEVERITY = ERROR
KINDS = (CONFIG,)
MESSAGE = Message(
    "Sääntöä '{rule}' ei ole, joten sen asetus ei vaikuta mihinkään. Tarkoititko: {close}?",
    "There is no rule '{rule}', so its setting has no effect. Did you mean: {close}?",
)
DOC = Doc(
    Message(
        "Asetusten `rules:`-kohdan jokainen tunniste on olemassa oleva sääntö (kirjoitusvirhe ei kytke mitään pois).",
        "Every id under `rules:` in the settings is a rule that exists (a typo switches nothing off).",
    ),
    bad="rules:\n  id-uniqe: {severity: warning}",
    good="rules:\n  id-unique: {severity: warning}",
)


def check(doc: Document, ctx: Context) -> Iterator[Hit]:
    from seuranta.rules.registry import RULE_IDS

    configured = doc.data.get("rules") if isinstance(doc.data, dict) else None
    for name in configured if isinstance(configured, dict) else {}:
        if name not in RULE_IDS:
            yield hit(doc.key_mark("rules", name), str(name), rule=name, close=suggest(str(name), sorted(RULE_IDS)))
