"""A published letter corrected as a new version: what the IRO does, what the young person and carers read."""

import pytest
from sqlalchemy import func, select

from portal.dates import format_date
from portal.extensions import db
from portal.letters import corrections
from portal.models import (
    AuditEvent,
    Decision,
    DecisionResponse,
    LetterVersion,
    OutboxMessage,
    ReviewLetter,
)
from tests.conftest import csrf_from, sign_in
from tests.letters import answer, form_fields, write_letter

WHAT_CHANGED = "I wrote the wrong day for football. It is Saturday, not Sunday."


@pytest.fixture
def iro(signed_in):
    return signed_in("demo-iro")


@pytest.fixture
def sent(app, world):
    """Alex's published letter with an open follow-up about decision 2; returns (letter id, follow-up id)."""
    with app.app_context():
        letter = write_letter(world["yp:Alex"], world["demo-iro"], days_ago=10,
                              worries="You were worried about football on Sunday.")
        follow_up = answer(letter, 2, world["yp:Alex"], comment="Nobody has rung the bank.")
        return letter.id, follow_up.id


def _client(app, username):
    """Another browser, signed in as someone else (the `iro` fixture keeps its own)."""
    client = app.test_client()
    assert sign_in(client, username).status_code == 303
    return client


def _start(iro, letter_id):
    view = iro.get(f"/letters/{letter_id}")
    response = iro.post(f"/letters/{letter_id}/correct", data={"csrf_token": csrf_from(view)})
    assert response.status_code == 303 and response.headers["Location"] == f"/letters/{letter_id}/correction"
    return iro.get(response.headers["Location"])


def test_the_iro_corrects_a_published_letter_and_the_young_person_sees_what_changed(
        app, world, iro, sent, signed_in, check_page):
    letter_id, follow_up_id = sent
    view = iro.get(f"/letters/{letter_id}")
    assert "Correct this letter" in view.get_data(as_text=True)
    page = _start(iro, letter_id)
    assert check_page(page).h1 == "Correct the letter to Alex"
    fields = form_fields(page, "/correction")
    assert fields["worries"] == "You were worried about football on Sunday." or "football on Sunday" in fields["worries"]

    # Saving a draft of the correction changes nothing the young person reads.
    fields.update(worries="You were worried about football on Saturday.", action="save")
    saved = iro.post(f"/letters/{letter_id}/correction", data=fields)
    assert saved.status_code == 303
    child = _client(app, "demo-child")
    assert "football on Sunday" in child.get(f"/review-letters/{letter_id}").get_data(as_text=True)

    # Publishing asks for "what changed", keeping what was typed.
    page = iro.get(f"/letters/{letter_id}/correction")
    fields = {**form_fields(page, "/correction"), "action": "publish", "what_changed": ""}
    refused = iro.post(f"/letters/{letter_id}/correction", data=fields)
    check_page(refused, status=400)
    body = refused.get_data(as_text=True)
    assert "Say what changed: the young person reads it above the letter" in body
    assert "football on Saturday" in body

    fields = {**form_fields(refused, "/correction"), "action": "publish", "what_changed": WHAT_CHANGED}
    published = iro.post(f"/letters/{letter_id}/correction", data=fields)
    assert published.status_code == 303 and published.headers["Location"] == f"/letters/{letter_id}"
    assert "The corrected letter is published. Alex has been told that something is new." in \
        iro.get(published.headers["Location"]).get_data(as_text=True)

    with app.test_request_context():
        today = format_date(db.session.scalar(select(LetterVersion.published_at).where(
            LetterVersion.letter_id == letter_id, LetterVersion.number == 2)), "long")
    line = f"This letter was corrected on {today}: {WHAT_CHANGED}"

    # The young person reads the newest version, the line above it, and can open the one before.
    reading = child.get(f"/review-letters/{letter_id}")
    check_page(reading)
    body = reading.get_data(as_text=True)
    assert line in body.replace("&#39;", "'")
    assert "football on Saturday" in body and "football on Sunday" not in body
    # Their follow-up about decision 2 is still attached to it.
    assert "Nobody has rung the bank." in body
    earlier = child.get(f"/review-letters/{letter_id}/versions/1")
    assert check_page(earlier).h1.startswith("Earlier version of the review letter")
    assert "football on Sunday" in earlier.get_data(as_text=True)
    assert "This is not the newest version of the letter." in earlier.get_data(as_text=True)

    with app.app_context():
        kinds = db.session.execute(select(OutboxMessage.recipient_id, OutboxMessage.kind)
                                   .order_by(OutboxMessage.id)).all()
        assert kinds[-1] == (world["demo-child"], "letter_corrected")
        assert db.session.scalar(select(func.count(Decision.id)).where(Decision.letter_id == letter_id)) == 3
        response = db.session.get(DecisionResponse, follow_up_id)
        assert response.decision.letter_id == letter_id and response.replied_at is None
        versions = db.session.scalars(select(LetterVersion).where(LetterVersion.letter_id == letter_id)
                                      .order_by(LetterVersion.number)).all()
        assert [(v.number, v.status.value) for v in versions] == [(1, "published"), (2, "published")]
        assert "Sunday" in versions[0].worries and "Saturday" in db.session.get(ReviewLetter, letter_id).worries

    # The IRO's page of the letter shows the same line and the earlier version.
    staff = iro.get(f"/letters/{letter_id}").get_data(as_text=True).replace("&#39;", "'")
    assert line in staff and f"/letters/{letter_id}/versions/1" in staff


def test_a_correction_rewords_decisions_and_the_young_persons_answers_stay_with_them(app, world, iro, sent, signed_in):
    letter_id, _follow_up = sent
    page = _start(iro, letter_id)
    fields = form_fields(page, "/correction")
    fields.update({"decisions-1-what": "You will get your own bank account, with your carer's help.",
                   "decisions-1-by_when": "2099-03-31", "what_changed": "Decision 2 now says who helps.",
                   "action": "publish"})
    assert iro.post(f"/letters/{letter_id}/correction", data=fields).status_code == 303
    body = _client(app, "demo-child").get(f"/review-letters/{letter_id}").get_data(as_text=True).replace("&#39;", "'")
    assert "You will get your own bank account, with your carer's help." in body
    assert "Nobody has rung the bank." in body  # the follow-up under the reworded decision
    earlier = _client(app, "demo-child").get(f"/review-letters/{letter_id}/versions/1").get_data(as_text=True)
    assert "You will get your own bank account." in earlier and "with your carer" not in earlier


def test_a_correction_cannot_remove_a_decision(app, world, iro, sent, check_page):
    letter_id, _follow_up = sent
    fields = form_fields(_start(iro, letter_id), "/correction")
    fields.update({"decisions-2-what": "", "decisions-2-who": "", "decisions-2-by_when": "", "action": "save"})
    response = iro.post(f"/letters/{letter_id}/correction", data=fields)
    check_page(response, status=400)
    assert "A decision cannot be removed in a correction" in response.get_data(as_text=True)


def test_a_carer_who_may_read_the_letter_sees_the_correction_too(app, world, iro, signed_in):
    with app.app_context():
        letter = write_letter(world["yp:Jordan"], world["demo-iro"], days_ago=10)
    fields = {**form_fields(_start(iro, letter.id), "/correction"), "what_changed": "Jordan's school name was wrong.",
              "action": "publish"}
    assert iro.post(f"/letters/{letter.id}/correction", data=fields).status_code == 303
    carer = _client(app, "demo-carer")
    body = carer.get(f"/review-letters/{letter.id}").get_data(as_text=True).replace("&#39;", "'")
    assert "This letter was corrected on" in body and "Jordan's school name was wrong." in body
    assert carer.get(f"/review-letters/{letter.id}/versions/1").status_code == 200


def test_starting_a_correction_twice_carries_on_the_same_one(app, world, iro, sent):
    letter_id, _follow_up = sent
    _start(iro, letter_id)
    _start(iro, letter_id)
    with app.app_context():
        assert db.session.scalar(select(func.count(LetterVersion.id)).where(
            LetterVersion.letter_id == letter_id, LetterVersion.status == "draft")) == 1


def test_two_people_saving_the_same_correction_overwrite_nothing(app, world, iro, sent, signed_in, check_page):
    letter_id, _follow_up = sent
    page = _start(iro, letter_id)
    mine = {**form_fields(page, "/correction"), "told_us": "Mine: you like drawing.", "action": "save"}
    theirs = {**form_fields(page, "/correction"), "told_us": "Theirs: you like singing.", "action": "save"}
    assert iro.post(f"/letters/{letter_id}/correction", data=theirs).status_code == 303
    response = iro.post(f"/letters/{letter_id}/correction", data=mine)
    check_page(response, status=409)
    assert "Mine: you like drawing." in response.get_data(as_text=True)
    with app.app_context():
        draft = corrections.draft_correction(db.session.get(ReviewLetter, letter_id))
        assert "singing" in draft.told_us


def test_reading_an_earlier_version_is_audited_like_the_letter(app, world, iro, sent):
    letter_id, _follow_up = sent
    fields = {**form_fields(_start(iro, letter_id), "/correction"), "what_changed": "Spelling.", "action": "publish"}
    iro.post(f"/letters/{letter_id}/correction", data=fields)
    with app.app_context():
        before = db.session.scalar(select(func.count(AuditEvent.id)).where(AuditEvent.subject == "letter"))
    assert iro.get(f"/letters/{letter_id}/versions/1").status_code == 200
    with app.app_context():
        after = db.session.scalar(select(func.count(AuditEvent.id)).where(AuditEvent.subject == "letter"))
    assert after == before + 1


def test_a_draft_letter_cannot_be_corrected(app, world, iro, check_page):
    with app.app_context():
        letter = write_letter(world["yp:Alex"], world["demo-iro"], publish=False)
    response = iro.post(f"/letters/{letter.id}/correct", data={"csrf_token": csrf_from(iro.get("/letters"))})
    check_page(response, status=409)
    assert "Only a published letter can be corrected." in response.get_data(as_text=True)


def test_the_young_persons_list_says_which_letter_was_corrected(app, world, iro, sent):
    letter_id, _follow_up = sent
    fields = {**form_fields(_start(iro, letter_id), "/correction"), "what_changed": "Spelling.", "action": "publish"}
    iro.post(f"/letters/{letter_id}/correction", data=fields)
    listing = _client(app, "demo-child").get("/review-letters").get_data(as_text=True)
    assert "Corrected on " in listing and f"/review-letters/{letter_id}" in listing
