"""The council queue: what young people share waits here, encrypted and unlabelled, until the mixing job moves it.

One row per thing shared: a random token and one encrypted payload. The payload (JSON, padded to
one fixed size so that its length says nothing about the words) holds whose it is and what to make:

- "new": words or a choice from "Tell the council" or a campaign, with everything the contribution keeps;
- "answer": one answer a young person chose to share from a review form they sent (the job reads it);
- "made": the job has made the contribution(s) (tokens) and is about to move them to the sealed list.
"""

import hashlib
import hmac
import json
from dataclasses import dataclass, field

from flask import current_app
from sqlalchemy import delete, func, literal, select, union_all

from portal.extensions import db
from portal.models import CouncilSubmission, MyContribution, QueuedContribution
from portal.models.voice import new_token

NEW, ANSWER, MADE = "new", "answer", "made"
# Every payload is padded to this many bytes (or a multiple, which the longest words never reach):
# 2,000 characters of at most 4 bytes each, and the rest of the entry.
PAYLOAD_BYTES = 10240


@dataclass
class Entry:
    """One queued thing, decrypted."""

    token: str
    young_person_id: int
    kind: str
    data: dict = field(default_factory=dict)


def _payload(young_person_id, kind, data) -> str:
    body = json.dumps({"yp": young_person_id, "kind": kind, **data}, ensure_ascii=False, separators=(",", ":"))
    size = len(body.encode("utf-8"))
    return body + " " * (-size % PAYLOAD_BYTES)


def _entry(token, payload) -> Entry:
    data = json.loads(payload)
    return Entry(token, data.pop("yp"), data.pop("kind"), data)


def put(young_person_id, kind, **data) -> str:
    """Queue one thing (added to the caller's transaction); returns the row's random token."""
    token = new_token()
    db.session.add(QueuedContribution(token=token, payload=_payload(young_person_id, kind, data)))
    return token


def rewrite(entry: Entry, kind, **data):
    """Change what a queued entry holds (the caller commits)."""
    row = db.session.get(QueuedContribution, entry.token)
    row.payload = _payload(entry.young_person_id, kind, data)
    entry.kind, entry.data = kind, data


def size() -> int:
    """How many entries are waiting (nothing decrypted: the worker asks this every time round its loop)."""
    return db.session.scalar(select(func.count()).select_from(QueuedContribution))


def entries(*, for_update=False) -> list[Entry]:
    """Every queued entry, decrypted (the queue holds a few batches at most)."""
    query = select(QueuedContribution)
    if for_update:
        query = query.with_for_update()
    return [_entry(row.token, row.payload) for row in db.session.scalars(query)]


def entries_of(young_person_id) -> list[Entry]:
    """This young person's queued entries: every row is decrypted and only theirs kept."""
    return [entry for entry in entries() if entry.young_person_id == young_person_id]


def mine_and_queued(young_person_id) -> tuple[list[tuple[str, str]], list[Entry]]:
    """In one statement: the young person's sealed rows (their id, the unsealed token) and their queued entries."""
    sealed = select(MyContribution.id.label("key"), MyContribution.sealed.label("value"), literal(True).label("sealed")) \
        .where(MyContribution.young_person_id == young_person_id)
    waiting = select(QueuedContribution.token, QueuedContribution.payload, literal(False))
    rows = db.session.execute(union_all(sealed, waiting)).all()  # the first select's types decrypt both columns
    mine = [(key, value) for key, value, is_sealed in rows if is_sealed]
    queued = [_entry(key, value) for key, value, is_sealed in rows if not is_sealed]
    return mine, [entry for entry in queued if entry.young_person_id == young_person_id]


def take(token) -> Entry | None:
    """Delete one queued entry and return what it held at that moment; None if it was already gone."""
    payload = db.session.execute(delete(QueuedContribution).where(QueuedContribution.token == token)
                                 .returning(QueuedContribution.payload)).scalar_one_or_none()
    return None if payload is None else _entry(token, payload)


def remember_submission(value):
    """Note that this form was sent (added to the caller's transaction; a second one fails at commit).

    Only a keyed digest is kept: the form's random value also passes through the young person's own
    pages, so it must not be stored as is anywhere."""
    if value:
        key = current_app.config["SECRET_KEY"].encode("utf-8")
        digest = hmac.new(key, value.encode("utf-8"), hashlib.sha256).hexdigest()
        db.session.add(CouncilSubmission(digest=digest))
