"""Password hashing (Argon2id) and the rules a new password must meet (NIST SP 800-63B), in one place.

The rules apply whenever a password is set (joining, changing, resetting), never at sign-in: an
existing password keeps working. A refusal says why in plain words and suggests three random words.
"""

import secrets
import unicodedata
from functools import cache
from itertools import pairwise
from pathlib import Path

from argon2 import PasswordHasher, profiles
from argon2.exceptions import InvalidHashError, VerificationError
from flask import current_app
from flask_babel import gettext as _
from zxcvbn import zxcvbn
from zxcvbn.frequency_lists import FREQUENCY_LISTS

MIN_LENGTH = 8
STAFF_MIN_LENGTH = 12
MAX_LENGTH = 200
MIN_SCORE = 3  # zxcvbn: 3 is "safely unguessable: moderate protection from offline attacks"
# zxcvbn's time grows with length; past this many characters a password is long enough to score on its start.
SCORED_LENGTH = 64
WORDS_FILE = Path(__file__).with_name("words.txt")
# Characters that show nothing: format characters (zero-width space, joiners, direction marks), controls,
# separators and unassigned or private code points.
INVISIBLE_CATEGORIES = {"Cf", "Cc", "Cs", "Co", "Cn", "Zs", "Zl", "Zp", "Mn", "Me"}


@cache
def _hasher(profile: str) -> PasswordHasher:
    return PasswordHasher.from_parameters(getattr(profiles, profile))


def _current_hasher() -> PasswordHasher:
    # RFC 9106's low-memory profile in service; the test suite uses a cheap one (see TestConfig).
    return _hasher(current_app.config["PASSWORD_HASH_PROFILE"])


@cache
def _dummy_hash(profile: str) -> str:
    return _hasher(profile).hash("not-a-real-password-at-all")


def hash_password(password: str) -> str:
    """An Argon2id hash of the password."""
    return _current_hasher().hash(password)


def check_password(stored_hash: str | None, password: str) -> bool:
    """True when the password matches; spends the same effort when there is no account."""
    hasher = _current_hasher()
    try:
        # Hashing a dummy keeps sign-in time the same whether or not the account exists.
        return hasher.verify(stored_hash or _dummy_hash(current_app.config["PASSWORD_HASH_PROFILE"]),
                             password) and stored_hash is not None
    except (VerificationError, InvalidHashError):
        return False


@cache
def _common_passwords() -> frozenset[str]:
    # The 30,000 most common passwords from zxcvbn's published list.
    return frozenset(FREQUENCY_LISTS["passwords"])


def is_common(password: str) -> bool:
    """True when the password is one of the most common, ignoring case and spaces."""
    squeezed = password.strip().lower()
    return squeezed in _common_passwords() or squeezed.replace(" ", "") in _common_passwords()


def min_length(staff: bool) -> int:
    """The shortest password allowed: longer for staff, whose accounts open many children's records."""
    return STAFF_MIN_LENGTH if staff else MIN_LENGTH


def _only_invisible(password: str) -> bool:
    return all(unicodedata.category(ch) in INVISIBLE_CATEGORIES or ch.isspace() for ch in password)


def _longest_run(password: str) -> int:
    """The longest stretch of one character repeated or a steady sequence (aaaa, 1234, dcba, 2468)."""
    longest = current = 1
    step = None
    for previous, ch in pairwise(password):
        difference = ord(ch) - ord(previous)
        if abs(difference) <= 2 and (step is None or difference == step):
            current += 1
            step = difference
        elif abs(difference) <= 2:
            current, step = 2, difference
        else:
            current, step = 1, None
        longest = max(longest, current)
    return longest


def _repeats_a_short_unit(password: str) -> bool:
    """True when the password is a few characters said again and again (12341234, abcabcabc, horsehorse)."""
    size = len(password)
    for unit in range(1, size // 2 + 1):
        if all(password[i] == password[i % unit] for i in range(size)):
            return True
    return False


def is_mostly_a_run(password: str) -> bool:
    """True when most of the password is one repeated or sequential run, or one unit repeated."""
    squeezed = "".join(password.split()).casefold()
    if not squeezed:
        return False
    return _repeats_a_short_unit(squeezed) or _longest_run(squeezed) * 2 >= len(squeezed)


def strength(password: str, user_inputs) -> int:
    """zxcvbn's score (0 to 4) given words the person or service brings to mind (username, service name)."""
    inputs = [str(value) for value in user_inputs if value]
    return zxcvbn(password[:SCORED_LENGTH], user_inputs=inputs)["score"]


def problem_with(password: str, *, username: str | None, staff: bool) -> str | None:
    """Why a new password cannot be used, in plain translated words, or None when it is fine."""
    password = password or ""
    shortest = min_length(staff)
    if _only_invisible(password):
        return _("Your password is only spaces or characters that cannot be seen. Use letters, numbers or words.")
    if len(password) < shortest:
        return _("Your password needs at least %(number)s characters.", number=shortest)
    if len(password) > MAX_LENGTH:
        return _("Passwords are 200 characters or fewer")
    if is_mostly_a_run(password):
        return _("Your password is mostly the same thing repeated, or a simple sequence like 1234 or abcd. "
                 "That is easy to guess.")
    if username and unicodedata.normalize("NFKC", password).strip().casefold() == \
            unicodedata.normalize("NFKC", username).strip().casefold():
        return _("Your password must be different from your username")
    service = current_app.config.get("SERVICE_NAME") or ""
    context = [username, service, "".join(service.split()), *service.split()]
    if is_common(password) or strength(password, context) < MIN_SCORE:
        return _("That password is too easy to guess: it is a common password or word, a name or date, "
                 "or too close to your username or this website's name.")
    return None


@cache
def words() -> tuple[str, ...]:
    """The small list of simple words that suggested passwords are made from."""
    lines = WORDS_FILE.read_text(encoding="utf-8").splitlines()
    return tuple(line.strip() for line in lines if line.strip() and not line.startswith("#"))


def suggest(chooser=None) -> str:
    """Three random words, such as "otter lantern pumpkin". `chooser` (a random.Random) makes tests repeatable."""
    chooser = chooser or current_app.extensions.get("password_suggestion_random") or secrets.SystemRandom()
    return " ".join(chooser.sample(words(), 3))


def refusal(password: str, *, username: str | None, staff: bool, chooser=None) -> str | None:
    """The whole message for a refused password: why, and three random words to try instead; None if fine."""
    problem = problem_with(password, username=username, staff=staff)
    if problem is None:
        return None
    return _("%(problem)s Try three random words instead, like: %(words)s", problem=problem,
             words=suggest(chooser))
