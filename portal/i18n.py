"""Choosing the language and text direction, and the `flask i18n` commands."""

import subprocess
import sys
from functools import cache

import click
from babel import Locale, UnknownLocaleError, support
from flask import current_app, g, request, session
from flask_babel import Domain, get_locale
from flask_login import current_user
from wtforms.i18n import messages_path

from portal.config import ROOT
from portal.extensions import babel

TRANSLATIONS = ROOT / "translations"


def select_locale():
    """Saved preference, then the switcher's choice, then the browser, then English."""
    languages = current_app.config["LANGUAGES"]
    if current_user and current_user.is_authenticated and current_user.locale in languages:
        return current_user.locale
    if session.get("locale") in languages:
        return session["locale"]
    return request.accept_languages.best_match(list(languages)) or "en"


def text_direction():
    """'rtl' or 'ltr' for the current locale."""
    code = str(get_locale() or "en")
    return current_app.config["LANGUAGES"].get(code, ("", "ltr"))[1]


def language_name(code: str, in_locale: str) -> str:
    """A language's name in the reader's language ("Arabic", "árabe"), or its code if unknown."""
    try:
        return Locale.parse(code).get_display_name(in_locale) or code
    except (ValueError, UnknownLocaleError):
        return code


class CachedDomain(Domain):
    """Flask-Babel's message domain, finding the catalogue once per request rather than once per string.

    Flask-Babel looks the domain, the locale and the catalogue up again for every `_()` (a page has
    dozens). The catalogue found is kept on the request's Babel state beside the locale it is for,
    so `force_locale` (a letter rendered in the young person's language) and `refresh()`, which
    both replace that locale, still get the right catalogue.
    """

    def get_translations(self):
        try:
            state = g._get_current_object().__dict__.get("_flask_babel")
        except RuntimeError:  # outside an app context: Flask-Babel answers with no translation
            state = None
        if state is not None:
            found = state.__dict__.get("portal_translations")
            if found is not None and found[0] is state.__dict__.get("babel_locale"):
                return found[1]
        translations = super().get_translations()
        if state is None:
            state = g.get("_flask_babel") if g else None
        if state is not None:
            state.portal_translations = (state.__dict__.get("babel_locale"), translations)
        return translations


def _gettext(string):
    return babel.domain_instance.get_translations().ugettext(string)


def _ngettext(singular, plural, number):
    return babel.domain_instance.get_translations().ungettext(singular, plural, number)


def _pgettext(context, string):
    return babel.domain_instance.get_translations().upgettext(context, string)


def _npgettext(context, singular, plural, number):
    return babel.domain_instance.get_translations().unpgettext(context, singular, plural, number)


@cache
def _wtforms_catalogue(locale):
    return support.Translations.load(messages_path(), [locale], domain="wtforms")


def wtforms_translations():
    """WTForms' own messages ("Not a valid choice") in the page's language, each catalogue read once per process
    (Flask-WTF reads and parses it from disk again on every request that builds a form)."""
    return _wtforms_catalogue(str(get_locale() or "en"))


def init_app(app):
    """Template helpers, catalogues looked up once per request, and the i18n command group."""
    babel.domain_instance = CachedDomain(domain=app.extensions["babel"].default_domain)
    # Templates call these directly: Flask-Babel's own go through get_domain() on each string.
    app.jinja_env.install_gettext_callables(
        gettext=_gettext, ngettext=_ngettext, pgettext=_pgettext, npgettext=_npgettext, newstyle=True)

    @app.context_processor
    def language_context():
        return {
            "current_locale": str(get_locale() or "en"),
            "text_direction": text_direction(),
            "languages": current_app.config["LANGUAGES"],
        }

    app.cli.add_command(i18n)


def _pybabel(*args):
    subprocess.run([sys.executable, "-m", "babel.messages.frontend", *args], check=True, cwd=ROOT)


@click.group()
def i18n():
    """Extract, update and compile the translation catalogs."""


@i18n.command()
def extract():
    """Extract strings into translations/messages.pot."""
    _pybabel("extract", "-F", "translations/babel.cfg", "-k", "_l", "--no-location",
             "--sort-output", "-o", "translations/messages.pot", ".")


@i18n.command()
def update():
    """Extract, then merge new strings into every catalog."""
    extract.callback()
    _pybabel("update", "-i", "translations/messages.pot", "-d", "translations", "--no-wrap", "--ignore-obsolete")


@i18n.command()
def compile():  # noqa: A001 (the command is called compile)
    """Compile every catalog to .mo files."""
    _pybabel("compile", "-d", "translations", "--statistics")
