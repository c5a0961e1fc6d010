"""Forms of the consultation: one built for each question, plus "one more thing"."""

from flask_babel import format_decimal
from flask_babel import lazy_gettext as _l
from wtforms import BooleanField, RadioField, TextAreaField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, Optional, ValidationError

from portal.consultation.definitions import MAX_ANSWER_LENGTH, Kind, Question
from portal.forms import PortalForm
from portal.validators import CleanText


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
