"""The base class of every form: gives back what was typed when a submission was refused."""

from flask import flash, g
from flask_babel import gettext as _
from flask_wtf import FlaskForm
from werkzeug.datastructures import MultiDict

from portal.security.kept import restore_into


class PortalForm(FlaskForm):
    """A Flask-WTF form that refills itself after an interruption (timeout, stale token)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        refused = g.pop("kept_fields", None)
        if refused is not None:
            self.process(MultiDict([(k, v) for k, values in refused.items() for v in values]))
        elif restore_into(self):
            flash(_("We kept what you typed. Check it, then send it again."), "notice")
