"""Correcting a published letter: a new version, "what changed" in the IRO's words, earlier versions kept.

The letter's row always holds what the young person reads now. The first correction keeps
what the letter said as version 1; the correction is a draft (version 2, 3, ...) until it is
published, when the letter takes its text, the young person is told through the outbox, and
"This letter was corrected on <date>: <what changed>" shows above it. Decisions keep their
rows, so every answer and follow-up about them stays attached; a correction can reword them
but not add or remove them (a new decision belongs in the next review's letter).
"""

import enum
import json
from dataclasses import dataclass
from datetime import date

from sqlalchemy import func, select, update
from sqlalchemy.exc import IntegrityError

from portal.core.outbox import notify
from portal.extensions import db
from portal.models import Decision, LetterStatus, LetterVersion, ReviewLetter, YoungPerson
from portal.models.base import utcnow
from portal.models.letters import SECTIONS
from portal.security.sanitise import sanitise


def _decisions_json(letter_id) -> str:
    decisions = db.session.scalars(select(Decision).where(Decision.letter_id == letter_id).order_by(Decision.position))
    return json.dumps([{"position": d.position, "what": d.what, "who": d.who, "by_when": d.by_when.isoformat()}
                       for d in decisions])


def published_versions(letter) -> list[LetterVersion]:
    """The published versions of a corrected letter, oldest first ([] for a letter never corrected)."""
    return db.session.scalars(select(LetterVersion).where(
        LetterVersion.letter_id == letter.id, LetterVersion.status == LetterStatus.PUBLISHED)
        .order_by(LetterVersion.number)).all()


def latest_correction(versions: list[LetterVersion]) -> LetterVersion | None:
    """The newest correction among a letter's published versions (None when it was never corrected)."""
    return versions[-1] if versions and versions[-1].number > 1 else None


def draft_correction(letter) -> LetterVersion | None:
    return db.session.scalar(select(LetterVersion).where(
        LetterVersion.letter_id == letter.id, LetterVersion.status == LetterStatus.DRAFT))


def start_correction(letter, author) -> LetterVersion | None:
    """The correction being written for a published letter (made once); None for a draft letter."""
    if not letter.is_published:
        return None
    existing = draft_correction(letter)
    if existing is not None:
        return existing
    numbers = db.session.scalar(select(func.max(LetterVersion.number)).where(LetterVersion.letter_id == letter.id))
    texts = {name: getattr(letter, name) for name in SECTIONS}
    decisions = _decisions_json(letter.id)
    try:
        if numbers is None:  # the letter as first published becomes version 1
            db.session.add(LetterVersion(letter_id=letter.id, number=1, status=LetterStatus.PUBLISHED, lock=1,
                                         decisions=decisions, updated_by_id=letter.published_by_id or author.id,
                                         updated_at=letter.published_at, published_at=letter.published_at,
                                         published_by_id=letter.published_by_id, **texts))
        draft = LetterVersion(letter_id=letter.id, number=(numbers or 1) + 1, status=LetterStatus.DRAFT, lock=1,
                              decisions=decisions, updated_by_id=author.id, **texts)
        db.session.add(draft)
        db.session.commit()
    except IntegrityError:  # started at the same moment by someone else: theirs is the one
        db.session.rollback()
        return draft_correction(letter)
    return draft


@dataclass(frozen=True)
class DecisionText:
    """A decision as it reads in one version."""

    position: int
    what: str
    who: str
    by_when: date


def version_decisions(version: LetterVersion) -> list[DecisionText]:
    """What a version's decisions said, in order."""
    return [DecisionText(item["position"], item["what"], item["who"], date.fromisoformat(item["by_when"]))
            for item in json.loads(version.decisions or "[]")]


def save_correction(draft, expected_lock: int, editor, sections: dict, decisions: list[tuple[str, str, date]],
                    what_changed: str) -> bool:
    """Save the correction if nobody has saved it since `expected_lock`; False (nothing changed) otherwise.

    `decisions` are the letter's decisions reworded, in order: as many as the letter has.
    """
    kept = version_decisions(draft)
    typed = [{"position": old.position, "what": what.strip(), "who": who.strip(), "by_when": by_when.isoformat()}
             for old, (what, who, by_when) in zip(kept, decisions, strict=False)]
    typed += [{"position": old.position, "what": old.what, "who": old.who, "by_when": old.by_when.isoformat()}
              for old in kept[len(typed):]]
    values = {name: sanitise(sections.get(name)) or None for name in SECTIONS}
    saved = db.session.execute(
        update(LetterVersion)
        .where(LetterVersion.id == draft.id, LetterVersion.lock == expected_lock,
               LetterVersion.status == LetterStatus.DRAFT)
        .values(lock=LetterVersion.lock + 1, updated_at=utcnow(), updated_by_id=editor.id,
                decisions=json.dumps(typed), what_changed=(what_changed or "").strip() or None, **values)
        .execution_options(synchronize_session=False)
    )
    if saved.rowcount != 1:
        db.session.rollback()
        return False
    db.session.commit()
    db.session.expire(draft)
    return True


class CorrectionResult(enum.Enum):
    PUBLISHED = "published"
    CONFLICT = "conflict"
    NO_NOTE = "no_note"


def publish_correction(draft, expected_lock: int, publisher) -> CorrectionResult:
    """Publish the correction as saved: the letter takes its text, decisions are reworded in place
    (answers about them stay attached), and the young person is told through the outbox."""
    if not (draft.what_changed or "").strip():
        return CorrectionResult.NO_NOTE
    now = utcnow()
    published = db.session.execute(
        update(LetterVersion)
        .where(LetterVersion.id == draft.id, LetterVersion.lock == expected_lock,
               LetterVersion.status == LetterStatus.DRAFT, LetterVersion.what_changed.is_not(None))
        .values(lock=LetterVersion.lock + 1, status=LetterStatus.PUBLISHED, published_at=now,
                published_by_id=publisher.id)
        .execution_options(synchronize_session=False)
    )
    if published.rowcount != 1:
        db.session.rollback()
        return CorrectionResult.CONFLICT
    letter = db.session.get(ReviewLetter, draft.letter_id)
    for name in SECTIONS:
        setattr(letter, name, getattr(draft, name))
    letter.updated_at, letter.updated_by_id = now, publisher.id
    by_position = {d.position: d for d in db.session.scalars(select(Decision).where(Decision.letter_id == letter.id))}
    for text in version_decisions(draft):
        decision = by_position.get(text.position)
        if decision is not None:
            decision.what, decision.who, decision.by_when = text.what, text.who, text.by_when
    young_person = db.session.get(YoungPerson, letter.young_person_id)
    if young_person.user is not None:
        notify(young_person.user, "letter_corrected")  # in this transaction: sent only if it commits
    db.session.commit()
    db.session.expire_all()
    return CorrectionResult.PUBLISHED


def published_version(letter, number: int) -> LetterVersion | None:
    """One published version of a letter, by its number."""
    return db.session.scalar(select(LetterVersion).where(
        LetterVersion.letter_id == letter.id, LetterVersion.number == number,
        LetterVersion.status == LetterStatus.PUBLISHED))
