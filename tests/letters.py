"""Building review letters for tests through the same services the IRO's pages use."""

from datetime import datetime, time, timedelta
from html.parser import HTMLParser
from zoneinfo import ZoneInfo

from flask import current_app

from portal.core.clock import local_today
from portal.extensions import db
from portal.letters import services
from portal.models import DecisionAnswer, Review, User, YoungPerson

THREE_DECISIONS = [
    ("You will see your brother Sam every month.", "your social worker", 30),
    ("You will get your own bank account.", "your carer", 60),
    ("You will start football on Saturdays.", "Jo, your key worker", 14),
]


def held_review(young_person_id, days_ago=3, place="Home"):
    """A review that took place `days_ago` days ago (call inside an app context); returns it."""
    zone = ZoneInfo(current_app.config["BABEL_DEFAULT_TIMEZONE"])
    day = local_today() - timedelta(days=days_ago)
    review = Review(young_person_id=young_person_id, scheduled_for=datetime.combine(day, time(10, 0), tzinfo=zone),
                    place=place, held_on=day)
    db.session.add(review)
    db.session.commit()
    return review


def write_letter(young_person_id, author_id, days_ago=3, decisions=THREE_DECISIONS, publish=True, **sections):
    """A letter for a new held review, saved with these decisions and sections, published if asked; returns it."""
    author = db.session.get(User, author_id)
    review = held_review(young_person_id, days_ago)
    letter = services.start_letter(review, author)
    typed = [services.DecisionInput(what, who, local_today() + timedelta(days=in_days)) for what, who, in_days in decisions]
    texts = {"told_us": "You told us you like your school.", **sections}
    assert services.save_letter(letter, letter.version, author, texts, typed, {})
    if publish:
        assert services.publish(letter, letter.version, author) is services.PublishResult.PUBLISHED
    db.session.refresh(letter)
    _ = letter.decisions, letter.review  # loaded now, so still readable after the app context ends
    return letter


def answer(letter, position, young_person_id, kind=DecisionAnswer.NOT_HAPPENED, comment="Nobody has rung me."):
    """The young person's answer about decision `position` of a letter; returns it."""
    decision = next(d for d in letter.decisions if d.position == position)
    return services.respond(decision, db.session.get(YoungPerson, young_person_id), kind, comment)


class _FormReader(HTMLParser):
    """The fields of the first POST form whose action ends with `action` (or, without one, that posts to its own page)."""

    def __init__(self, action):
        super().__init__(convert_charrefs=True)
        self.action, self.fields, self._in_form, self._textarea = action, {}, False, None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form" and (attrs.get("method") or "").lower() == "post" and not self.fields:
            target = attrs.get("action") or ""
            self._in_form = target.endswith(self.action) if self.action else target == ""
        elif self._in_form and tag == "input" and attrs.get("name"):
            if attrs.get("type") in ("radio", "checkbox"):
                if "checked" in attrs:
                    self.fields[attrs["name"]] = attrs.get("value", "on")
            else:
                self.fields[attrs["name"]] = attrs.get("value") or ""
        elif self._in_form and tag == "textarea":
            self._textarea = attrs["name"]
            self.fields[self._textarea] = ""
        elif self._in_form and tag == "select":
            self._textarea = None

    def handle_data(self, data):
        if self._textarea:
            self.fields[self._textarea] += data

    def handle_endtag(self, tag):
        if tag == "textarea" and self._textarea:
            value = self.fields[self._textarea]  # a browser drops the newline that starts a textarea
            self.fields[self._textarea] = value[2:] if value.startswith("\r\n") else value.removeprefix("\n")
            self._textarea = None
        elif tag == "form":
            self._in_form = False


def form_fields(response, action=""):
    """What a browser would send from a page's POST form: its inputs, checked radios and textareas."""
    reader = _FormReader(action)
    reader.feed(response.get_data(as_text=True))
    return dict(reader.fields)


def correct_letter(letter, author_id, what_changed="I put the wrong day for football.", decisions=None, **sections):
    """Publish a correction of a published letter (call inside an app context); returns the published version."""
    from portal.letters import corrections

    author = db.session.get(User, author_id)
    draft = corrections.start_correction(letter, author)
    texts = {name: getattr(letter, name) for name in ("meeting", "told_us", "going_well", "worries", "rights",
                                                       "next_review", "contact")}
    texts.update(sections)
    typed = decisions or [(d.what, d.who, d.by_when) for d in corrections.version_decisions(draft)]
    assert corrections.save_correction(draft, draft.lock, author, texts, typed, what_changed)
    assert corrections.publish_correction(draft, draft.lock, author) is corrections.CorrectionResult.PUBLISHED
    return corrections.published_versions(letter)[-1]
