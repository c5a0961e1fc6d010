"""What a child reads on screen is a promise: each test here is named after one and proves it.

The rules live in portal/security/privacy.py; the words on screen come from the same module.
"""

from datetime import timedelta

import pytest
from flask_babel import force_locale
from sqlalchemy import select, update

from portal import demo
from portal.core.clock import local_today
from portal.extensions import db
from portal.models import Answer, HelpSession, OutboxMessage, SafetyFlag, YoungPerson
from portal.models.base import utcnow
from portal.security.privacy import WHO_READS, WHO_READS_SHORT
from tests.conftest import csrf_from, sign_in
from tests.consultation_steps import answer, consultation_id, question_url, start

SOLO_WORDS = "I do not like it when Morgan shouts at me"
TOGETHER_WORDS = "we went to the park together"


def _client(app, username):
    client = app.test_client()
    assert sign_in(client, username).status_code == 303
    return client


def _make_jordan(app, age):
    """Jordan (demo-child-2, cared for by demo-carer, Morgan Ellis) is this age today."""
    with app.app_context():
        db.session.execute(update(YoungPerson).where(YoungPerson.first_name == "Jordan")
                           .values(date_of_birth=demo._birthday(age, local_today())))
        db.session.commit()


def _start_helping(carer, world):
    page = carer.get("/have-your-say/helping")
    response = carer.post(f"/have-your-say/helping/{world['yp:Jordan']}", data={"csrf_token": csrf_from(page)})
    assert response.status_code == 303
    return response.headers["Location"]


def _send(client, cid):
    page = client.get(f"/have-your-say/{cid}/check")
    assert client.post(f"/have-your-say/{cid}/send", data={"csrf_token": csrf_from(page)}).status_code == 303


def _stored(app, cid):
    with app.app_context():
        return db.session.scalars(select(Answer).where(Answer.consultation_id == cid)).all()


@pytest.mark.parametrize("age", [6, 9, 13, 17])
def test_nobody_else_sees_it_a_carer_never_sees_an_answer_given_alone_at_any_age(app, world, age):
    _make_jordan(app, age)
    jordan = _client(app, "demo-child-2")
    url = start(jordan)
    answer(jordan, url, text=SOLO_WORDS) if "choice" not in jordan.get(url).get_data(as_text=True) else \
        answer(jordan, url, choice=_first_choice(jordan.get(url)), text=SOLO_WORDS)
    cid = consultation_id(url)
    carer = _client(app, "demo-carer")
    # Not helping: the form is not the carer's to open at all.
    for path in (url, f"/have-your-say/{cid}/check", f"/have-your-say/{cid}/download", f"/have-your-say/{cid}/sent"):
        response = carer.get(path)
        assert response.status_code == 404, path
        assert SOLO_WORDS not in response.get_data(as_text=True)
    # Helping: still never the answer Jordan gave alone, on any page, and it cannot be replaced.
    _start_helping(carer, world)
    for path in (url, f"/have-your-say/{cid}/check"):
        response = carer.get(path)
        assert response.status_code == 200, path
        assert SOLO_WORDS not in response.get_data(as_text=True)
    assert "answered this question on their own" in carer.get(url).get_data(as_text=True)
    carer.post(url, data={"csrf_token": csrf_from(carer.get(url)), "action": "save", "text": "overwritten"})
    [stored] = _stored(app, cid)
    with app.app_context():
        assert db.session.get(Answer, stored.id).text == SOLO_WORDS
    assert stored.helped_by_id is None
    _send(carer, cid)
    download = carer.get(f"/have-your-say/{cid}/download")
    assert download.status_code == 200 and SOLO_WORDS not in download.get_data(as_text=True)


def _first_choice(page):
    import re
    return re.search(r'name="choice"[^>]*value="([^"]+)"', page.get_data(as_text=True)).group(1)


def test_helped_answers_are_seen_by_that_carer_only_and_recorded_as_helped_by(app, world):
    carer = _client(app, "demo-carer")
    url = _start_helping(carer, world)
    cid = consultation_id(url)
    response = answer(carer, url, choice=_first_choice(carer.get(url)), text=TOGETHER_WORDS)
    assert response.status_code == 303
    assert TOGETHER_WORDS in carer.get(f"/have-your-say/{cid}/check").get_data(as_text=True)
    [stored] = _stored(app, cid)
    assert stored.helped_by_id == world["demo-carer"]
    other = _client(app, "demo-carer-2")
    assert other.get(url).status_code == 404
    # Jordan changes it alone afterwards: from then on it is Jordan's alone.
    jordan = _client(app, "demo-child-2")
    answer(jordan, url, choice=_first_choice(jordan.get(url)), text=SOLO_WORDS)
    [stored] = _stored(app, cid)
    assert stored.helped_by_id is None
    assert SOLO_WORDS not in carer.get(f"/have-your-say/{cid}/check").get_data(as_text=True)


def test_the_child_sees_who_is_helping_on_every_screen_and_can_end_it(app, world):
    carer = _client(app, "demo-carer")
    url = _start_helping(carer, world)
    cid = consultation_id(url)
    assert "<bdi>Jordan</bdi>: <bdi>Morgan Ellis</bdi> is helping you." in carer.get(url).get_data(as_text=True)
    jordan = _client(app, "demo-child-2")
    for path in ("/have-your-say", url, f"/have-your-say/{cid}/check"):
        assert "<bdi>Morgan Ellis</bdi> is helping you." in jordan.get(path).get_data(as_text=True), path
    page = jordan.get(url)
    ended = jordan.post(f"/have-your-say/{cid}/stop-helping", data={"csrf_token": csrf_from(page)})
    assert ended.status_code == 303
    assert "Morgan Ellis is helping you." not in jordan.get(url).get_data(as_text=True)
    assert carer.get(url).status_code == 404
    # A child can always add private answers afterwards.
    answer(jordan, question_url(url, 2), choice=_first_choice(jordan.get(question_url(url, 2))), text=SOLO_WORDS)
    assert all(row.helped_by_id is None for row in _stored(app, cid))


def test_helping_ends_by_itself_after_a_while_without_use(app, world):
    carer = _client(app, "demo-carer")
    url = _start_helping(carer, world)
    assert carer.get(url).status_code == 200
    with app.app_context():
        db.session.execute(update(HelpSession).values(expires_at=utcnow() - timedelta(minutes=1)))
        db.session.commit()
    assert carer.get(url).status_code == 404


def test_you_can_change_it_before_you_send_the_iro_never_reads_an_unsent_answer(app, world):
    alex = _client(app, "demo-child")
    url = start(alex)
    answer(alex, url, choice="good", text=SOLO_WORDS)
    answer(alex, question_url(url, 2), action="autosave", text="an autosaved draft")
    cid = consultation_id(url)
    iro = _client(app, "demo-iro")
    for path in (f"/caseload/consultations/{cid}", f"/caseload/consultations/{cid}?print=1"):
        response = iro.get(path)
        assert response.status_code == 404
        assert SOLO_WORDS not in response.get_data(as_text=True)
    caseload = iro.get("/caseload").get_data(as_text=True)
    assert "Views: in progress (private until sent)" in caseload
    assert f"/caseload/consultations/{cid}" not in caseload
    record = iro.get(f"/caseload/{world['yp:Alex']}").get_data(as_text=True)
    assert f"/caseload/consultations/{cid}" not in record and SOLO_WORDS not in record
    _send(alex, cid)
    body = iro.get(f"/caseload/consultations/{cid}").get_data(as_text=True)
    assert SOLO_WORDS in body and "an autosaved draft" in body


def test_the_one_exception_an_urgent_answer_is_seen_by_the_iro_at_once_and_the_child_is_told(app, world):
    alex = _client(app, "demo-child")
    url = start(alex)
    answer(alex, url, choice="good", text=SOLO_WORDS)
    told = alex.get(answer(alex, question_url(url, 2), text="I want to die").headers["Location"])
    assert ("Because you told us you might not be safe, Priya Shah, your IRO, will see this answer now, "
            "before you send it.") in told.get_data(as_text=True)
    cid = consultation_id(url)
    iro = _client(app, "demo-iro")
    response = iro.get(f"/caseload/consultations/{cid}")
    assert response.status_code == 200
    body = response.get_data(as_text=True)
    assert "I want to die" in body and SOLO_WORDS not in body
    assert "Not sent yet" in body
    assert "Urgent flags: 1" in iro.get("/caseload").get_data(as_text=True)
    with app.app_context():
        assert db.session.scalar(select(OutboxMessage).where(OutboxMessage.kind == "urgent_flag")) is not None
        flag_id = db.session.scalar(select(SafetyFlag.id))
    flag_page = iro.get(f"/caseload/flags/{flag_id}").get_data(as_text=True)
    assert "I want to die" in flag_page and SOLO_WORDS not in flag_page


def test_who_reads_this_is_shown_open_on_the_start_page_and_in_one_line_on_every_question(app, world):
    alex = _client(app, "demo-child")
    start_page = alex.get("/have-your-say").get_data(as_text=True)
    with app.test_request_context(), force_locale("en"):
        lines = [str(line) for line in WHO_READS]
        short = str(WHO_READS_SHORT)
    for line in lines:
        assert line.replace("'", "&#39;") in start_page, line
    assert "<details" not in start_page  # open, not behind a toggle
    url = start(alex)
    for number in (1, 2, 3):
        assert short in alex.get(question_url(url, number)).get_data(as_text=True)
    page = alex.get("/have-your-say/who-reads").get_data(as_text=True)
    assert all(line.replace("'", "&#39;") in page for line in lines)


def test_the_iro_sees_which_answers_were_given_with_a_carer(app, world):
    carer = _client(app, "demo-carer")
    url = _start_helping(carer, world)
    cid = consultation_id(url)
    answer(carer, url, choice=_first_choice(carer.get(url)), text=TOGETHER_WORDS)
    jordan = _client(app, "demo-child-2")
    second = question_url(url, 2)
    answer(jordan, second, choice=_first_choice(jordan.get(second)), text=SOLO_WORDS)
    _send(jordan, cid)
    body = _client(app, "demo-iro").get(f"/caseload/consultations/{cid}").get_data(as_text=True)
    assert body.count("Given together with their carer, in a helping session") == 1
    assert body.index(TOGETHER_WORDS) < body.index("Given together with their carer") < body.index(SOLO_WORDS)
