"""Slowing down wrong passwords without ever locking a child out.

Failures are counted per account *and* address: somebody who knows a child's username cannot keep
the child out from another device, and a correct password from an address that has not failed
always signs in. From the FREE_FAILURES-th failure on, each failure makes that account-and-address
wait before the next try, doubling (1, 2, 4 ... seconds) up to a cap; a success clears it.

Counts live in the rate limiter's storage (Redis in production, so all workers count together).
When that storage does not answer, nobody is slowed down: signing in matters more than the delay.
"""

import hashlib
import logging
import math
import time

from flask import current_app, request

from portal.extensions import limiter
from portal.models.people import normalise_username

log = logging.getLogger(__name__)

# The clock; tests replace it to step through time.
clock = time.time


def key_for(purpose: str, username: str, address: str | None = None) -> str:
    """A storage key for this account and address (hashed: usernames never appear in Redis)."""
    address = address if address is not None else (request.remote_addr or "")
    material = f"{purpose}\0{normalise_username(username)[:100]}\0{address}".encode()
    return "delay:" + hashlib.sha256(material).hexdigest()[:40]


def delay_after(failures: int) -> int:
    """Seconds to wait after this many failures in a row: 0 at first, then 1, 2, 4 ... up to the cap."""
    free = current_app.config["SIGN_IN_FREE_FAILURES"]
    if failures < free:
        return 0
    return min(2 ** (failures - free), current_app.config["SIGN_IN_DELAY_CAP_SECONDS"])


def _storage():
    return limiter.storage


def seconds_to_wait(key: str) -> int:
    """How long this account-and-address must still wait before its next try (0: go ahead)."""
    try:
        until = _storage().get(key + ":until")
    except Exception:  # noqa: BLE001 (storage down: never stop a sign-in)
        log.warning("sign-in delay storage unavailable", exc_info=True)
        return 0
    return max(0, math.ceil(until - clock())) if until else 0


def failed(key: str) -> int:
    """Count a failure; returns the seconds to wait before the next try."""
    window = current_app.config["SIGN_IN_FAILURE_WINDOW_SECONDS"]
    try:
        storage = _storage()
        failures = storage.incr(key + ":count", window)
        wait = delay_after(failures)
        if wait:
            # The key holds the moment the wait ends (an integer, as counters are); it expires soon after.
            storage.clear(key + ":until")
            storage.incr(key + ":until", wait + 1, amount=math.ceil(clock() + wait))
        return wait
    except Exception:  # noqa: BLE001
        log.warning("sign-in delay storage unavailable", exc_info=True)
        return 0


def succeeded(key: str) -> None:
    """A right answer clears the count for this account and address."""
    try:
        _storage().clear(key + ":count")
        _storage().clear(key + ":until")
    except Exception:  # noqa: BLE001
        log.warning("sign-in delay storage unavailable", exc_info=True)
