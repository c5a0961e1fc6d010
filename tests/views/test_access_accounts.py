"""Accounts: every route × every role, and nobody makes a reset code for someone else's young person or carer.

Signed-in roles are the demo accounts (tests/access.py). demo-iro is the IRO of Alex, Jordan and Sam, and
demo-carer cares for Jordan and Sam; demo-carer-2 cares for Casey, who is not on demo-iro's caseload.
"""

import pytest

from tests.access import ROLES, expect, outcomes, world_ids
from tests.conftest import csrf_from, sign_in

STAFF = {"iro": 200, "advocacy": 200, "visitor": 200, "council": 200, "manager": 200, "admin": 200}
STAFF_FORM = {role: 400 for role in STAFF}
EVERYONE_SIGNED_IN = expect(200, anonymous=302)

# (method, URL pattern, rule in url_map, expected status per role). POSTs are sent with nothing filled in.
MATRIX = [
    ("GET", "/account", "/account", EVERYONE_SIGNED_IN),
    ("GET", "/account/password", "/account/password", EVERYONE_SIGNED_IN),
    ("POST", "/account/password", "/account/password", expect(400, anonymous=401)),
    ("GET", "/account/two-step", "/account/two-step", expect(403, anonymous=302, **STAFF)),
    ("POST", "/account/two-step", "/account/two-step", expect(403, anonymous=401, **STAFF_FORM)),
    ("POST", "/account/referred-as", "/account/referred-as", expect(403, anonymous=401, **STAFF_FORM)),
    # The second step only follows a right password in the same browser: otherwise back to sign in.
    ("GET", "/sign-in/two-step", "/sign-in/two-step", expect(303)),
    ("POST", "/sign-in/two-step", "/sign-in/two-step", expect(303)),
    ("GET", "/sign-in/two-step/set-up", "/sign-in/two-step/set-up", expect(303)),
    ("POST", "/sign-in/two-step/set-up", "/sign-in/two-step/set-up", expect(303)),
    # Passkeys: anyone may ask for a sign-in challenge; an answer that is missing is a 400.
    ("POST", "/sign-in/passkey/options", "/sign-in/passkey/options", expect(200)),
    ("POST", "/sign-in/passkey", "/sign-in/passkey", expect(400)),
    # Everyone signed in keeps their own passkeys; nobody removes a passkey that is not theirs.
    ("POST", "/account/passkeys/options", "/account/passkeys/options", expect(400, anonymous=401)),
    ("POST", "/account/passkeys", "/account/passkeys", expect(400, anonymous=401)),
    ("POST", "/account/passkeys/999999/remove", "/account/passkeys/<id:passkey_id>/remove", expect(404, anonymous=401)),
    ("GET", "/forgot-password", "/forgot-password", expect(200)),
    ("POST", "/forgot-password", "/forgot-password", expect(400)),
    ("GET", "/forgot-password/staff", "/forgot-password/staff", expect(200)),
    ("POST", "/forgot-password/staff", "/forgot-password/staff", expect(400)),
    ("GET", "/reset-password/not-a-real-link", "/reset-password/<token>", expect(404)),
    ("POST", "/reset-password/not-a-real-link", "/reset-password/<token>", expect(404)),
    # Alex's account: his IRO or an admin.
    ("POST", "/reset-codes/{alex_user}", "/reset-codes/<id:user_id>", expect(403, anonymous=401, iro=200, admin=200)),
    # Casey's carer: not on demo-iro's caseload (404), any admin.
    ("POST", "/reset-codes/{carer_2}", "/reset-codes/<id:user_id>", expect(403, anonymous=401, iro=404, admin=200)),
    # A member of staff never gets a reset code (an emailed link instead).
    ("POST", "/reset-codes/{iro_user}", "/reset-codes/<id:user_id>", expect(403, anonymous=401, iro=404, admin=404)),
    ("POST", "/reset-codes/999999", "/reset-codes/<id:user_id>", expect(403, anonymous=401, iro=404, admin=404)),
    ("POST", "/admin/people/{iro_user}/reset-two-step", "/admin/people/<id:user_id>/reset-two-step",
     expect(403, anonymous=401, admin=303)),
    # Only staff have a second step.
    ("POST", "/admin/people/{alex_user}/reset-two-step", "/admin/people/<id:user_id>/reset-two-step",
     expect(403, anonymous=401, admin=404)),
]


@pytest.fixture
def ids(world):
    return world_ids(world, alex_user=world["demo-child"], iro_user=world["demo-iro"])


@pytest.mark.parametrize("role", list(ROLES))
def test_role_gets_declared_outcome_on_every_accounts_route(app, ids, role):
    assert outcomes(app, role, MATRIX, ids) == {}, "(got, expected) per route"


# Another IRO's young person or carer: not found, and nothing about them shown.
OTHER_PEOPLES_ACCOUNTS = [
    ("demo-iro-2", "demo-child"),  # Alex is demo-iro's
    ("demo-iro-2", "demo-carer"),  # Jordan's and Sam's carer
    ("demo-iro", "demo-carer-2"),  # Casey's carer
    ("demo-iro", "demo-child-3"),  # Casey
]


@pytest.mark.parametrize("username,target", OTHER_PEOPLES_ACCOUNTS)
def test_another_iros_young_people_and_carers_are_not_found(app, client, world, username, target):
    if target not in world:
        pytest.skip(f"{target} has no account in the demo world")
    sign_in(client, username)
    response = client.post(f"/reset-codes/{world[target]}", data={"csrf_token": csrf_from(client.get("/get-help"))})
    assert response.status_code == 404
    body = response.get_data(as_text=True)
    assert "Password reset for" not in body and 'class="code"' not in body
