"""Forms on young people's own pages that belong to no other capability."""

from flask_babel import lazy_gettext as _l
from wtforms import HiddenField, TextAreaField
from wtforms.validators import InputRequired, Optional

from portal.forms import PortalForm
from portal.validators import CleanText, MaxLength


class SoonerForm(PortalForm):
    """A young person asking for their review sooner, with why if they want to say."""

    reason = TextAreaField(_l("Why would you like it sooner? (you do not have to say)"),
                           description=_l("Only your IRO reads this."),
                           validators=[Optional(), CleanText(),
                                       MaxLength(1000, _l("This must be 1,000 characters or fewer"))])


class TranslationProblemForm(PortalForm):
    """Someone telling us a sentence in their language is wrong: no name, no account needed."""

    page = HiddenField()
    words = TextAreaField(_l("Which words are wrong? Copy them here."),
                          description=_l("Please do not write your name or anything about you."),
                          validators=[InputRequired(_l("Copy the words that are wrong")), CleanText(),
                                      MaxLength(500, _l("This must be 500 characters or fewer"))])
    suggestion = TextAreaField(_l("What should they say? (you do not have to say)"),
                               validators=[Optional(), CleanText(),
                                           MaxLength(500, _l("This must be 500 characters or fewer"))])
