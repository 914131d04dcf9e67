"""Each shortcut a rule or reading takes finds exactly what its plain reading finds.

The shortcuts pass over what cannot hold a finding: a status whose text has no fact of the kinds a rule reads
(`support.statuses_holding()`), a text without a slash or a parenthesis, a text dated no later than its round,
a probe that rules a placeholder out. Others share what one file found with the next: a programme's allowed
denominators, a programme's groups. Each is held here to the plain reading it stands for, on the shipped data,
the examples and generated files, and each is shown to matter (a shortcut that skipped everything is caught).
"""

from __future__ import annotations

import datetime
import difflib
import re
from collections import Counter
from collections.abc import Callable
from typing import Any

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from seuranta.check import engine
from seuranta.model.config import Config
from seuranta.model.documents import GROUP, MEASURE, PROGRAMME, Document
from seuranta.model.index import Model, build
from seuranta.model.problem import Problem
from seuranta.prose import (
    breakdowns,
    changes,
    contradictions,
    facts,
    notation,
    periods,
    placeholders,
    pointers,
    resemblance,
    tense,
)
from seuranta.rules import (
    Context,
    context,
    copy_forward,
    copy_near,
    date_after_round,
    figure_earlier_round,
    fraction_denominator,
    future_stale,
    portfolio_mismatch,
    ref_unresolved,
    round_unknown,
    state_after_round,
    support,
)
from seuranta.rules.registry import RULES
from test_fast_patterns import SHIPPED, _matches
from test_presence import MORE, PLAIN, PROGRAMME_TEXT, TEXTS, TODAY, TREES, _document, _documents, _problems, _yaml
from test_read_once import PIECES

WORDS = ("kunta", "organisaatio")
STATUS_WALKERS = [rule for rule in RULES if hasattr(rule, "statuses_holding")]


def _every_status(doc: Document, ctx: Context, kinds: int) -> list[support.Status]:
    return list(support.statuses(doc, ctx))


def _no_status(doc: Document, ctx: Context, kinds: int) -> list[support.Status]:
    return []


def _every_text_referring(doc: Document, ctx: Context) -> frozenset[str]:
    """Every text of the file read for its references."""
    return frozenset(text.text for text in support.prose(doc, ctx))


def _world(doc: Document, ctx: Context) -> ref_unresolved.World:
    """The programme's groups and portfolios gathered again for every file."""
    own = support.group_id(doc) if doc.kind != PROGRAMME else None
    return ref_unresolved._gathered(ctx, support.programme(doc, ctx), own)


def _plain(
    docs: list[Document], model: Model, walk: Callable[..., list[support.Status]] = _every_status
) -> list[Problem]:
    """The findings with every shortcut of the rules taken out (`walk` lists the statuses a rule walks)."""
    with pytest.MonkeyPatch.context() as patched:
        for walker in (*STATUS_WALKERS, support):  # support: the claimed changes of a file
            patched.setattr(walker, "statuses_holding", walk)
        patched.setattr(date_after_round, "_dated_after", lambda text, words, round_date: True)
        patched.setattr(fraction_denominator, "_programme_allowed", lambda ctx, world: {})
        patched.setattr(ref_unresolved, "_world", _world)
        patched.setattr(portfolio_mismatch, "_unnamed", lambda world, texts: world)
        patched.setattr(portfolio_mismatch, "_referring", _every_text_referring)
        patched.setattr(figure_earlier_round, "_after_first", lambda rounds, day: True)
        patched.setattr(state_after_round, "_dated_after", lambda text, words, round_date: True)
        patched.setattr(future_stale, "_dated_before", lambda text, round_date: True)
        patched.setattr(copy_forward, "last_word", lambda text: [])
        patched.setattr(copy_near, "_may_be_near", lambda previous, text, digits, digits_before: True)
        patched.setattr(round_unknown, "_rounds", lambda doc, ctx: round_unknown._gathered(support.programme(doc, ctx)))
        return _problems(docs, model, RULES)


def test_the_rules_walking_statuses_are_those_that_read_them() -> None:
    assert {rule.ID for rule in STATUS_WALKERS} == {
        "fraction-denominator",
        "figure-earlier-round",
        "date-after-round",
        "state-after-round",
        "future-stale",
        "respondents-round",
    }


def _shortcuts(docs: list[Document], model: Model) -> list[Problem]:
    return _problems(docs, model, RULES)


def _engine_run(docs: list[Document], model: Model) -> list[Problem]:
    """The findings as the engine makes them, running on each file the rules found for its kind and kinds of fact
    once per run (`engine._running()`)."""
    ctx = context(model, Config(), TODAY)
    return [p for doc in docs if doc.data is not None for p in engine.rule_problems(doc, ctx.for_file())]


def _every_rule(docs: list[Document], model: Model) -> list[Problem]:
    return _problems(docs, model, PLAIN)


Run = Callable[[list[Document], Model], list[Problem]]
# Each fast way of finding, with the plain way it stands for.
AGREEING = pytest.mark.parametrize(
    ("fast", "plain"),
    [(_shortcuts, _plain), (_engine_run, _every_rule)],
    ids=["every shortcut, the plain readings", "the rules run on each file, every rule on every file"],
)


@AGREEING
def test_the_fast_way_finds_what_the_plain_way_finds_in_the_shipped_data_and_examples(fast: Run, plain: Run) -> None:
    for tree in TREES:
        assert fast(tree.docs, tree.model) == plain(tree.docs, tree.model)


@AGREEING
@settings(max_examples=300, deadline=None)
@given(st.lists(TEXTS, min_size=1, max_size=4), TEXTS, TEXTS)
def test_the_fast_way_finds_what_the_plain_way_finds_in_generated_files(
    fast: Run, plain: Run, statuses: list[str], note: str, field: str
) -> None:
    docs = _documents(statuses, note=note, field=field)
    model = build(docs)
    assert fast(docs, model) == plain(docs, model)


def test_a_rule_walking_no_status_is_caught() -> None:
    docs = _documents(
        ["Malli valmistui 8.11.2022, käytössä 7/13 kunnassa.", "Tilanne 15.11.2021 käytössä 5/14 kunnassa."],
        note="",
    )
    model = build(docs)
    lost = {p.rule for p in set(_plain(docs, model)) - set(_plain(docs, model, _no_status))}
    assert lost >= {"fraction-denominator", "date-after-round"}
    claimed = "a) Kyllä 5/ 22 kuntaa\nb) Ei 17/ 22 kuntaa\n"
    docs = _documents(
        [claimed, claimed + "Muutos verrattuna 15.11.2020 tilanteeseen: a)-vastaukset + 2 kuntaa"], note=""
    )
    model = build(docs)
    lost = {p.rule for p in set(_plain(docs, model)) - set(_plain(docs, model, _no_status))}
    assert "change-claim" in lost


def _foreign(statuses: list[str], note: str) -> list[Document]:
    """A measure marked with portfolio hs2 in a group of none, whose texts may name the programme's hs1."""
    listed = "".join(
        f"- date: '{d}'\n  text: {_yaml(t)}\n" for d, t in zip(["2021-05-15", "2021-11-15"], statuses, strict=False)
    )
    measure = f"id: ex/tp01/01-a\nnumber: '1'\ntitle: M\nportfolios: [hs2]\noutputs: {_yaml(note)}\nstatuses:\n{listed}"
    return [
        _document(PROGRAMME, "ex/programme", PROGRAMME_TEXT),
        _document(GROUP, "ex/tp01/_group", "id: ex/tp01\nnumber: '2'\ntitle: R\n"),
        _document(MEASURE, "ex/tp01/01-a", measure),
    ]


_NAMING_BY_NUMBER = st.lists(
    st.sampled_from([" ", ".", "HS 1", "HS 2", "hankesalkku 1", "kts. HS1", "HS1", "Vastaanotot", "yhdessä", "7/14"]),
    max_size=6,
).map("".join)


@settings(max_examples=300, deadline=None)
@given(st.lists(_NAMING_BY_NUMBER, min_size=1, max_size=2), _NAMING_BY_NUMBER)
def test_only_the_texts_that_may_refer_are_read_for_portfolio_numbers(statuses: list[str], note: str) -> None:
    docs = _foreign(statuses, note)
    model = build(docs)
    assert _shortcuts(docs, model) == _plain(docs, model)


def test_a_portfolio_mismatch_read_in_no_text_is_caught() -> None:
    docs = _foreign(["HS 1 työpajassa kasattiin mittarit.", "Työ jatkuu."], "")
    model = build(docs)
    assert [p.rule for p in _problems(docs, model, [portfolio_mismatch])] == ["portfolio-mismatch"]
    with pytest.MonkeyPatch.context() as patched:
        patched.setattr(portfolio_mismatch, "_referring", lambda doc, ctx: frozenset())
        assert _problems(docs, model, [portfolio_mismatch]) == []


def test_a_round_dated_before_its_text_is_read_and_one_dated_after_it_is_not() -> None:
    words: tuple[str, ...] = ()
    text = "Malli valmistui 8.11.2021 ja julkaistiin 12/21."
    assert date_after_round._dated_after(text, words, "2021-11-07")
    assert date_after_round._dated_after(text, words, "2021-11-30")  # the month 12/21 starts on 2021-12-01
    assert not date_after_round._dated_after(text, words, "2021-12-01")
    assert not date_after_round._dated_after("Malli valmistui.", words, "2021-01-01")


# --- the readings' own shortcuts ------------------------------------------------------------------------------------

_TEXTS = st.lists(
    st.sampled_from(
        [
            *PIECES,
            *MORE,
            *("(", ")", "/", "Huom! Uusi!", "xx", "??", "www.x.fi", "a@b.fi", "vrk:ssa", " 86.", " 7,5.", "\n"),
            *("(RIKU JA", " TUJUA TÄYTTÄNYT 15.9.", "THL", "ÄÖ", "Å", "1234567890", "----------", "          "),
            *("www.a-b.fi/(x)", "www.a-b.fi/AB", "a@b.fi", "TUJUAtäyttänyt"),
            *("Muuto\u017f VERRATTUNA 1.2.2021 tilanteeseen: ", "TAVO\u0131TE: x: ", "Tavo\u0130te:", " a)-vast + 3"),
        ]
    ),
    max_size=16,
).map("".join)


Placeholder = placeholders.Placeholder
_FILLER, _HUOM, _BARE = placeholders._FILLER, placeholders._HUOM, placeholders._BARE


def _plain_placeholders(text: str) -> list[placeholders.Placeholder]:
    """Every pattern run over the whole text, no probe first."""
    clean = facts.masked(text)
    found = [Placeholder(m.start(), m.end(), m.group(), placeholders.FILLER) for m in _FILLER.finditer(clean)]
    found += placeholders._capitals(clean)
    found += [Placeholder(m.start(), m.end(), m.group(), placeholders.NOTE) for m in _HUOM.finditer(clean)]
    found += [Placeholder(m.start(1), m.end(1) + 1, m.group(1) + ".", placeholders.UNIT) for m in _BARE.finditer(clean)]
    return sorted(found)


def _plain_near_copy(previous: str, text: str) -> list[resemblance.Edit] | None:
    """`near_copy()` as first written: the spaced texts compared before anything else."""
    if " ".join(previous.split()) == " ".join(text.split()):
        return None
    old, new = resemblance._tokens(previous), resemblance._tokens(text)
    if min(len(old), len(new)) < resemblance.LEAST or abs(len(old) - len(new)) > resemblance.MOST:
        return None
    if Counter(t for t in old if t.isdigit()) != Counter(t for t in new if t.isdigit()):
        return None
    if sum(((Counter(old) - Counter(new)) + (Counter(new) - Counter(old))).values()) > resemblance.MOST:
        return None
    matcher = difflib.SequenceMatcher(None, old, new, autojunk=False)
    edits = [resemblance.Edit(old[i1:i2], new[j1:j2]) for op, i1, i2, j1, j2 in matcher.get_opcodes() if op != "equal"]
    replaced = any(e.removed and e.added for e in edits)
    return edits if not replaced and sum(e.size for e in edits) <= resemblance.MOST else None


def _plain_notations(text: str) -> list[notation.Notation]:
    """Both forms searched for in the whole text, no probe first."""
    with pytest.MonkeyPatch.context() as patched:
        patched.setattr(notation, "_found", lambda pattern, probe, clean: pattern.finditer(clean))
        return notation._notations(text)


def _plain_contradictions(text: str) -> list[contradictions.Contradiction]:
    """Every option read for a denial and every started verb, no probe first."""
    return contradictions._read(text, facts.masked(text))


def _plain_claims(text: str) -> list[changes.Claim]:
    """Both patterns run over the whole text, no word looked for first."""
    clean = facts.masked(text)
    found = [changes._claim(text, m, compared=changes._date(m), baseline=False) for m in changes._CLAIM.finditer(clean)]
    found += [
        changes._claim(text, m, compared=None, baseline=True)
        for m in changes._TARGET.finditer(clean)
        if not changes._END.search(m.group("goal"))
    ]
    return sorted(c for c in found if c is not None)


READINGS: list[tuple[Callable[[str], Any], Callable[[str], Any]]] = [
    (changes._claims, _plain_claims),
    (changes.claims, _plain_claims),
    (notation._notations, _plain_notations),
    (contradictions.contradictions, _plain_contradictions),
    (placeholders._placeholders, _plain_placeholders),
    (placeholders.placeholders, _plain_placeholders),
    (lambda text: breakdowns.breakdowns(text, WORDS), lambda text: breakdowns._breakdowns(text, WORDS)),
    (lambda text: periods.quoted(text, WORDS), lambda text: periods._quoted(text, WORDS)),
    (contradictions.contradictions, contradictions._contradictions),
]


def test_the_readings_find_what_their_plain_forms_find_in_the_shipped_strings() -> None:
    for fast, plain in READINGS:
        for text in SHIPPED:
            assert fast(text) == plain(text), text


@settings(max_examples=500, deadline=None)
@given(_TEXTS)
def test_the_readings_find_what_their_plain_forms_find_in_generated_text(text: str) -> None:
    for fast, plain in READINGS:
        assert fast(text) == plain(text), text


def _spans(matches: Any) -> list[tuple[tuple[int, int], tuple[str | Any, ...]]]:
    return [(m.span(), m.groups()) for m in matches]


@settings(max_examples=1000, deadline=None)
@given(st.text(alphabet="(ah) \n\txä", max_size=16), st.integers(min_value=0, max_value=17))
@example("a) b) (c) d)\te)\n", 0)
@example("a)x(b) c)", 0)
@example("x (a) b) ", 2)
@example("(a) b) ", 1)
def test_the_answer_letters_are_found_from_their_parentheses_as_the_plain_search_finds_them(
    text: str, pos: int
) -> None:
    assert _spans(facts._letters(text, pos)) == _spans(facts._LETTER.finditer(text, pos)), (text, pos)


_OPTIONS = st.lists(
    st.sampled_from(
        [
            *(
                "a)",
                "(b)",
                "e)",
                "h)",
                "i)",
                "A)",
                ")",
                "(",
                " ",
                "\n",
                "\t",
                "\u00a0",
                "x",
                ".",
                "www.x.fi",
                "e)www.x.fi",
            ),
            *("ei ole käynnistetty", "ei aloitettu", "EI ole vielä aloitettu", "käynnistänyt", "aloitettiin", "alkaen"),
        ]
    ),
    max_size=10,
).map("".join)


@settings(max_examples=1000, deadline=None)
@given(_OPTIONS)
@example("e)\tSuunnittelua ei ole käynnistetty.\nHanke käynnistänyt pilotin.")
@example("h) Suunnittelua ei ole käynnistetty.\nHanke käynnistänyt pilotin.")
@example("e)www.x.fi ei ole käynnistetty.\nHanke käynnistänyt pilotin.")  # the link blanked: "e)" and spaces
def test_the_contradictions_are_read_where_an_option_is_found(text: str) -> None:
    assert contradictions.contradictions(text) == _plain_contradictions(text), text


@settings(max_examples=1000, deadline=None)
@given(st.text(alphabet="0123456789.,/% a\n", max_size=24))
@example("ka. 3,3,/5")
@example("45,5, %")
@example("ka. 3.9/5")
@example("21.1 %")
@example("2.25/10")
@example("2.25 / 10")
def test_the_notations_are_found_where_their_probes_find_a_sign(text: str) -> None:
    assert notation._notations(text) == _plain_notations(text), text


@settings(max_examples=500, deadline=None)
@given(_TEXTS, st.sampled_from(["", " ", "  ", "\n", ",", ".", " käsitteellä.", " ja 7/14", "\t", " x y z", " 1 x"]))
@example("Malli käytössä 7/14 kunnassa ja alueella.", " x y z")
@example("Malli käytössä kunnassa ja alueella koko ajan.", " x y z")
def test_a_near_copy_is_what_the_plain_comparison_finds(text: str, change: str) -> None:
    for previous, now in ((text, text + change), (text, text.replace(" ", change)), (text + change, text)):
        assert resemblance.near_copy_of(resemblance.words(previous), resemblance.words(now)) == _plain_near_copy(
            previous, now
        )
        assert resemblance.near_copy(previous, now) == _plain_near_copy(previous, now)


_CHANGES = ["", " ", "\n", ",", ".", " käsitteellä.", " ja 7/14", " a b c", " 1", "\t"]
_COPYING = st.lists(st.sampled_from([*PIECES, "Malli", "käytössä", "kunnassa", "a", "b"]), max_size=12).map("".join)


@settings(max_examples=300, deadline=None)
@given(_COPYING, st.sampled_from(_CHANGES), st.sampled_from(_CHANGES))
@example("Malli käytössä kunnassa ja alueella koko ajan.", " a b c", "")
@example("Malli käytössä 7/14 kunnassa ja alueella koko ajan.", " a b c", " 1")
def test_copy_near_reads_every_pair_that_may_be_a_near_copy(text: str, change: str, other: str) -> None:
    docs = _documents([text, text + change, (text + change).replace(" ", other, 1), text + other], note="")
    model = build(docs)
    with pytest.MonkeyPatch.context() as patched:
        patched.setattr(copy_near, "_may_be_near", lambda previous, text, digits, digits_before: True)
        plain = _problems(docs, model, [copy_near])
    assert _problems(docs, model, [copy_near]) == plain


def test_a_near_copy_passed_over_is_caught() -> None:
    for text in (
        "Malli käytössä 7/14 kunnassa ja alueella koko ajan.",
        "Malli käytössä kunnassa ja alueella koko ajan.",
    ):
        docs = _documents([text, text.replace(" ajan", " ajan nyt"), text.replace("ajan.", "ajan")], note="")
        model = build(docs)
        assert [p.rule for p in _problems(docs, model, [copy_near])] == [copy_near.ID] * 2
        with pytest.MonkeyPatch.context() as patched:
            patched.setattr(copy_near, "_may_be_near", lambda previous, text, digits, digits_before: False)
            assert _problems(docs, model, [copy_near]) == []


# A placeholder at the edge of what the probes of the unmasked text allow: a link blanked right after a figure's full
# stop, a link with a parenthesis blanked inside a note, a note whose first capitals are as far into it as they can be.
EDGES = [
    "alle 7 vrk:ssa 86.https://x.fi/a",
    "Hoitoon alle 7 vrk:ssa 86,5.",
    "(https://a.fi/x(1)y RIKU JA TUJUA TÄYTTÄNYT)",
    "(" + "1234567890" * 6 + "-.-.-.- AB CD EFGHIJ)",  # "AB" 68 characters in, the note 80 long
]
# A claim or a goal line spelled with a letter that IGNORECASE reads as another and lowering does not make it.
CLAIM_EDGES = [
    "Muuto\u017f verrattuna 15.5.2021 tilanteeseen: a)-vastaukset + 2 kuntaa",
    "TAVO\u0131TE: kirjattu: a)-vastaukset +2 kuntaa",
    "Tavo\u0130te: kirjattu: b)-vast - 1",
    "MUUTOS VERRATTUNA 1.2.2021 TILANTEESEEN: a)-vastaukset ei muutosta",
]


def test_the_readings_find_what_their_plain_forms_find_at_the_edges_of_their_probes() -> None:
    for text in EDGES:
        assert _plain_placeholders(text), text
        for fast, plain in READINGS:
            assert fast(text) == plain(text), text
    for text in CLAIM_EDGES:
        assert _plain_claims(text), text
        for fast, plain in READINGS:
            assert fast(text) == plain(text), text


def test_the_placeholders_are_found_and_told_apart() -> None:
    text = "Lääkärille xx. Hoitoon alle 7 vrk:ssa 86. (RIKU JA TUJUA TÄYTTÄNYT 15.9.) Huom! Uusi kysymys!"
    assert [(p.text, p.kind) for p in placeholders.placeholders(text)] == [
        ("xx", placeholders.FILLER),
        ("86.", placeholders.UNIT),
        ("(RIKU JA TUJUA TÄYTTÄNYT 15.9.)", placeholders.NOTE),
        ("Huom! Uusi kysymys!", placeholders.NOTE),
    ]
    assert placeholders.placeholders("Hoitoon alle 7 vrk:ssa 86 %. (THL/PUHTI)") == []


NAMED = portfolio_mismatch._names(
    {
        "portfolios": [
            {"id": "a", "title": "Vastaanotot", "aliases": ["HS1", "Komas"]},
            {"id": "b", "title": "\u017fote"},
        ]
    }
)
_NAMING = st.lists(
    st.sampled_from(
        [*PIECES, "Vastaanotot", "vastaanotot", "VASTAANOTOT ", "hs1", "komas", "\u017fote", "sote", "x", "\n"]
    ),
    max_size=8,
).map("".join)


@settings(max_examples=500, deadline=None)
@given(st.lists(_NAMING, max_size=4))
def test_the_names_are_read_in_every_text_where_one_is_named(texts: list[str]) -> None:
    pattern = NAMED[1]
    assert pattern is not None
    kept = portfolio_mismatch._unnamed(NAMED, texts)[1] is not None
    assert kept or not any(pattern.search(text) for text in texts), texts


I_NAMED = portfolio_mismatch._names({"portfolios": [{"id": "i", "title": "Ikäihmiset"}, {"id": "k", "title": "Komas"}]})
OTHER_LETTERS = portfolio_mismatch._names(
    {
        "portfolios": [
            {"id": "m", "title": "\u00b5-palvelu"},
            {"id": "i", "title": "\u0131so"},
            {"id": "k", "title": "Komas"},
        ]
    }
)
_NAMING_ANY = st.lists(
    st.sampled_from(
        [
            *("Vastaanotot", "VASTAANOTOT", "vastaanotoT", "Vastaanotto", "\u017fote", "SOTE", "s\u00f6te", "hs1", "x"),
            *("\u212aomas", "KOMAS", "komas", "\u00b5-palvelu", "\u039c-PALVELU", "\u03bc-palvelu", "iso", "ISO"),
            *("\u0130SO", "\u0131so", "\u0130", "\u0131", "\u017f", " ", "\n", "-", "a", "\u00e4", "Ikäihmiset"),
            *("\u0130käihmiset", "\u0131käihmiset", "ik\u00c4ihmiset", "ik", "ihmiset"),
        ]
    ),
    max_size=8,
).map("".join)


@settings(max_examples=500, deadline=None)
@given(_NAMING_ANY)
def test_the_names_are_found_by_substring_first_as_the_pattern_finds_them(text: str) -> None:
    for world in (NAMED, I_NAMED, OTHER_LETTERS):
        pattern = world[1]
        assert pattern is not None
        assert portfolio_mismatch._names_in(pattern, world[2], text) == (pattern.search(text) is not None), text


def test_the_names_are_found_in_any_case_the_pattern_reads() -> None:
    for world, texts in (
        (NAMED, ["\u017fote", "\u017fOTE", "\u212aomas", "VASTAANOTOT"]),
        (I_NAMED, ["\u0130käihmiset", "\u0131käihmiset", "IKÄIHMISET", "\u212aomas"]),
        (OTHER_LETTERS, ["\u039c-palvelu", "iso", "\u0130so", "KOMAS"]),
    ):
        for text in texts:
            assert world[1] is not None and world[1].search(text) is not None, text
            assert portfolio_mismatch._names_in(world[1], world[2], text), text


def test_the_names_are_left_unread_only_where_none_is_named() -> None:
    assert portfolio_mismatch._unnamed(NAMED, ["Työ jatkuu.", "Vastaanotot"])[1] is not None
    assert portfolio_mismatch._unnamed(NAMED, ["Työ jatkuu", "KOMAS"])[1] is not None
    assert (
        portfolio_mismatch._unnamed(NAMED, ["HS1 (a number: the references read it)", "Vastaanotto", "sKomas"])[1]
        is None
    )


# --- a see-word and an item number, tried only at a see-word's first letter (`pointers._SEE_ITEM`) -----------------

PLAIN_SEE_ITEM = re.compile(
    r"\b(?:kts|ks|katso|vrt|vertaa)\.?\s+koh(?:ta|taa|dat|dan|dassa|dasta|taan)\s+(\d{1,2}(?:\.\d{1,2})?)\.?", re.I
)
SEEN = [
    *("Kts. Kohta 2.", "(Katso kohta 15.2.)", "ks. kohdat 4", "vrt. kohdassa 3", "Vertaa kohtaan 1", "KS\nkohta 7"),
    *("\u212ats.\tkohta 8", "katso  kohdasta 9", "Tks. kohta 2"),
]
_SEEING = st.lists(
    st.sampled_from(
        [
            *("kts", "Kts. ", "KS ", "ks.", "katso", "KATSO ", "Vrt.", "vertaa", "\u212ats. ", "\u212aatso", "vrt"),
            *("kohta", "Kohdassa", "KOHTAAN", "kohdat", "koh", " 2", "15.2", "1.", "123", ".", " ", "\n", "\t", "a"),
            *("1", "ä", "_", "-", "\u00a0"),
        ]
    ),
    max_size=12,
).map("".join)


def test_the_fast_see_item_finds_what_its_plain_form_finds_in_the_shipped_strings() -> None:
    found = 0
    for text in [*SHIPPED, *SEEN]:
        assert _matches(pointers._SEE_ITEM, text) == _matches(PLAIN_SEE_ITEM, text), text
        found += len(_matches(PLAIN_SEE_ITEM, text))
    assert found >= len(SEEN) - 1


@settings(max_examples=500, deadline=None)
@given(_SEEING)
def test_the_fast_see_item_finds_what_its_plain_form_finds_in_any_text(text: str) -> None:
    assert _matches(pointers._SEE_ITEM, text) == _matches(PLAIN_SEE_ITEM, text)


def _plain_see_items(text: str) -> list[pointers.SeeItem]:
    """`pointers.see_items()` with no test before the reading."""
    found = PLAIN_SEE_ITEM.finditer(facts.masked(text))
    return [pointers.SeeItem(m.start(), m.end(), m.group(), m.group(1)) for m in found]


# Links and addresses blanked between a word and its number, and the long s IGNORECASE reads as an s.
_BLANKED = [
    "kts. kohta www.x.fi 4",
    "ks. kohtaa@b.fi 5",
    "katso kohta http://a.fi\n6",
    "vrt. kohda\u017f\u017fa 2",
    "ks. KOHDA\u017fTA 3",
]


def test_the_see_items_are_read_only_where_an_item_word_has_a_number_as_the_plain_reading_finds_them() -> None:
    found = 0
    for text in [*SHIPPED, *SEEN, *_BLANKED]:
        assert pointers._see_items(text) == _plain_see_items(text), text
        found += len(_plain_see_items(text))
    assert found >= len(SEEN) + len(_BLANKED) - 2


@settings(max_examples=500, deadline=None)
@given(
    st.lists(st.sampled_from([*_BLANKED, "\u017f", "da\u017f\u017fa", " www.a.fi", "x@y.fi", "kohta"]), max_size=3),
    _SEEING,
)
def test_the_see_items_are_read_as_the_plain_reading_finds_them_in_any_text(pieces: list[str], text: str) -> None:
    text = "".join(pieces) + text
    assert pointers._see_items(text) == _plain_see_items(text)


# --- texts told apart by their last words before they are spaced (`resemblance.last_word()`) ------------------------

_SPACING = st.lists(
    st.sampled_from(["", " ", "  ", "\n", "\t", "\u00a0", "\u2003", "\u3000", "a", "b", "Malli", "kuvattu.", ".", "ä"]),
    max_size=8,
).map("".join)


@settings(max_examples=1000, deadline=None)
@given(_SPACING, _SPACING)
def test_texts_of_other_last_words_are_other_texts_spaced(a: str, b: str) -> None:
    if resemblance.spaced(a) == resemblance.spaced(b):
        assert resemblance.last_word(a) == resemblance.last_word(b), (a, b)


def test_a_copy_spaced_otherwise_is_found_however_it_ends() -> None:
    for a, b in (("Malli kuvattu.", "Malli  kuvattu.\n"), ("Malli\u00a0kuvattu", " Malli kuvattu\u3000"), ("", " \n")):
        assert resemblance.last_word(a) == resemblance.last_word(b), (a, b)
    docs = _documents(["Malli kuvattu käyttöön.", "Malli  kuvattu\nkäyttöön. \n"], note="")
    assert [p.rule for p in _problems(docs, build(docs), [copy_forward])] == ["copy-forward"]


def test_only_the_texts_of_the_first_round_are_passed_over_for_periods() -> None:
    rounds = [datetime.date(2020, 11, 15), datetime.date(2021, 5, 15)]
    assert not figure_earlier_round._after_first(rounds, datetime.date(2020, 11, 15))
    assert figure_earlier_round._after_first(rounds, datetime.date(2020, 11, 16))
    assert figure_earlier_round._after_first(rounds, datetime.date(2021, 5, 15))


# --- a status read for states only where it dates something after its round (`state_after_round._dated_after()`) -

_STATING = st.lists(
    st.sampled_from(
        [
            *("käytössä ", "Valmiina ", "voimassa ", "14.5.2021", "15.5.2021", "16.5.2021", "1.6.2021", "31.5.21"),
            *("5/21", "6/21", "4/2021", "1-6/21", "12/22 mennessä", "7/14 kunnassa", " ", ".", "\n", "30.2.2021"),
        ]
    ),
    max_size=8,
).map("".join)
_ROUNDS = st.sampled_from(["2021-04-30", "2021-05-15", "2021-05-31", "2021-06-01", "2020-12-31"])


@settings(max_examples=500, deadline=None)
@given(_STATING, _ROUNDS)
def test_a_status_dating_nothing_after_its_round_reports_no_state_after_it(text: str, round_date: str) -> None:
    later = [s for s in tense.states(text, WORDS) if state_after_round._later(s, round_date)]
    assert state_after_round._dated_after(text, WORDS, round_date) or not later, (text, round_date)


def _latest_after(text: str, words: tuple[str, ...], round_date: str) -> bool:
    """`date_after_round._dated_after()` as first written: the latest of every date and month/year form gathered
    for the verbs, against the round."""
    dated = date_after_round._dated(text, words)
    days = [day for *_, day in dated.dates if day is not None]
    days += [datetime.date(m.year, m.first, 1) for m in dated.months]
    return bool(days) and max(days).isoformat() > round_date


@settings(max_examples=500, deadline=None)
@given(_STATING, _ROUNDS)
def test_a_status_is_dated_after_its_round_as_its_gathered_dates_say(text: str, round_date: str) -> None:
    assert date_after_round._dated_after(text, WORDS, round_date) == _latest_after(text, WORDS, round_date)
    found = list(facts.days(text))
    assert support.days(text) == (support.Days(min(found), max(found)) if found else None)


def test_a_status_is_dated_after_its_round_as_its_gathered_dates_say_in_the_shipped_data() -> None:
    checked = 0
    for text in SHIPPED:
        for round_date in ("2021-05-15", "2022-11-15"):
            assert date_after_round._dated_after(text, WORDS, round_date) == _latest_after(text, WORDS, round_date)
            checked += date_after_round._dated_after(text, WORDS, round_date)
    assert checked


def test_a_state_a_day_or_a_month_after_its_round_is_read() -> None:
    for text, round_date in (("Käytössä 16.5.2021.", "2021-05-15"), ("Käytössä 6/21.", "2021-05-31")):
        assert [s.shown for s in tense.states(text, WORDS) if state_after_round._later(s, round_date)]
        assert state_after_round._dated_after(text, WORDS, round_date)
    assert not state_after_round._dated_after("Käytössä 5/21, 15.5.2021.", WORDS, "2021-05-15")


@settings(max_examples=500, deadline=None)
@given(
    st.lists(
        st.sampled_from(["julkaistaan ", "Alkaa ", "14.5.2021", "15.5.2021", "16.5.2021", "31.2.2021", " ", "."])
    ).map("".join),
    _ROUNDS,
)
def test_a_status_dating_no_day_before_its_round_reports_no_stale_future(text: str, round_date: str) -> None:
    stale = [s for s in tense.futures(text) if s.day.isoformat() < round_date]
    assert future_stale._dated_before(text, round_date) or not stale, (text, round_date)


def test_a_future_a_day_before_its_round_is_read() -> None:
    assert [s.shown for s in tense.futures("Julkaistaan 14.5.2021.") if s.day.isoformat() < "2021-05-15"]
    assert future_stale._dated_before("Julkaistaan 14.5.2021.", "2021-05-15")
    assert not future_stale._dated_before("Julkaistaan 15.5.2021.", "2021-05-15")
