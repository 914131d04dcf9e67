"""`seuranta init`: a region's data repository, ready in one command.

Writes into an empty folder (or one holding only what a new git repository holds):
`.seuranta.yaml`, `data/<programme>/programme.yaml` with the questions a coordinator must
answer marked `KYSYMYS`, the editors' schemas (`schemas/draft-07/`, from the package), the
VS Code settings that associate them, `.gitignore`, `.pre-commit-config.yaml` naming seuranta's
hooks by reference, the GitHub workflows (validate, PR comment, report) pinned as seuranta's own,
and a Finnish README for editors. Nothing is ever overwritten; then the new tree is validated.
"""

from __future__ import annotations

import datetime
import re
import sys
from pathlib import Path
from typing import NamedTuple, TextIO

from ruamel.yaml.comments import CommentedMap, CommentedSeq

from seuranta import __version__
from seuranta.commands import validate as validate_command
from seuranta.commands.import_xlsx import NATIONAL_TITLES
from seuranta.edit import roundtrip
from seuranta.files import atomic
from seuranta.model import loader, resources
from seuranta.model.documents import CONFIG_FILE, PROGRAMME_FILE
from seuranta.model.errors import UsageError
from seuranta.model.isodate import iso_date
from seuranta.model.problem import Message
from seuranta.reporters import escaping

TEMPLATES = Path(__file__).resolve().parent.parent / "templates"
HOOKS_REPOSITORY = "https://github.com/seuranta/seuranta"
"""Where seuranta's pre-commit hooks are published (`--hooks-repo` names another)."""

KEPT = frozenset({".git", ".gitattributes", "LICENSE", "LICENSE.md", "LICENSE.txt", "README.md", ".gitignore"})
"""What a new git repository may already hold (GitHub's "add a README, .gitignore, license"): kept as it is."""

SLUG = re.compile(r"[a-z0-9][a-z0-9-]*\Z")

POPULATIONS = """\
# KYSYMYS: Mitä murtoluvut laskevat? Jos tilannekatsauksissa lukee esim. "käytössä 7/14
# organisaatiossa", kirjoita perusjoukko, sen koko ja sanat, joilla teksti sen nimeää (sanojen
# alut, jotta jokainen taivutusmuoto tunnistetaan). Poista #-merkit ja korjaa:
# populations:
# - id: organisaatio
#   title: Alueen sote-organisaatiot
#   size: 15
#   stems: [organisaatio, sotekeskuks]
"""
PORTFOLIOS = """\
# KYSYMYS: Onko ohjelmalla hankesalkkuja? Jos on, kirjoita ne (numero ja nimet, joilla teksti
# niihin viittaa). Poista #-merkit ja korjaa:
# portfolios:
# - id: hs1
#   title: Hankesalkku 1
#   number: 1
#   aliases: [HS 1]
"""
Q_GOALS = (
    "KYSYMYS: Mitkä ovat ohjelman hyötytavoitteet? Tässä ovat kansalliset viisi; nimeä ne ohjelman\n"
    "omin sanoin ja poista ne, joita ohjelmalla ei ole. national kertoo, mihin kansalliseen\n"
    "tavoitteeseen kukin kuuluu (saatavuus, ennaltaehkaisy, laatu, monialaisuus, kustannukset)."
)
Q_ROUNDS = (
    "KYSYMYS: Milloin tilanne raportoidaan? Kirjoita jokainen kierros aikajärjestyksessä: päivä,\n"
    "otsikko sellaisena kuin se taulukossa lukee ja laji (baseline, status tai summary)."
)
Q_GROUPS = "KYSYMYS: Miksi ohjelma kutsuu ryhmiään (työpaketti, prosessitavoite, toimenpidekokonaisuus…)?"

CREATED = Message("Luotu {path}", "Created {path}")
KEPT_FILE = Message("Säilytetty {path} (oli jo olemassa)", "Kept {path} (it was already there)")
NEXT = Message(
    "Seuraavaksi: vastaa KYSYMYS-kohtiin tiedostossa {programme}, sitten pre-commit install.",
    "Next: answer the KYSYMYS points in {programme}, then pre-commit install.",
)
NOT_EMPTY = Message(
    "kansio {path} ei ole tyhjä ({names}); seuranta init kirjoittaa vain tyhjään kansioon "
    "(tai uuteen git-tietovarastoon), eikä koskaan korvaa tiedostoja.",
    "the folder {path} is not empty ({names}); seuranta init writes only into an empty folder "
    "(or a new git repository) and never overwrites a file.",
)
NOT_FOLDER = Message("{path} ei ole kansio.", "{path} is not a folder.")
BAD_ID = Message(
    "ohjelman tunniste '{programme}' ei kelpaa: pienet kirjaimet a–z, numerot ja yhdysmerkki (esim. oma-alue).",
    "the programme id '{programme}' is not valid: lowercase a–z, digits and hyphens (e.g. oma-alue).",
)
BAD_ROUND = Message(
    "kierros '{round}' ei ole kalenterin päivämäärä muodossa 2025-05-15 tai 15.5.2025.",
    "the round '{round}' is not a calendar date written 2025-05-15 or 15.5.2025.",
)
BAD_CHARACTER = Message(
    "{option}: merkki {column} on näkymätön ohjausmerkki tai kirjoitussuuntaa muuttava merkki {char}; poista se.",
    "{option}: character {column} is an invisible control or bidirectional character {char}; remove it.",
)


class Options(NamedTuple):
    target: Path
    programme: str
    title: str
    region: str | None
    group_label: str
    rounds: tuple[str, ...]
    hooks_repo: str
    hooks_rev: str
    lang: str
    today: datetime.date


def _finnish(date: datetime.date) -> str:
    return f"{date.day}.{date.month}.{date.year}"


def _rounds(options: Options) -> CommentedSeq:
    """The given rounds as status rounds, or today's baseline when none is given."""
    rounds = CommentedSeq()
    dates = [_date(text) for text in options.rounds]
    for date in sorted(set(dates)):
        rounds.append(CommentedMap([("date", date.isoformat()), ("label", f"Tilanne {_finnish(date)}")]))
    if not dates:
        date = options.today
        rounds.append(
            CommentedMap(
                [("date", date.isoformat()), ("label", f"Lähtötilanne {_finnish(date)}"), ("kind", "baseline")]
            )
        )
    return rounds


def _date(text: str) -> datetime.date:
    found = iso_date(text)
    if found is None:
        raise UsageError(BAD_ROUND, round=text)
    return datetime.date.fromisoformat(found)


def programme_text(options: Options) -> str:
    """programme.yaml: what init knows, and the coordinator's questions as comments beside what they ask."""
    doc = CommentedMap()
    doc["id"] = options.programme
    doc["title"] = options.title
    if options.region:
        doc["region"] = options.region
    doc["group_label"] = options.group_label
    doc.yaml_set_comment_before_after_key("group_label", before=Q_GROUPS)
    goals = CommentedSeq(CommentedMap([("id", n), ("title", t), ("national", n)]) for n, t in NATIONAL_TITLES.items())
    doc["benefit_goals"] = goals
    doc.yaml_set_comment_before_after_key("benefit_goals", before=Q_GOALS)
    doc["rounds"] = _rounds(options)
    doc.yaml_set_comment_before_after_key("rounds", before=Q_ROUNDS)
    text = resources.modeline("programme", f"data/{options.programme}") + roundtrip.dump(doc) + POPULATIONS + PORTFOLIOS
    formatted = roundtrip.format_bytes(PROGRAMME_FILE, text.encode("utf-8"), "programme").text
    return formatted or text


def config_text() -> str:
    return (
        resources.modeline("config", ".")
        + "# seuranta: tarkistuksen asetukset (schemas/draft-07/config.schema.json).\n"
        + "data: data\n"
    )


def _template(name: str, **fields: str) -> str:
    text = (TEMPLATES / name).read_text(encoding="utf-8")
    for key, value in fields.items():
        text = text.replace("{" + key + "}", value)
    return text


def files(options: Options) -> dict[str, str]:
    """Every file init writes, by its path in the repository, in writing order."""
    written = {
        CONFIG_FILE: config_text(),
        f"data/{options.programme}/{PROGRAMME_FILE}": programme_text(options),
    }
    for kind in resources.EDITOR_KINDS:
        source = resources.editor_schemas_dir() / f"{kind}.schema.json"
        written[str(resources.editor_schema(kind))] = source.read_text(encoding="utf-8")
    written[".vscode/settings.json"] = _template("vscode/settings.json")
    written[".vscode/extensions.json"] = _template("vscode/extensions.json")
    written[".gitignore"] = _template("gitignore")
    written[".pre-commit-config.yaml"] = _template(
        "pre-commit-config.yaml", hooks_repo=options.hooks_repo, hooks_rev=options.hooks_rev
    )
    for workflow in ("validate", "pr-comment", "report"):
        written[f".github/workflows/{workflow}.yml"] = _template(f"workflows/{workflow}.yml", version=__version__)
    written["README.md"] = _template(
        "README.md", title=escaping.markdown(options.title), programme=options.programme, version=__version__
    )
    return written


def _check(options: Options) -> None:
    if not SLUG.match(options.programme):
        raise UsageError(BAD_ID, programme=options.programme)
    for option, value in (
        ("--title", options.title),
        ("--region", options.region or ""),
        ("--group-label", options.group_label),
    ):
        for found in loader.forbidden_characters(value):
            raise UsageError(BAD_CHARACTER, option=option, char=found.char, column=found.offset + 1)
    for text in options.rounds:
        _date(text)
    target = options.target
    if target.exists() and not target.is_dir():
        raise UsageError(NOT_FOLDER, path=str(target))
    present = sorted(p.name for p in target.iterdir()) if target.is_dir() else []
    unexpected = [name for name in present if name not in KEPT]
    if unexpected:
        raise UsageError(NOT_EMPTY, path=str(target), names=", ".join(unexpected[:5]))


def execute(options: Options, out: TextIO | None = None) -> int:
    """Write the repository, then validate it: 0 when it is ready, 1 with findings."""
    out = out or sys.stdout
    _check(options)
    root = options.target
    for relative, text in files(options).items():
        path = root / relative
        if path.exists():
            out.write(KEPT_FILE.text(options.lang).format(path=relative) + "\n")
            continue
        path.parent.mkdir(parents=True, exist_ok=True)
        atomic.write_text(path, text)
        out.write(CREATED.text(options.lang).format(path=relative) + "\n")
    programme = f"data/{options.programme}/{PROGRAMME_FILE}"
    check = validate_command.Options(
        paths=(),
        format="text",
        lang=options.lang,
        strict=False,
        show_acknowledged=False,
        today=options.today,
        root=root.resolve(),
    )
    status = validate_command.execute(check, out)
    out.write(NEXT.text(options.lang).format(programme=programme) + "\n")
    return status
