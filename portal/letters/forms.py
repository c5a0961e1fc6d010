"""Forms for review letters: recording a review as held, writing the letter, answers, replies, choices."""

from flask_babel import lazy_gettext as _l
from wtforms import DateField, FieldList, Form, FormField, HiddenField, IntegerField, RadioField, SelectField, StringField, TextAreaField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, InputRequired, Optional, ValidationError
from wtforms.widgets import HiddenInput

from portal.forms import PortalForm
from portal.letters.services import Timeliness
from portal.models import DecisionAnswer, DecisionStatus
from portal.validators import CleanText, HeldOnDay, MaxLength

# The letter's fixed headings, in the order the young person reads them. They are the labels
# of the IRO's form too, so both always say the same thing in every language.
HEADINGS = {
    "meeting": _l("When and where we met, and who came"),
    "told_us": _l("What you told us"),
    "going_well": _l("What is going well"),
    "worries": _l("What people are worried about"),
    "decisions": _l("Decisions"),
    "updates": _l("What happened to last time's decisions"),
    "rights": _l("Your rights"),
    "next_review": _l("Your next review"),
    "contact": _l("How to contact me"),
}

ANSWERS = {
    DecisionAnswer.UNDERSTAND: _l("I understand"),
    DecisionAnswer.DONT_UNDERSTAND: _l("I don't understand"),
    DecisionAnswer.DISAGREE: _l("I don't agree"),
    DecisionAnswer.NOT_HAPPENED: _l("This hasn't happened"),
}

# What the young person reads about one of last time's decisions.
OUTCOMES = {
    DecisionStatus.DONE: _l("This has happened"),
    DecisionStatus.NOT_DONE: _l("This did not happen"),
    DecisionStatus.OPEN: _l("This is still to happen"),
}

TIMELINESS_NAMES = {
    Timeliness.NOT_DUE_YET: _l("Not due yet"),
    Timeliness.DUE_SOON: _l("Due soon"),
    Timeliness.OVERDUE: _l("Overdue"),
    Timeliness.LATE: _l("Late: past the latest date"),
    Timeliness.SENT_ON_TIME: _l("Sent on time"),
    Timeliness.SENT_WITHIN_LIMIT: _l("Sent after the target, by the latest date"),
    Timeliness.SENT_LATE: _l("Sent late"),
}

SECTION_LIMIT = 10_000
SECTION_TOO_LONG = _l("Each part of the letter must be 10,000 characters or fewer. A shorter letter is easier to read.")


def _section(name, description):
    return TextAreaField(HEADINGS[name], description=description,
                         validators=[Optional(), CleanText(), MaxLength(SECTION_LIMIT, SECTION_TOO_LONG)])


class DecisionRow(Form):
    """One decision: what will happen, who will do it, by when. A row left empty is ignored."""

    what = TextAreaField(_l("What will happen"), validators=[
        Optional(), CleanText(), MaxLength(1000, _l("What will happen must be 1,000 characters or fewer"))])
    who = StringField(_l("Who will do it"), description=_l("A role, such as \u201cyour social worker\u201d, or a name."),
                      validators=[Optional(), CleanText(), MaxLength(120, _l("Who will do it must be 120 characters or fewer"))])
    by_when = DateField(_l("By when"), validators=[Optional()])

    def is_blank(self):
        return not any((field.raw_data or [""])[0].strip() for field in (self.what, self.who, self.by_when))

    def validate(self, extra_validators=None):
        valid = super().validate(extra_validators)
        if self.is_blank():
            return valid
        if self.by_when.raw_data and self.by_when.raw_data[0].strip() and self.by_when.data is None:
            self.by_when.errors[:] = [_l("Enter the date this should happen by as a real date")]
            valid = False
        for field, message in ((self.what, _l("Enter what will happen")), (self.who, _l("Enter who will do it")),
                               (self.by_when, _l("Enter the date this should happen by"))):
            if not field.errors and not (field.raw_data or [""])[0].strip():
                field.errors.append(message)
                valid = False
        return valid


class UpdateRow(Form):
    """What happened to one of last time's decisions."""

    decision_id = IntegerField(widget=HiddenInput())
    status = RadioField(_l("What happened?"), choices=[
        SelectChoice(DecisionStatus.DONE.value, _l("It happened")),
        SelectChoice(DecisionStatus.NOT_DONE.value, _l("It did not happen")),
        SelectChoice(DecisionStatus.OPEN.value, _l("Not yet: it is still to happen")),
    ], default=DecisionStatus.OPEN.value, validators=[InputRequired(_l("Choose what happened to this decision"))])
    note = TextAreaField(_l("Why? (you must say why when it did not happen)"), validators=[
        Optional(), CleanText(), MaxLength(1000, _l("Why must be 1,000 characters or fewer"))])

    def validate(self, extra_validators=None):
        valid = super().validate(extra_validators)
        if self.status.data == DecisionStatus.NOT_DONE.value and not (self.note.data or "").strip():
            self.note.errors.append(_l("Say why this decision did not happen"))
            valid = False
        return valid


class LetterForm(PortalForm):
    """The letter, section by section, with its decisions and last time's decisions."""

    version = HiddenField()
    meeting = _section("meeting", _l("Who came, and who sent their views. The date and place are added for you."))
    told_us = _section("told_us", _l("What the young person said, in their words where you can."))
    going_well = _section("going_well", None)
    worries = _section("worries", _l("Say it kindly and plainly. Worries are not the young person's fault."))
    decisions = FieldList(FormField(DecisionRow), min_entries=1, max_entries=30)
    updates = FieldList(FormField(UpdateRow), max_entries=60)
    rights = _section("rights", _l("Anything to add. The letter already explains advocates, Independent Visitors, "
                                   "how to complain and how to ask for a review sooner."))
    next_review = _section("next_review", _l("Anything to add. The date of the next review is added for you once it is planned."))
    contact = _section("contact", _l("Anything to add. Your name, phone number and email address are added for you."))

    def validate_version(self, field):
        if not (field.data or "").isdigit():
            raise ValidationError(_l("This page is out of date. Open the letter again."))

    def typed_decisions(self):
        """The decision rows that were filled in, in order."""
        return [entry.form for entry in self.decisions if not entry.form.is_blank()]


def flat_errors(form):
    """Every error message of a form with its field's id, nested rows included, for the error summary."""
    found = []

    def walk(field):
        if field.type == "FieldList":
            for entry in field:
                walk(entry)
        elif field.type == "FormField":
            for sub in field.form:
                walk(sub)
        elif field.errors and field.type not in ("CSRFTokenField", "HiddenField"):
            found.extend((field.id, message) for message in field.errors)

    for field in form:
        walk(field)
    return found


class HeldForm(PortalForm):
    """The day a review took place. One per review on a page, so CSRF is checked by the app (its token is in the page)."""

    class Meta:
        csrf = False

    held_on = DateField(_l("The day the review took place"),
                        validators=[DataRequired(_l("Enter the day the review took place as a real date")),
                                    HeldOnDay()])

    def __init__(self, *args, earliest=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.earliest = earliest  # the day the review was planned (portal.core.reviews.planned_on)


class ResponseFields(Form):
    """A young person's answer about one decision, as shown under each decision (one per decision)."""

    answer = RadioField(_l("What do you think about this decision?"),
                        choices=[SelectChoice(answer.value, label) for answer, label in ANSWERS.items()],
                        validators=[InputRequired(_l("Choose what you think about this decision"))])
    comment = TextAreaField(_l("Anything you want to say? (optional)"), validators=[
        Optional(), CleanText(),
        MaxLength(2000, _l("Your message must be 2,000 characters or fewer. You can send the rest in another message."))])


class ResponseForm(PortalForm, ResponseFields):
    """The answer as sent (CSRF is checked by the app: several of these forms share a page)."""

    class Meta:
        csrf = False


class ReplyFields(Form):
    """The IRO's reply to a follow-up, as shown on the list (one per follow-up)."""

    reply = TextAreaField(_l("Your reply"), description=_l("The young person will read this on their letter."),
                          validators=[DataRequired(_l("Write your reply")), CleanText(),
                                      MaxLength(2000, _l("Your reply must be 2,000 characters or fewer"))])


class ReplyForm(PortalForm, ReplyFields):
    """The reply as sent, or on the follow-up's own page (CSRF is checked by the app)."""

    class Meta:
        csrf = False


class LanguageForm(PortalForm):
    """Ask for the letter in a language (not only those the portal is shown in)."""

    language = SelectField(_l("Which language?"), validators=[DataRequired(_l("Choose a language"))])

    def __init__(self, *args, languages, **kwargs):
        super().__init__(*args, **kwargs)
        # A required select starts with an empty "choose" option, so no language is picked by accident.
        self.language.choices = [SelectChoice("", _l("Choose a language")), *(
            SelectChoice(code, name, render_kw={"lang": code, "dir": direction})
            for code, (name, direction) in languages.items())]


class SharingForm(PortalForm):
    """May a young person's carers read their review letters?"""

    share = RadioField(_l("Can your carers read your review letters?"), choices=[
        SelectChoice("yes", _l("Yes, my carers can read them")),
        SelectChoice("no", _l("No, keep them private")),
    ], validators=[InputRequired(_l("Choose yes or no"))])


class PublishForm(PortalForm):
    """Publish the letter exactly as previewed: the version shown in the preview."""

    version = HiddenField()

    def validate_version(self, field):
        if not (field.data or "").isdigit():
            raise ValidationError(_l("This page is out of date. Open the letter again."))


class CorrectionForm(PortalForm):
    """A correction of a published letter: its sections, its decisions reworded, and what changed."""

    lock = HiddenField()
    what_changed = TextAreaField(
        _l("What changed?"),
        description=_l("One or two short sentences. The young person reads this above the corrected letter, "
                       "for example \u201cI put the wrong date for your next review.\u201d"),
        validators=[Optional(), CleanText(), MaxLength(500, _l("What changed must be 500 characters or fewer"))])
    meeting = _section("meeting", None)
    told_us = _section("told_us", None)
    going_well = _section("going_well", None)
    worries = _section("worries", None)
    decisions = FieldList(FormField(DecisionRow), max_entries=30)
    rights = _section("rights", None)
    next_review = _section("next_review", None)
    contact = _section("contact", None)

    def validate_lock(self, field):
        if not (field.data or "").isdigit():
            raise ValidationError(_l("This page is out of date. Open the letter again."))

    def validate_decisions(self, field):
        for entry in field:
            if entry.form.is_blank():
                entry.form.what.errors.append(_l("A decision cannot be removed in a correction: enter what will happen"))
                raise ValidationError("")

    def decision_texts(self):
        return [(entry.form.what.data, entry.form.who.data, entry.form.by_when.data) for entry in self.decisions]

    def what_changed_for_publishing(self):
        """Publishing needs "what changed": saving a draft without it is fine."""
        if (self.what_changed.data or "").strip():
            return True
        self.what_changed.errors = [*self.what_changed.errors,
                                    _l("Say what changed: the young person reads it above the letter")]
        return False


class TranslationForm(PortalForm):
    """The letter in the young person's language, pasted from the council's translation service, part by part."""

    meeting = _section("meeting", None)
    told_us = _section("told_us", None)
    going_well = _section("going_well", None)
    worries = _section("worries", None)
    decisions = FieldList(TextAreaField(validators=[
        Optional(), CleanText(), MaxLength(1000, _l("What will happen must be 1,000 characters or fewer"))]),
        max_entries=30)
    rights = _section("rights", None)
    next_review = _section("next_review", None)
    contact = _section("contact", None)

    def require(self, written: list[str]) -> bool:
        """Every part the English letter has needs its translation, so the young person misses nothing."""
        valid = True
        for name in written:
            field = self[name]
            if not field.errors and not (field.data or "").strip():
                field.errors = [*field.errors, _l("Paste the translation of this part of the letter")]
                valid = False
        for entry in self.decisions:
            if not entry.errors and not (entry.data or "").strip():
                entry.errors = [*entry.errors, _l("Paste the translation of this decision")]
                valid = False
        return valid
