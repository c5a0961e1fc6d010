"""Forms on young people's own pages that belong to no other capability."""

from flask_babel import lazy_gettext as _l
from wtforms import TextAreaField
from wtforms.validators import Optional

from portal.forms import PortalForm
from portal.validators import CleanText, MaxLength


class SoonerForm(PortalForm):
    """A young person asking for their review sooner, with why if they want to say."""

    reason = TextAreaField(_l("Why would you like it sooner? (you do not have to say)"),
                           description=_l("Only your IRO reads this."),
                           validators=[Optional(), CleanText(),
                                       MaxLength(1000, _l("This must be 1,000 characters or fewer"))])
