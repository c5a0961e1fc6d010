""""How was your review?" for the young person whose review it was, and the card on their home page."""

from flask import abort, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user

from portal.core import review_feedback
from portal.extensions import db
from portal.feedback import bp
from portal.feedback.forms import FeedbackForm
from portal.models import Review, Role
from portal.rendering import form_page
from portal.security.access import allow
from portal.security.policy import own_young_person


def _my_review_or_404(review_id):
    """A review of the signed-in young person's, held in the last 60 days; otherwise 404 (not theirs, or not yet)."""
    me = own_young_person(current_user)
    review = db.session.get(Review, review_id)
    if me is None or not review_feedback.askable(review, me.id):
        abort(404)
    return review


@bp.route("/how-was-your-review/<id:review_id>", methods=["GET", "POST"])
@allow(Role.YOUNG_PERSON)
def ask(review_id):
    """Four quick questions, any of which may be left out; only counts leave here."""
    review = _my_review_or_404(review_id)
    if review_feedback.already_answered(review.id):
        return render_template("feedback/thanks.html", review=review)
    form = FeedbackForm()
    if form.validate_on_submit():
        answers = {key: getattr(form, key).data for key in review_feedback.KEYS}
        if not any(answers.values()):
            return form_page("feedback/ask.html", form, 400, review=review,
                             problem=_("Choose an answer to at least one question, or go back to your home page."))
        review_feedback.record(review, answers)
        flash(_("Thank you. Your answers are counted with other young people's, to make reviews better."), "success")
        return redirect(url_for("feedback.ask", review_id=review.id), 303)
    return form_page("feedback/ask.html", form, review=review)


@bp.record_once
def register_home_section(state):
    """Offer the questions on the young person's home page (main knows no capability by name)."""
    state.app.extensions.setdefault("home_sections", {})["review_feedback"] = \
        lambda me: review_feedback.waiting_review(me.id) if me else None
