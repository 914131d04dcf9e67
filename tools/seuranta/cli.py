"""The click layer: each command builds an options object and calls its execute()."""

from __future__ import annotations

import datetime
import locale
import os
import sys
from typing import Sequence

import click

from seuranta import __version__
from seuranta.reporters import FORMATS, default_format

EXIT_USAGE = 2


def default_lang() -> str:
    """English where the locale asks for it, Finnish otherwise."""
    for name in ("SEURANTA_LANG", "LC_ALL", "LC_MESSAGES", "LANG"):
        value = os.environ.get(name, "")
        if value:
            return "en" if value.lower().startswith("en") else "fi"
    found = locale.getlocale()[0] or ""
    return "en" if found.lower().startswith("en") else "fi"


def today() -> datetime.date:
    fixed = os.environ.get("SEURANTA_TODAY")
    return datetime.date.fromisoformat(fixed) if fixed else datetime.date.today()


lang_option = click.option("--lang", type=click.Choice(["fi", "en"]), default=None, help="Ilmoitusten kieli / message language (fi, en).")


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="seuranta")
def cli() -> None:
    """seuranta: kehittämisohjelman toimenpiteiden seuranta git-tietovarastossa."""


@cli.command()
@click.argument("paths", nargs=-1, type=click.Path())
@click.option("--format", "format_", type=click.Choice(FORMATS), default=None, help="Output format (default: text; github under GitHub Actions).")
@lang_option
@click.option("--strict", is_flag=True, help="Warnings fail too (exit 1).")
@click.option("--show-acknowledged", is_flag=True, help="List acknowledged findings as well.")
@click.option("--no-cache", is_flag=True, help="Check every file afresh and leave .seuranta-cache untouched.")
def validate(
    paths: tuple[str, ...], format_: str | None, lang: str | None, strict: bool, show_acknowledged: bool, no_cache: bool
) -> None:
    """Validate the data tree (default) or the given files and folders.

    Exit codes: 0 no errors, 1 findings at error severity (or warnings with --strict), 2 usage or internal error.
    """
    from seuranta.commands import validate as command

    options = command.Options(
        paths, format_ or default_format(), lang or default_lang(), strict, show_acknowledged, today(), not no_cache
    )
    raise SystemExit(command.execute(options))


def main(argv: Sequence[str] | None = None) -> int:
    """Run the CLI; every failure ends as an exit code, never a traceback."""
    try:
        cli.main(args=list(argv) if argv is not None else None, prog_name="seuranta", standalone_mode=False)
    except SystemExit as done:
        return int(done.code or 0) if not isinstance(done.code, str) else EXIT_USAGE
    except click.exceptions.Abort:
        return EXIT_USAGE
    except click.ClickException as err:
        err.show()
        return EXIT_USAGE
    except (FileNotFoundError, NotADirectoryError) as err:
        click.echo(f"seuranta: tiedostoa ei löydy / file not found: {err}", err=True)
        return EXIT_USAGE
    except Exception as err:  # noqa: BLE001 - the one place internal errors become an exit code
        click.echo(f"seuranta: sisäinen virhe / internal error: {type(err).__name__}: {err}", err=True)
        return EXIT_USAGE
    return 0


if __name__ == "__main__":
    sys.exit(main())
