"""Generate a synthetic national repository from the shape of the shipped data.

    python benchmarks/generate.py OUT --measures 10000 [--seed 1]
    python benchmarks/generate.py OUT --regions 22 [--seed 1]

Every shipped programme is cloned under new ids (r0001-pirsote, r0002-siun-sote, …) until the
requested number of measure files exists; fractions and percentages in the texts are perturbed,
a few out of range, so every rule has work. OUT gets `.seuranta.yaml` and `data/`.

With --distinct, every clone's texts are its own, as every region writes its own prose: the first
line of each status text ends with a word made for that clone and that line (a text repeated within
a clone, as a status copied forward, gets the same word). Without it, a text without figures recurs
in every clone, and whatever a run keeps per distinct text is reused across the clones.

With --regions N, OUT gets N separate data repositories instead, one per wellbeing services
county (and Helsinki), each holding every shipped programme cloned under the region's ids with
the region's name: the input of `seuranta national` at national scale.
"""

from __future__ import annotations

import argparse
import itertools
import random
import re
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import NamedTuple

REPO = Path(__file__).resolve().parent.parent
FRACTION = re.compile(r"\b(\d{1,2}) ?/ ?(\d{1,2})\b")
PERCENT = re.compile(r"\b(\d{1,2}),(\d)\s?%")


def programmes(data: Path) -> list[Path]:
    return sorted(p.parent for p in data.glob("*/programme.yaml"))


def perturb(text: str, rng: random.Random) -> str:
    def fraction(match: re.Match[str]) -> str:
        whole = int(match.group(2))
        part = rng.randint(0, whole + (1 if rng.random() < 0.01 else 0))
        return f"{part}/{whole}"

    text = FRACTION.sub(fraction, text)
    return PERCENT.sub(lambda m: f"{rng.randint(0, 99)},{rng.randint(0, 9)} %", text)


TEXT = re.compile(r"^\s*(?:- )?text: (.*)$")
BLOCK = ("|", "|-", "|+", ">", ">-", ">+")


class Words(NamedTuple):
    """A clone's word for each line (`own`), numbered from one count for the whole tree (`numbers`): no two
    clones share a word."""

    own: dict[str, str]
    numbers: Iterator[int]


def distinct(text: str, words: Words) -> str:
    """`text` with the first line of each status text ended by the clone's word for that line."""
    out, pending = [], False
    for line in text.split("\n"):
        found = None if pending else TEXT.match(line)
        if pending and line.strip():
            line, pending = f"{line} {_word(line, words)}", False
        elif found and found.group(1) in BLOCK:
            pending = True
        elif found and found.group(1)[:1] not in ("", *"'\"&*!|>[{#%@`"):
            line = f"{line} {_word(line, words)}"
        out.append(line)
    return "\n".join(out)


def _word(line: str, words: Words) -> str:
    """A word of letters alone (no figure, date or reference for the rules), one per line of the clone."""
    if line not in words.own:
        number, letters = next(words.numbers) + 26 * 26, ""
        while number:
            number, digit = divmod(number, 26)
            letters += "abcdefghijklmnopqrstuvwxyz"[digit]
        words.own[line] = "sana" + letters
    return words.own[line]


def clone(
    source: Path,
    target: Path,
    new_id: str,
    rng: random.Random,
    *,
    own_texts: bool = False,
    words: Iterator[int] | None = None,
) -> int:
    """The number of measures made; `words` numbers the words of every clone (`Words`)."""
    old = source.name
    count = 0
    own = Words({}, words if words is not None else itertools.count())
    for path in sorted(source.rglob("*.yaml")):
        text = path.read_text(encoding="utf-8").replace(f"{old}/", f"{new_id}/")
        if path.name == "programme.yaml":
            text = text.replace(f"id: {old}\n", f"id: {new_id}\n", 1)
        else:
            text = perturb(text, rng)
            text = distinct(text, own) if own_texts else text
            count += path.name != "_group.yaml"
        out = target / path.relative_to(source)
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_text(text, encoding="utf-8")
    return count


def generate(out: Path, measures: int, seed: int, *, own_texts: bool = False) -> int:
    rng = random.Random(seed)
    if out.exists():
        shutil.rmtree(out)
    (out / "data").mkdir(parents=True)
    (out / ".seuranta.yaml").write_text("data: data\n", encoding="utf-8")
    sources, made, index, words = programmes(REPO / "data"), 0, 0, itertools.count()
    while made < measures:
        source = sources[index % len(sources)]
        index += 1
        new_id = f"r{index:04d}-{source.name}"
        made += clone(source, out / "data" / new_id, new_id, rng, own_texts=own_texts, words=words)
    return made


# The 21 wellbeing services counties and Helsinki.
REGIONS = (
    "Itä-Uusimaa",
    "Keski-Uusimaa",
    "Länsi-Uusimaa",
    "Vantaa-Kerava",
    "Helsinki",
    "Varsinais-Suomi",
    "Satakunta",
    "Kanta-Häme",
    "Pirkanmaa",
    "Päijät-Häme",
    "Kymenlaakso",
    "Etelä-Karjala",
    "Etelä-Savo",
    "Pohjois-Savo",
    "Pohjois-Karjala",
    "Keski-Suomi",
    "Etelä-Pohjanmaa",
    "Pohjanmaa",
    "Keski-Pohjanmaa",
    "Pohjois-Pohjanmaa",
    "Kainuu",
    "Lappi",
)
REGION_LINE = re.compile(r"^region: .*$", re.MULTILINE)


def region_slug(name: str) -> str:
    return name.lower().replace("ä", "a").replace("ö", "o")


def region_name(index: int) -> str:
    return REGIONS[index] if index < len(REGIONS) else f"Alue {index + 1}"


def regions(out: Path, count: int, seed: int) -> list[Path]:
    """`count` data repositories under OUT, one per region; the folders, in order."""
    rng = random.Random(seed)
    if out.exists():
        shutil.rmtree(out)
    made = []
    for index in range(count):
        name = region_name(index)
        root = out / region_slug(name).replace(" ", "-")
        (root / "data").mkdir(parents=True)
        (root / ".seuranta.yaml").write_text("data: data\n", encoding="utf-8")
        for source in programmes(REPO / "data"):
            new_id = f"{root.name}-{source.name}"
            clone(source, root / "data" / new_id, new_id, rng)
            programme = root / "data" / new_id / "programme.yaml"
            text = programme.read_text(encoding="utf-8")
            programme.write_text(REGION_LINE.sub(f"region: {name}", text, count=1), encoding="utf-8")
        made.append(root)
    return made


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[1])
    parser.add_argument("out", type=Path)
    parser.add_argument("--measures", type=int, default=10_000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--regions", type=int, default=0, help="N region repositories instead of one")
    parser.add_argument("--distinct", action="store_true", help="every clone's texts its own (see above)")
    args = parser.parse_args()
    if args.regions:
        print(f"{len(regions(args.out, args.regions, args.seed))} region repositories in {args.out}")
        return
    print(f"{generate(args.out, args.measures, args.seed, own_texts=args.distinct)} measures in {args.out}")


if __name__ == "__main__":
    main()
