"""Password hashing and the common-password rule."""

import pytest

from portal import create_app
from portal.core.passwords import check_password, hash_password, is_common


@pytest.fixture
def app_context():
    """An app context (hashing reads its settings); no database is touched."""
    app = create_app("test", {"DATABASE_URL": "sqlite://"})
    with app.app_context():
        yield app


def test_a_hash_checks_against_its_own_password(app_context):
    stored = hash_password("purple otter rides trams")
    assert stored.startswith("$argon2id$")
    assert "purple" not in stored
    assert check_password(stored, "purple otter rides trams")


def test_the_same_password_hashes_differently_each_time(app_context):
    assert hash_password("purple otter rides trams") != hash_password("purple otter rides trams")


def test_a_wrong_password_does_not_check(app_context):
    stored = hash_password("purple otter rides trams")
    assert not check_password(stored, "purple otter rides tram")
    assert not check_password(stored, "Purple otter rides trams")
    assert not check_password(stored, "")


def test_no_account_means_no_match_even_for_the_dummy_password(app_context):
    assert not check_password(None, "anything at all")
    assert not check_password(None, "not-a-real-password-at-all")


def test_a_damaged_hash_does_not_check(app_context):
    assert not check_password("not an argon2 hash", "purple otter rides trams")


def test_the_production_profile_also_round_trips():
    app = create_app("test", {"DATABASE_URL": "sqlite://", "PASSWORD_HASH_PROFILE": "RFC_9106_LOW_MEMORY"})
    with app.app_context():
        stored = hash_password("purple otter rides trams")
        assert "m=65536" in stored  # the RFC 9106 low-memory profile: 64 MiB
        assert check_password(stored, "purple otter rides trams")
        assert not check_password(stored, "something else entirely")


@pytest.mark.parametrize("password", ["password", "Password", "PASSWORD", "123456", "iloveyou", "password1",
                                      " letmein ", "i love you"])
def test_common_passwords_are_spotted(password):
    assert is_common(password)


@pytest.mark.parametrize("password", ["purple otter rides trams", "demo-pass-2026", "Kettle-Marmalade-97"])
def test_a_passphrase_is_not_common(password):
    assert not is_common(password)
