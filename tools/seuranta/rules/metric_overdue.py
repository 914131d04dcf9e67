"""metric-overdue: a yes-no metric whose due date has passed is answered yes."""

from __future__ import annotations

import calendar
import datetime
from collections.abc import Iterator
from typing import Any

from seuranta.model.documents import MEASURE, Document
from seuranta.model.problem import WARNING, Message
from seuranta.rules import Context, Doc, Hit, hit
from seuranta.rules.support import answers, metrics

ID = "metric-overdue"
SEVERITY = WARNING
KINDS = (MEASURE,)
MESSAGE = Message(
    "Kyllä/ei-mittarin '{metric}' määräaika {due} on mennyt (tänään {today}), eikä sitä ole vastattu kyllä: "
    "{state_fi}. Jos mittari on täyttynyt, kirjaa se sen kierroksen tilannekatsaukseen (answers: metric ja "
    "value: true); jos lähteen mukaan se ei täyttynyt tai lähde ei kerro, kuittaa havainto perustellen.",
    "The yes-no metric '{metric}' was due {due} (today is {today}) and is not answered yes: {state_en}. "
    "If it was met, record that in the status of the round it was met (answers: metric and value: true); "
    "if the source says it was not met or does not say, acknowledge the finding with the reason.",
)
DOC = Doc(
    Message(
        "Kyllä/ei-mittari (kind: yes-no), jonka määräaika (due) on ennen tätä päivää, on myöhässä, ellei sen "
        'viimeisin arvollinen vastaus ole kyllä (true, "kyllä" tai "yes"). Pelkkä sanallinen vastaus '
        "(text ilman value-arvoa) ei riitä. Kuukauden määräaika (2021-09) tarkoittaa kuukauden loppua: mittari "
        "on myöhässä seuraavan kuukauden alusta. Myöhässä annettu kyllä kelpaa. Kuittauksen match on mittarin "
        "tunniste.",
        "A yes-no metric (kind: yes-no) whose `due` date is before today is overdue unless its latest answer "
        'with a value says yes (true, "kyllä" or "yes"). An answer in words only (text without value) does '
        "not count. A month (2021-09) means the end of that month: the metric is overdue from the first day of "
        "the next. A yes given after the due date counts. The acknowledgement's match is the metric's id.",
    ),
    bad='# today 2022-01-10\nmetrics:\n  - {id: verkkokauppa, text: "Verkkokauppamalli käytössä 9/2021: kyllä/ei", '
    'kind: yes-no, due: 2021-09}\nstatuses:\n  - date: "2021-11-15"\n    text: Käyttöönotto 6/2022 '
    "mennessä.\n    answers: [{metric: verkkokauppa, text: Käyttöönotto 6/2022 mennessä.}]",
    good='# today 2022-01-10\nmetrics:\n  - {id: verkkokauppa, text: "Verkkokauppamalli käytössä 9/2021: kyllä/ei", '
    'kind: yes-no, due: 2021-09}\nstatuses:\n  - date: "2021-11-15"\n    text: Verkkokauppamalli otettu '
    "käyttöön 9/2021.\n    answers: [{metric: verkkokauppa, value: true}]",
)

YES = ("kyllä", "yes")


def deadline(due: str) -> datetime.date | None:
    """The last day a due date allows: the day itself, or a month's last day (None if not a date)."""
    try:
        if len(due) == 7 and due[4] == "-":
            year, month = int(due[:4]), int(due[5:])
            return datetime.date(year, month, calendar.monthrange(year, month)[1])
        return datetime.date.fromisoformat(due) if len(due) == 10 else None
    except ValueError:
        return None


def is_yes(value: Any) -> bool:
    return value is True or (isinstance(value, str) and value.strip().lower() in YES)


def _shown(value: Any) -> str:
    return ("true" if value else "false") if isinstance(value, bool) else repr(value)


def check(doc: Document, ctx: Context) -> Iterator[Hit]:
    today = ctx.today.isoformat()
    for metric in metrics(doc):
        due = metric.data.get("due")
        last_day = deadline(due) if metric.kind == "yes-no" and isinstance(due, str) else None
        if last_day is None or last_day >= ctx.today:
            continue
        valued = [answer for answer in answers(doc, metric.ident, ctx) if answer.has_value]
        if valued and is_yes(valued[-1].data["value"]):
            continue
        if valued:
            value = _shown(valued[-1].data["value"])
            state_fi = f"viimeisin arvo ({valued[-1].date}) on {value}"
            state_en = f"the latest value ({valued[-1].date}) is {value}"
        else:
            state_fi, state_en = "yhdessäkään vastauksessa ei ole arvoa", "no answer has a value"
        where = doc.mark("metrics", metric.position, "due")
        yield hit(where, metric.ident, metric=metric.ident, due=due, today=today, state_fi=state_fi, state_en=state_en)
