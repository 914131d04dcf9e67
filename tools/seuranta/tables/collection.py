"""The round-collection workbook: `seuranta collect` writes it, `seuranta import xlsx` reads it back.

Sheet "Kierros": one row per measure with its programme, group, number, title and responsible
persons, the last two statuses before the round as context (locked, wrapped), and one empty,
unlocked column for the new round's status, with an input prompt (data validation). The sheet is
protected without a password, so a responsible person can write only in that column. A hidden
sheet "seuranta" says what the workbook is (`KIND`), for which round and programmes, and which
column holds the measure ids; `read()` recognises a workbook by it.

Cells are read as a person reads the sheet (`cell_text`): 0.73 formatted as percent is "73 %",
1.5 is "1,5", a date is 15.5.2021 (or 2021-05-15 where the cell's format is ISO).
"""

from __future__ import annotations

import datetime
import io
import re
from pathlib import Path
from typing import Any, NamedTuple

from openpyxl import Workbook, load_workbook
from openpyxl.styles import Alignment, Font, PatternFill, Protection
from openpyxl.utils import column_index_from_string, get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from seuranta.files import atomic
from seuranta.tables import tidy

KIND = "seuranta-kierroskerays"
VERSION = "1"
SHEET = "Kierros"
MARK_SHEET = "seuranta"
CONTEXT = 2
HEADERS = (
    "Tunniste",
    "Ohjelma",
    "Ryhmä",
    "Numero",
    "Kehittämistoimenpide",
    "Vastuuhenkilöt",
    "Toiseksi viimeisin tilanne",
    "Viimeisin tilanne",
)
ID_COLUMN = 1
NEW_COLUMN = len(HEADERS) + 1
WIDTHS = (30, 12, 30, 10, 45, 22, 50, 50, 60)
MAX_TEXT = 10000
# What people write in a cell they have nothing to say in: dashes, dots, question marks, x's.
PLACEHOLDER = re.compile(r"[-–—.…?xX/ ]+")


class Entry(NamedTuple):
    """One filled row of a returned workbook: the sheet's row, its new-status cell and what it says."""

    line: int
    cell: str
    measure: str
    text: str
    formula: bool = False


class Collection(NamedTuple):
    """A returned collection workbook: the round, the programmes it was made for, and its rows."""

    round: str
    programmes: tuple[str, ...]
    entries: list[Entry]


# --- writing --------------------------------------------------------------------------------


def new_header(label: str, date: str) -> str:
    return f"Uusi tilanne: {label} ({date})"


def _context(measure: tidy.Measure, date: str) -> list[str]:
    """The last `CONTEXT` statuses before the round, oldest first, each led by its round label."""
    before = [s for s in measure.statuses if s.date < date][-CONTEXT:]
    texts = [f"{s.label}:\n{s.text}" for s in before]
    return [""] * (CONTEXT - len(texts)) + texts


def rows(programmes: list[tidy.Programme], date: str) -> list[tuple[str, ...]]:
    """One row per measure of the programmes that declare the round, without the new column."""
    found = []
    for programme in programmes:
        if date not in {r.date for r in programme.rounds}:
            continue
        groups = {g.id: g for g in programme.groups}
        for measure in programme.measures:
            group = groups[measure.group]
            people = ", ".join(measure.responsible or group.responsible)
            found.append(
                (
                    measure.id,
                    programme.id,
                    tidy.group_cell(group),
                    measure.number or "",
                    measure.title,
                    people,
                    *_context(measure, date),
                )
            )
    return found


def _text_cell(sheet: Worksheet, row: int, column: int, value: str) -> Any:
    cell = sheet.cell(row=row, column=column)
    cell.value = value
    cell.data_type = "s"  # never a formula, whatever the text starts with
    return cell


def _header(sheet: Worksheet, headers: list[str]) -> None:
    for column, title in enumerate(headers, start=1):
        cell = _text_cell(sheet, 1, column, title)
        cell.font = Font(bold=True)
        cell.alignment = Alignment(wrap_text=True, vertical="top")
        sheet.column_dimensions[get_column_letter(column)].width = WIDTHS[column - 1]
    sheet.freeze_panes = "B2"
    sheet.column_dimensions[get_column_letter(ID_COLUMN)].hidden = True


def _validation(sheet: Worksheet, count: int, label: str) -> None:
    column = get_column_letter(NEW_COLUMN)
    rule = DataValidation(
        type="textLength",
        operator="lessThanOrEqual",
        formula1=str(MAX_TEXT),
        allow_blank=True,
        showInputMessage=True,
        showErrorMessage=True,
        promptTitle="Uusi tilanne",
        prompt=f"Kirjoita toimenpiteen tilanne kierrokselle {label}. Jätä tyhjäksi, jos ei uutta tilannetta.",
        errorTitle="Liian pitkä",
        error=f"Tilanne saa olla enintään {MAX_TEXT} merkkiä.",
    )
    rule.add(f"{column}2:{column}{count + 1}")
    sheet.add_data_validation(rule)


def _mark(book: Workbook, date: str, programmes: list[str]) -> None:
    mark = book.create_sheet(MARK_SHEET)
    for key, value in (
        ("tyyppi", KIND),
        ("versio", VERSION),
        ("kierros", date),
        ("ohjelmat", " ".join(programmes)),
        ("välilehti", SHEET),
        ("tunnistesarake", get_column_letter(ID_COLUMN)),
        ("tilannesarake", get_column_letter(NEW_COLUMN)),
    ):
        mark.append([key, value])
    mark.sheet_state = "hidden"
    mark.protection.sheet = True
    book.properties.keywords = KIND
    book.properties.subject = f"{KIND} {date}"


def workbook(programmes: list[tidy.Programme], date: str, label: str) -> bytes:
    """The fill-in workbook for round `date` (`label` as the programmes print it)."""
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = SHEET
    found = rows(programmes, date)
    _header(sheet, [*HEADERS, new_header(label, date)])
    locked = PatternFill("solid", fgColor="EEEEEE")
    for line, values in enumerate(found, start=2):
        for column, value in enumerate(values, start=1):
            cell = _text_cell(sheet, line, column, value)
            cell.alignment = Alignment(wrap_text=True, vertical="top")
            cell.fill = locked
        blank = sheet.cell(row=line, column=NEW_COLUMN)
        blank.protection = Protection(locked=False)
        blank.alignment = Alignment(wrap_text=True, vertical="top")
    _validation(sheet, len(found), label)
    sheet.protection.sheet = True
    sheet.protection.formatColumns = False
    sheet.protection.formatRows = False
    _mark(book, date, [p.id for p in programmes if date in {r.date for r in p.rounds}])
    data = io.BytesIO()
    book.save(data)
    return data.getvalue()


def write(path: Path, programmes: list[tidy.Programme], date: str, label: str) -> int:
    """Write the workbook atomically; the number of measure rows."""
    path.parent.mkdir(parents=True, exist_ok=True)
    atomic.write_bytes(path, workbook(programmes, date, label))
    return len(rows(programmes, date))


# --- reading --------------------------------------------------------------------------------


def _decimals(number_format: str) -> int | None:
    """Decimal places a fixed format shows ("0.0%" → 1, "0" → 0), None for General."""
    found = re.search(r"0(?:\.(0+))?", number_format.split(";")[0])
    if found is None:
        return None
    return len(found.group(1) or "")


def _plain(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else repr(float(value))


def number_text(value: float, number_format: str) -> str:
    """A number as the cell shows it, in Finnish: decimal comma, percent as "73 %"."""
    decimals = _decimals(number_format)
    if "%" in number_format:
        shown = f"{value * 100:.{decimals}f}" if decimals is not None else _plain(round(value * 100, 10))
        return shown.replace(".", ",") + " %"
    shown = f"{value:.{decimals}f}" if decimals is not None else _plain(value)
    return shown.replace(".", ",")


def date_text(value: datetime.date, number_format: str) -> str:
    """A date as the cell shows it: ISO where the format starts with the year, else 15.5.2021."""
    day = value.date() if isinstance(value, datetime.datetime) else value
    if number_format.lower().startswith("yy"):
        return day.isoformat()
    return f"{day.day}.{day.month}.{day.year}"


def cell_text(value: Any, number_format: str = "General") -> str:
    """A cell's value as a person reading the sheet reads it."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "kyllä" if value else "ei"
    if isinstance(value, datetime.date):
        return date_text(value, number_format)
    if isinstance(value, (int, float)):
        return number_text(value, number_format)
    return str(value)


def placeholder(text: str) -> bool:
    """An empty-looking cell: "-", "–", "xx", "?", "..."."""
    return bool(PLACEHOLDER.fullmatch(text.strip()))


def _settings(book: Any) -> dict[str, str] | None:
    if MARK_SHEET not in book.sheetnames:
        return None
    found = {str(r[0]): str(r[1]) for r in book[MARK_SHEET].iter_rows(values_only=True) if r and r[0] and r[1]}
    return found if found.get("tyyppi") == KIND else None


def recognise(book: Any) -> Collection | None:
    """The collection in a loaded workbook, or None when it is no collection workbook."""
    settings = _settings(book)
    if settings is None or settings.get("välilehti") not in book.sheetnames:
        return None
    sheet = book[settings["välilehti"]]
    ids = column_index_from_string(settings.get("tunnistesarake", "A"))
    texts = column_index_from_string(settings.get("tilannesarake", "I"))
    entries = []
    for row in sheet.iter_rows(min_row=2):
        by_column = {c.column: c for c in row}
        ident, new = by_column.get(ids), by_column.get(texts)
        if ident is None or new is None or not ident.value:
            continue
        formula = new.data_type == "f"
        text = "" if formula else cell_text(new.value, new.number_format)
        entries.append(Entry(new.row, new.coordinate, str(ident.value).strip(), text, formula))
    return Collection(settings.get("kierros", ""), tuple(settings.get("ohjelmat", "").split()), entries)


def read(path: Path) -> Collection | None:
    return recognise(load_workbook(path))
