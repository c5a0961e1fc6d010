"""Picture mode (issue 13): big symbols and big buttons, one short sentence a screen, on by default for
4 to 7 year olds and for anyone who chooses it on their account; a carer helping a child sees it too."""

import re

import pytest

from portal.core.picture_mode import shows_pictures
from tests.conftest import csrf_from
from tests.consultation_steps import start


def _in_picture_mode(response):
    return re.search(r'<body class="pictures"', response.get_data(as_text=True)) is not None


@pytest.mark.parametrize("chosen,band,expected", [
    (None, "4-7", True), (None, "8-11", False), (None, "12-15", False), (None, "16+", False),
    (False, "4-7", False), (True, "8-11", True), (True, "16+", True),
])
def test_pictures_are_on_under_8_unless_the_young_person_chose_otherwise(chosen, band, expected):
    assert shows_pictures(chosen, band) is expected


def test_a_14_year_old_sees_small_pictures_until_they_choose_big_ones(client, signed_in, check_page):
    signed_in("demo-child")
    account = client.get("/account")
    assert 'href="/account/pictures"' in account.get_data(as_text=True)
    page = client.get("/account/pictures")
    check_page(page)
    assert not _in_picture_mode(page)
    assert re.findall(r'<input [^>]*checked[^>]*value="(\w+)"', page.get_data(as_text=True)) == ["off"]
    question = start(client)
    assert not _in_picture_mode(client.get(question))
    response = client.post("/account/pictures", data={"csrf_token": csrf_from(page), "pictures": "on"})
    assert response.status_code == 303
    assert "You will see big pictures" in client.get(response.headers["Location"]).get_data(as_text=True)
    assert _in_picture_mode(client.get("/home"))
    body = client.get(question).get_data(as_text=True)
    assert '<body class="pictures"' in body and '<svg class="symbol symbol--m"' in body


def test_in_picture_mode_a_hint_waits_behind_tell_me_more(client, signed_in):
    signed_in("demo-child")
    page = client.get("/account/pictures")
    client.post("/account/pictures", data={"csrf_token": csrf_from(page), "pictures": "on"})
    url = start(client)
    hinted = None
    for number in range(1, 25):
        body = client.get(re.sub(r"/questions/\d+$", f"/questions/{number}", url)).get_data(as_text=True)
        if 'class="hint" id="' in body and "-hint" in body:
            hinted = body
            break
    assert hinted is not None, "no question with a hint"
    assert re.search(r'<details class="more"><summary>Tell me more</summary><div class="hint" id="[\w-]+-hint"', hinted)


def test_choosing_nothing_is_explained_and_nothing_changes(client, signed_in, check_page):
    signed_in("demo-child")
    page = client.get("/account/pictures")
    response = client.post("/account/pictures", data={"csrf_token": csrf_from(page)})
    check_page(response, status=400)
    assert "Choose whether to show big pictures" in response.get_data(as_text=True)
    assert not _in_picture_mode(client.get("/home"))


def test_a_carer_helping_a_6_year_old_sees_picture_mode_and_a_short_helping_banner(client, signed_in, world):
    signed_in("demo-carer")
    assert not _in_picture_mode(client.get("/home"))  # the carer's own pages stay as they are
    helping = client.get("/have-your-say/helping")
    response = client.post(f"/have-your-say/helping/{world['yp:Sam']}", data={"csrf_token": csrf_from(helping)})
    page = client.get(response.headers["Location"])
    body = page.get_data(as_text=True)
    assert _in_picture_mode(page)
    assert '<p class="banner__short"><bdi>Morgan Ellis</bdi> is helping you.</p>' in body
    # Who sees what is still there, a tap away.
    assert re.search(r"<summary>Tell me more</summary><p><bdi>Sam</bdi>: <bdi>Morgan Ellis</bdi> is helping you\. "
                     r"<bdi>Morgan Ellis</bdi> sees", body)


def test_a_carer_helping_a_9_year_old_sees_the_usual_pages(client, signed_in, world):
    signed_in("demo-carer")
    helping = client.get("/have-your-say/helping")
    response = client.post(f"/have-your-say/helping/{world['yp:Jordan']}", data={"csrf_token": csrf_from(helping)})
    page = client.get(response.headers["Location"])
    assert not _in_picture_mode(page) and "banner__short" not in page.get_data(as_text=True)
