"""The period the figures cover: a reporting year, or any two dates (a GET form: it changes nothing)."""

from datetime import date

from flask_babel import lazy_gettext as _l
from wtforms import DateField, SelectField
from wtforms.validators import Optional

from portal.forms import PortalForm

EARLIEST = date(2000, 1, 1)
LONGEST_DAYS = 366 * 5


class PeriodForm(PortalForm):
    """Choose a reporting year, or give a start and an end date (both) for any other period."""

    class Meta:
        csrf = False

    year = SelectField(_l("Reporting year"), choices=[], validate_choice=False)
    start = DateField(_l("From (optional)"), description=_l("For any other period: the first day, like 2025-04-01."),
                      validators=[Optional()])
    end = DateField(_l("To (optional)"), description=_l("The last day, like 2026-03-31."), validators=[Optional()])

    def __init__(self, *args, years=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.years = [str(year) for year in years]

    def validate(self, extra_validators=None):
        ok = super().validate(extra_validators)
        for field, message in ((self.start, _l("Enter the first day as a real date, like 2025-04-01")),
                               (self.end, _l("Enter the last day as a real date, like 2026-03-31"))):
            if field.raw_data and field.raw_data[0].strip() and field.data is None:
                field.errors[:] = [message]
                ok = False
        if not ok:
            return False
        if self.year.data and self.year.data not in self.years:
            self.year.errors.append(_l("Choose a reporting year from the list"))
            return False
        if (self.start.data is None) != (self.end.data is None):
            missing = self.start if self.start.data is None else self.end
            missing.errors.append(_l("Give both the first and the last day, or neither"))
            return False
        if self.start.data is not None:
            if self.start.data < EARLIEST:
                self.start.errors.append(_l("The first day must be in 2000 or later"))
            elif self.end.data < self.start.data:
                self.end.errors.append(_l("The last day must be the same as or after the first day"))
            elif (self.end.data - self.start.data).days >= LONGEST_DAYS:
                self.end.errors.append(_l("Choose a period of 5 years or less"))
            return not (self.start.errors or self.end.errors)
        return True
