"""Review letters, the young person's side: read on a phone, answer each decision, ask for another language, share."""

import pytest
from flask_babel import force_locale
from flask_babel import gettext as _
from sqlalchemy import select

from portal.extensions import db
from portal.models import DecisionAnswer, DecisionResponse, ReviewLetter, User
from tests.conftest import csrf_from, sign_in
from tests.letters import form_fields, write_letter


@pytest.fixture
def letter(app, world):
    """Alex's published letter (three decisions) with a few formatted sections."""
    with app.app_context():
        return write_letter(world["yp:Alex"], world["demo-iro"], days_ago=5,
                            meeting="Your carer Morgan came. Your mum sent her views.",
                            going_well="- school\n- football", worries="<b>Missing</b> school on Mondays.")


@pytest.fixture
def alex(signed_in):
    return signed_in("demo-child")


def _decision_field(letter, position, name):
    decision = next(d for d in letter.decisions if d.position == position)
    return decision.id, f"decision-{decision.id}-{name}"


def test_the_young_person_finds_and_reads_their_letter(app, world, letter, alex, check_page):
    home = alex.get("/home")
    assert 'href="/review-letters"' in home.get_data(as_text=True)
    listing = alex.get("/review-letters")
    assert check_page(listing).h1 == "Your review letters"
    assert "New: you have not read it yet" in listing.get_data(as_text=True)

    response = alex.get(f"/review-letters/{letter.id}")
    page = check_page(response)
    assert page.h1 == "Your review letter" and "care" not in page.title_text.lower()
    body = response.get_data(as_text=True)
    assert "Dear <bdi>Alex</bdi>," in body
    for heading in ("When and where we met, and who came", "What you told us", "What is going well",
                    "What people are worried about", "Decisions", "Your rights", "Your next review", "How to contact me"):
        assert f">{heading}</h2>" in body
    assert "What happened to last time" not in body  # nothing to report yet
    assert "Your carer Morgan came. Your mum sent her views." in body
    assert "<ul><li>school</li><li>football</li></ul>" in body and "<b>Missing</b> school on Mondays." in body
    assert body.count('class="decision"') == 3 and "You will start football on Saturdays." in body
    assert "Jo, your key worker" in body
    assert 'href="tel:01632960001"' in body and "Priya Shah" in body
    # Read aloud is offered only when JavaScript can do it: hidden until the script shows it.
    assert '<button class="button button--secondary" type="button" hidden data-read-aloud="letter"' in body
    assert "/static/js/read-aloud.js" in body and "<script>" not in body
    with app.app_context():
        assert db.session.get(ReviewLetter, letter.id).read_at is not None
    assert "New: you have not read it yet" not in alex.get("/review-letters").get_data(as_text=True)


def test_the_letter_reads_in_arabic_with_the_fixed_headings_translated(app, world, letter, alex, check_page):
    alex.post("/language", data={"locale": "ar", "next": "/home", "csrf_token": csrf_from(alex.get("/home"))})
    response = alex.get(f"/review-letters/{letter.id}")
    check_page(response, locale="ar")
    body = response.get_data(as_text=True)
    with app.test_request_context(), force_locale("ar"):
        headings = [_("Decisions"), _("Your rights"), _("How to contact me")]
        answers = [_("I understand"), _("This hasn't happened")]
    for text in headings:
        assert f">{text}</h2>" in body
    for text in answers:
        assert text in body
    assert "You will see your brother Sam every month." in body  # the IRO's words are as written


def test_saying_i_understand_opens_no_follow_up(app, world, letter, alex):
    decision_id, field = _decision_field(letter, 1, "answer")
    page = alex.get(f"/review-letters/{letter.id}")
    response = alex.post(f"/review-letters/{letter.id}/decisions/{decision_id}",
                         data={"csrf_token": csrf_from(page), field: "understand"})
    assert response.status_code == 303 and response.headers["Location"] == f"/review-letters/{letter.id}#decision-1"
    assert "You said you understand this decision." in alex.get(f"/review-letters/{letter.id}").get_data(as_text=True)
    iro = app.test_client()
    sign_in(iro, "demo-iro")
    assert "No young person is waiting for a reply." in iro.get("/letters").get_data(as_text=True)


@pytest.mark.parametrize("answer,label", [
    ("dont_understand", "I don't understand"), ("disagree", "I don't agree"), ("not_happened", "This hasn't happened"),
])
def test_any_other_answer_opens_a_follow_up_for_the_iro(app, world, letter, alex, answer, label, check_page):
    decision_id, field = _decision_field(letter, 2, "answer")
    comment_field = f"decision-{decision_id}-comment"
    page = alex.get(f"/review-letters/{letter.id}")
    comment = "<script>alert(1)</script>Nobody has asked the bank."
    response = alex.post(f"/review-letters/{letter.id}/decisions/{decision_id}",
                         data={"csrf_token": csrf_from(page), field: answer, comment_field: comment})
    assert response.status_code == 303
    after = alex.get(f"/review-letters/{letter.id}")
    check_page(after)
    body = after.get_data(as_text=True).replace("&#39;", "'")
    assert f"You said “{label}”" in body and "<bdi>Priya Shah</bdi> will reply to you here." in body
    assert "&lt;script&gt;alert(1)&lt;/script&gt;Nobody has asked the bank." in body
    with app.app_context():
        (stored,) = db.session.scalars(select(DecisionResponse)).all()
        assert (stored.answer, stored.comment, stored.replied_at) == (DecisionAnswer(answer), comment, None)

    iro = app.test_client()
    sign_in(iro, "demo-iro")
    listing = iro.get("/letters").get_data(as_text=True).replace("&#39;", "'")
    assert f"<bdi>Alex</bdi>: “{label}”" in listing
    assert "&lt;script&gt;alert(1)&lt;/script&gt;Nobody has asked the bank." in listing and "<script>alert" not in listing


def test_an_answer_that_cannot_be_sent_keeps_the_message(app, world, letter, alex, check_page):
    decision_id, field = _decision_field(letter, 3, "answer")
    comment_field = f"decision-{decision_id}-comment"
    page = alex.get(f"/review-letters/{letter.id}")
    url = f"/review-letters/{letter.id}/decisions/{decision_id}"

    response = alex.post(url, data={"csrf_token": csrf_from(page), comment_field: "I forgot to choose."})
    result = check_page(response, status=400)
    assert result.title_text.startswith("Error: Your review letter")
    body = response.get_data(as_text=True)
    assert f'<a href="#{field}">Choose what you think about this decision</a>' in body
    assert "I forgot to choose." in body

    too_long = "a" * 2001
    response = alex.post(url, data={"csrf_token": csrf_from(page), field: "disagree", comment_field: too_long})
    check_page(response, status=400)
    body = response.get_data(as_text=True)
    assert "Your message must be 2,000 characters or fewer." in body and too_long in body
    assert form_fields(response, f"/decisions/{decision_id}")[field] == "disagree"  # the choice is kept too
    with app.app_context():
        assert db.session.scalars(select(DecisionResponse)).all() == []

    exactly = "b" * 2000
    assert alex.post(url, data={"csrf_token": csrf_from(page), field: "disagree", comment_field: exactly}).status_code == 303


def test_the_young_person_asks_for_the_letter_in_their_language(app, world, letter, alex, check_page):
    page = alex.get(f"/review-letters/{letter.id}")
    assert 'dir="ltr" lang="ti" value="ti">ትግርኛ</option>' in page.get_data(as_text=True)
    assert 'dir="rtl" lang="ar" value="ar">العربية</option>' in page.get_data(as_text=True)
    bad = alex.post(f"/review-letters/{letter.id}/language", data={"csrf_token": csrf_from(page), "language": "xx"})
    check_page(bad, status=400)

    response = alex.post(f"/review-letters/{letter.id}/language", data={"csrf_token": csrf_from(page), "language": "ti"})
    assert response.status_code == 303
    after = alex.get(f"/review-letters/{letter.id}").get_data(as_text=True)
    assert "Your IRO will arrange your letter in Tigrinya." in after
    assert "You asked for this letter in Tigrinya on" in after

    iro = app.test_client()
    sign_in(iro, "demo-iro")
    listing = iro.get("/letters")
    check_page(listing)
    assert "asked on" in listing.get_data(as_text=True) and "in Tigrinya." in listing.get_data(as_text=True)
    assert f"/letters/{letter.id}/translations/ti" in listing.get_data(as_text=True)


def test_a_young_person_of_12_or_over_chooses_whether_their_carers_read_their_letters(app, world, signed_in, check_page):
    casey = signed_in("demo-child-3")
    page = casey.get("/review-letters")
    check_page(page)
    assert "You do not have a review letter yet." in page.get_data(as_text=True)
    assert 'name="share"' in page.get_data(as_text=True)
    bad = casey.post("/review-letters/sharing", data={"csrf_token": csrf_from(page), "share": "maybe"})
    assert check_page(bad, status=400).title_text.startswith("Error: Your review letters")
    assert form_fields(page, "/review-letters/sharing")["share"] == "no"  # private unless they choose
    assert casey.post("/review-letters/sharing", data={"csrf_token": csrf_from(page), "share": "yes"}).status_code == 303
    after = casey.get("/review-letters")
    assert "Your carers can now read your review letters." in after.get_data(as_text=True)
    assert form_fields(after, "/review-letters/sharing")["share"] == "yes"


def test_a_child_under_12_is_told_their_carers_can_read_their_letters(world, signed_in, check_page):
    jordan = signed_in("demo-child-2")
    page = jordan.get("/review-letters")
    check_page(page)
    assert "can read your review letters too" in page.get_data(as_text=True)
    assert 'name="share"' not in page.get_data(as_text=True)


def test_a_young_person_without_a_carer_is_not_asked_about_sharing(world, alex):
    assert 'name="share"' not in alex.get("/review-letters").get_data(as_text=True)


def test_a_young_person_without_a_record_has_no_letters_page(app, world, client, check_page):
    with app.app_context():
        from portal.core.passwords import hash_password
        from portal.models import Role

        db.session.add(User(username="lonely", role=Role.YOUNG_PERSON, display_name="Lonely",
                            password_hash=hash_password("demo-pass-2026")))
        db.session.commit()
    sign_in(client, "lonely")
    check_page(client.get("/review-letters"), status=404)
