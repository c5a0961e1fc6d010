"""The caseload at 70 children: filters with their counts (also on the home page), search by name, checked
query parameters, and a bounded number of SQL statements whatever the caseload size.

The demo world: Alex (three reviews held, the next planned in time, mid-way check not done), Jordan
(first review overdue), Sam (short breaks, planned in time), all on demo-iro's caseload.
"""

import re
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import event, select

from portal.core.clock import local_today
from portal.extensions import db
from portal.models import (
    AgeBand,
    CareEpisode,
    Consultation,
    ConsultationStatus,
    DecisionAnswer,
    LegalStatus,
    Review,
    SafetyFlag,
    YoungPerson,
)
from tests.conftest import sign_in
from tests.letters import answer, write_letter


def _names(page):
    """The first names in the caseload table, in order."""
    html = page.get_data(as_text=True)
    table = html[html.index("<tbody>"):html.index("</tbody>")] if "<tbody>" in html else ""
    return re.findall(r'<th scope="row"><a href="/caseload/\d+">([^<]+)</a>', table)


def _count(page, label):
    """The count shown next to a filter link."""
    text = " ".join(re.sub(r"<[^>]+>", " ", page.get_data(as_text=True)).split())
    return int(re.search(re.escape(label) + r" (\d+)", text).group(1))


def test_the_caseload_is_sorted_by_next_due_date_overdue_first(signed_in, world):
    assert _names(signed_in("demo-iro").get("/caseload")) == ["Jordan", "Sam", "Alex"]


@pytest.mark.parametrize(("chosen", "names"), [
    ("overdue", ["Jordan"]),
    ("due_soon", []),
    ("not_planned", []),
    ("midway", ["Alex"]),
    ("views_unread", []),
    ("flags", []),
    ("questions", []),
])
def test_each_filter_keeps_only_the_young_people_it_names(signed_in, world, check_page, chosen, names):
    page = signed_in("demo-iro").get(f"/caseload?filter={chosen}")
    check_page(page)
    assert _names(page) == names
    assert "aria-current" in page.get_data(as_text=True)


def test_filters_show_their_counts_on_the_caseload_and_the_home_page(signed_in, world, check_page):
    iro = signed_in("demo-iro")
    for url in ("/caseload", "/home"):
        page = iro.get(url)
        check_page(page)
        assert _count(page, "Review overdue") == 1 and _count(page, "Mid-way check due or overdue") == 1
        assert _count(page, "No review planned") == 0
        assert 'href="/caseload?filter=overdue"' in page.get_data(as_text=True)


def test_views_not_read_flags_and_waiting_questions_each_find_their_young_person(app, signed_in, world):
    with app.app_context():
        review_id = db.session.scalar(select(Review.id).where(Review.young_person_id == world["yp:Sam"],
                                                                 Review.held_on.is_(None)))
        consultation = Consultation(young_person_id=world["yp:Sam"], review_id=review_id, band=AgeBand.UNDER_8,
                                    form_version=1, locale="en", status=ConsultationStatus.SENT,
                                    started_by_id=world["demo-carer"], sent_at=datetime.now(UTC))
        db.session.add(consultation)
        db.session.flush()
        db.session.add(SafetyFlag(young_person_id=world["yp:Jordan"], consultation_id=consultation.id,
                                  question_key="q", level="soon"))
        letter = write_letter(world["yp:Alex"], world["demo-iro"], days_ago=3)
        answer(letter, 1, world["yp:Alex"], kind=DecisionAnswer.DISAGREE)
        db.session.commit()
    iro = signed_in("demo-iro")
    assert _names(iro.get("/caseload?filter=views_unread")) == ["Sam"]
    assert _names(iro.get("/caseload?filter=flags")) == ["Jordan"]
    assert _names(iro.get("/caseload?filter=questions")) == ["Alex"]
    assert _count(iro.get("/home"), "Questions from young people waiting for a reply") == 1


def test_a_young_person_with_no_review_planned_is_found_by_that_filter(app, signed_in, world):
    with app.app_context():
        db.session.add(YoungPerson(first_name="Riley", date_of_birth=date(2014, 3, 1), iro_id=world["demo-iro"]))
        db.session.commit()
    page = signed_in("demo-iro").get("/caseload?filter=not_planned")
    assert _names(page) == ["Riley"]
    assert "Showing 1 of 4 young people." in page.get_data(as_text=True)


def test_search_by_name_or_case_reference_keeps_the_filter(signed_in, world):
    iro = signed_in("demo-iro")
    assert _names(iro.get("/caseload?q=JOR")) == ["Jordan"]
    assert _names(iro.get("/caseload?q=demo-003")) == ["Sam"]
    assert _names(iro.get("/caseload?filter=overdue&q=alex")) == []
    assert "Nobody on this caseload matches." in iro.get("/caseload?q=nobody").get_data(as_text=True)


@pytest.mark.parametrize(("query", "message"), [
    ("filter=everything", "That filter does not exist."),
    ("q=" + "a" * 61, "Search for a first name or a case reference of up to 60 letters."),
    ("q=%00", "Search for a first name or a case reference of up to 60 letters."),
])
def test_bad_query_parameters_get_a_clear_400(signed_in, world, query, message):
    response = signed_in("demo-iro").get(f"/caseload?{query}")
    assert response.status_code == 400
    assert message in response.get_data(as_text=True)


def test_another_iros_young_people_are_never_counted_or_found(signed_in, world):
    iro_2 = signed_in("demo-iro-2")
    assert _names(iro_2.get("/caseload?q=alex")) == []
    assert _count(iro_2.get("/home"), "Review overdue") == 0


def test_staff_tables_use_the_laptop_width_and_young_peoples_pages_do_not(app, world):
    iro, child = app.test_client(), app.test_client()
    sign_in(iro, "demo-iro")
    sign_in(child, "demo-child")
    assert 'class="width width--wide"' in iro.get("/caseload").get_data(as_text=True)
    assert "width--wide" not in child.get("/home").get_data(as_text=True)


def _add_young_people(app, iro_id, count, start):
    """`count` more young people on the caseload, each with a care episode, a held review and a planned one."""
    with app.app_context():
        zone = ZoneInfo(app.config["BABEL_DEFAULT_TIMEZONE"])
        today = local_today()
        for number in range(start, start + count):
            person = YoungPerson(first_name=f"Child{number:03d}", date_of_birth=date(2012, 1, 1), iro_id=iro_id)
            db.session.add(person)
            db.session.flush()
            db.session.add(CareEpisode(young_person_id=person.id, started_on=today - timedelta(days=200),
                                       legal_status=LegalStatus.CARE_ORDER))
            held = today - timedelta(days=100)
            db.session.add(Review(young_person_id=person.id, held_on=held, place="Home",
                                  scheduled_for=datetime.combine(held, time(16), tzinfo=zone)))
            db.session.add(Review(young_person_id=person.id, place="Home",
                                  scheduled_for=datetime.combine(today + timedelta(days=number % 60 + 1), time(16),
                                                                 tzinfo=zone)))
        db.session.commit()


def _statements(app, client, url):
    with app.app_context():
        engine = db.engine
    assert client.get(url).status_code == 200  # warms what a worker keeps for a while
    statements = []

    def count(*_args):
        statements.append(1)

    event.listen(engine, "before_cursor_execute", count)
    try:
        assert client.get(url).status_code == 200
    finally:
        event.remove(engine, "before_cursor_execute", count)
    return len(statements)


def test_the_caseload_takes_as_many_sql_statements_for_70_young_people_as_for_5(app, signed_in, world):
    iro = signed_in("demo-iro")
    _add_young_people(app, world["demo-iro"], 2, start=0)  # 5 with the demo's three
    small = {url: _statements(app, iro, url) for url in ("/caseload", "/caseload?filter=overdue", "/home")}
    _add_young_people(app, world["demo-iro"], 65, start=2)  # 70
    large = {url: _statements(app, iro, url) for url in ("/caseload", "/caseload?filter=overdue", "/home")}
    assert large == small
    assert len(_names(iro.get("/caseload"))) == 70
