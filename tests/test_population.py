"""Population words by lemma: inflected forms exactly, hyphenated words by their last part."""

from __future__ import annotations

import pytest

from seuranta.prose import facts, inflect, inflections, population

PIRSOTE = ("organisaatio", "sotekeskus", "alue", "kuntayhtymä", "kunta")


@pytest.mark.parametrize(
    ("word", "lemma"),
    [
        ("kunnassa", "kunta"),
        ("kuntaa", "kunta"),
        ("kunnista", "kunta"),
        ("kuntien", "kunta"),
        ("Kunnat", "kunta"),
        ("organisaatiossa", "organisaatio"),
        ("organisaatioista", "organisaatio"),
        ("organisaatioiden", "organisaatio"),
        ("sotekeskuksessa", "sotekeskus"),
        ("sote-keskuksessa", "sotekeskus"),
        ("sotekeskusta", "sotekeskus"),
        ("yta-alueesta", "alue"),
        ("yhteistoiminta-alueen", "alue"),
        ("yt-alueella", "alue"),
        ("alueesta", "alue"),
        ("kuntayhtymää", "kuntayhtymä"),
        ("kuntayhtymässä", "kuntayhtymä"),
        ("vastaajaa", "vastaaja"),
        ("toimijoista", "toimija"),
    ],
)
def test_inflected_forms_name_their_lemma(word: str, lemma: str) -> None:
    assert population.named(word, (lemma,))
    others = tuple(other for other in PIRSOTE if other != lemma)
    assert not population.named(word, others)


@pytest.mark.parametrize(
    "word",
    ["kunnallinen", "kunnallisesti", "aluehallinto", "alueellinen", "hyvinvointialueella", "organisaatiotasolla"],
)
def test_derived_words_and_closed_compounds_name_nothing(word: str) -> None:
    assert not population.named(word, PIRSOTE)


def test_a_slash_joined_word_names_each_part() -> None:
    assert population.named("kuntaa/aluetta", ("alue",))
    assert population.named("kuntaa/aluetta", ("kunta",))
    assert not population.named("kuntaa/aluetta", ("organisaatio",))


def test_a_legacy_stem_names_every_word_starting_with_it() -> None:
    assert population.named("kunnallinen", ("kunna",))
    assert population.named("yta-aluesta", ("yta-aluesta",))
    assert not population.named("kunnassa", ("kunnis",))


def test_facts_reads_fractions_through_the_lemmas() -> None:
    """ "4/21 kunnassa" counts over a population; "kunnallinen" after "4/21" leaves it a month."""
    assert [f.text for f in facts.counts("käytössä 4/21 kunnassa", ("kunta",))] == ["4/21 kunnassa"]
    assert facts.counts("4/21 kunnallinen päätös", ("kunta",)) == []
    assert [m.text for m in facts.month_years("4/21 kunnallinen päätös", ("kunta",))] == ["4/21"]


def test_a_population_is_named_by_its_lemmas_and_stems() -> None:
    entry = {"id": "kunta", "size": 23, "lemmas": ["kunta"], "stems": ["yta-aluesta"]}
    assert population.words(entry) == ("kunta", "yta-aluesta")
    assert population.words({"id": "x", "stems": "kunta"}) == ()


def test_the_inflection_table_is_what_the_tool_generates() -> None:
    """Regenerate with: python -m seuranta.prose.inflect"""
    with open(inflections.__file__, encoding="utf-8") as written:
        assert written.read() == inflect.render()
    assert all(population.known(lemma.word) for lemma in inflect.LEMMAS)


def test_an_unknown_declension_type_is_refused() -> None:
    with pytest.raises(ValueError, match="declension type 99"):
        inflect.forms(inflect.Lemma("x", 99))
