"""The council's themes: twelve built in (named in code, so translated), plus any an admin adds.

An admin chooses which themes young people can pick ("offered"); figures always count every
theme, offered or not, so switching one off never hides what was said before. A theme an admin
adds has a name per language, typed by the admin; where a language has no name, the English one
is shown.
"""

import enum
import secrets
import time
from dataclasses import dataclass

from flask import current_app
from flask_babel import get_locale
from flask_babel import lazy_gettext as _l
from sqlalchemy import func, select

from portal.core.questions import Question, Topic
from portal.extensions import db
from portal.models import CouncilTheme, CouncilThemeName


class Theme(enum.StrEnum):
    """The built-in themes, from what young people and the council said matters (see the design notes)."""

    FAMILY = "family"
    WORKERS = "workers"
    MONEY = "money"
    WELLBEING = "wellbeing"
    LEAVING_CARE = "leaving_care"
    HOME = "home"
    EDUCATION = "education"
    HEALTH = "health"
    LISTENED_TO = "listened_to"
    IDENTITY = "identity"
    SAFETY = "safety"
    OTHER = "other"


THEME_NAMES = {
    Theme.FAMILY: _l("Family and sibling contact"),
    Theme.WORKERS: _l("My social worker or personal adviser"),
    Theme.MONEY: _l("Money and savings"),
    Theme.WELLBEING: _l("Mental health and wellbeing"),
    Theme.LEAVING_CARE: _l("Leaving care and my pathway plan"),
    Theme.HOME: _l("Where I live"),
    Theme.EDUCATION: _l("School, college and work"),
    Theme.HEALTH: _l("Health"),
    Theme.LISTENED_TO: _l("Being listened to and my reviews"),
    Theme.IDENTITY: _l("Identity and documents"),
    Theme.SAFETY: _l("Feeling safe"),
    Theme.OTHER: _l("Something else"),
}

# A shared consultation answer goes to the theme of its question's topic, or to a closer one.
TOPIC_THEMES = {
    Topic.HOME: Theme.HOME,
    Topic.FAMILY: Theme.FAMILY,
    Topic.SCHOOL: Theme.EDUCATION,
    Topic.HEALTH: Theme.HEALTH,
    Topic.WORKERS: Theme.WORKERS,
    Topic.MONEY: Theme.MONEY,
    Topic.DOCUMENTS: Theme.IDENTITY,
    Topic.WHY_IN_CARE: Theme.IDENTITY,
    Topic.THREE_HOUSES: Theme.OTHER,
    Topic.PATHWAY: Theme.LEAVING_CARE,
    Topic.REVIEW: Theme.LISTENED_TO,
    Topic.ANYTHING_ELSE: Theme.OTHER,
    Topic.DECISIONS: Theme.LISTENED_TO,  # never shared (not shareable); here so every topic has a theme
}
QUESTION_THEMES = {
    "home.safe": Theme.SAFETY,
    "health.feel": Theme.WELLBEING,  # "in your body and in your mind": mostly how they feel
}


def theme_for_question(question: Question) -> str:
    """The theme a shared answer to this question is counted under."""
    return QUESTION_THEMES.get(question.key, TOPIC_THEMES[question.topic]).value


@dataclass(frozen=True)
class ThemeInfo:
    """A theme as pages show it: its key, its name in the current language, and whether it is offered."""

    key: str
    name: str
    offered: bool
    builtin: bool


@dataclass(frozen=True)
class _Setting:
    key: str
    offered: bool
    position: int


# Themes change rarely and are read on many pages: each worker keeps them this long (and forgets them at
# once when it changes them itself); another worker's change shows within this time.
THEMES_SECONDS = 30


def _stored() -> tuple[dict[str, _Setting], dict[str, dict[str, str]]]:
    """Theme settings and added themes' names, from this worker's copy when it is fresh (else two queries)."""
    kept = current_app.extensions.get("council_themes")
    if kept is not None and kept[0] > time.monotonic():
        return kept[1], kept[2]
    settings = {row.key: _Setting(row.key, row.offered, row.position) for row in db.session.scalars(select(CouncilTheme))}
    names = {}
    for row in db.session.scalars(select(CouncilThemeName)):
        names.setdefault(row.theme_key, {})[row.locale] = row.name
    current_app.extensions["council_themes"] = (time.monotonic() + THEMES_SECONDS, settings, names)
    return settings, names


def _forget():
    current_app.extensions.pop("council_themes", None)


def all_themes(locale: str | None = None) -> list[ThemeInfo]:
    """Every theme in display order: built-in ones, then added ones, "Something else" last."""
    locale = locale or str(get_locale() or "en")
    settings, names = _stored()
    builtin = [ThemeInfo(theme.value, str(THEME_NAMES[theme]), settings[theme].offered if theme in settings else True, True)
               for theme in Theme if theme != Theme.OTHER]
    builtin_keys = {theme.value for theme in Theme}
    added = [ThemeInfo(row.key, _name_in(names.get(row.key, {}), locale, row.key), row.offered, False)
             for row in sorted(settings.values(), key=lambda row: (row.position, row.key)) if row.key not in builtin_keys]
    other = settings.get(Theme.OTHER.value)
    return builtin + added + [ThemeInfo(Theme.OTHER.value, str(THEME_NAMES[Theme.OTHER]),
                                        other.offered if other else True, True)]


def _name_in(names, locale, fallback):
    return names.get(locale) or names.get("en") or next(iter(names.values()), fallback)


def offered_themes() -> list[ThemeInfo]:
    """The themes young people can choose from."""
    return [theme for theme in all_themes() if theme.offered]


def theme_names() -> dict[str, str]:
    """Every theme's name in the current language, by key."""
    return {theme.key: theme.name for theme in all_themes()}


def set_offered(keys):
    """Offer exactly these themes to young people ("Something else" is always offered)."""
    keys = set(keys) | {Theme.OTHER.value}
    known = {theme.key for theme in all_themes()}
    settings = {row.key: row for row in db.session.scalars(select(CouncilTheme))}
    for key in known:
        row = settings.get(key)
        if row is None:
            row = CouncilTheme(key=key, position=0)
            db.session.add(row)
        row.offered = key in keys
    db.session.commit()
    _forget()


def add_theme(names: dict[str, str]) -> str:
    """Add a theme with its name in one or more languages (English required); returns its key."""
    key = f"added-{secrets.token_hex(4)}"
    position = (db.session.scalar(select(func.max(CouncilTheme.position))) or 0) + 1
    db.session.add(CouncilTheme(key=key, offered=True, position=position))
    db.session.flush()
    for locale, name in names.items():
        if name and name.strip():
            db.session.add(CouncilThemeName(theme_key=key, locale=locale, name=name.strip()))
    db.session.commit()
    _forget()
    return key
