"""A letter in the young person's language: requested by them, pasted in by the IRO, published beside the English.

The IRO pastes the council translation service's text section by section, as the letter is
structured, and each decision's "what will happen". It goes through the one sanitiser, like the
letter. A correction published after the translation makes it out of date until it is published again.
"""

import json
from dataclasses import dataclass
from datetime import datetime, timedelta

from babel import Locale
from flask import current_app
from flask_babel import force_locale
from sqlalchemy import select
from sqlalchemy.orm import joinedload

from portal.extensions import db
from portal.letters import corrections
from portal.models import Decision, LetterTranslation, ReviewLetter, TranslationStatus
from portal.models.base import utcnow
from portal.models.letters import SECTIONS
from portal.security.policy import readable_letters
from portal.security.sanitise import sanitise


def request_translation(letter: ReviewLetter, language: str, by_user=None) -> LetterTranslation:
    """The young person asks for their letter in a language; asking again for the same one changes nothing."""
    translation = translation_of(letter, language)
    if translation is None:
        translation = LetterTranslation(letter_id=letter.id, language=language, requested_at=utcnow(),
                                        requested_by_id=by_user.id if by_user is not None else None,
                                        status=TranslationStatus.REQUESTED)
        db.session.add(translation)
        db.session.commit()
    return translation


def translation_of(letter: ReviewLetter, language: str) -> LetterTranslation | None:
    """The letter's translation (or open request) in one language, if any."""
    return db.session.scalar(select(LetterTranslation).where(
        LetterTranslation.letter_id == letter.id, LetterTranslation.language == language))


def translations_of(letter: ReviewLetter) -> list[LetterTranslation]:
    """Every language this letter was asked for, in the order they were asked for."""
    return list(db.session.scalars(select(LetterTranslation).where(LetterTranslation.letter_id == letter.id)
                                   .order_by(LetterTranslation.requested_at, LetterTranslation.id)))


def open_requests(user) -> list[LetterTranslation]:
    """Translations asked for and not yet published, or out of date, on letters this user may read; oldest first."""
    rows = db.session.scalars(
        select(LetterTranslation).join(ReviewLetter, ReviewLetter.id == LetterTranslation.letter_id)
        .where(readable_letters(user))
        .options(joinedload(LetterTranslation.letter).joinedload(ReviewLetter.young_person),
                 joinedload(LetterTranslation.letter).joinedload(ReviewLetter.review))
        .order_by(LetterTranslation.requested_at, LetterTranslation.id)).all()
    return [row for row in rows if not row.is_published or is_out_of_date(row)]


def is_out_of_date(translation: LetterTranslation) -> bool:
    """Whether a correction of the letter was published after this translation was."""
    if not translation.is_published:
        return False
    correction = corrections.latest_correction(corrections.published_versions(translation.letter))
    return correction is not None and correction.published_at > translation.published_at


def waited(translation: LetterTranslation) -> timedelta | None:
    """How long the young person waited from asking to reading the first translated letter."""
    if translation.first_published_at is None:
        return None
    return translation.first_published_at - translation.requested_at


def decisions_text(translation: LetterTranslation) -> dict[int, str]:
    """Decision id -> its translated "what will happen"."""
    return {int(key): value for key, value in json.loads(translation.decisions or "{}").items()}


def publish(translation: LetterTranslation, publisher, sections: dict[str, str], decisions: dict[int, str],
            now: datetime | None = None) -> None:
    """Publish (or update) the translated text: sanitised like the letter, beside the English from now on."""
    now = now or utcnow()
    for name in SECTIONS:
        setattr(translation, name, sanitise(sections.get(name)) or None)
    # Decisions are plain text in the letter (escaped when shown): kept as typed, like the English.
    translation.decisions = json.dumps({str(key): value.strip() for key, value in decisions.items() if value.strip()})
    translation.status = TranslationStatus.PUBLISHED
    translation.published_at, translation.published_by_id = now, publisher.id
    if translation.first_published_at is None:
        translation.first_published_at = now
    db.session.commit()


@dataclass(frozen=True)
class Direction:
    """How the translated text is marked up: its language, its direction and whether the portal has its headings."""

    lang: str
    dir: str
    portal_has_it: bool


def direction(language: str) -> Direction:
    """The `lang`/`dir` of a translation's container."""
    offered = current_app.config["LANGUAGES"]
    if language in offered:
        return Direction(language, offered[language][1], True)
    order = Locale.parse(language).character_order
    return Direction(language, "rtl" if order == "right-to-left" else "ltr", False)


def headings_in(language: str, headings: dict) -> dict[str, str]:
    """The letter's fixed headings in the translation's language when the portal has that catalog."""
    with force_locale(language):
        return {key: str(value) for key, value in headings.items()}


def letter_decisions(letter: ReviewLetter) -> list[Decision]:
    """The letter's decisions in order, for the IRO's translation form."""
    return list(db.session.scalars(select(Decision).where(Decision.letter_id == letter.id).order_by(Decision.position)))
