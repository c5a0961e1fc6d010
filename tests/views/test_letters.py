"""Review letters, the IRO's side: record the review, write, preview, publish, conflicts, follow-ups and the list."""

import re
import threading
from datetime import timedelta

import pytest
from sqlalchemy import func, select, text

from portal.core.clock import local_today
from portal.extensions import db
from portal.letters import services
from portal.models import (
    AuditEvent,
    Decision,
    DecisionAnswer,
    DecisionStatus,
    LetterStatus,
    OutboxMessage,
    Review,
    ReviewLetter,
    User,
)
from tests.conftest import csrf_from, sign_in
from tests.letters import answer, form_fields, held_review, write_letter

HOSTILE = ('<p onclick="steal()">You said <strong>football</strong> matters.</p>'
           '<script>alert("x")</script><img src=x onerror=alert(1)><a href="javascript:alert(1)">click</a>'
           '<a href="https://www.childline.org.uk/">Childline</a>')


def _letter(app, letter_id):
    with app.app_context():
        letter = db.session.get(ReviewLetter, letter_id)
        decisions = [(d.position, d.what, d.who, d.by_when, d.status) for d in letter.decisions]
        db.session.expunge(letter)
        return letter, decisions


def _events(app, subject):
    with app.app_context():
        return db.session.scalars(select(AuditEvent.subject_id).where(AuditEvent.subject == subject)).all()


@pytest.fixture
def iro(signed_in):
    return signed_in("demo-iro")


@pytest.fixture
def draft(app, world):
    """A started (empty) letter for a review of Alex's held three days ago; returns its id."""
    with app.app_context():
        review = held_review(world["yp:Alex"], days_ago=3)
        return services.start_letter(review, db.session.get(User, world["demo-iro"])).id


def _fill(fields, **typed):
    """The edit form's fields with some typed in (decisions as decisions-N-what etc.)."""
    return {**fields, **typed}


def _decision(number, what, who, by_when):
    return {f"decisions-{number}-what": what, f"decisions-{number}-who": who, f"decisions-{number}-by_when": by_when}


def test_the_iro_records_the_day_of_the_review_then_starts_the_letter(app, world, iro, check_page):
    alex = world["yp:Alex"]
    with app.app_context():
        review = held_review(alex, days_ago=2)
        review.held_on = None
        db.session.commit()
        review_id = review.id
    page = iro.get(f"/letters/young-people/{alex}")
    assert check_page(page).h1 == "Review letters for Alex"
    assert _events(app, "letters") == [alex]

    field = f"held-{review_id}-held_on"
    with app.app_context():
        today = local_today()
    future = (today + timedelta(days=1)).isoformat()
    response = iro.post(f"/letters/reviews/{review_id}/held", data={"csrf_token": csrf_from(page), field: future})
    page_with_error = check_page(response, status=400)
    assert page_with_error.title_text.startswith("Error: Review letters for Alex")
    assert "The day the review took place cannot be in the future" in response.get_data(as_text=True)
    assert f'value="{future}"' in response.get_data(as_text=True)  # what was typed is kept

    day = (today - timedelta(days=2)).isoformat()
    response = iro.post(f"/letters/reviews/{review_id}/held", data={"csrf_token": csrf_from(page), field: day})
    assert response.status_code == 303
    with app.app_context():
        assert db.session.get(Review, review_id).held_on.isoformat() == day

    response = iro.post(f"/letters/reviews/{review_id}/letter", data={"csrf_token": csrf_from(page)})
    assert response.status_code == 303
    edit = iro.get(response.headers["Location"])
    assert check_page(edit).h1 == "Letter to Alex"
    # Starting again carries on with the same letter.
    again = iro.post(f"/letters/reviews/{review_id}/letter", data={"csrf_token": csrf_from(page)})
    assert again.headers["Location"] == response.headers["Location"]
    with app.app_context():
        assert db.session.scalar(select(func.count(ReviewLetter.id))) == 1


def test_a_letter_cannot_be_started_before_the_review_is_recorded_as_held(app, world, iro, check_page):
    with app.app_context():
        upcoming = db.session.scalar(select(Review.id).where(Review.young_person_id == world["yp:Alex"],
                                                             Review.held_on.is_(None)))
    assert upcoming is not None
    response = iro.post(f"/letters/reviews/{upcoming}/letter", data={"csrf_token": csrf_from(iro.get("/letters"))})
    check_page(response, status=400)
    assert "Record the day the review took place before writing its letter." in response.get_data(as_text=True)


def test_the_iro_writes_a_draft_whose_text_is_sanitised_and_encrypted(app, world, iro, draft, check_page):
    edit = iro.get(f"/letters/{draft}/edit")
    fields = _fill(form_fields(edit), told_us=HOSTILE, going_well="You are doing well at school.",
                   **_decision(0, "You will see Sam every month.", "your social worker", "2099-01-31"))
    response = iro.post(f"/letters/{draft}/edit", data={**fields, "action": "save"})
    assert response.status_code == 303 and response.headers["Location"] == f"/letters/{draft}/edit"

    letter, decisions = _letter(app, draft)
    assert letter.version == 2 and letter.status == LetterStatus.DRAFT
    assert letter.told_us == ('<p>You said <strong>football</strong> matters.</p>alert("x")'
                              '<a rel="noopener noreferrer">click</a>'
                              '<a href="https://www.childline.org.uk/" rel="noopener noreferrer">Childline</a>')
    assert [(position, what, who) for position, what, who, _day, _status in decisions] == [
        (1, "You will see Sam every month.", "your social worker")]
    with app.app_context(), db.engine.connect() as connection:
        raw = connection.execute(text("SELECT told_us, going_well FROM review_letters")).one()
        assert "football" not in raw.told_us and "school" not in raw.going_well  # encrypted at rest
        raw = connection.execute(text("SELECT what, who FROM letter_decisions")).one()
        assert "Sam" not in raw.what and "social worker" not in raw.who

    again = iro.get(f"/letters/{draft}/edit")
    check_page(again)
    assert "The draft is saved." in again.get_data(as_text=True)
    preview = iro.get(f"/letters/{draft}/preview")
    body = preview.get_data(as_text=True)
    assert check_page(preview).h1 == "Preview of the letter to Alex"
    assert "<script>" not in body and "onerror" not in body and "javascript:" not in body and "onclick" not in body
    assert "<strong>football</strong>" in body


def test_a_half_written_decision_says_what_is_missing_and_keeps_what_was_typed(app, iro, draft, check_page):
    fields = _fill(form_fields(iro.get(f"/letters/{draft}/edit")), told_us="Kept words",
                   **_decision(0, "Start swimming lessons", "", ""), **_decision(1, "", "", "not a date"))
    response = iro.post(f"/letters/{draft}/edit", data={**fields, "action": "save"})
    page = check_page(response, status=400)
    assert page.title_text.startswith("Error: Letter to Alex")
    body = response.get_data(as_text=True)
    for message, field_id in (("Enter who will do it", "decisions-0-who"),
                              ("Enter the date this should happen by", "decisions-0-by_when"),
                              ("Enter the date this should happen by as a real date", "decisions-1-by_when"),
                              ("Enter what will happen", "decisions-1-what")):
        assert f'<a href="#{field_id}">{message}</a>' in body
    assert "Start swimming lessons" in body and "Kept words" in body
    letter, decisions = _letter(app, draft)
    assert letter.version == 1 and decisions == [] and letter.told_us is None


def test_a_very_long_section_is_refused_and_kept(app, iro, draft, check_page):
    fields = _fill(form_fields(iro.get(f"/letters/{draft}/edit")), worries="w" * 10_001)
    response = iro.post(f"/letters/{draft}/edit", data={**fields, "action": "save"})
    check_page(response, status=400)
    assert "w" * 10_001 in response.get_data(as_text=True)
    assert "10,000 characters or fewer" in response.get_data(as_text=True)


def test_the_preview_shows_the_letter_as_the_young_person_sees_it_and_their_language(app, world, iro, check_page):
    with app.app_context():
        letter = write_letter(world["yp:Alex"], world["demo-iro"], publish=False)
    response = iro.get(f"/letters/{letter.id}/preview")
    check_page(response)
    body = response.get_data(as_text=True)
    frame = body[body.index('<div class="phone-frame" lang="en" dir="ltr">'):body.index('</article>')]
    assert "Dear <bdi>Alex</bdi>," in frame and "You will see your brother Sam every month." in frame
    assert '<h2 id="letter-decisions">Decisions</h2>' in frame and frame.count('class="decision"') == 3
    assert "<form" not in frame  # the young person's answer forms are described, not offered
    assert "reads this website in" not in body

    with app.app_context():
        db.session.get(User, world["demo-child"]).locale = "ar"
        db.session.commit()
    response = iro.get(f"/letters/{letter.id}/preview")
    check_page(response)  # the page around the letter stays in the IRO's language
    body = response.get_data(as_text=True)
    assert "<bdi>Alex</bdi> reads this website in Arabic, so the preview shows the headings" in body
    frame = body[body.index('<div class="phone-frame" lang="ar" dir="rtl">'):body.index('</article>')]
    assert "Decisions" not in frame and "You will see your brother Sam every month." in frame


def test_a_letter_needs_a_decision_before_it_is_published(app, iro, draft, check_page):
    preview = iro.get(f"/letters/{draft}/preview")
    response = iro.post(f"/letters/{draft}/publish", data=form_fields(preview, "/publish"))
    check_page(response, status=400)
    assert "Add at least one decision before you publish the letter." in response.get_data(as_text=True)
    assert _letter(app, draft)[0].status == LetterStatus.DRAFT


def test_publishing_tells_the_young_person_without_any_content_and_freezes_the_letter(app, world, iro, check_page):
    with app.app_context():
        letter = write_letter(world["yp:Alex"], world["demo-iro"], publish=False)
    preview = iro.get(f"/letters/{letter.id}/preview")
    response = iro.post(f"/letters/{letter.id}/publish", data=form_fields(preview, "/publish"))
    assert response.status_code == 303 and response.headers["Location"] == f"/letters/{letter.id}"
    view = iro.get(response.headers["Location"])
    assert check_page(view).h1 == "Letter to Alex"
    assert "Alex has been told that it is ready." in view.get_data(as_text=True)

    published, _decisions = _letter(app, letter.id)
    assert published.status == LetterStatus.PUBLISHED and published.published_at is not None
    with app.app_context():
        (message,) = db.session.scalars(select(OutboxMessage)).all()
        assert (message.recipient_id, message.kind) == (world["demo-child"], "letter_published")
        from flask import render_template

        with app.test_request_context():
            email = render_template("emails/letter_published.txt", sign_in_url="https://example.org/sign-in",
                                    service_name="Have Your Say")
        assert "Sign in to see it" in email
        for detail in ("alex", "review", "letter", "decision", "care", "brother"):
            assert detail not in email.lower()

    # A published letter no longer changes.
    assert iro.get(f"/letters/{letter.id}/edit").headers["Location"] == f"/letters/{letter.id}"
    again = iro.post(f"/letters/{letter.id}/publish", data=form_fields(preview, "/publish"))
    assert again.status_code == 303
    with app.app_context():
        assert db.session.scalar(select(func.count(OutboxMessage.id))) == 1


def test_publishing_an_out_of_date_preview_is_refused(app, world, iro, signed_in, check_page):
    with app.app_context():
        letter = write_letter(world["yp:Alex"], world["demo-iro"], publish=False)
    preview = iro.get(f"/letters/{letter.id}/preview")
    admin = app.test_client()
    sign_in(admin, "demo-admin")
    fields = _fill(form_fields(admin.get(f"/letters/{letter.id}/edit")), worries="A worry added later.")
    assert admin.post(f"/letters/{letter.id}/edit", data={**fields, "action": "save"}).status_code == 303

    response = iro.post(f"/letters/{letter.id}/publish", data=form_fields(preview, "/publish"))
    check_page(response, status=409)
    body = response.get_data(as_text=True)
    assert "Someone changed this letter after you opened the preview." in body
    assert "A worry added later." in body  # the newest version is what is shown now
    assert _letter(app, letter.id)[0].status == LetterStatus.DRAFT


def test_two_people_saving_the_same_version_the_second_gets_a_conflict_and_both_texts_are_kept(
        app, world, iro, draft, check_page):
    admin = app.test_client()
    sign_in(admin, "demo-admin")
    mine = form_fields(iro.get(f"/letters/{draft}/edit"))
    theirs = form_fields(admin.get(f"/letters/{draft}/edit"))
    assert mine["version"] == theirs["version"] == "1"

    first = admin.post(f"/letters/{draft}/edit", data={**theirs, "told_us": "The admin's words.", "action": "save",
                                                      **_decision(0, "Decision by the admin", "your IRO", "2099-02-01")})
    assert first.status_code == 303
    second = iro.post(f"/letters/{draft}/edit", data={**mine, "told_us": "The IRO's words.", "action": "save",
                                                     **_decision(0, "Decision by the IRO", "your carer", "2099-03-01")})
    page = check_page(second, status=409)
    assert page.h1 == "Someone else saved this letter"
    body = second.get_data(as_text=True)
    assert "<bdi>Dana Admin</bdi> saved this letter" in body
    assert "The admin's words." in body and "The IRO's words." in body  # both versions shown
    assert "Decision by the admin" in body and "Decision by the IRO" in body

    letter, decisions = _letter(app, draft)
    assert letter.told_us == "The admin's words." and letter.version == 2  # nothing overwritten
    assert [what for _p, what, *_rest in decisions] == ["Decision by the admin"]

    # Having seen both, the IRO can choose to save theirs: the form now carries the newest version.
    again = form_fields(second, f"/letters/{draft}/edit")
    assert again["version"] == "2" and again["told_us"] == "The IRO's words."
    assert iro.post(f"/letters/{draft}/edit", data={**again, "action": "save"}).status_code == 303
    letter, decisions = _letter(app, draft)
    assert letter.told_us == "The IRO's words." and [what for _p, what, *_rest in decisions] == ["Decision by the IRO"]


def test_simultaneous_saves_from_the_same_version_let_exactly_one_through(app, world, draft):
    barrier = threading.Barrier(2)
    results = {}

    def save(name):
        with app.app_context():
            editor = db.session.get(User, world["demo-iro"])
            letter = db.session.get(ReviewLetter, draft)
            barrier.wait()
            results[name] = services.save_letter(
                letter, 1, editor, {"told_us": f"Words of {name}"},
                [services.DecisionInput(f"Decision of {name}", "your IRO", local_today())], {})

    threads = [threading.Thread(target=save, args=(name,)) for name in ("first", "second")]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert sorted(results.values()) == [False, True]
    winner = next(name for name, saved in results.items() if saved)
    letter, decisions = _letter(app, draft)
    assert letter.version == 2 and letter.told_us == f"Words of {winner}"
    assert [what for _p, what, *_rest in decisions] == [f"Decision of {winner}"]


def test_last_times_open_decisions_come_forward_to_be_marked_done_or_not(app, world, iro, check_page):
    with app.app_context():
        first = write_letter(world["yp:Alex"], world["demo-iro"], days_ago=60)
        review = held_review(world["yp:Alex"], days_ago=4)
        second = services.start_letter(review, db.session.get(User, world["demo-iro"]))
    edit = iro.get(f"/letters/{second.id}/edit")
    check_page(edit)
    body = edit.get_data(as_text=True)
    assert "What happened to last time's decisions" in body
    for what in ("You will see your brother Sam every month.", "You will get your own bank account.",
                 "You will start football on Saturdays."):
        assert what in body
    fields = form_fields(edit)
    ids = [int(fields[f"updates-{n}-decision_id"]) for n in range(3)]
    fields.update({"updates-0-status": "done", "updates-1-status": "not_done", "updates-1-note": "",
                   "updates-2-status": "open", **_decision(0, "You will choose your new bedroom colour.",
                                                          "your carer", "2099-05-01")})
    response = iro.post(f"/letters/{second.id}/edit", data={**fields, "action": "save"})
    check_page(response, status=400)
    assert '<a href="#updates-1-note">Say why this decision did not happen</a>' in response.get_data(as_text=True)

    fields["updates-1-note"] = "The bank needed a passport. We have applied for one."
    assert iro.post(f"/letters/{second.id}/edit", data={**fields, "action": "preview"}).status_code == 303
    preview = iro.get(f"/letters/{second.id}/preview")
    assert iro.post(f"/letters/{second.id}/publish", data=form_fields(preview, "/publish")).status_code == 303
    with app.app_context():
        statuses = {d.id: d.status for d in db.session.scalars(select(Decision).where(Decision.letter_id == first.id))}
    assert [statuses[i] for i in ids] == [DecisionStatus.DONE, DecisionStatus.NOT_DONE, DecisionStatus.OPEN]

    alex = app.test_client()
    sign_in(alex, "demo-child")
    read = alex.get(f"/review-letters/{second.id}")
    check_page(read)
    text_shown = read.get_data(as_text=True)
    assert "We have applied for one." in text_shown
    assert '<strong class="tag tag--done">This has happened</strong>' in text_shown
    assert '<strong class="tag tag--not_done">This did not happen</strong>' in text_shown

    # Only what is still to happen comes forward again, with the second letter's own decisions.
    with app.app_context():
        third = services.start_letter(held_review(world["yp:Alex"], days_ago=1), db.session.get(User, world["demo-iro"]))
        carried = [u.decision.what for u in third.updates]
    assert carried == ["You will start football on Saturdays.", "You will choose your new bedroom colour."]
    # The published second letter still says what it said.
    assert "We have applied for one." in alex.get(f"/review-letters/{second.id}").get_data(as_text=True)


def test_the_iros_list_shows_letters_due_soon_and_overdue_first_and_follow_ups_oldest_first(
        app, world, iro, check_page):
    with app.app_context():
        # Without the demo's reviews of Alex held months ago (their letters are not in the demo).
        for review in db.session.scalars(select(Review).where(Review.young_person_id == world["yp:Alex"],
                                                              Review.held_on.is_not(None))):
            db.session.delete(review)
        db.session.commit()
        due_soon = held_review(world["yp:Jordan"], days_ago=12)
        overdue = held_review(world["yp:Sam"], days_ago=16)
        later = held_review(world["yp:Alex"], days_ago=1)
        services.start_letter(later, db.session.get(User, world["demo-iro"]))
        published = write_letter(world["yp:Alex"], world["demo-iro"], days_ago=45)
        older = answer(published, 3, world["yp:Alex"], DecisionAnswer.DISAGREE, "I want to play on Sundays.")
        newer = answer(published, 1, world["yp:Alex"], DecisionAnswer.NOT_HAPPENED, "Nobody has rung me.")
        answer(published, 2, world["yp:Alex"], DecisionAnswer.UNDERSTAND, "Fine.")
        older.created_at = newer.created_at - timedelta(hours=3)
        db.session.commit()
        casey = write_letter(world["yp:Casey"], world["demo-iro-2"])
        answer(casey, 1, world["yp:Casey"], DecisionAnswer.NOT_HAPPENED, "Casey's secret.")
        ids = (due_soon.id, overdue.id, later.id, older.id, newer.id)
    response = iro.get("/letters")
    page = check_page(response)
    assert page.h1 == "Review letters"
    body = response.get_data(as_text=True)
    assert "2 letters are due soon or overdue." in body
    to_write = body[body.index('id="to-write"'):body.index('id="follow-ups"')]
    assert [name for name in re.findall(r'<th scope="row"><a [^>]*>(\w+)</a>', to_write)] == ["Sam", "Jordan", "Alex"]
    assert to_write.index("Overdue") < to_write.index("Due soon") < to_write.index("Not due yet")
    assert "Carry on writing to <bdi>Alex</bdi>" in to_write and "Start the letter to <bdi>Sam</bdi>" in to_write
    follow_ups = body[body.index('id="follow-ups"'):]
    assert follow_ups.index("I want to play on Sundays.") < follow_ups.index("Nobody has rung me.")
    assert "Fine." not in follow_ups and "Casey" not in body
    published_rows = body[body.index('id="published"'):]
    assert "Sent late" in published_rows  # held 45 days ago, published today: past 20 working days
    # Reading the young people's words on the list is audited.
    assert sorted(_events(app, "follow_up")) == sorted([ids[3], ids[4]])


def test_the_iro_replies_to_a_follow_up_and_the_young_person_sees_the_reply(app, world, iro, check_page):
    with app.app_context():
        letter = write_letter(world["yp:Alex"], world["demo-iro"], days_ago=20)
        response_id = answer(letter, 1, world["yp:Alex"]).id
    listing = iro.get("/letters")
    field = f"follow-up-{response_id}-reply"
    empty = iro.post(f"/letters/follow-ups/{response_id}", data={"csrf_token": csrf_from(listing), field: "  "})
    assert check_page(empty, status=400).h1 == "Question from Alex"
    assert "Write your reply" in empty.get_data(as_text=True)

    reply = "I have rung your social worker. She will call you on Friday."
    sent = iro.post(f"/letters/follow-ups/{response_id}", data={"csrf_token": csrf_from(listing), field: reply})
    assert sent.status_code == 303 and sent.headers["Location"] == "/letters"
    assert "No young person is waiting for a reply." in iro.get("/letters").get_data(as_text=True)

    # A second reply (from another tab) does not replace the first, and keeps what was typed.
    late = iro.post(f"/letters/follow-ups/{response_id}", data={"csrf_token": csrf_from(listing), field: "Another reply"})
    check_page(late, status=409)
    assert reply in late.get_data(as_text=True) and "Another reply" in late.get_data(as_text=True)

    alex = app.test_client()
    sign_in(alex, "demo-child")
    listing = alex.get("/review-letters")
    assert "Your IRO has replied to you." in listing.get_data(as_text=True)
    read = alex.get(f"/review-letters/{letter.id}")
    check_page(read)
    assert "<bdi>Priya Shah</bdi> replied on" in read.get_data(as_text=True) and reply in read.get_data(as_text=True)
    assert "Your IRO has replied to you." not in alex.get("/review-letters").get_data(as_text=True)  # now seen
    follow_up_page = iro.get(f"/letters/follow-ups/{response_id}")
    assert check_page(follow_up_page).h1 == "Question from Alex"
    assert response_id in _events(app, "follow_up")


def test_opening_a_letter_or_its_draft_is_audited(app, world, iro, draft):
    iro.get(f"/letters/{draft}/edit")
    iro.get(f"/letters/{draft}/preview")
    iro.get(f"/letters/{draft}")
    assert _events(app, "letter") == [draft, draft, draft]
    alex = app.test_client()
    sign_in(alex, "demo-child")
    with app.app_context():
        letter = write_letter(world["yp:Alex"], world["demo-iro"])
    alex.get(f"/review-letters/{letter.id}")
    assert _events(app, "letter") == [draft, draft, draft]  # a young person reading their own letter is not staff


def test_the_young_persons_record_links_to_their_letters(world, iro, check_page):
    record = iro.get(f"/caseload/{world['yp:Alex']}")
    check_page(record)
    assert f'href="/letters/young-people/{world["yp:Alex"]}"' in record.get_data(as_text=True)
    home = iro.get("/home")
    assert 'href="/letters"' in home.get_data(as_text=True)


def _queries_for(app, client, url):
    """How many SQL statements one request runs."""
    from sqlalchemy import event

    statements = []

    def count(_conn, _cursor, statement, *_args):
        statements.append(statement)

    with app.app_context():
        engine = db.engine
    event.listen(engine, "before_cursor_execute", count)
    try:
        assert client.get(url).status_code == 200
    finally:
        event.remove(engine, "before_cursor_execute", count)
    return len(statements)


def test_the_iros_list_and_a_letter_cost_the_same_queries_however_much_there_is(app, world, iro):
    def add_letters(how_many):
        with app.app_context():
            for number in range(how_many):
                letter = write_letter(world["yp:Alex"], world["demo-iro"], days_ago=40 + number)
                answer(letter, 1, world["yp:Alex"])
                answer(letter, 2, world["yp:Alex"], DecisionAnswer.DISAGREE)
                services.start_letter(held_review(world["yp:Jordan"], days_ago=number + 1),
                                      db.session.get(User, world["demo-iro"]))
            return letter.id

    alex = app.test_client()
    sign_in(alex, "demo-child")

    def costs(letter_id):
        return (_queries_for(app, iro, "/letters"), _queries_for(app, iro, f"/letters/{letter_id}"),
                _queries_for(app, alex, "/review-letters"), _queries_for(app, alex, f"/review-letters/{letter_id}"))

    few = costs(add_letters(1))
    many = costs(add_letters(4))
    assert many == few


def test_saving_a_letter_someone_has_just_published_keeps_your_text_and_changes_nothing(app, world, iro, check_page):
    with app.app_context():
        letter = write_letter(world["yp:Alex"], world["demo-iro"], publish=False)
    mine = form_fields(iro.get(f"/letters/{letter.id}/edit"))
    admin = app.test_client()
    sign_in(admin, "demo-admin")
    preview = admin.get(f"/letters/{letter.id}/preview")
    assert admin.post(f"/letters/{letter.id}/publish", data=form_fields(preview, "/publish")).status_code == 303

    response = iro.post(f"/letters/{letter.id}/edit", data={**mine, "worries": "A late thought.", "action": "save"})
    check_page(response, status=409)
    body = response.get_data(as_text=True)
    assert "The letter has been published" in body and "A late thought." in body
    assert 'name="worries"' not in body  # nothing to save into any more
    published, _decisions = _letter(app, letter.id)
    assert published.status == LetterStatus.PUBLISHED and published.worries is None


def test_a_young_person_without_an_account_gets_no_notification(app, world, iro):
    with app.app_context():
        letter = write_letter(world["yp:Sam"], world["demo-iro"], publish=False)
    preview = iro.get(f"/letters/{letter.id}/preview")
    assert iro.post(f"/letters/{letter.id}/publish", data=form_fields(preview, "/publish")).status_code == 303
    assert _letter(app, letter.id)[0].status == LetterStatus.PUBLISHED
    with app.app_context():
        assert db.session.scalar(select(func.count(OutboxMessage.id))) == 0


def test_reviews_whose_time_has_passed_are_listed_to_be_recorded(app, world, iro, check_page):
    with app.app_context():
        review = held_review(world["yp:Jordan"], days_ago=6)
        review.held_on = None
        held_review(world["yp:Casey"], days_ago=6).held_on = None  # another IRO's
        db.session.commit()
    response = iro.get("/letters")
    check_page(response)
    body = response.get_data(as_text=True)
    section = body[body.index('id="to-record"'):body.index('id="published"')]
    assert "<bdi>Jordan</bdi>: review planned for" in section and "Casey" not in section
    assert f'href="/letters/young-people/{world["yp:Jordan"]}"' in section


def test_the_letter_page_points_to_the_views_the_young_person_sent_before_the_review(app, world, iro, check_page):
    from portal.models import AgeBand, Consultation, ConsultationStatus
    from portal.models.base import utcnow

    with app.app_context():
        review = held_review(world["yp:Alex"], days_ago=3)
        letter_id = services.start_letter(review, db.session.get(User, world["demo-iro"])).id
        consultation = Consultation(young_person_id=world["yp:Alex"], review_id=review.id, band=AgeBand.FROM_12,
                                    form_version=1, locale="en", status=ConsultationStatus.SENT,
                                    started_by_id=world["demo-child"], sent_at=utcnow())
        db.session.add(consultation)
        db.session.commit()
        consultation_id = consultation.id
    page = iro.get(f"/letters/{letter_id}/edit")
    check_page(page)
    body = page.get_data(as_text=True)
    assert "<bdi>Alex</bdi> sent their views before this review" in body
    assert f'href="/caseload/consultations/{consultation_id}"' in body
