"""At most 3 SQL statements for any young person's page (DESIGN.md §4): the person, their record and
their IRO come in one statement, and what every page needs is read once per request."""

import pytest
from sqlalchemy import event

from portal.extensions import db
from tests.conftest import sign_in
from tests.consultation_steps import answer, consultation_id, start
from tests.voice_steps import tell

PAGES = ["/home", "/have-your-say", "{question}", "/have-your-say/{cid}/check", "/get-support", "/my-requests",
         "/review-letters", "/tell-the-council", "/my-shared-words", "/get-help", "/you-said-we-did",
         "/have-your-say/who-reads"]


@pytest.fixture
def alex(app, client, world):
    """Alex has answered a question and told the council something."""
    sign_in(client, "demo-child")
    url = start(client)
    answer(client, url, choice="good", text="fine")
    tell(client, "More trips please")
    return {"question": url, "cid": consultation_id(url)}


def test_every_young_persons_page_takes_at_most_3_sql_statements(app, client, alex):
    with app.app_context():
        engine = db.engine
    counts = {}
    for pattern in PAGES:
        url = pattern.format(**alex)
        assert client.get(url).status_code == 200, url  # and warms what a worker keeps for a while
        statements = []

        def count(*_args, statements=statements):
            statements.append(1)

        event.listen(engine, "before_cursor_execute", count)
        try:
            assert client.get(url).status_code == 200
        finally:
            event.remove(engine, "before_cursor_execute", count)
        counts[pattern] = len(statements)
    too_many = {page: number for page, number in counts.items() if number > 3}
    assert too_many == {}, counts
