"""URL converters: `<id:...>` accepts only ids a database column can hold, so huge numbers are a 404."""

from werkzeug.routing import IntegerConverter

MAX_ID = 2**31 - 1


class IdConverter(IntegerConverter):
    """A positive id that fits in a 32-bit integer column."""

    def __init__(self, url_map):
        super().__init__(url_map, min=1, max=MAX_ID)


def init_app(app):
    """Register the converters (before any blueprint is registered)."""
    app.url_map.converters["id"] = IdConverter
