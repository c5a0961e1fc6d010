"""The start page, home pages, help, language switcher and exit control."""

from flask import abort, current_app, flash, redirect, render_template, request, session, url_for
from flask_babel import get_locale
from flask_babel import gettext as _
from flask_login import current_user

from portal.core import consultations, contact, picture_mode
from portal.core.clock import local_today
from portal.core.refusals import refuse
from portal.core.reviews import carer_children
from portal.extensions import db, limiter
from portal.main import bp, services
from portal.main.forms import NewsForm, PicturesForm, SoonerForm, TranslationProblemForm
from portal.models import Role
from portal.rendering import form_page
from portal.security import privacy
from portal.security.access import allow, public, signed_in
from portal.security.policy import own_young_person
from portal.security.redirects import is_safe_path, safe_next
from portal.security.sessions import end_session


@bp.route("/")
@public
def start():
    """The start page: sign in, or join with a code."""
    if current_user.is_authenticated:
        return redirect(url_for("main.home"))
    return render_template("main/start.html")


@bp.route("/home")
@signed_in
def home():
    """Each role's home page, showing what that role can do."""
    role = current_user.role
    if role == Role.YOUNG_PERSON:
        me = own_young_person(current_user)
        upcoming = consultations.next_review_of(me.id) if me else consultations.NextReview()
        consultation = upcoming.consultation
        privacy.remember_open_sessions(consultation, upcoming.help_sessions)
        # Other capabilities add their part of the page (the council's campaigns and news).
        sections = {name: provide(me) for name, provide in current_app.extensions.get("home_sections", {}).items()}
        return render_template("main/home_young_person.html", me=me, review=upcoming.review, consultation=consultation,
                               answered=upcoming.progress,
                               helping=privacy.helping_session(consultation) if consultation else None, **sections)
    if role == Role.CARER:
        return render_template("main/home_carer.html", children=carer_children(current_user))
    if role in (Role.IRO, Role.ADMIN, Role.MANAGER):
        # The staff capability adds its part (the caseload's filters and their counts).
        sections = {name: provide(current_user)
                    for name, provide in current_app.extensions.get("staff_home_sections", {}).items()}
        return render_template("main/home_staff.html", caseload=services.caseload_size(current_user), **sections)
    return render_template("main/home_service.html")


@bp.route("/get-help")
@public
def get_help():
    """Where to get help now: 999, Childline, Shout, Samaritans (16+), the duty team, advocacy, the young person's IRO."""
    me = own_young_person(current_user) if current_user.is_authenticated and current_user.role == Role.YOUNG_PERSON else None
    return render_template("main/get_help.html", iro=me.iro if me else None,
                           samaritans=services.shows_samaritans(me, local_today()))


@bp.route("/language", methods=["POST"])
@public
def change_language():
    """Switch language (works without JavaScript); remembered for a signed-in person."""
    locale = request.form.get("locale", "")
    if locale not in current_app.config["LANGUAGES"]:
        refuse(400, _("Choose a language from the list."))
    session["locale"] = locale
    if current_user.is_authenticated:
        current_user.locale = locale
        db.session.commit()
    return redirect(safe_next(request.form.get("next"), url_for("main.start")), code=303)


@bp.route("/my-news", methods=["GET", "POST"])
@allow(Role.YOUNG_PERSON, Role.CARER)
def news_settings():
    """Choose how to hear that something is new (a text, an email or nothing), and remove a number or address."""
    choice = contact.choice_of(current_user)
    form = NewsForm()
    texts_offered = bool(current_app.config["NOTIFY_API_KEY"])  # text messages need GOV.UK Notify
    if not texts_offered:
        form.channel.choices = [option for option in form.channel.choices if option.value != "sms"]
    if request.method == "GET" and choice is not None:
        form.channel.data, form.mobile.data, form.email.data = choice.channel, choice.mobile, choice.email
    if not form.validate_on_submit():
        return form_page("main/news_settings.html", form, texts_offered=texts_offered)
    contact.choose(current_user, form.channel.data, form.mobile.data, form.email.data)
    flash(_("Saved. We will only ever say that something is new, never any details.") if form.channel.data != "none"
          else _("Saved. We will not send you messages, and we have deleted any number or email address."), "success")
    return redirect(url_for("main.news_settings"), code=303)


@bp.route("/account/pictures", methods=["GET", "POST"])
@allow(Role.YOUNG_PERSON)
def pictures():
    """Show big pictures or not: a young person's own choice (on by default under 8)."""
    form = PicturesForm()
    me = own_young_person(current_user)
    showing = picture_mode.shows_pictures(current_user.picture_mode, me.band(local_today()) if me else None)
    if request.method == "GET":
        form.pictures.data = "on" if showing else "off"
    if not form.validate_on_submit():
        return form_page("main/pictures.html", form)
    picture_mode.choose(current_user, form.pictures.data == "on")
    flash(_("Saved. You will see big pictures.") if form.pictures.data == "on"
          else _("Saved. You will see small pictures."), "success")
    return redirect(url_for("main.pictures"), code=303)


@bp.route("/translation-problem", methods=["GET", "POST"])
@public
@limiter.limit(lambda: current_app.config["TRANSLATION_REPORT_LIMIT"], methods=["POST"])
def translation_problem():
    """Tell us a sentence in this language is wrong: it reaches the admin with the page and the string, no name."""
    form = TranslationProblemForm()
    if request.method == "GET":
        form.page.data = request.args.get("page", "")
    page = form.page.data = form.page.data if is_safe_path(form.page.data) else ""
    if not form.validate_on_submit():
        return form_page("main/translation_problem.html", form)
    services.report_translation_problem(str(get_locale() or "en"), page, form.words.data, form.suggestion.data)
    return render_template("main/translation_thanks.html", back=page)


@bp.route("/exit", methods=["POST"])
@public
def exit_page():
    """Leave at once: end the session and go to a neutral site."""
    end_session()
    return redirect(current_app.config["EXIT_URL"], code=303)


@bp.route("/my-review/sooner", methods=["GET", "POST"])
@allow(Role.YOUNG_PERSON)
def ask_sooner():
    """Ask my IRO to bring my review forward."""
    me = own_young_person(current_user)
    if me is None:
        abort(404)
    form = SoonerForm()
    context = {"me": me, "waiting": services.open_review_request(me), "answered": services.last_answered_request(me)}
    if not form.validate_on_submit():
        return form_page("main/ask_sooner.html", form, **context)
    services.ask_for_review_sooner(me, form.reason.data)
    flash(_("Your IRO has your request. They will plan your review sooner or tell you why not."), "success")
    return redirect(url_for("main.ask_sooner"), code=303)
