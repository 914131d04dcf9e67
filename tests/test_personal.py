"""Personal data: every form a henkilötunnus is written in is found and masked, ordinary numbers never are."""

from __future__ import annotations

import datetime

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from stdnum.fi import hetu as stdnum_hetu

from seuranta.prose import personal

CODE = "131052-308T"
VARIANTS = [
    "131052-308t",
    "131052–308T",  # en dash
    "131052‐308T",  # U+2010 hyphen
    "131052−308T",  # minus sign
    "131052 - 308T",
    "131052 308T",
    "131052-308 T",
    "131052\u00a0308T",  # no-break space
    "hetu131052-308T",
    "_131052-308T",
    "HETU:131052-308T",
    "131052-308T.",
    "(131052-308T)",
]


@pytest.mark.parametrize("written", [CODE, *VARIANTS])
def test_every_form_of_a_code_is_a_code(written: str) -> None:
    text = f"Yhteyshenkilö {written} vastaa."
    found = personal.hetus(text)
    assert len(found) == 1 and found[0].valid
    assert text[found[0].start : found[0].end] == found[0].text
    assert found[0].text.upper().replace("–", "-").replace("‐", "-").replace("−", "-") in written.upper().replace(
        "–", "-"
    ).replace("‐", "-").replace("−", "-")
    shown = personal.redact(text)
    assert "131052" not in shown and "308" not in shown
    assert personal.HETU_MASK in shown


@pytest.mark.parametrize(
    "written",
    ["131052-308U", "131052–308U", "131052 - 308U", "131052-308 U", "hetu131052-308U", "310252-308Y", "131052-3081"],
)
def test_a_code_whose_check_fails_is_a_lookalike(written: str) -> None:
    found = personal.hetus(f"Asiakas {written} soitti.")
    assert [(h.valid, personal.redact(h.text)) for h in found] == [(False, personal.HETU_MASK)]


ORDINARY = [
    "Kustannukset 1 234 567,89 € ja 150000 2000 euroa.",
    "Kävijöitä 123456 7890 vuodessa.",
    "131052-308 tuntia koulutusta",
    "131052 308U",  # no century sign, no valid check: two numbers
    "y-tunnus 1234567-8, postinumero 33100",
    "vuodet 2020–2021 ja 2020-2021, klo 12.30–16.00",
    "7/14 organisaatiossa, 49,2 % käynneistä, 15.11.2020, 2021-05-15",
    "Soita 040 123 4567 tai +358 50 765 4321.",
    "IBAN FI21 1234 5600 0007 85",
    "Asianumero 2021-1234 ja 15.11.2020-30.4.2021.",
    "131052T308T ja 131052/308T",
]


@pytest.mark.parametrize("text", ORDINARY)
def test_ordinary_numbers_are_not_codes(text: str) -> None:
    assert personal.hetus(text) == []
    assert personal.redact(text) == text


# --- properties --------------------------------------------------------------------------------

CHECK = "0123456789ABCDEFHJKLMNPRSTUVWXY"
SIGNS = {1800: "+", 1900: "-YXWVU", 2000: "ABCDEF"}
DASHES = ["–", "‐", "−", "—"]
WORDS = st.sampled_from(["Yhteyshenkilö", "vastaa", "kyselystä", "ja", "(", ")", ",", ".", "tunnus:", "\n"])
FILLER = st.lists(WORDS, max_size=6).map(" ".join)


@st.composite
def real_codes(draw: st.DrawFn) -> str:
    """A real code in its official form: a calendar date, a century sign, 002–899, its check character."""
    day = draw(st.dates(datetime.date(1800, 1, 1), datetime.date(2099, 12, 31)))
    century = day.year // 100 * 100
    sign = draw(st.sampled_from(SIGNS[century]))
    individual = draw(st.integers(2, 899))
    birth = day.strftime("%d%m") + f"{day.year % 100:02d}"
    return f"{birth}{sign}{individual:03d}{CHECK[int(f'{birth}{individual:03d}') % 31]}"


@st.composite
def written(draw: st.DrawFn) -> tuple[str, str]:
    """(the official code, the code as someone might write it)."""
    code = draw(real_codes())
    birth, sign, rest = code[:6], code[6], code[7:]
    if sign == "-":
        sign = draw(st.sampled_from(["-", *DASHES, " "]))
    left, right = draw(st.sampled_from([("", ""), (" ", " "), ("", " "), (" ", "")]))
    spaced = f"{birth}{left}{sign}{right}" if sign != " " else f"{birth} "
    check_gap = draw(st.sampled_from(["", " "]))
    text = f"{spaced}{rest[:3]}{check_gap}{rest[3]}"
    text = text.lower() if draw(st.booleans()) else text
    prefix = draw(st.sampled_from(["", "hetu", "_", "HETU:", "("]))
    return code, prefix + text


@settings(max_examples=400)
@given(written(), FILLER, FILLER)
def test_a_real_code_is_found_and_masked_however_it_is_written(pair: tuple[str, str], before: str, after: str) -> None:
    code, shown = pair
    text = f"{before} {shown} {after}"
    found = [h for h in personal.hetus(text) if h.valid]
    assert len(found) == 1, (text, personal.hetus(text))
    masked = personal.redact(text)
    assert shown not in masked and code not in masked and code[:6] not in masked
    assert masked.count(personal.HETU_MASK) == 1


def one_changed(code: str, at: int, char: str) -> str:
    return code[:at] + char + code[at + 1 :]


OFFICIAL_SHAPED = st.one_of(
    real_codes(),
    st.builds(one_changed, real_codes(), st.integers(0, 10), st.sampled_from("0123456789-+ABCDEFUVWXYHJKLMNPRST")),
    st.text(alphabet="0123456789-+ABCDEFUVWXYHJKLMNPRST", min_size=11, max_size=11),
)


@settings(max_examples=600)
@given(OFFICIAL_SHAPED)
def test_the_official_form_agrees_with_python_stdnum(code: str) -> None:
    expected = stdnum_hetu.is_valid(code, allow_temporary=True)
    assert personal.hetu_valid(code) == expected


NUMBERS = st.one_of(
    st.integers(0, 10**6).map(lambda n: f"{n:,}".replace(",", " ")),  # 1 234 567
    st.integers(0, 10**5).map(lambda n: f"{n / 100:.2f}".replace(".", ",")),  # 49,20
    st.integers(0, 100).map(lambda n: f"{n} %"),
    st.tuples(st.integers(0, 99), st.integers(1, 99)).map(lambda t: f"{t[0]}/{t[1]}"),
    st.dates(datetime.date(1990, 1, 1), datetime.date(2040, 1, 1)).map(lambda d: f"{d.day}.{d.month}.{d.year}"),
    st.dates(datetime.date(1990, 1, 1), datetime.date(2040, 1, 1)).map(datetime.date.isoformat),
    st.tuples(st.integers(1990, 2040), st.sampled_from(["-", "–"]), st.integers(1990, 2040)).map(
        lambda t: f"{t[0]}{t[1]}{t[2]}"
    ),
    st.integers(10**6, 10**7 - 1).map(lambda n: f"040 {n // 10**4:03d} {n % 10**4:04d}"),
    st.integers(0, 10**10),
)


@settings(max_examples=400)
@given(st.lists(st.one_of(NUMBERS.map(str), WORDS), max_size=12).map(" ".join))
def test_ordinary_numbers_in_text_are_never_codes(text: str) -> None:
    assert personal.hetus(text) == []
    assert personal.redact(text) == text


@settings(max_examples=200)
@given(st.recursive(st.text(), lambda inner: st.lists(inner) | st.dictionaries(st.text(), inner), max_leaves=10))
def test_redacted_changes_nothing_without_a_code(value: object) -> None:
    assert personal.redacted(value) == value


def test_redacted_masks_every_string_of_a_value() -> None:
    value = {CODE: [f"a {CODE}", (1, CODE)], "b": personal.Found(0, 11, CODE)}
    mask = personal.HETU_MASK
    assert personal.redacted(value) == {mask: [f"a {mask}", (1, mask)], "b": personal.Found(0, 11, mask)}


def test_email_and_phone_are_shortened_for_messages() -> None:
    assert personal.masked_email("matti.meikalainen@pirha.fi") == "m***@pirha.fi"
    assert personal.masked_phone("040 123 4567") == "040 *** ****"
    assert personal.masked_phone("+358 50 765 4321") == "+358 ** *** ****"
