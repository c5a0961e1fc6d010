"""The quick questions after a review: each a row of choices, each may be left out."""

from wtforms import RadioField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import Optional

from portal.core.review_feedback import QUESTIONS
from portal.forms import PortalForm


class FeedbackForm(PortalForm):
    """One radio group per question of portal.core.review_feedback.QUESTIONS."""


for _question in QUESTIONS:
    setattr(FeedbackForm, _question.key, RadioField(
        _question.prompt, choices=[SelectChoice(value, label) for value, label in _question.choices],
        validators=[Optional()]))
