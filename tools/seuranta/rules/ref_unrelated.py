"""ref-unrelated: a measure reference ("tp 1 periaatteiden mukaan") names a measure about the same thing."""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache

from seuranta.model.documents import GROUP, MEASURE, Document
from seuranta.model.problem import WARNING, Message
from seuranta.prose import facts, presence
from seuranta.rules import Context, Doc, Hit, hit
from seuranta.rules.support import group_id, groups, place, programme, prose_holding

ID = "ref-unrelated"
SEVERITY = WARNING
KINDS = (MEASURE, GROUP)
NEEDS = presence.REFERENCES  # the kinds of fact it reads: a file whose texts hold none has no finding
MESSAGE = Message(
    "Viittaus '{text}' osuu toimenpiteeseen '{title}', jolla ei ole yhtään yhteistä sisältösanaa viittaavan "
    "tekstin eikä otsikon kanssa. Tarkista, tarkoitetaanko toista toimenpidettä tai ryhmää (esim. "
    "'työpaketti {number}'), ja korjaa viittaus, tai kuittaa havainto, jos viittaus on oikea.",
    "The reference '{text}' resolves to the measure '{title}', which shares no content word with the "
    "referring text or its title. Check whether another measure or group is meant (e.g. 'työpaketti "
    "{number}') and fix the reference, or acknowledge the finding if the reference is right.",
)
DOC = Doc(
    Message(
        'Oman ryhmän toimenpiteeseen osuva viittaus ("tp 1 periaatteiden mukaan") jakaa toimenpiteen otsikon '
        "kanssa ainakin yhden sisältösanan viittaavan kentän tekstin tai tiedoston otsikon kanssa (sanat "
        "viiden ensimmäisen kirjaimen mukaan, vähintään viisikirjaimiset, yleissanat kuten käyttöönotto ja "
        "kehittäminen pois lukien; otsikkoa, jossa ei ole sisältösanaa, ei verrata). Varoitus: vertailu on karkea. Yksi yhteinen sana riittää, joten samaa "
        "sanaa käyttävä väärä viittaus jää huomaamatta, ja toimenpide, jonka otsikon sanoja viittaava teksti "
        "ei toista, voi tulla ilmoitetuksi. Tarkkuuden vuoksi ei lueta viittauksia toisen ryhmän "
        'toimenpiteisiin, tekstejä, joissa mainitaan jokin ryhmä ("etenee työpaketti 15 sisällä, toimenpide '
        '2"), välejä ("toimenpiteet 4-13") eikä muutoshistorian (revisions) huomautuksia, joiden numerot ovat '
        "toisen suunnitelman.",
        'A reference that resolves to a measure of the file\'s own group ("tp 1 periaatteiden mukaan") shares '
        "at least one content word with that measure's title, in the referring field's text or the file's "
        "title (words by their first five letters, of five letters or more, generic words such as "
        "käyttöönotto and kehittäminen left out; a title without a content word is not compared). A warning: the comparison is coarse. One shared word is "
        "enough, so a wrong reference sharing a word goes unnoticed, and a measure whose title words the "
        "referring text does not repeat may be reported. For precision, references to another group's "
        'measures, texts that name a group ("etenee työpaketti 15 sisällä, toimenpide 2"), ranges '
        '("toimenpiteet 4-13") and revision notes, whose numbers are another plan\'s, are not read.',
    ),
    bad="# tp 1 of the group is 'Sosiaaliohjauksen tuominen sote-keskuksiin'\n"
    "title: Kotikuntoutusmallin käyttöönotto\noutputs: Kotikuntoutusmalli otettu käyttöön tp 1 periaatteiden mukaan",
    good="# tp 1 of the group is 'Kotikuntoutusmallin kuvaaminen'\n"
    "title: Kotikuntoutusmallin käyttöönotto\noutputs: Kotikuntoutusmalli otettu käyttöön tp 1 periaatteiden mukaan",
)

_WORD = re.compile(r"[a-zåäö]{5,}")
_STEM = 5
_RANGE = re.compile(r"\d\s*[-–]")
_GENERIC = frozenset(
    {
        "käytt",
        "kehit",
        "toteu",
        "otett",
        "mukaa",
        "mukai",
        "peria",
        "yhtei",
        "lisäk",
        "kanss",
        "tilan",
        "tehty",
        "toime",
    }
)


@lru_cache(maxsize=4096)
def _stems(text: str) -> frozenset[str]:
    """The stems of a text's words (once per text while among those asked last: titles recur with every
    reference to their measure)."""
    return frozenset(w[:_STEM] for w in _WORD.findall(text.lower())) - _GENERIC


def _bare(refs: list[facts.Reference]) -> list[facts.Reference]:
    """The single measures of the file's own group: none when the text names a group anywhere (its "toimenpide 2"
    may be that group's), no range ("toimenpiteet 4-13")."""
    if any(r.kind == facts.GROUP or r.group for r in refs):
        return []
    return [r for r in refs if r.kind == facts.MEASURE and r.measure and not _RANGE.search(r.text)]


def _title(ctx: Context, ident: str) -> str:
    data = ctx.model.measures[ident].data
    title = data.get("title") if isinstance(data, dict) else None
    return title if isinstance(title, str) else ""


def check(doc: Document, ctx: Context) -> Iterator[Hit]:
    if not isinstance(doc.data, dict):
        return
    own = groups(ctx, str(programme(doc, ctx).get("id", ""))).get(group_id(doc))
    if own is None:
        return  # no group whose measures a bare number could name
    title = doc.data.get("title")
    own_title = title if isinstance(title, str) else ""
    for found in prose_holding(doc, ctx, NEEDS):
        if found.path[0] == "revisions":  # a revision's numbers are another plan's
            continue
        said: frozenset[str] | None = None  # the words of the text and the title, read at the first title
        for ref in _bare(facts.references(found.text)):
            idents = own.measures.get(facts.normal_number(str(ref.measure)), [])
            titles = [t for t in (_title(ctx, i) for i in idents) if _stems(t)]
            if not titles:
                continue
            said = said if said is not None else _stems(found.text) | _stems(own_title)  # no word spans the two
            if not any(_stems(t) & said for t in titles):
                yield hit(
                    place(doc, found.path, offset=ref.start, ctx=ctx),
                    ref.text,
                    text=ref.text,
                    title=titles[0],
                    number=ref.measure,
                )
