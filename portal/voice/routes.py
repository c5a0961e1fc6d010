"""Tell the council, your shared words and campaigns (young people); figures, quotes, moderation, campaigns
and "You said, we did" (the council); council permissions and themes (admins)."""

from datetime import timedelta

from flask import Response, abort, current_app, flash, redirect, render_template, request, session, url_for
from flask_babel import get_locale
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from wtforms.fields.choices import SelectChoice

from portal.core.clock import local_today
from portal.core.refusals import refuse
from portal.core.safety import is_urgent, suggests_risk
from portal.extensions import db
from portal.models import AgeBand, Role, User
from portal.rendering import form_page
from portal.security.access import allow, may_use
from portal.security.policy import (
    my_contribution_or_404,
    own_young_person,
    pending_contribution_or_404,
)
from portal.voice import bp, campaigns, services
from portal.voice import dashboard as figures
from portal.voice.forms import (
    ActionForm,
    CampaignForm,
    FiltersForm,
    ModerationForm,
    PermissionForm,
    TellForm,
    ThemesForm,
    UpdateForm,
    campaign_answer_form,
    new_theme_form,
)
from portal.voice.redaction import find_identifying, parts, suggested_redaction
from portal.voice.themes import Theme, add_theme, all_themes, offered_themes, set_offered, theme_names
from portal.voice.words import (
    AGE_BAND_NAMES,
    ANSWER_TYPE_NAMES,
    MY_STATUS_NAMES,
    REDACTION_KIND_NAMES,
    SOURCE_NAMES,
    SUPPRESSED_NAMES,
)

TOKEN = "<string(length=22):token>"
KEY = "<string(length=22):key>"


@bp.context_processor
def council_words():
    return {"age_band_names": AGE_BAND_NAMES, "source_names": SOURCE_NAMES, "my_status_names": MY_STATUS_NAMES,
            "answer_type_names": ANSWER_TYPE_NAMES, "redaction_kind_names": REDACTION_KIND_NAMES,
            "suppressed_names": SUPPRESSED_NAMES, "shown_text": figures.shown_text,
            "shown_html": figures.shown_html}


def _me():
    me = own_young_person(current_user)
    if me is None:  # an account not linked to a young person's record has nothing to share
        abort(404)
    return me


def _locale():
    return str(get_locale() or "en")


def _help_first(text):
    """True when the words suggest risk and the young person has not yet been told, on this form, that the
    council cannot reply and who can help: the form is shown again with that message, their words kept."""
    return is_urgent(text) and request.form.get("help_shown") != "1"


def _theme_choices(themes):
    return [SelectChoice(theme.key, theme.name) for theme in themes]


# ---- Young people ----------------------------------------------------------------------------------


@bp.route("/tell-the-council", methods=["GET", "POST"])
@allow(Role.YOUNG_PERSON)
def tell():
    """Words for the council, without my name, after reading what they will and won't see."""
    me = _me()
    form = TellForm()
    form.themes.choices = _theme_choices(offered_themes())
    if not form.validate_on_submit():
        return form_page("voice/tell.html", form)
    if _help_first(form.text.data):
        return form_page("voice/tell.html", form, worrying=True)
    services.tell_the_council(me, form.text.data, form.themes.data, _locale(), form.submission.data)
    if is_urgent(form.text.data):
        session["council_help"] = True
    return redirect(url_for("council.told"), code=303)


@bp.route("/tell-the-council/sent")
@allow(Role.YOUNG_PERSON)
def told():
    """Sent: what happens next (and where to get help now, when the words suggested it)."""
    _me()
    return render_template("voice/told.html", worried=session.pop("council_help", False))


@bp.route("/my-shared-words")
@allow(Role.YOUNG_PERSON)
def my_words():
    """Everything I shared with the council, and a button to take each back."""
    return render_template("voice/my_words.html", words=services.my_words(_me()), theme_names=theme_names(),
                           form=ActionForm())


@bp.route(f"/my-shared-words/{KEY}/withdraw", methods=["POST"])
@allow(Role.YOUNG_PERSON)
def withdraw(key):
    """Take back something I shared: it is deleted, words and all."""
    queued = services.queued_entry(_me(), key)
    mine = None if queued else my_contribution_or_404(current_user, key)
    if ActionForm().validate_on_submit():
        if queued and not services.withdraw_queued(queued):
            flash(_("It reached the council a moment ago. You can still take it back below."), "notice")
            return redirect(url_for("council.my_words"), code=303)
        if mine:
            services.withdraw(mine)
        flash(_("Done. The council can no longer see it and it is no longer counted."), "success")
    return redirect(url_for("council.my_words"), code=303)


@bp.route("/council-campaigns/<id:campaign_id>", methods=["GET", "POST"])
@allow(Role.YOUNG_PERSON)
def answer_campaign(campaign_id):
    """Answer a campaign that is open in my language."""
    me = _me()
    campaign = campaigns.open_campaign_or_404(campaign_id, _locale())
    if campaign.id in services.answered_campaigns(me):
        return render_template("voice/campaign_answer.html", campaign=campaign, form=None, answered=True)
    options = campaigns.answer_options(campaign)
    form = campaign_answer_form(campaign, options)()
    if not form.validate_on_submit():
        return form_page("voice/campaign_answer.html", form, campaign=campaign, answered=False)
    text = form.text.data
    if _help_first(text):
        return form_page("voice/campaign_answer.html", form, campaign=campaign, answered=False, worrying=True)
    services.answer_campaign(me, campaign, form.answer.data if options else None, text, _locale(), form.submission.data)
    if is_urgent(text):
        session["council_help"] = True
    return redirect(url_for("council.told"), code=303)


@bp.route("/you-said-we-did")
@allow(Role.YOUNG_PERSON)
def you_said_we_did():
    """What young people told the council, and what the council did."""
    return render_template("voice/you_said_we_did.html", updates=services.updates(), theme_names=theme_names())


# ---- The council's figures and quotes ---------------------------------------------------------------


def _filters(themes):
    return figures.parse_filters(request.args, local_today(), {theme.key for theme in themes})


def _filters_form(filters, themes):
    earliest = figures.first_period()
    months = figures.month_choices(local_today(), min(earliest, filters.start) if earliest else filters.start)
    form = FiltersForm(formdata=None, data={
        "start": filters.start.strftime("%Y-%m"), "end": filters.end.strftime("%Y-%m"), "by": filters.by,
        "theme": filters.theme or "", "age_band": filters.age_band or ""})
    month_options = [SelectChoice(month.strftime("%Y-%m"), figures.period_label(month, figures.MONTH)) for month in months]
    form.start.choices = list(reversed(month_options))
    form.end.choices = month_options
    form.by.choices = [SelectChoice(figures.MONTH, _("Month")), SelectChoice(figures.QUARTER, _("Quarter"))]
    form.theme.choices = [SelectChoice("", _("Every theme"))] + _theme_choices(themes)
    form.age_band.choices = [SelectChoice("", _("All ages"))] + [SelectChoice(band.value, AGE_BAND_NAMES[band])
                                                                  for band in AgeBand]
    return form


# The council's pages (figures, quotes, CSV, moderation) are not audited per child, and that is right:
# a contribution carries no young person (that is the promise "without your name"), so there is nobody
# to audit the read against, and an audit row naming the child would itself be the link anonymity forbids.
@bp.route("/council")
@allow(Role.COUNCIL, Role.ADMIN)
def dashboard():
    """Counts by theme, month or quarter, and age band, small numbers suppressed, as a table and charts."""
    themes = all_themes()
    filters = _filters(themes)
    data = figures.build(filters, themes)
    names = {theme.key: theme.name for theme in themes}
    return render_template("voice/dashboard.html", data=data, form=_filters_form(filters, themes),
                           args=filters.as_args(), described=figures.describe(filters, names))


@bp.route("/council/figures.csv")
@allow(Role.COUNCIL, Role.ADMIN)
def figures_csv():
    """Exactly the dashboard's table, as CSV: the same filters, the same suppression."""
    themes = all_themes()
    filters = _filters(themes)
    body = "\ufeff" + figures.to_csv(figures.csv_rows(figures.build(filters, themes)))
    return Response(body, mimetype="text/csv", headers={
        "Content-Disposition": f'attachment; filename="{figures.csv_filename(filters)}"'})


@bp.route("/council/quotes")
@allow(Role.COUNCIL, Role.ADMIN)
def quotes():
    """Approved, redacted quotes, newest month first."""
    themes = all_themes()
    filters = _filters(themes)
    chosen = services.QuoteFilters(filters.theme, filters.age_band, filters.start, filters.end)
    found, found_themes, following = services.quotes(chosen, after=request.args.get("after"))
    return render_template("voice/quotes.html", quotes=found, quote_themes=found_themes, following=following,
                           dated=services.dated_groups(found),
                           form=_filters_form(filters, themes), args=filters.as_args(),
                           theme_names={theme.key: theme.name for theme in themes})


# ---- Moderation ---------------------------------------------------------------------------------------


MODERATORS = {"council_permission": "can_moderate", "refusal": _l(
    "Only council members with the moderator permission can check words. An admin can give you it.")}
CAMPAIGNERS = {"council_permission": "can_run_campaigns", "refusal": _l(
    "Only council members with the campaigns permission can do this. An admin can give you it.")}


@bp.route("/council/moderation")
@allow(Role.COUNCIL, **MODERATORS)
def moderation():
    """Words waiting to be checked before the council can read them."""
    items, waiting, item_themes = services.moderation_queue()
    return render_template("voice/moderation.html", items=items, waiting=waiting, item_themes=item_themes,
                           theme_names=theme_names(), languages=current_app.config["LANGUAGES"])


@bp.route(f"/council/moderation/{TOKEN}", methods=["GET", "POST"])
@allow(Role.COUNCIL, **MODERATORS)
def moderate(token):
    """Check one contribution: details that might identify someone are highlighted; redact, then approve or reject."""
    contribution = pending_contribution_or_404(current_user, token)
    spans = find_identifying(contribution.text)
    form = ModerationForm(data={"redacted": suggested_redaction(contribution.text, spans)})
    if request.method == "POST":
        decision = request.form.get("decision")
        if decision not in ("approve", "reject"):
            abort(400)
        if form.validate_on_submit() and form.approving(decision):
            if services.moderate(contribution, decision == "approve", form.redacted.data):
                flash(_("Approved: council members can now read these words.") if decision == "approve"
                      else _("Rejected: the words will not be shown. They are still counted."), "success")
            else:
                flash(_("Someone else checked these words first."), "notice")
            return redirect(url_for("council.moderation"), code=303)
    return form_page("voice/moderate.html", form, contribution=contribution, parts=parts(contribution.text, spans),
                     kinds=sorted({span.kind for span in spans}), themes=services.themes_of([token]).get(token, []),
                     theme_names=theme_names(), worrying=suggests_risk(contribution.text),
                     languages=current_app.config["LANGUAGES"])


# ---- Campaigns ------------------------------------------------------------------------------------------


@bp.route("/council/campaigns")
@allow(Role.COUNCIL, Role.ADMIN)
def campaign_list():
    """Every campaign, open or not."""
    return render_template("voice/campaigns.html", campaigns=campaigns.all_campaigns(), is_open=campaigns.is_open,
                           today=local_today(), can_run=may_use("council.new_campaign"),
                           languages=current_app.config["LANGUAGES"])


@bp.route("/council/campaigns/new", methods=["GET", "POST"])
@allow(Role.COUNCIL, **CAMPAIGNERS)
def new_campaign():
    """Start a campaign: its question, how to answer, themes, languages and dates."""
    languages = current_app.config["LANGUAGES"]
    form = CampaignForm(data={"written_in": _locale(), "languages": [_locale()], "opens_on": local_today(),
                              "closes_on": local_today() + timedelta(days=28)})
    form.themes.choices = _theme_choices(all_themes())
    form.written_in.choices = [SelectChoice(code, name) for code, (name, _direction) in languages.items()]
    form.languages.choices = [SelectChoice(code, name) for code, (name, _direction) in languages.items()]
    if not form.validate_on_submit():
        return form_page("voice/new_campaign.html", form)
    campaign = campaigns.create(
        current_user, title=form.title.data, question=form.question.data, answer_type=form.answer_type.data,
        choices=form.choice_lines(), themes=form.themes.data, written_in=form.written_in.data,
        languages=form.languages.data, opens_on=form.opens_on.data, closes_on=form.closes_on.data)
    flash(_("The campaign has been saved. Young people will see it on their home page while it is open."), "success")
    return redirect(url_for("council.campaign", campaign_id=campaign.id), code=303)


@bp.route("/council/campaigns/<id:campaign_id>")
@allow(Role.COUNCIL, Role.ADMIN)
def campaign(campaign_id):
    """A campaign's results, small numbers suppressed, and its approved quotes."""
    found = campaigns.campaign_or_404(campaign_id)
    found_quotes, quote_themes, _following = services.quotes(services.QuoteFilters(), campaign_id=found.id)
    return render_template("voice/campaign.html", campaign=found, results=campaigns.results(found),
                           quotes=found_quotes, dated=services.dated_groups(found_quotes),
                           is_open=campaigns.is_open(found), theme_names=theme_names(),
                           can_run=may_use("council.close_campaign"), form=ActionForm(),
                           languages=current_app.config["LANGUAGES"])


@bp.route("/council/campaigns/<id:campaign_id>/close", methods=["POST"])
@allow(Role.COUNCIL, **CAMPAIGNERS)
def close_campaign(campaign_id):
    """Close a campaign now: it leaves young people's home pages."""
    found = campaigns.campaign_or_404(campaign_id)
    if ActionForm().validate_on_submit():
        campaigns.close(found)
        flash(_("The campaign is closed."), "success")
    return redirect(url_for("council.campaign", campaign_id=found.id), code=303)


# ---- "You said, we did" ------------------------------------------------------------------------------


@bp.route("/council/updates", methods=["GET", "POST"])
@allow(Role.COUNCIL, Role.ADMIN)
def updates():
    """Post "You said, we did" updates for young people's home pages."""
    # Reading is for every council account; posting needs what taking an update down needs.
    can_post = may_use("council.delete_update")
    form = UpdateForm()
    form.themes.choices = _theme_choices(all_themes())
    if request.method == "POST":
        if not can_post:
            refuse(403, _("Only admins and council members with the campaigns permission can post updates."))
        if form.validate_on_submit():
            services.post_update(current_user, form.you_said.data, form.we_did.data, form.themes.data)
            flash(_("The update has been posted. Young people will see it on their home page."), "success")
            return redirect(url_for("council.updates"), code=303)
    return form_page("voice/updates.html", form, updates=services.updates(), can_post=can_post,
                     theme_names=theme_names(), delete_form=ActionForm())


@bp.route("/council/updates/<id:update_id>/delete", methods=["POST"])
@allow(Role.COUNCIL, Role.ADMIN, council_permission="can_run_campaigns", refusal=_l(
    "Only admins and council members with the campaigns permission can take updates down."))
def delete_update(update_id):
    """Take an update down."""
    found = services.update_or_404(update_id)
    if ActionForm().validate_on_submit():
        services.delete_update(found)
        flash(_("The update has been taken down."), "success")
    return redirect(url_for("council.updates"), code=303)


# ---- Admins: council permissions and themes ---------------------------------------------------------


def _permission_form(user, permission=None, formdata=None):
    data = {"can_moderate": bool(permission and permission.can_moderate),
            "can_run_campaigns": bool(permission and permission.can_run_campaigns)}
    return PermissionForm(formdata=formdata, prefix=f"member-{user.id}", data=data)


@bp.route("/admin/council-permissions")
@allow(Role.ADMIN)
def permissions():
    """Which council accounts may moderate, and run campaigns."""
    members = [(user, _permission_form(user, permission)) for user, permission in services.council_members()]
    return render_template("voice/permissions.html", members=members)


@bp.route("/admin/council-permissions/<id:user_id>", methods=["POST"])
@allow(Role.ADMIN)
def set_permissions(user_id):
    """Save one council account's permissions."""
    user = db.session.get(User, user_id)
    if user is None or user.role != Role.COUNCIL:
        abort(404)
    form = PermissionForm(prefix=f"member-{user.id}")
    if form.validate_on_submit():
        services.set_permissions(user, form.can_moderate.data, form.can_run_campaigns.data)
        flash(_("%(name)s's permissions have been saved.", name=user.display_name), "success")
    return redirect(url_for("council.permissions"), code=303)


@bp.route("/admin/council-themes", methods=["GET", "POST"])
@allow(Role.ADMIN)
def themes():
    """Choose the themes young people can pick from, and add new ones."""
    known = [theme for theme in all_themes() if theme.key != Theme.OTHER.value]
    form = ThemesForm(data={"offered": [theme.key for theme in known if theme.offered]})
    form.offered.choices = _theme_choices(known)
    if form.validate_on_submit():
        set_offered(form.offered.data)
        flash(_("The themes have been saved."), "success")
        return redirect(url_for("council.themes"), code=303)
    return form_page("voice/themes.html", form)


@bp.route("/admin/council-themes/new", methods=["GET", "POST"])
@allow(Role.ADMIN)
def new_theme():
    """Add a theme, named in English and in any other language."""
    languages = current_app.config["LANGUAGES"]
    form = new_theme_form(languages)()
    if not form.validate_on_submit():
        return form_page("voice/new_theme.html", form, languages=languages)
    add_theme({code: getattr(form, f"name_{code}").data for code in languages})
    flash(_("The theme has been added. Young people can choose it now."), "success")
    return redirect(url_for("council.themes"), code=303)
