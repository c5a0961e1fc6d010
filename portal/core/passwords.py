"""Password hashing (Argon2id) and the rules a new password must meet."""

from functools import cache

from argon2 import PasswordHasher, profiles
from argon2.exceptions import InvalidHashError, VerificationError
from flask import current_app
from zxcvbn.frequency_lists import FREQUENCY_LISTS

MIN_LENGTH = 8
MAX_LENGTH = 200


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
