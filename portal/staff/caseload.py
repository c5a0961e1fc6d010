"""The caseload at 70 children: each young person's row, the filters an IRO works through, and their counts.

Every row is built from one query per kind of thing (young people, next reviews, consultations, flags,
episodes, reviews, mid-way checks, unread views, waiting questions), so the number of SQL statements
does not grow with the caseload.
"""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from flask_babel import lazy_gettext as _l
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from portal.core import caseload as waiting
from portal.core import flags
from portal.core.clock import local_today
from portal.core.consultations import consultations_by_review
from portal.core.escalations import open_escalation_counts
from portal.core.reviews import next_reviews
from portal.core.timetable import DueStatus, MidwayStatus
from portal.extensions import db
from portal.models import Consultation, Review, Role, YoungPerson
from portal.security.policy import caseload_young_people
from portal.staff import timetable
from portal.staff.timetable import Timetable

SEARCH_MAX = 60


@dataclass
class CaseloadRow:
    """One young person on a caseload, with their next review, its consultation, open flags and what waits."""

    person: YoungPerson
    review: Review | None
    consultation: Consultation | None
    urgent: int
    soon: int = 0
    timetable: Timetable | None = None
    unread_views: int = 0
    questions: int = 0
    escalations: int = 0  # open escalations

    @property
    def due_by(self):
        return self.timetable.due_by if self.timetable else None

    @property
    def status(self):
        return self.timetable.status if self.timetable else None

    @property
    def midway_status(self):
        return self.timetable.midway_status if self.timetable else None


@dataclass(frozen=True)
class Filter:
    """One way to narrow the caseload: its name in the URL, its words, and who it keeps."""

    key: str
    label: object
    keeps: Callable[[CaseloadRow], bool]


FILTERS = (
    Filter("overdue", _l("Review overdue"), lambda row: row.status == DueStatus.OVERDUE),
    Filter("due_soon", _l("Review due within 10 working days"), lambda row: row.status == DueStatus.DUE_SOON),
    Filter("not_planned", _l("No review planned"), lambda row: row.review is None),
    Filter("midway", _l("Mid-way check due or overdue"),
           lambda row: row.midway_status in (MidwayStatus.DUE, MidwayStatus.OVERDUE)),
    Filter("views_unread", _l("Views not read yet"), lambda row: row.unread_views > 0),
    Filter("flags", _l("Open safety flags"), lambda row: row.urgent + row.soon > 0),
    Filter("questions", _l("Questions from young people waiting for a reply"), lambda row: row.questions > 0),
    Filter("escalations", _l("Open escalations"), lambda row: row.escalations > 0),
)
FILTERS_BY_KEY = {item.key: item for item in FILTERS}


def rows(user, today: date) -> list[CaseloadRow]:
    """The young people this person may see: open urgent flags first, then "look soon", then by next due date
    (overdue first; nobody with no care episode last), then by name. Ten queries whatever the caseload size."""
    query = select(YoungPerson).where(caseload_young_people(user)).order_by(YoungPerson.first_name, YoungPerson.id)
    if user.role != Role.IRO:  # admins and managers see whose caseload each young person is on
        query = query.options(selectinload(YoungPerson.iro))
    people = db.session.scalars(query).all()
    ids = [person.id for person in people]
    reviews = next_reviews(ids)
    consultations = consultations_by_review([review.id for review in reviews.values()])
    open_flags = flags.open_counts(ids)
    timetables = timetable.timetables(ids, today)
    unread, questions = waiting.unread_views(ids), waiting.waiting_questions(ids)
    escalations = open_escalation_counts(ids)
    found = [CaseloadRow(person, reviews.get(person.id),
                         consultations.get(reviews[person.id].id) if person.id in reviews else None,
                         open_flags.get(person.id, {}).get(flags.URGENT, 0), open_flags.get(person.id, {}).get(flags.SOON, 0),
                         timetables[person.id], unread.get(person.id, 0), questions.get(person.id, 0),
                         escalations.get(person.id, 0))
             for person in people]
    # Safety flags come before the timetable: an urgent flag is acted on today, whatever is due.
    return sorted(found, key=lambda row: (row.urgent == 0, row.soon == 0, row.due_by is None, row.due_by or today))


def counts(found: list[CaseloadRow]) -> dict[str, int]:
    """How many young people each filter keeps."""
    return {item.key: sum(1 for row in found if item.keeps(row)) for item in FILTERS}


def narrowed(found: list[CaseloadRow], chosen: str | None, search: str) -> list[CaseloadRow]:
    """The rows a filter and a name search keep (a name matches anywhere in the first name or case reference)."""
    if chosen:
        found = [row for row in found if FILTERS_BY_KEY[chosen].keeps(row)]
    words = search.strip().casefold()
    if words:
        found = [row for row in found if words in row.person.first_name.casefold()
                 or words in (row.person.case_reference or "").casefold()]
    return found


def summary(user, today: date) -> dict:
    """The caseload's size and each filter's count, for the IRO's home page."""
    found = rows(user, today)
    return {"size": len(found), "counts": counts(found), "filters": FILTERS}


def register_home_section(state):
    """Show the caseload's filter counts on an IRO's home page (which knows no capability by name)."""
    state.app.extensions.setdefault("staff_home_sections", {})["caseload_summary"] = \
        lambda user: summary(user, local_today())
