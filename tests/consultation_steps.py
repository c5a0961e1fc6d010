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
