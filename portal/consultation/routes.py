"""Have your say: start, one question per screen, check, send, one more thing; and the IRO's view."""

from flask import Response, abort, flash, redirect, render_template, request, url_for
from flask_babel import get_locale
from flask_babel import gettext as _
from flask_login import current_user

from portal.consultation import bp, services
from portal.consultation.forms import (
    FLAG_ACTION_LABELS,
    ActionForm,
    FlagActionForm,
    MoreForm,
    answer_data,
    answer_values,
    question_form,
)
from portal.core import flags
from portal.core.audit import record_view
from portal.core.clock import local_today
from portal.core.questions import TOPIC_NAMES, Topic
from portal.core.reviews import carer_children
from portal.extensions import db
from portal.i18n import language_name
from portal.models import Consultation, ConsultationStatus, FlagActionKind, Role
from portal.rendering import form_page
from portal.security import privacy
from portal.security.access import allow, public
from portal.security.policy import (
    consultation_for_iro_or_404,
    consultation_to_fill_or_404,
    consultation_to_see_or_404,
    flag_for_staff_or_404,
    own_young_person,
    visible_young_people,
    young_person_or_404,
)


def _question_url(consultation, number):
    return url_for("consultation.question", consultation_id=consultation.id, number=number)


def _topics_url(consultation):
    return url_for("consultation.topics", consultation_id=consultation.id)


def _carry_on_url(consultation):
    if consultation.status == ConsultationStatus.SENT:
        return url_for("consultation.sent", consultation_id=consultation.id)
    screens = services.screens_of(consultation)
    position = services.first_unanswered(consultation, services.answered_keys(consultation), screens)
    if position == "topics":
        return _topics_url(consultation)
    if position > len(screens):
        return url_for("consultation.check", consultation_id=consultation.id)
    return _question_url(consultation, position)


def _after(consultation, number, screens):
    """Where a saved screen leads: the next screen, the topic choice after the core, or the check page."""
    core = len(services.core_screens(consultation))
    if number == core and services.offers_topics(consultation) and services.chosen_topics(consultation) is None:
        return _topics_url(consultation)
    if number >= len(screens):
        return url_for("consultation.check", consultation_id=consultation.id)
    return _question_url(consultation, number + 1)


def _before(consultation, number):
    """Back from a screen: the previous one, the topic choice before the first topic screen, or the start."""
    if number == 1:
        return url_for("consultation.helping") if current_user.role == Role.CARER else url_for("consultation.start_page")
    if services.offers_topics(consultation) and number == len(services.core_screens(consultation)) + 1:
        return _topics_url(consultation)
    return _question_url(consultation, number - 1)


@bp.route("/have-your-say")
@allow(Role.YOUNG_PERSON)
def start_page():
    """Before my review: what this is, who reads it, and how far I got."""
    me = own_young_person(current_user)
    upcoming = services.next_review_of(me.id) if me else services.NextReview()
    privacy.remember_open_sessions(upcoming.consultation, upcoming.help_sessions)
    consultation = upcoming.consultation
    band = me.band(local_today()) if me else None
    count = services.core_count(me, band, consultation) if me else 0
    return render_template("consultation/start.html", review=upcoming.review, consultation=consultation,
                           answered=upcoming.progress, iro=me.iro if me else None, form=ActionForm(), band=band,
                           count=count, minutes=services.minutes_for(count),
                           helping=privacy.helping_session(consultation) if consultation else None)


@bp.route("/have-your-say/who-reads")
@public
def who_reads_page():
    """Who reads what a young person writes, in the words of the one privacy model."""
    return render_template("consultation/who_reads.html")


@bp.route("/have-your-say/start", methods=["POST"])
@allow(Role.YOUNG_PERSON)
def start():
    """Start (or carry on with) the consultation for my next review."""
    me = own_young_person(current_user)
    review = services.next_review(me) if me else None
    if review is None:
        flash(_("There is no review planned yet, so there is nothing to fill in. Your IRO will tell you when there is."),
              "notice")
        return redirect(url_for("consultation.start_page"), code=303)
    if not ActionForm().validate_on_submit():
        abort(400)
    consultation = services.start(me, review, current_user, str(get_locale()))
    return redirect(_carry_on_url(consultation), code=303)


@bp.route("/have-your-say/helping")
@allow(Role.CARER)
def helping():
    """A carer chooses a child to fill in the form with."""
    children = carer_children(current_user)
    consultations = services.consultations_by_review([review.id for _child, review in children if review])
    return render_template("consultation/helping.html", children=children, consultations=consultations,
                           form=ActionForm())


@bp.route("/have-your-say/helping/<id:young_person_id>", methods=["POST"])
@allow(Role.CARER)
def start_helping(young_person_id):
    """Start "we're filling this in together" for a child I care for."""
    child = young_person_or_404(current_user, young_person_id)
    review = services.next_review(child)
    if review is None or not ActionForm().validate_on_submit():
        flash(_("There is no review planned for %(name)s yet.", name=child.first_name), "notice")
        return redirect(url_for("consultation.helping"), code=303)
    existing = services.for_review(review)
    if existing is None:
        consultation = services.start(child, review, current_user, str(get_locale()), helped_by=current_user)
    else:
        consultation = existing
        if consultation.status == ConsultationStatus.IN_PROGRESS:
            services.start_helping(consultation, current_user)
    return redirect(_carry_on_url(consultation), code=303)


@bp.route("/have-your-say/<id:consultation_id>/stop-helping", methods=["POST"])
@allow(Role.YOUNG_PERSON, Role.CARER)
def stop_helping(consultation_id):
    """End the helping: the young person or the carer can; what is written after that stays private."""
    consultation = consultation_to_fill_or_404(current_user, consultation_id)
    if ActionForm().validate_on_submit():
        services.end_helping(consultation, current_user)
    if current_user.role == Role.CARER:
        flash(_("You have stopped helping. Anything written from now on stays private."), "success")
        return redirect(url_for("consultation.helping"), code=303)
    flash(_("Nobody is helping you now. What you write from now on is private."), "success")
    return redirect(url_for("consultation.start_page"), code=303)


@bp.route("/have-your-say/<id:consultation_id>/questions/<int:number>", methods=["GET", "POST"])
@allow(Role.YOUNG_PERSON, Role.CARER)
def question(consultation_id, number):
    """One question per screen: answer, skip, or go back; saved at every step."""
    consultation = consultation_to_fill_or_404(current_user, consultation_id)
    if consultation.status == ConsultationStatus.SENT:
        return redirect(url_for("consultation.sent", consultation_id=consultation.id))
    screens = services.screens_for(consultation, current_user)
    if not 1 <= number <= len(screens):
        abort(404)
    asked = screens[number - 1]
    helping = privacy.helping_session(consultation)
    if asked.topic == Topic.DECISIONS and not services.may_read_decisions(consultation, current_user):
        # "Did this happen?" quotes the young person's letter, which this carer may not read: theirs to answer.
        return render_template("consultation/private_answer.html", consultation=consultation, number=number,
                               total=len(screens), helping=helping, about_letter=True,
                               next_url=_after(consultation, number, screens)), 200
    if any(services.answered_alone(consultation, current_user, leaf.key) for leaf in asked.leaves):
        # A helping carer meets an answer the young person gave alone: it is not theirs to read or replace.
        return render_template("consultation/private_answer.html", consultation=consultation, number=number,
                               total=len(screens), helping=helping,
                               next_url=_after(consultation, number, screens)), 200
    readable = privacy.readable_answers(current_user, consultation)
    # What was saved before is the starting point; what was just typed (or kept) wins over it.
    form = question_form(asked)(data=answer_data(asked, readable))
    action = request.form.get("action", "save")
    if request.method == "POST" and (action == "skip" or form.validate_on_submit()):
        try:
            saved = services.save_screen(
                consultation, asked, answer_values(asked, form), skipped=action == "skip",
                advance=action != "autosave",
                locale=str(get_locale()) if current_user.role == Role.YOUNG_PERSON else None,
                helped_by=current_user if current_user.role == Role.CARER else None,
            )
        except services.PrivateAnswer:  # answered alone a moment ago, on the young person's own phone
            return redirect(_question_url(consultation, number), code=303)
        if action == "autosave":
            return "", 204
        if saved.concern:  # the help panel, and what happens next in plain words
            iro = consultation.young_person.iro
            flash(privacy.told_at_once(iro.display_name if iro else None) if saved.flagged
                  else privacy.told_when_sent(iro.display_name if iro else None), "safety")
        if request.args.get("from") == "check":
            return redirect(url_for("consultation.check", consultation_id=consultation.id), code=303)
        return redirect(_after(consultation, number, screens), code=303)
    if action == "autosave":
        return "", 400
    return form_page("consultation/question.html", form, consultation=consultation, question=asked,
                     number=number, total=len(screens), topic_name=TOPIC_NAMES[asked.topic],
                     helping=helping, back_url=_before(consultation, number))


@bp.route("/have-your-say/<id:consultation_id>/topics", methods=["GET", "POST"])
@allow(Role.YOUNG_PERSON, Role.CARER)
def topics(consultation_id):
    """"Do you want to tell us about…?": the young person ticks the topics they want; those screens follow."""
    consultation = consultation_to_fill_or_404(current_user, consultation_id)
    if consultation.status == ConsultationStatus.SENT:
        return redirect(url_for("consultation.sent", consultation_id=consultation.id))
    if not services.offers_topics(consultation):
        abort(404)
    form = ActionForm()
    if form.validate_on_submit():
        chosen = services.choose_topics(consultation, request.form.getlist("topic"))
        if request.args.get("from") == "check" or not chosen:
            return redirect(url_for("consultation.check", consultation_id=consultation.id), code=303)
        # The first screen of the first chosen topic (the core's unanswered screens stay listed on the check page).
        return redirect(_question_url(consultation, len(services.core_screens(consultation)) + 1), code=303)
    core = len(services.core_screens(consultation))
    return render_template("consultation/topics.html", consultation=consultation, form=form,
                           sections=services.form_of(consultation).topics,
                           chosen=services.chosen_topics(consultation) or [],
                           helping=privacy.helping_session(consultation),
                           back_url=_question_url(consultation, core)), 400 if request.method == "POST" else 200


@bp.route("/have-your-say/<id:consultation_id>/check", methods=["GET", "POST"])
@allow(Role.YOUNG_PERSON, Role.CARER)
def check(consultation_id):
    """Check your answers, choose once which answers the council may see, then send."""
    consultation = consultation_to_fill_or_404(current_user, consultation_id)
    if consultation.status == ConsultationStatus.SENT:
        return redirect(url_for("consultation.sent", consultation_id=consultation.id))
    form = ActionForm()
    share = request.form.get("share")
    if form.validate_on_submit() and share in ("all", "none", "chosen") and services.can_share(consultation):
        if share == "chosen":
            services.share_chosen(consultation, request.form.getlist("share_key"), current_user)
        else:
            services.share_all(consultation, share == "all", current_user)
        flash(_("Your choice about sharing has been saved."), "success")
        return redirect(url_for("consultation.check", consultation_id=consultation.id), code=303)
    answers = privacy.readable_answers(current_user, consultation)
    # A young person reads every answer of their own, so those are all the answered questions too.
    answered = set(answers) if current_user.role == Role.YOUNG_PERSON else services.answered_keys(consultation)
    screens = services.screens_for(consultation, current_user)
    shareable = [leaf for leaf in services.asked_questions(consultation)
                 if leaf.shareable and answers.get(leaf.key) and not answers[leaf.key].skipped]
    return render_template("consultation/check.html", consultation=consultation, form=form, answers=answers,
                           answered=answered, helping=privacy.helping_session(consultation),
                           questions=list(enumerate(screens, start=1)),
                           offers_topics=services.offers_topics(consultation),
                           chosen=services.chosen_topics(consultation),
                           can_share=services.can_share(consultation) and bool(shareable), shareable=shareable,
                           choice_label=services.choice_label)


@bp.route("/have-your-say/<id:consultation_id>/send", methods=["POST"])
@allow(Role.YOUNG_PERSON, Role.CARER)
def send(consultation_id):
    """Send to the IRO (a second tap changes nothing)."""
    consultation = consultation_to_fill_or_404(current_user, consultation_id)
    if ActionForm().validate_on_submit():
        services.send(consultation, current_user)
    return redirect(url_for("consultation.sent", consultation_id=consultation.id), code=303)


@bp.route("/have-your-say/<id:consultation_id>/sent", methods=["GET", "POST"])
@allow(Role.YOUNG_PERSON, Role.CARER)
def sent(consultation_id):
    """Sent: who will read it and when; add one more thing until the review."""
    consultation = consultation_to_see_or_404(current_user, consultation_id)
    if consultation.status != ConsultationStatus.SENT:
        return redirect(url_for("consultation.check", consultation_id=consultation.id))
    form = MoreForm()
    if form.validate_on_submit():
        if services.add_more(consultation, form.text.data,
                             helped_by=current_user if current_user.role == Role.CARER else None):
            flash(_("Thank you. We have added that for your IRO."), "success")
        else:
            flash(_("Your review has already happened, so this could not be added. You can tell your IRO directly."),
                  "problem")
        return redirect(url_for("consultation.sent", consultation_id=consultation.id), code=303)
    return form_page("consultation/sent.html", form, consultation=consultation,
                     can_add_more=services.can_add_more(consultation),
                     additions=privacy.readable_additions(current_user, consultation))


@bp.route("/have-your-say/<id:consultation_id>/download")
@allow(Role.YOUNG_PERSON, Role.CARER)
def download(consultation_id):
    """My answers, as a text file to keep (a carer's holds only the answers given together)."""
    consultation = consultation_to_see_or_404(current_user, consultation_id)
    body = render_template("consultation/download.txt", consultation=consultation,
                           answers=privacy.readable_answers(current_user, consultation),
                           questions=[leaf for screen in services.screens_for(consultation, current_user)
                                      for leaf in screen.leaves], choice_label=services.choice_label,
                           additions=privacy.readable_additions(current_user, consultation))
    return Response(body, mimetype="text/plain",
                    headers={"Content-Disposition": 'attachment; filename="my-answers.txt"'})


# ---- The IRO's side -------------------------------------------------------------------------


def _views_for_iro_or_404(consultation_id):
    """A young person's views for their IRO, the read audited; 404 otherwise. Every IRO route here loads them so."""
    consultation = consultation_for_iro_or_404(current_user, consultation_id)
    record_view(current_user, consultation.young_person_id, "consultation", consultation.id)
    return consultation


@bp.route("/caseload/consultations/<id:consultation_id>")
@allow(Role.IRO)
def for_iro(consultation_id):
    """A young person's views, by topic, urgent flags first (every opening is audited)."""
    consultation = _views_for_iro_or_404(consultation_id)
    return render_template(
        "consultation/for_iro.html", consultation=consultation, grouped=services.for_iro(consultation, current_user),
        flags=services.flags_of(consultation), additions=privacy.readable_additions(current_user, consultation),
        topic_names=TOPIC_NAMES, review_topic=Topic.REVIEW, decisions_topic=Topic.DECISIONS, form=ActionForm(),
        chosen=services.chosen_topics(consultation), interpreter=services.interpreter_asked(consultation, current_user),
        language=language_name(consultation.locale, str(get_locale())), printing=request.args.get("print") == "1",
    )


@bp.route("/caseload/consultations/<id:consultation_id>/read", methods=["POST"])
@allow(Role.IRO)
def mark_read(consultation_id):
    """Mark the views (and any urgent flags) as read."""
    consultation = _views_for_iro_or_404(consultation_id)
    if ActionForm().validate_on_submit():
        services.mark_read(consultation, current_user)
        flash(_("Marked as read."), "success")
    return redirect(url_for("consultation.for_iro", consultation_id=consultation.id), code=303)


@bp.route("/caseload/consultations/<id:consultation_id>/interpreter", methods=["POST"])
@allow(Role.IRO)
def request_interpreter(consultation_id):
    """Record that an interpreter is needed for this young person's review."""
    consultation = _views_for_iro_or_404(consultation_id)
    if ActionForm().validate_on_submit():
        services.request_interpreter(consultation)
        flash(_("An interpreter has been requested for the review."), "success")
    return redirect(url_for("consultation.for_iro", consultation_id=consultation.id), code=303)


# ---- Safety flags: open, overdue, and what was done ------------------------------------------------


@bp.route("/caseload/flags")
@allow(Role.IRO, Role.ADMIN)
def open_flags():
    """Safety flags nobody has acted on yet: overdue (over 1 working day) first, then urgent."""
    return render_template("consultation/flags.html", items=flags.open_flags(visible_young_people(current_user)))


@bp.route("/caseload/flags/<id:flag_id>", methods=["GET", "POST"])
@allow(Role.IRO, Role.ADMIN)
def flag(flag_id):
    """One flag: the words or choice that raised it (where the privacy model allows), and what was done."""
    found = flag_for_staff_or_404(current_user, flag_id)
    consultation = db.session.get(Consultation, found.consultation_id)
    raised_by = services.flagged_content(current_user, consultation, found)
    form = FlagActionForm()
    if request.method == "GET" and form.taken_on.data is None:
        form.taken_on.data = local_today()
    if form.validate_on_submit():
        flags.record_action(found, current_user, FlagActionKind(form.kind.data),
                            services.local_moment(form.taken_on.data, form.taken_at.data),
                            form.with_whom.data, form.note.data)
        flash(_("What was done has been recorded."), "success")
        return redirect(url_for("consultation.flag", flag_id=found.id), code=303)
    return form_page("consultation/flag.html", form, flag=found, consultation=consultation, raised_by=raised_by,
                     actions=flags.actions_of(found), overdue=flags.is_overdue(found), due_by=flags.action_due_by(found),
                     action_labels=FLAG_ACTION_LABELS)
