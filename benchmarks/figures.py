"""Benchmark: the service's figures page with 200,000 reviews and 1,000,000 consultation answers, on PostgreSQL.

    .venv/bin/python benchmarks/figures.py [--reviews 200000] [--answers 1000000] [--escalations 50000] [--runs 7] [--keep]

It creates a migrated PostgreSQL database (`hys_bench_figures` on 127.0.0.1:5432, dropped afterwards
unless --keep), loads with COPY: 25 young people per IRO, one care episode each, 8 held reviews each
over four years (some late, with reasons), a letter for most reviews, views sent before 5 reviews in 8
with 8 answers each (so --answers / 8 consultations), support requests and safety flags; escalations
(`load_escalations`, each with its stages). Then
it times GET /figures (this reporting year, every table, exact numbers) and GET /figures/annual-report
(this year beside last, suppressed) through the Flask test client, signed in as a service manager, and
prints the medians and the SQL statements per request. Target: under 300 ms for the figures page.
"""

import argparse
import os
import random
import re
import statistics
import sys
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from sqlalchemy import create_engine, event, text  # noqa: E402

from portal import create_app, migrate  # noqa: E402
from portal.core.clock import local_today  # noqa: E402
from portal.core.passwords import hash_password  # noqa: E402
from portal.extensions import db  # noqa: E402
from portal.models import EscalationCategory, EscalationOutcome, EscalationStage, Role, User  # noqa: E402

POSTGRES_SERVER = os.environ.get("BENCH_POSTGRES_SERVER", "postgresql://postgres@127.0.0.1:5432")
POSTGRES_DATABASE = "hys_bench_figures"
TARGET_MS = 300
PASSWORD = "bench-pass-2026"
REVIEWS_EACH = 8
ANSWERS_EACH = 8
PER_IRO = 25
LATENESS = ("young_person_asked", "key_person_unavailable", "iro_unavailable", "cancelled_at_short_notice",
            "reports_not_ready", "not_known_in_time", "other")
CODES = ("PN1", "PN1", "PN1", "PN2", "PN3", "PN4", "PN5", "PN6", "PN6", "PN7")
BANDS = ("4-7", "8-11", "12-15", "16+")
LOCALES = ("en",) * 8 + ("ar", "fa", "es", "pl")


def _at(day, hour=15):
    return datetime(day.year, day.month, day.day, hour, tzinfo=UTC)


def _copy(cursor, table, columns, rows):
    with cursor.copy(f"COPY {table} ({', '.join(columns)}) FROM STDIN") as copy:
        for row in rows:
            copy.write_row(row)


def load(engine, reviews, answers, today, seed=2026):
    """Everything but escalations, with COPY; returns how many rows each table got."""
    rng = random.Random(seed)
    now = datetime.now(UTC)
    people = reviews // REVIEWS_EACH
    consultations_wanted = answers // ANSWERS_EACH
    raw = engine.raw_connection()
    made = {}
    try:
        connection = raw.driver_connection
        with connection.cursor() as cursor:
            iros = [row[0] for row in cursor.execute("SELECT id FROM users WHERE role = 'iro' ORDER BY id")]
            staff = iros[0]
            young, episodes, held, letters, consultations, answer_rows, flags = [], [], [], [], [], [], []
            review_id = consultation_id = 0
            for person in range(1, people + 1):
                born = today - timedelta(days=rng.randint(3 * 365, 17 * 365))
                young.append((person, f"YP{person}", born, iros[person % len(iros)], now))
                started = today - timedelta(days=rng.randint(4 * 365, 5 * 365))
                episodes.append((person, person, started, rng.choice(("care_order", "s20", "short_breaks")), now))
                day = started + timedelta(days=rng.randint(20, 32))
                for number in range(REVIEWS_EACH):
                    review_id += 1
                    late = day > started + timedelta(days=28) if number == 0 else rng.random() < 0.1
                    chaired = rng.choice(("chaired", "co_chaired", "no", "no", "no"))
                    held.append((review_id, person, _at(day), day, rng.choice(CODES), chaired,
                                 rng.choice(LATENESS) if late and rng.random() < 0.8 else None,
                                 rng.random() < 0.8 if number == 0 else None, now))
                    if rng.random() < 0.95:
                        published = _at(day + timedelta(days=rng.randint(3, 40)), 11)
                        letters.append((review_id, review_id, person, "published", 1, staff, staff, published, published,
                                        staff, now))
                    if consultation_id < consultations_wanted and rng.random() < 5 / 8:
                        consultation_id += 1
                        sent = _at(day - timedelta(days=rng.randint(-3, 14)), 10)
                        consultations.append((consultation_id, person, review_id, rng.choice(BANDS), 1,
                                              rng.choice(LOCALES), "sent", 1, staff,
                                              staff if rng.random() < 0.2 else None, sent, sent, now))
                        for question in range(ANSWERS_EACH):
                            answer_rows.append((consultation_id, f"q{question}", False, False, sent))
                        if rng.random() < 0.05:
                            flags.append((person, consultation_id, "home.safe", rng.choice(("urgent", "soon")), sent,
                                          sent + timedelta(hours=rng.randint(1, 60))))
                    day += timedelta(days=(90 if number == 0 else 182) + rng.randint(-20, 12))
            _copy(cursor, "young_people", ("id", "first_name", "date_of_birth", "iro_id", "created_at"), young)
            _copy(cursor, "care_episodes", ("id", "young_person_id", "started_on", "legal_status", "created_at"), episodes)
            _copy(cursor, "reviews", ("id", "young_person_id", "scheduled_for", "held_on", "participation", "chaired",
                                      "lateness_reason", "knows_why_in_care", "created_at"), held)
            _copy(cursor, "review_letters", ("id", "review_id", "young_person_id", "status", "version", "created_by_id",
                                             "updated_by_id", "updated_at", "published_at", "published_by_id",
                                             "created_at"), letters)
            _copy(cursor, "consultations", ("id", "young_person_id", "review_id", "band", "form_version", "locale",
                                            "status", "position", "started_by_id", "helped_by_id", "updated_at",
                                            "sent_at", "created_at"), consultations)
            _copy(cursor, "consultation_answers", ("consultation_id", "question_key", "skipped", "shared",
                                                   "updated_at"), answer_rows)
            _copy(cursor, "safety_flags", ("young_person_id", "consultation_id", "question_key", "level", "created_at",
                                           "actioned_at"), flags)
            requests = []
            for number in range(people // 2):
                created = _at(today - timedelta(days=rng.randint(0, 3 * 365)), rng.randint(8, 20))
                acknowledged = created + timedelta(hours=rng.randint(1, 60))
                allocated = created + timedelta(days=rng.randint(1, 12))
                requests.append((rng.randint(1, people), rng.choice(("advocate", "independent_visitor")),
                                 rng.choice(("sent", "acknowledged", "allocated", "closed", "declined", "withdrawn")),
                                 staff, f"bench-{number}", created.date() + timedelta(days=1),
                                 created.date() + timedelta(days=7), acknowledged, allocated, created, created,
                                 "", False, False, True))
            _copy(cursor, "support_requests", ("young_person_id", "kind", "status", "requested_by_id", "idempotency_key",
                                               "acknowledge_by", "allocate_by", "acknowledged_at", "allocated_at",
                                               "created_at", "updated_at", "contact_methods", "urgent", "on_behalf",
                                               "young_person_agreed"), requests)
            for table in ("young_people", "care_episodes", "reviews", "review_letters", "consultations"):
                cursor.execute(f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), (SELECT max(id) FROM {table}))")
            made = {"young people": len(young), "reviews": len(held), "letters": len(letters),
                    "consultations": len(consultations), "answers": len(answer_rows), "flags": len(flags),
                    "support requests": len(requests)}
        connection.commit()
        connection.autocommit = True
        connection.execute("VACUUM ANALYZE")
    finally:
        raw.close()
    return made


def load_escalations(engine, total, today, seed=2027):
    """`total` escalations over the last three reporting years, each with its stages, with COPY; returns how many."""
    rng = random.Random(seed)
    now = datetime.now(UTC)
    categories = [category.value for category in EscalationCategory]
    stages = [stage.value for stage in EscalationStage]
    outcomes = [outcome.value for outcome in EscalationOutcome]
    raw = engine.raw_connection()
    try:
        connection = raw.driver_connection
        with connection.cursor() as cursor:
            people = cursor.execute("SELECT max(id) FROM young_people").fetchone()[0]
            iro = cursor.execute("SELECT id FROM users WHERE role = 'iro' ORDER BY id LIMIT 1").fetchone()[0]
            escalations, steps = [], []
            for number in range(1, total + 1):
                raised = today - timedelta(days=rng.randint(0, 3 * 365))
                reached = rng.choices(range(1, len(stages) + 1), weights=(60, 25, 10, 4, 1))[0]
                asked = raised
                for stage in stages[:reached]:
                    answered = asked + timedelta(days=rng.randint(1, 9))
                    steps.append((number, stage, "Bench, manager", asked, asked + timedelta(days=7),
                                  answered if answered <= today else None, answered <= today and stage == stages[reached - 1],
                                  now))
                    asked = answered
                closed = asked + timedelta(days=rng.randint(0, 5)) if rng.random() < 0.8 else None
                closed = closed if closed and closed <= today else None
                escalations.append((number, rng.randint(1, people), iro, rng.choice(("informal", "formal")),
                                    rng.choice(categories), stages[reached - 1], raised,
                                    rng.choice(outcomes) if closed else None, closed, iro if closed else None, now))
            _copy(cursor, "escalations", ("id", "young_person_id", "raised_by_id", "kind", "category", "stage",
                                          "raised_on", "outcome", "closed_on", "closed_by_id", "created_at"), escalations)
            _copy(cursor, "escalation_steps", ("escalation_id", "stage", "asked", "asked_on", "respond_by",
                                               "responded_on", "resolved", "created_at"), steps)
            cursor.execute("SELECT setval(pg_get_serial_sequence('escalations', 'id'), (SELECT max(id) FROM escalations))")
        connection.commit()
        connection.autocommit = True
        connection.execute("VACUUM ANALYZE escalations")
        connection.execute("VACUUM ANALYZE escalation_steps")
    finally:
        raw.close()
    return total


def _median_ms(timings):
    return statistics.median(timings) * 1000


def measure(app, url, runs):
    client = app.test_client()
    page = client.get("/sign-in").get_data(as_text=True)
    token = re.search(r'name="csrf_token"[^>]*value="([^"]+)"', page).group(1)
    signed = client.post("/sign-in", data={"username": "bench-manager", "password": PASSWORD, "csrf_token": token})
    assert signed.status_code == 303, signed.status_code
    assert client.get(url).status_code == 200  # warm up
    with app.app_context():
        engine = db.engine
    statements, timings = [], []

    def record(*_args):
        statements.append(1)

    for run in range(runs):
        if run == 0:
            event.listen(engine, "before_cursor_execute", record)
        started = time.perf_counter()
        response = client.get(url)
        timings.append(time.perf_counter() - started)
        if run == 0:
            event.remove(engine, "before_cursor_execute", record)
        assert response.status_code == 200, response.status_code
    return _median_ms(timings), min(timings) * 1000, len(statements)


def slowest_statements(app, url, shown=6):
    """Each SQL statement's time for one request, slowest first: where the figures page spends its time."""
    client = app.test_client()
    token = re.search(r'name="csrf_token"[^>]*value="([^"]+)"', client.get("/sign-in").get_data(as_text=True)).group(1)
    client.post("/sign-in", data={"username": "bench-manager", "password": PASSWORD, "csrf_token": token})
    client.get(url)
    with app.app_context():
        engine = db.engine
    timings, started = [], {}

    def before(_conn, _cursor, statement, *_args):
        started[statement] = time.perf_counter()

    def after(_conn, _cursor, statement, *_args):
        timings.append(((time.perf_counter() - started.pop(statement, time.perf_counter())) * 1000, statement))

    event.listen(engine, "before_cursor_execute", before)
    event.listen(engine, "after_cursor_execute", after)
    client.get(url)
    event.remove(engine, "before_cursor_execute", before)
    event.remove(engine, "after_cursor_execute", after)
    for took, statement in sorted(timings, reverse=True)[:shown]:
        print(f"   {took:7.1f} ms  {' '.join(statement.split())[:160]}")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reviews", type=int, default=200_000)
    parser.add_argument("--answers", type=int, default=1_000_000)
    parser.add_argument("--escalations", type=int, default=50_000)
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--keep", action="store_true", help="keep the PostgreSQL database afterwards")
    parser.add_argument("--reuse", action="store_true", help="measure again on a database kept by --keep")
    parser.add_argument("--statements", action="store_true", help="with --reuse: the slowest statements of /figures")
    args = parser.parse_args()
    server = create_engine(f"{POSTGRES_SERVER}/postgres".replace("postgresql://", "postgresql+psycopg://"),
                           isolation_level="AUTOCOMMIT")
    if args.reuse:
        app = create_app("test", {"DATABASE_URL": f"{POSTGRES_SERVER}/{POSTGRES_DATABASE}"})
        if args.statements:
            slowest_statements(app, "/figures")
            return
        for url in ("/figures", "/figures/annual-report"):
            median, fastest, statements = measure(app, url, args.runs)
            print(f"   GET {url:<24} median {median:7.1f} ms (fastest {fastest:.1f} ms), {statements} SQL statements")
        return
    with server.connect() as connection:
        connection.execute(text(f"DROP DATABASE IF EXISTS {POSTGRES_DATABASE} WITH (FORCE)"))
        connection.execute(text(f"CREATE DATABASE {POSTGRES_DATABASE}"))
    try:
        app = create_app("test", {"DATABASE_URL": f"{POSTGRES_SERVER}/{POSTGRES_DATABASE}"})
        with app.app_context():
            migrate.upgrade()
            db.session.add(User(username="bench-manager", role=Role.MANAGER, display_name="Bench Manager",
                                password_hash=hash_password(PASSWORD)))
            iros = max(1, args.reviews // REVIEWS_EACH // PER_IRO // 40)
            db.session.add_all([User(username=f"bench-iro-{n}", role=Role.IRO, display_name=f"IRO {n:03d}",
                                     password_hash="x") for n in range(iros)])
            db.session.commit()
            today = local_today()
            print(f"Figures benchmark, {today:%d %B %Y}: loading ...", flush=True)
            started = time.perf_counter()
            made = load(db.engine, args.reviews, args.answers, today)
            escalations = load_escalations(db.engine, args.escalations, today)
            print(f"   loaded in {time.perf_counter() - started:.1f} s: "
                  + ", ".join(f"{number:,} {name}" for name, number in made.items())
                  + f", {escalations:,} escalations")
            db.engine.dispose()
        results = {}
        for name, url in (("figures page", "/figures"), ("annual report", "/figures/annual-report")):
            median, fastest, statements = measure(app, url, args.runs)
            results[name] = median
            print(f"   GET {url:<24} median {median:7.1f} ms (fastest {fastest:.1f} ms), {statements} SQL statements")
        verdict = "met" if results["figures page"] < TARGET_MS else "NOT met"
        print(f"   Target: figures page under {TARGET_MS} ms on PostgreSQL: {verdict}.")
        with app.app_context():
            db.engine.dispose()
    finally:
        if not args.keep:
            with server.connect() as connection:
                connection.execute(text(f"DROP DATABASE IF EXISTS {POSTGRES_DATABASE} WITH (FORCE)"))
        server.dispose()


if __name__ == "__main__":
    main()
