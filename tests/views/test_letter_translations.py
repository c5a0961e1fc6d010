"""A letter in the young person's language: asked for, pasted in by the IRO, read beside the English."""

import re
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import select

from portal.core.figures import counts
from portal.core.figures.periods import reporting_year
from portal.extensions import db
from portal.figures import sections
from portal.letters import translations
from portal.models import LetterTranslation, User
from tests.conftest import csrf_from, sign_in
from tests.letters import correct_letter, form_fields, write_letter

FA_MEETING = "ما روز سه‌شنبه در خانه دیدار کردیم."
FA_DECISIONS = ["تو هر ماه برادرت سام را می‌بینی.", "تو حساب بانکی خودت را می‌گیری.", "تو شنبه‌ها فوتبال را شروع می‌کنی."]


@pytest.fixture
def letter(app, world):
    """Alex's published letter (three decisions, a meeting and a 'told us' section)."""
    with app.app_context():
        return write_letter(world["yp:Alex"], world["demo-iro"], days_ago=5, meeting="Your carer Morgan came.")


@pytest.fixture
def iro(app, world):
    client = app.test_client()
    sign_in(client, "demo-iro")
    return client


def _ask(alex, letter, language):
    page = alex.get(f"/review-letters/{letter.id}")
    return alex.post(f"/review-letters/{letter.id}/language", data={"csrf_token": csrf_from(page), "language": language})


def _paste(iro, letter, language, **overrides):
    page = iro.get(f"/letters/{letter.id}/translations/{language}")
    fields = form_fields(page, "")
    fields.update({"meeting": FA_MEETING, "told_us": "<p>تو گفتی <script>x()</script>مدرسه‌ات را دوست داری.</p>",
                   **{f"decisions-{n}": text for n, text in enumerate(FA_DECISIONS)}, **overrides})
    return iro.post(f"/letters/{letter.id}/translations/{language}", data=fields)


def test_the_language_asked_for_starts_on_the_young_persons_own_language(app, world, letter, signed_in):
    with app.app_context():
        db.session.get(User, world["demo-child"]).locale = "es"
        db.session.commit()
    alex = signed_in("demo-child")
    page = alex.get(f"/review-letters/{letter.id}").get_data(as_text=True)
    request_form = page[page.index(f'action="/review-letters/{letter.id}/language"'):]
    selected = re.findall(r'<option [^>]*\bselected\b[^>]*>', request_form[:request_form.index("</form>")])
    assert selected == ['<option dir="ltr" lang="es" selected value="es">']


def test_the_iro_publishes_the_translated_letter_and_the_young_person_switches_between_both(
        app, world, letter, signed_in, iro, check_page):
    alex = signed_in("demo-child")
    assert _ask(alex, letter, "fa").status_code == 303
    listing = iro.get("/letters").get_data(as_text=True)
    assert f"/letters/{letter.id}/translations/fa" in listing

    form_page = iro.get(f"/letters/{letter.id}/translations/fa")
    check_page(form_page)
    body = form_page.get_data(as_text=True)
    assert 'lang="fa"' in body and 'dir="rtl"' in body  # the boxes are typed in Persian, right to left
    assert "Decision 3: what will happen" in body and "You will start football on Saturdays." in body

    # Every part the English has must be translated: what was pasted is kept.
    missing = _paste(iro, letter, "fa", told_us="")
    check_page(missing, status=400)
    assert "Paste the translation of this part of the letter" in missing.get_data(as_text=True)
    assert FA_MEETING in missing.get_data(as_text=True)

    assert _paste(iro, letter, "fa").status_code == 303
    assert f"/letters/{letter.id}/translations/fa" not in iro.get("/letters").get_data(as_text=True)

    english = alex.get(f"/review-letters/{letter.id}")
    check_page(english)
    link = f'href="/review-letters/{letter.id}?language=fa" lang="fa" dir="rtl">فارسی</a>'
    assert link in english.get_data(as_text=True)
    persian = alex.get(f"/review-letters/{letter.id}?language=fa")
    check_page(persian)
    text = persian.get_data(as_text=True)
    assert 'lang="fa" dir="rtl" data-translation="fa"' in text
    assert FA_MEETING in text and FA_DECISIONS[0] in text
    assert "<script>" not in text and "x()" in text  # sanitised like the letter: the tag goes, the words stay
    assert "You will see your brother Sam every month." not in text  # the switch shows one letter at a time
    assert f'href="/review-letters/{letter.id}"' in text


def test_a_language_not_yet_published_shows_the_english(app, world, letter, signed_in):
    alex = signed_in("demo-child")
    _ask(alex, letter, "fa")
    page = alex.get(f"/review-letters/{letter.id}?language=fa").get_data(as_text=True)
    assert "You will see your brother Sam every month." in page and "data-translation" not in page


def test_the_time_from_request_to_translated_letter_is_recorded_and_shown_to_staff(app, world, letter, signed_in, iro):
    _ask(signed_in("demo-child"), letter, "fa")
    with app.app_context():
        asked = db.session.scalar(select(LetterTranslation).where(LetterTranslation.letter_id == letter.id))
        translations.publish(asked, db.session.get(User, world["demo-iro"]), {"meeting": FA_MEETING},
                             dict(zip([d.id for d in letter.decisions], FA_DECISIONS, strict=True)),
                             now=asked.requested_at + timedelta(days=3, hours=2))
        assert translations.waited(asked) == timedelta(days=3, hours=2)
    page = iro.get(f"/letters/{letter.id}").get_data(as_text=True)
    assert "Persian: published 3 days after it was asked for." in page


def test_a_corrected_letter_marks_the_translation_out_of_date_until_it_is_updated(app, world, letter, signed_in, iro):
    _ask(signed_in("demo-child"), letter, "fa")
    assert _paste(iro, letter, "fa").status_code == 303
    with app.app_context():
        correct_letter(db.session.merge(letter), world["demo-iro"], meeting="Your carer Morgan and your mum came.")
    assert f"/letters/{letter.id}/translations/fa" in iro.get("/letters").get_data(as_text=True)
    assert "Out of date" in iro.get(f"/letters/{letter.id}").get_data(as_text=True)
    alex = app.test_client()
    sign_in(alex, "demo-child")
    assert "The translation is being updated" in alex.get(f"/review-letters/{letter.id}?language=fa").get_data(as_text=True)

    assert _paste(iro, letter, "fa", meeting="ما دیدار کردیم. مادرت هم آمد.").status_code == 303
    assert f"/letters/{letter.id}/translations/fa" not in iro.get("/letters").get_data(as_text=True)
    again = alex.get(f"/review-letters/{letter.id}?language=fa").get_data(as_text=True)
    assert "The translation is being updated" not in again and "مادرت هم آمد" in again


def test_only_a_language_the_young_person_asked_for_can_be_translated(app, world, letter, iro):
    assert iro.get(f"/letters/{letter.id}/translations/fa").status_code == 404


def test_the_figures_count_letters_asked_for_in_another_language_and_the_median_wait(app, world, letter):
    with app.app_context():
        asked = [LetterTranslation(letter_id=letter.id, language=code, requested_at=datetime(2025, 6, day, 9, tzinfo=UTC))
                 for code, day in (("fa", 2), ("ti", 3), ("so", 4))]
        db.session.add_all(asked)
        db.session.commit()
        iro = db.session.get(User, world["demo-iro"])
        translations.publish(asked[0], iro, {}, {}, now=datetime(2025, 6, 4, 9, tzinfo=UTC))  # 2 days
        translations.publish(asked[1], iro, {}, {}, now=datetime(2025, 6, 9, 9, tzinfo=UTC))  # 6 days
        found = counts.letter_translations(reporting_year(2025))
        assert (found.requested, found.translated, found.median_days) == (3, 2, 4.0)
        assert counts.letter_translations(reporting_year(2024)).requested == 0
        with app.test_request_context():
            [table] = sections.translation_tables(sections.gather(reporting_year(2025)))
            assert table.note.startswith("Half of the translated letters were published within 4 days")
