"""Forms of the consultation: one built for each question, plus "one more thing"."""

from flask import current_app
from flask_babel import format_decimal
from flask_babel import lazy_gettext as _l
from wtforms import DateField, RadioField, SelectField, StringField, TextAreaField, TimeField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, Length, Optional, ValidationError

from portal.core.questions import (
    ANOTHER_LANGUAGE,
    INTERPRETER_NO,
    INTERPRETER_OTHER,
    MAX_ANSWER_LENGTH,
    NO_INTERPRETER,
    Kind,
    Question,
)
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


def _text_field(question: Question):
    if question.kind == Kind.TEXT:
        label, description = question.prompt, question.hint
    elif question.kind == Kind.LANGUAGE:
        label, description = _l("If it is another language, which one?"), None
    else:
        label, description = _l("Tell us more (optional)"), None
    return TextAreaField(label, description=description, validators=[Optional(), CleanText(), AnswerLength()])


def _choice_field(question: Question):
    if question.kind == Kind.LANGUAGE:
        # The portal's languages by their own names, then "another language" (typed in the words).
        languages = current_app.config["LANGUAGES"]
        choices = [SelectChoice("", _l("Choose")), SelectChoice(INTERPRETER_NO, NO_INTERPRETER),
                   *(SelectChoice(code, name, render_kw={"lang": code, "dir": direction})
                     for code, (name, direction) in languages.items()),
                   SelectChoice(INTERPRETER_OTHER, ANOTHER_LANGUAGE)]
        return SelectField(question.prompt, description=question.hint, choices=choices, validate_choice=True,
                           validators=[Optional()])
    return RadioField(question.prompt, description=question.hint, validate_choice=True,
                      choices=[SelectChoice(c.value, c.label) for c in question.choices], validators=[Optional()])


def question_form(question: Question):
    """A form class for one screen: a choice and/or words; a screen of parts has `choice_N`/`text_N` per part.
    (Sharing with the council is not here: it is one choice on the check page.)"""

    class QuestionForm(PortalForm):
        pass

    if question.parts:
        for number, part in enumerate(question.parts):
            if part.choices or part.kind == Kind.LANGUAGE:
                setattr(QuestionForm, f"choice_{number}", _choice_field(part))
            if part.kind in (Kind.TEXT, Kind.LANGUAGE):
                setattr(QuestionForm, f"text_{number}", _text_field(part))
        return QuestionForm
    QuestionForm.text = _text_field(question)
    if question.choices:
        QuestionForm.choice = _choice_field(question)
    return QuestionForm


def answer_values(question: Question, form) -> dict:
    """What a screen's form holds, as {key: (choice, text)} for each of its questions."""
    if not question.parts:
        return {question.key: (getattr(form, "choice", None) and form.choice.data, form.text.data)}
    values = {}
    for number, part in enumerate(question.parts):
        choice = getattr(form, f"choice_{number}", None)
        text = getattr(form, f"text_{number}", None)
        values[part.key] = (choice.data if choice else None, text.data if text else None)
    return values


def answer_data(question: Question, answers: dict) -> dict:
    """Stored answers as the screen's form data."""
    if not question.parts:
        answer = answers.get(question.key)
        return {"choice": answer.choice, "text": answer.text} if answer else {}
    data = {}
    for number, part in enumerate(question.parts):
        answer = answers.get(part.key)
        if answer is not None:
            data.update({f"choice_{number}": answer.choice, f"text_{number}": answer.text})
    return data


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
