"""The site's one stylesheet (written as tyyli.css): system fonts, visible focus, print styles."""

from __future__ import annotations

FILE = "tyyli.css"

CSS = """\
:root {
  --ink: #1b1f24;
  --muted: #4a5561;
  --line: #c9d1d9;
  --paper: #ffffff;
  --tint: #f3f6f9;
  --accent: #0b5394;
  --accent-soft: #d6e6f5;
  --focus: #b35900;
  --warn: #8a4b00;
  --error: #a1131b;
}
* { box-sizing: border-box; }
html { font-size: 100%; }
body {
  margin: 0;
  color: var(--ink);
  background: var(--paper);
  font-family: system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", "DejaVu Sans", sans-serif;
  line-height: 1.5;
}
a { color: var(--accent); text-underline-offset: 0.15em; }
a:hover { text-decoration-thickness: 2px; }
a:focus-visible, [tabindex]:focus-visible, summary:focus-visible {
  outline: 3px solid var(--focus);
  outline-offset: 2px;
  border-radius: 2px;
}
.skip {
  position: absolute; left: -999em; top: 0;
  background: var(--paper); padding: 0.5rem 1rem; z-index: 10;
}
.skip:focus { left: 0.5rem; top: 0.5rem; }
header.site {
  display: flex; flex-wrap: wrap; align-items: baseline; justify-content: space-between;
  gap: 0.5rem 2rem; padding: 0.75rem 1.5rem; background: var(--accent); color: #fff;
}
header.site a { color: #fff; }
header.site a:focus-visible { outline-color: #ffd28a; }
.brand { margin: 0; font-size: 1.25rem; font-weight: 700; }
.brand span { font-size: 0.9rem; font-weight: 400; opacity: 0.9; margin-left: 0.5rem; }
header.site ul { list-style: none; display: flex; gap: 1.25rem; margin: 0; padding: 0; }
header.site [aria-current="page"] { font-weight: 700; text-decoration-thickness: 3px; }
nav.crumbs { padding: 0.5rem 1.5rem; background: var(--tint); border-bottom: 1px solid var(--line); }
nav.crumbs ol { list-style: none; margin: 0; padding: 0; display: flex; flex-wrap: wrap; gap: 0.25rem; }
nav.crumbs li + li::before { content: "›"; margin: 0 0.4rem; color: var(--muted); }
main { max-width: 72rem; margin: 0 auto; padding: 1rem 1.5rem 3rem; }
main:focus { outline: none; }
h1 { font-size: 1.75rem; line-height: 1.25; margin: 1rem 0 0.75rem; }
h2 { font-size: 1.35rem; margin: 2rem 0 0.75rem; border-bottom: 2px solid var(--accent-soft); padding-bottom: 0.25rem; }
h3 { font-size: 1.1rem; margin: 1.5rem 0 0.5rem; }
.lead { font-size: 1.05rem; color: var(--muted); max-width: 60rem; }
.prose { white-space: pre-line; max-width: 60rem; }
.muted { color: var(--muted); }
.note { color: var(--warn); font-size: 0.9rem; }
.vh {
  position: absolute; width: 1px; height: 1px; overflow: hidden;
  clip: rect(0 0 0 0); white-space: nowrap;
}
table { border-collapse: collapse; margin: 0.5rem 0 1.5rem; width: 100%; }
caption { text-align: left; font-weight: 600; padding: 0.25rem 0; }
th, td { border: 1px solid var(--line); padding: 0.35rem 0.6rem; text-align: left; vertical-align: top; }
thead th { background: var(--tint); }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
tbody tr:nth-child(even) { background: #fafbfc; }
dl.facts { display: grid; grid-template-columns: minmax(10rem, 16rem) 1fr; gap: 0.35rem 1rem; margin: 1rem 0; }
dl.facts div { display: contents; }
dl.facts dt { font-weight: 600; color: var(--muted); }
dl.facts dd { margin: 0; white-space: pre-line; }
ol.timeline { list-style: none; margin: 0; padding: 0; border-left: 3px solid var(--accent-soft); }
ol.timeline > li { margin: 0 0 1.25rem; padding: 0 0 0 1.25rem; position: relative; }
ol.timeline > li::before {
  content: ""; position: absolute; left: -0.55rem; top: 0.45rem; width: 0.8rem; height: 0.8rem;
  border-radius: 50%; background: var(--accent);
}
ol.timeline h3 { margin-top: 0; }
figure.chart { margin: 1rem 0 2rem; padding: 0.75rem; border: 1px solid var(--line); border-radius: 6px; }
figure.chart figcaption { font-weight: 600; margin-bottom: 0.5rem; }
svg.chart { max-width: 100%; height: auto; display: block; }
svg.chart .grid { stroke: var(--line); stroke-width: 1; }
svg.chart .axis { fill: var(--muted); font-size: 12px; font-family: inherit; }
svg.chart .value { fill: var(--ink); font-size: 13px; font-weight: 600; font-family: inherit; }
svg.chart .trend { fill: none; stroke: var(--accent); stroke-width: 3; }
svg.chart .dot { fill: var(--paper); stroke: var(--accent); stroke-width: 3; }
svg.chart .bar { fill: var(--accent); }
table.values { width: auto; font-size: 0.9rem; }
.severity-error { color: var(--error); font-weight: 600; }
.severity-warning { color: var(--warn); font-weight: 600; }
footer.site { border-top: 1px solid var(--line); padding: 1rem 1.5rem; color: var(--muted); font-size: 0.9rem; }
@media (max-width: 40rem) {
  dl.facts { grid-template-columns: 1fr; }
  main { padding: 0.75rem; }
}
@media print {
  :root { --accent: #000; --accent-soft: #999; }
  body { font-size: 10.5pt; }
  header.site, nav.crumbs, .skip, footer.site { display: none; }
  header.site { background: none; }
  main { max-width: none; padding: 0; }
  a { color: inherit; text-decoration: none; }
  h2, h3 { break-after: avoid; }
  figure.chart, ol.timeline > li, tr { break-inside: avoid; }
  svg.chart .trend { stroke: #000; }
  svg.chart .bar { fill: #555; }
  tbody tr:nth-child(even) { background: none; }
}
"""
