"""Escalation in real Chromium on a phone: Alex says a decision "hasn't happened"; the IRO escalates it from
the follow-up in one step to a team manager, records the answer, escalates to stage 2 and closes it resolved;
Alex sees "taking this further", then that it is sorted out, never the internal detail; the service manager's
figures page counts it. axe-core checks every new screen."""

import re

import pytest
from playwright.sync_api import expect
from sqlalchemy import select

from portal.extensions import db
from portal.models import DecisionResponse, User
from tests.browser.conftest import assert_accessible, choose_language
from tests.letters import write_letter

pytestmark = pytest.mark.browser


@pytest.fixture
def published_letter(live_server):
    """A published letter to Alex with three decisions; its id."""
    with live_server.app.app_context():
        iro_id = db.session.scalar(select(User.id).where(User.username == "demo-iro"))
        return write_letter(live_server.ids["Alex"], iro_id).id


def _escalations_figure(page, base, table, row):
    """One count in a figures table (by its key), for this reporting year, as the manager sees it."""
    page.goto(f"{base}/figures")
    rows = page.locator(f"[aria-labelledby='table-{table}'] tr").filter(has=page.locator("th", has_text=re.compile(f"^{row}$")))
    return int(rows.first.locator("td").first.inner_text())


def test_a_hasnt_happened_is_escalated_to_stage_2_and_resolved_and_alex_sees_it_in_plain_words(
        open_page, live_server, published_letter):
    base = live_server.url
    manager = open_page("demo-manager")
    resolved_before = _escalations_figure(manager, base, "escalation_outcomes", "Resolved")
    formal_before = _escalations_figure(manager, base, "escalations", "Formal")

    # Alex says the second decision has not happened.
    alex = open_page("demo-child")
    alex.goto(f"{base}/review-letters/{published_letter}")
    choose_language(alex, "en")
    second = alex.locator("#decision-2")
    second.locator("input[value=not_happened]").check()
    second.locator("textarea").fill("Nobody has taken me to the bank yet.")
    second.get_by_role("button", name="Send").click()
    expect(alex.locator("#decision-2 .follow-up")).to_contain_text("Nobody has taken me to the bank yet.")
    with live_server.app.app_context():
        follow_up = db.session.scalar(select(DecisionResponse.id).order_by(DecisionResponse.id.desc()).limit(1))

    # The IRO escalates it from the follow-up, in one step: young person, source and category are filled in.
    iro = open_page("demo-iro")
    iro.goto(f"{base}/letters/follow-ups/{follow_up}")
    iro.get_by_role("link", name="Escalate", exact=True).click()
    expect(iro.locator("h1")).to_have_text("Raise an escalation about Alex")
    expect(iro.get_by_label("Non-completion of review decisions")).to_be_checked()
    assert_accessible(iro, "raising an escalation")
    iro.get_by_role("button", name="Record the escalation").click()  # nothing chosen: clear messages
    expect(iro.get_by_role("alert")).to_contain_text("Choose informal or formal")
    expect(iro.get_by_role("alert")).to_contain_text("Enter who you asked")
    assert_accessible(iro, "raising an escalation, with errors")
    iro.get_by_label("Formal", exact=True).check()
    iro.get_by_label("Who did you raise it with?").fill("Jo Bloggs, team manager")
    iro.get_by_role("button", name="Record the escalation").click()
    expect(iro.locator(".banner--success")).to_contain_text("The escalation is recorded.")
    expect(iro.locator("h1")).to_have_text("Escalation about Alex")
    expect(iro.locator("main")).to_contain_text("Stage 1: Team manager")
    assert_accessible(iro, "an open escalation")

    # Alex sees, in plain words, that it is being taken further.
    alex.reload()
    taken = alex.locator("#decision-2 [data-taken-further]")
    expect(taken).to_have_text("Your IRO is taking this further, to make sure it is sorted out.")
    assert_accessible(alex, "Alex's letter, taken further")

    # The team manager's answer does not resolve it: escalate to stage 2 in one action.
    answer = iro.locator("form[action$='/response']")
    answer.get_by_label("What did they say?").fill("We have no one free to go with Alex.")
    answer.get_by_label("No", exact=True).check()
    answer.get_by_role("button", name="Record their answer").click()
    expect(iro.locator(".banner--success")).to_contain_text("Their answer is recorded.")
    escalate = iro.locator("form[action$='/next-stage']")
    escalate.get_by_label("Who are you taking it to?").fill("Lee Patel, service manager")
    escalate.get_by_role("button", name="Escalate to the next stage").click()
    expect(iro.locator(".banner--success")).to_contain_text("Escalated to: Service manager.")
    expect(iro.locator("main")).to_contain_text("Stage 2: Service manager")

    # The service manager sorts it out; the IRO closes it as resolved.
    answer = iro.locator("form[action$='/response']")
    answer.get_by_label("What did they say?").fill("Lee will take Alex to the bank on Friday.")
    answer.get_by_label("Yes", exact=True).check()
    answer.get_by_role("button", name="Record their answer").click()
    close = iro.locator("form[action$='/close']")
    close.get_by_label("Resolved", exact=True).check()
    close.get_by_role("button", name="Close the escalation").click()
    expect(iro.locator(".banner--success")).to_contain_text("The escalation is closed.")
    expect(iro.locator("main")).to_contain_text("after 0 days")
    assert_accessible(iro, "a closed escalation")

    # The list: the escalation is there, closed; the caseload and list pages pass axe.
    iro.goto(f"{base}/escalations")
    expect(iro.locator("h1")).to_have_text("Escalations")
    assert_accessible(iro, "the escalations list")
    iro.goto(f"{base}/caseload")
    expect(iro.get_by_role("link", name="Open escalations: 1")).to_be_visible()  # Jordan's (demo data)
    assert_accessible(iro, "the caseload with open escalations")

    # Alex now reads that it is sorted out, and nothing of stages or answers.
    alex.reload()
    expect(taken).to_have_text("Your IRO took this further, and it has now been sorted out.")
    page_text = alex.locator("main").inner_text()
    for internal in ("Service manager", "Team manager", "Lee Patel", "Jo Bloggs", "no one free", "Stage"):
        assert internal not in page_text

    # The service's figures count it: one more formal escalation, one more resolved.
    assert _escalations_figure(manager, base, "escalation_outcomes", "Resolved") == resolved_before + 1
    assert _escalations_figure(manager, base, "escalations", "Formal") == formal_before + 1
    assert_accessible(manager, "the figures with escalations")
