"""Translated names for the council's stored codes: age bands, sources, moderation, answer types, the scale."""

from flask_babel import lazy_gettext as _l

from portal.core.charts import SUPPRESSED_NAMES  # noqa: F401 (one wording for every published figure)
from portal.models import AgeBand, AnswerType, Moderation, Source

AGE_BAND_NAMES = {
    AgeBand.UNDER_8: _l("4 to 7"),
    AgeBand.FROM_8: _l("8 to 11"),
    AgeBand.FROM_12: _l("12 to 15"),
    AgeBand.FROM_16: _l("16 and over"),
}

SOURCE_NAMES = {
    Source.CONSULTATION: _l("Shared from a review form"),
    Source.DIRECT: _l("Told the council"),
    Source.CAMPAIGN: _l("Answer to a campaign"),
}

# What a young person sees about their own words.
MY_STATUS_NAMES = {
    Moderation.PENDING: _l("Waiting to be checked. It is already counted in the council's figures."),
    Moderation.APPROVED: _l("Checked. The council can read these words, as shown below."),
    Moderation.REJECTED: _l("Counted in the council's figures, but the words will not be shown to the council."),
    Moderation.NO_TEXT: _l("Counted in the council's figures. There were no words to show."),
}

ANSWER_TYPE_NAMES = {
    AnswerType.CHOICE: _l("Choose one answer from a list"),
    AnswerType.SCALE: _l("Say how much they agree, on a scale of 5"),
    AnswerType.TEXT: _l("Write an answer in their own words"),
}

# The agreement scale of a campaign, strongest first; stored as "5" (strongly agree) to "1".
SCALE = (
    ("5", _l("Strongly agree")),
    ("4", _l("Agree")),
    ("3", _l("Not sure")),
    ("2", _l("Disagree")),
    ("1", _l("Strongly disagree")),
)

REDACTION_KIND_NAMES = {
    "name": _l("possibly a name"),
    "phone": _l("possibly a phone number"),
    "email": _l("possibly an email address"),
    "postcode": _l("possibly a postcode"),
    "place": _l("possibly a place"),
}
