"""Entry point for gunicorn and the flask command: exposes `app`."""

from portal import create_app

app = create_app()
