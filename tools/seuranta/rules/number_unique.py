"""number-unique: measure numbers are unique inside a group ("Tp. 5." and "Tp 5" are the same)."""

from __future__ import annotations

from collections.abc import Iterator

from seuranta.model.documents import MEASURE, Document
from seuranta.model.problem import ERROR, Message
from seuranta.prose import facts
from seuranta.rules import Context, Doc, Hit, hit
from seuranta.rules.support import group_id, measures_numbered

ID = "number-unique"
SEVERITY = ERROR
KINDS = (MEASURE,)
MESSAGE = Message(
    "Numero '{number}' {why_fi} {other} samassa ryhmässä. Numeroi toinen uudelleen; "
    "jos lähde itse toistaa numeron, kuittaa havainto.",
    "The number '{number}' {why_en} {other} in the same group. Renumber one of them; "
    "if the source itself repeats the number, acknowledge the finding.",
)
DOC = Doc(
    Message(
        'Ryhmän toimenpiteillä on eri numerot. Numerot verrataan siistittyinä: "Tp. 5." on sama kuin "Tp 5", '
        'mutta "Tp 4 a)" ja "Tp 4 b)" ovat eri numeroita. Pelkkä "Tp 4" ryhmässä, jossa on "Tp 4 a)", '
        "on monitulkintainen.",
        'Measures in a group have distinct numbers. Numbers are compared normalised: "Tp. 5." equals "Tp 5", '
        'but "Tp 4 a)" and "Tp 4 b)" are distinct. A bare "Tp 4" next to "Tp 4 a)" is ambiguous.',
    ),
    bad="# tp02/05-etakonsultaatiot.yaml\nnumber: Tp. 5.\n# tp02/06-chat.yaml\nnumber: Tp 5\n"
    "# tp05/05-tiimit.yaml\nnumber: Tp 4 a)\n# tp05/08-palaute.yaml\nnumber: Tp 4",
    good="# tp02/05-etakonsultaatiot.yaml\nnumber: Tp 4 a)\n# tp02/06-chat.yaml\nnumber: Tp 4 b)",
)


def _family(number: str, numbered: dict[str, list[str]]) -> list[str]:
    """Measures "4 a)", "4 b)" … next to a bare "4": a reference "Tp 4" could mean any of them."""
    return sorted(i for n, idents in numbered.items() if n[:-1] == number and n[-1:].isalpha() for i in idents)


def _clash(ident: str, number: str, *, numbered: dict[str, list[str]]) -> tuple[str, str, str] | None:
    same = numbered.get(number, [])
    if len(same) > 1 and same[0] != ident and ident in same:
        return same[0], "on jo toimenpiteellä", "is already used by"
    family = _family(number, numbered) if number.isdigit() else []
    return (family[0], "sekoittuu toimenpiteen numeroon:", "is ambiguous next to") if family else None


def check(doc: Document, ctx: Context) -> Iterator[Hit]:
    number = doc.data.get("number")
    ident = doc.data.get("id")
    if not isinstance(number, str) or not facts.normal_number(number) or not isinstance(ident, str):
        return
    clash = _clash(ident, facts.normal_number(number), numbered=measures_numbered(ctx, group_id(doc)))
    if clash is not None:
        other = ctx.model.measures[clash[0]]
        shown = f"{other.path} ('{other.data.get('number')}')"
        yield hit(doc.mark("number"), number, number=number, other=shown, why_fi=clash[1], why_en=clash[2])
