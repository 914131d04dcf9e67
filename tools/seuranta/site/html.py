"""Small HTML helpers: everything from the data is escaped; `Html` marks markup already made safe.

`el("a", "text", href=url)` escapes the text and every attribute value; children that are `Html`
pass through. Attribute names: a trailing underscore is dropped (`class_`), other underscores
become hyphens (`aria_labelledby`).
"""

from __future__ import annotations

import html
import posixpath
from collections.abc import Iterable, Sequence
from string import Template
from typing import NamedTuple


class Html(str):
    """Markup that is safe to insert as it is."""


Child = str | Html | None


def text(value: str) -> Html:
    return Html(html.escape(value, quote=True))


def safe(value: Child) -> Html:
    if value is None:
        return Html("")
    return value if isinstance(value, Html) else text(value)


def join(parts: Iterable[Child], sep: str = "") -> Html:
    return Html(sep.join(safe(p) for p in parts))


def _attr_name(name: str) -> str:
    return name.rstrip("_").replace("_", "-")


def attrs(values: dict[str, str | int | float | None]) -> str:
    return "".join(f' {_attr_name(k)}="{html.escape(str(v), quote=True)}"' for k, v in values.items() if v is not None)


VOID = frozenset({"meta", "link", "br", "img", "input", "hr", "circle", "line", "rect", "polyline", "path"})


def el(name: str, *children: Child, **attributes: str | float | None) -> Html:
    """One element; SVG shapes without children close themselves."""
    if name in VOID and not any(children):
        return Html(
            f"<{name}{attrs(attributes)}/>"
            if name not in ("meta", "link", "br", "hr")
            else f"<{name}{attrs(attributes)}>"
        )
    return Html(f"<{name}{attrs(attributes)}>{join(children)}</{name}>")


def link(href: str, label: Child, **attributes: str | None) -> Html:
    return el("a", label, href=href, **attributes)


def relative(page: str, target: str) -> str:
    """The link from one page of the site to another (both paths relative to the site root)."""
    folder = posixpath.dirname(page) or "."
    base, _, anchor = target.partition("#")
    found = posixpath.relpath(base, folder) if base else posixpath.basename(page)
    return f"{found}#{anchor}" if anchor else found


class Cell(NamedTuple):
    """A table cell: `header` cells are <th scope="row">; `numeric` aligns right."""

    content: Child
    header: bool = False
    numeric: bool = False


def cell(content: Child, *, header: bool = False, numeric: bool = False) -> Cell:
    return Cell(content, header, numeric)


def table(caption: Child, headers: Sequence[str], rows: Iterable[Sequence[Cell | Child]], **attributes: str) -> Html:
    head = el("thead", el("tr", *(el("th", h, scope="col") for h in headers)))
    body = el("tbody", *(el("tr", *(_cell(c) for c in row)) for row in rows))
    return el("table", el("caption", caption), head, body, **attributes)


def _cell(value: Cell | Child) -> Html:
    item = value if isinstance(value, Cell) else Cell(value)
    cls = "num" if item.numeric else None
    if item.header:
        return el("th", item.content, scope="row", class_=cls)
    return el("td", item.content, class_=cls)


def definitions(items: Iterable[tuple[str, Child]]) -> Html:
    """A <dl> of the items that have a value."""
    parts = [el("div", el("dt", term), el("dd", value)) for term, value in items if value]
    return el("dl", *parts, class_="facts") if parts else Html("")


class Crumb(NamedTuple):
    label: str
    target: str | None


PAGE = Template("""<!DOCTYPE html>
<html lang="fi">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>$title</title>
<link rel="icon" href="data:,">
<link rel="stylesheet" href="${root}tyyli.css">
</head>
<body>
<a class="skip" href="#sisalto">Siirry sisältöön</a>
<header class="site">
<p class="brand"><a href="${root}index.html">seuranta</a> <span>kehittämisohjelmien seuranta</span></p>
<nav aria-label="Päävalikko"><ul>
<li><a href="${root}index.html"$home>Etusivu</a></li>
<li><a href="${root}havainnot.html"$findings>Havainnot</a></li>
</ul></nav>
</header>
$crumbs
<main id="sisalto" tabindex="-1">
$body
</main>
<footer class="site"><p>Tuotettu seuranta-työkalulla $date data-kansion YAML-tiedostoista. \
Sivusto toimii ilman verkkoyhteyttä.</p></footer>
</body>
</html>
""")


def _crumbs(page: str, crumbs: Sequence[Crumb]) -> Html:
    if not crumbs:
        return Html("")
    items = []
    for index, crumb in enumerate(crumbs):
        last = index == len(crumbs) - 1
        if crumb.target is None or last:
            items.append(el("li", el("span", crumb.label, aria_current="page" if last else None)))
        else:
            items.append(el("li", link(relative(page, crumb.target), crumb.label)))
    return el("nav", el("ol", *items), aria_label="Murupolku", class_="crumbs")


def page(path: str, *, title: str, body: Html, crumbs: Sequence[Crumb] = (), date: str = "") -> str:
    """A whole page at `path` (relative to the site root)."""
    root = "../" * path.count("/")
    return PAGE.substitute(
        title=text(f"{title} – seuranta"),
        root=root,
        home=' aria-current="page"' if path == "index.html" else "",
        findings=' aria-current="page"' if path == "havainnot.html" else "",
        crumbs=_crumbs(path, crumbs),
        body=body,
        date=text(date),
    )
