"""The letter editor saving as the IRO types, its formatting help doing what it says, and the print views."""

import re

import pytest

from portal.extensions import db
from portal.letters import services
from portal.models import ReviewLetter, User
from tests.conftest import sign_in
from tests.letters import form_fields, held_review, write_letter


@pytest.fixture
def iro(signed_in):
    return signed_in("demo-iro")


@pytest.fixture
def draft(app, world):
    with app.app_context():
        review = held_review(world["yp:Alex"], days_ago=3)
        return services.start_letter(review, db.session.get(User, world["demo-iro"])).id


def _version(app, letter_id):
    with app.app_context():
        return db.session.get(ReviewLetter, letter_id).version


def test_the_editor_saves_itself_and_says_when(app, world, iro, draft, check_page):
    page = iro.get(f"/letters/{draft}/edit")
    check_page(page)
    body = page.get_data(as_text=True)
    assert "data-autosave-json=\"version\"" in body and "js/autosave.js" in body and "Last saved" in body
    fields = {**form_fields(page), "told_us": "You told me about your new bike.", "action": "autosave"}
    saved = iro.post(f"/letters/{draft}/edit", data=fields)
    assert saved.status_code == 200 and saved.is_json
    assert saved.json["version"] == _version(app, draft) == 2
    assert saved.json["message"].startswith("Saved at ")
    with app.app_context():
        assert "new bike" in db.session.get(ReviewLetter, draft).told_us

    # The page keeps typing with the version it was given: the next save is not a conflict.
    again = iro.post(f"/letters/{draft}/edit", data={**fields, "version": "2", "told_us": "…and your new helmet."})
    assert again.status_code == 200 and again.json["version"] == 3


def test_saving_by_hand_still_works_without_javascript(app, world, iro, draft):
    fields = {**form_fields(iro.get(f"/letters/{draft}/edit")), "told_us": "Typed without scripts.", "action": "save"}
    response = iro.post(f"/letters/{draft}/edit", data=fields)
    assert response.status_code == 303
    assert "Typed without scripts." in iro.get(f"/letters/{draft}/edit").get_data(as_text=True)


def test_a_double_tap_on_save_is_not_a_conflict(app, world, iro, draft):
    fields = {**form_fields(iro.get(f"/letters/{draft}/edit")), "told_us": "Tapped twice.", "action": "save"}
    first = iro.post(f"/letters/{draft}/edit", data=fields)
    second = iro.post(f"/letters/{draft}/edit", data=fields)  # same version, same words
    assert first.status_code == second.status_code == 303
    assert "Someone else saved this letter" not in iro.get(second.headers["Location"]).get_data(as_text=True)
    assert _version(app, draft) == 2


def test_an_autosave_behind_someone_elses_save_changes_nothing_and_says_so(app, world, iro, draft):
    fields = form_fields(iro.get(f"/letters/{draft}/edit"))
    other = app.test_client()
    sign_in(other, "demo-admin")
    theirs = {**form_fields(other.get(f"/letters/{draft}/edit")), "told_us": "The admin's words.", "action": "save"}
    assert other.post(f"/letters/{draft}/edit", data=theirs).status_code == 303
    mine = iro.post(f"/letters/{draft}/edit", data={**fields, "told_us": "My words.", "action": "autosave"})
    assert mine.status_code == 409 and "Nothing you typed is lost" in mine.json["message"]
    with app.app_context():
        assert "admin's words" in db.session.get(ReviewLetter, draft).told_us.replace("&#39;", "'")
    # Saving by hand then shows both versions, with what was typed kept.
    shown = iro.post(f"/letters/{draft}/edit", data={**fields, "told_us": "My words.", "action": "save"})
    assert shown.status_code == 409 and "My words." in shown.get_data(as_text=True)


def test_an_autosave_with_an_expired_token_saves_nothing(app, world, iro, draft):
    fields = {**form_fields(iro.get(f"/letters/{draft}/edit")), "told_us": "Stale.", "action": "autosave",
              "csrf_token": "expired"}
    response = iro.post(f"/letters/{draft}/edit", data=fields)
    assert response.status_code == 400
    assert _version(app, draft) == 1


def test_a_save_with_an_expired_token_keeps_what_was_typed(app, world, iro, draft, check_page):
    fields = {**form_fields(iro.get(f"/letters/{draft}/edit")), "told_us": "Please keep this paragraph.",
              "action": "save", "csrf_token": "expired"}
    response = iro.post(f"/letters/{draft}/edit", data=fields)
    assert response.status_code == 400
    assert "Please keep this paragraph." in response.get_data(as_text=True)


def test_the_formatting_the_help_text_promises_is_what_is_shown(app, world, iro):
    with app.app_context():
        letter = write_letter(world["yp:Alex"], world["demo-iro"], publish=True, told_us=(
            "You told me three things:\n- you like **football**\n- you want a phone\n\n"
            "1. first\n2. second\n\nSee https://www.childline.org.uk/ or http://example.org"))
    body = iro.get(f"/letters/{letter.id}").get_data(as_text=True)
    assert "<p>You told me three things:</p>" in body
    assert "<ul><li>you like <strong>football</strong></li><li>you want a phone</li></ul>" in body
    assert "<ol><li>first</li><li>second</li></ol>" in body
    assert ('<a href="https://www.childline.org.uk/" rel="noopener noreferrer">https://www.childline.org.uk/</a>'
            in body)
    assert 'href="http://example.org"' not in body  # only https:// addresses, as promised


def test_the_help_text_promises_only_what_works(app, world, iro, draft):
    body = iro.get(f"/letters/{draft}/edit").get_data(as_text=True)
    helptext = re.search(r'<div class="panel" id="formatting-help">(.*?)</div>', body, re.S).group(1)
    for promise in ("Leave a blank line between paragraphs.", "“- ” to make a list", "“1. ” to make a numbered list",
                    "**like this**", "Web addresses that start with https:// become links."):
        assert promise in helptext
    assert "italics" not in helptext and "<strong>" not in helptext


def test_the_letter_prints_on_a4_for_the_young_person_and_for_staff(app, world, iro, check_page):
    with app.app_context():
        letter = write_letter(world["yp:Alex"], world["demo-iro"], days_ago=5)
    staff = iro.get(f"/letters/{letter.id}/print")
    assert check_page(staff).h1 == "Review letter for Alex"
    body = staff.get_data(as_text=True)
    assert "You will see your brother Sam every month." in body and 'class="print-page"' in body
    assert f"/letters/{letter.id}/print" in iro.get(f"/letters/{letter.id}").get_data(as_text=True)

    child = app.test_client()
    sign_in(child, "demo-child")
    assert f"/review-letters/{letter.id}/print" in child.get(f"/review-letters/{letter.id}").get_data(as_text=True)
    printed = child.get(f"/review-letters/{letter.id}/print")
    assert check_page(printed).h1 == "Your review letter"
    body = printed.get_data(as_text=True)
    assert "You will see your brother Sam every month." in body
    assert 'name="decision-' not in body  # no answer forms on paper
    assert "no-print" in body


def test_the_review_record_has_its_print_view(app, world, iro, check_page):
    with app.app_context():
        review = held_review(world["yp:Alex"], days_ago=3)
    record = iro.get(f"/caseload/reviews/{review.id}/record").get_data(as_text=True)
    assert f"/caseload/reviews/{review.id}/print" in record
    printed = iro.get(f"/caseload/reviews/{review.id}/print")
    assert check_page(printed).h1 == "Record of Alex's review"
