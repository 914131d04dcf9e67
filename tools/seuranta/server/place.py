"""Where a server listens, and for which code: a per-user folder that only its owner can enter, and a
socket named by the code it runs, so an edited or upgraded package never answers for another.

Standard library only, and only modules a Python start-up has already loaded or that cost nothing to
load (`_blake2`), as the entry point computes this on every run.
"""

import os
import stat
import sys
from _blake2 import blake2b

PACKAGE = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


class Unsafe(Exception):
    """The server folder is not this user's alone: nothing in it is trusted."""


def folder() -> str:
    """`SEURANTA_SERVER_DIR`, else `$XDG_RUNTIME_DIR/seuranta`, else `/tmp/seuranta-<uid>`."""
    chosen = os.environ.get("SEURANTA_SERVER_DIR")
    if chosen:
        return os.path.abspath(chosen)
    runtime = os.environ.get("XDG_RUNTIME_DIR")
    if runtime and os.path.isabs(runtime):
        return os.path.join(runtime, "seuranta")
    return f"/tmp/seuranta-{os.getuid()}"


def checked(where: str) -> str:
    """`where` if it is a real folder (no link) owned by this user with no access for anyone else."""
    found = os.lstat(where)
    if not stat.S_ISDIR(found.st_mode) or found.st_uid != os.getuid() or found.st_mode & 0o077:
        raise Unsafe(where)
    return where


def made(where: str) -> str:
    """The folder, created with mode 0700 when missing, then `checked()`."""
    try:  # noqa: SIM105 - contextlib costs the entry point 7 ms
        os.mkdir(where, 0o700)
    except FileExistsError:
        pass
    return checked(where)


def code_key() -> str:
    """A digest of what the server's children would run: the interpreter and its flags, the package's
    location and every file's stat signature in it, and the signatures of the folders dependencies are
    installed in (installing, upgrading or removing one changes its folder). Written in the letters a–p, one
    for each hexadecimal digit: a key of digits could hold six in a row and a letter, which every output masks
    as a henkilötunnus (`reporters/escaping.py`), and the socket's path would then be shown masked."""
    digest = blake2b(digest_size=16)
    head = [os.path.realpath(sys.executable), sys.version, repr(sys.flags), sys.getfilesystemencoding(), PACKAGE]
    digest.update("\0".join(head).encode("utf-8", "surrogateescape"))
    for path in sorted(p for p in sys.path if p.endswith(("site-packages", "dist-packages"))):
        digest.update(_signature(path))
    _walk(PACKAGE, digest)
    return digest.hexdigest().translate(_LETTERS)


_LETTERS = str.maketrans("0123456789abcdef", "abcdefghijklmnop")


def _walk(where: str, digest: blake2b) -> None:
    entries = sorted(os.scandir(where), key=lambda entry: entry.name)
    for entry in entries:
        if entry.name == "__pycache__":
            continue
        if entry.is_dir(follow_symlinks=False):
            _walk(entry.path, digest)
        else:
            digest.update(_signature(entry.path))


def _signature(path: str) -> bytes:
    try:
        found = os.stat(path)
    except OSError:
        return f"{path}\0-\n".encode("utf-8", "surrogateescape")
    numbers = (found.st_mtime_ns, found.st_ctime_ns, found.st_size, found.st_ino)
    return f"{path}\0{numbers}\n".encode("utf-8", "surrogateescape")


def socket_path(where: str, key: str) -> str:
    return os.path.join(where, f"{key}.sock")


def lock_path(where: str, key: str) -> str:
    return os.path.join(where, f"{key}.lock")


def log_path(where: str, key: str) -> str:
    return os.path.join(where, f"{key}.log")
