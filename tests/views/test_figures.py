"""The service's figures, checked against counts worked out by hand (on SQLite and PostgreSQL).

The data (reporting year 2025-26 = 1 April 2025 to 31 March 2026), Europe/London time:

- Alex, 15, care order from Monday 3 March 2025: first review due 31 March 2025 (20 working days),
  held that day (in time, but in 2024-25); second due 30 June 2025 (3 months), held exactly then (in
  time, PN1, chaired); third due 30 December 2025 (6 months), held 5 January 2026 (late: IRO
  unavailable; PN6, co-chaired); fourth held 1 April 2026 (2026-27).
- Bo, 3, short breaks from 1 April 2025: first review due 1 July 2025 (3 months), held 2 July (late,
  no reason recorded; PN0, under 4).
- Cam, 14, no care episode: review held 1 May 2025 (timing unknown; PN7).

So in 2025-26: 4 reviews held, 1 in time, 2 late, 1 unknown; aged 4 or over 3, of whom 2 took part.
"""

from datetime import UTC, date, datetime

import pytest
from sqlalchemy import event

from portal.core.figures import counts
from portal.core.figures.periods import Period, reporting_year, year_of
from portal.extensions import db
from portal.figures import sections
from portal.models import (
    CareEpisode,
    Consultation,
    ConsultationStatus,
    LatenessReason,
    LegalStatus,
    Participation,
    Review,
    ReviewLetter,
    Role,
    SafetyFlag,
    User,
    YoungPerson,
)
from portal.models.letters import LetterStatus
from portal.models.support import SupportKind, SupportRequest, SupportStatus
from tests import factories
from tests.conftest import sign_in

YEAR = reporting_year(2025)
LATER = datetime(2027, 1, 1, tzinfo=UTC)  # "now" for letters: every limit has passed


def _utc(*parts):
    return datetime(*parts, tzinfo=UTC)


def _review(person, held_on, **record):
    review = Review(young_person_id=person.id, scheduled_for=_utc(held_on.year, held_on.month, held_on.day, 15),
                    held_on=held_on, **record)
    db.session.add(review)
    db.session.flush()
    return review


def _letter(review, iro, published_at):
    db.session.add(ReviewLetter(review_id=review.id, young_person_id=review.young_person_id, created_by_id=iro.id,
                                updated_by_id=iro.id, status=LetterStatus.PUBLISHED, published_at=published_at,
                                published_by_id=iro.id))


def _request(person, iro, kind, created_at, acknowledge_by, allocate_by, status, key, **steps):
    db.session.add(SupportRequest(young_person_id=person.id, kind=kind, requested_by_id=iro.id, idempotency_key=key,
                                  acknowledge_by=acknowledge_by, allocate_by=allocate_by, status=status,
                                  created_at=created_at, **steps))


def build_year(many=1):
    """The data described above; `many` copies of everything (to compare statement counts)."""
    iro = User(username="iro-figures", role=Role.IRO, display_name="Priya", password_hash="x")
    other = User(username="iro-figures-2", role=Role.IRO, display_name="Tom", password_hash="x")
    carer = User(username="carer-figures", role=Role.CARER, display_name="Morgan", password_hash="x")
    db.session.add_all([iro, other, carer])
    db.session.flush()
    for copy in range(many):
        alex = YoungPerson(first_name="Alex", date_of_birth=date(2010, 1, 1), iro_id=iro.id)
        bo = YoungPerson(first_name="Bo", date_of_birth=date(2022, 6, 1), iro_id=iro.id)
        cam = YoungPerson(first_name="Cam", date_of_birth=date(2011, 5, 5), iro_id=iro.id)
        db.session.add_all([alex, bo, cam])
        db.session.flush()
        db.session.add_all([
            CareEpisode(young_person_id=alex.id, started_on=date(2025, 3, 3), legal_status=LegalStatus.CARE_ORDER),
            CareEpisode(young_person_id=bo.id, started_on=date(2025, 4, 1), legal_status=LegalStatus.SHORT_BREAKS)])
        _review(alex, date(2025, 3, 31), participation=Participation.PN1)
        second = _review(alex, date(2025, 6, 30), participation=Participation.PN1, chaired="chaired",
                         knows_why_in_care=True, knows_how_to_get_advocate=False, knows_how_to_complain=True)
        third = _review(alex, date(2026, 1, 5), participation=Participation.PN6, chaired="co_chaired",
                        lateness_reason=LatenessReason.IRO_UNAVAILABLE)
        _review(alex, date(2026, 4, 1), participation=Participation.PN1)
        bos = _review(bo, date(2025, 7, 2), participation=Participation.PN0)
        cams = _review(cam, date(2025, 5, 1), participation=Participation.PN7)
        # Letters: day 14 at 22:30 in London (on time); day 15 (within 20 working days); after the limit; none.
        _letter(second, iro, _utc(2025, 7, 14, 21, 30))
        _letter(third, iro, _utc(2026, 1, 20, 10))
        _letter(bos, iro, _utc(2025, 8, 1, 9))
        # Views: sent before the second review (Arabic, helped by a carer); sent after the third; in progress for Cam.
        before = Consultation(young_person_id=alex.id, review_id=second.id, band="12-15", form_version=1, locale="ar",
                              status=ConsultationStatus.SENT, started_by_id=iro.id, helped_by_id=carer.id,
                              sent_at=_utc(2025, 6, 20, 12))
        after = Consultation(young_person_id=alex.id, review_id=third.id, band="12-15", form_version=1, locale="en",
                             status=ConsultationStatus.SENT, started_by_id=iro.id, sent_at=_utc(2026, 1, 6, 12))
        draft = Consultation(young_person_id=cam.id, review_id=cams.id, band="12-15", form_version=1, locale="en",
                             started_by_id=iro.id)
        db.session.add_all([before, after, draft])
        db.session.flush()
        # Flags: raised on a Friday, acted on the Monday at the same time (in time); raised on a Tuesday, acted
        # on a minute after a working day (late).
        db.session.add_all([
            SafetyFlag(young_person_id=alex.id, consultation_id=before.id, question_key="home.safe", level="urgent",
                       created_at=_utc(2025, 6, 6, 10), actioned_at=_utc(2025, 6, 9, 10)),
            SafetyFlag(young_person_id=alex.id, consultation_id=before.id, question_key="home.worries", level="soon",
                       created_at=_utc(2025, 6, 10, 10), actioned_at=_utc(2025, 6, 11, 10, 1))])
        # Requests: 00:30 on 1 April in London (in the year), acknowledged in time, allocated a day late, closed;
        # 23:30 on 31 March 2026 in London (in the year), not acknowledged; 23:00 on 31 March 2025 (not in it).
        _request(alex, iro, SupportKind.ADVOCATE, _utc(2025, 3, 31, 23, 30), date(2025, 4, 2), date(2025, 4, 8),
                 SupportStatus.CLOSED, f"a{copy}", acknowledged_at=_utc(2025, 4, 2, 16), allocated_at=_utc(2025, 4, 9, 9))
        _request(alex, iro, SupportKind.INDEPENDENT_VISITOR, _utc(2026, 3, 31, 22, 30), date(2026, 4, 1),
                 date(2026, 4, 8), SupportStatus.SENT, f"b{copy}")
        _request(alex, iro, SupportKind.ADVOCATE, _utc(2025, 3, 31, 22), date(2025, 4, 1), date(2025, 4, 7),
                 SupportStatus.SENT, f"c{copy}")
    db.session.commit()


@pytest.fixture
def year(app):
    with app.app_context():
        build_year()
        yield


def test_reporting_years_run_from_1_april_to_31_march():
    assert YEAR == Period(date(2025, 4, 1), date(2026, 3, 31), 2025)
    assert year_of(date(2026, 3, 31)) == 2025
    assert year_of(date(2026, 4, 1)) == 2026


def test_a_review_held_on_its_due_date_is_in_time_and_the_year_ends_on_31_march(app, year):
    found = counts.reviews(YEAR)
    assert (found.held, found.in_time, found.late, found.no_episode) == (4, 1, 2, 1)
    assert found.late_by_reason["iro_unavailable"] == 1
    assert found.late_by_reason[counts.NOT_RECORDED] == 1
    assert sum(found.late_by_reason.values()) == 2
    assert counts.reviews(reporting_year(2024)).held == 1  # 31 March 2025
    assert counts.reviews(reporting_year(2024)).in_time == 1  # the first review, on its 20th working day
    assert counts.reviews(reporting_year(2026)).held == 1  # 1 April 2026


def test_participation_counts_children_aged_4_or_over_and_chairing(app, year):
    found = counts.reviews(YEAR)
    assert (found.aged_4_or_over, found.participated) == (3, 2)
    assert {code: n for code, n in found.by_code.items() if n} == {"PN1": 1, "PN6": 1, "PN7": 1}
    assert (found.chaired, found.co_chaired) == (1, 1)
    assert found.checklist == {"knows_why_in_care": (1, 0), "knows_how_to_get_advocate": (0, 1),
                               "knows_how_to_complain": (1, 0)}


def test_a_letter_published_on_day_14_is_on_time(app, year):
    found = counts.letters(YEAR, now=LATER)
    assert (found.held, found.published, found.within_target, found.within_limit, found.late, found.not_due_yet) == \
        (4, 3, 1, 2, 2, 0)


def test_views_sent_before_the_review_by_age_band_language_and_help(app, year):
    found = counts.consultations(YEAR)
    assert (found.held, found.sent_before, found.helped) == (4, 1, 1)
    assert found.by_band == {"12-15": 1}
    assert found.by_language == {"ar": 1}


def test_requests_count_by_local_day_with_steps_in_time(app, year):
    found = counts.requests(YEAR)
    advocate, visitor = found["advocate"], found["independent_visitor"]
    assert (advocate.received, advocate.acknowledged_in_time, advocate.allocated_in_time) == (1, 1, 0)
    assert (visitor.received, visitor.acknowledged_in_time, visitor.allocated_in_time) == (1, 0, 0)
    assert advocate.by_outcome["closed"] == 1 and visitor.by_outcome["sent"] == 1


def test_a_flag_acted_on_one_working_day_later_at_the_same_time_is_in_time(app, year):
    found = counts.flags(YEAR)
    assert (found.raised, found.urgent, found.actioned_in_time) == (2, 1, 1)


def test_caseloads_per_iro(app, year):
    assert [(load.name, load.young_people) for load in counts.caseloads()] == [("Priya", 3), ("Tom", 0)]


def _statements(app, period):
    seen = []

    def count(*_args):
        seen.append(1)

    with app.test_request_context():
        sections.gather(period)  # the council's theme settings are cached after a first read
        event.listen(db.engine, "before_cursor_execute", count)
        try:
            sections.gather(period)
        finally:
            event.remove(db.engine, "before_cursor_execute", count)
    return len(seen)


def test_the_number_of_sql_statements_does_not_grow_with_the_data(app):
    with app.app_context():
        build_year(many=1)
    small = _statements(app, YEAR)
    with app.app_context():
        for table in (SafetyFlag, Consultation, ReviewLetter, SupportRequest, Review, CareEpisode, YoungPerson):
            db.session.query(table).delete()
        db.session.query(User).filter(User.username.like("%-figures%")).delete(synchronize_session=False)
        db.session.commit()
        build_year(many=6)
    assert _statements(app, YEAR) == small


def test_the_page_shows_exact_numbers_and_the_csv_says_fewer_than_5(app, year):
    # Only this year's built data (the demo world's reviews move with today's date).
    with app.app_context():
        factories.user("figures-manager", Role.MANAGER, "Lee Manager")
        db.session.commit()
    client = app.test_client()
    assert sign_in(client, "figures-manager").status_code == 303
    page = client.get("/figures?year=2025")
    assert page.status_code == 200
    html = page.get_data(as_text=True)
    assert "NI66: held in timescale" in html
    assert "<td>4</td>" in html  # reviews held, exactly
    csv = client.get("/figures/tables/reviews.csv?year=2025")
    assert csv.status_code == 200 and csv.mimetype == "text/csv"
    text = csv.get_data(as_text=True)
    assert "Reviews held,fewer than 5" in text
    assert ",4," not in text and not text.rstrip().endswith(",4")
    report = client.get("/figures/annual-report?year=2025")
    assert report.status_code == 200
    body = report.get_data(as_text=True)
    assert "2024-25" in body and "2025-26" in body and "fewer than 5" in body
    headings = [body.index(words) for words in ("The IRO service", "Themes and escalations",
                                                "Participation and advocacy", "Children in care reviews")]
    assert headings == sorted(headings)


@pytest.mark.parametrize("query,message", [
    ("start=2025-02-30&end=2025-03-31", "Enter the first day as a real date"),
    ("start=2025-04-01", "Give both the first and the last day, or neither"),
    ("start=2025-05-01&end=2025-04-01", "The last day must be the same as or after the first day"),
    ("year=1066", "Choose a reporting year from the list"),
])
def test_a_bad_period_gets_a_message_and_400_with_what_was_typed_kept(app, world, query, message):
    client = app.test_client()
    sign_in(client, "demo-admin")
    response = client.get(f"/figures?{query}")
    assert response.status_code == 400
    html = response.get_data(as_text=True)
    assert message in html
    if "start=2025-02-30" in query:
        assert 'value="2025-02-30"' in html
    assert client.get(f"/figures/tables/reviews.csv?{query}").status_code == 400


def test_a_later_review_whose_earlier_ones_fall_before_the_look_back_is_due_6_months_after_the_last(app):
    """Reviews every 6 months since 2023: the one held 17 April 2025 was due 18 April (6 months after 18 October
    2024), not 18 January (3 months, as if it were the second)."""
    with app.app_context():
        iro = User(username="iro-figures", role=Role.IRO, display_name="Priya", password_hash="x")
        db.session.add(iro)
        db.session.flush()
        dana = YoungPerson(first_name="Dana", date_of_birth=date(2012, 2, 2), iro_id=iro.id)
        db.session.add(dana)
        db.session.flush()
        db.session.add(CareEpisode(young_person_id=dana.id, started_on=date(2023, 1, 2), legal_status=LegalStatus.S20))
        for day in (date(2023, 1, 30), date(2023, 4, 28), date(2023, 10, 20), date(2024, 4, 19), date(2024, 10, 18),
                    date(2025, 4, 17)):
            _review(dana, day, participation=Participation.PN1)
        db.session.commit()
        found = counts.reviews(YEAR)
    assert (found.held, found.in_time) == (1, 1)


def test_a_service_manager_lists_every_iros_caseload_but_opens_no_record(app, world):
    client = app.test_client()
    sign_in(client, "demo-manager")
    page = client.get("/caseload")
    assert page.status_code == 200
    html = page.get_data(as_text=True)
    for name in ("Alex", "Jordan", "Sam", "Casey", "Priya Shah", "Tom Okafor"):
        assert name in html
    assert f'href="/caseload/{world["yp:Alex"]}"' not in html
    assert "/caseload/consultations/" not in html and "/caseload/flags" not in html
    assert client.get(f'/caseload/{world["yp:Alex"]}').status_code == 403
    assert client.get("/letters").status_code == 403
