"""Why a name is not read as a data file: the findings for unreadable folders and files, links and
non-regular files, shared by the listing (which never opens them) and the loader (which refuses them)."""

from __future__ import annotations

import errno
import stat

from seuranta.model.problem import ERROR, WARNING, Message

MESSAGES: dict[str, tuple[str, Message]] = {
    "file-unreadable": (
        ERROR,
        Message(
            "Kansiota tai tiedostoa ei voi lukea ({reason_fi}), eikä sitä tarkistettu. Korjaa sen oikeudet.",
            "The folder or file cannot be read ({reason_en}) and was not checked. Fix its permissions.",
        ),
    ),
    "file-not-regular": (
        ERROR,
        Message(
            "Tämä ei ole tavallinen tiedosto ({what_fi}), joten sitä ei avata. Poista se tai anna sille toinen nimi.",
            "This is not a regular file ({what_en}), so it is not opened. Remove it or rename it.",
        ),
    ),
    "file-link-broken": (
        ERROR,
        Message(
            "Symbolinen linkki ei johda tiedostoon ({reason_fi}). Korjaa tai poista linkki.",
            "The symbolic link leads to no file ({reason_en}). Fix or remove the link.",
        ),
    ),
    "file-link-outside": (
        ERROR,
        Message(
            "Symbolinen linkki johtaa tietovaraston ulkopuolelle, eikä sitä lueta. Kopioi tiedosto data-kansioon.",
            "The symbolic link leads outside the repository and is not read. Copy the file into the data folder.",
        ),
    ),
    "file-link-folder": (
        WARNING,
        Message(
            "Kansio on symbolinen linkki, eikä sen tiedostoja lueta. Siirrä tiedostot data-kansioon.",
            "The folder is a symbolic link, and its files are not read. Move the files into the data folder.",
        ),
    ),
}
REASONS = {
    errno.EACCES: ("lukuoikeus puuttuu", "permission denied"),
    errno.EPERM: ("lukuoikeus puuttuu", "permission denied"),
    errno.ENOENT: ("kohdetta ei ole", "the target does not exist"),
    errno.ELOOP: ("linkit kiertävät kehää", "the links loop"),
}
KINDS = {
    stat.S_IFIFO: ("nimetty putki", "a named pipe"),
    stat.S_IFSOCK: ("pistoke", "a socket"),
    stat.S_IFCHR: ("merkkilaite", "a character device"),
    stat.S_IFBLK: ("lohkolaite", "a block device"),
    stat.S_IFDIR: ("kansio", "a folder"),
}


def reason(err: OSError) -> dict[str, str]:
    """An OS error's cause in both languages."""
    code = errno.errorcode.get(err.errno or 0, "?")
    fi, en = REASONS.get(err.errno or 0, (f"käyttöjärjestelmän virhe {code}", f"system error {code}"))
    return {"reason_fi": fi, "reason_en": en}
