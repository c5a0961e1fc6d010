"""The case record as JSON: one document per young person, valid against the schema kept in the repository, audited."""

import json
from datetime import timedelta
from pathlib import Path

import pytest
from sqlalchemy import delete, select

from portal.core.clock import local_today
from portal.core.working_days import add_working_days
from portal.extensions import db
from portal.models import AuditEvent, CareEpisode, LegalStatus, Participation, Review
from tests.letters import write_letter

jsonschema = pytest.importorskip("jsonschema")  # a test dependency: see the report for pyproject.toml

SCHEMA = json.loads((Path(__file__).parents[2] / "portal" / "staff" / "case_record.schema.json").read_text())


@pytest.fixture
def alex_record(app, world):
    """Alex: instead of the demo's, a care order from 100 days ago, a first review held 80 days ago (PN1, chaired)
    with its letter published."""
    with app.app_context():
        today = local_today()
        db.session.execute(delete(CareEpisode).where(CareEpisode.young_person_id == world["yp:Alex"]))
        db.session.add(CareEpisode(young_person_id=world["yp:Alex"], started_on=today - timedelta(days=100),
                                   legal_status=LegalStatus.CARE_ORDER))
        letter = write_letter(world["yp:Alex"], world["demo-iro"], days_ago=80)
        review = db.session.get(Review, letter.review_id)
        review.participation, review.chaired, review.knows_why_in_care = Participation.PN1, "chaired", True
        db.session.commit()
        return {"review": review.id, "held_on": review.held_on, "started_on": today - timedelta(days=100)}


def test_the_case_record_is_valid_against_the_schema_and_says_what_was_stored(app, signed_in, world, alex_record):
    response = signed_in("demo-iro").get(f"/caseload/{world['yp:Alex']}/record.json")
    assert response.status_code == 200
    assert response.mimetype == "application/json"
    document = response.get_json()
    jsonschema.validate(document, SCHEMA, format_checker=jsonschema.FormatChecker())
    assert document["young_person"]["first_name"] == "Alex"
    assert document["episodes"] == [{"started_on": alex_record["started_on"].isoformat(), "legal_status": "care_order",
                                     "ended_on": None}]
    held = next(review for review in document["reviews"] if review["id"] == alex_record["review"])
    assert (held["sequence"], held["held_on"], held["participation"], held["chaired"]) == (
        1, alex_record["held_on"].isoformat(), "PN1", "chaired")
    assert held["in_time"] is True  # held 20 days after the start: within 20 working days
    assert held["due_by"] == add_working_days(alex_record["started_on"], 20).isoformat()
    assert held["first_review_checklist"] == {"knows_why_in_care": True, "knows_how_to_get_advocate": None,
                                              "knows_how_to_complain": None}
    assert held["letter"]["status"] == "published" and held["letter"]["on_time"] is False
    assert held["consultation"] == {"status": None, "sent_at": None}


def test_the_schema_refuses_an_unknown_participation_code(app, signed_in, world, alex_record):
    document = signed_in("demo-iro").get(f"/caseload/{world['yp:Alex']}/record.json").get_json()
    document["reviews"][0]["participation"] = "PN9"
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(document, SCHEMA)


def test_opening_the_case_record_is_audited(app, signed_in, world):
    signed_in("demo-admin").get(f"/caseload/{world['yp:Alex']}/record.json")
    with app.app_context():
        event = db.session.scalar(select(AuditEvent).where(AuditEvent.subject == "case_record"))
        assert (event.actor_id, event.young_person_id) == (world["demo-admin"], world["yp:Alex"])


def test_another_iro_gets_no_case_record(signed_in, world):
    response = signed_in("demo-iro-2").get(f"/caseload/{world['yp:Alex']}/record.json")
    assert response.status_code == 404
    assert "Alex" not in response.get_data(as_text=True)


def test_the_demo_case_record_of_alex_numbers_three_held_reviews_one_of_them_late(signed_in, world):
    document = signed_in("demo-iro").get(f"/caseload/{world['yp:Alex']}/record.json").get_json()
    jsonschema.validate(document, SCHEMA, format_checker=jsonschema.FormatChecker())
    assert [episode["legal_status"] for episode in document["episodes"]] == ["care_order"]
    rows = [(review["sequence"], review["in_time"], review["lateness_reason"], review["participation"])
            for review in document["reviews"]]
    assert rows == [(1, True, None, "PN1"), (2, False, "key_person_unavailable", "PN6"), (3, True, None, "PN1"),
                    (4, None, None, None)]
