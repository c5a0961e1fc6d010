"""Every render of a child's words to a member of staff writes an audit row, whatever the route.

The walk takes every rule in `app.url_map` that a staff account may use (so a new route is walked
without anyone listing it), fills its arguments with every real id of that kind in the database,
and sends GET (plain and printable) and POST (an empty form, and a form from an out-of-date page,
which gives the conflict and error re-renders). A response that shows a child's words must have
written an audit row for that member of staff and that young person during the same request.

Only identifiable words are sentinels: council contributions carry no young person (they are
anonymous by design), so their text is plain words that this walk does not count.
"""

import io
import itertools
import zipfile

import pytest
from sqlalchemy import func, select

from portal.consultation import services as consultation_services
from portal.core.questions import Kind
from portal.extensions import db
from portal.letters import translations
from portal.models import AuditEvent, Consultation, Correction, Escalation, Passkey, Review, SafetyFlag, User, YoungPerson
from portal.models.letters import Decision, DecisionResponse, ReviewLetter
from portal.models.outbox import OutboxMessage
from portal.models.support import SupportKind, SupportRequest
from portal.models.voice import Campaign, Contribution, CouncilUpdate, MyContribution
from portal.security.access import rule_for
from tests.conftest import csrf_from, sign_in
from tests.letters import answer, write_letter
from tests.support_requests import make_request
from tests.voice_steps import mix

# What Alex wrote, or what was written to Alex about Alex: each must never reach staff unaudited.
SENTINELS = {
    "answer": "Zebrafinch private answer",
    "addition": "Quokkaberry one more thing",
    "flagged": "he hits me Ocelotdrum flagged words",
    "letter": "Marmosetlane published letter",
    "draft": "Axolotlpier draft letter",
    "comment": "Narwhalgate decision comment",
    "advocate": "Pangolinrow words to an advocate",
    "visitor": "Okapimoor words to a visitor",
    "correction": "Capybaraway words about what is not right",
}
# Shared with the council: anonymous, so not a sentinel (no young person to audit against).
COUNCIL_WORDS = "More football at weekends please"

# Which child's words each staff account can reach at all: proves the walk gets to the content.
EXPECTED_SEEN = {
    "demo-iro": {"answer", "addition", "flagged", "letter", "draft", "comment", "correction"},
    "demo-iro-2": set(),
    # The admin's subject access export holds the sent answers too (portal/records/export.py).
    "demo-admin": {"answer", "addition", "flagged", "letter", "draft", "comment", "advocate", "visitor", "correction"},
    "demo-advocacy": {"advocate"},
    "demo-visitor": {"visitor"},
    "demo-council": set(),
}

# Every URL argument a route may take, and where its real values come from.
ARGUMENTS = {
    "young_person_id": select(YoungPerson.id),
    "user_id": select(User.id),
    "review_id": select(Review.id),
    "consultation_id": select(Consultation.id),
    "flag_id": select(SafetyFlag.id),
    "letter_id": select(ReviewLetter.id),
    "decision_id": select(Decision.id),
    "response_id": select(DecisionResponse.id),
    "escalation_id": select(Escalation.id),
    "request_id": select(SupportRequest.id),
    "message_id": select(OutboxMessage.id),
    "campaign_id": select(Campaign.id),
    "update_id": select(CouncilUpdate.id),
    "token": select(Contribution.token),
    "key": select(MyContribution.id),
    "correction_id": select(Correction.id),
    "passkey_id": select(Passkey.id),
    "kind": ["advocate", "independent-visitor"],
    "number": [1],
    "language": ["ar"],  # the letter in the young person's language (asked for below)
}
QUERIES = ["", "?print=1"]
# An empty form (error re-renders) and a form from a page opened before someone else saved (conflicts).
POSTED = [{}, {"version": "0"}]
# Ending the session stops the walk, so these come last.
ENDS_SESSION = {"auth.sign_out", "main.exit_page"}


@pytest.fixture
def childs_words(app, world):
    """Alex's sent views, letters (published with an answer, and a draft) and two requests, all with sentinels."""
    with app.app_context():
        alex = db.session.get(YoungPerson, world["yp:Alex"])
        review = consultation_services.next_review(alex)
        consultation = consultation_services.start(alex, review, db.session.get(User, world["demo-child"]), "en")
        text_questions = [q for q in consultation_services.form_of(consultation).questions
                          if q.kind == Kind.TEXT and q.shareable]
        for question, text, shared in ((text_questions[0], SENTINELS["answer"], False),
                                       (text_questions[1], COUNCIL_WORDS, True)):
            consultation_services.save_answer(consultation, question, choice=None, text=text, shared=shared,
                                              skipped=False)
        assert consultation_services.send(consultation, db.session.get(User, world["demo-child"]))
        assert consultation_services.add_more(consultation, SENTINELS["addition"])
        assert consultation_services.add_more(consultation, SENTINELS["flagged"])  # raises a safety flag
        published = write_letter(alex.id, world["demo-iro"], told_us=SENTINELS["letter"])
        answer(published, 1, alex.id, comment=SENTINELS["comment"])
        translations.request_translation(published, "ar")
        write_letter(alex.id, world["demo-iro"], days_ago=10, publish=False, told_us=SENTINELS["draft"])
        db.session.add(Correction(young_person_id=alex.id, part="details", what_is_wrong=SENTINELS["correction"]))
        db.session.commit()
    mix(app)  # the shared answer reaches the council
    make_request(app, world, "demo-child", "Alex", details=SENTINELS["advocate"])
    make_request(app, world, "demo-child", "Alex", kind=SupportKind.INDEPENDENT_VISITOR, details=SENTINELS["visitor"])
    return world["yp:Alex"]


def _values(app, name, rule):
    assert name in ARGUMENTS, f"{rule.rule}: add where real values of <{name}> come from to ARGUMENTS"
    source = ARGUMENTS[name]
    if isinstance(source, list):
        return source
    with app.app_context():
        return db.session.scalars(source).all()


def _requests(app, user):
    """Every (method, URL, form) a member of staff may send, from app.url_map; session-ending ones last."""
    walked = []
    for rule in app.url_map.iter_rules():
        access = rule_for(app.view_functions[rule.endpoint])
        with app.app_context():  # a council account's permissions are read from the database
            admitted = access is not None and access.admits(user)
        if not admitted:
            continue
        names = sorted(rule.arguments)
        for values in itertools.product(*(_values(app, name, rule) for name in names)):
            url = rule.build(dict(zip(names, values, strict=True)))[1]
            if "GET" in rule.methods:
                walked += [(0, "GET", url + query, None) for query in QUERIES]
            if "POST" in rule.methods:
                walked += [(2 if rule.endpoint in ENDS_SESSION else 1, "POST", url, form) for form in POSTED]
    return [step[1:] for step in sorted(walked, key=lambda step: step[0])]


def _body(response):
    """What a response shows: its text, or for a download (a subject access ZIP) every file inside it."""
    if response.mimetype == "application/zip":
        with zipfile.ZipFile(io.BytesIO(response.data)) as archive:
            return "\n".join(archive.read(name).decode("utf-8") for name in archive.namelist())
    return response.get_data(as_text=True)


def _last_event_id(app):
    with app.app_context():
        return db.session.scalar(select(func.max(AuditEvent.id))) or 0


def _audited_since(app, after_id, actor_id, young_person_id):
    with app.app_context():
        return db.session.scalar(select(AuditEvent.id).where(
            AuditEvent.id > after_id, AuditEvent.actor_id == actor_id,
            AuditEvent.young_person_id == young_person_id).limit(1)) is not None


@pytest.mark.parametrize("account", sorted(EXPECTED_SEEN))
def test_every_staff_render_of_a_childs_words_is_audited(app, world, childs_words, account):
    client = app.test_client()
    assert sign_in(client, account).status_code == 303
    token = csrf_from(client.get("/get-help"))
    with app.app_context():
        user = db.session.get(User, world[account])
        _ = user.role
    unaudited, seen, council_words_shown = [], set(), False
    for method, url, form in _requests(app, user):
        before = _last_event_id(app)
        if method == "GET":
            response = client.get(url)
        else:
            response = client.post(url, data={"csrf_token": token, **form})
        body = _body(response)
        shown = {name for name, words in SENTINELS.items() if words in body}
        seen |= shown
        council_words_shown |= COUNCIL_WORDS in body
        if shown and not _audited_since(app, before, user.id, childs_words):
            unaudited.append(f"{method} {url} {form or ''} -> {response.status_code} shows {sorted(shown)}")
    assert unaudited == [], "\n".join(unaudited)
    assert seen == EXPECTED_SEEN[account]
    if account == "demo-council":  # the moderation queue shows the anonymous words, and that is not a leak
        assert council_words_shown
