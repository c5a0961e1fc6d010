"""Choosing the language and text direction, and the `flask i18n` commands."""

import re
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


@cache
def is_draft(locale: str) -> bool:
    """Whether a language's catalog has not yet been checked by a fluent speaker (English never is)."""
    if locale == "en" or not (TRANSLATIONS / locale / "LC_MESSAGES" / "messages.po").exists():
        return False
    return review_status(locale)["review"] != "reviewed"


@cache
def _translated_strings(locale: str) -> tuple:
    from babel.messages.pofile import read_po

    with open(TRANSLATIONS / locale / "LC_MESSAGES" / "messages.po", "rb") as handle:
        catalog = read_po(handle)
    pairs = []
    for message in catalog:
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        msgid = message.id[0] if isinstance(message.id, tuple) else message.id
        pairs.extend((_comparable(text), msgid) for text in strings if msgid and text)
    return tuple(pairs)


def _comparable(text: str) -> str:
    return " ".join(re.sub(r"%\(\w+\)s", " ", text).split()).casefold()


def find_string_id(locale: str, words: str) -> str | None:
    """The msgid of the translated sentence these words were copied from, if they can be found."""
    wanted = _comparable(words)
    if len(wanted) < 3 or locale == "en" or locale not in current_app.config["LANGUAGES"]:
        return None
    matches = [(len(text), msgid) for text, msgid in _translated_strings(locale) if wanted in text]
    return min(matches)[1] if matches else None


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


def _add_pseudo_locale(app):
    """Development and tests only: offer the pseudo-locale built into PSEUDO_LOCALE_DIR (portal.pseudo)."""
    directory = app.config.get("PSEUDO_LOCALE_DIR")
    if not directory or app.config["ENV_NAME"] == "production":
        return
    from portal.pseudo import PSEUDO_LOCALE, PSEUDO_NAME  # noqa: PLC0415 (a development tool, loaded only when on)

    app.config["LANGUAGES"] = {**app.config["LANGUAGES"], PSEUDO_LOCALE: (PSEUDO_NAME, "ltr")}
    app.extensions["babel"].translation_directories.append(str(directory))


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
    """Template helpers, catalogues looked up once per request, and the i18n command group.

    The languages a council chose to hide (HIDDEN_LANGUAGES) are not offered; English always is.
    """
    hidden = set(app.config.get("HIDDEN_LANGUAGES") or ())
    app.config["LANGUAGES"] = {code: value for code, value in app.config["LANGUAGES"].items()
                               if code == "en" or code not in hidden}
    _add_pseudo_locale(app)
    babel.domain_instance = CachedDomain(domain=app.extensions["babel"].default_domain)
    # Templates call these directly: Flask-Babel's own go through get_domain() on each string.
    app.jinja_env.install_gettext_callables(
        gettext=_gettext, ngettext=_ngettext, pgettext=_pgettext, npgettext=_npgettext, newstyle=True)

    @app.context_processor
    def language_context():
        locale = str(get_locale() or "en")
        return {
            "current_locale": locale,
            "text_direction": text_direction(),
            "languages": current_app.config["LANGUAGES"],
            "translation_is_draft": is_draft(locale),
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


REVIEW_HEADER = re.compile(r'^"X-Review[^"]*\\n"$', re.MULTILINE)


def _catalog_paths():
    return sorted(TRANSLATIONS.glob("*/LC_MESSAGES/messages.po"))


@i18n.command()
@click.argument("directory", type=click.Path(file_okay=False))
def pseudo(directory):
    """Build the pseudo-locale (accented, 40% longer) from freshly extracted strings into DIRECTORY.

    Then start the portal with PSEUDO_LOCALE_DIR=DIRECTORY (development only) and choose it in the footer.
    """
    from pathlib import Path  # noqa: PLC0415

    from portal.pseudo import build  # noqa: PLC0415

    target = Path(directory)
    target.mkdir(parents=True, exist_ok=True)
    _pybabel("extract", "-F", "translations/babel.cfg", "-k", "_l", "--no-location", "-o",
             str(target / "messages.pot"), ".")
    click.echo(build(target / "messages.pot", target))


@i18n.command()
def update():
    """Extract, then merge new strings into every catalog, keeping each catalog's review status."""
    extract.callback()
    # Babel drops header fields it does not know; translators' tools (Weblate, Poedit) keep them.
    kept = {path: REVIEW_HEADER.findall(path.read_text(encoding="utf-8")) for path in _catalog_paths()}
    _pybabel("update", "-i", "translations/messages.pot", "-d", "translations", "--no-wrap", "--ignore-obsolete")
    for path, lines in kept.items():
        restore_review_headers(path, lines)


def restore_review_headers(path, lines):
    """Put the X-Review-… header lines back after the last header field, if they are missing."""
    text = path.read_text(encoding="utf-8")
    if not lines or REVIEW_HEADER.search(text):
        return
    head, _sep, rest = text.partition("\n\n")
    path.write_text(head + "\n" + "\n".join(lines) + "\n\n" + rest, encoding="utf-8")


@i18n.command()
def compile():  # noqa: A001 (the command is called compile)
    """Compile every catalog to .mo files."""
    _pybabel("compile", "-d", "translations", "--statistics")


def catalog_status(locale: str) -> dict:
    """How complete a language's catalog is, and who (if anyone) has reviewed it, from its PO header."""
    from babel.messages.pofile import read_po

    with open(TRANSLATIONS / "messages.pot", "rb") as handle:
        template = read_po(handle)
    with open(TRANSLATIONS / locale / "LC_MESSAGES" / "messages.po", "rb") as handle:
        catalog = read_po(handle)
    wanted = [message for message in template if message.id]
    translated = fuzzy = 0
    for message in wanted:
        found = catalog.get(message.id, context=message.context)
        strings = found.string if found is not None else ""
        strings = strings if isinstance(strings, tuple) else (strings,)
        if found is None or not all(strings):
            continue
        if found.fuzzy:
            fuzzy += 1
        else:
            translated += 1
    return {"locale": locale, "strings": len(wanted), "translated": translated, "fuzzy": fuzzy,
            "missing": len(wanted) - translated - fuzzy, **review_status(locale)}


def review_status(locale: str) -> dict:
    """A catalog's `X-Review-Status` (draft unless it says reviewed) and `X-Reviewed-By` header fields."""
    text = (TRANSLATIONS / locale / "LC_MESSAGES" / "messages.po").read_text(encoding="utf-8")
    fields = dict(re.findall(r'^"(X-Review[\w-]*): ?([^"]*?)\\n"$', text, re.MULTILINE))
    return {"review": fields.get("X-Review-Status", "").strip() or "draft",
            "reviewed_by": fields.get("X-Reviewed-By", "").strip()}


@i18n.command()
def status():
    """Per language: strings, translated, fuzzy, missing and review status."""
    click.echo(f"{'language':<10}{'strings':>8}{'done':>7}{'fuzzy':>7}{'missing':>9}  review")
    for locale in sorted(path.name for path in TRANSLATIONS.iterdir() if (path / "LC_MESSAGES").is_dir()):
        row = catalog_status(locale)
        review = row["review"] + (f" ({row['reviewed_by']})" if row["reviewed_by"] else "")
        click.echo(f"{locale:<10}{row['strings']:>8}{row['translated']:>7}{row['fuzzy']:>7}{row['missing']:>9}  {review}")


# How a member of staff can ask to be referred to where a language's titles are gendered ("your IRO"
# is مسؤولك or مسؤولتك in Arabic). Not saying is always allowed: then the neutral wording is used.
REFERRED_AS = ("she", "he")


def by_title(person, *, female, male, neutral):
    """The wording that refers to `person` (a User) as they asked: pgettext("iro female", …), pgettext("iro male", …)
    or the neutral sentence, each translated whole by the caller so the extractor finds all three."""
    chosen = getattr(person, "referred_as", None)
    if chosen == "she":
        return female
    if chosen == "he":
        return male
    return neutral
