"""Council anonymity against someone who has the database but not the keys (the threat model in portal/voice/__init__.py).

Six young people share things with the council the three ways there are (telling it directly,
answering a campaign, sharing answers from a review form they send); then the mixing job runs.
Each test plays one attack a database reader could try, or one promise the young person is made,
on SQLite and on PostgreSQL.
"""

import random
import re
from contextlib import contextmanager
from datetime import timedelta

import pytest
from sqlalchemy import event, func, select, text

from portal.core.clock import local_today
from portal.core.passwords import hash_password
from portal.demo import PASSWORD
from portal.extensions import db
from portal.models import (
    AnswerType,
    Base,
    CouncilSubmission,
    Moderation,
    MyContribution,
    QueuedContribution,
    Role,
    User,
    YoungPerson,
)
from portal.notifications.cli import _run_worker_jobs
from portal.voice import campaigns, mixing
from portal.voice.dashboard import add_months
from tests.conftest import csrf_from, sign_in
from tests.consultation_steps import answer, consultation_id, question_url, share_on_check_page, start
from tests.voice_steps import SUBMISSION, contributions, council_account, counted, mix, sealed_tokens, tell, this_month

# The council's tables that name nobody, and the queue (encrypted): the only ones a contribution's transaction may write.
ANONYMOUS_TABLES = {"contributions", "contribution_themes", "council_queue", "council_submissions"}
EXTRA = ("young-4", "young-5", "young-6")
SEED = 20261130


class NoShuffle:
    """A "shuffle" that leaves everything in order: the control that shows the order attack works when nothing mixes."""

    def shuffle(self, items):
        pass


def _more_young_people(app, world):
    """Three more young people with accounts (14, like Alex), so that six can share."""
    with app.app_context():
        dob = local_today().replace(day=1) - timedelta(days=14 * 366)
        for number, username in enumerate(EXTRA, start=4):
            user = User(username=username, role=Role.YOUNG_PERSON, display_name=f"Young {number}",
                        password_hash=hash_password(PASSWORD))
            db.session.add(user)
            db.session.flush()
            db.session.add(YoungPerson(first_name=f"Young{number}", date_of_birth=dob, iro_id=world["demo-iro"],
                                       user_id=user.id))
        db.session.commit()
        return {username: db.session.scalar(select(YoungPerson.id).join(User, User.id == YoungPerson.user_id)
                                            .where(User.username == username)) for username in EXTRA}


def _client(app, username):
    client = app.test_client()
    assert sign_in(client, username).status_code == 303
    return client


def _send_review_form_with_two_shared_answers(client):
    url = start(client)
    answer(client, url, choice="good", text="I like my room")
    answer(client, question_url(url, 2), choice="yes")
    share_on_check_page(client, url, "home.feel", "home.safe")
    cid = consultation_id(url)
    client.post(f"/have-your-say/{cid}/send", data={"csrf_token": csrf_from(client.get(f"/have-your-say/{cid}/check"))})


def _answer_campaign(client, campaign_id, choice):
    page = client.get(f"/council-campaigns/{campaign_id}")
    submission = SUBMISSION.search(page.get_data(as_text=True)).group(1)
    return client.post(f"/council-campaigns/{campaign_id}", data={"csrf_token": csrf_from(page),
                                                                   "submission": submission, "answer": choice})


@contextmanager
def transactions(app):
    """Every transaction the app commits inside the block, as the list of its write statements."""
    with app.app_context():
        engine = db.engine
    open_, done = {}, []

    def record(connection, _cursor, statement, _parameters, _context, _many):
        if statement.lstrip().upper().startswith(("INSERT", "UPDATE", "DELETE")):
            open_.setdefault(id(connection), []).append(statement)

    def commit(connection):
        done.append(open_.pop(id(connection), []))

    def rollback(connection):
        open_.pop(id(connection), None)

    event.listen(engine, "before_cursor_execute", record)
    event.listen(engine, "commit", commit)
    event.listen(engine, "rollback", rollback)
    try:
        yield done
    finally:
        event.remove(engine, "before_cursor_execute", record)
        event.remove(engine, "commit", commit)
        event.remove(engine, "rollback", rollback)


def _tables_written(statements):
    return {re.search(r"^\s*(?:INSERT INTO|UPDATE|DELETE FROM)\s+(\w+)", s, re.I).group(1) for s in statements}


@pytest.fixture
def everyone_shared(app, world):
    """Six young people share seven things three ways; the job runs as in production. Returns the transactions."""
    extra = _more_young_people(app, world)
    with app.app_context():
        campaign = campaigns.create(
            db.session.get(User, world["demo-council"]), title="Contact", question="How often?",
            answer_type=AnswerType.CHOICE, choices=["Weekly", "Monthly"], themes=["family"], written_in="en",
            languages=["en"], opens_on=local_today(), closes_on=local_today() + timedelta(days=7))
        campaign_id = campaign.id
    with transactions(app) as written:
        _send_review_form_with_two_shared_answers(_client(app, "demo-child"))
        tell(_client(app, "demo-child-2"), "Words from the second", mixed=False)
        assert _answer_campaign(_client(app, "demo-child-3"), campaign_id, "1").status_code == 303
        for username in EXTRA:
            tell(_client(app, username), f"Words from {username}", mixed=False)
        with app.app_context():
            assert mixing.mix() == 7  # the production setting (5 people) and the production shuffle
    people = {"Alex": world["yp:Alex"], "Casey": world["yp:Casey"], **extra}
    return {"transactions": written, "people": people}


# ---- (a), (b): no shared transaction ---------------------------------------------------------------


def test_without_your_name_the_xmin_join_links_no_contribution_to_its_young_person(app, everyone_shared):
    with app.app_context():
        if db.engine.dialect.name != "postgresql":
            pytest.skip("xmin is PostgreSQL's; on SQLite the transactions test below proves the same")
        assert db.session.scalar(select(func.count()).select_from(MyContribution)) == 7
        linked = db.session.scalar(text(
            "SELECT count(*) FROM my_contributions m JOIN contributions c ON m.xmin::text = c.xmin::text"))
        linked_by_theme = db.session.scalar(text(
            "SELECT count(*) FROM my_contributions m JOIN contribution_themes t ON m.xmin::text = t.xmin::text"))
        # Nor with any row of any other table (users, young people, consultations, answers, audit, outbox...).
        others = [t.name for t in Base.metadata.sorted_tables if t.name not in ANONYMOUS_TABLES]
        named = db.session.scalar(text(
            "SELECT count(*) FROM contributions c WHERE c.xmin::text IN ("
            + " UNION ".join(f"SELECT xmin::text FROM {name}" for name in others) + ")"))
    assert (linked, linked_by_theme, named) == (0, 0, 0)


def test_no_transaction_writes_a_contribution_beside_anything_that_names_a_young_person(app, everyone_shared):
    written = [_tables_written(statements) for statements in everyone_shared["transactions"]]
    making = [tables for tables in written if "contributions" in tables]
    sealing = [tables for tables in written if "my_contributions" in tables]
    # One transaction makes all seven contributions; another writes all seven sealed rows.
    assert making == [{"contributions", "contribution_themes", "council_queue"}]
    assert sealing == [{"my_contributions", "council_queue"}]
    # What the young people's own requests wrote for the council: only the encrypted queue (and double-tap digests).
    sharing = [tables for tables in written if "council_queue" in tables and tables not in making + sealing]
    assert sharing and all(tables <= {"council_queue", "council_submissions", "consultations", "outbox_messages"}
                           for tables in sharing)
    assert sum(1 for tables in sharing if "consultations" in tables) == 1  # the review form: queued, not made


# ---- (c): insertion order ---------------------------------------------------------------------------


def _order_attack(app) -> tuple[int, int]:
    """Pair the n-th contribution written with the n-th sealed row written; (right guesses, pairs)."""
    with app.app_context():
        physical = "ctid" if db.engine.dialect.name == "postgresql" else "rowid"
        tokens = db.session.scalars(text(f"SELECT token FROM contributions ORDER BY {physical}")).all()  # noqa: S608
        owners = db.session.execute(text(f"SELECT young_person_id, id FROM my_contributions ORDER BY {physical}")).all()  # noqa: S608
        truth = {row.sealed: row.young_person_id for row in db.session.scalars(select(MyContribution))}  # with the keys
    return sum(1 for token, (owner, _id) in zip(tokens, owners, strict=True) if truth[token] == owner), len(tokens)


def _six_tell(app, world):
    _more_young_people(app, world)
    for username in ("demo-child", "demo-child-2", "demo-child-3", *EXTRA):
        tell(_client(app, username), f"Words from {username}", mixed=False)


def test_the_order_rows_were_written_in_links_no_better_than_chance(app, world):
    _six_tell(app, world)
    assert mix(app, min_people=5, rng=random.Random(SEED)) == 6
    hits, pairs = _order_attack(app)
    assert pairs == 6 and hits <= 1  # a random pairing of 6 gets 1 right on average


def test_without_shuffling_the_order_attack_would_link_everyone(app, world):
    _six_tell(app, world)
    assert mix(app, min_people=5, rng=NoShuffle()) == 6
    assert _order_attack(app) == (6, 6)  # so the test above can fail: the shuffles are what protect


def test_production_shuffles_with_the_operating_systems_randomness(app, world, monkeypatch):
    assert isinstance(mixing.SHUFFLE, random.SystemRandom)
    used = []

    class Spy(random.SystemRandom):
        def shuffle(self, items):
            used.append(len(items))
            super().shuffle(items)

    monkeypatch.setattr(mixing, "SHUFFLE", Spy())
    _six_tell(app, world)
    with app.app_context():
        assert mixing.mix() == 6
    assert used == [6, 6]  # the contributions, then the sealed rows


# ---- (d): before the batch is full ----------------------------------------------------------------


def test_before_five_young_people_have_shared_nothing_reaches_the_council_and_you_still_see_and_withdraw_yours(
        app, world, runner, check_page):
    _more_young_people(app, world)
    alex = _client(app, "demo-child")
    tell(alex, "Alex wants a say", mixed=False)
    tell(alex, "Alex changes his mind", mixed=False)
    for username in ("demo-child-3", "young-4", "young-5"):
        tell(_client(app, username), f"Words from {username}", mixed=False)
    result = runner.invoke(args=["council-mix"])
    assert result.exit_code == 0 and "Waiting" in result.output
    assert contributions(app) == [] and sealed_tokens(app, world["yp:Alex"]) == []

    page = alex.get("/my-shared-words")
    check_page(page)
    body = page.get_data(as_text=True)
    assert "Alex wants a say" in body and "Alex changes his mind" in body and "Words from" not in body
    assert body.count("On its way to the council") == 2
    keys = re.findall(r"/my-shared-words/([\w-]{22})/withdraw", body)
    other = _client(app, "young-4")
    assert other.post(f"/my-shared-words/{keys[0]}/withdraw",
                      data={"csrf_token": csrf_from(other.get("/get-help"))}).status_code == 404
    withdrawn = [key for key in keys if "Alex changes his mind" in body.split(key)[0].rsplit('<li class="card">', 1)[1]]
    response = alex.post(f"/my-shared-words/{withdrawn[0]}/withdraw", data={"csrf_token": csrf_from(page)})
    assert response.status_code == 303
    after = alex.get("/my-shared-words").get_data(as_text=True)
    assert "The council can no longer see it" in after and "Alex changes his mind" not in after

    tell(_client(app, "young-6"), "The fifth young person", mixed=False)
    result = runner.invoke(args=["council-mix"])
    assert "Moved 5 contributions" in result.output
    texts = sorted(c["text"] for c in contributions(app))
    assert "Alex changes his mind" not in texts and len(texts) == 5
    assert "On its way" not in alex.get("/my-shared-words").get_data(as_text=True)
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(QueuedContribution)) == 0


def test_the_outbox_worker_runs_the_mixing_job(app, world):
    _six_tell(app, world)
    assert app.extensions["worker_jobs"] == [mixing.mix]
    with app.app_context():
        _run_worker_jobs()
    assert len(contributions(app)) == 6


def test_a_campaign_answer_still_on_its_way_counts_as_answered(app, world):
    with app.app_context():
        campaign = campaigns.create(
            db.session.get(User, world["demo-council"]), title="Contact", question="How often?",
            answer_type=AnswerType.CHOICE, choices=["Weekly", "Monthly"], themes=["family"], written_in="en",
            languages=["en"], opens_on=local_today(), closes_on=local_today() + timedelta(days=7))
        campaign_id = campaign.id
    casey = _client(app, "demo-child-3")
    _answer_campaign(casey, campaign_id, "2")
    assert "You have already answered this" in casey.get(f"/council-campaigns/{campaign_id}").get_data(as_text=True)


# ---- (e): double taps -------------------------------------------------------------------------------


def test_a_double_tap_stores_once_and_keeps_no_plain_form_value(app, world):
    alex = _client(app, "demo-child")
    page = alex.get("/tell-the-council")
    submission = SUBMISSION.search(page.get_data(as_text=True)).group(1)
    for _ in range(2):
        response = alex.post("/tell-the-council", data={"csrf_token": csrf_from(page), "text": "Once only",
                                                         "submission": submission})
        assert response.status_code == 303
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(QueuedContribution)) == 1
        (digest,) = db.session.scalars(select(CouncilSubmission.digest)).all()
    assert submission not in digest and len(digest) == 64
    assert set(MyContribution.__table__.columns.keys()) == {"id", "young_person_id", "sealed"}
    mix(app)
    assert [c["text"] for c in contributions(app)] == ["Once only"]


# ---- (f): nothing readable without the keys ----------------------------------------------------------


def test_the_queue_and_the_sealed_lists_say_nothing_without_the_keys(app, world):
    _more_young_people(app, world)
    tell(_client(app, "demo-child"), "Short", mixed=False)
    tell(_client(app, "young-4"), "Much longer words " * 15, mixed=False)
    assert set(QueuedContribution.__table__.columns.keys()) == {"token", "payload"}
    with app.app_context():
        raw = db.session.execute(text("SELECT token, payload FROM council_queue")).all()
    assert len(raw) == 2
    assert len({len(payload) for _token, payload in raw}) == 1  # padded: the length says nothing about the words
    for _token, payload in raw:
        assert payload.startswith("gAAAAA")  # Fernet ciphertext
        # Only base64: no JSON, no plain young person id, no plain token, no words.
        assert re.fullmatch(r"[A-Za-z0-9_=-]+", payload) and "Short" not in payload
    mix(app)
    tokens = [c["token"] for c in contributions(app)]
    with app.app_context():
        sealed = db.session.scalars(text("SELECT sealed FROM my_contributions")).all()
        stored_words = db.session.scalars(text("SELECT text FROM contributions")).all()
    assert len(sealed) == 2 and not any(token in value for value in sealed for token in tokens)
    assert len({len(value) for value in stored_words}) == 1  # 5 and 270 characters: padded to the same size
    assert sorted(c["text"] for c in contributions(app)) == sorted(["Short", ("Much longer words " * 15).strip()])


# ---- (g): a quote's month and age band ---------------------------------------------------------------


def test_a_quote_shows_its_month_and_age_band_only_when_at_least_5_contributions_share_them(app, client, world):
    now, before = this_month(), add_months(this_month(), -1)
    counted(app, [("family", now, "16+", 4, Moderation.APPROVED, "Four share this month"),
                  ("money", before, "12-15", 4, Moderation.APPROVED, "Five share last month"),
                  ("money", before, "12-15", 1, Moderation.PENDING, "not yet checked")])
    council_account(app, "council-reader")
    sign_in(client, "council-reader")
    body = client.get("/council/quotes").get_data(as_text=True)
    captions = dict(re.findall(r'<p dir="auto" class="answer-text">(.*?)</p></blockquote>\s*<figcaption>(.*?)</figcaption>', body,
                               re.S))
    hidden, shown = captions["Four share this month"], captions["Five share last month"]
    assert "Month and age not shown, to keep who wrote it private" in hidden and "age 16" not in hidden
    assert f"{before:%B %Y}, age 12 to 15" in shown and "not shown" not in shown


def test_quote_months_are_checked_with_one_query_however_many_quotes(app, client, world):
    counted(app, [("family", add_months(this_month(), -m), "16+", 3, Moderation.APPROVED, "Words") for m in range(6)])
    council_account(app, "council-reader")
    sign_in(client, "council-reader")
    client.get("/council/quotes")
    from tests.voice_steps import sql_statements

    with sql_statements(app) as statements:
        assert client.get("/council/quotes").status_code == 200
    assert len([s for s in statements if "GROUP BY" in s.upper()]) == 1
