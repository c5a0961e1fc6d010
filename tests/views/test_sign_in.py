"""Signing in and out."""

from tests.conftest import csrf_from, sign_in


def test_sign_in_page(client, check_page):
    page = check_page(client.get("/sign-in"))
    assert page.h1 == "Sign in"


def test_each_role_signs_in_and_sees_their_home(client, world, check_page):
    for username, expected in [
        ("demo-child", "Your next review"), ("demo-carer", "Jordan"), ("demo-iro", "Young people (3)"),
        ("demo-advocacy", "Demo Advocacy Service"), ("demo-visitor", "Demo Independent Visitor Service"),
        ("demo-council", "Children in Care Council"), ("demo-admin", "Admin: people"),
    ]:
        response = sign_in(client, username)
        assert response.status_code == 303
        assert response.headers["Location"] == "/home"
        home = client.get("/home")
        check_page(home)
        assert expected in home.get_data(as_text=True)
        client.post("/sign-out", data={"csrf_token": csrf_from(home)})
