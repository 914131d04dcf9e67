"""`seuranta report`: the static site's structure on a small fixture programme.

The fixture (`write_fixture`) is shared with the export, import and browser tests.
"""

from __future__ import annotations

import contextlib
import io
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

from seuranta.cli import main
from seuranta.prose import figures
from seuranta.rules.support import Population

HOSTILE = '<script>alert("x")</script> @mention'
MEASURE_PAGE = "toimenpiteet/koe/tp01/01-suoravastaanotto.html"

PROGRAMME = """\
id: koe
title: Koeohjelma
region: Koemaa
group_label: työpaketti
benefit_goals:
  - {id: saatavuus, title: "Saatavuus, oikea-aikaisuus, jatkuvuus", national: saatavuus}
  - {id: laatu, title: Laatu ja vaikuttavuus, national: laatu}
rounds:
  - {date: "2020-11-15", label: Lähtötilanne 15.11.2020, kind: baseline}
  - {date: "2021-05-15", label: Tilanne 15.5.2021}
  - {date: "2021-11-15", label: Tilanne 15.11.2021}
populations:
  - {id: organisaatio, size: 15, stems: [organisaatio, sotekeskuks]}
respondents:
  - {round: "2021-05-15", population: organisaatio, count: 14}
"""

GROUP_1 = """\
id: koe/tp01
number: "1"
title: Vastaanoton uudistaminen
benefit_goal: saatavuus
responsible: [Sari, Annukka]
"""

MEASURE_1 = """\
id: koe/tp01/01-suoravastaanotto
number: Tp 1.
title: Fysioterapeutin suoravastaanottomalli
outputs: Malli käytössä kaikissa sote-keskuksissa
evaluation: Kysely sote-johtajille
question: Onko ft-suoravastaanottomalli käytössä?
statuses:
  - date: "2020-11-15"
    text: Ft-suoravastaanottomalli käytössä 10/15 sotekeskuksessa.
  - date: "2021-05-15"
    text: |-
      Seurantakyselyssä ft-suoravastaanottomalli käytössä 11/14 sotekeskuksessa.
      Käynneistä 49,2 % etänä.
  - date: "2021-11-15"
    text: Seurantakyselyssä ft-suoravastaanottomalli käytössä 13/15 sotekeskuksessa.
"""

MEASURE_2 = f"""\
id: koe/tp01/02-vihamielinen
number: Tp 2.
title: 'Otsikko {HOSTILE}'
statuses:
  - date: "2021-05-15"
    text: 'Tilanne {HOSTILE} & muuta'
acknowledged:
  - {{rule: round-order, match: ei mitään, reason: Tämä kuittaus ei vastaa mitään havaintoa.}}
"""

GROUP_2 = """\
id: koe/tp02
number: "2"
title: Laadun seuranta
benefit_goal: laatu
responsible: [Birgitta]
"""

MEASURE_3 = """\
id: koe/tp02/vanha-tunniste
title: Laatumittarit
statuses:
  - date: "2020-11-15"
    text: Mittarit valittu.
acknowledged:
  - {rule: id-path, match: koe/tp02/vanha-tunniste, reason: Vanha tunniste säilytetty lähteen mukaisena.}
"""

FILES = {
    ".seuranta.yaml": "data: data\n",
    "data/koe/programme.yaml": PROGRAMME,
    "data/koe/tp01/_group.yaml": GROUP_1,
    "data/koe/tp01/01-suoravastaanotto.yaml": MEASURE_1,
    "data/koe/tp01/02-vihamielinen.yaml": MEASURE_2,
    "data/koe/tp02/_group.yaml": GROUP_2,
    "data/koe/tp02/01-laatumittarit.yaml": MEASURE_3,
}


def write_fixture(root: Path) -> Path:
    for name, text in FILES.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return root


def run(args: list[str], folder: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[int, str]:
    monkeypatch.chdir(folder)
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        code = main(args)
    return code, out.getvalue()


class Outline(HTMLParser):
    """Links, headings, table header scopes and the text of one page."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.links: list[str] = []
        self.sources: list[str] = []
        self.headings: list[int] = []
        self.tags: list[str] = []
        self.th_scopes: list[str | None] = []
        self.text: list[str] = []
        self.anchor_text: list[str] = []
        self._in_a = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        self.tags.append(tag)
        if tag == "a":
            self._in_a += 1
            self.links.append(found.get("href") or "")
        if tag in ("link", "script", "img", "iframe") and (found.get("href") or found.get("src")):
            self.sources.append(found.get("href") or found.get("src") or "")
        if re.fullmatch(r"h[1-6]", tag):
            self.headings.append(int(tag[1]))
        if tag == "th":
            self.th_scopes.append(found.get("scope"))

    def handle_endtag(self, tag: str) -> None:
        if tag == "a":
            self._in_a -= 1

    def handle_data(self, data: str) -> None:
        self.text.append(data)
        if self._in_a:
            self.anchor_text.append(data)


def outline(path: Path) -> Outline:
    parser = Outline()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser


def reachable(site: Path) -> set[Path]:
    """Every page reachable from index.html by following local links."""
    seen: set[Path] = set()
    todo = [site / "index.html"]
    while todo:
        page = todo.pop().resolve()
        if page in seen or not page.is_file():
            continue
        seen.add(page)
        for href in outline(page).links:
            target = href.split("#", 1)[0]
            if target and not re.match(r"[a-z]+:", target):
                todo.append((page.parent / target).resolve())
    return seen


@pytest.fixture()
def site(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    root = write_fixture(tmp_path / "repo")
    code, output = run(["report", "--out", str(tmp_path / "site")], root, monkeypatch)
    assert code == 0, output
    assert output.startswith(
        f"Raportti kirjoitettu: {tmp_path / 'site'}/index.html (7 sivua: 1 ohjelma, 2 ryhmää, "
        "3 toimenpidettä, 4 lukua kuvioina; 2 havaintoa, 1 kuitattu).\n"
    )
    return tmp_path / "site"


def test_site_files(site: Path) -> None:
    pages = sorted(p.relative_to(site).as_posix() for p in site.rglob("*") if p.is_file())
    assert pages == [
        "havainnot.html",
        "index.html",
        "ryhmat/koe/tp01.html",
        "ryhmat/koe/tp02.html",
        "toimenpiteet/koe/tp01/01-suoravastaanotto.html",
        "toimenpiteet/koe/tp01/02-vihamielinen.html",
        "toimenpiteet/koe/tp02/vanha-tunniste.html",
        "tyyli.css",
    ]


def test_every_page_is_reachable_from_the_index(site: Path) -> None:
    assert reachable(site) == {p.resolve() for p in site.rglob("*.html")}


def test_pages_are_semantic_offline_and_in_order(site: Path) -> None:
    for path in site.rglob("*.html"):
        html = path.read_text(encoding="utf-8")
        found = outline(path)
        assert html.startswith('<!DOCTYPE html>\n<html lang="fi">'), path
        for tag in ("header", "nav", "main", "footer"):
            assert tag in found.tags, (path, tag)
        assert found.headings[0] == 1 and found.headings.count(1) == 1, path
        assert all(b <= a + 1 for a, b in zip(found.headings, found.headings[1:], strict=False)), (path, found.headings)
        assert all(scope in ("col", "row") for scope in found.th_scopes), path
        assert "script" not in found.tags, path
        assert not [s for s in found.sources if re.match(r"(https?:)?//", s)], path
        assert not [h for h in found.links if re.match(r"(https?:)?//", h)], path
    css = (site / "tyyli.css").read_text(encoding="utf-8")
    assert ":focus-visible" in css and "@media print" in css and "url(" not in css


def test_index_overview(site: Path) -> None:
    html = (site / "index.html").read_text(encoding="utf-8")
    assert '<h2 id="koe">Koeohjelma</h2>' in html
    assert '<a href="ryhmat/koe/tp01.html">Työpaketti 1: Vastaanoton uudistaminen</a>' in html
    assert '<a href="ryhmat/koe/tp02.html">Työpaketti 2: Laadun seuranta</a>' in html
    assert "Koemaa · ryhmiä (työpaketti) 2 · toimenpiteitä 3 · tilannekatsauksia 5 · raportointikierroksia 3" in html
    coverage = re.search(r'<figure class="chart" id="kattavuus-koe">.*?</figure>', html, re.DOTALL)
    assert coverage is not None
    rows = re.findall(
        r'<tr><th scope="row">([^<]+)</th><td class="num">([^<]+)</td><td class="num">([^<]+)</td>', coverage.group()
    )
    assert rows == [
        ("Lähtötilanne 15.11.2020", "2/3", "66,7 %"),
        ("Tilanne 15.5.2021", "2/3", "66,7 %"),
        ("Tilanne 15.11.2021", "1/3", "33,3 %"),
    ]
    assert 'role="img"' in coverage.group() and "<title id=" in coverage.group()


def test_group_page(site: Path) -> None:
    html = (site / "ryhmat/koe/tp01.html").read_text(encoding="utf-8")
    assert "<h1>Työpaketti 1: Vastaanoton uudistaminen</h1>" in html
    assert (
        '<a href="../../toimenpiteet/koe/tp01/01-suoravastaanotto.html">Fysioterapeutin suoravastaanottomalli</a>'
        in html
    )
    assert '<th scope="col">15.11.2020</th><th scope="col">15.5.2021</th><th scope="col">15.11.2021</th>' in html
    assert "<dd>Sari, Annukka</dd>" in html


def test_measure_page_trend_and_timeline(site: Path) -> None:
    html = (site / MEASURE_PAGE).read_text(encoding="utf-8")
    assert "<h1>Tp 1. Fysioterapeutin suoravastaanottomalli</h1>" in html
    assert '<span class="trail">10/15 → 11/14 → 13/15</span>' in html
    chart = re.search(r'<figure class="chart" id="kuvio-1">.*?</figure>', html, re.DOTALL)
    assert chart is not None
    svg = re.search(r"<svg.*?</svg>", chart.group(), re.DOTALL)
    assert svg is not None
    assert 'role="img"' in svg.group() and 'aria-labelledby="kuvio-1-otsikko kuvio-1-kuvaus"' in svg.group()
    assert (
        '<title id="kuvio-1-otsikko">Seurantakyselyssä ft-suoravastaanottomalli käytössä … sotekeskuksessa: '
        "10/15 → 11/14 → 13/15</title>"
    ) in svg.group()
    labels = re.findall(r'<text[^>]*class="value"[^>]*>([^<]+)</text>', svg.group())
    assert labels == ["10/15", "11/14", "13/15"]
    assert (
        '<th scope="row">Tilanne 15.5.2021</th><td class="num">11/14</td><td class="num">78,6 %</td>' in chart.group()
    )
    assert '<span class="trail">49,2 %</span>' in html
    timeline = re.findall(r'<li><h3><time datetime="([0-9-]+)">([^<]+)</time></h3>', html)
    assert timeline == [
        ("2020-11-15", "Lähtötilanne 15.11.2020"),
        ("2021-05-15", "Tilanne 15.5.2021"),
        ("2021-11-15", "Tilanne 15.11.2021"),
    ]
    assert (
        "Seurantakyselyssä ft-suoravastaanottomalli käytössä 11/14 sotekeskuksessa.\nKäynneistä 49,2 % etänä." in html
    )
    assert '<nav aria-label="Murupolku" class="crumbs">' in html and 'href="../../../index.html#koe"' in html


def test_hostile_text_is_escaped(site: Path) -> None:
    for path in site.rglob("*.html"):
        html = path.read_text(encoding="utf-8")
        assert "<script" not in html, path
        assert 'alert("x")' not in html, path
    page = (site / "toimenpiteet/koe/tp01/02-vihamielinen.html").read_text(encoding="utf-8")
    assert "<h1>Tp 2. Otsikko &lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; @mention</h1>" in page
    assert "Tilanne &lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; @mention &amp; muuta" in page
    assert "<title>Tp 2. Otsikko &lt;script&gt;" in page
    group = outline(site / "ryhmat/koe/tp01.html")
    assert 'Otsikko <script>alert("x")</script> @mention' in "".join(group.anchor_text)
    assert not [h for h in group.links if "mention" in h or h.startswith("mailto:")]


def test_findings_page(site: Path) -> None:
    html = (site / "havainnot.html").read_text(encoding="utf-8")
    assert "<h1>Havainnot</h1>" in html
    acknowledged = html.split("<h2>Kuitatut poikkeamat</h2>", 1)[1]
    assert (
        '<a href="toimenpiteet/koe/tp02/vanha-tunniste.html">data/koe/tp02/01-laatumittarit.yaml:1</a></th>'
        "<td>id-path</td><td>koe/tp02/vanha-tunniste</td><td>Vanha tunniste säilytetty lähteen mukaisena.</td>"
    ) in acknowledged
    open_ = html.split("<h2>Avoimet havainnot</h2>", 1)[1].split("<h2>", 1)[0]
    assert "data/koe/tp01/02-vihamielinen.yaml:" in open_ and "<td>ack-unused</td>" in open_


def test_pairing_follows_the_words_after_the_figures() -> None:
    populations = [
        Population("organisaatio", 15, ("organisaatio", "sotekeskuks")),
        Population("kunta", 23, ("kunta", "kunna")),
    ]
    found = figures.series(
        [
            ("2020-11-15", "a) Malli käytössä 3/23 kuntaa b) Malli suunnitteilla 6/23 kuntaa"),
            ("2021-05-15", "a) Malli suunnitteilla 9/22 kuntaa b) Malli käytössä 5/22 kuntaa, 7/15 sotekeskuksessa"),
        ],
        populations,
    )
    assert [(s.name, [p.shown() for p in s.points]) for s in found] == [
        ("Malli käytössä", ["3/23", "5/22"]),
        ("Malli suunnitteilla", ["6/23", "9/22"]),
        ("organisaatio", ["7/15"]),
    ]
    assert [s.unit for s in found] == ["kunta", "kunta", "organisaatio"]
    assert [s.key for s in found] == ["kunta/malli-kaytossa", "kunta/malli-suunnitteilla", "organisaatio/organisaatio"]
