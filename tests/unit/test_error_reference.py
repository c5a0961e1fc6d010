"""The reference on an error page is digits only, so it reads the same in every language."""

import re

from portal import create_app
from portal.errors import reference


def test_error_reference_is_digits_only_so_no_latin_letters_reach_a_translated_page():
    app = create_app("test", {"DATABASE_URL": "sqlite://"})
    seen = set()
    for _ in range(200):
        with app.test_request_context("/"):
            value = reference()
            assert re.fullmatch(r"\d{4}-\d{4}", value), value
            assert reference() == value  # one reference per request
            seen.add(value)
    assert len(seen) > 150  # random, not a constant
