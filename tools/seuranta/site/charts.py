"""Inline SVG charts drawn in Python: a trend line across rounds and a bar chart.

Every chart is a <figure> holding an <svg role="img"> with <title> and <desc>, and a table of the
same values as its text alternative (which also prints). No script, no external resources.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import NamedTuple

from seuranta.site.html import Html, cell, el, join, table

WIDTH = 720
HEIGHT = 280
LEFT = 56
RIGHT = 24
TOP = 28
BOTTOM = 60


class Point(NamedTuple):
    """One value on the x axis: `label` names the round, `shown` is the value as written."""

    label: str
    tick: str
    value: float | None
    shown: str
    note: str = ""


def _fmt(value: float) -> str:
    return f"{value:.1f}".rstrip("0").rstrip(".").replace(".", ",")


def _top(points: Sequence[Point]) -> float:
    values = [p.value for p in points if p.value is not None]
    biggest = max(values, default=0.0)
    if biggest <= 100:
        return 100.0
    step = 10 ** (len(str(int(biggest))) - 1)
    return float((int(biggest) // step + 1) * step)


def _bottom(points: Sequence[Point]) -> float:
    least = min((p.value for p in points if p.value is not None), default=0.0)
    return 0.0 if least >= 0 else -_top([Point("", "", -least, "")])


def _x(index: int, count: int) -> float:
    inner = WIDTH - LEFT - RIGHT
    return LEFT + inner * (index + 0.5) / max(count, 1)


def _y(value: float, low: float, high: float) -> float:
    inner = HEIGHT - TOP - BOTTOM
    return TOP + inner * (high - value) / (high - low)


def _grid(low: float, high: float) -> Html:
    parts = []
    for step in range(5):
        value = low + (high - low) * step / 4
        y = round(_y(value, low, high), 1)
        parts.append(el("line", x1=LEFT, x2=WIDTH - RIGHT, y1=y, y2=y, class_="grid"))
        parts.append(el("text", f"{_fmt(value)} %", x=LEFT - 8, y=y + 4, class_="axis", text_anchor="end"))
    return join(parts)


def _ticks(points: Sequence[Point], positions: Sequence[float]) -> Html:
    return join(
        el("text", p.tick, x=round(x, 1), y=HEIGHT - BOTTOM + 20, class_="axis", text_anchor="middle")
        for p, x in zip(points, positions, strict=False)
    )


def _svg(ident: str, title: str, desc: str, *shapes: Html) -> Html:
    return el(
        "svg",
        el("title", title, id=f"{ident}-otsikko"),
        el("desc", desc, id=f"{ident}-kuvaus"),
        *shapes,
        role="img",
        aria_labelledby=f"{ident}-otsikko {ident}-kuvaus",
        viewBox=f"0 0 {WIDTH} {HEIGHT}",
        width=WIDTH,
        height=HEIGHT,
        class_="chart",
        focusable="false",
    )


def describe(points: Sequence[Point]) -> str:
    present = [f"{p.label}: {p.shown}" for p in points if p.value is not None]
    return "; ".join(present) if present else "Ei arvoja."


def values_table(points: Sequence[Point], *, caption: str, value_header: str, note_header: str = "") -> Html:
    headers = ("Kierros", value_header, "Osuus") + ((note_header,) if note_header else ())
    rows = [
        (cell(p.label, header=True), cell(p.shown, numeric=True), cell(f"{_fmt(p.value)} %", numeric=True))
        + ((p.note,) if note_header else ())
        for p in points
        if p.value is not None
    ]
    return table(caption, headers, rows, class_="values")


def trend(ident: str, *, title: str, points: Sequence[Point], caption: Html) -> Html:
    """A line through the rounds that have a value; each point labelled as written ("11/14")."""
    low, high = _bottom(points), _top(points)
    positions = [_x(i, len(points)) for i in range(len(points))]
    present = [(x, _y(p.value, low, high), p) for x, p in zip(positions, points, strict=False) if p.value is not None]
    line = el("polyline", points=" ".join(f"{x:.1f},{y:.1f}" for x, y, _ in present), class_="trend")
    dots = join(
        join(
            [
                el("circle", cx=round(x, 1), cy=round(y, 1), r=5, class_="dot"),
                el("text", p.shown, x=round(x, 1), y=round(y - 11, 1), class_="value", text_anchor="middle"),
            ]
        )
        for x, y, p in present
    )
    svg = _svg(
        ident,
        title,
        describe(points),
        _grid(low, high),
        _ticks(points, positions),
        line if len(present) > 1 else Html(""),
        dots,
    )
    alt = values_table(points, caption="Kuvion luvut taulukkona", value_header="Luku", note_header="Lainaus")
    return el("figure", el("figcaption", caption), svg, alt, class_="chart", id=ident)


def bars(ident: str, *, title: str, points: Sequence[Point], caption: Html, value_header: str) -> Html:
    """One bar per round, height the share in per cent, labelled as written."""
    low, high = 0.0, _top(points)
    positions = [_x(i, len(points)) for i in range(len(points))]
    width = min(56.0, (WIDTH - LEFT - RIGHT) / max(len(points), 1) * 0.6)
    shapes = []
    for x, p in zip(positions, points, strict=False):
        if p.value is None:
            continue
        y = _y(p.value, low, high)
        height = _y(low, low, high) - y
        shapes.append(
            el(
                "rect",
                x=round(x - width / 2, 1),
                y=round(y, 1),
                width=round(width, 1),
                height=round(max(height, 0.5), 1),
                class_="bar",
            )
        )
        shapes.append(el("text", p.shown, x=round(x, 1), y=round(y - 6, 1), class_="value", text_anchor="middle"))
    svg = _svg(ident, title, describe(points), _grid(low, high), _ticks(points, positions), join(shapes))
    alt = values_table(points, caption="Kuvion luvut taulukkona", value_header=value_header)
    return el("figure", el("figcaption", caption), svg, alt, class_="chart", id=ident)
