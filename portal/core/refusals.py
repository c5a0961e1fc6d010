"""Refusing a request with a clear, translated message on the error page."""

from werkzeug.exceptions import default_exceptions


def refuse(code, message):
    """Stop the request with an HTTP error whose page also shows this (translated) message."""
    error = default_exceptions[code]()
    error.portal_message = message
    raise error
