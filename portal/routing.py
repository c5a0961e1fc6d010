"""URL converters and query-string integers: only ids a database column can hold get through.

`<id:...>` makes a huge number in a path a 404; `int_arg` ignores one in a query string.
"""

from flask import request
from werkzeug.routing import IntegerConverter

MAX_ID = 2**31 - 1


class IdConverter(IntegerConverter):
    """A positive id that fits in a 32-bit integer column."""

    def __init__(self, url_map):
        super().__init__(url_map, min=1, max=MAX_ID)


def init_app(app):
    """Register the converters (before any blueprint is registered)."""
    app.url_map.converters["id"] = IdConverter


def int_arg(name, default=None, *, min_value=1, max_value=MAX_ID):
    """An integer from the query string, or `default` when it is missing, not a number or out of range.

    The one way query-string integers are read, so that nothing the database column cannot hold
    (2^31, 10^20, -1) reaches a query and becomes a 500: the same range as the `<id:>` converter.
    """
    raw = request.args.get(name, "")
    digits = raw[1:] if raw.startswith("-") else raw
    # ASCII digits only, and never long enough to be slow to convert.
    if not digits or len(digits) > 12 or not (digits.isascii() and digits.isdigit()):
        return default
    value = int(raw)
    return value if min_value <= value <= max_value else default
