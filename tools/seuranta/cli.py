"""The click layer: each command builds an options object and calls its execute()."""

from __future__ import annotations

import datetime
import inspect
import os
import sys
from collections.abc import Iterable, Sequence
from typing import Any, TypeGuard

import click

from seuranta import __version__
from seuranta.commands import SHOW_FORMATS
from seuranta.diff import DIFF_FORMATS
from seuranta.model.errors import Exit, UsageError
from seuranta.model.problem import Message
from seuranta.reporters import REPORTERS, default_format
from seuranta.reporters.escaping import terminal
from seuranta.tables import CSV_DIALECTS, EXPORT_FORMATS, SUMMARY_TABLES


def default_lang() -> str:
    """The language of this run: `--lang` given anywhere on the command line (`main()` puts it in the
    context), else the environment's (`environment_lang()`)."""
    ctx = click.get_current_context(silent=True)
    obj = ctx.find_root().obj if ctx is not None else None
    return str(obj["lang"]) if isinstance(obj, dict) and obj.get("lang") else environment_lang()


def environment_lang() -> str:
    """English where the environment asks for it (SEURANTA_LANG, LC_ALL, LC_MESSAGES, LANG), Finnish otherwise.

    Only the environment counts: with no locale set (or C/POSIX) Python reports its own default, en_US,
    which is not a choice anyone made.
    """
    for name in ("SEURANTA_LANG", "LC_ALL", "LC_MESSAGES", "LANG"):
        value = os.environ.get(name, "")
        if value:
            return "en" if value.lower().startswith("en") else "fi"
    return "fi"


# --- help in both languages -----------------------------------------------------------------------
#
# A help text is written `both(fi, en)`; the command's help is shown in the language `--lang` or the
# environment asks for (`main()` puts it in the context). A text written in one language is shown as is.

_SEP = "\n\x1f\n"
HEADINGS = {
    "fi": {"usage": "Käyttö: ", "options": "Valitsimet", "commands": "Komennot", "help": "Näytä tämä ohje ja lopeta."},
    "en": {"usage": "Usage: ", "options": "Options", "commands": "Commands", "help": "Show this message and exit."},
}


def both(fi: str, en: str) -> str:
    """A help text in Finnish and English."""
    return f"{fi}{_SEP}{en}"


def pick(text: str | None, lang: str) -> str:
    fi, sep, en = (text or "").partition(_SEP)
    return (fi if lang == "fi" else en) if sep else fi


class LangCommand(click.Command):
    """A command whose help, usage line and headings are in the asked language."""

    def format_usage(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        pieces = " ".join(self.collect_usage_pieces(ctx))
        formatter.write_usage(ctx.command_path, pieces, prefix=HEADINGS[default_lang()]["usage"])

    def format_help_text(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        text = inspect.cleandoc(pick(self.help, default_lang())).partition("\f")[0]
        if text:
            formatter.write_paragraph()
            with formatter.indentation():
                formatter.write_text(text)

    def format_options(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        lang = default_lang()
        help_option = self.get_help_option(ctx)
        rows = []
        for param in self.get_params(ctx):
            record = param.get_help_record(ctx) if isinstance(param, click.Option) else None  # arguments: usage
            if record is not None:
                text = HEADINGS[lang]["help"] if param is help_option else _option_help(param, lang)
                rows.append((record[0], text))
        if rows:
            with formatter.section(HEADINGS[lang]["options"]):
                formatter.write_dl(rows)

    def get_short_help_str(self, limit: int = 45) -> str:
        text = inspect.cleandoc(pick(self.short_help or self.help, default_lang())).partition("\f")[0]
        first = text.split("\n\n")[0].replace("\n", " ")
        return first if len(first) <= limit else first[: limit - 1].rsplit(" ", 1)[0] + "…"


def _option_help(param: click.Parameter, lang: str) -> str:
    """An option's help in `lang`, with click's own notes after it ("[required]") in that language too."""
    written = getattr(param, "help", None) or ""
    record = param.get_help_record(click.get_current_context())
    extra = record[1][len(written) :] if record and record[1].startswith(written) else ""
    if lang == "fi":
        extra = extra.replace("[required]", "[pakollinen]").replace("default:", "oletus:")
    return (pick(written, lang) + extra).strip()


class LangGroup(LangCommand, click.Group):
    """A group of `LangCommand`s (and `LangGroup`s) listing its commands in the asked language."""

    command_class = LangCommand
    group_class = type

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.params.append(
            click.Option(["--lang"], type=click.Choice(["fi", "en"]), expose_value=False, help=LANG_HELP)
        )

    def format_options(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        LangCommand.format_options(self, ctx, formatter)
        self.format_commands(ctx, formatter)

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        found = [(name, self.get_command(ctx, name)) for name in self.list_commands(ctx)]
        shown = [(name, command) for name, command in found if command is not None and not command.hidden]
        if shown:
            limit = formatter.width - 6 - max(len(name) for name, _ in shown)
            with formatter.section(HEADINGS[default_lang()]["commands"]):
                formatter.write_dl([(name, command.get_short_help_str(limit)) for name, command in shown])


LANG_HELP = both(
    "Ilmoitusten ja ohjeen kieli (oletus: suomi, ellei ympäristö pyydä englantia).",
    "Language of messages and help (default: Finnish unless the environment asks for English).",
)


def iso_date_option(_ctx: click.Context, _param: click.Parameter, value: Any) -> Any:
    """A date option's value as ISO 2022-11-15 when it is a date in a form `model.isodate` reads (2022-11-15,
    15.11.2022); anything else is left for the command to report (it may list the rounds it knows)."""
    from seuranta.model.isodate import iso_date

    if isinstance(value, tuple):
        return tuple(iso_date(v) or v for v in value)
    return iso_date(value) or value if isinstance(value, str) else value


def today() -> datetime.date:
    fixed = os.environ.get("SEURANTA_TODAY")
    return datetime.date.fromisoformat(fixed) if fixed else datetime.date.today()


lang_option = click.option("--lang", type=click.Choice(["fi", "en"]), default=None, help=LANG_HELP)
programmes_option = click.option(
    "--programme",
    "programmes",
    multiple=True,
    help=both("Vain tämä ohjelma (tunniste); voi toistaa.", "Only this programme (id); repeatable."),
)


@click.group(cls=LangGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="seuranta", help=both("Näytä versio.", "Show the version and exit."))
def cli() -> None:
    """seuranta: kehittämisohjelman toimenpiteiden seuranta git-tietovarastossa."""


cli.help = both(
    "seuranta: kehittämisohjelman toimenpiteiden seuranta git-tietovarastossa. Ohje englanniksi: --lang en "
    "tai LANG=en_US.UTF-8.",
    "seuranta: monitoring a development programme's measures in a git repository. Help in Finnish: --lang fi.",
)


@cli.command(
    help=both(
        "Tarkista koko tietovarasto (oletus) tai annetut tiedostot ja kansiot.\n\n"
        "Paluuarvot: 0 ei virheitä, 1 virheitä (tai varoituksia, kun --strict), 2 käyttövirhe, 3 sisäinen virhe.",
        "Validate the data tree (default) or the given files and folders.\n\n"
        "Exit codes: 0 no errors, 1 findings at error severity (or warnings with --strict), 2 usage error, "
        "3 internal error.",
    )
)
@click.argument("paths", nargs=-1, type=click.Path())
@click.option(
    "--format",
    "format_",
    type=click.Choice(REPORTERS.names),
    default=None,
    help=both(
        "Tulostusmuoto (oletus: text; GitHub Actionsissa github).",
        "Output format (default: text; github under GitHub Actions).",
    ),
)
@lang_option
@click.option(
    "--strict", is_flag=True, help=both("Myös varoitukset ovat virheitä (paluuarvo 1).", "Warnings fail too (exit 1).")
)
@click.option(
    "--show-acknowledged",
    is_flag=True,
    help=both("Näytä myös kuitatut havainnot.", "List acknowledged findings as well."),
)
@click.option(
    "--no-cache",
    is_flag=True,
    help=both(
        "Tarkista jokainen tiedosto alusta, älä käytä tai päivitä välimuistia .seuranta-cache.",
        "Check every file afresh and leave .seuranta-cache untouched.",
    ),
)
@click.option(
    "--rev",
    default=None,
    metavar="REV",
    help=both(
        "Tarkista git-revision kaikki tiedostot suoraan gitistä (mitään ei haeta työhakemistoon) tämän "
        "tietovaraston asetuksilla.",
        "Check every data file of a git revision, read from git (nothing checked out), with this configuration.",
    ),
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
    """Validate the data tree (default) or the given files and folders."""
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


@cli.command(
    help=both(
        "Tietojen muutokset merkityksen tasolla: BASE (oletus: yhteinen kanta mainin kanssa) verrattuna HEADiin "
        "(oletus: työhakemisto).\n\n"
        "\b\n"
        "seuranta diff              HEADin ja mainin yhteinen kanta → työhakemisto\n"
        "seuranta diff A            A → työhakemisto\n"
        "seuranta diff A B, A..B    kärjet A → B\n"
        "seuranta diff A...B        git merge-base A B → B: vain se, mitä B muutti A:sta erottuaan\n"
        "                           (mitä B:stä A:han tehty muutospyyntö muuttaa)\n\n"
        "Paluuarvot: 0 ei muutoksia, 1 muutoksia, 2 virhe.",
        "Semantic diff of the data: BASE (default: merge base with main) against HEAD (default: working tree).\n\n"
        "\b\n"
        "seuranta diff              merge base of HEAD and main → working tree\n"
        "seuranta diff A            A → working tree\n"
        "seuranta diff A B, A..B    the two tips A → B\n"
        "seuranta diff A...B        git merge-base A B → B: only what B changed since it left A\n"
        "                           (what a pull request from B into A changes)\n\n"
        "Exit codes: 0 no change, 1 changes found, 2 error.",
    )
)
@click.argument("base", required=False)
@click.argument("head", required=False)
@click.option(
    "--rounds",
    "rounds",
    nargs=2,
    default=None,
    metavar="A B",
    callback=iso_date_option,
    help=both(
        "Vertaa työhakemiston kahta kierrosta (2022-11-15 tai 15.11.2022).",
        "Compare two rounds (2022-11-15 or 15.11.2022) in the working tree instead.",
    ),
)
@click.option(
    "--format",
    "format_",
    type=click.Choice(DIFF_FORMATS.names),
    default="text",
    help=both("Tulostusmuoto.", "Output format."),
)
@click.option(
    "--color",
    type=click.Choice(["auto", "always", "never"]),
    default="auto",
    help=both("Väritä sanamuutokset (auto: päätteessä).", "Colour word changes (auto: on a terminal)."),
)
@lang_option
def diff(
    base: str | None, head: str | None, rounds: tuple[str, str] | None, format_: str, color: str, lang: str | None
) -> None:
    """Semantic diff of the data between revisions or rounds."""
    from seuranta.commands import diff as command

    if rounds and base is not None:
        raise click.UsageError("--rounds compares two rounds of the working tree; give no BASE or HEAD.")
    options = command.Options(base, head, rounds or None, format_, color, lang or default_lang())
    raise SystemExit(command.execute(options))


@cli.command(
    help=both(
        "Yhteenvetotaulukot: kattavuus (coverage), viimeisimmät luvut (latest), puuttuvat tilanteet (missing), "
        "havainnot (findings), tavoitteet (goals).\n\n"
        "Paluuarvot: 0 valmis, 2 käyttövirhe (tuntematon ohjelma, kierros tai muoto) tai sisäinen virhe.",
        "Summary tables of the data: coverage, latest, missing, findings, goals.\n\n"
        "Exit codes: 0 done, 2 usage error (unknown programme, round or format) or internal error.",
    )
)
@click.option(
    "--table",
    type=click.Choice(SUMMARY_TABLES.names),
    default="coverage",
    help=both("Mikä taulukko.", "Which table."),
)
@click.option("--programme", default=None, help=both("Vain tämä ohjelma (tunniste).", "Only this programme (id)."))
@click.option(
    "--group",
    default=None,
    help=both(
        "Vain tämä ryhmä (tunniste, esim. pirsote/tp09 tai tp09).", "Only this group (id, e.g. pirsote/tp09 or tp09)."
    ),
)
@click.option(
    "--round",
    "round_",
    default=None,
    callback=iso_date_option,
    help=both(
        "Vain tämä kierros (2022-11-15 tai 15.11.2022); missing-taulukossa oletus on viimeisin kierros.",
        "Only this round (2022-11-15 or 15.11.2022); for missing, default the latest round.",
    ),
)
@click.option(
    "--rev",
    default=None,
    help=both(
        "Tee yhteenveto git-revisiosta työhakemiston sijaan.", "Summarise a git revision instead of the working tree."
    ),
)
@click.option(
    "--format",
    "format_",
    default="plain",
    metavar="FORMAT",
    help=both(
        "Mikä tahansa tabulate-muoto (plain, github, html, latex, …) tai csv.",
        "Any tabulate format (plain, github, html, latex, …) or csv.",
    ),
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
    """Summary tables of the data."""
    from seuranta.commands import summary as command

    options = command.Options(table, programme, group, round_, rev, format_, lang or default_lang(), today())
    raise SystemExit(command.execute(options))


@cli.command(
    help=both(
        "Yhden toimenpiteen koko aikajana: kierros, teksti ja siitä löydetyt luvut.\n\n"
        "Paluuarvot: 0 näytetty, 2 toimenpidettä ei löydy tai sisäinen virhe.",
        "One measure's whole timeline: round label, text and the figures found.\n\n"
        "Exit codes: 0 shown, 2 no such measure or internal error.",
    )
)
@click.argument("measure")
@click.option(
    "--format",
    "format_",
    type=click.Choice(SHOW_FORMATS.names),
    default="text",
    help=both("Tulostusmuoto.", "Output format."),
)
@lang_option
def show(measure: str, format_: str, lang: str | None) -> None:
    """One measure's whole timeline."""
    from seuranta.commands import show as command

    raise SystemExit(command.execute(command.Options(measure, format_, lang or default_lang())))


@cli.command(
    help=both(
        "Kirjoita staattinen raporttisivusto (suomeksi, toimii ilman verkkoa) kansioon OUT.",
        "Write the static report site (Finnish, works offline) into OUT.",
    )
)
@click.option(
    "--out",
    required=True,
    type=click.Path(file_okay=False),
    help=both("Sivuston kansio (index.html, tyyli.css, sivut).", "Folder for the site (index.html, tyyli.css, pages)."),
)
@programmes_option
@click.option(
    "--source",
    "sources",
    multiple=True,
    type=click.Path(exists=True, file_okay=False),
    help=both(
        "Alueen tietovarasto; voi toistaa: yksi sivusto kaikille, ohjelmat rinnakkain.",
        "A region's repository; repeatable: one site for them all, their programmes side by side.",
    ),
)
@lang_option
def report(out: str, programmes: tuple[str, ...], sources: tuple[str, ...], lang: str | None) -> None:
    """Write the static report site into OUT."""
    from pathlib import Path

    from seuranta.commands import report as command

    options = command.Options(
        Path(out), today(), programmes, sources=tuple(Path(s) for s in sources), lang=lang or default_lang()
    )
    raise SystemExit(command.execute(options))


@cli.command(
    help=both(
        "Vie siistit taulukot: toimenpiteet, tilanteet (toimenpide × kierros) ja luvut (toimenpide × kierros × luku).",
        "Export tidy tables: measures, statuses (measure x round) and figures (measure x round x figure).",
    )
)
@click.option(
    "--format",
    "format_",
    type=click.Choice(EXPORT_FORMATS.names),
    default=None,
    help=both(
        "Tulostusmuoto (oletus --outin mukaan: .xlsx, .json, muuten CSV-kansio).",
        "Output format (default from --out: .xlsx, .json, otherwise a csv folder).",
    ),
)
@click.option(
    "--out",
    required=True,
    type=click.Path(),
    help=both(
        "XLSX- tai JSON-tiedosto tai CSV-tiedostojen kansio.", "XLSX or JSON file, or the folder for the CSV files."
    ),
)
@programmes_option
@click.option(
    "--dialect",
    type=click.Choice(CSV_DIALECTS.names),
    default="excel-fi",
    help=both(
        "CSV-murre: excel-fi (';', desimaalipilkku, UTF-8 ja BOM) tai standard (',', desimaalipiste, ei BOMia).",
        "CSV dialect: excel-fi (';', decimal comma, UTF-8 with BOM) or standard (',', decimal point, no BOM).",
    ),
)
@lang_option
def export(format_: str | None, out: str, programmes: tuple[str, ...], dialect: str, lang: str | None) -> None:
    """Export tidy tables."""
    from pathlib import Path

    from seuranta.commands import export as command

    fmt = command.format_for(Path(out), format_)
    options = command.Options(Path(out), fmt, programmes, dialect=dialect, lang=lang or default_lang())
    raise SystemExit(command.execute(options))


@cli.group(
    "import",
    help=both(
        "Tuo seurantataulukko ohjelman YAML-tiedostoiksi.", "Import a monitoring table into a programme's YAML files."
    ),
)
def import_() -> None:
    """Import a monitoring table."""


@import_.command(
    "xlsx",
    help=both(
        "Lue seurantataulukko (lähdeaineiston sarakejärjestyksessä) YAML-tiedostoiksi. `seuranta collect` "
        "-työkirjan täytetyt solut lisätään uusina tilanteina.",
        "Read a monitoring table (seurantataulukko) in the seeds' column layout into YAML files. A workbook "
        "written by `seuranta collect` appends its filled cells as new statuses instead.",
    ),
)
@click.argument("file", type=click.Path(exists=True, dir_okay=False))
@click.option(
    "--programme",
    default="",
    help=both(
        "Ohjelman tunniste (kansio datakansiossa); ei `collect`-työkirjalle.",
        "Programme id (folder under the data folder); not for a `collect` workbook.",
    ),
)
@click.option(
    "--out",
    default=None,
    type=click.Path(file_okay=False),
    help=both("Datakansio (oletus: tietovaraston data/).", "Data folder (default: the repository's data/)."),
)
@click.option(
    "--sheet",
    default=None,
    help=both(
        "Luettava taulukko (oletus: seurantataulukko, muuten ensimmäinen sopiva).",
        "Sheet to read (default: seurantataulukko, else the first in the layout).",
    ),
)
@click.option(
    "--title",
    default=None,
    help=both(
        "Ohjelman nimi, kun programme.yaml luodaan (oletus: tunniste).",
        "Programme title when programme.yaml is created (default: the id).",
    ),
)
@lang_option
def import_xlsx(
    file: str, programme: str, out: str | None, sheet: str | None, title: str | None, lang: str | None
) -> None:
    """Read a monitoring table into YAML files."""
    from pathlib import Path

    from seuranta.commands import import_xlsx as command

    options = command.Options(
        Path(file), programme, Path(out) if out else None, sheet, title, lang=lang or default_lang()
    )
    raise SystemExit(command.execute(options, today=today()))


@cli.command(
    help=both(
        "Luo toimenpidetiedosto data/OHJELMA/RYHMÄ/NN-nimi.yaml ja tarkista se. Tiedostoa ei luoda, jos siihen "
        "tulisi virhe (esim. ryhmässä jo käytetty numero).\n\n"
        "Paluuarvot: 0 luotu, 1 ei luotu (virheet tulostetaan), 2 tuntematon ohjelma tai ryhmä, ohjaus- tai "
        "suuntamerkki nimessä tai numerossa, 3 sisäinen virhe.",
        "Scaffold a measure file data/PROGRAMME/GROUP/NN-slug.yaml and validate it. Nothing is created when the "
        "file would have an error (e.g. a number already taken in the group).\n\n"
        "Exit codes: 0 created, 1 not created (the errors are printed), 2 unknown programme or group, a control or "
        "bidirectional character in the title or number, 3 internal error.",
    )
)
@click.option(
    "--programme", required=True, help=both("Ohjelman tunniste (esim. pirsote).", "Programme id (e.g. pirsote).")
)
@click.option(
    "--group",
    required=True,
    help=both("Ryhmän tunniste (esim. tp09 tai pirsote/tp09).", "Group id (e.g. tp09 or pirsote/tp09)."),
)
@click.option("--title", required=True, help=both("Toimenpiteen nimi.", "The measure's title."))
@click.option(
    "--number",
    default=None,
    help=both('Numero sellaisenaan (esim. "Tp 4 b)").', 'Number as printed (e.g. "Tp 4 b)").'),
)
@lang_option
def new(programme: str, group: str, title: str, number: str | None, lang: str | None) -> None:
    """Scaffold a measure file and validate it."""
    from seuranta.commands import new as command

    raise SystemExit(command.execute(command.Options(programme, group, title, number, lang or default_lang(), today())))


@cli.group(help=both("Tilannekatsaukset.", "Status entries."))
def status() -> None:
    """Status entries."""


@status.command(
    "add",
    help=both(
        "Lisää kierroksen DATE tilanne toimenpiteeseen MEASURE (tunniste tai tiedosto) vain rivejä lisäämällä. "
        "Mitään ei kirjoiteta, jos tilanne toisi virheen (esim. henkilötunnus tai väärä nimittäjä).\n\n"
        "Paluuarvot: 0 lisätty, 1 ei lisätty (ei kierros, kierros jo tiedostossa, tyhjä teksti, ohjaus- tai "
        "suuntamerkki, uusi virhe, polku datakansion ulkopuolella, kirjoitussuojattu tiedosto), 2 toimenpidettä "
        "ei löydy, 3 sisäinen virhe.",
        "Append the status of round DATE to MEASURE (an id or a file), adding lines only. Nothing is written "
        "when the status would add an error (e.g. a henkilötunnus or a wrong denominator).\n\n"
        "Exit codes: 0 added, 1 refused (not a round, round already there, empty text, a control or bidirectional "
        "character, a new error, a path outside the data folder, a read-only file), 2 no such measure, "
        "3 internal error.",
    ),
)
@click.argument("measure")
@click.option(
    "--date", required=True, help=both("Kierros: 2022-11-15 tai 15.11.2022.", "Round: 2022-11-15 or 15.11.2022.")
)
@click.option("--text", default=None, help=both("Tilanteen teksti.", "The status text."))
@click.option(
    "--text-file",
    type=click.Path(allow_dash=True),
    default=None,
    help=both("Teksti tiedostosta (- = vakiosyöte).", "Text from a file (- = stdin)."),
)
@lang_option
def status_add(measure: str, date: str, text: str | None, text_file: str | None, lang: str | None) -> None:
    """Append the status of round DATE to MEASURE, adding lines only."""
    from seuranta.commands import status_add as command

    if (text is None) == (text_file is None):
        raise click.UsageError("Anna joko --text tai --text-file / give either --text or --text-file.")
    options = command.Options(measure, date, text, text_file, lang or default_lang(), today=today())
    raise SystemExit(command.execute(options))


@cli.command(
    "fmt",
    help=both(
        "Muotoile koko tietovarasto (oletus) tai annetut tiedostot; kommentit säilyvät eikä yksikään arvo muutu. "
        "Kirjoitussuojattuja tiedostoja ei muuteta.\n\n"
        "Paluuarvot: 0 valmis (--check: ei muotoiltavaa), 1 tiedostoja pitäisi muotoilla tai niitä ei voitu "
        "muotoilla, 2 käyttövirhe.",
        "Format the data tree (default) or the given files; comments are kept and values never change. "
        "Read-only files are left as they are.\n\n"
        "Exit codes: 0 done (with --check: nothing to change), 1 files would change or could not be formatted, "
        "2 usage error.",
    ),
)
@click.argument("paths", nargs=-1, type=click.Path())
@click.option(
    "--check",
    is_flag=True,
    help=both(
        "Luettele vain tiedostot, jotka muuttuisivat (paluuarvo 1, jos niitä on).",
        "Only list the files that would change (exit 1 if any).",
    ),
)
@click.option("--fix-hint", default="seuranta fmt", hidden=True, help="The command --check tells the user to run.")
@lang_option
def fmt_command(paths: tuple[str, ...], check: bool, fix_hint: str, lang: str | None) -> None:
    """Format the data tree or the given files."""
    from seuranta.commands import fmt as command

    raise SystemExit(command.execute(command.Options(paths, check, lang or default_lang(), fix=fix_hint)))


@cli.command(
    help=both(
        "Ehdota tilanteiden murtoluvuista ja prosenteista rakenteisia havaintoja (quote, value, of, unit) "
        "YAML-muodossa.\n\n"
        "Paluuarvot: 0 valmis, 1 tiedostoa ei voitu lukea tai kirjoittaa, 2 toimenpidettä ei löydy, "
        "3 sisäinen virhe.",
        "Propose observations (quote, value, of, unit) for fractions and percentages in status texts, as YAML.\n\n"
        "Exit codes: 0 done, 1 a file could not be read or written, 2 no such measure, 3 internal error.",
    )
)
@click.argument("measures", nargs=-1)
@click.option(
    "--write",
    is_flag=True,
    help=both(
        "Lisää ehdotetut havainnot tiedostoihin (ei, jos ne toisivat virheen).",
        "Insert the proposed observations into the files (not when they would add an error).",
    ),
)
@lang_option
def extract(measures: tuple[str, ...], write: bool, lang: str | None) -> None:
    """Propose observations for the figures in status texts."""
    from seuranta.commands import extract as command

    raise SystemExit(command.execute(command.Options(measures, write, lang or default_lang(), today=today())))


@cli.command(
    help=both(
        "Luo alueen oma tietovarasto kansioon DIRECTORY (oletus: tämä kansio) ja tarkista se.\n\n"
        "Paluuarvot: 0 valmis, 1 kirjoitettu mutta havaintoja, 2 kansio ei ole tyhjä tai tunniste, kierros tai "
        "merkki on virheellinen, 3 sisäinen virhe.",
        "Create a region's data repository in DIRECTORY (default: here), then validate it.\n\n"
        "Exit codes: 0 ready, 1 written with findings, 2 the folder is not empty, a bad id, round or character, "
        "3 internal error.",
    )
)
@click.argument("directory", default=".", type=click.Path(file_okay=False))
@click.option(
    "--programme", required=True, help=both("Ohjelman tunniste (esim. oma-alue).", "Programme id (e.g. oma-alue).")
)
@click.option("--title", required=True, help=both("Ohjelman nimi.", "The programme's title."))
@click.option("--region", default=None, help=both("Alue (esim. Pirkanmaa).", "Region (e.g. Pirkanmaa)."))
@click.option(
    "--group-label",
    default="työpaketti",
    show_default=True,
    help=both("Millä nimellä ryhmiä kutsutaan.", "What a group is called."),
)
@click.option(
    "--round",
    "rounds",
    multiple=True,
    callback=iso_date_option,
    help=both(
        "Raportointikierros: 2025-05-15 tai 15.5.2025; voi toistaa.",
        "A reporting round: 2025-05-15 or 15.5.2025; repeatable.",
    ),
)
@click.option(
    "--hooks-repo",
    default=None,
    help=both("Missä seurannan pre-commit-koukut julkaistaan.", "Where seuranta's pre-commit hooks are published."),
)
@click.option(
    "--hooks-rev",
    default=None,
    help=both(
        "Koukkujen tagi tai commit (oletus: tämän version tagi).",
        "The hooks' tag or commit (default: this version's tag).",
    ),
)
@lang_option
def init(
    directory: str,
    programme: str,
    title: str,
    region: str | None,
    group_label: str,
    rounds: tuple[str, ...],
    hooks_repo: str | None,
    hooks_rev: str | None,
    lang: str | None,
) -> None:
    """Create a region's data repository in DIRECTORY, then validate it."""
    from pathlib import Path

    from seuranta.commands import init as command

    options = command.Options(
        Path(directory),
        programme,
        title,
        region,
        group_label,
        rounds,
        hooks_repo or command.HOOKS_REPOSITORY,
        hooks_rev or f"v{__version__}",
        lang or default_lang(),
        today(),
    )
    raise SystemExit(command.execute(options))


@cli.command(
    help=both(
        "Kirjoita yhden kierroksen täyttötyökirja; `seuranta import xlsx` lukee täytetyt solut takaisin.\n\n"
        "Paluuarvot: 0 kirjoitettu, 2 tuntematon kierros tai ohjelma, 3 sisäinen virhe.",
        "Write a fill-in workbook for one round; `seuranta import xlsx` takes the filled cells back.\n\n"
        "Exit codes: 0 written, 2 unknown round or programme, 3 internal error.",
    )
)
@click.option(
    "--round",
    "round_",
    required=True,
    callback=iso_date_option,
    help=both("Kierros: 2022-11-15 tai 15.11.2022.", "Round: 2022-11-15 or 15.11.2022."),
)
@click.option(
    "--out",
    required=True,
    type=click.Path(dir_okay=False),
    help=both("Kirjoitettava työkirja (.xlsx).", "The workbook to write (.xlsx)."),
)
@programmes_option
@lang_option
def collect(round_: str, out: str, programmes: tuple[str, ...], lang: str | None) -> None:
    """Write a fill-in workbook for one round."""
    from pathlib import Path

    from seuranta.commands import collect as command

    raise SystemExit(command.execute(command.Options(round_, Path(out), programmes, lang=lang or default_lang())))


@cli.command(
    help=both(
        "Alueet rinnakkain: tietovarastot tai niiden `export --format parquet` -kansiot DuckDB:ssä.\n\n"
        "Paluuarvot: 0 tulostettu, 2 lähde ei ole kumpaakaan, tuntematon muoto tai epäonnistunut --sql, "
        "3 sisäinen virhe.",
        "Several regions side by side: repositories or their `export --format parquet` folders, in DuckDB.\n\n"
        "Exit codes: 0 printed, 2 a source that is neither, an unknown format or a failing --sql, 3 internal error.",
    )
)
@click.argument("sources", nargs=-1, required=True, type=click.Path(exists=True, file_okay=False))
@click.option(
    "--format",
    "format_",
    default="plain",
    metavar="FORMAT",
    help=both("Mikä tahansa tabulate-muoto tai csv.", "Any tabulate format or csv."),
)
@click.option(
    "--sql",
    default=None,
    help=both(
        "Vapaa kysely tauluista measures, statuses, figures ja findings.",
        "An ad-hoc query over measures, statuses, figures and findings.",
    ),
)
@click.option(
    "--out",
    default=None,
    type=click.Path(dir_okay=False),
    help=both("Säilytä DuckDB-tietokanta tähän tiedostoon.", "Keep the DuckDB database in this file."),
)
@lang_option
def national(sources: tuple[str, ...], format_: str, sql: str | None, out: str | None, lang: str | None) -> None:
    """Several regions side by side, in DuckDB."""
    from pathlib import Path

    from seuranta.commands import national as command

    where = Path(out) if out else None
    options = command.Options(tuple(Path(s) for s in sources), format_, sql, where, today(), lang or default_lang())
    raise SystemExit(command.execute(options))


@cli.group(
    "server",
    help=both(
        "Taustapalvelin, joka on jo ladannut seurannan: komennot ajetaan siinä ilman Pythonin käynnistystä "
        "(SEURANTA_SERVER=0 ohittaa sen).",
        "A resident server that has loaded seuranta already: commands run in it without starting Python "
        "(SEURANTA_SERVER=0 bypasses it).",
    ),
)
def server_group() -> None:
    """The resident server."""


idle_option = click.option(
    "--idle",
    type=float,
    default=15 * 60.0,
    show_default=True,
    help=both("Pysähdy näin monen joutilaan sekunnin jälkeen.", "Stop after this many idle seconds."),
)


def _server(action: str, idle: float, lang: str | None) -> None:
    from seuranta.commands import server as command

    raise SystemExit(command.execute(command.Options(action, idle, lang or default_lang(), main)))


@server_group.command("start", help=both("Käynnistä palvelin taustalle.", "Start the server in the background."))
@idle_option
@lang_option
def server_start(idle: float, lang: str | None) -> None:
    """Start the server in the background."""
    _server("start", idle, lang)


@server_group.command("stop", help=both("Pysäytä palvelin.", "Stop the server."))
@lang_option
def server_stop(lang: str | None) -> None:
    """Stop the server."""
    _server("stop", 1.0, lang)


@server_group.command(
    "status",
    help=both(
        "Kerro, kuunteleeko palvelin (paluuarvo 0) vai ei (1).", "Tell whether the server listens (exit 0) or not (1)."
    ),
)
@lang_option
def server_status(lang: str | None) -> None:
    """Tell whether the server listens."""
    _server("status", 1.0, lang)


@server_group.command("run", hidden=True, help="Serve in the foreground (what `start` runs in the background).")
@idle_option
@lang_option
def server_run(idle: float, lang: str | None) -> None:
    """Serve in the foreground."""
    _server("run", idle, lang)


def _lang(argv: Sequence[str]) -> str:
    """The language the command line asks for, for the one line an error is reported in."""
    for index, arg in enumerate(argv):
        if arg.startswith("--lang="):
            return "en" if arg.endswith("=en") else "fi"
        if arg == "--lang" and index + 1 < len(argv):
            return "en" if argv[index + 1] == "en" else "fi"
    return environment_lang()


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


CLICK_ERRORS = {
    "option": Message("tuntematon valitsin {name}.", "no such option: {name}."),
    "command": Message("tuntematon komento '{name}'.", "no such command '{name}'."),
    "missing": Message("{kind} {name} puuttuu.", "missing {kind} {name}."),
    "suggest": Message(" Tarkoititko: {names}?", " Did you mean: {names}?"),
    "choice": Message(
        "{name}: '{value}' ei ole vaihtoehto. Vaihtoehdot: {choices}.",
        "{name}: '{value}' is not a choice. Choices: {choices}.",
    ),
    "hint": Message("Ohje: {command} --help", "Help: {command} --help"),
    "error": Message("Virhe: {message}", "Error: {message}"),
}
PARAMETER_KINDS = {"fi": {"option": "valitsin", "argument": "argumentti"}, "en": {}}


def _suggest(name: str, known: Iterable[str]) -> list[str]:
    import difflib

    return difflib.get_close_matches(name, sorted(known), n=3, cutoff=0.75)


def _click_message(err: click.ClickException, lang: str, args: Sequence[str]) -> str:
    """Click's usage errors in the asked language, each with what was probably meant."""
    if isinstance(err, click.exceptions.NoSuchOption):
        found = _suggest(err.option_name, _option_names(err.ctx))
        text = CLICK_ERRORS["option"].text(lang).format(name=err.option_name)
    elif isinstance(err, click.exceptions.NoSuchCommand):
        found = _suggest(err.command_name, err.possibilities or [])
        text = CLICK_ERRORS["command"].text(lang).format(name=err.command_name)
    elif isinstance(err, click.exceptions.BadParameter) and err.param is not None and _is_choice(err.param.type):
        choices = [str(choice) for choice in err.param.type.choices]
        value = _given(err.param, args)
        found = _suggest(value, choices)
        name = err.param.get_error_hint(err.ctx) if err.ctx is not None else str(err.param.name)
        text = CLICK_ERRORS["choice"].text(lang).format(name=name, value=value, choices=", ".join(choices))
    elif isinstance(err, click.exceptions.MissingParameter) and err.param is not None:
        kind = err.param.param_type_name
        hint = err.param.get_error_hint(err.ctx) if err.ctx is not None else err.param.name
        text = CLICK_ERRORS["missing"].text(lang).format(kind=PARAMETER_KINDS[lang].get(kind, kind), name=hint)
        return text[0].upper() + text[1:] if lang == "en" else text
    else:
        return err.format_message()
    return text + (CLICK_ERRORS["suggest"].text(lang).format(names=", ".join(found)) if found else "")


def _is_choice(kind: Any) -> TypeGuard[click.Choice[Any]]:
    return isinstance(kind, click.Choice)


def _given(param: click.Parameter, args: Sequence[str]) -> str:
    """The value given for the option `param` on the command line (the last one, as click takes it)."""
    opts = getattr(param, "opts", [])
    for index in range(len(args) - 1, -1, -1):
        for opt in opts:
            if args[index] == opt and index + 1 < len(args):
                return args[index + 1]
            if args[index].startswith(opt + "="):
                return args[index][len(opt) + 1 :]
    return "?"


def _option_names(ctx: click.Context | None) -> list[str]:
    params = ctx.command.params if ctx is not None else []
    return [name for p in params if isinstance(p, click.Option) for name in p.opts]


def _show_click_error(err: click.ClickException, lang: str, args: Sequence[str]) -> None:
    ctx = getattr(err, "ctx", None)
    if ctx is not None:
        with ctx.scope(cleanup=False):
            click.echo(ctx.get_usage(), err=True)
        click.echo(CLICK_ERRORS["hint"].text(lang).format(command=ctx.command_path) + "\n", err=True)
    click.echo(CLICK_ERRORS["error"].text(lang).format(message=_click_message(err, lang, args)), err=True)


def main(argv: Sequence[str] | None = None) -> int:
    """Run the CLI: the one place failures become exit codes (model.errors.Exit), never a traceback."""
    args = list(argv) if argv is not None else sys.argv[1:]
    try:
        cli.main(args=args, prog_name="seuranta", standalone_mode=False, obj={"lang": _lang(args)})
    except SystemExit as done:
        return int(done.code or 0) if not isinstance(done.code, str) else Exit.USAGE
    except click.exceptions.Abort:
        return Exit.USAGE
    except click.ClickException as err:
        _show_click_error(err, _lang(args), args)
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
