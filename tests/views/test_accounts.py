"""Keeping an account: changing and resetting passwords, two-step sign-in for staff, and what admins can undo."""

import random
import re
from datetime import timedelta

import pyotp
import pytest
from sqlalchemy import select, text, update

from portal.core import two_factor
from portal.extensions import db
from portal.models import AuditEvent, OutboxMessage, PasswordReset, RecoveryCode, Role, User
from portal.models.base import utcnow
from tests.conftest import csrf_from, sign_in

NEW = "purple otter rides trams"
CODE = re.compile(r'<p class="code"[^>]*>([A-Z0-9-]+)</p>')
SECRET = re.compile(r'id="totp-secret">([A-Z2-7 ]+)<')


def post(client, url, data):
    page = client.get(url)
    token = csrf_from(page if page.status_code == 200 else client.get("/get-help"))
    return client.post(url, data={"csrf_token": token, **data})


def user(app, username):
    with app.app_context():
        found = db.session.scalar(select(User).where(User.username == username))
        db.session.expunge(found)
        return found


@pytest.fixture
def seeded(app):
    """Suggested words are the same every run."""
    app.extensions["password_suggestion_random"] = random.Random(5)
    return app


# Changing a password

def test_changing_a_password_ends_every_other_session_and_keeps_this_one(app, world, signed_in, check_page):
    client = signed_in("demo-child")
    other_device = app.test_client()
    sign_in(other_device, "demo-child")
    check_page(client.get("/account/password"))
    response = post(client, "/account/password", {"current_password": "demo-pass-2026", "password": NEW,
                                                  "password_confirm": NEW})
    assert response.status_code == 303 and response.headers["Location"] == "/account"
    assert client.get("/home").status_code == 200
    assert other_device.get("/home").status_code == 302
    fresh = app.test_client()
    assert sign_in(fresh, "demo-child").status_code == 401
    assert sign_in(fresh, "demo-child", password=NEW).status_code == 303


def test_changing_needs_the_password_used_now(world, signed_in, check_page):
    client = signed_in("demo-carer")
    response = post(client, "/account/password", {"current_password": "not-it-at-all", "password": NEW,
                                                  "password_confirm": NEW})
    check_page(response, status=400)
    assert "That is not the password you use now" in response.get_data(as_text=True)


@pytest.mark.parametrize("username", ["demo-child", "demo-iro"])
@pytest.mark.parametrize("weak", ["aaaaaaaa", "12341234", "Summer2026", "haveyoursay", "\u200b" * 8])
def test_weak_new_passwords_are_refused_with_why_and_three_words(seeded, world, signed_in, check_page, username, weak):
    client = signed_in(username)
    response = post(client, "/account/password", {"current_password": "demo-pass-2026", "password": weak,
                                                  "password_confirm": weak})
    check_page(response, status=400)
    body = response.get_data(as_text=True)
    assert "Try three random words instead, like: " in body
    words = re.search(r"like: ([a-z]+ [a-z]+ [a-z]+)", body).group(1).split()
    assert len(words) == 3


def test_the_suggestion_is_the_same_with_the_same_random_source(app, world):
    bodies = []
    for _ in range(2):
        app.extensions["password_suggestion_random"] = random.Random(42)
        client = app.test_client()
        sign_in(client, "demo-child")
        bodies.append(re.search(r"like: ([a-z ]+)", post(client, "/account/password", {
            "current_password": "demo-pass-2026", "password": "aaaaaaaa", "password_confirm": "aaaaaaaa",
        }).get_data(as_text=True)).group(1))
    assert bodies[0] == bodies[1]


def test_the_demo_password_still_signs_in(world, client):
    """The rules apply when a password is set, never at sign-in."""
    assert sign_in(client, "demo-child").status_code == 303


# Joining

def _join(app, client, role, **extra):
    with app.app_context():
        from portal.core.invitations import create_invitation

        code = create_invitation(role=role, display_name="New Person", created_by=None, **extra)
        db.session.commit()
    assert post(client, "/join", {"code": code}).status_code == 303


def test_joining_refuses_a_weak_password(app, world, client, check_page):
    _join(app, client, Role.CARER)
    response = post(client, "/join/account", {"username": "new-carer", "password": "12341234",
                                               "password_confirm": "12341234"})
    check_page(response, status=400)
    assert "mostly the same thing repeated" in response.get_data(as_text=True)


def test_staff_joining_need_12_characters(app, world, client, check_page):
    _join(app, client, Role.IRO)
    response = post(client, "/join/account", {"username": "new-iro", "password": "otter lamp",
                                               "password_confirm": "otter lamp"})
    check_page(response, status=400)
    assert "at least 12 characters" in response.get_data(as_text=True)
    response = post(client, "/join/account", {"username": "new-iro", "password": NEW, "password_confirm": NEW})
    assert response.status_code == 303


def test_staff_joining_when_two_step_is_required_set_it_up_before_anything_else(app, world, client):
    app.config["STAFF_TWO_FACTOR"] = "required"
    _join(app, client, Role.IRO)
    response = post(client, "/join/account", {"username": "new-iro", "password": NEW, "password_confirm": NEW})
    assert response.headers["Location"] == "/sign-in/two-step/set-up"
    assert client.get("/home").status_code == 302


# Reset codes for young people and carers

def _make_code(client, user_id):
    response = post(client, f"/reset-codes/{user_id}", {})
    assert response.status_code == 200, response.status_code
    return CODE.search(response.get_data(as_text=True)).group(1)


def test_a_child_resets_with_the_code_their_iro_made(app, world, signed_in, check_page):
    iro = signed_in("demo-iro")
    code = _make_code(iro, world["demo-child"])
    child_elsewhere = app.test_client()
    sign_in(child_elsewhere, "demo-child")
    client = app.test_client()
    check_page(client.get("/forgot-password"))
    response = post(client, "/forgot-password", {"username": "Demo-Child", "code": code.lower(), "password": NEW,
                                                 "password_confirm": NEW})
    assert response.status_code == 303 and response.headers["Location"] == "/sign-in"
    assert sign_in(app.test_client(), "demo-child", password=NEW).status_code == 303
    assert child_elsewhere.get("/home").status_code == 302  # every session ended
    # Single use.
    again = post(app.test_client(), "/forgot-password", {"username": "demo-child", "code": code,
                                                          "password": "another fine password",
                                                          "password_confirm": "another fine password"})
    check_page(again, status=400)
    assert "reset code is not right" in again.get_data(as_text=True)


def test_a_code_works_only_with_its_own_username(app, world, signed_in, check_page):
    code = _make_code(signed_in("demo-iro"), world["demo-child"])
    response = post(app.test_client(), "/forgot-password", {"username": "demo-child-2", "code": code, "password": NEW,
                                                            "password_confirm": NEW})
    check_page(response, status=400)
    assert sign_in(app.test_client(), "demo-child-2", password=NEW).status_code == 401


def test_an_old_reset_code_no_longer_works(app, world, signed_in):
    code = _make_code(signed_in("demo-iro"), world["demo-child"])
    with app.app_context():
        db.session.execute(update(PasswordReset).values(expires_at=utcnow() - timedelta(seconds=1)))
        db.session.commit()
    response = post(app.test_client(), "/forgot-password", {"username": "demo-child", "code": code, "password": NEW,
                                                            "password_confirm": NEW})
    assert response.status_code == 400


def test_a_new_code_replaces_the_last_one(app, world, signed_in):
    iro = signed_in("demo-iro")
    first = _make_code(iro, world["demo-child"])
    _make_code(iro, world["demo-child"])
    response = post(app.test_client(), "/forgot-password", {"username": "demo-child", "code": first, "password": NEW,
                                                            "password_confirm": NEW})
    assert response.status_code == 400


def test_only_a_digest_of_the_code_is_stored(app, world, signed_in):
    code = _make_code(signed_in("demo-iro"), world["demo-child"])
    with app.app_context():
        stored = db.session.scalar(select(PasswordReset.secret_hash))
    assert code.replace("-", "") not in stored and len(stored) == 64


def test_an_iro_makes_codes_for_their_caseload_and_its_carers_only(app, world, signed_in):
    iro = signed_in("demo-iro")
    _make_code(iro, world["demo-carer"])  # Jordan's and Sam's carer
    for other in ("demo-carer-2", "demo-iro-2", "demo-admin"):  # Casey's carer is not on this caseload; staff never
        assert post(iro, f"/reset-codes/{world[other]}", {}).status_code == 404, other


def test_an_admin_makes_codes_for_any_young_person_or_carer_but_not_staff(app, world, signed_in):
    admin = signed_in("demo-admin")
    _make_code(admin, world["demo-carer-2"])
    assert post(admin, f"/reset-codes/{world['demo-iro']}", {}).status_code == 404


# Reset links for staff

def _reset_link(app, username="demo-iro"):
    response = post(app.test_client(), "/forgot-password/staff", {"username": username})
    assert response.status_code == 200
    assert "If that is a staff account" in response.get_data(as_text=True)
    with app.app_context():
        message = db.session.scalar(select(OutboxMessage).where(OutboxMessage.kind == "password_reset_link"))
        return message and (message.link, message.id)


def test_staff_get_an_emailed_link_that_works_once(app, world, check_page):
    link, message_id = _reset_link(app)
    path = link.removeprefix(app.config["PUBLIC_URL"].rstrip("/"))
    with app.app_context():
        raw = db.session.execute(text("SELECT link FROM outbox_messages WHERE id = :id"), {"id": message_id}).scalar()
        stored = db.session.scalar(select(PasswordReset.secret_hash))
        from portal.notifications.sender import build_email

        email = build_email(db.session.get(OutboxMessage, message_id), "iro@example.org")
    assert path.split("/")[-1] not in raw  # encrypted in the outbox
    assert path.split("/")[-1] not in stored  # a digest in the resets
    assert link in email.get_content() and "15 minutes" in email.get_content()
    client = app.test_client()
    check_page(client.get(path))
    weak = post(client, path, {"password": "otter lamp", "password_confirm": "otter lamp"})
    check_page(weak, status=400)
    assert "at least 12 characters" in weak.get_data(as_text=True)
    assert post(client, path, {"password": NEW, "password_confirm": NEW}).status_code == 303
    assert sign_in(app.test_client(), "demo-iro", password=NEW).status_code == 303
    check_page(app.test_client().get(path), status=404)


def test_a_link_older_than_15_minutes_does_not_work(app, world, check_page):
    link, _id = _reset_link(app)
    with app.app_context():
        reset = db.session.scalar(select(PasswordReset))
        assert timedelta(minutes=14) < reset.expires_at - reset.created_at <= timedelta(minutes=15)
        db.session.execute(update(PasswordReset).values(expires_at=utcnow() - timedelta(seconds=1)))
        db.session.commit()
    page = check_page(app.test_client().get(link.removeprefix(app.config["PUBLIC_URL"].rstrip("/"))), status=404)
    assert page.h1 == "This link does not work"


@pytest.mark.parametrize("username", ["nobody-at-all", "demo-child", "demo-council"])
def test_no_link_for_unknown_accounts_children_or_staff_without_email_and_the_same_answer(app, world, username):
    assert _reset_link(app, username) is None


def test_the_sent_link_is_wiped_from_the_outbox(app, world):
    from tests.smtp_server import SmtpServer  # noqa: F401 (only to show the dependency exists)

    _link, message_id = _reset_link(app)
    with app.app_context():
        from portal.notifications import sender

        class Quiet:
            def __init__(self, config):
                pass

            def send(self, email):
                pass

            def close(self):
                pass

        original = sender.Mailer
        sender.Mailer = Quiet
        try:
            sender.send_due()
        finally:
            sender.Mailer = original
        message = db.session.get(OutboxMessage, message_id)
        assert message.status == "sent" and message.link is None


# Two-step sign-in

class Clock:
    def __init__(self):
        self.now = 1_800_000_000.0

    def __call__(self):
        return self.now


@pytest.fixture
def totp_clock(monkeypatch):
    fake = Clock()
    monkeypatch.setattr(two_factor, "clock", fake)
    return fake


def _set_up(client, totp_clock, url="/sign-in/two-step/set-up"):
    page = client.get(url)
    assert page.status_code == 200
    secret = SECRET.search(page.get_data(as_text=True)).group(1).replace(" ", "")
    code = pyotp.TOTP(secret).at(totp_clock.now)
    response = client.post(url, data={"csrf_token": csrf_from(page), "code": code})
    assert response.status_code == 200, response.get_data(as_text=True)[:3000]
    codes = re.findall(r'<li><code class="code" dir="ltr">([A-Z0-9-]+)</code></li>', response.get_data(as_text=True))
    return secret, codes


def test_staff_set_up_two_step_at_first_sign_in_when_required(app, world, client, totp_clock, check_page):
    app.config["STAFF_TWO_FACTOR"] = "required"
    response = sign_in(client, "demo-iro")
    assert response.headers["Location"] == "/sign-in/two-step/set-up"
    assert client.get("/home").status_code == 302  # not signed in yet
    page = check_page(client.get("/sign-in/two-step/set-up"))
    assert page.h1 == "Set up two-step sign-in"
    body = client.get("/sign-in/two-step/set-up").get_data(as_text=True)
    assert "<svg" in body and "https://" not in body.split("<svg", 1)[1].split("</svg>", 1)[0]
    wrong = client.post("/sign-in/two-step/set-up", data={"csrf_token": csrf_from(client.get("/sign-in/two-step/set-up")),
                                                          "code": "000000"})
    check_page(wrong, status=400)
    secret, codes = _set_up(client, totp_clock)
    assert len(codes) == 10 and len(set(codes)) == 10
    assert client.get("/home").status_code == 200
    with app.app_context():
        raw = db.session.execute(text("SELECT totp_secret FROM users WHERE username = 'demo-iro'")).scalar()
        hashes = db.session.scalars(select(RecoveryCode.code_hash)).all()
    assert secret not in raw  # encrypted at rest
    assert len(hashes) == 10 and not any(code.replace("-", "") in stored for code in codes for stored in hashes)


def test_a_code_cannot_be_used_twice_and_the_next_one_signs_in(app, world, client, totp_clock, check_page):
    app.config["STAFF_TWO_FACTOR"] = "required"
    sign_in(client, "demo-iro")
    secret, _codes = _set_up(client, totp_clock)
    client.post("/sign-out", data={"csrf_token": csrf_from(client.get("/home"))})
    first = pyotp.TOTP(secret).at(totp_clock.now)
    assert sign_in(client, "demo-iro").headers["Location"] == "/sign-in/two-step"
    replay = post(client, "/sign-in/two-step", {"code": first})
    check_page(replay, status=401)
    assert "has been used already" in replay.get_data(as_text=True)
    totp_clock.now += 30
    assert post(client, "/sign-in/two-step", {"code": pyotp.TOTP(secret).at(totp_clock.now)}).status_code == 303
    assert client.get("/home").status_code == 200


def test_a_recovery_code_signs_in_once(app, world, client, totp_clock, check_page):
    app.config["STAFF_TWO_FACTOR"] = "required"
    sign_in(client, "demo-admin")
    _secret, codes = _set_up(client, totp_clock)
    client.post("/sign-out", data={"csrf_token": csrf_from(client.get("/home"))})
    sign_in(client, "demo-admin")
    assert post(client, "/sign-in/two-step", {"code": codes[3].lower()}).status_code == 303
    page = client.get("/account").get_data(as_text=True)
    assert "You have 9 recovery codes left." in page
    client.post("/sign-out", data={"csrf_token": csrf_from(client.get("/home"))})
    sign_in(client, "demo-admin")
    check_page(post(client, "/sign-in/two-step", {"code": codes[3]}), status=401)


def test_the_second_step_page_needs_the_password_first(world, client):
    response = client.get("/sign-in/two-step")
    assert response.status_code == 303 and response.headers["Location"] == "/sign-in"


def test_when_optional_staff_sign_in_with_the_password_and_can_turn_it_on(app, world, signed_in, totp_clock):
    client = signed_in("demo-advocacy")
    assert "Two-step sign-in is off" in client.get("/account").get_data(as_text=True)
    _set_up(client, totp_clock, url="/account/two-step")
    client.post("/sign-out", data={"csrf_token": csrf_from(client.get("/home"))})
    assert sign_in(client, "demo-advocacy").headers["Location"] == "/sign-in/two-step"


def test_young_people_and_carers_never_get_a_second_step(app, world, client):
    app.config["STAFF_TWO_FACTOR"] = "required"
    for username in ("demo-child", "demo-carer"):
        assert sign_in(app.test_client(), username).headers["Location"] == "/home"


def test_an_admin_resets_a_staff_members_second_step_and_it_is_audited(app, world, signed_in, totp_clock):
    app.config["STAFF_TWO_FACTOR"] = "required"
    iro = app.test_client()
    sign_in(iro, "demo-iro")
    _set_up(iro, totp_clock)
    admin = app.test_client()
    sign_in(admin, "demo-admin")
    totp_clock.now += 60
    _set_up(admin, totp_clock)
    assert "Reset <bdi>Priya Shah</bdi>'s two-step sign-in" in admin.get("/admin/people").get_data(as_text=True)
    response = post(admin, f"/admin/people/{world['demo-iro']}/reset-two-step", {})
    assert response.status_code == 303
    assert iro.get("/home").status_code == 302  # their sessions ended
    assert not user(app, "demo-iro").has_two_step
    with app.app_context():
        event = db.session.scalar(select(AuditEvent).where(AuditEvent.action == "reset_two_step"))
        assert (event.actor_id, event.subject_id) == (world["demo-admin"], world["demo-iro"])
        assert db.session.scalar(select(RecoveryCode.id).where(RecoveryCode.user_id == world["demo-iro"])) is None
    assert "Reset a member of staff" in admin.get("/admin/audit").get_data(as_text=True)
    # Next time, they set it up again.
    assert sign_in(app.test_client(), "demo-iro").headers["Location"] == "/sign-in/two-step/set-up"


def test_an_admin_cannot_reset_a_young_persons_or_their_own_second_step(world, signed_in):
    admin = signed_in("demo-admin")
    for target in ("demo-child", "demo-admin"):
        assert post(admin, f"/admin/people/{world[target]}/reset-two-step", {}).status_code == 404




def test_setting_up_again_keeps_the_old_second_step_until_the_new_one_is_confirmed(app, world, signed_in, totp_clock):
    client = signed_in("demo-visitor")
    old_secret, old_codes = _set_up(client, totp_clock, url="/account/two-step")
    assert "Set it up again on a new phone" in client.get("/account").get_data(as_text=True)
    client.get("/account/two-step")  # opened, never confirmed
    assert user(app, "demo-visitor").has_two_step
    totp_clock.now += 30
    other = app.test_client()
    sign_in(other, "demo-visitor")
    assert post(other, "/sign-in/two-step", {"code": pyotp.TOTP(old_secret).at(totp_clock.now)}).status_code == 303
    # Confirming a new one replaces the secret and the recovery codes.
    totp_clock.now += 30
    new_secret, new_codes = _set_up(client, totp_clock, url="/account/two-step")
    assert new_secret != old_secret and set(new_codes).isdisjoint(old_codes)
    third = app.test_client()
    sign_in(third, "demo-visitor")
    assert post(third, "/sign-in/two-step", {"code": old_codes[0]}).status_code == 401
