"""The letter after a review, in real Chromium on a phone: the IRO records the review as held, writes and
publishes a letter with three decisions; Alex (14) reads it in Arabic and says one decision has not
happened; the IRO replies; Alex sees the reply. axe-core checks every screen."""

from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
from playwright.sync_api import expect
from sqlalchemy import select

from portal.core.clock import local_today
from portal.extensions import db
from portal.models import DecisionResponse, LetterStatus, OutboxMessage, Review, ReviewLetter
from tests.browser.conftest import assert_accessible, choose_language

pytestmark = pytest.mark.browser


DECISIONS = [
    ("You will see your brother Sam every month.", "your social worker"),
    ("You will get your own bank account.", "your carer"),
    ("You will start football on Saturdays.", "Jo, your key worker"),
]



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


def test_the_iro_publishes_a_letter_alex_reads_it_in_arabic_challenges_a_decision_and_sees_the_reply(
        open_page, live_server, past_review):
    base, alex_id = live_server.url, live_server.ids["Alex"]
    review_id, today = past_review

    # The IRO records the review as held.
    iro = open_page("demo-iro")
    iro.goto(f"{base}/caseload/{alex_id}")
    iro.get_by_role("link", name="Letters to Alex after reviews, and recording the day a review took place").click()
    expect(iro.locator("h1")).to_have_text("Review letters for Alex")
    assert_accessible(iro, "Alex's review letters")
    held = iro.locator(f"form[action$='/letters/reviews/{review_id}/held']")
    held.locator("input[type=date]").fill((today + timedelta(days=3)).isoformat())
    held.get_by_role("button", name="Record that it took place").click()
    expect(iro.get_by_role("alert")).to_contain_text("The day the review took place cannot be in the future")
    assert_accessible(iro, "recording the day, with an error")
    held = iro.locator(f"form[action$='/letters/reviews/{review_id}/held']")
    held.locator("input[type=date]").fill((today - timedelta(days=2)).isoformat())
    held.get_by_role("button", name="Record that it took place").click()
    expect(iro.locator(".banner--success")).to_contain_text("The day the review took place is recorded.")

    # ... writes the letter with three decisions ...
    iro.locator(f"form[action$='/letters/reviews/{review_id}/letter']").get_by_role("button", name="Start the letter").click()
    expect(iro.locator("h1")).to_have_text("Letter to Alex")
    assert_accessible(iro, "writing the letter")
    iro.get_by_label("When and where we met, and who came").fill("Your carer Morgan and your social worker came.")
    iro.get_by_label("What you told us").fill("You told us:\n\n- you like your school\n- you miss your brother")
    iro.get_by_label("What is going well").fill("You are doing <strong>really well</strong> at school.")
    iro.get_by_label("What people are worried about").fill("Missing school on Mondays.")
    for number, (what, who) in enumerate(DECISIONS):
        iro.locator(f"#decisions-{number}-what").fill(what)
        iro.locator(f"#decisions-{number}-who").fill(who)
        iro.locator(f"#decisions-{number}-by_when").fill((today + timedelta(days=30 + number)).isoformat())
    iro.get_by_role("button", name="Save and preview").click()

    # ... previews it as Alex will see it on a phone, and publishes it.
    expect(iro.locator("h1")).to_have_text("Preview of the letter to Alex")
    frame = iro.locator(".phone-frame")
    expect(frame).to_contain_text("Dear Alex,")
    expect(frame.locator(".decision")).to_have_count(3)
    expect(frame.locator("strong")).to_contain_text("really well")
    assert_accessible(iro, "the preview")
    iro.get_by_role("button", name="Publish the letter").click()
    expect(iro.locator(".banner--success")).to_contain_text("The letter is published. Alex has been told that it is ready.")
    assert_accessible(iro, "the published letter, for the IRO")
    with live_server.app.app_context():
        letter = db.session.scalar(select(ReviewLetter).where(ReviewLetter.review_id == review_id))
        assert letter.status == LetterStatus.PUBLISHED
        letter_id = letter.id
        assert db.session.scalar(select(OutboxMessage.kind).where(OutboxMessage.recipient_id.is_not(None))) == (
            "letter_published")

    # Alex finds the letter and reads it in Arabic.
    alex = open_page("demo-child")
    # Keep what the page asks the browser to say (and say nothing), to check the read-aloud script.
    alex.add_init_script(
        "window.spoken = [];"
        "if ('speechSynthesis' in window) {"
        "  speechSynthesis.getVoices = function () { return [{lang: 'ar-SA', name: 'Arabic', voiceURI: 'ar'}]; };"
        "  speechSynthesis.speak = function (u) { window.spoken.push({lang: u.lang, text: u.text}); };"
        "}")
    alex.goto(f"{base}/home")
    alex.get_by_role("link", name="Your review letters: what was decided at your reviews").click()
    expect(alex.locator("h1")).to_have_text("Your review letters")
    choose_language(alex, "ar")
    try:
        expect(alex.locator("html")).to_have_attribute("dir", "rtl")
        assert_accessible(alex, "Alex's letters, in Arabic")
        alex.locator(f"main a[href='/review-letters/{letter_id}']").click()
        expect(alex.locator("html")).to_have_attribute("lang", "ar")
        letter_page = alex.locator("#letter")
        expect(letter_page.locator(".decision")).to_have_count(3)
        for what, who in DECISIONS:
            expect(letter_page).to_contain_text(what)
            expect(letter_page).to_contain_text(who)
        expect(letter_page.locator("li")).to_contain_text(["you like your school", "you miss your brother"])
        read_aloud = alex.locator("[data-read-aloud]")
        assert alex.evaluate("'speechSynthesis' in window"), "Chromium offers speech synthesis"
        expect(read_aloud).to_be_visible()
        start_label = read_aloud.inner_text()
        read_aloud.click()
        expect(read_aloud).to_have_text(read_aloud.get_attribute("data-stop-label"))
        (spoken,) = alex.evaluate("window.spoken")
        assert spoken["lang"] == "ar-SA"
        assert DECISIONS[1][0] in spoken["text"] and "you miss your brother" in spoken["text"]
        assert "Send" not in spoken["text"] and "not_happened" not in spoken["text"]  # the forms are not read
        read_aloud.click()
        expect(read_aloud).to_have_text(start_label)
        assert_accessible(alex, "Alex's letter, in Arabic")

        # "This hasn't happened", about the second decision, with a comment.
        second = alex.locator("#decision-2")
        second.locator("input[value=not_happened]").check()
        second.locator("textarea").fill("Nobody has taken me to the bank yet.")
        second.get_by_role("button").click()
        expect(alex.locator(".banner--success")).to_be_visible()
        expect(alex.locator("#decision-2 .follow-up")).to_contain_text("Nobody has taken me to the bank yet.")
        assert_accessible(alex, "Alex's letter after answering, in Arabic")
        with live_server.app.app_context():
            (answer,) = db.session.scalars(select(DecisionResponse)).all()
            assert answer.answer == "not_happened" and answer.replied_at is None

        # The IRO sees the follow-up on their list and replies.
        iro.goto(f"{base}/home")
        iro.get_by_role("link", name="Review letters: due, drafts and questions from young people").click()
        expect(iro.locator("h1")).to_have_text("Review letters")
        question = iro.locator("#follow-ups ~ ul .card").first
        expect(question).to_contain_text("Alex: “This hasn't happened”")
        expect(question).to_contain_text("Nobody has taken me to the bank yet.")
        assert_accessible(iro, "the IRO's list with a question")
        question.get_by_label("Your reply to Alex").fill("I have asked your carer to take you on Saturday.")
        question.get_by_role("button", name="Send reply").click()
        expect(iro.locator(".banner--success")).to_contain_text("Your reply is sent. Alex will see it on their letter.")
        expect(iro.locator("main")).to_contain_text("No young person is waiting for a reply.")
        assert_accessible(iro, "the IRO's list after replying")

        # Alex sees the reply, still in Arabic.
        alex.goto(f"{base}/review-letters")
        expect(alex.locator("main .card")).to_have_count(1)
        assert_accessible(alex, "Alex's letters with a reply, in Arabic")
        alex.goto(f"{base}/review-letters/{letter_id}")
        reply = alex.locator("#decision-2 .quote--reply")
        expect(reply).to_have_text("I have asked your carer to take you on Saturday.")
        assert_accessible(alex, "Alex's letter with the reply, in Arabic")
    finally:
        choose_language(alex, "en")


def test_without_javascript_the_letter_reads_and_answers_and_offers_no_read_aloud(open_page, live_server):
    base = live_server.url
    with live_server.app.app_context():
        from portal.models import User
        from tests.letters import write_letter

        iro_id = db.session.scalar(select(User.id).where(User.username == "demo-iro"))
        letter = write_letter(live_server.ids["Alex"], iro_id, days_ago=6)
    alex = open_page("demo-child", java_script_enabled=False)
    alex.goto(f"{base}/review-letters/{letter.id}")
    expect(alex.locator("h1")).to_have_text("Your review letter")
    expect(alex.locator("[data-read-aloud]")).to_be_hidden()
    first = alex.locator("#decision-1")
    first.get_by_label("I understand", exact=True).check()
    first.get_by_role("button", name="Send").click()
    expect(alex.locator(".banner--success")).to_have_text("Thank you for telling us.")
    expect(alex.locator("#decision-1")).to_contain_text("You said you understand this decision.")


@pytest.fixture(scope="module")
def letters_for_screens(live_server):
    """Letters for the screens the journey does not pass through: Jordan's (read by his carer), Casey's
    (shared with her carer, demo-carer-2, made here as in the `world` fixture), and Sam's (a follow-up,
    a request for the letter in Somali, and a draft)."""
    from portal import demo
    from portal.core.passwords import hash_password
    from portal.letters import services, translations
    from portal.models import CarerLink, DecisionAnswer, Role, User
    from tests.letters import answer, held_review, write_letter

    with live_server.app.app_context():
        if db.session.scalar(select(User.id).where(User.username == "demo-carer-2")) is None:
            carer_2 = User(username="demo-carer-2", role=Role.CARER, display_name="Other Carer",
                           password_hash=hash_password(demo.PASSWORD))
            db.session.add(carer_2)
            db.session.flush()
            db.session.add(CarerLink(carer_id=carer_2.id, young_person_id=live_server.ids["Casey"]))
            db.session.commit()
        iro = db.session.scalar(select(User).where(User.username == "demo-iro"))
        iro_2 = db.session.scalar(select(User.id).where(User.username == "demo-iro-2"))
        jordan = write_letter(live_server.ids["Jordan"], iro.id, days_ago=8)
        casey = write_letter(live_server.ids["Casey"], iro_2, days_ago=8)
        services.set_sharing(casey.young_person, True)
        published = write_letter(live_server.ids["Sam"], iro.id, days_ago=9)
        follow_up = answer(published, 1, live_server.ids["Sam"], DecisionAnswer.DONT_UNDERSTAND, "What is a key worker?")
        translations.request_translation(published, "so")
        draft = services.start_letter(held_review(live_server.ids["Sam"], days_ago=2), iro)
        return {"jordan": jordan.id, "casey": casey.id, "published": published.id, "follow_up": follow_up.id,
                "draft": draft.id}


# These run in English and in Arabic, so buttons are found by what they do, not by their words.
def _submit_empty_reply(page):
    page.locator("main form[method=post] button[type=submit]").first.click()


def _half_decision(page):
    page.locator("#decisions-0-what").fill("Only what, not who or when")
    page.locator("button[name=action][value=save]").click()


def _conflicting_save(page, live_server, letter_id):
    from portal.letters import services
    from portal.models import User

    page.locator("#told_us").fill("My words.")
    with live_server.app.app_context():  # someone else saves first
        admin = db.session.scalar(select(User).where(User.username == "demo-admin"))
        letter = db.session.get(ReviewLetter, letter_id)
        assert services.save_letter(letter, letter.version, admin, {"told_us": "Their words."}, [], {})
    with page.expect_response(lambda response: response.request.method == "POST") as saved:
        page.locator("button[name=action][value=save]").click()
    assert saved.value.status == 409  # the conflict page, in whichever language


SCREENS = [
    # (who, path pattern, what they do there, the h1 then)
    ("demo-carer", "/review-letters", None, "Review letters"),
    ("demo-carer", "/review-letters/{jordan}", None, "Review letter for Jordan"),
    ("demo-carer-2", "/review-letters", None, "Review letters"),
    ("demo-carer-2", "/review-letters/{casey}", None, "Review letter for Casey"),
    ("demo-child-3", "/review-letters", None, "Your review letters"),
    ("demo-child-2", "/review-letters/{jordan}", None, "Your review letter"),
    ("demo-iro", "/letters", None, "Review letters"),
    ("demo-iro", "/letters/follow-ups/{follow_up}", None, "Question from Sam"),
    ("demo-iro", "/letters/follow-ups/{follow_up}", _submit_empty_reply, "Question from Sam"),
    ("demo-iro", "/letters/{published}", None, "Letter to Sam"),
    ("demo-iro", "/letters/{draft}/edit", None, "Letter to Sam"),
    ("demo-iro", "/letters/{draft}/edit", _half_decision, "Letter to Sam"),
    ("demo-iro", "/letters/{draft}/edit", _conflicting_save, "Someone else saved this letter"),
    ("demo-admin", "/letters/{draft}/preview", None, "Preview of the letter to Sam"),
]


@pytest.mark.page_markup
@pytest.mark.parametrize("locale", ["en", "ar"])
@pytest.mark.parametrize("who,path,then,h1", SCREENS, ids=[f"{who}:{path}:{then.__name__ if then else 'open'}"
                                                              for who, path, then, _h1 in SCREENS])
def test_every_other_letter_screen_is_accessible(open_page, live_server, letters_for_screens, who, path, then, h1,
                                                 locale):
    page = open_page(who)
    page.goto(live_server.url + path.format(**letters_for_screens))
    if page.locator("html").get_attribute("lang") != locale:
        choose_language(page, locale)
    try:
        if then is _conflicting_save:
            then(page, live_server, letters_for_screens["draft"])
        elif then:
            then(page)
        if locale == "en":
            expect(page.locator("h1")).to_have_text(h1)
        expect(page.locator("html")).to_have_attribute("dir", "rtl" if locale == "ar" else "ltr")
        assert_accessible(page, f"{who} {path} {then.__name__ if then else ''} [{locale}]")
    finally:
        if locale != "en":
            choose_language(page, "en")
