"""Escalations, the IRO's side and what the young person sees: raising (from a record, or in one step from a
child's follow-up), a stage's answer, the next stage, closing, the list's order, the caseload badge, bad input."""

import re
from datetime import date

import pytest
from sqlalchemy import select

from portal.core.clock import local_today
from portal.extensions import db
from portal.models import (
    AuditEvent,
    DecisionAnswer,
    Escalation,
    EscalationCategory,
    EscalationOutcome,
    EscalationStage,
)
from tests.conftest import csrf_from, sign_in
from tests.escalations import demo_escalations, raise_one
from tests.letters import answer, held_review, write_letter


@pytest.fixture
def iro(signed_in):
    return signed_in("demo-iro")


def _post(client, url, page_url=None, **fields):
    token = csrf_from(client.get(page_url or "/get-help"))
    return client.post(url, data={"csrf_token": token, **fields})


def _escalation(app, escalation_id):
    with app.app_context():
        escalation = db.session.get(Escalation, escalation_id)
        steps = [(s.stage, s.asked, s.asked_on, s.respond_by, s.response, s.responded_on, s.resolved)
                 for s in sorted(escalation.steps, key=lambda s: s.id)]
        db.session.expunge(escalation)
        return escalation, steps


def _shown(check_page, response, status=200):
    """The page's HTML, after the shared page checks (one h1, labels, CSRF...)."""
    check_page(response, status=status)
    return response.get_data(as_text=True)


def _newest(app):
    with app.app_context():
        return db.session.scalar(select(Escalation.id).order_by(Escalation.id.desc()).limit(1))


def test_an_informal_escalation_is_recorded_in_a_few_taps_from_the_young_persons_record(app, world, iro, check_page):
    alex = world["yp:Alex"]
    record = iro.get(f"/caseload/{alex}").get_data(as_text=True)
    assert f"/escalations/young-people/{alex}/new" in record
    assert check_page(iro.get(f"/escalations/young-people/{alex}/new")).h1 == "Raise an escalation about Alex"
    response = _post(iro, f"/escalations/young-people/{alex}/new", kind="informal", category="education",
                     asked="Jo Bloggs, team manager", asked_on="2026-01-05",
                     response="A school place is agreed.", resolved="yes")
    assert response.status_code == 303
    escalation, steps = _escalation(app, _newest(app))
    assert (escalation.kind, escalation.category, escalation.outcome, escalation.closed_on) == (
        "informal", EscalationCategory.EDUCATION, EscalationOutcome.RESOLVED, date(2026, 1, 5))
    assert steps[0][:2] == (EscalationStage.TEAM_MANAGER, "Jo Bloggs, team manager")
    assert steps[0][4:] == ("A school place is agreed.", date(2026, 1, 5), True)
    shown = _shown(check_page, iro.get(response.headers["Location"]))
    assert "The escalation is recorded and closed as resolved." in shown and "after 0 days" in shown


def test_the_escalate_button_on_a_hasnt_happened_follow_up_prefills_young_person_source_and_category(
        app, world, iro, check_page):
    with app.app_context():
        letter = write_letter(world["yp:Alex"], world["demo-iro"])
        follow_up = answer(letter, 2, world["yp:Alex"], DecisionAnswer.NOT_HAPPENED).id
    reply_page = iro.get(f"/letters/follow-ups/{follow_up}").get_data(as_text=True)
    raise_url = f"/escalations/young-people/{world['yp:Alex']}/new?follow_up={follow_up}"
    assert raise_url.replace("&", "&amp;") in reply_page or raise_url in reply_page
    form = _shown(check_page, iro.get(raise_url))
    assert re.search(r'value="review_decisions"[^>]*checked|checked[^>]*value="review_decisions"', form)
    assert "From what <bdi>Alex</bdi> said about decision 2" in form
    response = _post(iro, raise_url, raise_url, kind="formal", category="review_decisions",
                     asked="Jo Bloggs, team manager", asked_on="2026-01-05", resolved="not_yet")
    assert response.status_code == 303
    escalation, steps = _escalation(app, _newest(app))
    assert escalation.follow_up_id == follow_up and escalation.decision_id is not None
    assert escalation.young_person_id == world["yp:Alex"] and escalation.outcome is None
    assert steps[0][3] == date(2026, 1, 12)  # Monday 5 January + 5 working days
    # The reply page now leads to the escalation instead of offering another.
    reply_page = iro.get(f"/letters/follow-ups/{follow_up}").get_data(as_text=True)
    assert f"/escalations/{escalation.id}" in reply_page and "?follow_up=" not in reply_page


def test_an_i_dont_understand_follow_up_offers_no_escalate_button(app, world, iro):
    with app.app_context():
        letter = write_letter(world["yp:Alex"], world["demo-iro"])
        follow_up = answer(letter, 1, world["yp:Alex"], DecisionAnswer.DONT_UNDERSTAND).id
    assert "/escalations/young-people/" not in iro.get(f"/letters/follow-ups/{follow_up}").get_data(as_text=True)


def test_the_young_person_sees_taking_this_further_then_sorted_out_and_never_the_internal_detail(app, world, iro):
    with app.app_context():
        letter = write_letter(world["yp:Alex"], world["demo-iro"])
        follow_up = answer(letter, 2, world["yp:Alex"], DecisionAnswer.NOT_HAPPENED)
        escalation = raise_one(world["yp:Alex"], world["demo-iro"], follow_up=follow_up).id
        letter_id = letter.id
    child = app.test_client()
    sign_in(child, "demo-child")
    page = child.get(f"/review-letters/{letter_id}").get_data(as_text=True)
    assert "Your IRO is taking this further" in page
    assert "Team manager" not in page and "Jo Bloggs" not in page and "dentist" not in page
    _post(iro, f"/escalations/{escalation}/response", **{
        "response-response": "Contact starts next week.", "response-responded_on": "2026-01-07",
        "response-resolved": "yes", "response-stage": "team_manager"})
    assert _post(iro, f"/escalations/{escalation}/close", **{
        "close-outcome": "resolved", "close-closed_on": "2026-01-08"}).status_code == 303
    page = child.get(f"/review-letters/{letter_id}").get_data(as_text=True)
    assert "it has now been sorted out" in page and "taking this further" not in page
    assert "Contact starts next week." not in page and "Resolved" not in page


def test_a_stage_answer_then_escalating_to_the_next_stage_in_one_action_then_closing(app, world, iro, check_page):
    with app.app_context():
        escalation = raise_one(world["yp:Alex"], world["demo-iro"], asked_on=date(2025, 12, 23)).id
    url = f"/escalations/{escalation}"
    check_page(iro.get(url))
    assert _post(iro, f"{url}/response", url, **{
        "response-response": "We cannot fund it.", "response-responded_on": "2026-01-04",
        "response-resolved": "no", "response-stage": "team_manager"}).status_code == 303
    page = _shown(check_page, iro.get(url))
    assert "Escalate to the next stage: Service manager" in page
    assert _post(iro, f"{url}/next-stage", url, **{
        "escalate-asked": "Lee Patel, service manager", "escalate-asked_on": "2026-01-05",
        "escalate-stage": "team_manager"}).status_code == 303
    saved, steps = _escalation(app, escalation)
    assert saved.stage is EscalationStage.SERVICE_MANAGER
    # Christmas, Boxing Day and New Year's Day skipped for the first; an ordinary week for the second.
    assert [step[3] for step in steps] == [date(2026, 1, 2), date(2026, 1, 12)]
    assert steps[0][4:] == ("We cannot fund it.", date(2026, 1, 4), False)
    # A second tab still showing stage 1 cannot escalate again.
    stale = _post(iro, f"{url}/next-stage", url, **{
        "escalate-asked": "Someone else", "escalate-asked_on": "2026-01-06", "escalate-stage": "team_manager"})
    assert stale.status_code == 409 and "moved to another stage" in stale.get_data(as_text=True)
    future = _post(iro, f"{url}/close", url, **{"close-outcome": "partly_resolved", "close-closed_on": "2999-01-07",
                                                "close-note": "Half the funding agreed."})
    assert future.status_code == 400 and "Half the funding agreed." in future.get_data(as_text=True)
    closed = _post(iro, f"{url}/close", url, **{"close-outcome": "partly_resolved", "close-closed_on": "2026-01-09"})
    assert closed.status_code == 303
    saved, _steps = _escalation(app, escalation)
    assert (saved.outcome, saved.closed_on) == (EscalationOutcome.PARTLY_RESOLVED, date(2026, 1, 9))
    again = _post(iro, f"{url}/close", url, **{"close-outcome": "withdrawn", "close-closed_on": "2026-01-09"})
    assert again.status_code == 409
    with app.app_context():
        assert db.session.scalar(select(AuditEvent.id).where(AuditEvent.subject == "escalation",
                                                             AuditEvent.subject_id == escalation)) is not None


def test_bad_input_gets_a_clear_message_and_a_400_and_what_was_typed_is_kept(app, world, iro, check_page):
    alex = world["yp:Alex"]
    response = _post(iro, f"/escalations/young-people/{alex}/new", kind="formal", category="health", asked="",
                     asked_on="2999-01-01", concern="Dentist cancelled twice.", resolved="not_yet")
    page = _shown(check_page, response, status=400)
    assert "Enter who you asked" in page and "cannot be in the future" in page
    assert "Dentist cancelled twice." in page
    with app.app_context():
        escalation = raise_one(alex, world["demo-iro"], asked_on=date(2026, 1, 5)).id
    url = f"/escalations/{escalation}"
    response = _post(iro, f"{url}/next-stage", url, **{"escalate-asked": "Lee Patel", "escalate-asked_on": "2026-01-02",
                                                       "escalate-stage": "team_manager"})
    page = _shown(check_page, response, status=400)
    assert "cannot be before the previous stage was asked" in page and 'value="Lee Patel"' in page
    response = _post(iro, f"{url}/response", url, **{"response-response": "", "response-resolved": "",
                                                     "response-responded_on": "not a date", "response-stage": "team_manager"})
    assert _shown(check_page, response, status=400).count("Enter what they said") >= 1
    response = _post(iro, f"{url}/close", url, **{"close-outcome": "maybe", "close-closed_on": "2026-01-09"})
    check_page(response, status=400)
    tampered = _post(iro, f"{url}/next-stage", url, **{"escalate-asked": "Lee", "escalate-asked_on": "2026-01-06",
                                                       "escalate-stage": "nonsense"})
    assert tampered.status_code == 400
    assert _escalation(app, escalation)[0].stage is EscalationStage.TEAM_MANAGER


def test_the_list_shows_open_escalations_first_with_overdue_answers_first(app, world, iro, check_page):
    with app.app_context():
        demo = demo_escalations(world)
        # Asked today (wherever the test runs): its answer is not due yet, so it comes after Jordan's overdue one.
        today = local_today()
        fresh = raise_one(world["yp:Sam"], world["demo-iro"], asked_on=today).id
    page = _shown(check_page, iro.get("/escalations"))
    order = [int(found) for found in re.findall(r'href="/escalations/(\d+)"', page)]
    # Then the closed ones, the most recently closed first (Alex's 38 days ago, Sam's 60).
    assert order == [demo["jordan"], fresh, demo["alex"], demo["sam"]]
    assert page.count("Overdue: due") == 1


def test_the_caseload_shows_open_escalations_per_young_person(app, world, iro):
    page = iro.get("/caseload").get_data(as_text=True)
    assert f'/escalations?young_person={world["yp:Jordan"]}' in page
    assert page.count("Open escalations: 1") == 1  # Jordan's; Alex's and Sam's are closed
    filtered = iro.get(f'/escalations?young_person={world["yp:Jordan"]}').get_data(as_text=True)
    assert "Escalations about Jordan" in filtered and ">Sam<" not in filtered and ">Alex<" not in filtered


def test_an_admin_sees_an_escalation_but_only_the_iro_changes_it(app, world, signed_in, check_page):
    with app.app_context():
        jordan = demo_escalations(world)["jordan"]
    admin = signed_in("demo-admin")
    page = _shown(check_page, admin.get(f"/escalations/{jordan}"))
    assert "Sibling contact agreed" in page and "Close the escalation" not in page


def test_what_they_said_is_never_dropped_without_saying_whether_it_sorted_it_out(app, world, iro, check_page):
    response = _post(iro, f"/escalations/young-people/{world['yp:Alex']}/new", kind="informal", category="health",
                     asked="Jo Bloggs", asked_on="2026-01-05", response="They will ring the dentist.",
                     resolved="not_yet")
    page = _shown(check_page, response, status=400)
    assert "choose whether that sorted it out" in page and "They will ring the dentist." in page
    assert _newest(app) == demo_ids_max(app, world)


def demo_ids_max(app, world):
    with app.app_context():
        return max(demo_escalations(world).values())


def test_an_escalation_can_come_from_a_review_of_that_young_person_only(app, world, iro):
    with app.app_context():
        alex_review = held_review(world["yp:Alex"], days_ago=3).id
        casey_review = held_review(world["yp:Casey"], days_ago=3).id
    url = f"/escalations/young-people/{world['yp:Alex']}/new?review={alex_review}"
    assert "About the review on" in iro.get(url).get_data(as_text=True)
    assert _post(iro, url, url, kind="formal", category="care_plan", asked="Jo Bloggs", asked_on="2026-01-05",
                 resolved="not_yet").status_code == 303
    assert _escalation(app, _newest(app))[0].review_id == alex_review
    assert iro.get(f"/escalations/young-people/{world['yp:Alex']}/new?review={casey_review}").status_code == 404
