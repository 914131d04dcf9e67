"""The validation cache: cached and uncached results identical, invalidated by every input."""

from __future__ import annotations

import datetime
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

from conftest import EXAMPLES
from seuranta.check import cache
from seuranta.check.result import Result
from seuranta.check.tree import check_tree
from seuranta.files import listing
from seuranta.model.config import Config, from_data

TODAY = datetime.date(2023, 1, 1)
MEASURE = "data/ex/tp01/01-tiimimallit.yaml"


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    shutil.copytree(EXAMPLES / "schema-good-1", tmp_path / "repo", ignore=shutil.ignore_patterns(".seuranta-cache"))
    return tmp_path / "repo"


def run(root: Path, *, use_cache: bool = True, config: Config | None = None, today: datetime.date = TODAY) -> Result:
    return check_tree(root, config or Config(), targets=None, extra=[], today=today, use_cache=use_cache)


def rules(result: Result) -> list[tuple[str, str]]:
    return [(p.path, p.rule) for p in result.problems]


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new), encoding="utf-8")


def test_second_run_reuses_every_result(repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    first = run(repo)
    monkeypatch.setattr("seuranta.check.engine.check_document", lambda *a: pytest.fail("checked again"))
    assert run(repo) == first


def test_cached_and_uncached_results_are_identical(repo: Path) -> None:
    edit(repo / MEASURE, "id: ex/tp01/01-tiimimallit", "id: ex/tp01/väärä")
    uncached = run(repo, use_cache=False)
    assert run(repo) == uncached and run(repo) == uncached
    assert (MEASURE, "schema-pattern") in rules(uncached)


def test_changed_file_is_checked_again(repo: Path) -> None:
    run(repo)
    edit(repo / MEASURE, "title: Vastaanoton", "titel: Vastaanoton")
    assert (MEASURE, "schema-unknown-field") in rules(run(repo))


def test_change_in_a_referenced_file_invalidates_its_dependants(repo: Path) -> None:
    run(repo)
    edit(
        repo / "data/ex/programme.yaml",
        '  - {date: "2020-11-15", label: Lähtötilanne 15.11.2020, kind: baseline}\n',
        "",
    )
    assert rules(run(repo)) == rules(run(repo, use_cache=False))


def test_configuration_and_date_are_part_of_the_key(repo: Path) -> None:
    run(repo)
    stored = cache.read_cache(repo)[MEASURE].context
    run(repo, config=from_data({"rules": {"id-path": {"enabled": False}}}))
    assert cache.read_cache(repo)[MEASURE].context != stored
    changed = cache.read_cache(repo)[MEASURE].context
    run(repo, today=datetime.date(2030, 1, 1))
    assert cache.read_cache(repo)[MEASURE].context not in {stored, changed}


def test_code_and_schema_changes_change_the_key(repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    key = cache.context_key(config=Config(), today="2023-01-01", index="")
    monkeypatch.setattr(cache, "code_digest", lambda: "another version")
    assert cache.context_key(config=Config(), today="2023-01-01", index="") != key


def test_a_corrupt_cache_is_ignored(repo: Path) -> None:
    first = run(repo)
    (repo / cache.CACHE_FILE).write_text("{not json", encoding="utf-8")
    assert run(repo) == first


def test_a_checked_file_brings_the_files_that_depend_on_it(repo: Path) -> None:
    """Renumbering a work package in a pre-commit run reports the reference it breaks elsewhere."""
    edit(repo / MEASURE, "Uudet tiimimallit käytössä", "Kts. työpaketti 1. Uudet tiimimallit käytössä")
    assert rules(run(repo)) == []
    edit(repo / "data/ex/tp01/_group.yaml", 'number: "1"', 'number: "2"')
    targeted = check_tree(repo, Config(), targets=["data/ex/tp01/_group.yaml"], extra=[], today=TODAY)
    assert (MEASURE, "ref-unresolved") in rules(targeted)
    assert rules(targeted) == rules(run(repo, use_cache=False))


def test_an_edit_to_text_alone_checks_that_file_alone(repo: Path) -> None:
    run(repo)
    edit(repo / MEASURE, "Uudet tiimimallit", "Uudet  tiimimallit")
    targeted = check_tree(repo, Config(), targets=[MEASURE], extra=[], today=TODAY)
    assert targeted.files == 1


def test_naming_a_file_outside_the_data_does_not_count_as_a_change_to_it(repo: Path) -> None:
    run(repo)
    extra = repo / ".seuranta.yaml"
    check_tree(repo, Config(), targets=[".seuranta.yaml", MEASURE], extra=[extra, repo / MEASURE], today=TODAY)
    edit(repo / MEASURE, "Uudet tiimimallit", "Uudet  tiimimallit")
    assert check_tree(repo, Config(), targets=[MEASURE], extra=[repo / MEASURE], today=TODAY).files == 1


ROUND = 'date: "2020-11-15"'


@pytest.mark.parametrize("stored", [None, "{}", "[1,2]", "roska{"])
def test_a_missing_or_corrupt_index_never_hides_an_error(repo: Path, stored: str | None) -> None:
    run(repo)
    index = repo / cache.INDEX_FILE
    if stored is None:
        index.unlink()
    else:
        index.write_text(stored, encoding="utf-8")
    text = (repo / MEASURE).read_text(encoding="utf-8")
    assert ROUND in text
    (repo / MEASURE).write_text(text.replace(ROUND, 'date: "2020-11-16"', 1), encoding="utf-8")
    uncached = check_tree(repo, Config(), targets=[MEASURE], extra=[], today=TODAY, use_cache=False)
    assert (MEASURE, "round-unknown") in rules(uncached)
    assert check_tree(repo, Config(), targets=[MEASURE], extra=[], today=TODAY) == uncached


def test_an_edit_that_keeps_size_and_mtime_is_checked_again(repo: Path) -> None:
    run(repo)
    path = repo / MEASURE
    before = path.stat()
    edit(path, "title: Vastaanoton", "titel: Vastaanoton")
    assert path.stat().st_size == before.st_size
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))
    assert (MEASURE, "schema-unknown-field") in rules(run(repo))
    assert run(repo) == run(repo, use_cache=False)


def test_the_context_key_does_not_depend_on_the_hash_seed(repo: Path) -> None:
    probe = (
        "import datetime; from seuranta.check import cache; from seuranta.model.config import Config;"
        "c = Config()._replace(**{f: frozenset({'a', 'b', 'c', 'd', 'e'}) for f, v in Config()._asdict().items()"
        " if isinstance(v, frozenset)}); print(cache.context_key(config=c, today='2023-01-01', index='x'))"
    )
    keys = {
        subprocess.run(
            [sys.executable, "-c", probe],
            env={**os.environ, "PYTHONHASHSEED": str(seed)},
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        for seed in range(6)
    }
    assert len(keys) == 1 and next(iter(keys)).strip()


@pytest.mark.parametrize(
    "stored", ["[]", '"x"', "null", '{"' + MEASURE + '": [[1], "measure", "x", "d", "k", "i", [[1, 2]]]}']
)
def test_a_malformed_result_file_is_as_if_never_written(repo: Path, stored: str) -> None:
    uncached = run(repo, use_cache=False)
    run(repo)
    (repo / cache.CACHE_FILE).write_text(stored, encoding="utf-8")
    assert run(repo) == uncached
    assert run(repo) == uncached


def test_an_edit_in_the_same_clock_tick_is_found_by_its_content(repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A file system whose timestamps did not move (a coarse clock): the signature is the stored one,
    but the file changed within the racy window, so its bytes are hashed and the change is found."""
    run(repo)
    path = repo / MEASURE
    stored = cache.read_cache(repo)[MEASURE].signature
    edit(path, "title: Vastaanoton", "titel: Vastaanoton")
    real = cache.signature
    monkeypatch.setattr(cache, "signature", lambda s: stored if s.st_ino == stored[3] else real(s))
    assert (MEASURE, "schema-unknown-field") in rules(run(repo))


def test_a_touched_file_is_proven_unchanged_by_its_content(repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    first = run(repo)
    path = repo / MEASURE
    os.utime(path, ns=(path.stat().st_atime_ns, path.stat().st_mtime_ns + 10**9))
    monkeypatch.setattr("seuranta.check.engine.check_document", lambda *a: pytest.fail("checked again"))
    assert run(repo) == first
    assert cache.read_cache(repo)[MEASURE].signature == cache.signature(path.stat())


def test_a_log_line_cut_short_and_a_table_of_another_version_are_not_read(repo: Path) -> None:
    run(repo)
    edit(repo / MEASURE, "title: Vastaanoton", "titel: Vastaanoton")
    uncached = run(repo, use_cache=False)
    with open(repo / ".seuranta-cache/validate.log", "ab") as log:
        log.write(b'0123 ["2:x", "' + MEASURE.encode() + b'", [')
    assert run(repo) == uncached
    base = repo / cache.CACHE_FILE
    header, _, body = base.read_bytes().partition(b"\n")
    older = header.replace(f'"{cache.VERSION}:'.encode(), f'"{cache.VERSION - 1}:'.encode())
    assert older != header
    base.write_bytes(older + b"\n" + body)
    assert run(repo) == uncached


def test_the_index_heals_after_it_was_lost(repo: Path) -> None:
    """Once a run has had to read a file because its summary was missing, the summary is stored again."""
    run(repo)
    (repo / cache.INDEX_FILE).unlink()
    edit(repo / MEASURE, "title: Vastaanoton", "titel: Vastaanoton")
    assert run(repo) == run(repo, use_cache=False)
    assert set(cache.read_index(repo)) == set(cache.read_cache(repo))


def aged(monkeypatch: pytest.MonkeyPatch) -> None:
    """Timestamps trusted once 0.1 s old instead of 2 s, and the tree left to age that long."""
    monkeypatch.setattr(cache, "RACY_NS", 100_000_000)
    time.sleep(0.15)


def test_folders_as_they_were_list_the_files_without_a_walk(repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    aged(monkeypatch)
    first = run(repo)
    monkeypatch.setattr(listing, "yaml_names", lambda *a: pytest.fail("walked again"))
    assert run(repo) == first
    assert first.files == len(list((repo / "data").rglob("*.yaml")))


def test_a_file_added_and_its_folders_time_set_back_is_listed(repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """`touch -d` sets a folder's modification time back, never its change time: the folder is walked again."""
    aged(monkeypatch)
    run(repo)
    folder = (repo / MEASURE).parent
    before = folder.stat()
    shutil.copy(repo / MEASURE, folder / "99-kopio.yaml")
    os.utime(folder, ns=(before.st_atime_ns, before.st_mtime_ns))
    uncached = run(repo, use_cache=False)
    assert ("data/ex/tp01/99-kopio.yaml", "id-unique") in rules(uncached)
    assert run(repo) == uncached


def test_a_measure_named_outside_the_data_folder_counts_in_the_key(repo: Path) -> None:
    """A file named on the command line outside the data folder joins the index the rules read: a data
    file whose `related` it resolves is not reported from a run that did not have it."""
    edit(repo / MEASURE, "title: Vastaanoton", "related: [ex/tp01/99-muualla]\ntitle: Vastaanoton")
    run(repo)
    outside = repo / "muualla.yaml"
    outside.write_text(
        (repo / MEASURE).read_text(encoding="utf-8").replace("id: ex/tp01/01-tiimimallit", "id: ex/tp01/99-muualla"),
        encoding="utf-8",
    )
    targets = [MEASURE, "muualla.yaml"]
    uncached = check_tree(
        repo, Config(), targets=targets, extra=[repo / MEASURE, outside], today=TODAY, use_cache=False
    )
    assert (MEASURE, "related-exists") not in rules(uncached)
    assert check_tree(repo, Config(), targets=targets, extra=[repo / MEASURE, outside], today=TODAY) == uncached


def test_a_tree_proven_unchanged_reads_only_the_findings(repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    aged(monkeypatch)
    first = run(repo)
    time.sleep(0.15)
    for reader in ("read_cache", "read_index"):
        monkeypatch.setattr(cache, reader, lambda *a: pytest.fail("read entries one by one"))
    monkeypatch.setattr("seuranta.check.engine.check_document", lambda *a: pytest.fail("checked again"))
    assert run(repo) == first


@pytest.mark.parametrize("how", ["removed", "of other bytes", "table lost"])
def test_findings_lost_under_an_intact_state_are_found_again(
    repo: Path, monkeypatch: pytest.MonkeyPatch, how: str
) -> None:
    """The state and the entries say a file has findings; the findings table, valid in itself, no longer
    holds them (or holds another content's): the file is checked again, never reported clean."""
    edit(repo / MEASURE, "title: Vastaanoton", "titel: Vastaanoton")
    aged(monkeypatch)
    uncached = run(repo, use_cache=False)
    assert (MEASURE, "schema-unknown-field") in rules(uncached)
    run(repo)
    time.sleep(0.15)
    stored = cache.read_findings(repo)
    if how == "removed":
        cache.write_findings(repo, {MEASURE: None}, dict)
    elif how == "of other bytes":
        cache.write_findings(repo, {MEASURE: stored[MEASURE]._replace(content="0" * 32)}, dict)
    else:
        for name in ("findings.json", "findings.log"):
            (repo / cache.FOLDER / name).unlink(missing_ok=True)
    assert run(repo) == uncached
    assert run(repo) == uncached


def test_a_cold_run_over_touched_files_leaves_no_findings_of_a_file_that_has_none(
    repo: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Every signature changed (a fresh clone, a `touch` of everything) sends the tree to the cores again;
    a file whose findings went meanwhile keeps no stored findings under the same key."""
    from seuranta.check import parallel

    monkeypatch.setattr(parallel, "MIN_FILES", 2)
    path = repo / MEASURE
    edit(path, ROUND, 'date: "2020-11-16"')
    assert (MEASURE, "round-unknown") in rules(run(repo))
    edit(path, 'date: "2020-11-16"', ROUND)
    for each in (repo / "data").rglob("*.yaml"):
        os.utime(each, ns=(each.stat().st_atime_ns, each.stat().st_mtime_ns + 10**9))
    assert run(repo) == run(repo, use_cache=False)
    assert MEASURE not in cache.read_findings(repo)


def named(root: Path, *names: str, use_cache: bool = True) -> Result:
    """A run as pre-commit makes it: the files named, each also given on the command line."""
    return check_tree(
        root, Config(), targets=list(names), extra=[root / n for n in names], today=TODAY, use_cache=use_cache
    )


def test_a_named_file_changed_in_its_text_is_checked_without_reading_the_entries(
    repo: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The state's columns prove every other file unchanged: no table of entries is decoded, and the
    changed file's findings are those of a run without the cache."""
    aged(monkeypatch)
    run(repo)
    time.sleep(0.15)
    edit(repo / MEASURE, ROUND, 'date: "2020-11-16"')
    uncached = named(repo, MEASURE, use_cache=False)
    assert (MEASURE, "round-unknown") in rules(uncached)
    with monkeypatch.context() as patched:
        patched.setattr(cache, "read_cache", lambda *a: pytest.fail("read entries one by one"))
        assert named(repo, MEASURE) == uncached
    assert run(repo) == run(repo, use_cache=False)


def test_another_changed_file_is_read_once_by_the_runs_that_name_a_file(
    repo: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A file changed since the state, not named, whose summary is the stored one (a comment added): the
    first run naming another file reads it to prove its summary and, after its report, checks it too, so
    that the state proves it from then on; the next run reads no file at all."""
    aged(monkeypatch)
    run(repo)
    time.sleep(0.15)
    group = repo / "data/ex/tp01/_group.yaml"
    group.write_text(group.read_text(encoding="utf-8") + "# kommentti\n", encoding="utf-8")
    edit(repo / MEASURE, ROUND, 'date: "2020-11-16"')
    uncached = named(repo, MEASURE, use_cache=False)
    time.sleep(0.15)  # the edits older than the racy window when the next run reads them
    assert named(repo, MEASURE) == uncached
    with monkeypatch.context() as patched:
        patched.setattr("seuranta.check.tree._bytes", lambda *a: pytest.fail("read again"))
        assert named(repo, MEASURE) == uncached
    assert run(repo) == run(repo, use_cache=False)


def test_a_named_file_whose_summary_changed_is_proven_file_by_file(repo: Path) -> None:
    run(repo)
    edit(repo / MEASURE, "title: Vastaanoton", "title: Uudet vastaanoton")
    assert named(repo, MEASURE) == named(repo, MEASURE, use_cache=False)
    assert run(repo) == run(repo, use_cache=False)


def test_a_named_file_edited_in_the_same_clock_tick_is_found_by_its_content(
    repo: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The signature is the stored one, but the stored timestamps were racy when they were read: the
    columns do not vouch for the file, its bytes are hashed and the change is found."""
    run(repo)
    stored = cache.read_cache(repo)[MEASURE].signature
    edit(repo / MEASURE, "title: Vastaanoton", "titel: Vastaanoton")
    real = cache.signature
    monkeypatch.setattr(cache, "signature", lambda s: stored if s.st_ino == stored[3] else real(s))
    assert (MEASURE, "schema-unknown-field") in rules(named(repo, MEASURE))
