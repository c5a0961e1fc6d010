"""Helpers for role × route matrices: each capability's tests/views/test_access_*.py defines MATRIX.

A MATRIX row is (method, URL pattern, url_map rule, expected status per role). URL patterns use
{names} filled from the `world` fixture plus extra ids a module provides.
"""

from tests.conftest import csrf_from, sign_in

ROLES = {
    "anonymous": None, "young_person": "demo-child", "carer": "demo-carer", "iro": "demo-iro",
    "advocacy": "demo-advocacy", "visitor": "demo-visitor", "council": "demo-council", "admin": "demo-admin",
    "manager": "demo-manager",
}
SIGNED_IN = [role for role in ROLES if role != "anonymous"]


def expect(default, anonymous=None, **per_role):
    """Expected status per role: `default` for signed-in roles unless named; anonymous likewise."""
    table = {role: per_role.get(role, default) for role in SIGNED_IN}
    table["anonymous"] = anonymous if anonymous is not None else default
    return table


def world_ids(world, **extra):
    """Names usable in URL patterns: alex, jordan, sam, casey, carer_2, plus extras."""
    return {"alex": world["yp:Alex"], "jordan": world["yp:Jordan"], "sam": world["yp:Sam"],
            "casey": world["yp:Casey"], "carer_2": world["demo-carer-2"], **extra}


def request_as(app, role, method, url, data=None, session_cookie=None):
    """One request from a fresh client signed in as the role's demo account: through the sign-in form,
    or with the session cookie such a sign-in gave (see outcomes)."""
    client = app.test_client()
    if ROLES[role]:
        if session_cookie:
            client.set_cookie(app.config["SESSION_COOKIE_NAME"], session_cookie)
        else:
            assert sign_in(client, ROLES[role]).status_code == 303
    if method == "GET":
        return client.get(url)
    token = csrf_from(client.get("/get-help"))
    return client.post(url, data={"csrf_token": token, **(data or {})})


def _session_cookie(app, role):
    """The session cookie a real sign-in through the form gives the role's demo account."""
    client = app.test_client()
    assert sign_in(client, ROLES[role]).status_code == 303
    return client.get_cookie(app.config["SESSION_COOKIE_NAME"]).value


def outcomes(app, role, matrix, ids, data=None):
    """{route: (got, expected)} for every row whose status differs from the declared one.

    Each row is a fresh client. Signing in was most of a matrix's time, so the cookie of one real
    sign-in is reused by the rows that follow it, until a row that is not a GET (it may sign out or
    change what a sign-in puts in the session): the next row signs in through the form again.
    """
    wrong = {}
    cookie = None
    for method, pattern, _rule, expected in matrix:
        if ROLES[role] and cookie is None:
            cookie = _session_cookie(app, role)
        response = request_as(app, role, method, pattern.format(**ids), data, session_cookie=cookie)
        if method != "GET":
            cookie = None
        if response.status_code != expected[role]:
            wrong[f"{method} {pattern}"] = (response.status_code, expected[role])
        if response.status_code == 302 and role == "anonymous":
            assert response.headers["Location"].startswith("/sign-in?next="), pattern
    return wrong
