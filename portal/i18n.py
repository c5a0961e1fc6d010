"""Choosing the language and text direction, and the `flask i18n` commands."""

import subprocess
import sys

import click
from babel import Locale, UnknownLocaleError
from flask import current_app, request, session
from flask_babel import get_locale
from flask_login import current_user

from portal.config import ROOT

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


def init_app(app):
    """Template helpers and the i18n command group."""

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
