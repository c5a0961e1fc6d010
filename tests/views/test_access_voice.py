"""Role × route matrix for the council voice, and nobody reaching another person's shared words.

The council account (demo-council) moderates and runs campaigns; a second council account with no
permissions shows what a plain council member may not do.
"""

from datetime import date, timedelta

import pytest
from sqlalchemy import select

from portal.extensions import db
from portal.models import Moderation, MyContribution, User
from portal.voice import campaigns, services
from tests.access import ROLES, expect, outcomes, world_ids
from tests.conftest import csrf_from, sign_in
from tests.voice_steps import council_account, pending_tokens, tell

YP = {"young_person": 200}
COUNCIL_SIDE = {"council": 200, "admin": 200}
TOKEN = "<string(length=22):token>"

MATRIX = [
    ("GET", "/tell-the-council", "/tell-the-council", expect(403, anonymous=302, **YP)),
    ("GET", "/tell-the-council/sent", "/tell-the-council/sent", expect(403, anonymous=302, **YP)),
    ("GET", "/my-shared-words", "/my-shared-words", expect(403, anonymous=302, **YP)),
    ("GET", "/council-campaigns/{campaign}", "/council-campaigns/<id:campaign_id>", expect(403, anonymous=302, **YP)),
    ("GET", "/you-said-we-did", "/you-said-we-did", expect(403, anonymous=302, **YP)),
    ("GET", "/council", "/council", expect(403, anonymous=302, **COUNCIL_SIDE)),
    ("GET", "/council/figures.csv", "/council/figures.csv", expect(403, anonymous=302, **COUNCIL_SIDE)),
    ("GET", "/council/quotes", "/council/quotes", expect(403, anonymous=302, **COUNCIL_SIDE)),
    ("GET", "/council/moderation", "/council/moderation", expect(403, anonymous=302, council=200)),
    ("GET", "/council/moderation/{token}", f"/council/moderation/{TOKEN}", expect(403, anonymous=302, council=200)),
    ("GET", "/council/campaigns", "/council/campaigns", expect(403, anonymous=302, **COUNCIL_SIDE)),
    ("GET", "/council/campaigns/new", "/council/campaigns/new", expect(403, anonymous=302, council=200)),
    ("GET", "/council/campaigns/{campaign}", "/council/campaigns/<id:campaign_id>",
     expect(403, anonymous=302, **COUNCIL_SIDE)),
    ("GET", "/council/updates", "/council/updates", expect(403, anonymous=302, **COUNCIL_SIDE)),
    ("GET", "/admin/council-permissions", "/admin/council-permissions", expect(403, anonymous=302, admin=200)),
    ("GET", "/admin/council-themes", "/admin/council-themes", expect(403, anonymous=302, admin=200)),
    ("GET", "/admin/council-themes/new", "/admin/council-themes/new", expect(403, anonymous=302, admin=200)),
    ("POST", "/admin/council-permissions/{member}", "/admin/council-permissions/<id:user_id>",
     expect(403, anonymous=401, admin=303)),
    ("POST", "/council/updates/{update}/delete", "/council/updates/<id:update_id>/delete",
     expect(403, anonymous=401, council=303, admin=303)),
    # Last: these change what the rows above would see.
    ("POST", "/my-shared-words/{key}/withdraw", "/my-shared-words/<string(length=22):key>/withdraw",
     expect(403, anonymous=401, young_person=303)),
    ("POST", "/council/campaigns/{campaign}/close", "/council/campaigns/<id:campaign_id>/close",
     expect(403, anonymous=401, council=303)),
]


def _campaign(app, world, **overrides):
    with app.app_context():
        council = db.session.get(User, world["demo-council"])
        fields = {"title": "Sibling contact matters to me", "question": "How often?", "answer_type": "text",
                  "choices": [], "themes": ["family"], "written_in": "en", "languages": ["en"],
                  "opens_on": date.today(), "closes_on": date.today() + timedelta(days=7), **overrides}
        return campaigns.create(council, **fields).id


@pytest.fixture
def voice_ids(app, world):
    """Alex told the council something (his sealed key, its token); a campaign, an update, a second council account."""
    alex = app.test_client()
    sign_in(alex, "demo-child")
    tell(alex, "Words from Alex's account", themes=["family"])
    with app.app_context():
        key = db.session.scalar(select(MyContribution.id).where(MyContribution.young_person_id == world["yp:Alex"]))
        council = db.session.get(User, world["demo-council"])
        update = services.post_update(council, "You said", "We did", ["family"]).id
    (token,) = pending_tokens(app)
    member = council_account(app, "council-reader")
    return world_ids(world, key=key, token=token, campaign=_campaign(app, world), update=update, member=member,
                     arabic_campaign=_campaign(app, world, written_in="ar", languages=["ar"], title="حملة"))


@pytest.mark.parametrize("role", list(ROLES))
def test_role_gets_declared_outcome_on_every_council_route(app, world, voice_ids, role):
    assert outcomes(app, role, MATRIX, voice_ids) == {}, "(got, expected) per route"


def _post(client, url, **data):
    return client.post(url, data={"csrf_token": csrf_from(client.get("/get-help")), **data})


@pytest.mark.parametrize("username", ["demo-child-2", "demo-child-3"])
def test_another_young_person_cannot_see_or_withdraw_alexs_words(app, world, voice_ids, username):
    client = app.test_client()
    sign_in(client, username)
    assert "Words from Alex" not in client.get("/my-shared-words").get_data(as_text=True)
    assert _post(client, f"/my-shared-words/{voice_ids['key']}/withdraw").status_code == 404
    assert pending_tokens(app) == [voice_ids["token"]]


def test_a_key_that_is_not_a_sealed_row_is_not_found(app, world, voice_ids):
    client = app.test_client()
    sign_in(client, "demo-child")
    assert _post(client, f"/my-shared-words/{voice_ids['token']}/withdraw").status_code == 404  # the token is no key
    assert _post(client, "/my-shared-words/short/withdraw").status_code == 404


def test_a_council_member_without_permissions_cannot_moderate_run_campaigns_or_post_updates(app, world, voice_ids):
    client = app.test_client()
    sign_in(client, "council-reader")
    assert client.get(f"/council/moderation/{voice_ids['token']}").status_code == 403
    assert _post(client, f"/council/moderation/{voice_ids['token']}", decision="approve", redacted="x").status_code == 403
    assert client.get("/council/campaigns/new").status_code == 403
    assert _post(client, f"/council/campaigns/{voice_ids['campaign']}/close").status_code == 403
    assert _post(client, f"/council/updates/{voice_ids['update']}/delete").status_code == 403
    assert _post(client, "/council/updates", you_said="x", we_did="y", themes="family").status_code == 403
    with app.app_context():
        from portal.models import Campaign, Contribution
        assert db.session.get(Contribution, voice_ids["token"]).status == Moderation.PENDING
        assert not db.session.get(Campaign, voice_ids["campaign"]).closed


def test_a_moderator_finds_only_words_still_waiting(app, world, voice_ids):
    client = app.test_client()
    sign_in(client, "demo-council")
    page = client.get(f"/council/moderation/{voice_ids['token']}")
    client.post(f"/council/moderation/{voice_ids['token']}", data={"csrf_token": csrf_from(page), "decision": "approve",
                                                                   "redacted": "Checked words"})
    assert client.get(f"/council/moderation/{voice_ids['token']}").status_code == 404
    assert client.get(f"/council/moderation/{'x' * 22}").status_code == 404


def test_campaigns_not_offered_in_my_language_or_not_there_are_not_found(app, world, voice_ids):
    client = app.test_client()
    sign_in(client, "demo-child")
    assert client.get(f"/council-campaigns/{voice_ids['arabic_campaign']}").status_code == 404
    assert client.get("/council-campaigns/999999").status_code == 404
    council = app.test_client()
    sign_in(council, "demo-council")
    assert council.get("/council/campaigns/999999").status_code == 404


def test_admins_set_permissions_only_for_council_accounts(app, world, voice_ids):
    client = app.test_client()
    sign_in(client, "demo-admin")
    for other in ("demo-iro", "demo-child", "demo-admin"):
        assert _post(client, f"/admin/council-permissions/{world[other]}", **{
            f"member-{world[other]}-can_moderate": "y"}).status_code == 404
    assert _post(client, "/admin/council-permissions/999999").status_code == 404
