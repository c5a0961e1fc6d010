"""SQLAlchemy 2.0 used directly: one engine per app, one session per request."""

from flask import current_app, g, has_app_context
from sqlalchemy import bindparam, create_engine, event
from sqlalchemy.orm import Session, sessionmaker


def among(column, values):
    """`column IN (values)` as one expanding parameter.

    SQLAlchemy's `column.in_(list)` checks and wraps every value as it builds the statement: for a
    caseload of 70 that was thousands of calls per statement, on every page that lists one.
    One parameter holding the list is sent the same way (an expanding IN) without that work.
    """
    return column.in_(bindparam(None, list(values), expanding=True))


class Database:
    """Owns the engine and hands out the request's session as `db.session`."""

    def init_app(self, app):
        """Create the engine for app.config['DATABASE_URL'] and close sessions on teardown."""
        url = normalise_url(app.config["DATABASE_URL"])
        engine = create_engine(url, **_engine_options(url))
        if engine.dialect.name == "sqlite":
            event.listen(engine, "connect", _sqlite_pragmas)
        app.extensions["database"] = sessionmaker(engine, expire_on_commit=False)
        app.teardown_appcontext(self._remove)

    @property
    def engine(self):
        """The current app's engine."""
        return current_app.extensions["database"].kw["bind"]

    @property
    def session(self) -> Session:
        """The session of the current app context, created on first use."""
        if "db_session" not in g:
            g.db_session = current_app.extensions["database"]()
        return g.db_session

    def _remove(self, exc=None):
        session = g.pop("db_session", None) if has_app_context() else None
        if session is not None:
            try:
                session.close()
            except Exception:  # noqa: BLE001 (a connection the server dropped cannot be closed cleanly)
                session.invalidate()


def normalise_url(url: str) -> str:
    """Use psycopg 3 for plain postgresql:// (or Heroku-style postgres://) URLs."""
    for prefix in ("postgresql://", "postgres://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url[len(prefix):]
    return url


def _engine_options(url):
    if url.startswith("sqlite"):
        # A busy timeout makes concurrent writers wait instead of failing at once.
        return {"connect_args": {"timeout": 15, "check_same_thread": False}}
    return {"pool_pre_ping": True, "pool_size": 5, "max_overflow": 10}


def _sqlite_pragmas(dbapi_connection, _record):
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA busy_timeout=15000")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.close()
