"""Sign-in limits live in Redis when REDIS_URL is set, so separate worker processes count together."""

import os
import socket
import subprocess
import sys
import textwrap
import uuid

import pytest

from portal import create_app
from portal.config import ROOT
from tests.conftest import sign_in

REDIS_URL = os.environ.get("TEST_REDIS_URL", "redis://127.0.0.1:6379/15")

ANOTHER_WORKER = textwrap.dedent("""
    import sys
    from portal import create_app
    from tests.conftest import sign_in
    database_url, storage, username = sys.argv[1:4]
    app = create_app("test", {"DATABASE_URL": database_url, "RATELIMIT_STORAGE_URI": storage})
    print(sign_in(app.test_client(), username, password="wrong-password").status_code)
""")


def _redis_answers():
    try:
        with socket.create_connection(("127.0.0.1", 6379), timeout=1):
            return True
    except OSError:
        return False


def _other_process_tries(database_url, storage, username):
    result = subprocess.run([sys.executable, "-c", ANOTHER_WORKER, database_url, storage, username],
                            cwd=ROOT, capture_output=True, text=True, check=True, timeout=60)
    return int(result.stdout.strip().splitlines()[-1])


@pytest.mark.skipif(not _redis_answers() and not os.environ.get("CI"), reason="no Redis on 127.0.0.1:6379")
@pytest.mark.parametrize("storage,expected", [(REDIS_URL, 429), ("memory://", 401)])
def test_another_worker_process_sees_the_same_count(database_url, world, storage, expected, monkeypatch):
    # With memory storage each process counts alone: the contrast shows the test can fail. The wait is made
    # long here (it starts at 1 second) so that starting the other process cannot outlast it.
    from portal.core import sign_in_delays

    monkeypatch.setattr(sign_in_delays, "delay_after", lambda failures: 120 if failures >= 3 else 0)
    app = create_app("test", {"DATABASE_URL": database_url, "RATELIMIT_STORAGE_URI": storage,
                              "SIGN_IN_FREE_FAILURES": 3})
    username = f"nobody-{uuid.uuid4().hex[:8]}"  # a fresh counter in the shared store
    # The failures that cost nothing; after them the next try must wait, in every process sharing the store.
    for _attempt in range(3):
        assert sign_in(app.test_client(), username, password="wrong-password").status_code == 401
    assert _other_process_tries(database_url, storage, username) == expected


REDIS_DOWN = textwrap.dedent("""
    import logging, sys, uuid
    from portal import create_app
    from tests.conftest import sign_in
    warnings = []
    class Keep(logging.Handler):
        def emit(self, record):
            warnings.append(record)
    logging.getLogger("flask-limiter").addHandler(Keep(logging.WARNING))
    # Nothing listens on port 1: every Redis call fails at once.
    app = create_app("test", {"DATABASE_URL": sys.argv[1], "RATELIMIT_STORAGE_URI": "redis://127.0.0.1:1/0",
                              "SIGN_IN_LIMIT_PER_ADDRESS": "5 per 15 minutes"})
    statuses = [sign_in(app.test_client(), "demo-child").status_code]
    username = f"nobody-{uuid.uuid4().hex[:8]}"
    statuses += [sign_in(app.test_client(), username, password="wrong-password").status_code for _ in range(6)]
    print(" ".join(map(str, statuses)), len(warnings))
""")


def test_with_redis_down_people_can_still_sign_in_and_limits_count_in_the_process(database_url, world):
    # In a process of its own: the limiter's fallback state belongs to the process, as in a gunicorn worker.
    result = subprocess.run([sys.executable, "-c", REDIS_DOWN, database_url], cwd=ROOT, capture_output=True,
                            text=True, check=True, timeout=60)
    statuses, warnings = result.stdout.strip().splitlines()[-1].rsplit(" ", 1)
    # Signed in with Redis down; the limit per address still holds, counted in this process; a warning was logged.
    assert statuses.split() == ["303"] + ["401"] * 5 + ["429"]
    assert int(warnings) >= 1
