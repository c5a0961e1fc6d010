"""Anonymity by design: nothing the council or a moderator can see or export ties a contribution to an account.

Two young people (Alex and Casey) tell the council things, in turn, at known moments. Then every
council and moderator page, and the CSV, is searched for anything that could link a contribution
to either of them: usernames, names, ids, timestamps finer than the month, and the order in which
things were sent.
"""

import re
from datetime import date, datetime

import pytest
from sqlalchemy import DateTime, select, text

from portal.extensions import db
from portal.models import Contribution, ContributionTheme, Moderation, MyContribution
from portal.models.encryption import EncryptedText
from tests.conftest import csrf_from, sign_in
from tests.voice_steps import council_account, pending_tokens, sealed_tokens, sql_statements, tell

POINTS = 30


@pytest.fixture
def shared(app, world):
    """Alex and Casey take turns telling the council "Point 01" ... "Point 30"; returns when each was sent."""
    alex, casey = app.test_client(), app.test_client()
    sign_in(alex, "demo-child")
    sign_in(casey, "demo-child-3")
    sent = []
    for number in range(1, POINTS + 1):
        person = alex if number % 2 else casey
        assert tell(person, f"Point {number:02d} about contact", themes=["family"]).status_code == 303
        sent.append(datetime.now())
    return {"alex": alex, "casey": casey, "sent": sent}


def _identifiers(world):
    people = {"demo-child": world["demo-child"], "demo-child-3": world["demo-child-3"]}
    return {"words": ["demo-child", "Alex", "Casey", "Jordan"], "ids": {str(i) for i in people.values()}}


def _times_finer_than_a_month(body, sent):
    """Any time of day, or any full date on which something was sent, in any common form."""
    found = re.findall(r"\b\d{1,2}:\d{2}\b|\d{4}-\d{2}-\d{2}T", body)
    for moment in sent:
        day = moment.date()
        for form in (day.isoformat(), day.strftime("%d/%m/%Y"), f"{day.day} {day:%B %Y}", f"{day:%B} {day.day}, {day.year}",
                     f"{day.day} {day:%b} {day.year}"):
            if form in body:
                found.append(form)
    return found


def _council_pages(app, client, world):
    """Every page and export the council side has, including each item the moderator can open."""
    urls = ["/home", "/council", "/council/figures.csv", "/council?by=quarter", "/council?age_band=12-15",
            "/council/quotes", "/council/moderation", "/council/campaigns", "/council/updates"]
    urls += [f"/council/moderation/{token}" for token in pending_tokens(app)]
    return {url: client.get(url) for url in urls}


def _approve_all(app):
    with app.app_context():
        for contribution in db.session.scalars(select(Contribution)):
            contribution.status, contribution.redacted = Moderation.APPROVED, contribution.text
        db.session.commit()


def test_the_contribution_tables_hold_no_person_no_consultation_and_no_time():
    columns = {column.name: column for column in Contribution.__table__.columns}
    assert set(columns) == {"token", "source", "campaign_id", "period", "age_band", "language", "text", "redacted",
                            "status", "answer"}
    assert {fk.column.table.name for fk in Contribution.__table__.foreign_keys} == {"campaigns"}
    assert not any(isinstance(column.type, DateTime) for column in Contribution.__table__.columns)
    assert set(ContributionTheme.__table__.columns.keys()) == {"contribution_token", "theme", "period", "age_band"}
    assert isinstance(columns["text"].type, EncryptedText) and isinstance(columns["redacted"].type, EncryptedText)
    # The young person's side: the contribution's token only as sealed text, and no foreign key to it.
    assert {fk.column.table.name for fk in MyContribution.__table__.foreign_keys} == {"young_people"}
    assert isinstance(MyContribution.__table__.columns["sealed"].type, EncryptedText)
    assert set(MyContribution.__table__.columns.keys()) == {"id", "young_person_id", "sealed"}


def test_a_contribution_keeps_only_the_month(app, world, shared):
    with app.app_context():
        periods = set(db.session.scalars(select(Contribution.period)))
    assert periods == {date.today().replace(day=1)}


@pytest.mark.parametrize("who", ["moderator", "council member"])
def test_nothing_on_the_council_side_names_or_dates_the_young_people(app, world, shared, who):
    if who == "moderator":
        username = "demo-council"
    else:
        username = "council-reader"
        council_account(app, username)
        _approve_all(app)
    client = app.test_client()
    sign_in(client, username)
    identifiers = _identifiers(world)
    pages = _council_pages(app, client, world)
    assert any(re.search(r"Point \d\d about contact", page.get_data(as_text=True)) for page in pages.values())  # words...
    for url, page in pages.items():
        body = page.get_data(as_text=True)
        refused = who != "moderator" and url.startswith("/council/moderation")
        assert page.status_code == (403 if refused else 200), url
        for word in identifiers["words"]:
            assert word not in body, (url, word)  # ...but nobody's name or username
        assert _times_finer_than_a_month(body, shared["sent"]) == [], url
        for link in re.findall(r'(?:href|action)="([^"]+)"', body):
            path = link.split("?")[0]
            numbers = [part for part in path.split("/") if part.isdigit()]
            assert not numbers or path.startswith(("/council/campaigns/", "/council/updates/")), (url, link)
            if path.startswith("/council/moderation/"):
                assert re.fullmatch(r"/council/moderation/[\w-]{22}", path), link


def test_the_order_things_were_sent_in_is_not_the_order_anyone_sees(app, world, shared):
    moderator = app.test_client()
    sign_in(moderator, "demo-council")
    sent_order = [f"Point {n:02d}" for n in range(1, POINTS + 1)]
    queue = re.findall(r"Point \d\d", moderator.get("/council/moderation").get_data(as_text=True))
    assert sorted(queue) == sent_order
    assert queue not in (sent_order, sent_order[::-1])
    _approve_all(app)
    quotes = []
    page = moderator.get("/council/quotes")
    while True:
        body = page.get_data(as_text=True)
        quotes += re.findall(r"Point \d\d", body)
        following = re.search(r'href="(/council/quotes\?after=[^"]+)"', body)
        if not following:
            break
        page = moderator.get(following.group(1).replace("&amp;", "&"))
    assert sorted(quotes) == sent_order
    assert quotes not in (sent_order, sent_order[::-1])
    # Tokens are random: in key order they do not follow the order things were sent in either.
    with app.app_context():
        by_key = [row for row in db.session.scalars(select(Contribution.text).order_by(Contribution.token))]
    assert [t.split(" about")[0] for t in by_key] not in (sent_order, sent_order[::-1])


def test_only_the_young_person_can_link_their_words_and_their_pages_never_show_the_token(app, world, shared):
    alex_tokens = sealed_tokens(app, world["yp:Alex"])
    casey_tokens = sealed_tokens(app, world["yp:Casey"])
    assert len(alex_tokens) == len(casey_tokens) == POINTS // 2
    assert not set(alex_tokens) & set(casey_tokens)
    mine = shared["alex"].get("/my-shared-words").get_data(as_text=True)
    assert all(token not in mine for token in alex_tokens + casey_tokens)
    assert mine.count("about contact") == POINTS // 2 and "Point 02 " not in mine  # Casey's even points are not his
    with app.app_context():
        raw = db.session.execute(text("SELECT sealed FROM my_contributions")).scalars().all()
    assert not any(token in value for value in raw for token in alex_tokens + casey_tokens)


def test_sealing_the_same_token_twice_gives_different_text(app, world):
    with app.app_context():
        for _ in range(2):
            db.session.add(MyContribution(id=f"test-row-{_}".ljust(22, "x"), young_person_id=world["yp:Alex"],
                                          sealed="the-same-token-aaaaaaa"))
        db.session.commit()
        raw = db.session.execute(text("SELECT sealed FROM my_contributions")).scalars().all()
    assert len(set(raw)) == 2


def test_no_council_moderator_or_admin_page_reads_the_young_peoples_sealed_lists(app, world, shared):
    moderator, admin = app.test_client(), app.test_client()
    sign_in(moderator, "demo-council")
    sign_in(admin, "demo-admin")
    with sql_statements(app) as statements:
        pages = _council_pages(app, moderator, world)
        token = next(iter(pending_tokens(app)))
        page = moderator.get(f"/council/moderation/{token}")
        moderator.post(f"/council/moderation/{token}", data={"csrf_token": csrf_from(page), "decision": "approve",
                                                             "redacted": "Checked"})
        for url in ("/admin", "/admin/council-permissions", "/admin/council-themes", "/council", "/council/quotes",
                    "/council/figures.csv", "/council/updates", "/admin/people", "/admin/audit"):
            admin.get(url)
    assert pages and statements
    assert not [s for s in statements if "my_contributions" in s]
    # The young person's own page is the one place that does.
    with sql_statements(app) as own:
        shared["alex"].get("/my-shared-words")
    assert [s for s in own if "my_contributions" in s]
