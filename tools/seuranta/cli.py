"""The click layer: each command builds an options object and calls its execute()."""

from __future__ import annotations

import datetime
import os
import sys
from collections.abc import Sequence

import click

from seuranta import __version__
from seuranta.commands import SHOW_FORMATS
from seuranta.diff import DIFF_FORMATS
from seuranta.model.errors import Exit, UsageError
from seuranta.model.problem import Message
from seuranta.reporters import REPORTERS, default_format
from seuranta.reporters.escaping import terminal
from seuranta.tables import EXPORT_FORMATS, SUMMARY_TABLES


def default_lang() -> str:
    """English where the locale asks for it, Finnish otherwise."""
    for name in ("SEURANTA_LANG", "LC_ALL", "LC_MESSAGES", "LANG"):
        value = os.environ.get(name, "")
        if value:
            return "en" if value.lower().startswith("en") else "fi"
    import locale  # only when the environment does not say

    found = locale.getlocale()[0] or ""
    return "en" if found.lower().startswith("en") else "fi"


def today() -> datetime.date:
    fixed = os.environ.get("SEURANTA_TODAY")
    return datetime.date.fromisoformat(fixed) if fixed else datetime.date.today()


lang_option = click.option(
    "--lang", type=click.Choice(["fi", "en"]), default=None, help="Ilmoitusten kieli / message language (fi, en)."
)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="seuranta")
def cli() -> None:
    """seuranta: kehittämisohjelman toimenpiteiden seuranta git-tietovarastossa."""


@cli.command()
@click.argument("paths", nargs=-1, type=click.Path())
@click.option(
    "--format",
    "format_",
    type=click.Choice(REPORTERS.names),
    default=None,
    help="Output format (default: text; github under GitHub Actions).",
)
@lang_option
@click.option("--strict", is_flag=True, help="Warnings fail too (exit 1).")
@click.option("--show-acknowledged", is_flag=True, help="List acknowledged findings as well.")
@click.option("--no-cache", is_flag=True, help="Check every file afresh and leave .seuranta-cache untouched.")
@click.option(
    "--rev",
    default=None,
    metavar="REV",
    help="Check every data file of a git revision, read from git (nothing checked out), with this configuration.",
)
def validate(
    paths: tuple[str, ...],
    format_: str | None,
    lang: str | None,
    strict: bool,
    show_acknowledged: bool,
    no_cache: bool,
    rev: str | None,
) -> None:
    """Validate the data tree (default) or the given files and folders.

    Exit codes: 0 no errors, 1 findings at error severity (or warnings with --strict), 2 usage or internal error.
    """
    from seuranta.commands import validate as command

    options = command.Options(
        paths,
        format_ or default_format(),
        lang or default_lang(),
        strict,
        show_acknowledged,
        today(),
        not no_cache,
        rev=rev,
    )
    raise SystemExit(command.execute(options))


@cli.command()
@click.argument("base", required=False)
@click.argument("head", required=False)
@click.option(
    "--rounds",
    "rounds",
    nargs=2,
    default=None,
    metavar="A B",
    help="Compare two rounds (dates) in the working tree instead.",
)
@click.option("--format", "format_", type=click.Choice(DIFF_FORMATS.names), default="text", help="Output format.")
@click.option(
    "--color",
    type=click.Choice(["auto", "always", "never"]),
    default="auto",
    help="Colour word changes (auto: on a terminal).",
)
@lang_option
def diff(
    base: str | None, head: str | None, rounds: tuple[str, str] | None, format_: str, color: str, lang: str | None
) -> None:
    """Semantic diff of the data: BASE (default: merge base with main) against HEAD (default: working tree).

    \b
    seuranta diff              merge base of HEAD and main → working tree
    seuranta diff A            A → working tree
    seuranta diff A B, A..B    the two tips A → B
    seuranta diff A...B        git merge-base A B → B: only what B changed since it left A
                               (what a pull request from B into A changes)

    Exit codes: 0 no change, 1 changes found, 2 error.
    """
    from seuranta.commands import diff as command

    if rounds and base is not None:
        raise click.UsageError("--rounds compares two rounds of the working tree; give no BASE or HEAD.")
    options = command.Options(base, head, rounds or None, format_, color, lang or default_lang())
    raise SystemExit(command.execute(options))


@cli.command()
@click.option(
    "--table",
    type=click.Choice(SUMMARY_TABLES.names),
    default="coverage",
    help="Which table.",
)
@click.option("--programme", default=None, help="Only this programme (id).")
@click.option("--group", default=None, help="Only this group (id, e.g. pirsote/tp09 or tp09).")
@click.option("--round", "round_", default=None, help="Only this round (date); for missing, default the latest round.")
@click.option("--rev", default=None, help="Summarise a git revision instead of the working tree.")
@click.option(
    "--format",
    "format_",
    default="plain",
    metavar="FORMAT",
    help="Any tabulate format (plain, github, html, latex, …) or csv.",
)
@lang_option
def summary(
    table: str,
    programme: str | None,
    group: str | None,
    round_: str | None,
    rev: str | None,
    format_: str,
    lang: str | None,
) -> None:
    """Summary tables of the data: coverage, latest, missing, findings.

    Exit codes: 0 done, 2 usage error (unknown programme, round or format) or internal error.
    """
    from seuranta.commands import summary as command

    options = command.Options(table, programme, group, round_, rev, format_, lang or default_lang(), today())
    raise SystemExit(command.execute(options))


@cli.command()
@click.argument("measure")
@click.option("--format", "format_", type=click.Choice(SHOW_FORMATS.names), default="text", help="Output format.")
@lang_option
def show(measure: str, format_: str, lang: str | None) -> None:
    """One measure's whole timeline: round label, text and the figures found.

    Exit codes: 0 shown, 2 no such measure or internal error.
    """
    from seuranta.commands import show as command

    raise SystemExit(command.execute(command.Options(measure, format_, lang or default_lang())))


@cli.command()
@click.option(
    "--out", required=True, type=click.Path(file_okay=False), help="Folder for the site (index.html, tyyli.css, pages)."
)
@click.option("--programme", "programmes", multiple=True, help="Only this programme (id); repeatable.")
def report(out: str, programmes: tuple[str, ...]) -> None:
    """Write the static report site (Finnish, works offline) into OUT."""
    from pathlib import Path

    from seuranta.commands import report as command

    raise SystemExit(command.execute(command.Options(Path(out), today(), programmes)))


@cli.command()
@click.option(
    "--format",
    "format_",
    type=click.Choice(EXPORT_FORMATS.names),
    default=None,
    help="Output format (default from --out: .xlsx, .json, otherwise a csv folder).",
)
@click.option("--out", required=True, type=click.Path(), help="XLSX or JSON file, or the folder for the CSV files.")
@click.option("--programme", "programmes", multiple=True, help="Only this programme (id); repeatable.")
def export(format_: str | None, out: str, programmes: tuple[str, ...]) -> None:
    """Export tidy tables: measures, statuses (measure x round) and figures (measure x round x figure)."""
    from pathlib import Path

    from seuranta.commands import export as command

    raise SystemExit(command.execute(command.Options(Path(out), command.format_for(Path(out), format_), programmes)))


@cli.group("import")
def import_() -> None:
    """Import a monitoring table into a programme's YAML files."""


@import_.command("xlsx")
@click.argument("file", type=click.Path(exists=True, dir_okay=False))
@click.option("--programme", required=True, help="Programme id (folder under the data folder).")
@click.option(
    "--out", default=None, type=click.Path(file_okay=False), help="Data folder (default: the repository's data/)."
)
@click.option("--sheet", default=None, help="Sheet to read (default: seurantataulukko, else the first in the layout).")
@click.option("--title", default=None, help="Programme title when programme.yaml is created (default: the id).")
def import_xlsx(file: str, programme: str, out: str | None, sheet: str | None, title: str | None) -> None:
    """Read a monitoring table (seurantataulukko) in the seeds' column layout into YAML files."""
    from pathlib import Path

    from seuranta.commands import import_xlsx as command

    options = command.Options(Path(file), programme, Path(out) if out else None, sheet, title)
    raise SystemExit(command.execute(options, today=today()))


@cli.command()
@click.option("--programme", required=True, help="Ohjelman tunniste / programme id (e.g. pirsote).")
@click.option("--group", required=True, help="Ryhmän tunniste / group id (e.g. tp09 or pirsote/tp09).")
@click.option("--title", required=True, help="Toimenpiteen nimi / the measure's title.")
@click.option("--number", default=None, help='Numero sellaisenaan / number as printed (e.g. "Tp 4 b)").')
@lang_option
def new(programme: str, group: str, title: str, number: str | None, lang: str | None) -> None:
    """Scaffold a measure file data/PROGRAMME/GROUP/NN-slug.yaml and validate it.

    Exit codes: 0 created and valid, 1 created with findings, 2 unknown programme or group, a control or
    bidirectional character in the title or number, or internal error.
    """
    from seuranta.commands import new as command

    raise SystemExit(command.execute(command.Options(programme, group, title, number, lang or default_lang(), today())))


@cli.group()
def status() -> None:
    """Tilannekatsaukset / status entries."""


@status.command("add")
@click.argument("measure")
@click.option("--date", required=True, help="Kierros / round: 2022-11-15 or 15.11.2022.")
@click.option("--text", default=None, help="Tilanteen teksti / the status text.")
@click.option(
    "--text-file",
    type=click.Path(allow_dash=True),
    default=None,
    help="Teksti tiedostosta / text from a file (- = stdin).",
)
@lang_option
def status_add(measure: str, date: str, text: str | None, text_file: str | None, lang: str | None) -> None:
    """Append the status of round DATE to MEASURE (an id or a file), adding lines only.

    Exit codes: 0 added, 1 refused (not a round, round already there, empty text, a control or bidirectional
    character in it), 2 no such measure or internal error.
    """
    from seuranta.commands import status_add as command

    if (text is None) == (text_file is None):
        raise click.UsageError("Anna joko --text tai --text-file / give either --text or --text-file.")
    raise SystemExit(command.execute(command.Options(measure, date, text, text_file, lang or default_lang())))


@cli.command("fmt")
@click.argument("paths", nargs=-1, type=click.Path())
@click.option("--check", is_flag=True, help="Only list the files that would change (exit 1 if any).")
@lang_option
def fmt_command(paths: tuple[str, ...], check: bool, lang: str | None) -> None:
    """Format the data tree (default) or the given files; comments are kept and values never change.

    Exit codes: 0 done (with --check: nothing to change), 1 files would change or could not be formatted, 2 usage error.
    """
    from seuranta.commands import fmt as command

    raise SystemExit(command.execute(command.Options(paths, check, lang or default_lang())))


@cli.command()
@click.argument("measures", nargs=-1)
@click.option("--write", is_flag=True, help="Insert the proposed observations into the files.")
@lang_option
def extract(measures: tuple[str, ...], write: bool, lang: str | None) -> None:
    """Propose observations (quote, value, of, unit) for fractions and percentages in status texts, as YAML.

    Exit codes: 0 done, 1 a file could not be read or written, 2 no such measure or internal error.
    """
    from seuranta.commands import extract as command

    raise SystemExit(command.execute(command.Options(measures, write, lang or default_lang())))


def _lang(argv: Sequence[str]) -> str:
    """The language the command line asks for, for the one line an error is reported in."""
    for index, arg in enumerate(argv):
        if arg.startswith("--lang="):
            return "en" if arg.endswith("=en") else "fi"
        if arg == "--lang" and index + 1 < len(argv):
            return "en" if argv[index + 1] == "en" else "fi"
    return default_lang()


def _command(argv: Sequence[str]) -> str:
    """The command a command line runs ("diff", "status add"), to name it in an error line."""
    names: list[str] = []
    group: click.Command = cli
    for arg in argv:
        if not isinstance(group, click.Group) or arg not in group.commands:
            break
        names.append(arg)
        group = group.commands[arg]
    return " ".join(["seuranta", *names])


def main(argv: Sequence[str] | None = None) -> int:
    """Run the CLI: the one place failures become exit codes (model.errors.Exit), never a traceback."""
    args = list(argv) if argv is not None else sys.argv[1:]
    try:
        cli.main(args=args, prog_name="seuranta", standalone_mode=False)
    except SystemExit as done:
        return int(done.code or 0) if not isinstance(done.code, str) else Exit.USAGE
    except click.exceptions.Abort:
        return Exit.USAGE
    except click.ClickException as err:
        err.show()
        return Exit.USAGE
    except UsageError as err:
        click.echo(f"{_command(args)}: {terminal(err.text(_lang(args)))}", err=True)  # it may quote the input
        return Exit.USAGE
    except (FileNotFoundError, NotADirectoryError) as err:
        missing = Message("tiedostoa ei löydy: {name}", "file not found: {name}")
        shown = terminal(missing.text(_lang(args)).format(name=err.filename or err))
        click.echo(f"{_command(args)}: {shown}", err=True)
        return Exit.USAGE
    except Exception as err:
        internal = Message(
            "sisäinen virhe, ilmoita siitä ylläpitäjälle: {detail}", "internal error, please report it: {detail}"
        )
        click.echo(
            f"{_command(args)}: {internal.text(_lang(args)).format(detail=f'{type(err).__name__}: {err}')}", err=True
        )
        return Exit.INTERNAL
    return Exit.OK


if __name__ == "__main__":
    sys.exit(main())
