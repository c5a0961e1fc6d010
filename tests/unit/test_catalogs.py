"""Shipped catalogs are complete and the template holds every string in the code."""

import subprocess
import sys

import pytest
from babel.messages.pofile import read_po

from portal.config import LANGUAGES, ROOT

TRANSLATIONS = ROOT / "translations"
SHIPPED = [code for code in LANGUAGES if code != "en"]


def _catalog(path):
    with open(path, "rb") as handle:
        return read_po(handle)


@pytest.mark.parametrize("locale", SHIPPED)
def test_shipped_catalog_is_complete(locale):
    catalog = _catalog(TRANSLATIONS / locale / "LC_MESSAGES" / "messages.po")
    template = _catalog(TRANSLATIONS / "messages.pot")
    missing = [m.id for m in template if m.id and (m.id not in catalog or not catalog[m.id].string)]
    fuzzy = [m.id for m in catalog if m.id and m.fuzzy]
    assert missing == []
    assert fuzzy == []


@pytest.mark.parametrize("locale", SHIPPED)
def test_translations_keep_their_placeholders(locale):
    import re

    placeholder = re.compile(r"%\((\w+)\)s")
    for message in _catalog(TRANSLATIONS / locale / "LC_MESSAGES" / "messages.po"):
        if not message.id or not message.string:
            continue
        ids = message.id if isinstance(message.id, tuple) else (message.id,)
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        expected = set().union(*(placeholder.findall(text) for text in ids))
        found = [set(placeholder.findall(text)) for text in strings]
        # No invented placeholder in any form; every one kept (a plural form such as "one" may drop the count).
        assert all(names <= expected for names in found), message.id
        assert set().union(*found) == expected, message.id


def test_template_is_up_to_date(tmp_path):
    fresh = tmp_path / "fresh.pot"
    subprocess.run(
        [sys.executable, "-m", "babel.messages.frontend", "extract", "-F", "translations/babel.cfg",
         "-k", "_l", "--no-location", "-o", str(fresh), "."],
        check=True, cwd=ROOT, capture_output=True,
    )
    extracted = {m.id for m in _catalog(fresh) if m.id}
    shipped = {m.id for m in _catalog(TRANSLATIONS / "messages.pot") if m.id}
    assert extracted - shipped == set(), "strings in the code are missing from messages.pot: run flask i18n update"
    assert shipped - extracted == set(), "messages.pot holds strings no longer in the code: run flask i18n update"
