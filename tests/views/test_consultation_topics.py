"""Short by default, deep by choice: a short core, topics the young person picks, questions that change from one
review to the next, last review's decisions asked again, and an interpreter asked for (issue 13)."""

from datetime import timedelta

from sqlalchemy import select

from portal.consultation import services
from portal.core.consultations import screens_of
from portal.core.questions import CURRENT, FROM_12
from portal.extensions import db
from portal.models import Answer, Consultation, Review, User, YoungPerson
from tests.conftest import csrf_from, sign_in
from tests.consultation_steps import answer, choose_topics, consultation_id, question_url, start, url_of
from tests.letters import write_letter


def _send(client, cid):
    client.post(f"/have-your-say/{cid}/send", data={"csrf_token": csrf_from(client.get(f"/have-your-say/{cid}/check"))})


def _iro_view(app, cid):
    iro = app.test_client()
    sign_in(iro, "demo-iro")
    return iro.get(f"/caseload/consultations/{cid}").get_data(as_text=True).replace("&#39;", "'")


def test_the_start_page_says_how_long_it_takes_and_how_many_questions(client, world, check_page):
    sign_in(client, "demo-child")
    page = client.get("/have-your-say")
    check_page(page)
    assert "It takes about 5 minutes: 7 short questions" in page.get_data(as_text=True)


def test_after_the_core_the_young_person_chooses_topics_and_only_those_screens_follow(app, client, world, check_page):
    sign_in(client, "demo-child")
    url = start(client)
    cid = consultation_id(url)
    for number in range(1, len(FROM_12.questions)):
        answer(client, question_url(url, number), action="skip")
    response = answer(client, question_url(url, len(FROM_12.questions)), text="Nothing else")
    assert response.headers["Location"] == f"/have-your-say/{cid}/topics"
    page = client.get(response.headers["Location"])
    check_page(page)
    body = page.get_data(as_text=True)
    assert "Do you want to tell us about" in body
    assert 'value="family"' in body and 'value="school"' in body and 'value="pathway"' not in body  # 16+ only
    assert start(client) == f"/have-your-say/{cid}/topics"  # carrying on comes back here until chosen

    response = choose_topics(client, url, "school", "family")
    assert response.headers["Location"].endswith("/questions/8")
    with app.app_context():
        consultation = db.session.get(Consultation, cid)
        assert consultation.topics == "family,school"  # in the form's order
        topics_asked = [screen.topic for screen in screens_of(consultation)[7:]]
    assert topics_asked == ["family", "family", "school", "school"]
    assert check_page(client.get(question_url(url, 8))).h1 == "Question 8 of 11"
    assert f'href="/have-your-say/{cid}/topics"' in client.get(question_url(url, 8)).get_data(as_text=True)  # Back
    answer(client, url_of(app, url, "school.feel"), choice="good", text="Maths is fun")

    check = client.get(f"/have-your-say/{cid}/check").get_data(as_text=True)
    assert "How is school going?" in check and "Maths is fun" in check
    assert "Do you know why you are looked after?" not in check and "money" not in check.lower()
    _send(client, cid)
    body = _iro_view(app, cid)
    assert "Topics they chose" in body and "Family and friends, School, college or work" in body
    assert "Maths is fun" in body


def test_choosing_no_topic_goes_straight_to_the_check_page(app, client, world):
    sign_in(client, "demo-child")
    url = start(client)
    response = choose_topics(client, url)
    assert response.headers["Location"].endswith("/check")
    assert start(client).endswith("/questions/1")  # the core is still there to answer


def test_two_consecutive_reviews_never_repeat_a_topic_questions_wording(app, world):
    for form in CURRENT.values():
        for section in form.topics:
            for question in section.questions:
                assert question.wordings, question.key  # every topic question has a pool
                for round_number in range(6):
                    assert str(question.worded(round_number).prompt) != str(question.worded(round_number + 1).prompt)
    with app.test_request_context():
        alex = db.session.get(YoungPerson, world["yp:Alex"])
        user = db.session.get(User, world["demo-child"])
        first_review = services.next_review(alex)
        first = services.start(alex, first_review, user, "en")
        services.choose_topics(first, [section.topic.value for section in CURRENT[first.band].topics])
        services.send(first, user)
        later = Review(young_person_id=alex.id, scheduled_for=first_review.scheduled_for + timedelta(days=180))
        db.session.add(later)
        db.session.commit()
        second = services.start(alex, later, user, "en")
        services.choose_topics(second, first.topics.split(","))
        assert (first.wording_round, second.wording_round) == (0, 1)
        before = {q.key: str(q.prompt) for q in screens_of(first)[7:]}
        after = {q.key: str(q.prompt) for q in screens_of(second)[7:]}
        assert before.keys() == after.keys() and before
        assert all(before[key] != after[key] for key in before)


def test_the_wording_asked_is_the_wording_everyone_reads_later(app, client, world):
    with app.app_context():
        first = db.session.scalar(select(Consultation).limit(1))
    assert first is None
    sign_in(client, "demo-child")
    url = start(client)
    cid = consultation_id(url)
    with app.app_context():
        db.session.get(Consultation, cid).wording_round = 1  # their second form
        db.session.commit()
    choose_topics(client, url, "school")
    page = client.get(url_of(app, url, "school.feel")).get_data(as_text=True)
    assert "How are things at school?" in page and "How is school going?" not in page
    answer(client, url_of(app, url, "school.feel"), choice="okay")
    assert "How are things at school?" in client.get(f"/have-your-say/{cid}/check").get_data(as_text=True)
    _send(client, cid)
    assert "How are things at school?" in _iro_view(app, cid)


def test_last_reviews_decisions_come_back_as_did_this_happen(app, client, world, check_page):
    with app.app_context():
        write_letter(world["yp:Alex"], world["demo-iro"])
    sign_in(client, "demo-child")
    assert "10 short questions" in client.get("/have-your-say").get_data(as_text=True)
    url = start(client)
    cid = consultation_id(url)
    page = client.get(question_url(url, 8))
    check_page(page)
    body = page.get_data(as_text=True).replace("&#39;", "'")
    assert "At your last review it was decided: You will see your brother Sam every month. Did this happen?" in body
    for words in ("Yes", "Partly", "No", "I'm not sure", "Tell us more (optional)"):
        assert words in body
    answer(client, question_url(url, 8), choice="partly", text="Only twice")
    answer(client, question_url(url, 9), choice="no")
    assert answer(client, question_url(url, 10), choice="yes").headers["Location"].endswith("/topics")
    _send(client, cid)
    body = _iro_view(app, cid)
    assert "Did last review's decisions happen?" in body
    assert body.index("You will see your brother Sam every month.") < body.index("Partly") < body.index("Only twice")
    assert "You will get your own bank account." in body


def test_the_young_person_asks_for_an_interpreter_and_the_iro_sees_it_with_the_arrangements(app, client, world):
    sign_in(client, "demo-child")
    url = start(client)
    cid = consultation_id(url)
    arrangements = url_of(app, url, "review.interpreter")
    body = client.get(arrangements).get_data(as_text=True)
    assert "Would you like an interpreter at your review?" in body
    assert 'value="ar"' in body and "العربية" in body and 'value="other"' in body
    assert client.get(arrangements).get_data(as_text=True).count('type="submit" name="action" value="save"') == 1
    answer(client, arrangements, choice_0="all", text_1="My nan", choice_2="ar")
    with app.app_context():
        stored = {a.question_key: a for a in db.session.scalars(select(Answer).where(Answer.consultation_id == cid))}
    assert stored["review.attend"].choice == "all" and stored["review.invite"].text == "My nan"
    assert stored["review.interpreter"].choice == "ar"
    _send(client, cid)
    body = _iro_view(app, cid)
    assert "Asked for an interpreter in Arabic" in body
    assert f'/caseload/consultations/{cid}/interpreter' in body  # the IRO's request, offered though the form was in English


def test_another_language_is_typed_in(app, client, world):
    sign_in(client, "demo-child")
    url = start(client)
    answer(client, url_of(app, url, "review.interpreter"), choice_2="other", text_2="Tigrinya")
    cid = consultation_id(url)
    _send(client, cid)
    assert "Asked for an interpreter in Tigrinya" in _iro_view(app, cid)


def test_a_language_that_is_not_offered_is_refused_and_the_words_are_kept(app, client, world, check_page):
    sign_in(client, "demo-child")
    url = start(client)
    response = answer(client, url_of(app, url, "review.interpreter"), choice_2="xx", text_1="My nan")
    check_page(response, status=400)
    assert "My nan" in response.get_data(as_text=True)


def test_each_question_carries_only_compact_furniture(client, world):
    sign_in(client, "demo-child")
    url = start(client)
    body = client.get(url).get_data(as_text=True)
    assert 'name="shared"' not in body
    assert "You can write up to 5,000 characters" not in body  # the counter shows only near the limit
    assert 'data-counter-for="text"' in body and body.count("Who reads this?") == 1
    assert body.index("data-read-aloud") < body.index("How do you feel about where you live?")  # at the top


def test_did_this_happen_never_quotes_a_letter_to_a_helping_carer_who_may_not_read_it(app, client, world):
    from portal.models import CarerLink

    with app.app_context():
        db.session.add(CarerLink(carer_id=world["demo-carer"], young_person_id=world["yp:Alex"]))  # Alex is 14
        db.session.commit()
        write_letter(world["yp:Alex"], world["demo-iro"])
        write_letter(world["yp:Jordan"], world["demo-iro"])  # Jordan is 9: their carer reads their letters
    sign_in(client, "demo-carer")
    helping = client.get("/have-your-say/helping")
    alex = client.post(f"/have-your-say/helping/{world['yp:Alex']}", data={"csrf_token": csrf_from(helping)})
    url = alex.headers["Location"]
    page = client.get(question_url(url, 8)).get_data(as_text=True).replace("&#39;", "'")
    assert "brother Sam" not in page and "This question is about Alex's last review letter" in page
    assert answer(client, question_url(url, 8), choice="no").status_code == 200  # nothing to answer here
    check = client.get(f"/have-your-say/{consultation_id(url)}/check").get_data(as_text=True).replace("&#39;", "'")
    assert "brother Sam" not in check and "A decision from Alex's last review letter" in check
    jordan = client.post(f"/have-your-say/helping/{world['yp:Jordan']}", data={"csrf_token": csrf_from(helping)})
    assert "brother Sam" in client.get(question_url(jordan.headers["Location"], 8)).get_data(as_text=True)
