"""Review letters: every route × every role, and nobody reaches another person's letters (404, never the data)."""

import pytest

from portal.core.reviews import next_reviews
from portal.extensions import db
from portal.letters import corrections, translations
from portal.models import User, YoungPerson
from tests.access import ROLES, expect, outcomes, world_ids
from tests.conftest import csrf_from, sign_in
from tests.letters import answer, correct_letter, held_review, write_letter

STAFF = {"iro": 200, "admin": 200}
STAFF_POST = {"iro": 303, "admin": 303}
STAFF_FORM_ERROR = {"iro": 400, "admin": 400}

# (method, URL pattern, rule in url_map, expected status per role). The POSTs carry no form fields,
# so a role that may use the route gets the form's 400 (or a 303 where there is nothing to fill in).
MATRIX = [
    ("GET", "/letters", "/letters", expect(403, anonymous=302, **STAFF)),
    ("GET", "/letters/young-people/{alex}", "/letters/young-people/<id:young_person_id>",
     expect(403, anonymous=302, **STAFF)),
    ("POST", "/letters/reviews/{upcoming}/held", "/letters/reviews/<id:review_id>/held",
     expect(403, anonymous=401, **STAFF_FORM_ERROR)),
    ("POST", "/letters/reviews/{held}/letter", "/letters/reviews/<id:review_id>/letter",
     expect(403, anonymous=401, **STAFF_POST)),
    ("GET", "/letters/{draft}/edit", "/letters/<id:letter_id>/edit", expect(403, anonymous=302, **STAFF)),
    ("GET", "/letters/{draft}/preview", "/letters/<id:letter_id>/preview", expect(403, anonymous=302, **STAFF)),
    ("POST", "/letters/{draft}/publish", "/letters/<id:letter_id>/publish",
     expect(403, anonymous=401, **STAFF_FORM_ERROR)),
    ("GET", "/letters/{published}", "/letters/<id:letter_id>", expect(403, anonymous=302, **STAFF)),
    ("GET", "/letters/follow-ups/{follow_up}", "/letters/follow-ups/<id:response_id>",
     expect(403, anonymous=302, **STAFF)),
    # The letter in the young person's language: only a language they asked for (Alex asked for Tigrinya).
    ("GET", "/letters/{published}/translations/ti", "/letters/<id:letter_id>/translations/<language>",
     expect(403, anonymous=302, **STAFF)),
    ("POST", "/letters/{published}/translations/ti", "/letters/<id:letter_id>/translations/<language>",
     expect(403, anonymous=401, **STAFF_FORM_ERROR)),
    # Correcting a published letter: start (or carry on), write, publish; earlier versions; print views.
    ("POST", "/letters/{published}/correct", "/letters/<id:letter_id>/correct",
     expect(403, anonymous=401, **STAFF_POST)),
    ("GET", "/letters/{published}/correction", "/letters/<id:letter_id>/correction",
     expect(403, anonymous=302, **STAFF)),
    ("POST", "/letters/{published}/correction", "/letters/<id:letter_id>/correction",
     expect(403, anonymous=401, **STAFF_FORM_ERROR)),
    ("GET", "/letters/{corrected}/versions/1", "/letters/<id:letter_id>/versions/<int:number>",
     expect(403, anonymous=302, **STAFF)),
    ("GET", "/letters/{published}/print", "/letters/<id:letter_id>/print", expect(403, anonymous=302, **STAFF)),
    ("GET", "/review-letters", "/review-letters", expect(403, anonymous=302, young_person=200, carer=200)),
    ("POST", "/review-letters/sharing", "/review-letters/sharing", expect(403, anonymous=401, young_person=400)),
    # demo-carer does not look after Alex: not found.
    ("GET", "/review-letters/{published}", "/review-letters/<id:letter_id>",
     expect(403, anonymous=302, young_person=200, carer=404)),
    ("POST", "/review-letters/{published}/decisions/{decision}", "/review-letters/<id:letter_id>/decisions/<id:decision_id>",
     expect(403, anonymous=401, young_person=400)),
    ("POST", "/review-letters/{published}/language", "/review-letters/<id:letter_id>/language",
     expect(403, anonymous=401, young_person=400)),
    ("GET", "/review-letters/{corrected}/versions/1", "/review-letters/<id:letter_id>/versions/<int:number>",
     expect(403, anonymous=302, young_person=200, carer=404)),
    ("GET", "/review-letters/{published}/print", "/review-letters/<id:letter_id>/print",
     expect(403, anonymous=302, young_person=200, carer=404)),
]


@pytest.fixture
def letters(app, world):
    """Letters of Alex (published with a follow-up, and a draft), Jordan (9), Sam (6) and Casey (15), as ids."""
    with app.app_context():
        iro, iro_2 = world["demo-iro"], world["demo-iro-2"]
        published = write_letter(world["yp:Alex"], iro, days_ago=40)
        follow_up = answer(published, 2, world["yp:Alex"])
        translations.request_translation(published, "ti")
        draft = write_letter(world["yp:Alex"], iro, days_ago=5, publish=False)
        held = held_review(world["yp:Alex"], days_ago=1)
        upcoming = next_reviews([world["yp:Alex"]])[world["yp:Alex"]]
        jordan = write_letter(world["yp:Jordan"], iro)
        sam = write_letter(world["yp:Sam"], iro)
        casey = write_letter(world["yp:Casey"], iro_2)
        casey_follow_up = answer(casey, 1, world["yp:Casey"])
        translations.request_translation(casey, "ti")
        corrected = write_letter(world["yp:Alex"], iro, days_ago=80)
        correct_letter(corrected, iro)
        casey_corrected = write_letter(world["yp:Casey"], iro_2, days_ago=80)
        correct_letter(casey_corrected, iro_2)
        correcting = write_letter(world["yp:Alex"], iro, days_ago=120)
        corrections.start_correction(correcting, db.session.get(User, iro))
        return {
            "correcting": correcting.id,
            "corrected": corrected.id, "casey_corrected": casey_corrected.id,
            "published": published.id, "draft": draft.id, "held": held.id, "upcoming": upcoming.id,
            "decision": published.decisions[0].id, "follow_up": follow_up.id,
            "jordan_letter": jordan.id, "sam_letter": sam.id, "casey_letter": casey.id,
            "casey_decision": casey.decisions[0].id, "casey_follow_up": casey_follow_up.id,
            "casey_review": casey.review_id,
        }


def test_the_matrix_holds_every_route_of_this_capability(app):
    rules = {rule for _method, _url, rule, _expected in MATRIX}
    mine = {rule.rule for rule in app.url_map.iter_rules() if rule.endpoint.startswith("letters.")}
    assert mine == rules


@pytest.mark.parametrize("role", list(ROLES))
def test_role_gets_declared_outcome_on_every_route(app, world, letters, role):
    assert outcomes(app, role, MATRIX, world_ids(world, **letters), {}) == {}, "(got, expected) per route"


# Another person's objects, per person: (method, URL pattern). All must be 404 and show nothing of it.
OTHER_PEOPLES = {
    "demo-iro-2": [  # another IRO's caseload
        ("GET", "/letters/young-people/{alex}"), ("POST", "/letters/reviews/{held}/held"),
        ("POST", "/letters/reviews/{held}/letter"), ("GET", "/letters/{draft}/edit"), ("POST", "/letters/{draft}/edit"),
        ("GET", "/letters/{draft}/preview"), ("POST", "/letters/{draft}/publish"), ("GET", "/letters/{published}"),
        ("GET", "/letters/follow-ups/{follow_up}"), ("POST", "/letters/follow-ups/{follow_up}"),
        ("GET", "/letters/{published}/translations/ti"), ("POST", "/letters/{published}/translations/ti"),
        ("POST", "/letters/{published}/correct"),
        ("GET", "/letters/{corrected}/correction"), ("POST", "/letters/{corrected}/correction"),
        ("GET", "/letters/{corrected}/versions/1"), ("GET", "/letters/{published}/print"),
    ],
    "demo-iro": [
        ("GET", "/letters/{casey_letter}"), ("GET", "/letters/follow-ups/{casey_follow_up}"),
        ("POST", "/letters/reviews/{casey_review}/held"), ("GET", "/letters/999999"),
        ("GET", "/letters/{casey_corrected}/versions/1"), ("GET", "/letters/{casey_letter}/print"),
        ("POST", "/letters/{casey_letter}/correct"), ("GET", "/letters/{casey_letter}/translations/ti"),
        ("GET", "/letters/{published}/translations/fa"),  # a language nobody asked for
    ],
    "demo-child-3": [  # another young person's letter
        ("GET", "/review-letters/{published}"), ("POST", "/review-letters/{published}/decisions/{decision}"),
        ("POST", "/review-letters/{published}/language"), ("GET", "/review-letters/{corrected}/versions/1"),
        ("GET", "/review-letters/{published}/print"),
    ],
    "demo-child": [  # one's own draft; a decision of another letter
        ("GET", "/review-letters/{draft}"), ("POST", "/review-letters/{published}/decisions/{casey_decision}"),
        ("POST", "/review-letters/{casey_letter}/decisions/{casey_decision}"),
        ("GET", "/review-letters/{draft}/print"), ("GET", "/review-letters/{casey_corrected}/versions/1"),
        ("GET", "/review-letters/{corrected}/versions/2"),  # the newest version is the letter itself
    ],
    "demo-carer": [("GET", "/review-letters/{casey_letter}"), ("GET", "/review-letters/{published}"),
                   ("GET", "/review-letters/{published}/print"), ("GET", "/review-letters/{corrected}/versions/1")],
    # Another carer's child, and their own child of 12 or over who has not shared their letters.
    "demo-carer-2": [("GET", "/review-letters/{jordan_letter}"), ("GET", "/review-letters/{casey_letter}")],
}


@pytest.mark.parametrize("username", list(OTHER_PEOPLES))
def test_other_peoples_letters_are_not_found(app, client, world, letters, username):
    sign_in(client, username)
    token = csrf_from(client.get("/get-help"))
    ids = world_ids(world, **letters)
    for method, pattern in OTHER_PEOPLES[username]:
        url = pattern.format(**ids)
        if method == "POST":
            response = client.post(url, data={"csrf_token": token, "version": "1", "language": "ar", "share": "yes"})
        else:
            response = client.get(url)
        assert response.status_code == 404, f"{method} {url}"
        body = response.get_data(as_text=True)
        for secret in ("Alex", "Casey", "Jordan", "brother Sam", "Nobody has rung me"):
            assert secret not in body, f"{method} {url} shows {secret}"


def test_a_carer_reads_a_child_under_12s_letters_and_never_another_carers_child(app, world, letters, signed_in):
    carer = signed_in("demo-carer")
    assert carer.get(f"/review-letters/{letters['jordan_letter']}").status_code == 200
    assert carer.get(f"/review-letters/{letters['sam_letter']}").status_code == 200
    listing = carer.get("/review-letters").get_data(as_text=True)
    assert f"/review-letters/{letters['jordan_letter']}" in listing
    assert "Casey" not in listing and "Alex" not in listing


def test_a_carer_reads_a_young_person_of_12_or_over_only_while_they_agree(app, world, letters, signed_in, check_page):
    casey = app.test_client()
    sign_in(casey, "demo-child-3")
    carer = signed_in("demo-carer-2")
    url = f"/review-letters/{letters['casey_letter']}"
    assert carer.get(url).status_code == 404
    listing = carer.get("/review-letters")
    check_page(listing)
    assert "<bdi>Casey</bdi> has not chosen to share their review letters with you." in listing.get_data(as_text=True)
    assert url not in listing.get_data(as_text=True)

    token = csrf_from(casey.get("/review-letters"))
    assert casey.post("/review-letters/sharing", data={"csrf_token": token, "share": "yes"}).status_code == 303
    page = carer.get(url)
    assert check_page(page).h1 == "Review letter for Casey"
    assert "You will see your brother Sam every month." in page.get_data(as_text=True)
    assert 'name="decision-' not in page.get_data(as_text=True)  # a carer reads; only the young person answers
    assert url in carer.get("/review-letters").get_data(as_text=True)

    assert casey.post("/review-letters/sharing", data={"csrf_token": token, "share": "no"}).status_code == 303
    assert carer.get(url).status_code == 404
    # The other carer never sees Casey's letter, shared or not.
    other = app.test_client()
    sign_in(other, "demo-carer")
    assert other.get(url).status_code == 404


def test_the_carer_rule_follows_the_age_on_the_day(app, world, letters):
    # A child whose twelfth birthday is tomorrow is still under 12; on the birthday, no longer.
    from datetime import timedelta

    from sqlalchemy import select

    from portal.core.clock import local_today
    from portal.models import User
    from portal.security.policy import carer_may_read_letters

    with app.app_context():
        casey = db.session.get(YoungPerson, world["yp:Casey"])
        today = local_today()
        casey.date_of_birth = today.replace(year=today.year - 12) + timedelta(days=1)
        db.session.commit()
        carer = db.session.get(User, world["demo-carer-2"])
        readable = db.session.scalars(select(YoungPerson.id).where(carer_may_read_letters(carer, today))).all()
        assert readable == [world["yp:Casey"]]
        casey.date_of_birth = today.replace(year=today.year - 12)
        db.session.commit()
        readable = db.session.scalars(select(YoungPerson.id).where(carer_may_read_letters(carer, today))).all()
        assert readable == []
