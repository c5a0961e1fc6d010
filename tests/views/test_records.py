"""See my records: what each person's download holds (and never holds), the JSON against its schema, the
subject access export's audit and third-party marks, "That's not right about me" from the young person to the
IRO and back, and the privacy notice's links."""

import io
import json
import zipfile

import jsonschema
import pytest
from sqlalchemy import select

from portal.consultation import services as consultation_services
from portal.core.questions import Kind
from portal.extensions import db
from portal.models import AuditEvent, Correction, CorrectionOutcome, OutboxMessage, User, YoungPerson
from portal.records import export
from tests.conftest import csrf_from, sign_in
from tests.letters import answer, form_fields, write_letter
from tests.support_requests import make_request
from tests.voice_steps import mix

ALEX_ALONE = "Quillfeather words Alex wrote alone"
ALEX_SHARED = "Lanternfish words Alex shared with the council"
ALEX_COMMENT = "Driftwood comment about a decision"
LETTER_TEXT = "Marigold letter text for Alex"
JORDAN_ALONE = "Pebblestone words Jordan wrote alone"
JORDAN_TOGETHER = "Bumblecart words Jordan gave with Morgan"


def _text_questions(consultation):
    return [q for q in consultation_services.form_of(consultation).questions if q.kind == Kind.TEXT and q.shareable]


@pytest.fixture
def records(app, world):
    """Alex: a sent form (one answer alone, one shared), a published letter answered with a comment, a request.
    Jordan (9): a sent form with one answer given alone and one given with their carer Morgan (demo-carer)."""
    with app.app_context():
        alex = db.session.get(YoungPerson, world["yp:Alex"])
        child = db.session.get(User, world["demo-child"])
        consultation = consultation_services.start(alex, consultation_services.next_review(alex), child, "en")
        first, second = _text_questions(consultation)[:2]
        consultation_services.save_answer(consultation, first, choice=None, text=ALEX_ALONE, shared=False, skipped=False)
        consultation_services.save_answer(consultation, second, choice=None, text=ALEX_SHARED, shared=True, skipped=False)
        assert consultation_services.send(consultation, child)
        letter = write_letter(alex.id, world["demo-iro"], told_us=LETTER_TEXT)
        answer(letter, 1, alex.id, comment=ALEX_COMMENT)

        jordan = db.session.get(YoungPerson, world["yp:Jordan"])
        carer = db.session.get(User, world["demo-carer"])
        form = consultation_services.start(jordan, consultation_services.next_review(jordan),
                                           db.session.get(User, world["demo-child-2"]), "en")
        first, second = _text_questions(form)[:2]
        consultation_services.save_answer(form, first, choice=None, text=JORDAN_ALONE, shared=False, skipped=False)
        consultation_services.start_helping(form, carer)
        consultation_services.save_answer(form, second, choice=None, text=JORDAN_TOGETHER, shared=False, skipped=False,
                                          helped_by=carer)
        assert consultation_services.send(form, db.session.get(User, world["demo-child-2"]))
        letter_id = letter.id
    mix(app)  # the shared answer reaches the council
    make_request(app, world, "demo-child", "Alex", details="Please help me with contact")
    return {"letter": letter_id, **world}


def _unzip(response):
    assert response.status_code == 200, response.get_data(as_text=True)
    assert response.mimetype == "application/zip"
    with zipfile.ZipFile(io.BytesIO(response.data)) as archive:
        assert sorted(archive.namelist()) == ["my-records.html", "my-records.json", "my-records.schema.json"]
        record = json.loads(archive.read("my-records.json"))
        page = archive.read("my-records.html").decode("utf-8")
        schema = json.loads(archive.read("my-records.schema.json"))
    jsonschema.validate(record, schema, format_checker=jsonschema.FormatChecker())
    return record, page


def _all_words(record):
    return json.dumps(record, ensure_ascii=False)


def test_a_young_person_downloads_everything_about_them_and_it_follows_the_schema(app, client, records):
    sign_in(client, "demo-child")
    record, page = _unzip(client.get(f"/records/{records['yp:Alex']}/download"))
    words = _all_words(record)
    assert record["made_for"] == "young_person"
    assert record["young_person"]["first_name"] == "Alex"
    for expected in (ALEX_ALONE, ALEX_SHARED, ALEX_COMMENT, LETTER_TEXT, "Please help me with contact"):
        assert expected in words
        assert expected in page
    # Their shared words come back to them from their own sealed list, and to nobody else.
    assert [item["words"] for item in record["council_words"]] == [ALEX_SHARED]
    assert record["helpers"][0]["name"] == "Priya Shah" and record["helpers"][0]["third_party"] is False
    assert record["safety_flags"] == []
    assert "Check before sending" not in page
    assert "This hasn&#39;t happened" in page and "An advocate" in page  # codes in words on the page
    assert "<script" not in page and "portal.css" not in page  # self-contained


def test_the_schema_in_the_repository_is_the_one_in_the_zip_and_refuses_a_wrong_record(app, client, records):
    sign_in(client, "demo-child")
    record, _page = _unzip(client.get(f"/records/{records['yp:Alex']}/download"))
    record["made_for"] = "someone_else"
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(record, export.schema())


def test_a_carer_gets_only_what_they_may_read_never_what_the_child_wrote_alone(app, client, records):
    sign_in(client, "demo-carer")
    record, page = _unzip(client.get(f"/records/{records['yp:Jordan']}/download"))
    words = _all_words(record)
    assert record["made_for"] == "carer"
    assert JORDAN_TOGETHER in words and JORDAN_TOGETHER in page
    assert JORDAN_ALONE not in words and JORDAN_ALONE not in page
    assert record["council_words"] is None
    assert record["corrections"] == [] and record["review_requests"] == [] and record["episodes"] == []
    assert [helper["name"] for helper in record["helpers"]] == ["Priya Shah", "Morgan Ellis"]


def test_a_subject_access_export_is_audited_marks_other_people_and_leaves_out_council_words(app, client, records):
    with app.app_context():
        before = db.session.scalar(select(AuditEvent.id).order_by(AuditEvent.id.desc()).limit(1)) or 0
    sign_in(client, "demo-admin")
    record, page = _unzip(client.get(f"/caseload/{records['yp:Jordan']}/subject-access.zip"))
    assert record["made_for"] == "subject_access"
    assert JORDAN_ALONE in _all_words(record) and JORDAN_TOGETHER in _all_words(record)
    assert record["council_words"] is None
    morgan = next(helper for helper in record["helpers"] if helper["name"] == "Morgan Ellis")
    assert morgan["third_party"] is True
    assert next(h for h in record["helpers"] if h["name"] == "Priya Shah")["third_party"] is False
    assert "Morgan Ellis (Carer) <mark class=\"review\">Check before sending" in page
    assert "Priya Shah (Independent Reviewing Officer) <mark" not in page
    with app.app_context():
        rows = db.session.execute(select(AuditEvent.subject, AuditEvent.young_person_id, AuditEvent.actor_id)
                                  .where(AuditEvent.id > before)).all()
    assert ("subject_access", records["yp:Jordan"], records["demo-admin"]) in rows


def test_the_iros_export_has_no_council_words_even_for_a_child_who_shared(app, client, records):
    sign_in(client, "demo-iro")
    record, page = _unzip(client.get(f"/caseload/{records['yp:Alex']}/subject-access.zip"))
    assert record["council_words"] is None
    # Alex's own words to an advocate are not the IRO's to read (only an admin's export holds them).
    assert "Please help me with contact" not in _all_words(record) and record["support_requests"] == []
    assert ALEX_SHARED in _all_words(record)  # as an answer on the form the IRO reads anyway...
    assert not any(a["words"] == ALEX_SHARED and not a["shared_with_council"]
                   for c in record["consultations"] for a in c["answers"])  # ...marked as the young person chose


def test_answers_not_yet_sent_are_in_the_young_persons_download_but_never_in_a_staff_export(app, client, records):
    draft = "Saltmarsh words Casey has not sent yet"
    with app.app_context():
        casey = db.session.get(YoungPerson, records["yp:Casey"])
        child = db.session.get(User, records["demo-child-3"])
        form = consultation_services.start(casey, consultation_services.next_review(casey), child, "en")
        consultation_services.save_answer(form, _text_questions(form)[0], choice=None, text=draft, shared=False,
                                          skipped=False)
    for staff in ("demo-iro-2", "demo-admin"):
        staff_client = app.test_client()
        sign_in(staff_client, staff)
        record, page = _unzip(staff_client.get(f"/caseload/{records['yp:Casey']}/subject-access.zip"))
        assert draft not in _all_words(record) and draft not in page, staff
    sign_in(client, "demo-child-3")
    record, _page = _unzip(client.get(f"/records/{records['yp:Casey']}/download"))
    assert draft in _all_words(record)  # their own, unsent, still theirs to see


def _post(client, url, data):
    page = client.get(url)
    return client.post(url, data={"csrf_token": csrf_from(page), **data})


def test_thats_not_right_reaches_the_iro_who_answers_and_the_young_person_sees_the_outcome(app, client, records):
    sign_in(client, "demo-child")
    page = client.get(f"/my-records/not-right?about=letter-{records['letter']}")
    assert form_fields(page)["about"] == f"letter-{records['letter']}"  # chosen from the letter's link
    response = client.post("/my-records/not-right", data={**form_fields(page), "what_is_wrong": "I did not say that"})
    assert response.status_code == 303
    with app.app_context():
        correction = db.session.scalar(select(Correction))
        assert (correction.part, correction.letter_id, correction.what_is_wrong) == ("letter", records["letter"],
                                                                                     "I did not say that")
        notice = db.session.scalar(select(OutboxMessage).where(OutboxMessage.kind == "correction_requested"))
        assert notice.recipient_id == records["demo-iro"]
    assert "Waiting for your IRO" in client.get("/my-records").get_data(as_text=True)

    iro = app.test_client()
    sign_in(iro, "demo-iro")
    assert "Alex" in iro.get("/caseload/not-right").get_data(as_text=True)
    assert "Things they say are not right, waiting for an answer: 1" in \
        iro.get(f"/caseload/{records['yp:Alex']}").get_data(as_text=True)
    opened = iro.get(f"/caseload/not-right/{correction.id}")
    assert "I did not say that" in opened.get_data(as_text=True)
    answered = iro.post(f"/caseload/not-right/{correction.id}", data={
        "csrf_token": csrf_from(opened), "outcome": "corrected", "answer": "You are right, I have changed it."})
    assert answered.status_code == 303
    again = iro.post(f"/caseload/not-right/{correction.id}", data={
        "csrf_token": csrf_from(opened), "outcome": "not_changed", "answer": "Second go"})
    assert again.status_code == 409
    with app.app_context():
        stored = db.session.get(Correction, correction.id)
        assert stored.outcome == CorrectionOutcome.CORRECTED and stored.answered_by_id == records["demo-iro"]
        assert db.session.scalar(select(OutboxMessage.recipient_id).where(
            OutboxMessage.kind == "correction_answered")) == records["demo-child"]

    body = client.get("/my-records").get_data(as_text=True)
    assert "Corrected" in body and "You are right, I have changed it." in body


def test_the_young_persons_letter_and_home_lead_to_their_records(app, client, records):
    sign_in(client, "demo-child")
    letter = client.get(f"/review-letters/{records['letter']}").get_data(as_text=True)
    assert f'href="/my-records/not-right?about=letter-{records["letter"]}"' in letter
    assert 'href="/my-records"' in client.get("/home").get_data(as_text=True)


def test_a_decision_or_a_part_of_the_record_can_be_flagged_and_bad_input_keeps_the_words(app, client, records):
    sign_in(client, "demo-child")
    page = client.get("/my-records/not-right")
    body = page.get_data(as_text=True)
    assert "Decision 1 in the letter of" in body and "My time in care" in body
    refused = client.post("/my-records/not-right", data={"csrf_token": csrf_from(page), "what_is_wrong": "Kept words"})
    assert refused.status_code == 400
    assert "Choose what is not right" in refused.get_data(as_text=True)
    assert "Kept words" in refused.get_data(as_text=True)
    forged = client.post("/my-records/not-right", data={"csrf_token": csrf_from(page), "about": "letter-999999",
                                                        "what_is_wrong": "Someone else's letter"})
    assert forged.status_code == 400
    with app.app_context():
        assert db.session.scalar(select(Correction)) is None


def test_an_iros_answer_needs_an_outcome_and_words(app, client, records):
    with app.app_context():
        correction = Correction(young_person_id=records["yp:Alex"], part="care", what_is_wrong="Wrong dates")
        db.session.add(correction)
        db.session.commit()
        correction_id = correction.id
    sign_in(client, "demo-iro")
    response = _post(client, f"/caseload/not-right/{correction_id}", {"answer": "Typed answer"})
    assert response.status_code == 400
    body = response.get_data(as_text=True)
    assert "Choose whether you corrected it" in body and "Typed answer" in body


def test_the_privacy_notice_is_linked_from_joining_and_every_footer(app, client, world):
    notice = client.get("/how-we-use-your-information")
    assert notice.status_code == 200
    assert "If you are under 12" in notice.get_data(as_text=True)
    assert 'href="/how-we-use-your-information"' in client.get("/join").get_data(as_text=True)
    for page in ("/", "/get-help", "/sign-in"):
        assert 'href="/how-we-use-your-information"' in client.get(page).get_data(as_text=True)


@pytest.mark.parametrize("locale", ["en", "ar"])
def test_every_data_rights_page_passes_the_page_checks(app, client, records, check_page, locale):
    """One h1 the title starts with, labelled inputs, unique ids, CSRF, lang/dir: in English and right to left."""
    with app.app_context():
        correction = Correction(young_person_id=records["yp:Alex"], part="details", what_is_wrong="Wrong")
        db.session.add(correction)
        db.session.commit()
        correction_id = correction.id
    headers = {"Accept-Language": locale}
    check_page(client.get("/how-we-use-your-information", headers=headers), locale=locale)
    pages = {"demo-child": ["/my-records", "/my-records/not-right"], "demo-carer": ["/caring-for/records"],
             "demo-iro": ["/caseload/not-right", f"/caseload/not-right/{correction_id}",
                          f"/caseload/{records['yp:Alex']}/subject-access"],
             "demo-admin": ["/admin/retention"]}
    for username, urls in pages.items():
        browser = app.test_client()
        sign_in(browser, username)
        for url in urls:
            check_page(browser.get(url, headers=headers), locale=locale)
