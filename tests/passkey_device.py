"""A software passkey for tests of the server side: it answers WebAuthn challenges as a phone would.

It makes an ECDSA P-256 key pair (COSE alg -7) and builds the browser's answers byte for byte
(clientDataJSON, authenticatorData, a "none" attestation, the signature), encoded with py_webauthn's
own CBOR helper. The browser journey uses Chromium's virtual authenticator instead.
"""

import base64
import hashlib
import json
import os
import struct

from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import ec
from webauthn.helpers import encode_cbor

UP, UV, AT = 0x01, 0x04, 0x40


def b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


def unb64(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


class SoftPasskey:
    """One passkey on one pretend device. `sign_count` goes up by one per sign-in unless `counter` is False."""

    def __init__(self, origin: str, rp_id: str | None = None, counter: bool = True):
        self.origin = origin
        self.rp_id = rp_id or origin.split("://", 1)[1].split(":", 1)[0].split("/", 1)[0]
        self.key = ec.generate_private_key(ec.SECP256R1())
        self.credential_id = os.urandom(32)
        self.sign_count = 0
        self.counter = counter

    def _cose_key(self) -> bytes:
        numbers = self.key.public_key().public_numbers()
        return encode_cbor({1: 2, 3: -7, -1: 1, -2: numbers.x.to_bytes(32, "big"), -3: numbers.y.to_bytes(32, "big")})

    def _client_data(self, kind: str, challenge: str, origin: str | None) -> bytes:
        return json.dumps({"type": kind, "challenge": challenge, "origin": origin or self.origin,
                           "crossOrigin": False}).encode()

    def _rp_hash(self) -> bytes:
        return hashlib.sha256(self.rp_id.encode()).digest()

    def register(self, options: dict, origin: str | None = None, verified: bool = True) -> str:
        """The JSON answer to registration options (as the page's script sends it)."""
        client_data = self._client_data("webauthn.create", options["challenge"], origin)
        flags = UP | AT | (UV if verified else 0)
        attested = bytes(16) + struct.pack(">H", len(self.credential_id)) + self.credential_id + self._cose_key()
        auth_data = self._rp_hash() + bytes([flags]) + struct.pack(">I", self.sign_count) + attested
        attestation = encode_cbor({"fmt": "none", "attStmt": {}, "authData": auth_data})
        return json.dumps({"id": b64(self.credential_id), "rawId": b64(self.credential_id), "type": "public-key",
                           "response": {"clientDataJSON": b64(client_data), "attestationObject": b64(attestation),
                                        "transports": ["internal"]}, "clientExtensionResults": {}})

    def sign_in(self, options: dict, origin: str | None = None, sign_count: int | None = None) -> str:
        """The JSON answer to sign-in options: a signature over the authenticator data and the client data."""
        if sign_count is None:
            if self.counter:
                self.sign_count += 1
            sign_count = self.sign_count
        client_data = self._client_data("webauthn.get", options["challenge"], origin)
        auth_data = self._rp_hash() + bytes([UP | UV]) + struct.pack(">I", sign_count)
        signature = self.key.sign(auth_data + hashlib.sha256(client_data).digest(), ec.ECDSA(hashes.SHA256()))
        return json.dumps({"id": b64(self.credential_id), "rawId": b64(self.credential_id), "type": "public-key",
                           "response": {"clientDataJSON": b64(client_data), "authenticatorData": b64(auth_data),
                                        "signature": b64(signature), "userHandle": None},
                           "clientExtensionResults": {}})
