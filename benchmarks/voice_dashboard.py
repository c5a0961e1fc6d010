"""Benchmark: the council dashboard's server time with 1,000,000 contributions, on SQLite and PostgreSQL.

    .venv/bin/python benchmarks/voice_dashboard.py [--rows 1000000] [--runs 9] [--sqlite-only | --postgresql-only]

For each database it creates an empty, migrated database (SQLite: a file in a temporary folder;
PostgreSQL: a database it creates and drops, `hys_bench` on 127.0.0.1:5432, never `test`), loads
the contributions in bulk (COPY on PostgreSQL, executemany batches on SQLite), spread over the
last 36 months, with 1 to 3 themes each (about 1.6 on average), then times the default dashboard
view (last 12 months, by month, every theme and age):

- the service function that builds the dashboard data (portal.voice.dashboard.build), and
- a full request for /council through the Flask test client, signed in as a council member,

several times each, and prints the medians (and the SQL statements per request). Target: under
300 ms for the default view on PostgreSQL.
"""

import argparse
import os
import random
import re
import statistics
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from sqlalchemy import create_engine, event, text  # noqa: E402

from portal import create_app, migrate  # noqa: E402
from portal.core.clock import local_today  # noqa: E402
from portal.core.passwords import hash_password  # noqa: E402
from portal.extensions import db  # noqa: E402
from portal.models import Role, User  # noqa: E402
from portal.models.encryption import encrypt  # noqa: E402
from portal.models.voice import new_token  # noqa: E402
from portal.voice import dashboard  # noqa: E402
from portal.voice.dashboard import add_months  # noqa: E402
from portal.voice.themes import Theme  # noqa: E402

POSTGRES_SERVER = os.environ.get("BENCH_POSTGRES_SERVER", "postgresql://postgres@127.0.0.1:5432")
POSTGRES_DATABASE = "hys_bench"
TARGET_MS = 300
BATCH = 50_000
MONTHS = 36
BANDS = (("4-7", 5), ("8-11", 20), ("12-15", 35), ("16+", 40))
THEMES = [theme.value for theme in Theme]
LANGUAGES = (("en", 85), ("ar", 8), ("es", 7))
STATUSES = (("no_text", 45), ("approved", 35), ("rejected", 5), ("pending", 15))
PASSWORD = "bench-pass-2026"


def _weighted(pairs, count, rng):
    values, weights = zip(*pairs, strict=True)
    return rng.choices(values, weights=weights, k=count)


def rows(total, today, seed=2026):
    """Batches of (contribution rows, theme rows), generated reproducibly."""
    rng = random.Random(seed)
    newest = today.replace(day=1)
    periods = [add_months(newest, -m) for m in range(MONTHS)]
    texts = [encrypt(f"Sample words number {n} about what matters to a young person.") for n in range(500)]
    made = 0
    while made < total:
        size = min(BATCH, total - made)
        bands = _weighted(BANDS, size, rng)
        languages = _weighted(LANGUAGES, size, rng)
        statuses = _weighted(STATUSES, size, rng)
        contributions, themes = [], []
        for index in range(size):
            token = new_token()
            period = rng.choice(periods)
            status = statuses[index]
            words = None if status == "no_text" else rng.choice(texts)
            contributions.append((token, "direct", period, bands[index], languages[index], words,
                                  words if status == "approved" else None, status))
            for theme in rng.sample(THEMES, rng.choice((1, 1, 2, 3))):
                themes.append((token, theme, period, bands[index]))
        made += size
        yield contributions, themes


CONTRIBUTION_COLUMNS = "token, source, period, age_band, language, text, redacted, status"
THEME_COLUMNS = "contribution_token, theme, period, age_band"


def load_postgresql(engine, total, today):
    raw = engine.raw_connection()
    try:
        connection = raw.driver_connection
        with connection.cursor() as cursor:
            for contributions, themes in rows(total, today):
                with cursor.copy(f"COPY contributions ({CONTRIBUTION_COLUMNS}) FROM STDIN") as copy:
                    for row in contributions:
                        copy.write_row(row)
                with cursor.copy(f"COPY contribution_themes ({THEME_COLUMNS}) FROM STDIN") as copy:
                    for row in themes:
                        copy.write_row(row)
        connection.commit()
        connection.autocommit = True
        connection.execute("VACUUM ANALYZE contributions")
        connection.execute("VACUUM ANALYZE contribution_themes")
    finally:
        raw.close()


def load_sqlite(engine, total, today):
    raw = engine.raw_connection()
    try:
        cursor = raw.cursor()
        for contributions, themes in rows(total, today):
            cursor.executemany(f"INSERT INTO contributions ({CONTRIBUTION_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                               [(*row[:2], row[2].isoformat(), *row[3:]) for row in contributions])
            cursor.executemany(f"INSERT INTO contribution_themes ({THEME_COLUMNS}) VALUES (?, ?, ?, ?)",
                               [(row[0], row[1], row[2].isoformat(), row[3]) for row in themes])
            raw.commit()
        cursor.execute("ANALYZE")
        raw.commit()
    finally:
        raw.close()


def _median_ms(timings):
    return statistics.median(timings) * 1000


def measure(app, runs):
    """Median milliseconds of the service function and of a full request, and SQL statements per request."""
    with app.test_request_context("/council"):
        filters = dashboard.default_filters(local_today())
        dashboard.build(filters)  # warm up
        service = []
        for _ in range(runs):
            started = time.perf_counter()
            built = dashboard.build(filters)
            service.append(time.perf_counter() - started)
        counted = sum(1 for row in built.row_totals if not row.suppressed and row.value)
    client = app.test_client()
    page = client.get("/sign-in").get_data(as_text=True)
    token = re.search(r'name="csrf_token"[^>]*value="([^"]+)"', page).group(1)
    signed = client.post("/sign-in", data={"username": "bench-council", "password": PASSWORD, "csrf_token": token})
    assert signed.status_code == 303, signed.status_code
    assert client.get("/council").status_code == 200  # warm up
    with app.app_context():
        engine = db.engine
    statements = []

    def record(*_args):
        statements.append(1)

    requests = []
    for run in range(runs):
        if run == 0:
            event.listen(engine, "before_cursor_execute", record)
        started = time.perf_counter()
        response = client.get("/council")
        requests.append(time.perf_counter() - started)
        if run == 0:
            event.remove(engine, "before_cursor_execute", record)
        assert response.status_code == 200
    return _median_ms(service), _median_ms(requests), len(statements), min(service) * 1000, min(requests) * 1000, counted


def prepare(url, total):
    app = create_app("test", {"DATABASE_URL": url})
    with app.app_context():
        migrate.upgrade()
        db.session.add(User(username="bench-council", role=Role.COUNCIL, display_name="Bench Council",
                            password_hash=hash_password(PASSWORD)))
        db.session.commit()
        today = local_today()
        started = time.perf_counter()
        if db.engine.dialect.name == "postgresql":
            load_postgresql(db.engine, total, today)
        else:
            load_sqlite(db.engine, total, today)
        loaded = time.perf_counter() - started
        counts = db.session.execute(text("SELECT (SELECT count(*) FROM contributions), "
                                         "(SELECT count(*) FROM contribution_themes)")).one()
    return app, loaded, counts


def run_one(name, url, total, runs):
    print(f"\n== {name}: loading {total:,} contributions ...", flush=True)
    app, loaded, (contributions, themes) = prepare(url, total)
    print(f"   loaded {contributions:,} contributions and {themes:,} theme rows in {loaded:.1f} s", flush=True)
    service, request, statements, best_service, best_request, _rows = measure(app, runs)
    with app.app_context():
        db.engine.dispose()
    print(f"   default view (last 12 months, by month, every theme and age), median of {runs} runs:")
    print(f"     service function dashboard.build(): {service:8.1f} ms  (fastest {best_service:.1f} ms)")
    print(f"     full request GET /council:          {request:8.1f} ms  (fastest {best_request:.1f} ms)")
    print(f"     SQL statements per request:         {statements:8d}")
    return {"service": service, "request": request, "statements": statements}


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--runs", type=int, default=9)
    parser.add_argument("--sqlite-only", action="store_true")
    parser.add_argument("--postgresql-only", action="store_true")
    parser.add_argument("--keep", action="store_true", help="keep the PostgreSQL database afterwards")
    args = parser.parse_args()
    results = {}
    print(f"Council dashboard benchmark: {args.rows:,} contributions, {date.today():%d %B %Y}")
    if not args.postgresql_only:
        with tempfile.TemporaryDirectory(prefix="hys-bench-") as folder:
            results["SQLite"] = run_one("SQLite", f"sqlite:///{folder}/bench.sqlite3", args.rows, args.runs)
    if not args.sqlite_only:
        server = create_engine(f"{POSTGRES_SERVER}/postgres".replace("postgresql://", "postgresql+psycopg://"),
                               isolation_level="AUTOCOMMIT")
        with server.connect() as connection:
            connection.execute(text(f"DROP DATABASE IF EXISTS {POSTGRES_DATABASE}"))
            connection.execute(text(f"CREATE DATABASE {POSTGRES_DATABASE}"))
        try:
            results["PostgreSQL"] = run_one("PostgreSQL", f"{POSTGRES_SERVER}/{POSTGRES_DATABASE}", args.rows, args.runs)
        finally:
            if not args.keep:
                with server.connect() as connection:
                    connection.execute(text(f"DROP DATABASE IF EXISTS {POSTGRES_DATABASE} WITH (FORCE)"))
            server.dispose()
    print("\n== Summary (median ms: service function / full request)")
    for name, result in results.items():
        print(f"   {name:<11} {result['service']:8.1f} / {result['request']:8.1f}   ({result['statements']} SQL statements)")
    if "PostgreSQL" in results:
        verdict = "met" if results["PostgreSQL"]["request"] < TARGET_MS else "NOT met"
        print(f"   Target: under {TARGET_MS} ms for the default view on PostgreSQL: {verdict}.")


if __name__ == "__main__":
    main()
