"""Encryption at rest for sensitive free text, with keys that can be rotated.

Keys come from configuration (ENCRYPTION_KEYS, newest first). Every key is tried
when reading, only the newest is used when writing, and `flask rotate-keys`
re-encrypts stored values with the newest key.
"""

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from flask import current_app
from sqlalchemy import Text, select
from sqlalchemy import column as sa_column
from sqlalchemy import table as sa_table
from sqlalchemy.types import TypeDecorator


def install_keyring(app):
    """Build the app's keyring from ENCRYPTION_KEYS; a malformed key stops start-up."""
    keys = app.config["ENCRYPTION_KEYS"]
    if not keys:
        raise RuntimeError("ENCRYPTION_KEYS is empty: sensitive text cannot be stored.")
    fernets = [Fernet(key.encode("ascii") if isinstance(key, str) else key) for key in keys]
    app.extensions["keyring"] = MultiFernet(fernets)
    app.extensions["keyring_newest"] = fernets[0]


def _readable_by(fernet, token):
    try:
        fernet.decrypt(token.encode("ascii"))
    except InvalidToken:
        return False
    return True


def keyring() -> MultiFernet:
    """The current app's keyring."""
    return current_app.extensions["keyring"]


def encrypt(plain: str) -> str:
    """Encrypt text with the newest key."""
    return keyring().encrypt(plain.encode("utf-8")).decode("ascii")


def decrypt(token: str) -> str:
    """Decrypt text written with any configured key."""
    try:
        return keyring().decrypt(token.encode("ascii")).decode("utf-8")
    except InvalidToken as error:
        raise RuntimeError("Stored text cannot be decrypted with the configured keys.") from error


class EncryptedText(TypeDecorator):
    """A text column stored as Fernet ciphertext; Python code sees plain str."""

    impl = Text
    cache_ok = True

    def process_bind_param(self, value, dialect):
        return None if value is None else encrypt(value)

    def process_result_value(self, value, dialect):
        return None if value is None else decrypt(value)


def encrypted_columns(metadata):
    """(table, column) for every EncryptedText column in the metadata."""
    for table in metadata.sorted_tables:
        for column in table.columns:
            if isinstance(column.type, EncryptedText):
                yield table, column


def rotate_all(connection, metadata):
    """Re-encrypt every stored encrypted value with the newest key; returns how many changed."""
    ring = keyring()
    newest = current_app.extensions["keyring_newest"]
    changed = 0
    for table, column in encrypted_columns(metadata):
        (pk,) = table.primary_key.columns
        # A lightweight table whose columns are plain Text reads and writes ciphertext as is.
        raw = sa_table(table.name, sa_column(pk.name), sa_column(column.name, Text))
        rows = connection.execute(
            select(raw.c[pk.name], raw.c[column.name]).where(raw.c[column.name].is_not(None))
        )
        for row_id, token in rows.all():
            if _readable_by(newest, token):
                continue
            fresh = ring.rotate(token.encode("ascii")).decode("ascii")
            connection.execute(
                raw.update().where(raw.c[pk.name] == row_id).values({column.name: fresh})
            )
            changed += 1
    return changed
