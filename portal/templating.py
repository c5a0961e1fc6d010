"""Template helpers shared by every page: versioned static URLs and who sees the exit control."""

import hashlib
from datetime import timedelta
from functools import cache

from flask import current_app, has_request_context, render_template, request, url_for
from flask_babel import force_locale
from flask_login import current_user
from markupsafe import Markup

from portal.core.clock import local_today
from portal.core.glossary import words as glossary_words
from portal.core.labels import (
    DUE_STATUS_NAMES,
    KIND_NAMES,
    LATENESS_NAMES,
    LEGAL_STATUS_NAMES,
    PARTICIPATION_NAMES,
    ROLE_NAMES,
    SUBJECT_NAMES,
)
from portal.core.picture_mode import shows_pictures
from portal.dates import format_date, format_datetime, format_duration, format_time, machine_time
from portal.i18n import by_title
from portal.models import Role
from portal.security.access import may_use
from portal.security.policy import own_young_person
from portal.security.privacy import WHO_READS, WHO_READS_SHORT
from portal.security.sanitise import as_html

CHILD_FACING_ROLES = (Role.YOUNG_PERSON, Role.CARER)


@cache
def _fingerprint(path):
    with open(path, "rb") as handle:
        return hashlib.sha256(handle.read()).hexdigest()[:10]


def static_url(filename):
    """The URL of a static file with a content fingerprint, so it can be cached for a year.

    Built once per process (and mount point): the file cannot change while the process runs.
    """
    if not has_request_context():
        return url_for("static", filename=filename, v=_fingerprint(f"{current_app.static_folder}/{filename}"))
    built = current_app.extensions["built_urls"]
    key = (request.script_root, "static", filename)
    url = built.get(key)
    if url is None:
        url = built[key] = url_for("static", filename=filename,
                                   v=_fingerprint(f"{current_app.static_folder}/{filename}"))
    return url


def page_url(endpoint, **values):
    """Flask's url_for, for templates: a page's URL without values (the layout's links) is built once per process.

    Werkzeug builds each URL from the rule again on every call; the layout alone asks for several per page.
    """
    if values or endpoint.startswith(".") or not has_request_context():
        return url_for(endpoint, **values)
    built = current_app.extensions["built_urls"]
    key = (request.script_root, endpoint)
    url = built.get(key)
    if url is None:
        url = url_for(endpoint)
        if not any(current_app.url_default_functions.values()):  # URL defaults could make it vary
            built[key] = url
    return url


def described_by(field) -> str | None:
    """The ids of a field's hint and error, for aria-describedby (None when it has neither)."""
    ids = [f"{field.id}-hint"] if field.description else []
    if field.errors:
        ids.append(f"{field.id}-error")
    return " ".join(ids) or None


def input_attrs(field, **attrs) -> dict:
    """Attributes for rendering a field: accessible descriptions and error state, empty ones left out."""
    attrs["aria-describedby"] = described_by(field)
    attrs["aria-invalid"] = "true" if field.errors else None
    return {name: value for name, value in attrs.items() if value not in (None, False, "")}


def picture_mode(consultation=None) -> bool:
    """Whether this page is shown in picture mode: for a young person, their choice or their band's default;
    for a carer, the child's, on the pages of the consultation they are helping with (passed by the page)."""
    if not has_request_context() or not current_user.is_authenticated:
        return False
    if current_user.role == Role.YOUNG_PERSON:
        me = own_young_person(current_user)  # loaded with the user: no extra statement
        return shows_pictures(current_user.picture_mode, me.band(local_today()) if me else None)
    if current_user.role == Role.CARER and consultation is not None:
        child = consultation.young_person
        return shows_pictures(child.user.picture_mode if child.user_id else None, consultation.band)
    return False


def render_in_locale(template, locale, **context) -> Markup:
    """A template fragment rendered in another language (the letter as its young person reads it).

    render_template autoescapes everything it inserts, so its output is HTML that is already safe:
    Markup only stops it being escaped a second time. Never pass text that was not rendered here.
    """
    with force_locale(locale):
        return Markup(render_template(template, **context))


def bdi(text) -> Markup:
    """Someone's name (or a code) isolated from the sentence around it, so a right-to-left name in an
    English sentence, or a Latin name in an Arabic one, cannot move the punctuation next to it.

    The text is escaped (Markup.format), so this marks nothing the person typed as safe HTML.
    """
    return Markup("<bdi>{}</bdi>").format(text)


def init_app(app):
    """Register the helpers."""
    # (mount point, endpoint[, file]) -> URL: the URLs that are the same for every request to this app.
    app.extensions["built_urls"] = {}
    app.jinja_env.globals["url_for"] = page_url
    app.jinja_env.globals.update(
        static_url=static_url, input_attrs=input_attrs, described_by=described_by,
        format_date=format_date, format_datetime=format_datetime, format_time=format_time, format_duration=format_duration,
        machine_time=machine_time, today=local_today, timedelta=timedelta,
        role_names=ROLE_NAMES, kind_names=KIND_NAMES, subject_names=SUBJECT_NAMES,
        who_reads=WHO_READS, who_reads_short=WHO_READS_SHORT, may_use=may_use,
        due_status_names=DUE_STATUS_NAMES, legal_status_names=LEGAL_STATUS_NAMES,
        participation_names=PARTICIPATION_NAMES, lateness_names=LATENESS_NAMES, by_title=by_title,
        glossary=glossary_words, picture_mode=picture_mode,
    )
    # The only filter that marks text as safe HTML: it sanitises (portal.security.sanitise).
    app.jinja_env.filters["sanitised"] = as_html
    app.jinja_env.filters["bdi"] = bdi

    @app.context_processor
    def safety_context():
        # Young people, carers and anyone not signed in see the exit control; staff do not need it.
        child_facing = not current_user.is_authenticated or current_user.role in CHILD_FACING_ROLES
        return {"show_exit": child_facing}
