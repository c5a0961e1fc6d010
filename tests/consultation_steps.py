"""Steps a person takes through Have your say, shared by the consultation tests."""

import re

from tests.conftest import csrf_from


def start(client):
    """A young person starts (or carries on with) their consultation; returns the question URL."""
    page = client.get("/have-your-say")
    response = client.post("/have-your-say/start", data={"csrf_token": csrf_from(page)})
    assert response.status_code == 303, response.get_data(as_text=True)[:500]
    return response.headers["Location"]


def consultation_id(url):
    return int(re.search(r"/have-your-say/(\d+)/", url).group(1))


def answer(client, url, action="save", **fields):
    """Answer the question at url; returns the response to the POST."""
    page = client.get(url)
    return client.post(url, data={"csrf_token": csrf_from(page), "action": action, **fields})


def question_url(url, number):
    """The URL of another question of the same consultation."""
    return re.sub(r"/questions/\d+$", f"/questions/{number}", url)


def choose_topics(client, url, *topics):
    """On "Do you want to tell us about…?", tick these topics (none: only the core); returns the response."""
    cid = consultation_id(url)
    page = client.get(f"/have-your-say/{cid}/topics")
    return client.post(f"/have-your-say/{cid}/topics", data={"csrf_token": csrf_from(page), "topic": list(topics)})


def screen_number(app, url, key):
    """The screen number of a question (or of the screen one of its parts is on) in this consultation."""
    from portal.core.consultations import screens_of
    from portal.extensions import db
    from portal.models import Consultation

    with app.app_context():
        consultation = db.session.get(Consultation, consultation_id(url))
        return next(number for number, screen in enumerate(screens_of(consultation), start=1)
                    if key in (screen.key, *(leaf.key for leaf in screen.leaves)))


def url_of(app, url, key):
    """The URL of the screen holding a question."""
    return question_url(url, screen_number(app, url, key))


def share_on_check_page(client, url, *keys):
    """On the check page, choose which answers the council may see (the one place sharing is offered)."""
    cid = consultation_id(url)
    page = client.get(f"/have-your-say/{cid}/check")
    return client.post(f"/have-your-say/{cid}/check",
                       data={"csrf_token": csrf_from(page), "share": "chosen", "share_key": list(keys)})
