"""Review letters: the IRO records the review, writes, previews and publishes the letter, and answers
follow-ups; the young person reads it, says what they think of each decision and asks for it in their
language; a carer reads it when the young person is under 12 or has agreed."""

from flask import abort, current_app, flash, jsonify, redirect, render_template, request, url_for
from flask_babel import get_locale
from flask_babel import gettext as _
from flask_login import current_user

from portal.core.audit import record_view
from portal.core.clock import local_today
from portal.core.escalation_labels import YOUNG_PERSON_READS
from portal.core.escalations import follow_up_escalations
from portal.core.refusals import refuse
from portal.core.reviews import planned_on
from portal.dates import format_datetime
from portal.i18n import language_name
from portal.letters import bp, corrections, services, translations
from portal.letters.forms import (
    ANSWERS,
    HEADINGS,
    OUTCOMES,
    TIMELINESS_NAMES,
    CorrectionForm,
    HeldForm,
    LanguageForm,
    LetterForm,
    PublishForm,
    ReplyForm,
    ResponseForm,
    SharingForm,
    TranslationForm,
    flat_errors,
)
from portal.models import DecisionAnswer, DecisionStatus, Role
from portal.models.letters import SECTIONS
from portal.rendering import form_page
from portal.security.access import allow
from portal.security.policy import (
    follow_up_or_404,
    letter_or_404,
    own_letter_or_404,
    own_young_person,
    review_or_404,
    young_person_or_404,
)
from portal.templating import render_in_locale

STAFF = (Role.IRO, Role.ADMIN)
LETTER_TEXT = {"headings": HEADINGS, "answers": ANSWERS, "outcomes": OUTCOMES, "taken_further_text": YOUNG_PERSON_READS}


def _locale():
    return str(get_locale() or "en")


# ---- The IRO's side -------------------------------------------------------------------------


@bp.route("/letters")
@allow(*STAFF)
def overview():
    """Letters to write (due soon and overdue first), open follow-ups oldest first, requests, published letters."""
    data = services.overview(current_user, local_today())
    reply_forms = {response.id: _reply_form(response, on_list=True) for response in data["follow_ups"]}
    return render_template("letters/overview.html", reply_forms=reply_forms, timeliness_names=TIMELINESS_NAMES,
                           language_name=lambda code: language_name(code, _locale()), **data, **LETTER_TEXT)


@bp.route("/letters/young-people/<id:young_person_id>")
@allow(*STAFF)
def person(young_person_id):
    """One young person's reviews: record the day each took place, and start, continue or read its letter."""
    young_person = young_person_or_404(current_user, young_person_id)
    record_view(current_user, young_person, "letters", young_person.id)
    return _person_page(young_person)


def _person_page(young_person, failed=None):
    today = local_today()
    rows = services.reviews_and_letters(young_person, today)
    held_forms = {}
    for row in rows:
        if not services.may_record_held(row.letter):
            continue
        if failed is not None and failed[0] == row.review.id:
            held_forms[row.review.id] = failed[1]
        else:
            held_forms[row.review.id] = HeldForm(formdata=None, prefix=f"held-{row.review.id}",
                                                 earliest=planned_on(row.review),
                                                 data={"held_on": services.held_on_suggestion(row.review, today)})
    context = {"person": young_person, "rows": rows, "held_forms": held_forms, "timeliness_names": TIMELINESS_NAMES}
    if failed is not None:
        return form_page("letters/person.html", failed[1], **context)
    return render_template("letters/person.html", **context)


@bp.route("/letters/reviews/<id:review_id>/held", methods=["POST"])
@allow(*STAFF)
def record_held(review_id):
    """Record (or correct, until its letter is published) the day a review took place."""
    review = review_or_404(current_user, review_id)
    form = HeldForm(prefix=f"held-{review.id}", earliest=planned_on(review))
    if not form.validate_on_submit():
        return _person_page(review.young_person, failed=(review.id, form))
    if services.record_held(review, form.held_on.data) is services.HeldResult.LETTER_PUBLISHED:
        refuse(409, _("The letter about this review has been published, so the day it took place cannot change."))
    flash(_("The day the review took place is recorded. You can now write the letter."), "success")
    return redirect(url_for("letters.person", young_person_id=review.young_person_id), code=303)


@bp.route("/letters/reviews/<id:review_id>/letter", methods=["POST"])
@allow(*STAFF)
def start(review_id):
    """Start the letter for a held review (or carry on with the one already started)."""
    review = review_or_404(current_user, review_id)
    if review.held_on is None:
        refuse(400, _("Record the day the review took place before writing its letter."))
    letter = services.start_letter(review, current_user)
    return redirect(url_for("letters.edit", letter_id=letter.id), code=303)


def _letter_form_from(letter):
    """The edit form filled from the saved letter, with empty decision rows to add more."""
    contents = services.letter_contents(letter)
    data = {name: getattr(letter, name) or "" for name in SECTIONS}
    data["version"] = str(letter.version)
    data["decisions"] = [{"what": item.decision.what, "who": item.decision.who, "by_when": item.decision.by_when}
                         for item in contents["decisions"]]
    data["updates"] = [{"decision_id": item.decision_id, "status": item.status.value, "note": item.note or ""}
                       for item in contents["updates"]]
    form = LetterForm(data=data)
    return form


def _pad(form):
    """At least three decision rows, and always one empty row for another decision."""
    filled = len(form.typed_decisions())
    while len(form.decisions) < max(3, filled + 1) and len(form.decisions) < form.decisions.max_entries:
        form.decisions.append_entry()


def _edit_context(letter):
    contents = services.letter_contents(letter)
    review = letter.review
    return {
        **contents, **LETTER_TEXT,
        "updates_by_id": {item.decision_id: item for item in contents["updates"]},
        "dates": services.due_dates(review.held_on, services.rules()),
        "timeliness": services.timeliness(review.held_on, local_today(), services.rules()),
        "timeliness_names": TIMELINESS_NAMES,
        "consultation": services.sent_consultation(review),
    }


@bp.route("/letters/<id:letter_id>/edit", methods=["GET", "POST"])
@allow(*STAFF)
def edit(letter_id):
    """Write the letter: sections, decisions, last time's decisions. Saving from an old version is a conflict."""
    letter = letter_or_404(current_user, letter_id)
    autosaving = request.method == "POST" and request.form.get("action") == "autosave"
    if letter.is_published:
        if autosaving:
            return autosave_reply(409, _("This letter has been published, so it cannot be changed."))
        if request.method == "POST":  # published while this person was writing: show them what they typed
            return _conflict(letter, LetterForm())
        flash(_("This letter has been published, so it cannot be changed."), "notice")
        return redirect(url_for("letters.view", letter_id=letter.id), code=303)
    if request.method == "GET":
        form = _letter_form_from(letter)
        _pad(form)
        return form_page("letters/edit.html", form, errors=flat_errors(form), **_edit_context(letter))
    form = LetterForm()
    if not form.validate_on_submit():
        if autosaving:
            return autosave_reply(400, _("Not saved yet: there is a problem on the page. Press “Save the draft” to see it."))
        _pad(form)
        return form_page("letters/edit.html", form, errors=flat_errors(form), **_edit_context(letter))
    updates = {row.form.decision_id.data: (DecisionStatus(row.form.status.data), row.form.note.data)
               for row in form.updates if row.form.decision_id.data is not None}
    sections = {name: form[name].data for name in SECTIONS}
    decisions = [services.DecisionInput(row.what.data, row.who.data, row.by_when.data) for row in form.typed_decisions()]
    saved = services.save_letter(letter, int(form.version.data), current_user, sections=sections,
                                 decisions=decisions, updates=updates)
    if not saved:
        letter = letter_or_404(current_user, letter.id)
        # A double tap, or a save right after the page saved itself: the same person, the same words. Saved already.
        if not (letter.updated_by_id == current_user.id and services.same_as_saved(letter, sections, decisions)):
            if autosaving:
                return autosave_reply(409, _("Not saved: someone else saved this letter. Press “Save the draft” "
                                             "to see both versions. Nothing you typed is lost."))
            return _conflict(letter, form)
    if autosaving:
        return autosave_reply(200, _saved_at(letter), version=letter.version)
    if request.form.get("action") == "preview":
        return redirect(url_for("letters.preview", letter_id=letter.id), code=303)
    flash(_("The draft is saved. The young person cannot see it until you publish it."), "success")
    return redirect(url_for("letters.edit", letter_id=letter.id), code=303)


def autosave_reply(status, message, **values):
    """The answer to the page saving itself while the IRO types: JSON for static/js/autosave.js."""
    return jsonify({"message": str(message), **values}), status


def _saved_at(letter_or_version):
    return _("Saved at %(when)s.", when=format_datetime(letter_or_version.updated_at, "short"))


def _conflict(letter, form):
    """Someone saved (or published) the letter since this person opened it: show both versions, change nothing."""
    letter = letter_or_404(current_user, letter.id)  # the saved version, read afresh
    mine = {name: form[name].data or "" for name in SECTIONS}
    my_decisions = form.typed_decisions()
    form.version.data = str(letter.version)
    _pad(form)
    return render_template(
        "letters/conflict.html", form=form, mine=mine, my_decisions=my_decisions, errors=[],
        sections=SECTIONS, **_edit_context(letter),
    ), 409


def _preview_page(letter, problem=None, status=200):
    young_persons = letter.young_person.user.locale if letter.young_person.user else None
    languages = current_app.config["LANGUAGES"]
    theirs = young_persons if young_persons in languages else _locale()
    form = PublishForm(formdata=None, data={"version": str(letter.version)})
    contents = {"mode": "preview", "forms": {}, **services.letter_contents(letter), **LETTER_TEXT}
    # The letter itself exactly as the young person reads it: fixed headings and dates in their language.
    letter_html = render_in_locale("letters/_letter_body.html", theirs, **contents)
    return render_template(
        "letters/preview.html", publish_form=form, problem=problem, letter_html=letter_html,
        letter_locale=theirs, letter_dir=languages[theirs][1],
        their_language=language_name(young_persons, _locale()) if theirs != _locale() else None,
        **contents,
    ), status


@bp.route("/letters/<id:letter_id>/preview")
@allow(*STAFF)
def preview(letter_id):
    """The letter exactly as the young person will see it on their phone, in their language; publish from here."""
    return _preview_page(letter_or_404(current_user, letter_id))


@bp.route("/letters/<id:letter_id>/publish", methods=["POST"])
@allow(*STAFF)
def publish(letter_id):
    """Publish the previewed version; the young person is told their letter is ready (no content)."""
    letter = letter_or_404(current_user, letter_id)
    form = PublishForm()
    if not form.validate_on_submit():
        refuse(400, _("This page is out of date. Open the letter again."))
    result = services.publish(letter, int(form.version.data), current_user)
    if result is services.PublishResult.NO_DECISIONS:
        return _preview_page(letter, _("Add at least one decision before you publish the letter."), status=400)
    if result is services.PublishResult.CONFLICT:
        letter = letter_or_404(current_user, letter.id)
        if letter.is_published:
            flash(_("This letter had already been published."), "notice")
            return redirect(url_for("letters.view", letter_id=letter.id), code=303)
        return _preview_page(letter, _("Someone changed this letter after you opened the preview. "
                                       "Check this newest version before you publish it."), status=409)
    flash(_("The letter is published. %(name)s has been told that it is ready.", name=letter.young_person.first_name),
          "success")
    return redirect(url_for("letters.view", letter_id=letter.id), code=303)


@bp.route("/letters/<id:letter_id>")
@allow(*STAFF)
def view(letter_id):
    """A letter as staff see it: with the young person's answers about each decision."""
    letter = letter_or_404(current_user, letter_id)
    asked = [(row, translations.waited(row), translations.is_out_of_date(row))
             for row in translations.translations_of(letter)]
    return render_template("letters/view.html", mode="staff", forms={}, **_versions_context(letter),
                           translations=asked, language_name=lambda code: language_name(code, _locale()),
                           **services.letter_contents(letter), **LETTER_TEXT)


def _versions_context(letter):
    """The letter's published versions (when it was corrected), its newest correction, and one being written."""
    versions = corrections.published_versions(letter)
    return {"versions": versions, "correction": corrections.latest_correction(versions),
            "draft_correction": corrections.draft_correction(letter) if current_user.role in STAFF else None}


# ---- Correcting a published letter ----------------------------------------------------------


@bp.route("/letters/<id:letter_id>/correct", methods=["POST"])
@allow(*STAFF)
def correct(letter_id):
    """Start correcting a published letter (or carry on with the correction already started)."""
    letter = letter_or_404(current_user, letter_id)
    if corrections.start_correction(letter, current_user) is None:
        refuse(409, _("Only a published letter can be corrected. A draft can simply be changed."))
    return redirect(url_for("letters.correction", letter_id=letter.id), code=303)


def _correction_form_from(draft):
    data = {name: getattr(draft, name) or "" for name in SECTIONS}
    data["lock"] = str(draft.lock)
    data["what_changed"] = draft.what_changed or ""
    data["decisions"] = [{"what": d.what, "who": d.who, "by_when": d.by_when}
                         for d in corrections.version_decisions(draft)]
    return CorrectionForm(data=data)


def _correction_page(letter, draft, form, status=None, problem=None):
    contents = services.letter_contents(letter)
    return form_page("letters/correction.html", form, status=status, errors=flat_errors(form), draft=draft,
                     problem=problem, **contents, **LETTER_TEXT)


@bp.route("/letters/<id:letter_id>/correction", methods=["GET", "POST"])
@allow(*STAFF)
def correction(letter_id):
    """Write the correction: the letter's text and decisions, and what changed; save it, or publish it."""
    letter = letter_or_404(current_user, letter_id)
    draft = corrections.draft_correction(letter)
    action = request.form.get("action", "save")
    autosaving = request.method == "POST" and action == "autosave"
    if draft is None:
        if autosaving:
            return autosave_reply(409, _("This correction has been published. Open the letter again."))
        if request.method == "POST":
            flash(_("This correction has already been published."), "notice")
        return redirect(url_for("letters.view", letter_id=letter.id), code=303)
    if request.method == "GET":
        return _correction_page(letter, draft, _correction_form_from(draft))
    form = CorrectionForm()
    valid = form.validate_on_submit()
    if valid and action == "publish":
        valid = form.what_changed_for_publishing()
    if not valid:
        if autosaving:
            return autosave_reply(400, _("Not saved yet: there is a problem on the page. Press \u201cSave the correction\u201d to see it."))
        return _correction_page(letter, draft, form)
    sections = {name: form[name].data for name in SECTIONS}
    saved = corrections.save_correction(draft, int(form.lock.data), current_user, sections, form.decision_texts(),
                                        form.what_changed.data)
    if not saved:
        if autosaving:
            return autosave_reply(409, _("Not saved: someone else saved this correction. Press \u201cSave the correction\u201d "
                                         "to see it. Nothing you typed is lost."))
        draft = corrections.draft_correction(letter)
        if draft is None:  # published meanwhile: what was typed is still on the page
            return _correction_page(letter, corrections.published_versions(letter)[-1], form, status=409,
                                    problem=_("This correction was published while you were writing. "
                                              "What you typed is below; the published letter has not changed."))
        form.lock.data = str(draft.lock)
        return _correction_page(letter, draft, form, status=409,
                                problem=_("Someone else saved this correction while you were writing. What you typed is "
                                          "below: check it against the letter, then save it again to replace theirs."))
    if autosaving:
        return autosave_reply(200, _saved_at(draft), version=draft.lock)
    if action == "publish":
        result = corrections.publish_correction(draft, draft.lock, current_user)
        if result is corrections.CorrectionResult.PUBLISHED:
            flash(_("The corrected letter is published. %(name)s has been told that something is new.",
                    name=letter.young_person.first_name), "success")
            return redirect(url_for("letters.view", letter_id=letter.id), code=303)
        return _correction_page(letter, draft, form, status=409,
                                problem=_("Someone changed this correction just now. Check it, then publish it again."))
    flash(_("The correction is saved. The young person still sees the letter as it was until you publish it."), "success")
    return redirect(url_for("letters.correction", letter_id=letter.id), code=303)


def _version_page(letter, number, template):
    version = corrections.published_version(letter, number)
    versions = corrections.published_versions(letter)
    if version is None or version is versions[-1]:  # the newest version is the letter itself
        abort(404)
    contents = services.letter_contents(letter)
    contents["decisions"] = [services.DecisionView(text, []) for text in corrections.version_decisions(version)]
    mode = "staff" if current_user.role in STAFF else ("young_person" if current_user.role == Role.YOUNG_PERSON else "carer")
    return render_template(template, mode="version", reader=mode, forms={}, shown=version, versions=versions,
                           correction=None, **{**contents, "letter": version, "current": letter}, **LETTER_TEXT)


@bp.route("/letters/<id:letter_id>/versions/<int:number>")
@allow(*STAFF)
def staff_version(letter_id, number):
    """An earlier version of a corrected letter, as it was published."""
    return _version_page(letter_or_404(current_user, letter_id), number, "letters/version.html")


@bp.route("/letters/<id:letter_id>/print")
@allow(*STAFF)
def staff_print(letter_id):
    """The letter on A4, without navigation, with the young person's answers (for the case file)."""
    letter = letter_or_404(current_user, letter_id)
    return render_template("letters/print.html", mode="staff", forms={}, printing=True, **_versions_context(letter),
                           **services.letter_contents(letter), **LETTER_TEXT)


def _reply_form(response, submitted=False, on_list=False):
    prefix = f"follow-up-{response.id}"
    # On the list or its own page, typing kept after a timeout comes back into the right follow-up's form (by prefix).
    form = ReplyForm(prefix=prefix) if submitted and not on_list else ReplyForm(prefix=prefix, formdata=None)
    form.reply.label.text = _("Your reply to %(name)s", name=response.young_person.first_name)
    return form


def _follow_up_context(response):
    # Whether the IRO has already taken it further (then a link to it instead of "Escalate").
    return {"response": response, "escalated": follow_up_escalations([response.id]).get(response.id), **LETTER_TEXT}


@bp.route("/letters/follow-ups/<id:response_id>", methods=["GET", "POST"])
@allow(*STAFF)
def follow_up(response_id):
    """A young person's question or challenge about a decision, and the reply to it."""
    response = follow_up_or_404(current_user, response_id)
    if not response.is_follow_up:
        abort(404)
    if request.method == "GET":
        return render_template("letters/follow_up.html", form=_reply_form(response), **_follow_up_context(response))
    form = _reply_form(response, submitted=True)
    context = _follow_up_context(response)
    if not form.validate_on_submit():
        return form_page("letters/follow_up.html", form, **context)
    if not services.reply(response, current_user, form.reply.data):
        response = follow_up_or_404(current_user, response_id)
        return form_page("letters/follow_up.html", form, status=409,
                         problem=_("Someone replied to this first. Their reply is below; yours was not sent."),
                         **_follow_up_context(response))
    flash(_("Your reply is sent. %(name)s will see it on their letter.", name=response.young_person.first_name), "success")
    return redirect(url_for("letters.overview"), code=303)


@bp.route("/letters/<id:letter_id>/translations/<language>", methods=["GET", "POST"])
@allow(*STAFF)
def translation(letter_id, language):
    """Paste the letter in the language the young person asked for, part by part, and publish it beside the English."""
    letter = letter_or_404(current_user, letter_id)
    asked = translations.translation_of(letter, language)
    if asked is None or not letter.is_published:
        abort(404)
    decisions = translations.letter_decisions(letter)
    written = [name for name in SECTIONS if getattr(letter, name)]
    if request.method == "GET":
        done = translations.decisions_text(asked)
        data = {name: getattr(asked, name) or "" for name in SECTIONS}
        form = TranslationForm(formdata=None, data={**data, "decisions": [done.get(d.id, "") for d in decisions]})
    else:
        form = TranslationForm()
    _label_decisions(form, decisions)
    marks = translations.direction(language)
    for field in [*(form[name] for name in SECTIONS), *form.decisions]:
        field.render_kw = {"lang": marks.lang, "dir": marks.dir}  # typed in the young person's language
    context = {"letter": letter, "person": letter.young_person, "asked": asked, "written": written,
               "decisions": decisions, "marks": marks,
               "out_of_date": translations.is_out_of_date(asked), "waited": translations.waited(asked),
               "language_name": language_name(language, _locale()), "headings": HEADINGS}
    if request.method == "GET":
        return render_template("letters/translation.html", form=form, **context)
    if not (form.validate_on_submit() & form.require(written)) or len(form.decisions) != len(decisions):
        return form_page("letters/translation.html", form, **context)
    translations.publish(asked, current_user, {name: form[name].data for name in SECTIONS},
                         {d.id: entry.data or "" for d, entry in zip(decisions, form.decisions, strict=True)})
    flash(_("The translated letter is published. %(name)s can read it beside the English.",
            name=letter.young_person.first_name), "success")
    return redirect(url_for("letters.overview", _anchor="languages"), code=303)


def _label_decisions(form, decisions):
    # The form has one box per decision of the letter, labelled with its number (the English is shown above it).
    while len(form.decisions) < len(decisions):
        form.decisions.append_entry("")
    for decision, entry in zip(decisions, form.decisions, strict=False):
        entry.label.text = _("Decision %(number)s: what will happen", number=decision.position)


# ---- The young person's and carer's side ----------------------------------------------------


@bp.route("/review-letters")
@allow(Role.YOUNG_PERSON, Role.CARER)
def own():
    """A young person's letters (and whether their carers may read them); a carer's children's letters."""
    if current_user.role == Role.CARER:
        return render_template("letters/carer_list.html", children=services.carer_letters(current_user, local_today()))
    me = own_young_person(current_user)
    if me is None:
        abort(404)
    return _own_page(me)


def _own_page(me, failed=None):
    has_carer, shares = services.carer_sharing(me)
    form = failed or SharingForm(formdata=None, data={"share": "yes" if shares else "no"})
    context = {"me": me, "letters": services.own_letters(me), "has_carer": has_carer,
               "carer_always_reads": services.carer_always_reads(me, local_today()), "shares": shares}
    return form_page("letters/own_list.html", form, **context)


@bp.route("/review-letters/sharing", methods=["POST"])
@allow(Role.YOUNG_PERSON)
def sharing():
    """The young person chooses whether their carers may read their letters."""
    me = own_young_person(current_user)
    if me is None:
        abort(404)
    form = SharingForm()
    if not form.validate_on_submit():
        return _own_page(me, failed=form)
    services.set_sharing(me, form.share.data == "yes")
    if form.share.data == "yes":
        flash(_("Your carers can now read your review letters."), "success")
    else:
        flash(_("Your review letters are private. Your carers cannot read them."), "success")
    return redirect(url_for("letters.own"), code=303)


def _response_form(decision, submitted=False):
    prefix = f"decision-{decision.id}"
    # Shown under each decision; typing kept after a timeout comes back into this decision's form (by prefix).
    form = ResponseForm(prefix=prefix) if submitted else ResponseForm(prefix=prefix, formdata=None)
    form.answer.label.text = _("What do you think about decision %(number)s?", number=decision.position)
    return form


def _read_page(letter, failed=None, language_form=None):
    contents = services.letter_contents(letter)
    forms = {}
    mode = "young_person" if current_user.role == Role.YOUNG_PERSON else "carer"
    if mode == "young_person":
        for item in contents["decisions"]:
            decision = item.decision
            forms[decision.id] = failed[1] if failed and failed[0] == decision.id else _response_form(decision)
        language_form = language_form or LanguageForm(
            formdata=None, languages=services.requestable_languages(), data={"language": _theirs(letter)})
    context = {"mode": mode, "forms": forms, "language_form": language_form, **_versions_context(letter),
               **_translation_context(letter),
               "language_name": lambda code: language_name(code, _locale()), **contents, **LETTER_TEXT}
    failing = failed[1] if failed else (language_form if language_form is not None and language_form.errors else None)
    if failing is not None:
        return form_page("letters/read.html", failing, **context)
    return render_template("letters/read.html", **context)


def _theirs(letter):
    """The language the request form starts on: the one the young person saved, else the page's."""
    saved = letter.young_person.user.locale if letter.young_person.user is not None else None
    return saved or _locale()


def _translation_context(letter):
    """The letter's translations for the switch, and the one chosen with ?language= if it is published."""
    asked = translations.translations_of(letter)
    chosen = next((row for row in asked if row.is_published and row.language == request.args.get("language")), None)
    context = {"translations": asked, "shown": chosen,
               "own_names": services.requestable_languages() if any(row.is_published for row in asked) else {}}
    if chosen is not None:
        marks = translations.direction(chosen.language)
        context.update(marks=marks, translated_decisions=translations.decisions_text(chosen),
                       translated_headings=translations.headings_in(chosen.language, HEADINGS)
                       if marks.portal_has_it else None,
                       out_of_date=translations.is_out_of_date(chosen), page_lang=_locale(),
                       page_dir=current_app.config["LANGUAGES"].get(_locale(), ("", "ltr"))[1])
    return context


@bp.route("/review-letters/<id:letter_id>")
@allow(Role.YOUNG_PERSON, Role.CARER)
def read(letter_id):
    """Read a published letter on a phone; a young person can answer each decision."""
    letter = letter_or_404(current_user, letter_id)
    if current_user.role == Role.YOUNG_PERSON:
        services.mark_read(letter)
    return _read_page(letter)


@bp.route("/review-letters/<id:letter_id>/decisions/<id:decision_id>", methods=["POST"])
@allow(Role.YOUNG_PERSON)
def respond(letter_id, decision_id):
    """The young person's answer about one decision; anything but "I understand" goes to their IRO."""
    letter = own_letter_or_404(current_user, letter_id)
    decision = services.decision_of(letter, decision_id)
    if decision is None:
        abort(404)
    form = _response_form(decision, submitted=True)
    if not form.validate_on_submit():
        return _read_page(letter, failed=(decision.id, form))
    answer = DecisionAnswer(form.answer.data)
    services.respond(decision, letter.young_person, answer, form.comment.data)
    if answer == DecisionAnswer.UNDERSTAND:
        flash(_("Thank you for telling us."), "success")
    else:
        flash(_("Thank you. %(name)s will read this and reply to you on this letter.",
                name=letter.young_person.iro.display_name), "success")
    return redirect(url_for("letters.read", letter_id=letter.id, _anchor=f"decision-{decision.position}"), code=303)


@bp.route("/review-letters/<id:letter_id>/language", methods=["POST"])
@allow(Role.YOUNG_PERSON)
def ask_language(letter_id):
    """Ask for this letter in a language: the IRO sees the request on their list."""
    letter = own_letter_or_404(current_user, letter_id)
    form = LanguageForm(languages=services.requestable_languages())
    if not form.validate_on_submit():
        return _read_page(letter, language_form=form)
    translations.request_translation(letter, form.language.data, current_user)
    flash(_("Thank you. Your IRO will arrange your letter in %(language)s.",
            language=language_name(form.language.data, _locale())), "success")
    return redirect(url_for("letters.read", letter_id=letter.id), code=303)


@bp.route("/review-letters/<id:letter_id>/versions/<int:number>")
@allow(Role.YOUNG_PERSON, Role.CARER)
def own_version(letter_id, number):
    """An earlier version of a corrected letter, as it was before the correction."""
    return _version_page(letter_or_404(current_user, letter_id), number, "letters/version.html")


@bp.route("/review-letters/<id:letter_id>/print")
@allow(Role.YOUNG_PERSON, Role.CARER)
def own_print(letter_id):
    """The letter on A4, without navigation or answer forms, to keep on paper."""
    letter = letter_or_404(current_user, letter_id)
    mode = "young_person" if current_user.role == Role.YOUNG_PERSON else "carer"
    return render_template("letters/print.html", mode=mode, forms={}, printing=True, **_versions_context(letter),
                           **services.letter_contents(letter), **LETTER_TEXT)
