"""The two-step sign-in rules (portal.core.two_factor) and the sign-in delays (portal.core.sign_in_delays),
without HTTP."""

import pyotp
import pytest
from sqlalchemy import select

from portal.core import sign_in_delays, two_factor
from portal.extensions import db
from portal.models import User

NOW = 1_800_000_000.0


@pytest.fixture
def iro(app, world, monkeypatch):
    """demo-iro with two-step sign-in switched on at NOW; yields (user, secret, recovery codes)."""
    monkeypatch.setattr(two_factor, "clock", lambda: NOW)
    with app.test_request_context():
        user = db.session.scalar(select(User).where(User.username == "demo-iro"))
        secret = two_factor.new_secret()
        codes = two_factor.confirm_setup(user, secret, pyotp.TOTP(secret).at(NOW))
        yield user, secret, codes


def _at(monkeypatch, moment):
    monkeypatch.setattr(two_factor, "clock", lambda: moment)


def test_a_wrong_first_code_does_not_switch_it_on(app, world, monkeypatch):
    _at(monkeypatch, NOW)
    with app.test_request_context():
        user = db.session.scalar(select(User).where(User.username == "demo-admin"))
        secret = two_factor.new_secret()
        wrong = f"{(int(pyotp.TOTP(secret).at(NOW)) + 1) % 10**6:06d}"
        assert two_factor.confirm_setup(user, secret, wrong) is None
        assert not user.has_two_step


def test_setting_up_gives_ten_different_recovery_codes(iro):
    user, _secret, codes = iro
    assert user.has_two_step and len(set(codes)) == 10


def test_a_code_is_accepted_once_and_never_an_earlier_one(iro, monkeypatch):
    user, secret, _codes = iro
    totp = pyotp.TOTP(secret)
    assert not two_factor.verify_code(user, totp.at(NOW))  # the set-up code itself
    _at(monkeypatch, NOW + 30)
    assert two_factor.verify_code(user, totp.at(NOW + 30))
    assert not two_factor.verify_code(user, totp.at(NOW + 30))
    _at(monkeypatch, NOW + 60)
    assert not two_factor.verify_code(user, totp.at(NOW + 30))  # older than the last one used


def test_codes_from_the_step_before_or_after_are_accepted_but_not_further(iro, monkeypatch):
    user, secret, _codes = iro
    totp = pyotp.TOTP(secret)
    _at(monkeypatch, NOW + 300)
    assert not two_factor.verify_code(user, totp.at(NOW + 240))
    assert two_factor.verify_code(user, totp.at(NOW + 330))
    _at(monkeypatch, NOW + 600)
    assert not two_factor.verify_code(user, totp.at(NOW + 660))


def test_recovery_codes_work_once_in_any_case_and_with_or_without_the_dash(iro):
    user, _secret, codes = iro
    assert two_factor.check_second_step(user, codes[0].lower())
    assert not two_factor.check_second_step(user, codes[0])
    assert two_factor.check_second_step(user, codes[1].replace("-", " "))
    assert two_factor.recovery_codes_left(user) == 8
    assert not two_factor.check_second_step(user, "ABCDE-FGHJK")


def test_an_admin_reset_switches_it_off_and_ends_sessions(iro):
    user, _secret, codes = iro
    token = user.session_token
    two_factor.reset(user)
    db.session.commit()
    assert not user.has_two_step and user.session_token != token
    assert two_factor.recovery_codes_left(user) == 0
    assert not two_factor.check_second_step(user, codes[2])


def test_the_qr_code_is_data_not_markup(iro):
    user, secret, _codes = iro
    qr = two_factor.qr_code(user, secret)
    assert (qr["size"] - 8 - 21) % 4 == 0  # a QR version's modules, and the quiet zone
    assert set(qr["path"]) <= set("Mhvz0123456789- ")


def test_a_sealed_secret_comes_back_and_anything_else_is_refused(app):
    with app.app_context():
        secret = two_factor.new_secret()
        assert two_factor.unseal(two_factor.seal(secret)) == secret
        assert two_factor.unseal("not-encrypted") is None and two_factor.unseal(None) is None


@pytest.mark.parametrize("free,cap,expected", [
    (3, 60, [0, 0, 1, 2, 4, 8, 16, 32, 60, 60]),
    (1, 5, [1, 2, 4, 5, 5, 5, 5, 5, 5, 5]),
])
def test_the_delay_doubles_after_the_free_failures_up_to_the_cap(app, free, cap, expected):
    app.config.update(SIGN_IN_FREE_FAILURES=free, SIGN_IN_DELAY_CAP_SECONDS=cap)
    with app.app_context():
        assert [sign_in_delays.delay_after(n) for n in range(1, 11)] == expected


def test_delays_are_kept_per_account_and_address(app):
    with app.test_request_context():
        keys = {sign_in_delays.key_for("sign-in", name, address) for name in ("Demo-Child", "demo-child ")
                for address in ("198.51.100.7",)}
        assert len(keys) == 1  # the username as typed, normalised
        assert sign_in_delays.key_for("sign-in", "demo-child", "203.0.113.9") not in keys
        assert "demo-child" not in keys.pop()


def test_a_storage_that_does_not_answer_slows_nobody(app, monkeypatch):
    class Broken:
        def __getattr__(self, name):
            raise ConnectionError("redis is down")

    monkeypatch.setattr(sign_in_delays, "_storage", Broken)
    with app.test_request_context():
        key = sign_in_delays.key_for("sign-in", "demo-child")
        assert sign_in_delays.failed(key) == 0
        assert sign_in_delays.seconds_to_wait(key) == 0
