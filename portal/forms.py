"""The base class of every form: gives back what was typed when a submission could not be accepted."""

from flask import flash, g
from flask_babel import gettext as _
from flask_wtf import FlaskForm

from portal import widgets
from portal.i18n import wtforms_translations
from portal.security.kept import as_formdata, fits


class PortalForm(FlaskForm):
    """A Flask-WTF form that refills itself after an interruption (timeout, stale token).

    What to refill it with was put in `g` before the view ran (portal.security.kept): building a
    form reads nothing from the database. Only the form those fields belong to takes them.
    """

    class Meta(FlaskForm.Meta):
        def get_translations(self, form):
            return wtforms_translations()

        def render_field(self, field, render_kw):
            # The plain inputs are written directly (the same HTML, far fewer calls); others by WTForms.
            return widgets.render(field, render_kw) or super().render_field(field, render_kw)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        kept = g.get("kept_fields")
        if kept is None or not fits(self, kept):
            return
        g.pop("kept_fields")
        self.process(as_formdata(kept), obj=kwargs.get("obj"), data=kwargs.get("data"))
        if g.pop("kept_notice", False):
            flash(_("We kept what you typed. Check it, then send it again."), "notice")
