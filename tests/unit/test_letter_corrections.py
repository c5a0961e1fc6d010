"""Correcting a published letter, without HTTP: versions, locks, "what changed", decisions kept in place."""

import pytest
from sqlalchemy import func, select

from portal.extensions import db
from portal.letters import corrections
from portal.models import Decision, LetterStatus, LetterVersion, OutboxMessage, User
from portal.models.encryption import EncryptedText
from portal.models.letters import SECTIONS, LetterTranslation, ReviewLetter
from tests.letters import answer, write_letter


@pytest.fixture
def setting(app, world):
    with app.app_context():
        yield write_letter(world["yp:Alex"], world["demo-iro"], days_ago=10), db.session.get(User, world["demo-iro"])


def _texts(letter):
    return {name: getattr(letter, name) for name in ("meeting", "told_us", "going_well", "worries", "rights",
                                                      "next_review", "contact")}


def test_a_draft_letter_has_no_correction(app, world):
    with app.app_context():
        draft = write_letter(world["yp:Alex"], world["demo-iro"], publish=False)
        assert corrections.start_correction(draft, db.session.get(User, world["demo-iro"])) is None


def test_the_first_correction_keeps_the_letter_as_first_sent_as_version_1(setting):
    letter, iro = setting
    draft = corrections.start_correction(letter, iro)
    assert draft.number == 2 and draft.status == LetterStatus.DRAFT
    assert corrections.start_correction(letter, iro).id == draft.id
    (first,) = corrections.published_versions(letter)
    assert first.number == 1 and first.published_at == letter.published_at and first.told_us == letter.told_us
    assert [d.what for d in corrections.version_decisions(first)] == [d.what for d in letter.decisions]
    assert corrections.latest_correction([first]) is None


def test_a_save_from_an_old_lock_changes_nothing(setting):
    letter, iro = setting
    draft = corrections.start_correction(letter, iro)
    decisions = [(d.what, d.who, d.by_when) for d in corrections.version_decisions(draft)]
    assert corrections.save_correction(draft, 1, iro, {**_texts(letter), "told_us": "First."}, decisions, "")
    assert not corrections.save_correction(draft, 1, iro, {**_texts(letter), "told_us": "Second."}, decisions, "")
    assert "First." in corrections.draft_correction(letter).told_us


def test_publishing_needs_what_changed_then_rewords_decisions_in_place_and_tells_the_young_person(setting, world):
    letter, iro = setting
    follow_up = answer(letter, 1, world["yp:Alex"])
    ids = [d.id for d in letter.decisions]
    draft = corrections.start_correction(letter, iro)
    decisions = [(d.what, d.who, d.by_when) for d in corrections.version_decisions(draft)]
    decisions[0] = ("You will see Sam every fortnight.", decisions[0][1], decisions[0][2])
    assert corrections.save_correction(draft, draft.lock, iro, _texts(letter), decisions, "  ")
    assert corrections.publish_correction(draft, draft.lock, iro) is corrections.CorrectionResult.NO_NOTE
    assert corrections.save_correction(draft, draft.lock, iro, _texts(letter), decisions, "Every fortnight, not month.")
    assert corrections.publish_correction(draft, draft.lock - 1, iro) is corrections.CorrectionResult.CONFLICT
    assert corrections.publish_correction(draft, draft.lock, iro) is corrections.CorrectionResult.PUBLISHED

    now = db.session.scalars(select(Decision).where(Decision.letter_id == letter.id).order_by(Decision.position)).all()
    assert [d.id for d in now] == ids and now[0].what == "You will see Sam every fortnight."
    assert db.session.get(type(follow_up), follow_up.id).decision_id == ids[0]
    versions = corrections.published_versions(letter)
    assert [v.number for v in versions] == [1, 2]
    assert corrections.latest_correction(versions).what_changed == "Every fortnight, not month."
    assert corrections.draft_correction(letter) is None
    kinds = db.session.scalars(select(OutboxMessage.kind).order_by(OutboxMessage.id)).all()
    assert kinds[-1] == "letter_corrected"
    # A second correction is version 3; version 1 is not made again.
    assert corrections.start_correction(letter, iro).number == 3
    assert db.session.scalar(select(func.count(LetterVersion.id)).where(LetterVersion.number == 1)) == 1


def test_a_letter_its_versions_and_its_translations_hold_every_section_encrypted():
    for model in (ReviewLetter, LetterVersion, LetterTranslation):
        columns = model.__table__.columns
        assert [name for name in SECTIONS if isinstance(columns[name].type, EncryptedText)] == list(SECTIONS), model
