"""The prose rules' precision and recall, as measured by tests/test_precision_recall.py.

The test builds a corpus of Finnish status texts (planted anomalies per class, and look-alikes that
must stay clean), validates it and asserts that its figures equal FIGURES; docs/rules.md quotes them.
"""

from __future__ import annotations

# class -> (planted, found, look-alikes, look-alikes reported)
FIGURES: dict[str, tuple[int, int, int, int]] = {
    "contradictions": (4, 3, 3, 0),
    "dates and tense": (4, 3, 4, 0),
    "denominators": (5, 4, 6, 0),
    "forms": (0, 0, 5, 0),
    "near-copies": (7, 6, 7, 0),
    "number format": (5, 4, 3, 0),
    "placeholders": (7, 6, 5, 0),
    "references": (8, 7, 10, 0),
    "responsibility": (2, 2, 2, 0),
    "sums": (8, 7, 10, 0),
}

INTRO = """\
## Precision and recall of the prose rules

`tests/test_precision_recall.py` validates a corpus of Finnish status texts: for each class of
anomaly, planted cases (shipped sentences with the anomaly put in, and the seeds' own anomalies) that
the class's rule must report, and look-alikes that no rule may report (shipped sentences, tallies and
claimed changes that add up, month/year forms such as "12/21 mennessä" and "1-10/2020", rates
"95/viikko" and "5/1000 asukasta", scores "ka. 3,9/5", "24/7"). Every class also plants one case its
rule knowingly misses, as each rule's description states: a note ending in a full stop, a decimal
point outside a score or share, a portfolio list without parentheses, two respondent counts that
differ ("22/ 23 kuntaa" and "vastasi 21"), unlettered sub-counts listed without "ja" or "sekä", a month form in the future tense, a
replaced word in a near-copy, a contradiction with a verb other than käynnistää, aloittaa or alkaa. Recall is reported cases over planted ones, false positives
look-alikes reported by any rule over look-alikes; the test fails when these figures change."""


def render() -> str:
    rows = [
        "| class | recall | false positives |",
        "|---|---|---|",
        *(
            f"| {kind} | {found}/{planted} | {false}/{clean} |"
            for kind, (planted, found, clean, false) in sorted(FIGURES.items())
        ),
    ]
    return INTRO + "\n\n" + "\n".join(rows)
