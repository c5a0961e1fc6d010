"""Have your say in a real browser at phone size: a 14-year-old in Arabic, and a carer helping Sam.

Every screen on the way is checked with axe.
"""

import re

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import assert_accessible, choose_language

pytestmark = pytest.mark.browser



def save(page):
    page.locator("button[name=action][value=save]").click()


def skip(page):
    page.locator("button[name=action][value=skip]").click()


def question_number(page):
    return int(re.search(r"/questions/(\d+)$", page.url).group(1))


def test_a_14_year_old_answers_in_arabic_leaves_comes_back_sends_and_the_iro_reads_it(open_page, live_server):
    phone = open_page("demo-child")
    phone.goto(f"{live_server.url}/home")
    choose_language(phone, "ar")
    expect(phone.locator("html")).to_have_attribute("dir", "rtl")
    assert_accessible(phone, "home (ar)")
    phone.locator("main a[href='/have-your-say']").click()
    assert_accessible(phone, "have your say (ar)")
    phone.locator("main form button[type=submit]").click()
    phone.wait_for_url(re.compile(r".*/questions/1$"))
    assert_accessible(phone, "question 1, a feelings scale (ar)")
    phone.locator("input[name=choice][value=good]").check()
    phone.locator("details.more summary").click()  # "Tell us more" opens on a tap
    phone.locator("#text").fill("غرفتي جميلة وأحب القطة")
    save(phone)
    phone.wait_for_url(re.compile(r".*/questions/2$"))
    assert_accessible(phone, "question 2, a choice (ar)")
    skip(phone)
    phone.wait_for_url(re.compile(r".*/questions/3$"))
    assert phone.locator("input[name=shared]").count() == 0  # sharing is chosen once, on the check page
    phone.locator("#text").fill("أريد أن أرى أخي أكثر")
    save(phone)
    phone.wait_for_url(re.compile(r".*/questions/4$"))
    phone.context.close()  # the phone's battery dies half-way

    laptop = open_page("demo-child")
    laptop.goto(f"{live_server.url}/home")
    expect(laptop.locator("html")).to_have_attribute("lang", "ar")  # remembered on the account
    laptop.locator("main a[href='/have-your-say']").click()
    laptop.locator("main form button[type=submit]").click()
    laptop.wait_for_url(re.compile(r".*/questions/4$"))  # carries on where they left off
    # The last question of the core is free text: answer it, choose no topic, then check and send.
    number = question_number(laptop)
    last = laptop.url.replace(f"/questions/{number}", "/questions/7")
    laptop.goto(last)
    assert_accessible(laptop, "question 7, free text (ar)")
    laptop.locator("#text").fill("شكراً")
    save(laptop)
    laptop.wait_for_url(re.compile(r".*/topics$"))
    laptop.locator("button[data-main]").click()
    laptop.wait_for_url(re.compile(r".*/check$"))
    assert_accessible(laptop, "check your answers (ar)")
    expect(laptop.locator("main")).to_contain_text("غرفتي جميلة وأحب القطة")
    laptop.locator("main form[action$='/send'] button").click()
    laptop.wait_for_url(re.compile(r".*/sent$"))
    assert_accessible(laptop, "sent (ar)")
    expect(laptop.locator("h1")).to_have_count(1)

    iro = open_page("demo-iro")
    iro.goto(f"{live_server.url}/caseload/{live_server.ids['Alex']}")
    iro.locator("main a[href^='/caseload/consultations/']").first.click()
    assert_accessible(iro, "IRO reads the consultation (en)")
    expect(iro.locator("main")).to_contain_text("How do you feel about where you live?")
    expect(iro.locator("main")).to_contain_text("غرفتي جميلة وأحب القطة")
    expect(iro.locator("main")).to_contain_text("Arabic")
    iro.locator("main form[action$='/read'] button").click()
    expect(iro.locator(".banner--success")).to_be_visible()


def test_a_carer_fills_in_the_4_to_7_form_with_sam(open_page, live_server):
    page = open_page("demo-carer")
    page.goto(f"{live_server.url}/home")
    page.locator("main a[href='/have-your-say/helping']").click()
    assert_accessible(page, "helping")
    page.locator(f"main form[action$='/helping/{live_server.ids['Sam']}'] button").click()
    page.wait_for_url(re.compile(r".*/questions/1$"))
    expect(page.locator("h1")).to_have_text("Question 1 of 7")
    expect(page.locator("main")).to_contain_text("Sam: Morgan Ellis is helping you.")
    assert_accessible(page, "Sam question 1 (a row of faces)")
    page.locator("label[for=choice-9]").click()  # 9 out of 10
    save(page)
    for number in range(2, 8):  # the short core: 7 screens
        page.wait_for_url(re.compile(rf".*/questions/{number}$"))
        if page.locator("input[name=choice]").count():
            page.locator("input[name=choice]").first.check()
        elif page.locator("input[name=choice_0]").count():
            page.locator("input[name=choice_0]").first.check()
        else:
            page.locator("#text").fill("Playing with my dog")
        save(page)
    page.wait_for_url(re.compile(r".*/topics$"))
    assert_accessible(page, "Sam chooses what else to tell")
    page.locator("label[for=topic-why_in_care]").click()  # "Do you know why you live here?"
    page.locator("button[data-main]").click()
    page.wait_for_url(re.compile(r".*/questions/8$"))
    page.locator("input[name=choice]").first.check()
    save(page)
    page.wait_for_url(re.compile(r".*/check$"))
    assert_accessible(page, "Sam check answers")
    expect(page.locator("main")).to_contain_text("Playing with my dog")
    page.locator("main form[action$='/send'] button").click()
    page.wait_for_url(re.compile(r".*/sent$"))
    assert_accessible(page, "Sam sent")
