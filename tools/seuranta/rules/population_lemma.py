"""population-lemma: every declared lemma has its inflected forms in the package's table."""

from __future__ import annotations

from collections.abc import Iterator

from seuranta.model.documents import MEASURE, PROGRAMME, Document
from seuranta.model.problem import WARNING, Message
from seuranta.prose import inflect, population
from seuranta.rules import Context, Doc, Hit, hit
from seuranta.rules.support import items

ID = "population-lemma"
SEVERITY = WARNING
KINDS = (PROGRAMME, MEASURE)
MESSAGE = Message(
    "Perusmuotoa '{lemma}' ei ole taivutustaulukossa (tunnetut: {known}), joten se tunnistetaan vain "
    "sanan alkuna. Kirjoita sanan perusmuoto, tai lisää se työkaluun seuranta/prose/inflect.py ja aja "
    "'python -m seuranta.prose.inflect'.",
    "The lemma '{lemma}' is not in the inflection table (known: {known}), so it only matches as a word "
    "beginning. Write the word's base form, or add it to seuranta/prose/inflect.py and run "
    "'python -m seuranta.prose.inflect'.",
)
DOC = Doc(
    Message(
        "Perusjoukon perusmuodot (lemmas) tunnistetaan taivutusmuodoistaan, jotka on generoitu pakettiin. "
        'Perusmuoto, jota taulukossa ei ole ("kunnat", "vastaajat"), toimisi vain etuliitteenä ja ylivertaisi '
        "kuten vanhat sanavartalot (stems), joita sääntö ei tarkista.",
        "A population's lemmas are matched by their inflected forms, generated into the package. A lemma the "
        'table does not have ("kunnat", "vastaajat") would only match as a prefix and over-match like the '
        "legacy stems, which this rule does not check.",
    ),
    bad="populations:\n  - {id: kunta, size: 23, lemmas: [kunnat]}",
    good="populations:\n  - {id: kunta, size: 23, lemmas: [kunta]}",
)

_KNOWN = ", ".join(sorted(lemma.word for lemma in inflect.LEMMAS))


def check(doc: Document, ctx: Context) -> Iterator[Hit]:
    key = "populations" if doc.kind == PROGRAMME else "subpopulations"
    for index, entry in enumerate(items(doc.data, key)):
        listed = entry.get("lemmas")
        for position, lemma in enumerate(listed if isinstance(listed, list) else []):
            if isinstance(lemma, str) and not population.known(lemma):
                yield hit(doc.mark(key, index, "lemmas", position), lemma, lemma=lemma, known=_KNOWN)
