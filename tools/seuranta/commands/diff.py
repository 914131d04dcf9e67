"""`seuranta diff`: what changed in the data between two revisions, or between two rounds.

Revisions as git names them: `A B` (or `A..B`) compares the two tips; `A...B` compares B with
the merge base of A and B (`git merge-base A B`), so what a branch changed since it left A, and
nothing that A gained since. Exit codes like diff(1): 0 no change, 1 changes found, 2 error.
"""

from __future__ import annotations

import os
import re
import sys
from collections.abc import Iterable
from pathlib import Path
from typing import Any, NamedTuple, TextIO

from seuranta.check import tree as tree_mod
from seuranta.diff import DIFF_FORMATS
from seuranta.diff import compare as semdiff
from seuranta.diff.formats import FormatOptions
from seuranta.files import git, snapshots
from seuranta.files.repo import find_root
from seuranta.model import suggest
from seuranta.model.documents import PROGRAMME_FILE, Document
from seuranta.model.errors import Exit, UsageError
from seuranta.model.index import rounds as index_rounds
from seuranta.model.problem import Message
from seuranta.prose import personal


class Options(NamedTuple):
    base: str | None
    head: str | None
    rounds: tuple[str, str] | None
    format: str
    color: str
    lang: str
    root: Path | None = None


class Sides(NamedTuple):
    before: dict[str, Document]
    after: dict[str, Document]
    base: semdiff.Revision
    head: semdiff.Revision


class DiffError(UsageError):
    """A request the data cannot answer, e.g. rounds no programme declares."""


NO_ROUNDS = Message(
    "kierroksia {first} ja {second} ei ole yhdessäkään ohjelmassa{hint_fi}",
    "no programme declares both rounds {first} and {second}{hint_en}",
)
TWO_RANGES = Message(
    "{given} nimeää jo molemmat puolet; jätä HEAD pois.",
    "{given} already names both sides; give no HEAD.",
)
_COMMIT_ID = re.compile(r"[0-9a-f]{40}|[0-9a-f]{64}")


class Request(NamedTuple):
    """What to compare: a base revision (None: the default), a head (None: the working tree), and
    whether the base is the merge base of the two (`A...B`)."""

    base: str | None
    head: str | None
    merge_base: bool = False


def request(base: str | None, head: str | None) -> Request:
    """`A B`, `A..B` (the two tips) or `A...B` (B against the merge base); an empty side is HEAD, as in git."""
    if base is None or ".." not in base:
        return Request(base, head)
    if head is not None:
        raise DiffError(TWO_RANGES, given=base)
    three = "..." in base
    left, right = base.split("..." if three else "..", 1)
    return Request(left or "HEAD", right or "HEAD", merge_base=three)


def short(ref: str) -> str:
    """A branch without its refs/ prefix, a full commit id as its first seven characters."""
    ref = ref.removeprefix("refs/heads/").removeprefix("refs/remotes/")
    return ref[:7] if _COMMIT_ID.fullmatch(ref) else ref


def base_revision(where: snapshots.Place, wanted: Request) -> semdiff.Revision:
    """The named base, the merge base of the two named sides, or the merge base of HEAD with main (or master)."""
    if wanted.base is not None and wanted.merge_base and wanted.head is not None:
        for name in (wanted.base, wanted.head):
            git.rev_parse(where.top, name)  # an unknown name is named as such, not as "no merge base"
        name = f"merge-base {short(wanted.base)} {short(wanted.head)}"
        return semdiff.Revision(name, git.merge_base(where.top, wanted.base, wanted.head))
    if wanted.base is not None:
        return semdiff.Revision(wanted.base, git.rev_parse(where.top, wanted.base))
    branch = git.main_branch(where.top)
    return semdiff.Revision(f"merge-base {short(branch)}", git.merge_base(where.top, branch, "HEAD"))


def working_tree_sides(where: snapshots.Place, base: semdiff.Revision, commit: str) -> Sides:
    found = git.changed(where.top, commit, None, where.data) + git.untracked(where.top, where.data)
    names = snapshots.data_files(found, where)
    before = snapshots.at_revision(where, commit, names)
    return Sides(before, snapshots.in_working_tree(where, names), base, semdiff.Revision(""))


def commit_sides(where: snapshots.Place, base: semdiff.Revision, commit: str, head: str) -> Sides:
    head_commit = git.rev_parse(where.top, head)
    names = snapshots.data_files(git.changed(where.top, commit, head_commit, where.data), where)
    before, after = snapshots.at_revision(where, commit, names), snapshots.at_revision(where, head_commit, names)
    return Sides(before, after, base, semdiff.Revision(head, head_commit))


def sides(where: snapshots.Place, options: Options) -> Sides:
    """Both versions of the data files that changed, and nothing else."""
    wanted = request(options.base, options.head)
    base = base_revision(where, wanted)
    commit = base.commit or ""
    if wanted.head is None:
        return working_tree_sides(where, base, commit)
    return commit_sides(where, base, commit, wanted.head)


def programme_data(
    where: snapshots.Place, head: semdiff.Revision, docs: Iterable[Document]
) -> dict[str, dict[str, Any]]:
    """Each touched programme's data (whose populations its figures count over), from its programme.yaml
    on the head side."""
    names = sorted({f"{where.data}/{doc.expected_id.split('/', 1)[0]}/{PROGRAMME_FILE}" for doc in docs})
    found = (
        snapshots.in_working_tree(where, names)
        if head.commit is None
        else snapshots.at_revision(where, head.commit, names)
    )
    return {doc.expected_id: doc.data for doc in found.values() if isinstance(doc.data, dict)}


def masked(docs: dict[str, Document]) -> dict[str, Document]:
    """The documents with every henkilötunnus masked in what the comparison reads: path, data, problems."""
    found = {}
    for path, doc in docs.items():
        parsed = doc.parsed
        data, problems = personal.redacted(parsed.data), personal.redacted(parsed.problems)
        found[personal.redact(path)] = doc._replace(
            parsed=parsed._replace(path=personal.redact(parsed.path), data=data, problems=problems)
        )
    return found


def revisions(root: Path, options: Options, formats: FormatOptions) -> tuple[str, bool]:
    where = snapshots.place(root, snapshots.load_config(root))
    found = sides(where, options)
    programmes = programme_data(where, found.head, [*found.before.values(), *found.after.values()])
    # Masked before comparing, so that a word diff can never show a henkilötunnus in pieces.
    before, after = masked(found.before), masked(found.after)
    diff = semdiff.compare(before, after, base=found.base, head=found.head, programmes=programmes)
    return DIFF_FORMATS[options.format].changes(diff, formats), bool(diff.changes)


def rounds(root: Path, options: Options, formats: FormatOptions) -> tuple[str, bool]:
    first, second = options.rounds or ("", "")
    tree = tree_mod.load_tree(root, snapshots.load_config(root), positions=False)  # no line numbers shown
    model = personal.redacted(tree.model)
    if not semdiff.programmes_with(model, (first, second)):
        known = sorted({d for doc in model.programmes.values() for d in index_rounds(doc.data or {})})
        close = {given: suggest.close(given, known, 1) for given in (first, second) if given not in known}
        hint = ", ".join(f"{given} → {found[0]}" for given, found in close.items() if found)
        raise DiffError(
            NO_ROUNDS,
            first=first,
            second=second,
            hint_fi=f"; tarkoititko: {hint}" if hint else "",
            hint_en=f"; did you mean: {hint}" if hint else "",
        )
    compared = semdiff.compare_rounds(model, first, second)
    return DIFF_FORMATS[options.format].rounds(compared, formats), compared.differs


def use_color(choice: str, out: TextIO) -> bool:
    if choice != "auto":
        return choice == "always"
    return "NO_COLOR" not in os.environ and out.isatty()


def execute(options: Options, out: TextIO | None = None) -> int:
    out = out or sys.stdout
    root = options.root or find_root(Path.cwd())
    formats = FormatOptions(options.lang, use_color(options.color, out))
    text, differs = (rounds if options.rounds else revisions)(root, options, formats)
    out.write(text)
    return Exit.FINDINGS if differs else Exit.OK
