"""Fixtures shared by every test: an app on each database, a client, the demo world, page checks.

Every test that touches the database runs once on SQLite and, when
TEST_DATABASE_URL is set (as in CI), once more on PostgreSQL.

Building an app costs more than most tests (werkzeug compiles ~500 URL rules and Jinja
compiles every template again for each new app), so there is ONE app per database per
worker, made with the database. Between tests its settings, rate-limit counters and
tables are put back as they were: a test sees an empty database (or the demo world,
restored in one INSERT per table), the test settings and no sign-in attempts counted.
A test that needs different settings from the start builds its own app with
create_app, as before.
"""

import copy
import os
import re

import pytest
from sqlalchemy import create_engine, event, inspect, text

from portal import create_app, migrate
from portal.database import normalise_url
from portal.extensions import db, limiter
from portal.models import Base
from tests.pages import PageChecker

BACKENDS = ["sqlite"] + (["postgresql"] if os.environ.get("TEST_DATABASE_URL") else [])


def _url(backend, tmp_path_factory, worker):
    if backend == "sqlite":
        return f"sqlite:///{tmp_path_factory.mktemp('db') / 'test.sqlite3'}"
    return _worker_database(os.environ["TEST_DATABASE_URL"], worker)


def _worker_database(url, worker):
    """Each pytest-xdist worker gets a PostgreSQL database of its own (test_gw0, test_gw1...), made if missing."""
    if worker == "master":
        return url
    base, _sep, name = url.rpartition("/")
    own = f"{name}_{worker}"
    engine = create_engine(normalise_url(f"{base}/{name}"), isolation_level="AUTOCOMMIT")
    with engine.connect() as connection:
        if connection.scalar(text("SELECT 1 FROM pg_database WHERE datname = :name"), {"name": own}) is None:
            connection.execute(text(f'CREATE DATABASE "{own}"'))
    engine.dispose()
    return f"{base}/{own}"


# The one app per database (per worker), with what is put back before each test: url -> SharedApp.
_APPS = {}


class SharedApp:
    """The session's app on one database, and the state each test starts from."""

    def __init__(self, url):
        self.url = url
        self.app = create_app("test", {"DATABASE_URL": url})
        with self.app.app_context():
            _commit_without_waiting_for_the_disk(db.engine)
        self.config = copy.deepcopy(dict(self.app.config))
        self.extensions = dict(self.app.extensions)
        self.limiter_state = dict(limiter.__dict__)

    def fresh(self):
        """The app with the test settings, nothing cached and no rate-limit counts, whatever the last test did."""
        self.app.config.clear()
        self.app.config.update(copy.deepcopy(self.config))
        # Extensions as registered at start-up, without what requests cached there (council themes, news...).
        self.app.extensions.clear()
        self.app.extensions.update(self.extensions)
        # The limiter is one object for every app; the last app built (maybe a test's own) took it over.
        limiter.__dict__.update(self.limiter_state)
        for storage in (limiter._storage, getattr(limiter, "_fallback_storage", None)):  # noqa: SLF001
            if storage is not None:
                storage.reset()
        return self.app


def _commit_without_waiting_for_the_disk(engine):
    """Test databases are thrown away: commits need not wait for fsync (the service's own settings are unchanged)."""
    def no_fsync(dbapi_connection, _record):
        cursor = dbapi_connection.cursor()
        if engine.dialect.name == "sqlite":
            cursor.execute("PRAGMA synchronous=OFF")
        else:
            cursor.execute("SET synchronous_commit TO OFF")
        cursor.close()
        if engine.dialect.name != "sqlite":
            dbapi_connection.commit()  # psycopg opens a transaction even for SET; end it

    event.listen(engine, "connect", no_fsync)
    engine.dispose()


@pytest.fixture(scope="session")
def _databases():
    """The run's migrated databases and their apps, by backend: made once, kept until the run ends."""
    made = {}
    yield made
    for shared in made.values():
        with shared.app.app_context():
            db.engine.dispose()


@pytest.fixture(scope="session", params=BACKENDS)
def database_url(request, tmp_path_factory, worker_id, _databases):
    """A freshly migrated database for the whole run, one per backend (and per xdist worker), and its app.

    pytest sets a parametrised session fixture up again each time the tests switch backend (with
    xdist, at every file or group), so the migrated database is kept in `_databases` and set up once.
    """
    if request.param not in _databases:
        url = _url(request.param, tmp_path_factory, worker_id)
        shared = SharedApp(url)
        with shared.app.app_context():
            if db.engine.dialect.name == "postgresql":
                with db.engine.begin() as connection:
                    connection.execute(text("DROP SCHEMA public CASCADE"))
                    connection.execute(text("CREATE SCHEMA public"))
            migrate.upgrade()
        _APPS[url] = shared
        _databases[request.param] = shared
    return _databases[request.param].url


def _empty_all_tables():
    """Delete every row, and start ids at 1 again, as after TRUNCATE ... RESTART IDENTITY.

    Only the tables holding rows are emptied, found in one query: most tests touch a few of
    them. (TRUNCATE of every table took 1.3-5 s per test on PostgreSQL on the busy shared
    machine, these DELETEs about 0.2 s.)
    """
    with db.engine.begin() as connection:
        existing = set(inspect(connection).get_table_names())
        tables = [table for table in Base.metadata.sorted_tables if table.name in existing]
        holding = " UNION ALL ".join(f"SELECT '{table.name}' WHERE EXISTS (SELECT 1 FROM {table.name})"
                                     for table in tables)
        full = set(connection.scalars(text(holding)))
        if connection.dialect.name == "postgresql":
            # A connection a test left open in a transaction would make this wait for ever: fail instead.
            connection.execute(text("SET LOCAL lock_timeout = '20s'"))
        for table in reversed(tables):  # children before parents
            if table.name in full:
                connection.execute(table.delete())
        if connection.dialect.name == "postgresql":
            connection.execute(text(
                "SELECT setval(format('%I.%I', schemaname, sequencename)::regclass, 1, false) "
                "FROM pg_sequences WHERE schemaname = current_schema() AND last_value IS NOT NULL"))


@pytest.fixture
def app(database_url):
    """The app on an empty (migrated) database, with the test settings; emptied again afterwards.

    It is the same app object for every test on this database: change its settings freely
    (they are put back), but build your own app with create_app for settings that must hold
    from start-up.
    """
    app = _APPS[database_url].fresh()
    yield app
    with app.app_context():
        db.session.close()
        _empty_all_tables()


@pytest.fixture
def client(app):
    return app.test_client()


@pytest.fixture
def runner(app):
    return app.test_cli_runner()


# The demo world's rows, per database, as they were stored the first time: later tests put the same
# rows back in one batched INSERT per table instead of building the world again (hashing passwords,
# encrypting), which was most of the suite's time.
_WORLD_ROWS = {}


def _build_world():
    from sqlalchemy import select

    from portal import demo
    from portal.core.passwords import hash_password
    from portal.models import CarerLink, Role, User, YoungPerson

    demo.load()
    carer_2 = User(username="demo-carer-2", role=Role.CARER, display_name="Other Carer",
                   password_hash=hash_password(demo.PASSWORD))
    db.session.add(carer_2)
    db.session.flush()
    casey = db.session.scalar(select(YoungPerson).where(YoungPerson.case_reference == "DEMO-004"))
    db.session.add(CarerLink(carer_id=carer_2.id, young_person_id=casey.id))
    db.session.commit()


def _snapshot():
    with db.engine.connect() as connection:
        return [(table, [dict(row._mapping) for row in connection.execute(table.select())])
                for table in Base.metadata.sorted_tables]


def _restore(snapshot):
    with db.engine.begin() as connection:
        for table, rows in snapshot:
            if rows:
                connection.execute(table.insert(), rows)
        if connection.dialect.name == "postgresql":  # explicit ids do not move PostgreSQL's sequences on
            moves = [f"setval(pg_get_serial_sequence('{table.name}', 'id'), {max(row['id'] for row in rows)})"
                     for table, rows in snapshot
                     if rows and "id" in table.c and table.c.id.autoincrement is not False
                     and table.c.id.type.python_type is int]
            if moves:
                connection.execute(text("SELECT " + ", ".join(moves)))  # one round trip for them all


@pytest.fixture
def world(app, database_url):
    """The demo accounts and records, plus a second carer (of demo-child-3), as ids by name."""
    from sqlalchemy import select

    from portal.models import User, YoungPerson

    with app.app_context():
        if database_url in _WORLD_ROWS:
            _restore(_WORLD_ROWS[database_url])
        else:
            _build_world()
            _WORLD_ROWS[database_url] = _snapshot()
        ids = {u.username: u.id for u in db.session.scalars(select(User))}
        ids.update({f"yp:{p.first_name}": p.id for p in db.session.scalars(select(YoungPerson))})
    return ids


CSRF = re.compile(r'name="csrf_token"[^>]*value="([^"]+)"')


def csrf_from(response):
    """The CSRF token in a page's first form."""
    return CSRF.search(response.get_data(as_text=True)).group(1)


def sign_in(client, username, password="demo-pass-2026"):
    """Sign in through the real form; returns the response to the POST."""
    page = client.get("/sign-in")
    return client.post("/sign-in", data={"username": username, "password": password,
                                         "csrf_token": csrf_from(page)})


@pytest.fixture
def signed_in(client, world):
    """A function that signs the client in as a demo user and returns the client."""
    def as_user(username):
        response = sign_in(client, username)
        assert response.status_code == 303, response.get_data(as_text=True)
        return client
    return as_user


@pytest.fixture
def check_page():
    """Checks every page a view test touches: one h1 the title starts with, labels, ids, CSRF, lang/dir."""
    return PageChecker()


# How the work is shared between pytest-xdist workers. scripts/dev.py runs `--dist loadgroup`, which
# here means WorkUnits below (xdist's own loadgroup relies on an item attribute pytest 9 no longer reads):
# the resilience run and each browser module on each database are one unit each, handed out first
# and biggest first (the resilience run takes minutes; a browser module resets its live server and
# signs its people in once). Every other test is a unit of its own, so both workers finish together:
# the apps are per worker and per database, not per file, so nothing is set up twice for that.
RESILIENCE = "tests/test_resilience_short.py"
BROWSER = "tests/browser/"


def _unit(nodeid):
    """The group a test belongs to ("path:database"), or None when it is a unit of its own."""
    path, _sep, rest = nodeid.partition("::")
    if path != RESILIENCE and not path.startswith(BROWSER):
        return None
    params = rest.partition("[")[2].rstrip("]").split("-")
    return f"{path}:{next((param for param in params if param in BACKENDS), '')}"


def pytest_xdist_make_scheduler(config, log):
    if config.getvalue("dist") != "loadgroup":
        return None  # xdist's own scheduler
    from xdist.scheduler import LoadScopeScheduling

    class WorkUnits(LoadScopeScheduling):
        """Units in the order of the collection (pytest_collection_modifyitems below), not by size."""

        def __init__(self, config, log=None):
            config.option.loadscopereorder = False
            super().__init__(config, log)

        def _split_scope(self, nodeid):
            return _unit(nodeid) or nodeid

    return WorkUnits(config, log)


# A page_markup test checks what Chromium makes of a page (axe, widths, layout). The markup does not depend
# on the database (the view tests render the same pages on both), so it runs on one: the service's own
# database, PostgreSQL, when the run has it. Journeys that store something still run on both.
MARKUP_BACKEND = BACKENDS[-1]


def _markup_elsewhere(item):
    backend = getattr(item, "callspec", None) and item.callspec.params.get("database_url")
    return item.get_closest_marker("page_markup") is not None and backend not in (None, MARKUP_BACKEND)


@pytest.hookimpl(trylast=True)  # after pytest has grouped the tests by database
def pytest_collection_modifyitems(config, items):
    """Resilience first, then browser modules (per database, most tests first), then the rest; order kept within.

    page_markup tests on a database other than MARKUP_BACKEND are deselected (pytest reports how many)."""
    elsewhere = [item for item in items if _markup_elsewhere(item)]
    if elsewhere:
        config.hook.pytest_deselected(items=elsewhere)
        items[:] = [item for item in items if not _markup_elsewhere(item)]
    units = [_unit(item.nodeid) for item in items]
    sizes = {}
    for unit in units:
        sizes[unit] = sizes.get(unit, 0) + 1
    rank = {id(item): (2, 0, "") if unit is None else (0 if unit.startswith(RESILIENCE) else 1, -sizes[unit], unit)
            for item, unit in zip(items, units, strict=True)}
    items.sort(key=lambda item: rank[id(item)])
