"""The audit log: staff reads of a young person's record are recorded, listed for admins, and never changed."""

import re

import pytest
from sqlalchemy import delete, func, select, text, update

from portal.consultation import services as consultation_services
from portal.extensions import db
from portal.models import AuditEvent, ReviewLetter, User, YoungPerson
from portal.models.audit import AppendOnlyError
from portal.security.policy import letter_or_404
from tests.conftest import csrf_from, sign_in
from tests.letters import write_letter

ROW = re.compile(r'<tr>\s*<td>[^<]*</td>\s*<th scope="row">([^<]*)</th>\s*<td>([^<]*)</td>\s*<td>(.*?)</td>\s*</tr>')


def _audit_rows(response):
    """The audit table as (who, opened what, young person) rows."""
    # Case references are isolated in <bdi>: the row is compared as it reads.
    return [tuple(re.sub(r"<[^>]+>", "", cell).strip() for cell in row) for row in ROW.findall(response.get_data(as_text=True))]


def _events(app):
    with app.app_context():
        return db.session.scalars(select(AuditEvent).order_by(AuditEvent.id)).all()


def _staff_client(app, username):
    client = app.test_client()
    assert sign_in(client, username).status_code == 303
    return client


def test_an_iro_opening_a_record_writes_one_audit_event(app, world, signed_in, check_page):
    iro = signed_in("demo-iro")
    check_page(iro.get("/caseload"))  # the caseload list alone opens nobody's record
    assert _events(app) == []

    check_page(iro.get(f"/caseload/{world['yp:Alex']}"))
    (event,) = _events(app)
    assert (event.actor_id, event.action, event.young_person_id, event.subject, event.subject_id) == (
        world["demo-iro"], "viewed", world["yp:Alex"], "young_person", world["yp:Alex"])


def test_an_audit_event_holds_who_what_and_when_but_no_content(app, world, signed_in):
    signed_in("demo-iro").get(f"/caseload/{world['yp:Alex']}")
    with app.app_context(), db.engine.connect() as connection:
        (row,) = connection.execute(text("SELECT * FROM audit_events")).mappings().all()
    assert set(row.keys()) == {"id", "occurred_at", "actor_id", "action", "young_person_id", "subject", "subject_id"}
    stored = " ".join(str(value) for value in row.values())
    for content in ("Alex", "DEMO-001", "Home", "Priya"):
        assert content not in stored


def test_a_record_the_iro_may_not_see_is_not_audited(app, world, signed_in):
    assert signed_in("demo-iro").get(f"/caseload/{world['yp:Casey']}").status_code == 404
    assert _events(app) == []


def test_admin_sees_the_event_in_the_audit_log(app, world, signed_in, check_page):
    _staff_client(app, "demo-iro").get(f"/caseload/{world['yp:Alex']}")
    response = signed_in("demo-admin").get("/admin/audit")
    assert check_page(response).h1 == "Audit log"
    assert _audit_rows(response) == [("Priya Shah", "Record", "Alex (DEMO-001)")]


def test_the_audit_log_filters_by_young_person_and_by_member_of_staff(app, world, signed_in, check_page):
    iro, iro_2 = _staff_client(app, "demo-iro"), _staff_client(app, "demo-iro-2")
    iro.get(f"/caseload/{world['yp:Alex']}")
    iro.get(f"/caseload/{world['yp:Sam']}")
    iro_2.get(f"/caseload/{world['yp:Casey']}")
    admin = signed_in("demo-admin")

    everyone = _audit_rows(admin.get("/admin/audit"))
    assert [(who, child) for who, _what, child in everyone] == [
        ("Tom Okafor", "Casey (DEMO-004)"), ("Priya Shah", "Sam (DEMO-003)"), ("Priya Shah", "Alex (DEMO-001)")]

    by_child = admin.get(f"/admin/audit?young_person={world['yp:Alex']}")
    check_page(by_child)
    assert [(who, child) for who, _what, child in _audit_rows(by_child)] == [("Priya Shah", "Alex (DEMO-001)")]

    by_staff = admin.get(f"/admin/audit?staff={world['demo-iro-2']}")
    check_page(by_staff)
    assert [(who, child) for who, _what, child in _audit_rows(by_staff)] == [("Tom Okafor", "Casey (DEMO-004)")]

    both = admin.get(f"/admin/audit?staff={world['demo-iro-2']}&young_person={world['yp:Alex']}")
    assert _audit_rows(both) == []
    assert "No events match." in both.get_data(as_text=True)


def test_the_audit_log_is_only_for_admins(world, signed_in):
    assert signed_in("demo-iro").get("/admin/audit").status_code == 403


def test_a_young_person_viewing_their_own_home_writes_no_audit_event(app, signed_in):
    child = signed_in("demo-child")
    assert child.get("/home").status_code == 200
    assert _events(app) == []


@pytest.fixture
def one_event(app, world, signed_in):
    signed_in("demo-iro").get(f"/caseload/{world['yp:Alex']}")
    (event,) = _events(app)
    return event


def _unchanged(app, event):
    (now,) = _events(app)
    return (now.id, now.action, now.actor_id, now.young_person_id) == (
        event.id, event.action, event.actor_id, event.young_person_id)


def test_an_audit_event_cannot_be_changed(app, one_event):
    with app.app_context():
        event = db.session.get(AuditEvent, one_event.id)
        event.action = "nothing to see"
        with pytest.raises(AppendOnlyError):
            db.session.commit()
        db.session.rollback()
    assert _unchanged(app, one_event)


def test_an_audit_event_cannot_be_deleted(app, one_event):
    with app.app_context():
        db.session.delete(db.session.get(AuditEvent, one_event.id))
        with pytest.raises(AppendOnlyError):
            db.session.commit()
        db.session.rollback()
    assert _unchanged(app, one_event)


@pytest.mark.parametrize("statement", [
    update(AuditEvent).values(action="nothing to see"),
    delete(AuditEvent),
], ids=["bulk-update", "bulk-delete"])
def test_an_orm_bulk_statement_cannot_change_audit_events_either(app, one_event, statement):
    with app.app_context():
        with pytest.raises(AppendOnlyError):
            db.session.execute(statement)
        db.session.rollback()
        assert db.session.scalar(select(func.count()).select_from(AuditEvent)) == 1
    assert _unchanged(app, one_event)


# ---- Reads are audited where the content is loaded, once per request, in a transaction of their own ----


@pytest.fixture
def draft_letter(app, world):
    """A draft letter to Alex by their IRO; returns its id."""
    with app.app_context():
        return write_letter(world["yp:Alex"], world["demo-iro"], publish=False, told_us="You said the bus is late.").id


def test_a_conflict_page_loading_the_letter_twice_writes_one_audit_event(app, world, draft_letter, signed_in):
    iro = signed_in("demo-iro")
    token = csrf_from(iro.get("/get-help"))
    response = iro.post(f"/letters/{draft_letter}/edit", data={"csrf_token": token, "version": "0", "told_us": "Mine"})
    assert response.status_code == 409
    assert "You said the bus is late." in response.get_data(as_text=True)
    assert [(e.actor_id, e.young_person_id, e.subject, e.subject_id) for e in _events(app)] == [
        (world["demo-iro"], world["yp:Alex"], "letter", draft_letter)]


def test_an_audit_row_survives_the_rollback_of_a_failed_change_and_commits_nothing_else(app, world, draft_letter):
    with app.test_request_context("/letters"):
        letter = letter_or_404(db.session.get(User, world["demo-iro"]), draft_letter)
        letter.told_us = "Half of a change that failed"
        db.session.flush()
        app.process_response(app.response_class())
    with app.app_context():
        assert db.session.get(ReviewLetter, draft_letter).told_us == "You said the bus is late."
    assert [(e.subject, e.subject_id) for e in _events(app)] == [("letter", draft_letter)]


def test_an_iro_reading_views_is_in_the_audit_log_as_views_before_a_review(app, world, signed_in):
    with app.app_context():
        alex = db.session.get(YoungPerson, world["yp:Alex"])
        consultation = consultation_services.start(alex, consultation_services.next_review(alex),
                                                   db.session.get(User, world["demo-child"]), "en")
        consultation_services.send(consultation, db.session.get(User, world["demo-child"]))
        consultation_id = consultation.id
    assert _staff_client(app, "demo-iro").get(f"/caseload/consultations/{consultation_id}").status_code == 200
    assert _audit_rows(signed_in("demo-admin").get("/admin/audit")) == [
        ("Priya Shah", "Views before a review", "Alex (DEMO-001)")]
