"""Review letters ("Your review letter"): the child-friendly letter after each review, its decisions and follow-ups."""

from flask import Blueprint

bp = Blueprint("letters", __name__)

from portal.letters import routes  # noqa: E402,F401  (routes register themselves on bp)
