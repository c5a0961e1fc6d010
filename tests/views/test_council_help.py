"""Worrying words for the Children in Care Council: before sending, the young person is told the council cannot
reply and who can; their words are kept and they can still send. Moderators are told how to act on them."""

import re
from datetime import timedelta
from html import unescape

from sqlalchemy import select

from portal.core.clock import local_today
from portal.extensions import db
from portal.models import AnswerType, User
from portal.voice import campaigns
from tests.conftest import csrf_from, sign_in
from tests.views.test_get_help import number_links
from tests.voice_steps import contributions as _contributions
from tests.voice_steps import mix
from tests.voice_steps import pending_tokens as _pending_tokens


def contributions(app):
    """What reached the council, once the mixing job has moved what was queued."""
    mix(app)
    return _contributions(app)


def pending_tokens(app):
    """Words waiting for a moderator, once the mixing job has moved what was queued."""
    mix(app)
    return _pending_tokens(app)

WORRYING = "He hits me when nobody is home"
ORDINARY = "Nobody tells us when contact with our brothers and sisters is cancelled."
SUBMISSION = re.compile(r'name="submission" type="hidden" value="([^"]+)"')


def _post(client, url, page, **fields):
    """Post the form on `page` (a response) with its CSRF token and submission value, plus `fields`."""
    body = page.get_data(as_text=True)
    data = {"csrf_token": csrf_from(page), "submission": SUBMISSION.search(body).group(1), **fields}
    if 'name="help_shown" value="1"' in body:
        data["help_shown"] = "1"
    return client.post(url, data=data)


def _assert_told_who_can_help_with_words_kept(response, words, check_page):
    check_page(response)  # not an error: nothing is wrong with what they wrote
    body = response.get_data(as_text=True)
    assert "Before you send this" in body
    assert "they cannot reply to you or help you themselves" in body
    assert "People who can help you: your IRO, an advocate, or Childline." in body
    assert number_links(response)["0800 1111"] == "tel:08001111"
    assert "chat to a Childline counsellor online" in body and "85258" in body
    assert "Your words are still in the box below" in body
    assert words in unescape(re.search(r"<textarea[^>]*>(.*?)</textarea>", body, re.S).group(1))
    assert "Send to the council" in body
    assert body.index("Before you send this") < body.index("<textarea")


def test_worrying_words_are_not_sent_before_the_young_person_is_told_the_council_cannot_reply_and_who_can(
        app, client, world, check_page):
    sign_in(client, "demo-child")
    page = client.get("/tell-the-council")
    response = _post(client, "/tell-the-council", page, text=WORRYING, themes=["safety"])
    _assert_told_who_can_help_with_words_kept(response, WORRYING, check_page)
    assert re.search(r'<input checked[^>]*value="safety"', response.get_data(as_text=True))
    assert contributions(app) == []


def test_after_being_told_the_young_person_can_still_send_their_words_unchanged(app, client, world, check_page):
    sign_in(client, "demo-child")
    page = client.get("/tell-the-council")
    told = _post(client, "/tell-the-council", page, text=WORRYING, themes=["safety"])
    sent = _post(client, "/tell-the-council", told, text=WORRYING, themes=["safety"])
    assert sent.status_code == 303 and sent.headers["Location"] == "/tell-the-council/sent"
    (stored,) = contributions(app)
    assert stored["text"] == WORRYING and stored["themes"] == ["safety"]
    after = client.get("/tell-the-council/sent")
    check_page(after)
    assert "If you are not safe" in after.get_data(as_text=True)


def test_a_double_tap_on_the_warning_page_still_stores_the_words_once(app, client, world):
    sign_in(client, "demo-child")
    told = _post(client, "/tell-the-council", client.get("/tell-the-council"), text=WORRYING)
    for _ in range(2):
        assert _post(client, "/tell-the-council", told, text=WORRYING).status_code == 303
    assert len(contributions(app)) == 1


def test_ordinary_words_are_sent_at_once_without_the_warning(app, client, world):
    sign_in(client, "demo-child")
    response = _post(client, "/tell-the-council", client.get("/tell-the-council"), text=ORDINARY)
    assert response.status_code == 303
    assert len(contributions(app)) == 1


def _text_campaign(app):
    with app.app_context():
        council = db.session.scalar(select(User).where(User.username == "demo-council"))
        today = local_today()
        return campaigns.create(council, title="Feeling safe", question="What would make you feel safer?",
                                answer_type=AnswerType.TEXT, choices=[], themes=["safety"], written_in="en",
                                languages=["en"], opens_on=today, closes_on=today + timedelta(days=14)).id


def test_a_worrying_campaign_answer_says_who_can_help_first_then_can_still_be_sent(app, client, world, check_page):
    campaign_id = _text_campaign(app)
    url = f"/council-campaigns/{campaign_id}"
    sign_in(client, "demo-child")
    told = _post(client, url, client.get(url), text=WORRYING)
    _assert_told_who_can_help_with_words_kept(told, WORRYING, check_page)
    assert "What would make you feel safer?" in told.get_data(as_text=True)
    assert contributions(app) == []
    sent = _post(client, url, told, text=WORRYING)
    assert sent.status_code == 303 and sent.headers["Location"] == "/tell-the-council/sent"
    (stored,) = contributions(app)
    assert (stored["source"], stored["text"]) == ("campaign", WORRYING)


def _moderation_page(app, client, text):
    young = app.test_client()
    sign_in(young, "demo-child")
    told = _post(young, "/tell-the-council", young.get("/tell-the-council"), text=text)
    if told.status_code == 200:
        _post(young, "/tell-the-council", told, text=text)
    (token,) = pending_tokens(app)
    sign_in(client, "demo-council")
    return client.get(f"/council/moderation/{token}")


def test_moderators_are_told_to_pass_worrying_words_to_the_childrens_rights_worker(app, client, world, check_page):
    app.config["RIGHTS_WORKER_CONTACT"] = "Sam Lee, 01632 960 100, rights@example.org"
    page = _moderation_page(app, client, WORRYING)
    check_page(page)
    body = unescape(page.get_data(as_text=True))
    assert "These words suggest someone may not be safe" in body
    assert "Tell the children's rights worker today" in body
    assert "share a safety message with every young person" in body
    assert "Do not try to find out who wrote them" in body
    assert "Children's rights worker: <bdi>Sam Lee, 01632 960 100, rights@example.org</bdi>" in body


def test_without_a_configured_rights_worker_moderators_are_told_to_ask_an_admin(app, client, world):
    body = unescape(_moderation_page(app, client, WORRYING).get_data(as_text=True))
    assert "Tell the children's rights worker today" in body
    assert "Ask an admin who your children's rights worker is." in body


def test_ordinary_words_carry_no_worrying_marker_for_moderators(app, client, world):
    body = unescape(_moderation_page(app, client, ORDINARY).get_data(as_text=True))
    assert "These words suggest someone may not be safe" not in body
    assert "children's rights worker" not in body
