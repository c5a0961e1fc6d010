"""Rendering a page with a form: a form with errors is answered with 400."""

from flask import render_template


def form_page(template, form, status=None, **context):
    """Render a template holding `form`; 400 when it has errors, else 200 (or `status`)."""
    if status is None:
        status = 400 if form.errors else 200
    return render_template(template, form=form, **context), status
