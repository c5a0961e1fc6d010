"""Forms of the consultation: one built for each question, plus "one more thing"."""

from flask_babel import format_decimal
from flask_babel import lazy_gettext as _l
from wtforms import BooleanField, DateField, RadioField, StringField, TextAreaField, TimeField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, Length, Optional, ValidationError

from portal.core.questions import MAX_ANSWER_LENGTH, Kind, Question
from portal.forms import PortalForm
from portal.models import FlagActionKind
from portal.validators import CleanText, NotInFuture


class AnswerLength:
    """Over the limit the text is kept and the person is told how much to cut."""

    def __call__(self, form, field):
        length = len(field.data or "")
        if length > MAX_ANSWER_LENGTH:
            raise ValidationError(_l(
                "Your answer is %(length)s characters long. The most we can take is 5,000: make it a little shorter. "
                "Nothing you wrote has been lost.", length=format_decimal(length)))


class ActionForm(PortalForm):
    """A button that changes something (CSRF only)."""


def question_form(question: Question):
    """A form class for one question: a choice and/or words, and the sharing choice."""

    class QuestionForm(PortalForm):
        text = TextAreaField(
            question.prompt if question.kind == Kind.TEXT else _l("Tell us more (optional)"),
            description=question.hint if question.kind == Kind.TEXT else None,
            validators=[Optional(), CleanText(), AnswerLength()],
        )
        shared = BooleanField(_l("Share this answer with the Children in Care Council, without my name"))

    if question.choices:
        QuestionForm.choice = RadioField(
            question.prompt, description=question.hint, validate_choice=True,
            choices=[SelectChoice(c.value, c.label) for c in question.choices],
            validators=[Optional()],
        )
    return QuestionForm


class MoreForm(PortalForm):
    """One more thing, after sending."""

    text = TextAreaField(_l("One more thing"), description=_l("Your IRO will read this before your review."),
                         validators=[DataRequired(_l("Write what you want to add")), CleanText(), AnswerLength()])


FLAG_ACTION_LABELS = {
    FlagActionKind.SPOKE_TO_YOUNG_PERSON: _l("Spoke to the young person"),
    FlagActionKind.TOLD_SOCIAL_WORKER: _l("Told the social worker"),
    FlagActionKind.SAFEGUARDING_REFERRAL: _l("Made a safeguarding referral"),
    FlagActionKind.STRATEGY_MEETING: _l("Strategy meeting"),
    FlagActionKind.POLICE: _l("Told the police"),
    FlagActionKind.NO_FURTHER_ACTION: _l("No further action"),
}


class FlagActionForm(PortalForm):
    """What was done about a safety flag, with whom and when."""

    kind = RadioField(_l("What was done?"), choices=[SelectChoice(kind.value, label) for kind, label in FLAG_ACTION_LABELS.items()],
                      validators=[DataRequired(_l("Choose what was done"))])
    taken_on = DateField(_l("When?"), validators=[DataRequired(_l("Enter the date as a real date")),
                                                  NotInFuture(_l("The date cannot be in the future"))])
    taken_at = TimeField(_l("Time"), validators=[Optional()])
    with_whom = StringField(_l("With whom (optional)"), description=_l("For example the social worker's name or team."),
                            validators=[Optional(), CleanText(), Length(max=200)])
    note = TextAreaField(_l("Notes"), description=_l("Needed when there is no further action: say why."),
                         validators=[Optional(), CleanText(), Length(max=4000)])

    def validate(self, extra_validators=None):
        valid = super().validate(extra_validators)
        # Checked here, not as a field validator: Optional() ends the note's own checks when it is empty.
        if self.kind.data == FlagActionKind.NO_FURTHER_ACTION and not (self.note.data or "").strip():
            self.note.errors = [*self.note.errors, _l("Say why there is no further action")]
            return False
        return valid
