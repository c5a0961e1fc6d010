"""Have your say, short by default (issue 13), in a real browser on a small phone (360×640): the 8–11 core with
the main button on screen without scrolling on every choice question, choosing topics, and axe in en and ar."""

import re

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import assert_accessible, choose_language

pytestmark = pytest.mark.browser

SMALL_PHONE = {"viewport": {"width": 360, "height": 640}}



def save(page):
    page.locator("button[name=action][value=save]").click()


def test_on_a_360_by_640_phone_every_choice_question_of_the_8_to_11_core_shows_its_main_button(
        open_page, live_server, tmp_path):
    page = open_page("demo-child-2", **SMALL_PHONE)  # Jordan, 9
    page.goto(f"{live_server.url}/have-your-say")
    expect(page.locator("main")).to_contain_text("It takes about 5 minutes: 7 short questions")
    assert_accessible(page, "start (en)")
    page.locator("main form[action$='/have-your-say/start'] button").click()
    page.wait_for_url(re.compile(r".*/questions/1$"))
    choice_questions = 0
    for number in range(1, 8):
        page.wait_for_url(re.compile(rf".*/questions/{number}$"))
        assert page.evaluate("window.scrollY") == 0
        if page.locator("input[name=choice][type=radio]").count():
            choice_questions += 1
            page.screenshot(path=str(tmp_path / f"question-{number}.png"))
            box = page.locator("button[data-main]").bounding_box()
            assert box is not None and box["y"] >= 0 and box["y"] + box["height"] <= 640, (number, box)
            assert box["x"] >= 0 and box["x"] + box["width"] <= 360, (number, box)
            page.locator("input[name=choice]").first.check()
        elif page.locator("input[name=choice_0]").count():
            page.locator("input[name=choice_0]").first.check()
        else:
            page.locator("textarea").first.fill("Football with my friends")
        save(page)
    assert choice_questions == 2  # how things are at home, and feeling safe
    page.wait_for_url(re.compile(r".*/topics$"))


def test_choosing_two_topics_asks_only_those_and_the_check_page_shows_only_them(open_page, live_server):
    page = open_page("demo-child", **SMALL_PHONE)  # Alex, 14
    page.goto(f"{live_server.url}/have-your-say")
    page.locator("main form[action$='/have-your-say/start'] button").click()
    page.wait_for_url(re.compile(r".*/questions/1$"))
    page.goto(page.url.replace("/questions/1", "/topics"))
    assert_accessible(page, "topics (en)")
    page.locator("label[for=topic-family]").click()
    page.locator("label[for=topic-school]").click()
    page.locator("button[data-main]").click()
    page.wait_for_url(re.compile(r".*/questions/8$"))
    expect(page.locator("h1")).to_have_text("Question 8 of 11")
    assert_accessible(page, "a topic question (en)")
    while "/questions/" in page.url:
        if page.locator("input[name=choice]").count():
            page.locator("input[name=choice]").first.check()
        else:
            page.locator("textarea").first.fill("My brother Sam")
        save(page)
        page.wait_for_load_state()
    page.wait_for_url(re.compile(r".*/check$"))
    main = page.locator("main")
    expect(main).to_contain_text("My brother Sam")
    expect(main).to_contain_text("How is school going?")
    expect(main).not_to_contain_text("Do you know why you are looked after?")
    expect(main).not_to_contain_text("pocket money")
    expect(main.locator("legend", has_text="Which answers may the council see")).to_have_count(1)
    assert_accessible(page, "check (en)")
    page.locator("main form[action$='/send'] button").click()
    page.wait_for_url(re.compile(r".*/sent$"))


@pytest.mark.page_markup
def test_the_new_pages_are_accessible_in_arabic(open_page, live_server):
    page = open_page("demo-child-3", **SMALL_PHONE)  # Casey, 15 (Alex sent theirs in the test above)
    page.goto(f"{live_server.url}/home")
    choose_language(page, "ar")
    page.goto(f"{live_server.url}/have-your-say")
    assert_accessible(page, "start (ar)")
    page.locator("main form[action$='/have-your-say/start'] button").click()
    page.wait_for_url(re.compile(r".*/questions/1$"))
    assert_accessible(page, "question 1 (ar)")
    page.locator("details.more summary").click()
    assert_accessible(page, "question 1, tell us more open (ar)")
    page.goto(page.url.replace("/questions/1", "/questions/6"))
    assert_accessible(page, "the review arrangements on one screen (ar)")
    page.goto(page.url.replace("/questions/6", "/topics"))
    assert_accessible(page, "topics (ar)")
    page.locator("label[for=topic-health]").click()
    page.locator("button[data-main]").click()
    page.wait_for_url(re.compile(r".*/questions/8$"))
    assert_accessible(page, "a topic question (ar)")
    page.goto(page.url.replace("/questions/8", "/check"))
    assert_accessible(page, "check (ar)")
