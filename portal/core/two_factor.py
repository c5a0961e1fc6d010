"""Two-step sign-in for staff: a TOTP code from an authenticator app, or one of 10 single-use recovery codes.

The secret is stored encrypted (portal.models.encryption) and only switched on once the person has
typed a code from it. A code is accepted once: the 30-second step it belongs to is recorded, and a
code from that step or an earlier one is refused, so a code seen over someone's shoulder cannot be
used again. Recovery codes are shown once and stored as digests.
"""

import hashlib
import hmac
import secrets
import time

import pyotp
import segno
from flask import current_app
from sqlalchemy import delete, or_, select, update

from portal.core.invitations import ALPHABET, normalise
from portal.extensions import db
from portal.models import RecoveryCode, User
from portal.models.base import utcnow
from portal.models.encryption import decrypt, encrypt
from portal.models.people import STAFF_ROLES, new_session_token

RECOVERY_CODES = 10
RECOVERY_CODE_LENGTH = 10
STEP_SECONDS = 30
# A code from the step before or after is accepted too: phones' clocks drift.
WINDOW = 1

# The clock; tests replace it to step through time.
clock = time.time


def required_for(user: User) -> bool:
    """Whether this person must use two-step sign-in (STAFF_TWO_FACTOR=required, for staff)."""
    return user.role in STAFF_ROLES and current_app.config["STAFF_TWO_FACTOR"] == "required"


def offered_to(user: User) -> bool:
    """Staff can turn two-step sign-in on whenever they like."""
    return user.role in STAFF_ROLES


def new_secret() -> str:
    """A new TOTP secret (160 bits, base32)."""
    return pyotp.random_base32()


def seal(secret: str) -> str:
    """A secret being set up, encrypted to wait in the (signed, not encrypted) session cookie until confirmed:
    the account's current second step keeps working until the new one is proved."""
    return encrypt(secret)


def unseal(sealed) -> str | None:
    """The secret `seal` made, or None when there is none or it cannot be read."""
    if not isinstance(sealed, str):
        return None
    try:
        secret = decrypt(sealed)
    except RuntimeError:
        return None
    return secret if secret.isalnum() and len(secret) == 32 else None


def provisioning_uri(user: User, secret: str) -> str:
    """The otpauth:// address an authenticator app reads from the QR code."""
    return pyotp.TOTP(secret).provisioning_uri(name=user.username, issuer_name=current_app.config["SERVICE_NAME"])


QUIET_ZONE = 4  # modules of white around the code, which scanners need


def qr_code(user: User, secret: str) -> dict:
    """The QR code for an inline SVG drawn by the template: its size in modules and one path of dark runs.

    Drawn in the page (no request leaves it, the CSP allows it), and as data rather than markup,
    so nothing bypasses the template's escaping.
    """
    code = segno.make(provisioning_uri(user, secret), error="m")
    runs = []
    for y, row in enumerate(code.matrix):
        x = 0
        while x < len(row):
            if row[x]:
                start = x
                while x < len(row) and row[x]:
                    x += 1
                runs.append(f"M{start + QUIET_ZONE} {y + QUIET_ZONE}h{x - start}v1h-{x - start}z")
            else:
                x += 1
    return {"size": len(code.matrix) + 2 * QUIET_ZONE, "path": "".join(runs)}


def grouped(secret: str) -> str:
    """The secret in groups of four, for typing into an app by hand."""
    return " ".join(secret[i:i + 4] for i in range(0, len(secret), 4))


def _matching_step(secret: str, code: str, now: float) -> int | None:
    totp = pyotp.TOTP(secret)
    current = int(now // STEP_SECONDS)
    for step in range(current - WINDOW, current + WINDOW + 1):
        if hmac.compare_digest(totp.generate_otp(step), code):
            return step
    return None


def verify_code(user: User, code: str) -> bool:
    """True when the 6-digit code is right and has not been used (nor any later one); records its step."""
    code = "".join((code or "").split())
    if not user.totp_secret or len(code) != 6 or not code.isdigit():
        return False
    step = _matching_step(user.totp_secret, code, clock())
    if step is None:
        return False
    # One statement, so two requests with the same code cannot both pass.
    accepted = db.session.execute(update(User).where(
        User.id == user.id, or_(User.totp_last_step.is_(None), User.totp_last_step < step),
    ).values(totp_last_step=step).execution_options(synchronize_session=False))
    db.session.commit()
    db.session.refresh(user)
    return accepted.rowcount == 1


def _digest(code: str) -> str:
    key = current_app.config["SECRET_KEY"].encode("utf-8")
    return hmac.new(key, b"recovery:" + normalise(code).encode("ascii", "ignore"), hashlib.sha256).hexdigest()


def _new_recovery_code() -> str:
    code = "".join(secrets.choice(ALPHABET) for _ in range(RECOVERY_CODE_LENGTH))
    return f"{code[:5]}-{code[5:]}"


def confirm_setup(user: User, secret: str, code: str) -> list[str] | None:
    """Switch two-step sign-in on with the new secret when the code is from it; returns the new recovery codes
    (shown once), which replace any old ones. None when the code is wrong."""
    code = "".join((code or "").split())
    if not secret or len(code) != 6 or not code.isdigit():
        return None
    step = _matching_step(secret, code, clock())
    if step is None:
        return None
    user.totp_secret = secret
    user.totp_last_step = step
    user.totp_enabled_at = utcnow()
    codes = [_new_recovery_code() for _ in range(RECOVERY_CODES)]
    db.session.execute(delete(RecoveryCode).where(RecoveryCode.user_id == user.id))
    db.session.add_all(RecoveryCode(user_id=user.id, code_hash=_digest(code)) for code in codes)
    db.session.commit()
    return codes


def use_recovery_code(user: User, code: str) -> bool:
    """True when the code is one of the person's unused recovery codes; it can never be used again."""
    if len(normalise(code or "")) != RECOVERY_CODE_LENGTH:
        return False
    row_id = db.session.scalar(select(RecoveryCode.id).where(
        RecoveryCode.user_id == user.id, RecoveryCode.code_hash == _digest(code), RecoveryCode.used_at.is_(None)))
    if row_id is None:
        return False
    claimed = db.session.execute(update(RecoveryCode).where(
        RecoveryCode.id == row_id, RecoveryCode.used_at.is_(None)).values(used_at=utcnow()))
    db.session.commit()
    return claimed.rowcount == 1


def recovery_codes_left(user: User) -> int:
    """How many recovery codes the person has not used."""
    return len(db.session.scalars(select(RecoveryCode.id).where(
        RecoveryCode.user_id == user.id, RecoveryCode.used_at.is_(None))).all())


def check_second_step(user: User, code: str) -> bool:
    """A code from the app, or a recovery code."""
    squeezed = "".join((code or "").split())
    if squeezed.isdigit():
        return verify_code(user, squeezed)
    return use_recovery_code(user, squeezed)


def reset(user: User) -> None:
    """Turn the person's two-step sign-in off (an admin did this; audited by the caller) and end their sessions."""
    user.totp_secret = None
    user.totp_enabled_at = None
    user.totp_last_step = None
    user.session_token = new_session_token()
    db.session.execute(delete(RecoveryCode).where(RecoveryCode.user_id == user.id))
