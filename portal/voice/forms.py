"""Forms of the council voice: telling the council, answering a campaign, moderating, campaigns, updates,
permissions, themes, and the figures' filters."""

import secrets
from datetime import date

from flask_babel import lazy_gettext as _l
from wtforms import BooleanField, DateField, HiddenField, RadioField, SelectField, SelectMultipleField, StringField, TextAreaField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, Optional, Regexp, ValidationError
from wtforms.widgets import CheckboxInput, ListWidget

from portal.forms import PortalForm
from portal.models import AnswerType
from portal.validators import CleanText, MaxLength
from portal.voice.words import ANSWER_TYPE_NAMES

TEXT_LIMIT = 2000
MODERATED_LIMIT = 5000  # shared consultation answers can be up to 5,000 characters
MOST_CHOICES = 8


def _submission():
    return secrets.token_urlsafe(16)


def _checkboxes(label, description=None, validators=None):
    return SelectMultipleField(label, description=description, choices=[], validate_choice=True,
                               validators=validators or [Optional()],
                               widget=ListWidget(prefix_label=False), option_widget=CheckboxInput())


class _Submission:
    # A random value from the page, so that a double tap stores one contribution, not two.
    submission = HiddenField(default=_submission, validators=[Optional(), Regexp(r"^[A-Za-z0-9_-]{16,32}$")])


class ActionForm(PortalForm):
    """A button that changes something (CSRF only)."""


class TellForm(_Submission, PortalForm):
    """Words for the council, and what they are about."""

    text = TextAreaField(
        _l("What do you want the council to know?"),
        description=_l("You can write up to 2,000 characters. Please do not write your name or anyone else's."),
        validators=[DataRequired(_l("Write what you want to tell the council")), CleanText(),
                    MaxLength(TEXT_LIMIT, _l("This is longer than 2,000 characters. Make it a little shorter: "
                                             "nothing you wrote has been lost."))])
    themes = _checkboxes(_l("What is it about? (optional)"),
                         description=_l("Tick as many as you like. If you do not tick any, it goes under "
                                        "\"Something else\"."))


def campaign_answer_form(campaign, options):
    """A form for one campaign: a choice or a point on the scale, and/or words."""

    class CampaignAnswerForm(_Submission, PortalForm):
        pass

    if options:
        CampaignAnswerForm.answer = RadioField(
            _l("Your answer"), choices=[SelectChoice(value, words) for value, words in options], validate_choice=True,
            validators=[DataRequired(_l("Choose an answer"))])
        CampaignAnswerForm.text = TextAreaField(
            _l("Tell the council more (optional)"), description=_l("You can write up to 2,000 characters."),
            validators=[Optional(), CleanText(), MaxLength(TEXT_LIMIT, _l(
                "This is longer than 2,000 characters. Make it a little shorter: nothing you wrote has been lost."))])
    else:
        CampaignAnswerForm.text = TextAreaField(
            _l("Your answer"), description=_l("You can write up to 2,000 characters."),
            validators=[DataRequired(_l("Write your answer")), CleanText(), MaxLength(TEXT_LIMIT, _l(
                "This is longer than 2,000 characters. Make it a little shorter: nothing you wrote has been lost."))])
    return CampaignAnswerForm


class ModerationForm(PortalForm):
    """The words the council will read, with identifying details taken out."""

    redacted = TextAreaField(
        _l("Words the council will read"),
        description=_l("Details that might identify someone have been replaced, like [name]. Check every word: "
                       "change anything else that could show who wrote it, or who they wrote about."),
        validators=[CleanText(), MaxLength(MODERATED_LIMIT, _l("The words must be 5,000 characters or fewer"))])

    def approving(self, decision) -> bool:
        if decision == "approve" and not (self.redacted.data or "").strip():
            self.redacted.errors = list(self.redacted.errors) + [_l("Enter the words the council will read, or reject them")]
            return False
        return True


class CampaignForm(PortalForm):
    """A new campaign."""

    title = StringField(_l("Title"), description=_l("For example: Sibling contact matters to me"),
                        validators=[DataRequired(_l("Enter a title")), CleanText(),
                                    MaxLength(120, _l("The title must be 120 characters or fewer"))])
    question = TextAreaField(_l("Question"), description=_l("What do you want to ask young people?"),
                             validators=[DataRequired(_l("Enter the question")), CleanText(),
                                         MaxLength(500, _l("The question must be 500 characters or fewer"))])
    answer_type = RadioField(_l("How do young people answer?"), validate_choice=True,
                             choices=[SelectChoice(kind.value, ANSWER_TYPE_NAMES[kind]) for kind in AnswerType],
                             validators=[DataRequired(_l("Choose how young people answer"))])
    choices = TextAreaField(_l("Answers to choose from"),
                            description=_l("Only for \"choose one answer\": one answer on each line, 2 to 8 answers."),
                            validators=[Optional(), CleanText(), MaxLength(800, _l("The answers must be 800 characters or fewer"))])
    themes = _checkboxes(_l("Themes"), validators=[DataRequired(_l("Choose at least one theme"))])
    written_in = SelectField(_l("Language you are writing in"), choices=[], validate_choice=True)
    languages = _checkboxes(_l("Show it to young people using"),
                            description=_l("The campaign is shown as you wrote it: it is not translated."),
                            validators=[DataRequired(_l("Choose at least one language"))])
    opens_on = DateField(_l("Opens on"), validators=[DataRequired(_l("Enter the date it opens as a real date"))])
    closes_on = DateField(_l("Closes on"), validators=[DataRequired(_l("Enter the date it closes as a real date"))])

    def validate_choices(self, field):
        if self.answer_type.data != AnswerType.CHOICE.value:
            return
        lines = self.choice_lines()
        if not 2 <= len(lines) <= MOST_CHOICES:
            raise ValidationError(_l("Write 2 to 8 answers, one on each line"))
        if any(len(line) > 100 for line in lines):
            raise ValidationError(_l("Each answer must be 100 characters or fewer"))

    def validate_opens_on(self, field):
        if field.data is not None and field.data < date.today():
            raise ValidationError(_l("The opening date must be today or later"))

    def validate_closes_on(self, field):
        if field.data is not None and self.opens_on.data is not None and field.data < self.opens_on.data:
            raise ValidationError(_l("The closing date must be on or after the opening date"))

    def choice_lines(self) -> list[str]:
        return [line.strip() for line in (self.choices.data or "").splitlines() if line.strip()]


class UpdateForm(PortalForm):
    """"You said, we did"."""

    you_said = TextAreaField(_l("You said"), description=_l("What young people told the council, in a sentence or two."),
                             validators=[DataRequired(_l("Enter what young people said")), CleanText(),
                                         MaxLength(300, _l("This must be 300 characters or fewer"))])
    we_did = TextAreaField(_l("We did"), description=_l("What the council did about it, or is doing."),
                           validators=[DataRequired(_l("Enter what the council did")), CleanText(),
                                       MaxLength(600, _l("This must be 600 characters or fewer"))])
    themes = _checkboxes(_l("Themes"), validators=[DataRequired(_l("Choose at least one theme"))])


class PermissionForm(PortalForm):
    """A council account's permissions (one form per account, each with its own prefix).

    The page's own csrf_token field is checked for every POST (portal.security.sessions), so the
    prefixed forms do not carry a second, prefixed one.
    """

    class Meta:
        csrf = False

    can_moderate = BooleanField(_l("Moderator: checks words before the council reads them"))
    can_run_campaigns = BooleanField(_l("Campaigns: runs campaigns and posts \"You said, we did\""))


class ThemesForm(PortalForm):
    """Which themes young people can choose from."""

    offered = _checkboxes(_l("Themes young people can choose"),
                          description=_l("Figures always count every theme. \"Something else\" is always offered."))


def new_theme_form(languages):
    """A form for a new theme: its name in English (needed) and in each other language (optional)."""

    class NewThemeForm(PortalForm):
        pass

    for code, (native, _direction) in languages.items():
        validators = [CleanText(), MaxLength(80, _l("Theme names are 80 characters or fewer"))]
        if code == "en":
            label = _l("Name in English")
            validators.insert(0, DataRequired(_l("Enter the theme's name in English")))
        else:
            label = _l("Name in %(language)s (optional)", language=native)
            validators.insert(0, Optional())
        setattr(NewThemeForm, f"name_{code}", StringField(label, validators=validators))
    return NewThemeForm


class FiltersForm(PortalForm):
    """The figures' filters: a GET form (nothing changes, so no CSRF token)."""

    class Meta:
        csrf = False

    start = SelectField(_l("From"), choices=[], validate_choice=False)
    end = SelectField(_l("To"), choices=[], validate_choice=False)
    by = SelectField(_l("Show by"), choices=[], validate_choice=False)
    theme = SelectField(_l("Theme"), choices=[], validate_choice=False)
    age_band = SelectField(_l("Age"), choices=[], validate_choice=False)
