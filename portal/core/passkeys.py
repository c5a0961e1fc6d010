"""Passkeys (WebAuthn, through py_webauthn): adding one to an account, and checking one at sign-in.

A passkey is a key pair made by the person's phone or computer; it signs in with the device's
fingerprint, face or screen lock, so a child who forgot their password is not locked out. Only the
public key is stored. The relying party id and origin come from PUBLIC_URL: a passkey made for one
address never works on another.

Each ceremony has a challenge: random, kept in the person's own session (the signed cookie) for
CHALLENGE_SECONDS, and used once. Taking it out of the cookie is not enough on its own, since an old
cookie can be sent again, so every challenge that has been answered is also remembered in the
rate limiter's storage (Redis in production, shared by the workers) until it would have expired.
An assertion whose signature counter does not go up is refused (the key may have been copied).
"""

import base64
import hashlib
import hmac
import json
import logging
import secrets
import time
from dataclasses import dataclass
from urllib.parse import urlsplit

from flask import current_app, session
from sqlalchemy import select
from webauthn import (
    generate_authentication_options,
    generate_registration_options,
    options_to_json,
    verify_authentication_response,
    verify_registration_response,
)
from webauthn.helpers import parse_authenticator_data
from webauthn.helpers.exceptions import WebAuthnException
from webauthn.helpers.structs import (
    AuthenticatorSelectionCriteria,
    PublicKeyCredentialDescriptor,
    ResidentKeyRequirement,
    UserVerificationRequirement,
)

from portal.extensions import db, limiter
from portal.models import Passkey, User
from portal.models.base import utcnow

log = logging.getLogger(__name__)

CHALLENGE_SECONDS = 5 * 60
SESSION_KEY = "passkey_challenge"
MAX_PASSKEYS = 10
NAME_LENGTH = 60

# The clock; tests replace it to step through time.
clock = time.time


class PasskeyRefused(Exception):
    """The passkey answer cannot be accepted. `reason` says why, for the page to explain:

    "expired" (no challenge, too old, or already used), "replayed" (a challenge answered before),
    "wrong_site" (made for another address), "unknown" (no such passkey here), "counter" (its signature
    counter went backwards), "invalid" (anything else: malformed, wrong signature, no screen lock).
    """

    def __init__(self, reason: str):
        super().__init__(reason)
        self.reason = reason


@dataclass(frozen=True)
class RelyingParty:
    """Who the passkeys belong to: the service's host name and its exact origin."""

    id: str
    origin: str
    name: str


def relying_party() -> RelyingParty:
    """The relying party from PUBLIC_URL (a host name: WebAuthn refuses IP addresses)."""
    config = current_app.config
    parts = urlsplit(config["PUBLIC_URL"])
    return RelyingParty(id=parts.hostname or "", origin=f"{parts.scheme}://{parts.netloc}", name=config["SERVICE_NAME"])


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


def _unb64(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def _user_handle(user: User) -> bytes:
    """A stable handle that says nothing about the person (not their id or username)."""
    key = current_app.config["SECRET_KEY"].encode("utf-8")
    return hmac.new(key, b"passkey-user:" + str(user.id).encode(), hashlib.sha256).digest()[:32]


def _remember_challenge(purpose: str, challenge: bytes, user: User | None = None) -> None:
    session[SESSION_KEY] = {"purpose": purpose, "challenge": _b64(challenge), "at": int(clock()),
                            "user": user.id if user else None}


def _take_challenge(purpose: str, user: User | None = None) -> bytes:
    """This session's challenge for this purpose, removed so that it is used once; PasskeyRefused otherwise."""
    kept = session.pop(SESSION_KEY, None)
    if (not isinstance(kept, dict) or kept.get("purpose") != purpose or clock() - kept.get("at", 0) > CHALLENGE_SECONDS
            or kept.get("user") != (user.id if user else None)):
        raise PasskeyRefused("expired")
    challenge = _unb64(kept["challenge"])
    _mark_used(challenge)
    return challenge


def _mark_used(challenge: bytes) -> None:
    """Remember the challenge as answered: the same cookie and answer sent again are refused."""
    key = "passkey-challenge:" + hashlib.sha256(challenge).hexdigest()[:40]
    try:
        uses = limiter.storage.incr(key, CHALLENGE_SECONDS + 60)
    except Exception:  # noqa: BLE001 (storage down: the challenge has still left the cookie; the counter still applies)
        log.warning("passkey challenge storage unavailable", exc_info=True)
        return
    if uses > 1:
        raise PasskeyRefused("replayed")


def _client_data(credential: dict) -> dict:
    try:
        return json.loads(_unb64(credential["response"]["clientDataJSON"]))
    except (KeyError, TypeError, ValueError) as error:
        raise PasskeyRefused("invalid") from error


def _check_client_data(credential: dict, challenge: bytes, ceremony: str) -> None:
    """The browser's own record of where and for what this was signed: refuse another site with its own reason."""
    data = _client_data(credential)
    if data.get("type") != ceremony:
        raise PasskeyRefused("invalid")
    if data.get("origin") != relying_party().origin:
        raise PasskeyRefused("wrong_site")
    if not isinstance(data.get("challenge"), str) or not hmac.compare_digest(data["challenge"], _b64(challenge)):
        raise PasskeyRefused("expired")


def _parse(credential_json: str) -> dict:
    try:
        credential = json.loads(credential_json or "")
    except ValueError as error:
        raise PasskeyRefused("invalid") from error
    if not isinstance(credential, dict):
        raise PasskeyRefused("invalid")
    return credential


def passkeys_of(user: User) -> list[Passkey]:
    """The person's passkeys, newest first."""
    return list(db.session.scalars(select(Passkey).where(Passkey.user_id == user.id)
                                   .order_by(Passkey.created_at.desc(), Passkey.id.desc())))


def registration_options(user: User) -> str:
    """The options (JSON) for the browser to make a new passkey for this person; the challenge is kept."""
    party = relying_party()
    options = generate_registration_options(
        rp_id=party.id, rp_name=party.name, user_id=_user_handle(user), user_name=user.username,
        user_display_name=user.display_name, challenge=secrets.token_bytes(32), timeout=CHALLENGE_SECONDS * 1000,
        authenticator_selection=AuthenticatorSelectionCriteria(
            resident_key=ResidentKeyRequirement.REQUIRED, user_verification=UserVerificationRequirement.REQUIRED),
        # The same device twice would only confuse: the browser says it already has one.
        exclude_credentials=[PublicKeyCredentialDescriptor(id=passkey.credential_id) for passkey in passkeys_of(user)],
    )
    _remember_challenge("register", options.challenge, user)
    return options_to_json(options)


def add_passkey(user: User, credential_json: str, name: str) -> Passkey:
    """Check the browser's answer to registration_options and keep the new passkey's public key."""
    challenge = _take_challenge("register", user)
    credential = _parse(credential_json)
    _check_client_data(credential, challenge, "webauthn.create")
    party = relying_party()
    try:
        verified = verify_registration_response(
            credential=credential, expected_challenge=challenge, expected_rp_id=party.id,
            expected_origin=party.origin, require_user_verification=True)
    except WebAuthnException as error:
        log.info("passkey registration refused: %s", error)
        raise PasskeyRefused("invalid") from error
    if db.session.scalar(select(Passkey.id).where(Passkey.credential_id == verified.credential_id)) is not None:
        raise PasskeyRefused("invalid")
    transports = credential.get("response", {}).get("transports") or []
    passkey = Passkey(user_id=user.id, credential_id=verified.credential_id, public_key=verified.credential_public_key,
                      sign_count=verified.sign_count, name=name[:NAME_LENGTH],
                      transports=",".join(str(t) for t in transports if isinstance(t, str))[:120])
    db.session.add(passkey)
    db.session.commit()
    return passkey


def sign_in_options() -> str:
    """The options (JSON) for the browser to sign in with any passkey it holds for this service."""
    options = generate_authentication_options(
        rp_id=relying_party().id, challenge=secrets.token_bytes(32), timeout=CHALLENGE_SECONDS * 1000,
        user_verification=UserVerificationRequirement.REQUIRED)
    _remember_challenge("sign-in", options.challenge)
    return options_to_json(options)


def passkey_for(credential_json: str) -> Passkey | None:
    """The stored passkey the answer claims to come from (before it is checked), or None."""
    try:
        raw_id = _unb64(str(_parse(credential_json).get("rawId") or ""))
    except (PasskeyRefused, ValueError):
        return None
    return db.session.scalar(select(Passkey).where(Passkey.credential_id == raw_id)) if raw_id else None


def _counter_went_back(credential: dict, stored: int) -> bool:
    """Whether the authenticator's counter did not go up (0 and 0 is a passkey that keeps no counter)."""
    try:
        count = parse_authenticator_data(_unb64(credential["response"]["authenticatorData"])).sign_count
    except (KeyError, TypeError, ValueError, WebAuthnException) as error:
        raise PasskeyRefused("invalid") from error
    return (count > 0 or stored > 0) and count <= stored


def check_sign_in(credential_json: str, passkey: Passkey | None) -> User:
    """Check the browser's answer to sign_in_options against the stored passkey; its person, or PasskeyRefused.

    The challenge is used up first, whatever happens next. Whether the person may sign in (an active
    account, the delays, a second step for staff) is the caller's rule, as for a password.
    """
    challenge = _take_challenge("sign-in")
    credential = _parse(credential_json)
    _check_client_data(credential, challenge, "webauthn.get")
    if passkey is None:
        raise PasskeyRefused("unknown")
    if _counter_went_back(credential, passkey.sign_count):
        raise PasskeyRefused("counter")
    party = relying_party()
    try:
        verified = verify_authentication_response(
            credential=credential, expected_challenge=challenge, expected_rp_id=party.id, expected_origin=party.origin,
            credential_public_key=passkey.public_key, credential_current_sign_count=passkey.sign_count,
            require_user_verification=True)
    except WebAuthnException as error:
        log.info("passkey sign-in refused: %s", error)
        raise PasskeyRefused("invalid") from error
    passkey.sign_count = verified.new_sign_count
    passkey.last_used_at = utcnow()
    db.session.commit()
    return passkey.user


def remove_passkey(user: User, passkey_id: int) -> bool:
    """Remove one of the person's own passkeys; False when it is not theirs (or not there)."""
    passkey = db.session.get(Passkey, passkey_id)
    if passkey is None or passkey.user_id != user.id:
        return False
    db.session.delete(passkey)
    db.session.commit()
    return True
