"""Every page a young person (or their carer, or anyone signed out) can open is valid HTML.

Browsers forgive broken markup in different ways, and assistive technology forgives less: a
`<time datetime>` a machine cannot read, or a required select whose first option is a real choice,
reaches a screen reader as something else. The Nu Html Checker (vnu.jar, the W3C's checker, from
npm's `vnu-jar`, run with Debian's Java) reads every page in one run.

The pages are every one a young person, a carer or someone signed out can open (tests/young_peoples_pages.py),
in English and in Arabic. `scripts/dev.py test` installs the checker and sets VNU_JAR.
"""

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest

from tests.letters import write_letter
from tests.support_requests import make_request
from tests.young_peoples_pages import every_page

VNU_JAR = os.environ.get("VNU_JAR", "")

pytestmark = pytest.mark.skipif(
    not (VNU_JAR and Path(VNU_JAR).is_file() and shutil.which("java")),
    reason="the Nu Html Checker runs through scripts/dev.py test (it installs vnu-jar and sets VNU_JAR)")


def _validate(pages, folder):
    """Run vnu once over every page; returns its error messages as 'url: line: message'."""
    files = {}
    for number, (name, html) in enumerate(sorted(pages.items())):
        path = folder / f"page-{number:04d}.html"
        path.write_text(html, encoding="utf-8")
        files[path.name] = name
    command = ["java", "-Xss8m", "-jar", VNU_JAR, "--errors-only", "--format", "json", *map(str, sorted(folder.glob("page-*.html")))]
    result = subprocess.run(command, capture_output=True, text=True, timeout=300)
    messages = json.loads(result.stderr or '{"messages": []}')["messages"]
    return [f"{files.get(m.get('url', '').rpartition('/')[2], m.get('url'))}:{m.get('lastLine')}: {m.get('message')}"
            for m in messages if m.get("type") == "error" or m.get("subType") == "fatal"]


@pytest.mark.parametrize("locale", ["en", "ar"])
def test_every_page_a_young_person_can_open_is_valid_html(app, world, tmp_path, locale, database_url):
    if not database_url.startswith("sqlite"):
        pytest.skip("markup does not depend on the database: checked once, on SQLite")
    with app.app_context():
        published = write_letter(world["yp:Alex"], world["demo-iro"])
        assert published
    make_request(app, world, "demo-child", "Alex")
    pages = every_page(app, world, locale)
    assert len(pages) >= 25, sorted(pages)  # the walk reached the young person's pages
    assert _validate(pages, tmp_path) == []
