"""The layout's header and footer, rendered once per language and kind of visitor, filled in per request.

The skip link, exit control, menu, language switcher (13 languages), help links and idle warning are
the same on every page a visitor of one language and kind (signed in or not, shown the exit control
or not) sees, except for the CSRF token and the page's own address; rendering them cost every page
some 15 translated strings and a dozen URLs. They are rendered once with markers where those values
go, split at the markers, and each request joins the pieces with its own values, escaped as Jinja
escapes them.

Nothing about the person may go in these templates: the frames are shared by everyone with the
same key. Anything that varies per request must be one of SLOTS. (The <body> tag stays in
layouts/base.html: its picture-mode class depends on the person.)
"""

import re

from flask import current_app, render_template, request, url_for
from flask_babel import get_locale
from flask_login import current_user
from flask_wtf.csrf import generate_csrf
from markupsafe import Markup, escape

from portal.i18n import is_draft
from portal.security.kept import this_page

MARK = "\ue000"  # a private-use character: never in a translation, a URL or a token
_MARKED = re.compile(f"{MARK}(\\w+){MARK}")

# What a frame may contain that differs between requests, and how each request finds it.
SLOTS = {
    "csrf": generate_csrf,
    "page": this_page,
    "here": lambda: request.full_path.rstrip("?"),
    "problem_url": lambda: url_for("main.translation_problem", page=request.path),
}


def _render_marked(template, show_exit):
    """The frame with a marker in place of each per-request value, as a list: text, slot, text, slot, … text."""
    marked = render_template(
        template, show_exit=show_exit,
        csrf_token=lambda: f"{MARK}csrf{MARK}", form_page=lambda: f"{MARK}page{MARK}",
        here=f"{MARK}here{MARK}", problem_url=f"{MARK}problem_url{MARK}")
    # A value rendered without its marker (a macro imported without context calls the real csrf_token())
    # would be handed to every visitor: refuse to keep such a frame.
    for field in ("csrf_token", "from_page"):
        if marked.count(f'name="{field}"') != marked.count(f'name="{field}" value="{MARK}'):
            raise ValueError(f"{template} renders {field} without its marker")
    pieces = _MARKED.split(marked)
    unknown = set(pieces[1::2]) - set(SLOTS)
    if unknown:
        raise ValueError(f"{template} marks values it cannot fill: {unknown}")
    return tuple(pieces)


def layout_frame(template, show_exit):
    """The frame for this request: shared pieces, with this request's token and address put in."""
    config = current_app.config
    locale = str(get_locale() or "en")
    key = (template, locale, is_draft(locale), current_user.is_authenticated, bool(show_exit), request.script_root,
           config["SERVICE_NAME"])
    # Made on first use, so a test app's reset of its extensions also forgets the frames.
    frames = current_app.extensions.setdefault("layout_frames", {})
    pieces = frames.get(key)
    if pieces is None:
        pieces = frames[key] = _render_marked(template, show_exit)
    if len(pieces) == 1:
        return Markup(pieces[0])
    values = {}
    out = [pieces[0]]
    for index in range(1, len(pieces), 2):
        name = pieces[index]
        value = values.get(name)
        if value is None:
            value = values[name] = str(escape(SLOTS[name]()))
        out.append(value)
        out.append(pieces[index + 1])
    return Markup("".join(out))


def init_app(app):
    """Offer the frames to the layout."""
    app.jinja_env.globals["layout_frame"] = layout_frame
