"""Have your say: a young person's consultation from the first question to the IRO's desk."""

import re

from sqlalchemy import event, func, select

from portal.core.questions import FROM_12
from portal.extensions import db
from portal.models import Addition, Answer, AuditEvent, Consultation, ConsultationStatus, SafetyFlag
from tests.conftest import csrf_from, sign_in
from tests.consultation_steps import answer, choose_topics, consultation_id, question_url, start, url_of


def _consultation(app, cid):
    with app.app_context():
        return db.session.get(Consultation, cid)


def _answers(app, cid):
    with app.app_context():
        return {a.question_key: a for a in db.session.scalars(select(Answer).where(Answer.consultation_id == cid))}


def test_home_page_shows_the_next_review_and_have_your_say(client, world, check_page):
    sign_in(client, "demo-child")
    page = client.get("/home")
    check_page(page)
    body = page.get_data(as_text=True)
    assert 'href="/have-your-say"' in body
    start_page = client.get("/have-your-say")
    check_page(start_page)
    body = start_page.get_data(as_text=True)
    assert "Priya Shah" in body and "Who reads this?" in body
    assert "Your IRO reads your answers only when you send them" in body


def test_one_question_per_screen_with_progress_skip_and_back(app, client, world, check_page):
    sign_in(client, "demo-child")
    first = start(client)
    assert first.endswith("/questions/1")
    page = client.get(first)
    parsed = check_page(page)
    assert parsed.h1 == "Question 1 of 7"  # Alex is 14: the 12–15 core, at most 7 screens
    body = page.get_data(as_text=True)
    assert "How do you feel about where you live?" in body
    assert 'value="skip"' in body and "Skip this question" in body
    assert 'href="/have-your-say"' in body  # Back from the first question
    assert "care" not in parsed.title_text.lower()

    response = answer(client, first, choice="good", text="I like my room")
    assert response.headers["Location"].endswith("/questions/2")
    response = answer(client, response.headers["Location"], action="skip")
    assert response.headers["Location"].endswith("/questions/3")
    second = client.get(question_url(first, 2)).get_data(as_text=True)
    assert 'href="' + first + '"' in second  # Back goes to the previous question

    answers = _answers(app, consultation_id(first))
    assert answers["home.feel"].choice == "good" and answers["home.feel"].text == "I like my room"
    assert answers["home.safe"].skipped and answers["home.safe"].choice is None
    assert _consultation(app, consultation_id(first)).position == 3


def test_leaving_half_way_and_coming_back_on_another_device(app, world):
    phone = app.test_client()
    sign_in(phone, "demo-child")
    url = start(phone)
    answer(phone, url, choice="great")
    answer(phone, question_url(url, 2), choice="yes")
    laptop = app.test_client()
    sign_in(laptop, "demo-child")
    assert "You have answered 2 of 7 questions" in laptop.get("/home").get_data(as_text=True)
    carry_on = start(laptop)
    assert carry_on == question_url(url, 3)
    # The earlier answer is there to change.
    assert re.search(r'<input checked[^>]*value="great"', laptop.get(url).get_data(as_text=True))


def test_check_send_once_and_confirmation(app, client, world, check_page):
    sign_in(client, "demo-child")
    url = start(client)
    answer(client, url, choice="okay", text="It is fine")
    cid = consultation_id(url)
    check = client.get(f"/have-your-say/{cid}/check")
    check_page(check)
    body = check.get_data(as_text=True)
    assert "It is fine" in body and "Not answered" in body
    assert f"/have-your-say/{cid}/questions/1?from=check" in body
    token = csrf_from(check)
    first = client.post(f"/have-your-say/{cid}/send", data={"csrf_token": token})
    second = client.post(f"/have-your-say/{cid}/send", data={"csrf_token": token})  # a double tap
    assert first.status_code == second.status_code == 303
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(Consultation)) == 1
        sent = db.session.get(Consultation, cid)
        assert sent.status == ConsultationStatus.SENT and sent.sent_at is not None
    confirmation = client.get(f"/have-your-say/{cid}/sent")
    check_page(confirmation)
    body = confirmation.get_data(as_text=True)
    assert "<bdi>Priya Shah</bdi> will read them before your review on" in body
    # Sent answers cannot be changed any more, only added to.
    assert client.get(url).headers["Location"].endswith(f"/have-your-say/{cid}/sent")


def test_one_more_thing_and_download(app, client, world):
    sign_in(client, "demo-child")
    url = start(client)
    answer(client, url, choice="okay", text="Mi casa está bien")
    cid = consultation_id(url)
    client.post(f"/have-your-say/{cid}/send", data={"csrf_token": csrf_from(client.get(f"/have-your-say/{cid}/check"))})
    page = client.get(f"/have-your-say/{cid}/sent")
    response = client.post(f"/have-your-say/{cid}/sent", data={"csrf_token": csrf_from(page), "text": "Can my nan come?"})
    assert response.status_code == 303
    assert "Can my nan come?" in client.get(f"/have-your-say/{cid}/sent").get_data(as_text=True)
    with app.app_context():
        assert db.session.scalar(select(Addition.text).where(Addition.consultation_id == cid)) == "Can my nan come?"
    download = client.get(f"/have-your-say/{cid}/download")
    assert download.status_code == 200
    assert download.mimetype == "text/plain"
    assert "attachment" in download.headers["Content-Disposition"]
    text = download.get_data(as_text=True)
    assert "Mi casa está bien" in text and "Can my nan come?" in text and "How do you feel about where you live?" in text


def test_over_the_limit_the_text_is_kept_with_a_clear_message(app, client, world, check_page):
    sign_in(client, "demo-child")
    url = start(client)
    long_text = "word " * 1001  # 5,005 characters
    response = answer(client, url, choice="good", text=long_text)
    check_page(response, status=400)
    body = response.get_data(as_text=True)
    assert "5,005 characters long" in body and "Nothing you wrote has been lost" in body
    assert long_text.strip() in body
    assert _answers(app, consultation_id(url)) == {}


def test_autosave_stores_without_moving_on(app, client, world):
    sign_in(client, "demo-child")
    url = start(client)
    choose_topics(client, url, "family")
    response = answer(client, url_of(app, url, "family.contact"), action="autosave", choice="more",
                      text="I miss my brother")
    assert response.status_code == 204
    answers = _answers(app, consultation_id(url))
    assert answers["family.contact"].text == "I miss my brother"
    assert _consultation(app, consultation_id(url)).position == 1


def test_words_that_suggest_risk_raise_an_urgent_flag_and_show_help_without_blocking(app, client, world, check_page):
    sign_in(client, "demo-child")
    url = start(client)
    response = answer(client, question_url(url, 2), choice="no", text="my uncle hits me when he is angry")
    assert response.headers["Location"].endswith("/questions/3")
    next_page = client.get(response.headers["Location"])
    check_page(next_page)
    body = next_page.get_data(as_text=True)
    assert "If you are not safe right now" in body and 'href="tel:08001111"' in body
    cid = consultation_id(url)
    with app.app_context():
        flags = db.session.scalars(select(SafetyFlag).where(SafetyFlag.consultation_id == cid)).all()
        assert [flag.question_key for flag in flags] == ["home.safe"]
    iro = app.test_client()
    sign_in(iro, "demo-iro")
    caseload = iro.get("/caseload").get_data(as_text=True)
    assert "Urgent flags: 1" in caseload
    assert caseload.index("Alex") < caseload.index("Jordan")  # urgent first


def test_arabic_words_raise_the_flag_too(app, client, world):
    sign_in(client, "demo-child")
    url = start(client)
    answer(client, question_url(url, FROM_12.position_of("anything_else")), text="أحياناً لا أشعر بالأمان في البيت")
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(SafetyFlag)) == 1


def test_sharing_with_the_council_is_offered_once_on_the_check_page(app, client, world):
    sign_in(client, "demo-child")
    url = start(client)
    assert 'name="shared"' not in client.get(url).get_data(as_text=True)  # never on a question
    answer(client, url, choice="good", text="Nice carers")
    answer(client, question_url(url, 2), choice="yes", text="Yes", shared="y")  # an old form's field: ignored
    cid = consultation_id(url)
    review_url = url_of(app, url, "review.attend")
    answer(client, review_url, choice_0="all", text_1="My nan")
    answers = _answers(app, cid)
    assert not any(a.shared for a in answers.values())  # off by default
    check = client.get(f"/have-your-say/{cid}/check")
    body = check.get_data(as_text=True)
    assert body.count("Which answers may the council see") == 1
    assert 'value="home.feel"' in body and 'value="review.invite"' not in body  # about one meeting: never shared
    client.post(f"/have-your-say/{cid}/check", data={"csrf_token": csrf_from(check), "share": "chosen",
                                                     "share_key": ["home.safe", "review.invite"]})
    answers = _answers(app, cid)
    assert answers["home.safe"].shared is True and answers["home.feel"].shared is False
    assert answers["review.invite"].shared is False
    client.post(f"/have-your-say/{cid}/check", data={"csrf_token": csrf_from(check), "share": "all"})
    answers = _answers(app, cid)
    assert answers["home.feel"].shared is True and answers["review.attend"].shared is False
    # Saving an answer again keeps the choice made on the check page.
    answer(client, f"{url}?from=check", choice="great", text="Nice carers")
    assert _answers(app, cid)["home.feel"].shared is True
    client.post(f"/have-your-say/{cid}/check", data={"csrf_token": csrf_from(check), "share": "none"})
    assert not any(a.shared for a in _answers(app, cid).values())


def test_sharing_with_the_council_is_never_offered_to_4_to_7_year_olds(app, client, world):
    sign_in(client, "demo-carer")
    helping = client.get("/have-your-say/helping")
    url = client.post(f"/have-your-say/helping/{world['yp:Sam']}",
                      data={"csrf_token": csrf_from(helping)}).headers["Location"]
    answer(client, question_url(url, 3), text="Playing football")
    cid = consultation_id(url)
    check = client.get(f"/have-your-say/{cid}/check")
    assert "Sharing with the Children in Care Council" not in check.get_data(as_text=True)
    client.post(f"/have-your-say/{cid}/check", data={"csrf_token": csrf_from(check), "share": "all"})
    assert not any(a.shared for a in _answers(app, cid).values())


def test_timed_out_mid_answer_the_words_come_back_after_signing_in(app, client, world):
    import time

    sign_in(client, "demo-child")
    url = start(client)
    token = csrf_from(client.get(url))
    with client.session_transaction() as session:
        session["seen"] = int(time.time()) - 31 * 60
    response = client.post(url, data={"csrf_token": token, "action": "save", "choice": "good",
                                      "text": "A long answer I do not want to lose"})
    assert response.status_code == 401
    page = client.get("/sign-in")
    client.post("/sign-in", data={"username": "demo-child", "password": "demo-pass-2026", "next": url,
                                  "csrf_token": csrf_from(page)})
    body = client.get(url).get_data(as_text=True)
    assert "A long answer I do not want to lose" in body and re.search(r'<input checked[^>]*value="good"', body)


def test_stale_token_keeps_the_answer(app, client, world, check_page):
    sign_in(client, "demo-child")
    url = start(client)
    response = client.post(url, data={"csrf_token": "stale", "action": "save", "text": "Keep me please"})
    check_page(response, status=400)
    assert "Keep me please" in response.get_data(as_text=True)


def test_carer_fills_in_the_4_to_7_form_for_sam(app, client, world, check_page):
    sign_in(client, "demo-carer")
    helping = client.get("/have-your-say/helping")
    check_page(helping)
    body = helping.get_data(as_text=True)
    assert "Fill it in with <bdi>Sam</bdi>" in body and "Fill it in with <bdi>Jordan</bdi>" in body and "Casey" not in body
    response = client.post(f"/have-your-say/helping/{world['yp:Sam']}", data={"csrf_token": csrf_from(helping)})
    url = response.headers["Location"]
    page = client.get(url)
    parsed = check_page(page)
    assert parsed.h1 == "Question 1 of 7"  # 4 to 7: the short core
    body = page.get_data(as_text=True)
    assert "<bdi>Sam</bdi>: <bdi>Morgan Ellis</bdi> is helping you" in body
    assert "How happy are you at home?" in body
    assert all(f'value="{n}"' in body for n in range(11))  # a row of eleven faces, 0 to 10
    assert "10 out of 10, very happy" in body and "8 out of 10" in body
    answer(client, url, choice="8")
    cid = consultation_id(url)
    with app.app_context():
        consultation = db.session.get(Consultation, cid)
        assert consultation.helped_by_id == world["demo-carer"]
        assert consultation.young_person_id == world["yp:Sam"]
        assert consultation.band == "4-7"


def test_the_iro_reads_answers_by_topic_with_english_beside_arabic(app, client, world, check_page):
    sign_in(client, "demo-child")
    client.post("/language", data={"locale": "ar", "csrf_token": csrf_from(client.get("/home"))})
    url = start(client)
    answer(client, url, choice="good", text="غرفتي جميلة")
    answer(client, url_of(app, url, "review.attend"), choice_0="part")
    cid = consultation_id(url)
    client.post(f"/have-your-say/{cid}/send", data={"csrf_token": csrf_from(client.get(f"/have-your-say/{cid}/check"))})

    iro = app.test_client()
    sign_in(iro, "demo-iro")
    record = iro.get(f"/caseload/{world['yp:Alex']}").get_data(as_text=True)
    assert f'href="/caseload/consultations/{cid}"' in record and "not read yet" in record
    response = iro.get(f"/caseload/consultations/{cid}")
    check_page(response)
    body = response.get_data(as_text=True)
    assert "How do you feel about where you live?" in body
    assert 'lang="ar"' in body and "غرفتي جميلة" in body
    assert "Language answered in" in body and "Arabic" in body
    assert "What they asked for at the review" in body and "Just part of it" in body
    assert body.index("What they asked for at the review") < body.index("Home and feeling safe")
    with app.app_context():
        event_row = db.session.scalar(select(AuditEvent).where(AuditEvent.subject == "consultation"))
        assert event_row.actor_id == world["demo-iro"] and event_row.subject_id == cid

    token = csrf_from(response)
    assert iro.post(f"/caseload/consultations/{cid}/read", data={"csrf_token": token}).status_code == 303
    assert iro.post(f"/caseload/consultations/{cid}/interpreter", data={"csrf_token": token}).status_code == 303
    with app.app_context():
        consultation = db.session.get(Consultation, cid)
        assert consultation.read_by_iro_at and consultation.interpreter_requested_at
    printed = iro.get(f"/caseload/consultations/{cid}?print=1")
    check_page(printed)
    assert "Mark as read" not in printed.get_data(as_text=True)


def test_another_iro_never_sees_the_consultation(app, client, world):
    sign_in(client, "demo-child")
    cid = consultation_id(start(client))
    other = app.test_client()
    sign_in(other, "demo-iro-2")
    assert other.get(f"/caseload/consultations/{cid}").status_code == 404
    token = csrf_from(other.get("/home"))
    assert other.post(f"/caseload/consultations/{cid}/read", data={"csrf_token": token}).status_code == 404


def test_another_young_person_never_sees_the_consultation(app, client, world):
    sign_in(client, "demo-child")
    url = start(client)
    other = app.test_client()
    sign_in(other, "demo-child-3")
    assert other.get(url).status_code == 404
    assert other.get(url.replace("/questions/1", "/sent")).status_code == 404


def _count_queries(app, client, url):
    statements = []

    def count(*_args):
        statements.append(1)

    with app.app_context():
        engine = db.engine
    client.get(url)  # warm: what a worker keeps for a while (the council's news and themes) is read once
    event.listen(engine, "before_cursor_execute", count)
    try:
        assert client.get(url).status_code == 200
    finally:
        event.remove(engine, "before_cursor_execute", count)
    return len(statements)


def test_sql_queries_per_page_stay_bounded_whatever_the_history(app, client, world):
    from datetime import timedelta

    from portal.models import Review
    from portal.models.base import utcnow

    sign_in(client, "demo-child")
    url = start(client)
    for number in range(1, 6):
        answer(client, question_url(url, number), choice="good", text="words " * 50)
    # An urgent answer lets the IRO open the form before it is sent (privacy rule 3).
    answer(client, question_url(url, FROM_12.position_of("anything_else")), text="I want to die")
    cid = consultation_id(url)
    iro = app.test_client()
    sign_in(iro, "demo-iro")
    before = {page: _count_queries(app, c, page) for c, page in
              ((client, url), (client, f"/have-your-say/{cid}/check"), (client, "/home"),
               (iro, f"/caseload/consultations/{cid}"), (iro, "/caseload"))}
    with app.app_context():
        for months in range(1, 30):  # years of past reviews, each with its own consultation and answers
            review = Review(young_person_id=world["yp:Alex"], scheduled_for=utcnow() - timedelta(days=30 * months))
            db.session.add(review)
            db.session.flush()
            old = Consultation(young_person_id=world["yp:Alex"], review_id=review.id, band="12-15", form_version=1,
                               locale="en", started_by_id=world["demo-child"], status=ConsultationStatus.SENT)
            db.session.add(old)
            db.session.flush()
            db.session.add_all(Answer(consultation_id=old.id, question_key=f"k{n}", text="x") for n in range(20))
        db.session.commit()
    after = {page: _count_queries(app, c, page) for c, page in
             ((client, url), (client, f"/have-your-say/{cid}/check"), (client, "/home"),
              (iro, f"/caseload/consultations/{cid}"), (iro, "/caseload"))}
    assert after == before
    assert max(after.values()) <= 20, after
    young_persons_pages = [url, f"/have-your-say/{cid}/check", "/home"]
    assert all(after[page] <= 3 for page in young_persons_pages), after


def test_question_numbers_outside_the_form_are_not_found(client, world):
    sign_in(client, "demo-child")
    url = start(client)
    assert client.get(url.replace("/questions/1", "/questions/0")).status_code == 404
    assert client.get(url.replace("/questions/1", "/questions/8")).status_code == 404  # no topic chosen yet


def test_a_choice_that_is_not_offered_is_refused(app, client, world, check_page):
    sign_in(client, "demo-child")
    url = start(client)
    response = answer(client, url, choice="hacked", text="keep")
    check_page(response, status=400)
    assert _answers(app, consultation_id(url)) == {}
    assert re.search(r"keep\s*</textarea>", response.get_data(as_text=True))


def test_sending_and_urgent_flags_tell_the_iro_through_the_outbox(app, client, world):
    from portal.models import OutboxMessage

    sign_in(client, "demo-child")
    url = start(client)
    answer(client, question_url(url, 2), choice="no", text="I want to die")
    cid = consultation_id(url)
    token = csrf_from(client.get(f"/have-your-say/{cid}/check"))
    client.post(f"/have-your-say/{cid}/send", data={"csrf_token": token})
    client.post(f"/have-your-say/{cid}/send", data={"csrf_token": token})
    with app.app_context():
        messages = db.session.scalars(select(OutboxMessage).order_by(OutboxMessage.id)).all()
        assert [(m.kind, m.recipient_id) for m in messages] == [
            ("urgent_flag", world["demo-iro"]), ("consultation_sent", world["demo-iro"])]


def test_a_busy_database_keeps_the_answer_on_a_503_page(app, client, world, monkeypatch, check_page):
    from sqlalchemy.exc import OperationalError

    sign_in(client, "demo-child")
    url = start(client)
    token = csrf_from(client.get(url))

    def busy(*args, **kwargs):
        raise OperationalError("UPDATE", {}, Exception("database is locked"))

    monkeypatch.setattr("portal.consultation.services.save_screen", busy)
    response = client.post(url, data={"csrf_token": token, "action": "save", "choice": "good",
                                      "text": "Words I typed for ages"})
    check_page(response, status=503)
    body = response.get_data(as_text=True)
    assert 'name="text" value="Words I typed for ages"' in body and 'name="choice" value="good"' in body
    monkeypatch.undo()
    retry = client.post(url, data={"csrf_token": csrf_from(response), "action": "save", "choice": "good",
                                   "text": "Words I typed for ages"})
    assert retry.status_code == 303
    assert _answers(app, consultation_id(url))["home.feel"].text == "Words I typed for ages"


def test_the_advocate_question_links_straight_to_asking_for_one(app, client, world):
    sign_in(client, "demo-child")
    url = start(client)
    choose_topics(client, url, "review")
    body = client.get(url_of(app, url, "review.advocate")).get_data(as_text=True)
    assert 'href="/get-support/advocate"' in body
    assert client.get("/get-support/advocate").status_code == 200


def test_the_iro_sees_whether_a_4_to_7_year_old_knows_why_they_live_here_under_their_story(
        app, client, world, check_page):
    sign_in(client, "demo-carer")
    helping = client.get("/have-your-say/helping")
    response = client.post(f"/have-your-say/helping/{world['yp:Sam']}", data={"csrf_token": csrf_from(helping)})
    url = response.headers["Location"]
    choose_topics(client, url, "why_in_care")
    story = url_of(app, url, "story.know")
    page = client.get(story)
    assert check_page(page).h1 == "Question 8 of 8"
    body = page.get_data(as_text=True)
    body = body.replace("&#39;", "'").replace("&#x27;", "'")
    assert "Do you know why you live here?" in body and "I'd like someone to tell me" in body
    assert "It is fine not to know." in body
    answer(client, story, choice="tell_me")
    cid = consultation_id(url)
    client.post(f"/have-your-say/{cid}/send", data={"csrf_token": csrf_from(client.get(f"/have-your-say/{cid}/check"))})

    iro = app.test_client()
    sign_in(iro, "demo-iro")
    response = iro.get(f"/caseload/consultations/{cid}")
    check_page(response)
    body = response.get_data(as_text=True).replace("&#39;", "'")
    assert "Knowing my story" in body
    assert body.index("Knowing my story") < body.index("Do you know why you live here?") < body.index(
        "I'd like someone to tell me")
    with app.app_context():
        assert not db.session.scalar(select(func.count(SafetyFlag.id)).where(SafetyFlag.consultation_id == cid))
