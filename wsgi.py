"""Entry point for gunicorn and the flask command: exposes `app`."""

import logging

from portal import create_app

# Print what the portal and its libraries log (an error's reference, sign-in limits falling back to
# per-process counting while Redis is down), so that gunicorn's and the worker's logs hold it.
logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s")

app = create_app()
