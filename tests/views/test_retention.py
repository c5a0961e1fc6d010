"""Retention on both databases: the dry run lists and changes nothing; apply removes a young person's words and
what identifies them, keeps what the figures count and the council's anonymous contributions, and runs once."""

from datetime import date

import pytest
from sqlalchemy import delete, func, select

from portal.consultation import services as consultation_services
from portal.core.questions import Kind
from portal.extensions import db
from portal.models import (
    Answer,
    AuditEvent,
    CareEpisode,
    CarerLink,
    Consultation,
    Contribution,
    Correction,
    KeptForm,
    LegalStatus,
    MyContribution,
    Participation,
    QueuedContribution,
    Review,
    ReviewLetter,
    SupportRequest,
    User,
    YoungPerson,
)
from portal.records import cli as retention_cli
from portal.records import retention
from portal.voice import services as voice_services
from tests.conftest import sign_in
from tests.letters import write_letter
from tests.support_requests import make_request
from tests.voice_steps import mix

TODAY = date(2031, 6, 1)
SHARED = "Kingfisher words shared with the council"
ALONE = "Thistledown words written alone"


@pytest.fixture
def old_record(app, world, monkeypatch):
    """Alex, born in 1990 and out of care since 2008 (so past their 25th birthday), with words everywhere:
    a sent form (one answer shared with the council, mixed), something still queued for the council, a
    published letter with a held review's participation code, a support request, a "not right" request,
    kept typing and a carer. Jordan has an open care episode and is never due."""
    monkeypatch.setattr(retention_cli, "local_today", lambda: TODAY)
    with app.app_context():
        alex = db.session.get(YoungPerson, world["yp:Alex"])
        child = db.session.get(User, world["demo-child"])
        consultation = consultation_services.start(alex, consultation_services.next_review(alex), child, "en")
        first, second = [q for q in consultation_services.form_of(consultation).questions
                         if q.kind == Kind.TEXT and q.shareable][:2]
        consultation_services.save_answer(consultation, first, choice=None, text=ALONE, shared=False, skipped=False)
        consultation_services.save_answer(consultation, second, choice=None, text=SHARED, shared=True, skipped=False)
        assert consultation_services.send(consultation, child)
        letter = write_letter(alex.id, world["demo-iro"], told_us="Sunflower letter words")
        letter.review.participation = Participation.PN1
        # The demo's own (open) episode for Alex is replaced by one that ended in 2008.
        db.session.execute(delete(CareEpisode).where(CareEpisode.young_person_id == alex.id))
        db.session.add_all([
            CareEpisode(young_person_id=alex.id, started_on=date(2000, 1, 10), legal_status=LegalStatus.CARE_ORDER,
                        ended_on=date(2008, 3, 1), end_reason="Moved to live with an aunt"),
            CareEpisode(young_person_id=world["yp:Jordan"], started_on=date(2020, 1, 6),
                        legal_status=LegalStatus.CARE_ORDER),
            Correction(young_person_id=alex.id, part="details", what_is_wrong="My surname is wrong"),
            KeptForm(user_id=child.id, path="/my-review/sooner", data='{"reason": "kept typing"}'),
            CarerLink(carer_id=world["demo-carer"], young_person_id=alex.id),
        ])
        alex.date_of_birth = date(1990, 3, 15)
        db.session.commit()
    mix(app)
    with app.app_context():
        alex = db.session.get(YoungPerson, world["yp:Alex"])
        assert voice_services.tell_the_council(alex, "Still waiting words", [], "en", "retention-test-submission")
    make_request(app, world, "demo-child", "Alex", details="Sandpiper support words")
    return world


def _state(app, world):
    """What the figures count, and what retention must remove, as plain values."""
    alex_id = world["yp:Alex"]
    with app.app_context():
        alex = db.session.get(YoungPerson, alex_id)
        user = db.session.get(User, world["demo-child"])
        letter = db.session.scalar(select(ReviewLetter).where(ReviewLetter.young_person_id == alex_id,
                                                              ReviewLetter.told_us.is_not(None)))
        return {
            "name": alex.first_name, "born": alex.date_of_birth, "anonymised": alex.anonymised_at is not None,
            "answers": db.session.scalar(select(func.count(Answer.id)).join(
                Consultation, Consultation.id == Answer.consultation_id).where(Consultation.young_person_id == alex_id)),
            "consultations": db.session.scalar(select(func.count(Consultation.id)).where(
                Consultation.young_person_id == alex_id)),
            "letter_words": letter.told_us if letter else None,
            "participation": sorted(p.value for p in db.session.scalars(select(Review.participation).where(
                Review.young_person_id == alex_id, Review.participation.is_not(None)))),
            "held_reviews": db.session.scalar(select(func.count(Review.id)).where(
                Review.young_person_id == alex_id, Review.held_on.is_not(None))),
            "support": [(r.details, r.status.value) for r in db.session.scalars(
                select(SupportRequest).where(SupportRequest.young_person_id == alex_id))],
            "episodes": [(e.ended_on, e.end_reason) for e in db.session.scalars(
                select(CareEpisode).where(CareEpisode.young_person_id == alex_id))],
            "corrections": db.session.scalar(select(func.count(Correction.id)).where(Correction.young_person_id == alex_id)),
            "kept": db.session.scalar(select(func.count(KeptForm.id)).where(KeptForm.user_id == user.id)),
            "carers": db.session.scalar(select(func.count(CarerLink.id)).where(CarerLink.young_person_id == alex_id)),
            "sealed": db.session.scalar(select(func.count(MyContribution.id)).where(MyContribution.young_person_id == alex_id)),
            "queued": db.session.scalar(select(func.count()).select_from(QueuedContribution)),
            "contributions": sorted(c.text for c in db.session.scalars(select(Contribution))),
            "account": (user.username, user.display_name, user.active),
            "audit": db.session.scalar(select(func.count(AuditEvent.id))),
            "jordan": db.session.get(YoungPerson, world["yp:Jordan"]).first_name,
        }


def test_dry_run_lists_who_is_due_and_changes_nothing(app, runner, old_record):
    before = _state(app, old_record)
    result = runner.invoke(args=["retention", "--dry-run"])
    assert result.exit_code == 0, result.output
    assert f"due: young person {old_record['yp:Alex']} (left care 2008-03-01, kept until 2015-03-15)" in result.output
    assert "1 young people's records are past their date. Nothing was changed (dry run)." in result.output
    assert "Alex" not in result.output  # no names in a log
    assert _state(app, old_record) == before


def test_apply_removes_the_words_and_who_keeps_the_counts_and_the_councils_contributions(app, runner, old_record):
    before = _state(app, old_record)
    assert before["answers"] == 2 and before["sealed"] == 1 and before["queued"] == 1 and before["kept"] == 1
    assert SHARED in before["contributions"]

    result = runner.invoke(args=["retention", "--apply"])
    assert result.exit_code == 0, result.output
    assert f"anonymised: young person {old_record['yp:Alex']}" in result.output
    after = _state(app, old_record)

    # Removed: words, what identifies them, their sealed pointers and queued words, kept typing, carers.
    assert after["name"] == "—" and after["born"] == date(1990, 1, 1) and after["anonymised"]
    assert after["answers"] == 0 and after["letter_words"] is None and after["corrections"] == 0
    assert after["support"] == [(None, before["support"][0][1])]
    assert after["episodes"] == [(date(2008, 3, 1), None)]
    assert after["kept"] == 0 and after["carers"] == 0 and after["sealed"] == 0 and after["queued"] == 0
    username, display_name, active = after["account"]
    assert username.startswith("removed-") and display_name == "—" and active is False
    # Kept for the figures: forms sent, reviews held and their participation codes, episodes' dates.
    assert after["consultations"] == before["consultations"] == 1
    assert after["participation"] == before["participation"] and "PN1" in after["participation"]  # the codes stay
    assert after["held_reviews"] == before["held_reviews"]
    # The council's anonymous contributions stay, as does the audit log (which holds no content).
    assert after["contributions"] == before["contributions"]
    assert after["audit"] == before["audit"]
    assert after["jordan"] == "Jordan"

    again = runner.invoke(args=["retention", "--apply"])
    assert "0 young people's records were anonymised." in again.output
    assert _state(app, old_record) == after


def test_the_removed_account_cannot_sign_in(app, client, runner, old_record):
    runner.invoke(args=["retention", "--apply"])
    assert sign_in(client, "demo-child").status_code != 303


def test_the_command_needs_exactly_one_of_dry_run_or_apply(app, runner, old_record):
    assert runner.invoke(args=["retention"]).exit_code == 2
    assert runner.invoke(args=["retention", "--dry-run", "--apply"]).exit_code == 2


def test_the_admin_page_lists_who_is_due(app, client, old_record):
    sign_in(client, "demo-admin")
    body = client.get("/admin/retention").get_data(as_text=True)
    assert "Alex" in body and "Due now" in body and "Jordan" not in body


def test_someone_still_in_care_or_without_episodes_is_never_due(app, world):
    with app.app_context():
        db.session.add(CareEpisode(young_person_id=world["yp:Jordan"], started_on=date(1995, 1, 1),
                                   legal_status=LegalStatus.S20, ended_on=date(1996, 1, 1)))
        db.session.add(CareEpisode(young_person_id=world["yp:Jordan"], started_on=date(1997, 1, 1),
                                   legal_status=LegalStatus.S20))
        db.session.get(YoungPerson, world["yp:Jordan"]).date_of_birth = date(1980, 1, 1)
        db.session.get(YoungPerson, world["yp:Sam"]).date_of_birth = date(1980, 1, 1)
        db.session.commit()
        assert retention.schedule(date(2060, 1, 1)) == []


def test_the_removed_account_keeps_no_passkey(app, runner, old_record):
    from portal.models import Passkey

    with app.app_context():
        db.session.add(Passkey(user_id=old_record["demo-child"], credential_id=b"\x01" * 32, public_key=b"key",
                               name="My phone"))
        db.session.commit()
    runner.invoke(args=["retention", "--apply"])
    with app.app_context():
        assert db.session.scalar(select(func.count(Passkey.id))) == 0


def test_the_removed_account_keeps_no_mobile_number_or_email_for_reminders(app, runner, old_record):
    from portal.core import contact
    from portal.models import ContactPreference

    with app.app_context():
        contact.choose(db.session.get(User, old_record["demo-child"]), "sms", "07700 900123", None)
        db.session.commit()
        assert db.session.scalar(select(func.count()).select_from(ContactPreference)) == 1
    runner.invoke(args=["retention", "--apply"])
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(ContactPreference)) == 0


def test_earlier_versions_of_a_corrected_letter_lose_their_words_too(app, runner, old_record):
    from portal.models import LetterVersion

    with app.app_context():
        letter = db.session.scalar(select(ReviewLetter).where(ReviewLetter.young_person_id == old_record["yp:Alex"]))
        db.session.add(LetterVersion(letter_id=letter.id, number=1, updated_by_id=old_record["demo-iro"],
                                     told_us="Kingfisher earlier words", what_changed="Kingfisher change"))
        db.session.commit()
    runner.invoke(args=["retention", "--apply"])
    with app.app_context():
        versions = db.session.scalars(select(LetterVersion)).all()
        assert versions and all(v.told_us is None and v.what_changed is None for v in versions)
