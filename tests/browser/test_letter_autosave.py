"""The letter editor in real Chromium: it saves itself a few seconds after the IRO stops typing, so a reload
keeps the draft; the correction, earlier-version and print pages pass axe-core."""

import pytest
from playwright.sync_api import expect
from sqlalchemy import select

from portal.extensions import db
from portal.letters import services
from portal.models import User
from tests.browser.conftest import assert_accessible
from tests.letters import correct_letter, held_review, write_letter

pytestmark = pytest.mark.browser


@pytest.fixture
def letters(live_server):
    """A new draft letter to Alex, and a published letter to Alex that was corrected once: their ids."""
    app = live_server.app
    with app.app_context():
        iro = db.session.get(User, db.session.scalar(select(User.id).where(User.username == "demo-iro")))
        draft = services.start_letter(held_review(live_server.ids["Alex"], days_ago=2), iro)
        corrected = write_letter(live_server.ids["Alex"], iro.id, days_ago=30)
        correct_letter(corrected, iro.id, what_changed="I put the wrong day for football: it is Saturday.")
        return draft.id, corrected.id


def test_a_letter_draft_saves_itself_and_is_still_there_after_a_reload(open_page, live_server, letters):
    draft, _corrected = letters
    page = open_page("demo-iro")
    page.goto(f"{live_server.url}/letters/{draft}/edit")
    assert_accessible(page, "letter editor")
    status = page.locator("[data-autosave-status]")

    def saved_by_itself(field, words):
        with page.expect_response(lambda r: r.request.method == "POST" and r.url.endswith("/edit"),
                                  timeout=15000) as answer:
            page.locator(field).fill(words)
        assert answer.value.status == 200
        expect(status).to_contain_text("Saved at")

    saved_by_itself("#told_us", "You told me you want to learn to swim.")
    # Typing again after the page saved itself: the next save uses the new version, no conflict.
    saved_by_itself("#going_well", "School is going well.")
    page.reload()
    expect(page.locator("#told_us")).to_have_value("You told me you want to learn to swim.")
    expect(page.locator("#going_well")).to_have_value("School is going well.")
    # Saving by hand straight after still works (no "someone else saved" page).
    page.locator("button[value=save]").click()
    expect(page.locator(".banner--success")).to_contain_text("The draft is saved.")


@pytest.mark.page_markup
def test_correction_version_and_print_pages_are_accessible(open_page, live_server, letters):
    _draft, corrected = letters
    iro = open_page("demo-iro")
    iro.goto(f"{live_server.url}/letters/{corrected}")
    expect(iro.locator("#corrected")).to_contain_text("I put the wrong day for football: it is Saturday.")
    assert_accessible(iro, "staff letter with a correction")
    iro.locator(f"form[action$='/letters/{corrected}/correct'] button").click()
    expect(iro.locator("h1")).to_have_text("Correct the letter to Alex")
    assert_accessible(iro, "correction editor")
    iro.goto(f"{live_server.url}/letters/{corrected}/print")
    assert_accessible(iro, "staff print view")

    alex = open_page("demo-child")
    alex.goto(f"{live_server.url}/review-letters/{corrected}")
    expect(alex.locator("#corrected")).to_contain_text("This letter was corrected on")
    assert_accessible(alex, "young person's corrected letter")
    alex.locator("#corrected a[href$='/versions/1']").click()
    expect(alex.locator("h1")).to_contain_text("Earlier version")
    assert_accessible(alex, "earlier version")
    alex.goto(f"{live_server.url}/review-letters/{corrected}/print")
    assert_accessible(alex, "young person's print view")
    alex.emulate_media(media="print")
    expect(alex.locator("header.header")).to_be_hidden()
    expect(alex.locator("article.letter")).to_be_visible()
