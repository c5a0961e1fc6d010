""""How was your review?": after a review, a young person answers a few quick questions, counted for the service."""

from flask import Blueprint

bp = Blueprint("feedback", __name__)

from portal.feedback import routes  # noqa: E402,F401  (routes register themselves on bp)
