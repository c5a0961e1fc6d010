"""Models, one module per aggregate; importing this package registers them all."""

from portal.models.accounts import PasswordReset, RecoveryCode, ResetKind
from portal.models.audit import AuditEvent
from portal.models.base import Base
from portal.models.care import CareEpisode, CarerLink, LegalStatus
from portal.models.consultations import (
    Addition,
    Answer,
    Consultation,
    ConsultationStatus,
    FlagAction,
    FlagActionKind,
    HelpSession,
    SafetyFlag,
)
from portal.models.contact import ContactPreference, ReviewReminder
from portal.models.data_rights import Correction, CorrectionOutcome
from portal.models.escalations import (
    Escalation,
    EscalationCategory,
    EscalationKind,
    EscalationOutcome,
    EscalationStage,
    EscalationStep,
)
from portal.models.feedback import ReviewFeedback
from portal.models.invitations import Invitation
from portal.models.kept_forms import KeptForm
from portal.models.letters import (
    Decision,
    DecisionAnswer,
    DecisionResponse,
    DecisionStatus,
    DecisionUpdate,
    LetterSharing,
    LetterStatus,
    LetterTranslation,
    LetterVersion,
    ReviewLetter,
    TranslationStatus,
)
from portal.models.outbox import OutboxMessage, OutboxStatus
from portal.models.passkeys import Passkey
from portal.models.people import Organisation, OrganisationKind, Role, User
from portal.models.reviews import (
    LatenessReason,
    MidwayAnswer,
    MidwayCheck,
    Participation,
    Recommendation,
    Review,
    ReviewRequest,
)
from portal.models.support import SupportEvent, SupportRequest, SupportStatus
from portal.models.translation_reports import TranslationReport
from portal.models.voice import (
    AnswerType,
    Campaign,
    Contribution,
    ContributionTheme,
    CouncilPermission,
    CouncilSubmission,
    CouncilTheme,
    CouncilThemeName,
    CouncilUpdate,
    Moderation,
    MyContribution,
    QueuedContribution,
    Source,
)
from portal.models.young_people import AgeBand, YoungPerson

__all__ = [
    "ReviewFeedback",
    "Escalation", "EscalationCategory", "EscalationKind", "EscalationOutcome", "EscalationStage", "EscalationStep",
    "Decision", "DecisionAnswer", "DecisionResponse", "DecisionStatus", "DecisionUpdate", "LetterSharing",
    "LetterStatus", "LetterTranslation", "LetterVersion", "ReviewLetter", "TranslationStatus",
    "Addition", "Answer", "Consultation", "ConsultationStatus", "FlagAction", "FlagActionKind", "HelpSession",
    "SafetyFlag",
    "AgeBand", "AuditEvent", "Base", "CareEpisode", "CarerLink", "LatenessReason", "LegalStatus", "Participation",
    "MidwayAnswer", "MidwayCheck", "Recommendation", "ReviewRequest", "Invitation", "KeptForm",
    "Organisation", "OrganisationKind", "Review", "Role", "User", "YoungPerson",
    "OutboxMessage", "OutboxStatus", "SupportEvent", "SupportRequest", "SupportStatus", "TranslationReport",
    "ContactPreference", "ReviewReminder",
    "AnswerType", "Campaign", "Contribution", "ContributionTheme", "CouncilPermission", "CouncilSubmission", "CouncilTheme",
    "CouncilThemeName",
    "PasswordReset", "RecoveryCode", "ResetKind", "Passkey",
    "CouncilUpdate", "Moderation", "MyContribution", "QueuedContribution", "Source",
    "Correction", "CorrectionOutcome",
]
