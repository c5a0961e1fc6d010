"""The review timetable in real Chromium on a laptop: the IRO signs in, finds Alex through the caseload's
search, records a held review with how Alex took part, and sees the next due date on the caseload; then
records the mid-way check. axe-core checks every new staff screen."""

from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
from playwright.sync_api import expect
from sqlalchemy import select

from portal.core.clock import local_today
from portal.core.timetable import add_months
from portal.dates import format_date
from portal.extensions import db
from portal.models import Participation, Review
from tests.browser.conftest import assert_accessible, sign_in_through_form

pytestmark = pytest.mark.browser

LAPTOP = {"viewport": {"width": 1366, "height": 768}, "is_mobile": False, "has_touch": False,
          "device_scale_factor": 1}


@pytest.fixture
def past_review(live_server):
    """A review of Alex's planned for two days ago, not yet recorded as held; its id and today's date."""
    app = live_server.app
    with app.app_context():
        zone = ZoneInfo(app.config["BABEL_DEFAULT_TIMEZONE"])
        today = local_today()
        review = Review(young_person_id=live_server.ids["Alex"], place="Home",
                        scheduled_for=datetime.combine(today - timedelta(days=2), time(16, 0), tzinfo=zone))
        db.session.add(review)
        db.session.commit()
        return review.id, today


def test_the_iro_records_a_held_review_with_participation_and_sees_the_next_due_date(open_page, live_server,
                                                                                     past_review):
    base, alex_id = live_server.url, live_server.ids["Alex"]
    review_id, today = past_review
    held_on = today - timedelta(days=2)
    with live_server.app.test_request_context():
        next_due = format_date(add_months(held_on, 6), "medium")

    iro = open_page(None, **LAPTOP)
    sign_in_through_form(iro, base, "demo-iro")
    assert_accessible(iro, "the IRO's home page with the caseload's counts")
    iro.get_by_role("link", name="Young people (3)").click()
    assert_accessible(iro, "the caseload")
    iro.get_by_label("Search by first name or case reference").fill("alex")
    iro.get_by_role("button", name="Search").click()
    expect(iro.locator("tbody tr")).to_have_count(1)
    assert_accessible(iro, "the caseload, searched")
    iro.locator("tbody").get_by_role("link", name="Alex").click()
    expect(iro.locator("h1")).to_have_text("Alex")

    # The review planned two days ago: the IRO records how it went.
    iro.locator(f"a[href='/caseload/reviews/{review_id}/record']").click()
    expect(iro.locator("h1")).to_have_text("Record Alex's review")
    iro.get_by_label("The day the review took place").fill((today + timedelta(days=1)).isoformat())
    iro.get_by_role("button", name="Save the record").click()
    expect(iro.get_by_role("alert")).to_contain_text("The day the review took place cannot be in the future")
    assert_accessible(iro, "the review record, with errors")
    iro.get_by_label("The day the review took place").fill(held_on.isoformat())
    iro.get_by_label("PN1: attended and spoke for themselves").check()
    iro.get_by_label("They co-chaired it").check()
    iro.get_by_label("Yes, in person").check()
    iro.get_by_label("Social worker", exact=True).check()
    iro.get_by_label("They gave their views another way").check()
    iro.locator("#care_plan_endorsed-0").check()
    iro.locator("#recommendations-0-what").fill("Alex will start swimming lessons.")
    iro.locator("#recommendations-0-who").fill("Carer")
    iro.locator("#recommendations-0-by_when").fill((today + timedelta(days=30)).isoformat())
    iro.get_by_role("button", name="Save the record").click()
    expect(iro.locator(".banner--success")).to_contain_text("The review is recorded. The next review is due by")
    with live_server.app.app_context():
        review = db.session.get(Review, review_id)
        assert (review.held_on, review.participation, review.chaired) == (held_on, Participation.PN1, "co_chaired")

    # The caseload shows the next due date, 6 months after the review just held.
    iro.goto(f"{base}/caseload?q=alex")
    expect(iro.locator("tbody tr").first).to_contain_text(next_due)

    # The mid-way check for the new gap between reviews.
    iro.goto(f"{base}/caseload/{alex_id}/midway-check")
    assert_accessible(iro, "the mid-way check")
    iro.get_by_role("button", name="Save the mid-way check").click()
    expect(iro.get_by_role("alert")).to_contain_text("Choose whether the decisions are on track")
    assert_accessible(iro, "the mid-way check, with errors")
    iro.get_by_label("The day of the check").fill(today.isoformat())
    iro.locator("#education_plan-2").check()
    iro.locator("#health_assessment-0").check()
    iro.locator("#decisions_on_track-1").check()
    iro.get_by_role("button", name="Save the mid-way check").click()
    expect(iro.locator(".banner--success")).to_contain_text("The mid-way check is recorded.")
    expect(iro.locator("main")).to_contain_text("Mid-way check done")
    with live_server.app.app_context():
        assert db.session.scalar(select(Review.id).where(Review.id == review_id, Review.held_on == held_on))
