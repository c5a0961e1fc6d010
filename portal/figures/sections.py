"""The annual report's sections in the order of the seed report, and the tables under each.

A section is a heading and a list of builders; a builder takes the period's counts (`Counts`) and
returns tables. A new figure is one SOURCES entry (counted once per period) and one builder: the page,
the CSV files and the annual report list every table of every section.
"""

from dataclasses import dataclass, field

from babel import Locale
from flask import current_app
from flask_babel import format_decimal, format_number, get_locale
from flask_babel import gettext as _

from portal.core import review_feedback
from portal.core.escalation_figures import OPEN, escalation_figures
from portal.core.escalation_labels import CATEGORY_NAMES, OPEN_NAME, STAGE_NAMES
from portal.core.escalation_labels import KIND_NAMES as ESCALATION_KIND_NAMES
from portal.core.escalation_labels import OUTCOME_NAMES as ESCALATION_OUTCOME_NAMES
from portal.core.figures import counts
from portal.core.figures.periods import Period
from portal.core.labels import LATENESS_NAMES, PARTICIPATION_NAMES
from portal.figures.tables import FigureTable, Section, Value
from portal.figures.words import (
    AGE_BAND_NAMES,
    CHECKLIST_NAMES,
    NOT_RECORDED_NAME,
    OUTCOME_NAMES,
    SUPPORT_KIND_NAMES,
)
from portal.models import (
    AgeBand,
    EscalationCategory,
    EscalationKind,
    EscalationOutcome,
    EscalationStage,
    LatenessReason,
    Participation,
)
from portal.models.support import SupportKind, SupportStatus


def _council_themes(period: Period):
    """The council's themes, from the council capability (it registers "council_themes"), or none."""
    provide = current_app.extensions.get("figure_sources", {}).get("council_themes")
    return provide(period.start, period.end) if provide else None


# What is counted for a period, each once (a fixed number of SQL statements whatever the data).
SOURCES = {
    "reviews": counts.reviews,
    "consultations": counts.consultations,
    "letters": counts.letters,
    "letter_translations": counts.letter_translations,
    "requests": counts.requests,
    "flags": counts.flags,
    "caseloads": lambda _period: counts.caseloads(),
    "council_themes": _council_themes,
    "escalations": lambda period: escalation_figures(period.start, period.end),
    "review_feedback": lambda period: review_feedback.counts(period.start, period.end),
}


@dataclass
class Counts:
    """Every source's counts for one period."""

    period: Period
    found: dict = field(default_factory=dict)

    def __getattr__(self, name):
        found = self.__dict__.get("found", {})
        if name in found:
            return found[name]
        raise AttributeError(name)


def gather(period: Period) -> Counts:
    counts.prepare()
    return Counts(period, {name: source(period) for name, source in SOURCES.items()})


def _count_rows(pairs):
    return [(str(label), [Value.count(number)]) for label, number in pairs]


# ---- 3. The IRO service ------------------------------------------------------------------------

def caseload_tables(c: Counts) -> list[FigureTable]:
    loads = c.caseloads
    total = sum(load.young_people for load in loads)
    average = round(total / len(loads), 1) if loads else 0
    table = FigureTable("caseloads", _("Caseload per IRO, now"), _("IRO"), [_("Young people")],
                        _count_rows((load.name, load.young_people) for load in loads),
                        total=(_("All IROs"), [Value.count(total)]), chart=True,
                        note=_("Average caseload: %(average)s young people per IRO (%(iros)s IROs).",
                               average=average, iros=len(loads)))
    reviews = c.reviews
    checklist = FigureTable(
        "checklist", _("First-review checklist: what young people know"), _("Question"), [_("Yes"), _("No"), _("% yes")],
        [(str(CHECKLIST_NAMES[name]), [Value.count(yes), Value.count(no), Value.percent(yes, yes + no)])
         for name, (yes, no) in reviews.checklist.items()])
    return [table, checklist]


# ---- 5. Themes and escalations -----------------------------------------------------------------

def flag_tables(c: Counts) -> list[FigureTable]:
    flags = c.flags
    return [FigureTable("safety_flags", _("Safety flags raised from young people's words"), _("Safety flags"),
                        [_("Number"), _("%")],
                        [(_("Raised"), [Value.count(flags.raised), Value.percent(flags.raised, flags.raised)]),
                         (_("Urgent"), [Value.count(flags.urgent), Value.percent(flags.urgent, flags.raised)]),
                         (_("With an action recorded within 1 working day"),
                          [Value.count(flags.actioned_in_time), Value.percent(flags.actioned_in_time, flags.raised)])])]


def escalation_tables(c: Counts) -> list[FigureTable]:
    """Escalations raised in the period: informal and formal, by category (as the seed's table), stage and outcome."""
    e = c.escalations
    summary = FigureTable(
        "escalations", _("Escalations raised by IROs"), _("Escalations"), [_("Number"), _("%")],
        [(_("Raised"), [Value.count(e.raised), Value.percent(e.raised, e.raised)]),
         (str(ESCALATION_KIND_NAMES[EscalationKind.INFORMAL]), [Value.count(e.informal), Value.percent(e.informal, e.raised)]),
         (str(ESCALATION_KIND_NAMES[EscalationKind.FORMAL]), [Value.count(e.formal), Value.percent(e.formal, e.raised)]),
         (_("Still open"), [Value.count(e.still_open), Value.percent(e.still_open, e.raised)])],
        note=(_("Median time to resolve: %(days)s days.", days=format_number(e.median_days_to_resolve))
              if e.median_days_to_resolve is not None else _("None resolved in this period.")))
    by_category = FigureTable(
        "escalation_categories", _("Escalations by category"), _("Category"), [_("Number"), _("%")],
        [(str(CATEGORY_NAMES[EscalationCategory(share.code)]), [Value.count(share.count), Value.percent(share.count, e.raised)])
         for share in e.by_category], total=(_("All escalations"), [Value.count(e.raised), Value.percent(e.raised, e.raised)]),
        chart=True)
    by_stage = FigureTable(
        "escalation_stages", _("Escalations by the highest stage reached"), _("Stage"), [_("Number"), _("%")],
        [(str(STAGE_NAMES[EscalationStage(share.code)]), [Value.count(share.count), Value.percent(share.count, e.raised)])
         for share in e.by_highest_stage])
    by_outcome = FigureTable(
        "escalation_outcomes", _("Escalations by outcome"), _("Outcome"), [_("Number"), _("%")],
        [(str(OPEN_NAME if share.code == OPEN else ESCALATION_OUTCOME_NAMES[EscalationOutcome(share.code)]),
          [Value.count(share.count), Value.percent(share.count, e.raised)]) for share in e.by_outcome])
    return [summary, by_category, by_stage, by_outcome]


# ---- 6. Participation and advocacy -------------------------------------------------------------

def _language_name(code: str) -> str:
    try:
        name = Locale.parse(code).get_display_name(str(get_locale() or "en")) or code
    except (ValueError, TypeError):
        return code
    return name[:1].upper() + name[1:]


def consultation_tables(c: Counts) -> list[FigureTable]:
    found = c.consultations
    summary = FigureTable(
        "consultations", _("Young people's views sent before their review"), _("Reviews held"), [_("Number"), _("%")],
        [(_("Reviews held"), [Value.count(found.held), Value.percent(found.held, found.held)]),
         (_("Views sent before the review"), [Value.count(found.sent_before), Value.percent(found.sent_before, found.held)]),
         (_("Helped by a carer"), [Value.count(found.helped), Value.percent(found.helped, found.sent_before)])])
    by_band = FigureTable("consultations_by_age", _("Views sent before the review, by age band"), _("Age band"),
                          [_("Views sent")],
                          _count_rows((AGE_BAND_NAMES[band], found.by_band.get(band.value, 0)) for band in AgeBand),
                          total=(_("All ages"), [Value.count(found.sent_before)]), chart=True)
    languages = sorted(found.by_language.items(), key=lambda item: (-item[1], item[0]))
    by_language = FigureTable("consultations_by_language", _("Views sent before the review, by language"),
                              _("Language"), [_("Views sent")],
                              _count_rows((_language_name(code), number) for code, number in languages),
                              total=(_("All languages"), [Value.count(found.sent_before)]))
    return [summary, by_band, by_language]


def council_theme_tables(c: Counts) -> list[FigureTable]:
    themes = c.council_themes
    if themes is None:
        return []
    return [FigureTable("council_themes", _("What the Children in Care Council heard, by theme"), _("Theme"),
                        [_("Mentions")], _count_rows(themes), chart=True,
                        note=_("A contribution about two themes counts once for each."))]


def request_tables(c: Counts) -> list[FigureTable]:
    found = c.requests
    summary = FigureTable(
        "requests", _("Requests for an advocate or an Independent Visitor"), _("Service"),
        [_("Received"), _("Acknowledged in time"), _("% acknowledged in time"), _("Allocated in time"),
         _("% allocated in time")],
        [(str(SUPPORT_KIND_NAMES[kind]),
          [Value.count(found[kind.value].received), Value.count(found[kind.value].acknowledged_in_time),
           Value.percent(found[kind.value].acknowledged_in_time, found[kind.value].received),
           Value.count(found[kind.value].allocated_in_time),
           Value.percent(found[kind.value].allocated_in_time, found[kind.value].received)])
         for kind in SupportKind])
    outcomes = FigureTable(
        "request_outcomes", _("Requests by outcome"), _("Outcome"), [str(SUPPORT_KIND_NAMES[kind]) for kind in SupportKind],
        [(str(OUTCOME_NAMES[status]), [Value.count(found[kind.value].by_outcome[status.value]) for kind in SupportKind])
         for status in SupportStatus],
        total=(_("All requests"), [Value.count(found[kind.value].received) for kind in SupportKind]))
    return [summary, outcomes]


# ---- 7. Children in care reviews ---------------------------------------------------------------

def review_tables(c: Counts) -> list[FigureTable]:
    r = c.reviews
    timed = r.held - r.no_episode
    summary = FigureTable(
        "reviews", _("Reviews held, in timescale and how young people took part"), _("Reviews"), [_("Number"), _("%")],
        [(_("Reviews held"), [Value.count(r.held), Value.percent(r.held, r.held)]),
         (_("NI66: held in timescale"), [Value.count(r.in_time), Value.percent(r.in_time, timed)]),
         (_("Held late"), [Value.count(r.late), Value.percent(r.late, timed)]),
         (_("Timescale unknown (no care episode recorded)"), [Value.count(r.no_episode), Value.percent(r.no_episode, r.held)]),
         (_("C63: children aged 4 or over who took part (PN1 to PN6)"),
          [Value.count(r.participated), Value.percent(r.participated, r.aged_4_or_over)]),
         (_("Chaired by the young person"), [Value.count(r.chaired), Value.percent(r.chaired, r.held)]),
         (_("Co-chaired by the young person"), [Value.count(r.co_chaired), Value.percent(r.co_chaired, r.held)])],
        note=_("Percentages of reviews in timescale count the reviews whose care episode is recorded; participation "
               "counts reviews of children aged 4 or over."))
    reasons = [(LATENESS_NAMES[reason], r.late_by_reason.get(reason.value, 0)) for reason in LatenessReason]
    reasons.append((NOT_RECORDED_NAME, r.late_by_reason.get(counts.NOT_RECORDED, 0)))
    lateness = FigureTable("lateness", _("Why reviews were late"), _("Reason"), [_("Late reviews")],
                           _count_rows(reasons), total=(_("All late reviews"), [Value.count(r.late)]), chart=True)
    codes = [(PARTICIPATION_NAMES[code], r.by_code.get(code.value, 0)) for code in Participation if code != Participation.PN0]
    codes.append((NOT_RECORDED_NAME, r.by_code.get(counts.NOT_RECORDED, 0) + r.by_code.get(Participation.PN0.value, 0)))
    participation = FigureTable("participation", _("How children aged 4 or over took part in their review"),
                                _("Participation code"), [_("Reviews")], _count_rows(codes),
                                total=(_("Reviews of children aged 4 or over"), [Value.count(r.aged_4_or_over)]),
                                chart=True)
    return [summary, lateness, participation]


def letter_tables(c: Counts) -> list[FigureTable]:
    letters = c.letters
    return [FigureTable(
        "letters", _("Letters to young people after their review"), _("Letters"), [_("Number"), _("%")],
        [(_("Reviews held"), [Value.count(letters.held), Value.percent(letters.held, letters.held)]),
         (_("Letters published"), [Value.count(letters.published), Value.percent(letters.published, letters.held)]),
         (_("Published within 14 days"), [Value.count(letters.within_target), Value.percent(letters.within_target, letters.held)]),
         (_("Published within 20 working days"),
          [Value.count(letters.within_limit), Value.percent(letters.within_limit, letters.held)]),
         (_("Late (after 20 working days, or still not published)"),
          [Value.count(letters.late), Value.percent(letters.late, letters.held)]),
         (_("Not published yet, not late yet"), [Value.count(letters.not_due_yet), Value.percent(letters.not_due_yet, letters.held)])])]


# How each answer to "How was your review?" is counted: yes, partly, no, or neither (not there, not yet).
FEEDBACK_GROUPS = {"yes": "yes", "a_bit": "partly", "some": "partly", "no": "no", "not_there": "other", "not_yet": "other"}


def feedback_tables(c: Counts) -> list[FigureTable]:
    found = c.review_feedback
    rows = []
    for question in review_feedback.QUESTIONS:
        grouped = {"yes": 0, "partly": 0, "no": 0, "other": 0}
        for answer, number in found[question.key].items():
            grouped[FEEDBACK_GROUPS.get(answer, "other")] += number
        answered = sum(grouped.values())
        rows.append((str(question.prompt), [Value.count(grouped["yes"]), Value.count(grouped["partly"]),
                                            Value.count(grouped["no"]), Value.count(grouped["other"]),
                                            Value.count(answered), Value.percent(grouped["yes"], answered)]))
    return [FigureTable(
        "review_feedback", _("How was your review? What young people said afterwards"), _("Question"),
        [_("Yes"), _("Partly"), _("No"), _("Not there or not yet"), _("Answered"), _("% yes")], rows,
        note=_("Young people answer these quick questions after their review, if they want to. Nobody sees one "
               "young person's answers: only these counts."))]


def translation_tables(c: Counts) -> list[FigureTable]:
    asked = c.letter_translations
    note = None
    if asked.median_days is not None:
        note = _("Half of the translated letters were published within %(days)s days of being asked for (the median).",
                 days=format_decimal(asked.median_days, format="#,##0.#"))
    return [FigureTable(
        "letter_translations", _("Letters asked for in the young person's language"), _("Letters"),
        [_("Number"), _("%")],
        [(_("Asked for"), [Value.count(asked.requested), Value.percent(asked.requested, asked.requested)]),
         (_("Translated and published"),
          [Value.count(asked.translated), Value.percent(asked.translated, asked.requested)])],
        note=note)]


# In the seed report's order: 3. The IRO service, 5. Themes and escalations, 6. Participation and advocacy,
# 7. Children in care reviews.
SECTION_BUILDERS = {
    "iro_service": [caseload_tables],
    "themes_and_escalations": [escalation_tables, flag_tables],
    "participation_and_advocacy": [consultation_tables, council_theme_tables, request_tables],
    "reviews": [review_tables, feedback_tables, letter_tables, translation_tables],
}


def section_headings() -> dict[str, str]:
    return {"iro_service": _("The IRO service"), "themes_and_escalations": _("Themes and escalations"),
            "participation_and_advocacy": _("Participation and advocacy"), "reviews": _("Children in care reviews")}


def sections(found: Counts) -> list[Section]:
    """Every section with its tables for these counts, in the report's order."""
    headings = section_headings()
    return [Section(key, headings.get(key, key), [table for build in builders for table in build(found)])
            for key, builders in SECTION_BUILDERS.items()]
