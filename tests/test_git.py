"""seuranta.files.git against a real temporary repository: -z listings, merge base, one batch read of many blobs."""

from __future__ import annotations

from pathlib import Path

import pytest

import gitrepo
from seuranta.files import git


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    return gitrepo.build(tmp_path, monkeypatch)


def test_toplevel_and_rev_parse(repo: Path) -> None:
    assert git.toplevel(repo / "data" / "ex").resolve() == repo.resolve()
    head = git.rev_parse(repo, "HEAD")
    assert len(head) == 40 and head == gitrepo.git(repo, "rev-parse", "HEAD")
    assert git.rev_parse(repo, "main") == head


def test_unknown_revision_is_a_git_error(repo: Path) -> None:
    with pytest.raises(git.GitError, match="unknown revision: eiole"):
        git.rev_parse(repo, "eiole")


def test_outside_a_repository(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    gitrepo.isolate(monkeypatch)
    monkeypatch.setenv("GIT_CEILING_DIRECTORIES", str(tmp_path))
    (tmp_path / "plain").mkdir()
    with pytest.raises(git.GitError):
        git.toplevel(tmp_path / "plain")


def test_main_branch_and_merge_base(repo: Path) -> None:
    assert git.main_branch(repo) == "refs/heads/main"
    fork = git.rev_parse(repo, "HEAD")
    gitrepo.git(repo, "switch", "-q", "-c", "muutos")
    gitrepo.edit_one_status(repo)
    assert git.merge_base(repo, "refs/heads/main", "HEAD") == fork


def test_master_is_the_fallback_and_none_is_an_error(repo: Path) -> None:
    gitrepo.git(repo, "branch", "-m", "main", "master")
    assert git.main_branch(repo) == "refs/heads/master"
    gitrepo.git(repo, "branch", "-m", "master", "kehitys")
    with pytest.raises(git.GitError, match="no main or master"):
        git.main_branch(repo)


def test_changed_between_commits_lists_exactly_the_edited_file(repo: Path) -> None:
    gitrepo.edit_one_status(repo)
    assert git.changed(repo, "HEAD~1", "HEAD", "data") == ["data/ex/tp01/02-fysioterapia.yaml"]
    assert git.changed(repo, "HEAD~1", "HEAD", "docs") == []


def test_changed_against_the_working_tree_and_untracked(repo: Path) -> None:
    (repo / "data/ex/tp01/01-tiimimallit.yaml").write_text("id: muutettu\n", encoding="utf-8")
    (repo / "data/ex/tp02/02-chat.yaml").unlink()
    gitrepo.write(repo, "data/ex/tp02/03 uusi ä.yaml", "id: uusi\n")
    assert git.changed(repo, "HEAD", None, "data") == ["data/ex/tp01/01-tiimimallit.yaml", "data/ex/tp02/02-chat.yaml"]
    assert git.untracked(repo, "data") == ["data/ex/tp02/03 uusi ä.yaml"]


def test_names_are_nul_separated_so_any_character_survives() -> None:
    assert git.names(b"a b.yaml\0rivi\nvaihto.yaml\0\xc3\xa4.yaml\0") == ["a b.yaml", "rivi\nvaihto.yaml", "ä.yaml"]


def test_tree_files_at_a_revision(repo: Path) -> None:
    assert git.tree_files(repo, "HEAD", "data/ex/tp02") == [
        "data/ex/tp02/01-digipalvelut.yaml",
        "data/ex/tp02/02-chat.yaml",
        "data/ex/tp02/_group.yaml",
    ]


def test_read_blobs_reads_many_files_in_one_batch(repo: Path) -> None:
    gitrepo.edit_one_status(repo)
    paths = ["data/ex/tp01/02-fysioterapia.yaml", "data/ex/programme.yaml", "data/ex/ei-ole.yaml"]
    before = git.read_blobs(repo, git.rev_parse(repo, "HEAD~1"), paths)
    assert list(before) == paths
    assert before["data/ex/tp01/02-fysioterapia.yaml"] == gitrepo.measure_text("tp01/02-fysioterapia", 3).encode()
    assert before["data/ex/programme.yaml"] == gitrepo.PROGRAMME.encode()
    assert before["data/ex/ei-ole.yaml"] is None
    after = git.read_blobs(repo, "HEAD", paths[:1])
    assert b"13/15" in (after["data/ex/tp01/02-fysioterapia.yaml"] or b"")
    assert git.read_blobs(repo, "HEAD", []) == {}


def test_parse_batch_handles_missing_objects_and_blobs_with_newlines() -> None:
    raw = b"abc blob 5\na\nb\n\n\nHEAD:x missing\nabd tree 3\nxyz\n"
    assert git.parse_batch(raw, 3) == [b"a\nb\n\n", None, None]
