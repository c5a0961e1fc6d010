"""Words a child knows (issue 13): every young person's page that uses "IRO", "advocate", "Independent Visitor",
"review" or "Children in Care Council" explains it a tap away, from the one dictionary (portal/core/glossary.py)."""

import re
from html.parser import HTMLParser

import pytest
from flask import render_template_string

from portal.core.glossary import WORDS, WORDS_SEEN
from tests.consultation_steps import answer, start
from tests.letters import write_letter
from tests.voice_steps import tell


class _Reading(HTMLParser):
    """What a page says in words (no scripts or styles), and the words its glossary explains."""

    def __init__(self):
        super().__init__()
        self.text, self.explained, self._skip = [], set(), []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if "data-word" in attrs:
            self.explained.add(attrs["data-word"])
        if tag in ("script", "style", "title") or (tag == "div" and attrs.get("class") == "words"):
            self._skip.append(tag)
        elif self._skip and tag == self._skip[0]:
            self._skip.append(tag)

    def handle_endtag(self, tag):
        if self._skip and tag == self._skip[-1]:
            self._skip.pop()

    def handle_data(self, data):
        if not self._skip:
            self.text.append(data)


def unexplained(html):
    """The glossary words a page uses but does not explain."""
    reading = _Reading()
    reading.feed(html)
    text = " ".join(reading.text)
    return {key for key, pattern in WORDS_SEEN.items() if re.search(pattern, text)} - reading.explained


YOUNG_PERSONS_PAGES = ["/home", "/have-your-say", "/have-your-say/{cid}/check", "/have-your-say/who-reads",
                       "/get-support", "/get-support/advocate", "/get-support/independent-visitor", "/my-requests",
                       "/review-letters", "{letter}", "/tell-the-council", "/my-shared-words", "/you-said-we-did",
                       "/get-help", "/my-news", "/account", "/account/pictures", "/my-review/sooner",
                       "/my-records", "/how-was-your-review/{review}"]


@pytest.fixture
def alex_pages(app, client, signed_in, world):
    """Alex has started his form and told the council something; his latest review letter is published."""
    with app.app_context():
        letter = write_letter(world["yp:Alex"], world["demo-iro"], days_ago=5)
        letter_id, review_id = letter.id, letter.review_id
    signed_in("demo-child")
    url = start(client)
    answer(client, url, choice="good", text="fine")
    tell(client, "More trips please")
    cid = re.search(r"/have-your-say/(\d+)/", url).group(1)
    return [page.format(cid=cid, letter=f"/review-letters/{letter_id}", review=review_id) for page in YOUNG_PERSONS_PAGES]


def test_every_young_persons_page_explains_the_words_it_uses(client, alex_pages):
    missing = {}
    for url in alex_pages:
        response = client.get(url)
        assert response.status_code == 200, url
        if gaps := unexplained(response.get_data(as_text=True)):
            missing[url] = sorted(gaps)
    assert missing == {}, "\n".join(f"{url}: {words}" for url, words in missing.items())


def test_a_carer_helping_a_child_gets_the_words_explained_too(client, signed_in):
    signed_in("demo-carer")
    for url in ("/home", "/have-your-say/helping"):
        assert unexplained(client.get(url).get_data(as_text=True)) == set(), url


def test_the_glossary_opens_without_javascript_and_says_one_sentence_per_word(app):
    with app.test_request_context("/"):
        html = render_template_string('{% from "components/glossary.html" import explain %}{{ explain("iro", "review") }}')
    assert html.count("<details") == 2 and "<script" not in html
    assert '<details class="word" data-word="iro"><summary>What is an IRO?</summary>' in html
    for word in WORDS.values():
        assert str(word.meaning).count(". ") == 0 and str(word.meaning).endswith(".")  # one sentence


def test_a_page_that_uses_a_word_without_its_explanation_is_caught():
    assert unexplained("<p>Your IRO will read this before your review.</p>") == {"iro", "review"}
    assert unexplained('<p>Your IRO</p><div class="words"><details data-word="iro"><summary>IRO?</summary></details></div>') == set()
