"""The Children in Care Council's side: anonymous contributions, the young person's sealed list of
what they shared, campaigns, "You said, we did" updates, themes and council permissions.

Anonymity is designed into these tables (the threat model is in portal/voice/__init__.py):

- `contributions` holds no account, young person, consultation or answer id, and no timestamp:
  only the month (`period`, the 1st of the month), age band, language, source, theme(s), the words
  (encrypted) and their moderation. Its key is a random token, so neither URLs nor key order say
  who or when. That is why these models do not use the CreatedAt mixin.
- `my_contributions` is the young person's side: which contributions are theirs, with the
  contribution's token *sealed* (Fernet-encrypted with a random IV, so equal tokens never look
  equal and the column can neither be joined to `contributions` nor searched). There is
  deliberately no foreign key from it to `contributions`.
- `council_queue` is where what a young person shares waits, as one encrypted, unlabelled payload,
  until the mixing job (portal/voice/mixing.py) turns a batch from several young people into
  contributions and sealed rows, each in shuffled order and in separate transactions.
- `council_submissions` stops a double tap storing a form twice: it keeps only a keyed digest of the
  form's random value, never the value, and nothing about who sent it.
"""

import enum
import secrets
from datetime import date

from sqlalchemy import Date, ForeignKey, Index, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from portal.models.base import Base, CreatedAt, str_enum
from portal.models.encryption import EncryptedText
from portal.models.young_people import AgeBand

TOKEN_LENGTH = 22
# A contribution's words are padded before encryption to one of a few sizes (in bytes), so that the
# length of the stored text cannot match it to the same words elsewhere (a shared review answer is
# also stored, encrypted, in the young person's form).
PAD_SIZES = (512, 1024, 2048, 4096, 8192)
_PAD_MARK = "\x1f"


class PaddedEncryptedText(EncryptedText):
    """Encrypted text whose stored length only says which of PAD_SIZES it fits in."""

    cache_ok = True

    def process_bind_param(self, value, dialect):
        if value is None:
            return None
        size = len(value.encode("utf-8")) + 1
        target = next((limit for limit in PAD_SIZES if size <= limit), size)
        return super().process_bind_param(value + _PAD_MARK + " " * (target - size), dialect)

    def process_result_value(self, value, dialect):
        plain = super().process_result_value(value, dialect)
        if plain is None or _PAD_MARK not in plain:  # written before padding
            return plain
        words, _mark, padding = plain.rpartition(_PAD_MARK)
        return words if not padding.strip(" ") else plain


def new_token() -> str:
    """A random, URL-safe 22-character key (128 bits): it says nothing about who or when."""
    return secrets.token_urlsafe(16)


class Source(enum.StrEnum):
    """Where a contribution came from."""

    CONSULTATION = "consultation"
    DIRECT = "direct"
    CAMPAIGN = "campaign"


class Moderation(enum.StrEnum):
    """Where a contribution's words are in moderation; NO_TEXT for a choice with no words (counted, never quoted)."""

    PENDING = "pending"
    APPROVED = "approved"
    REJECTED = "rejected"
    NO_TEXT = "no_text"


class Contribution(Base):
    """One anonymous contribution to the council: themes, month, age band, language, words."""

    __tablename__ = "contributions"
    __table_args__ = (
        # The moderation queue and the quotes: by status, then period, then the random token.
        Index("ix_contributions_status_period_token", "status", "period", "token"),
        Index("ix_contributions_campaign_id_answer", "campaign_id", "answer"),
    )

    token: Mapped[str] = mapped_column(String(TOKEN_LENGTH), primary_key=True, default=new_token)
    source: Mapped[Source] = mapped_column(str_enum(Source, 20))
    campaign_id: Mapped[int | None] = mapped_column(ForeignKey("campaigns.id"))
    period: Mapped[date] = mapped_column(Date)
    age_band: Mapped[AgeBand] = mapped_column(str_enum(AgeBand, 10))
    language: Mapped[str] = mapped_column(String(10))
    text = mapped_column(PaddedEncryptedText, nullable=True)
    redacted = mapped_column(EncryptedText, nullable=True)
    status: Mapped[Moderation] = mapped_column(str_enum(Moderation, 20))
    # A campaign's choice or scale answer ("1", "2", ...); None otherwise.
    answer: Mapped[str | None] = mapped_column(String(20))


class ContributionTheme(Base):
    """A theme of a contribution. Period and age band are copied here so counting reads this table alone."""

    __tablename__ = "contribution_themes"
    __table_args__ = (
        Index("ix_contribution_themes_period_theme_age_band", "period", "theme", "age_band"),
    )

    contribution_token: Mapped[str] = mapped_column(
        ForeignKey("contributions.token", ondelete="CASCADE"), primary_key=True)
    theme: Mapped[str] = mapped_column(String(40), primary_key=True)
    period: Mapped[date] = mapped_column(Date)
    age_band: Mapped[AgeBand] = mapped_column(str_enum(AgeBand, 10))


class MyContribution(Base):
    """The young person's own record that a contribution is theirs: the token, sealed. Read only by them."""

    __tablename__ = "my_contributions"

    id: Mapped[str] = mapped_column(String(TOKEN_LENGTH), primary_key=True, default=new_token)
    young_person_id: Mapped[int] = mapped_column(ForeignKey("young_people.id"), index=True)
    sealed = mapped_column(EncryptedText, nullable=False)


class QueuedContribution(Base):
    """Something a young person shared, waiting to be mixed into a batch: one encrypted payload, nothing else."""

    __tablename__ = "council_queue"

    token: Mapped[str] = mapped_column(String(TOKEN_LENGTH), primary_key=True, default=new_token)
    # JSON (portal/voice/queue.py): whose it is and what to make of it. No plain column may say either.
    payload = mapped_column(EncryptedText, nullable=False)


class CouncilSubmission(Base):
    """A form already sent to the council (a keyed digest of its random value), so a double tap is stored once."""

    __tablename__ = "council_submissions"

    digest: Mapped[str] = mapped_column(String(64), primary_key=True)


class CouncilPermission(Base):
    """What a council account may do beyond seeing figures and approved quotes."""

    __tablename__ = "council_permissions"

    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"), primary_key=True)
    can_moderate: Mapped[bool] = mapped_column(default=False)
    can_run_campaigns: Mapped[bool] = mapped_column(default=False)


class CouncilTheme(Base):
    """A theme's settings: built-in themes (named in code, translated) and themes an admin added."""

    __tablename__ = "council_themes"

    key: Mapped[str] = mapped_column(String(40), primary_key=True)
    offered: Mapped[bool] = mapped_column(default=True)
    position: Mapped[int] = mapped_column(default=0)


class CouncilThemeName(Base):
    """The name of a theme an admin added, in one language."""

    __tablename__ = "council_theme_names"
    __table_args__ = (UniqueConstraint("theme_key", "locale"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    theme_key: Mapped[str] = mapped_column(ForeignKey("council_themes.key"))
    locale: Mapped[str] = mapped_column(String(10))
    name = mapped_column(EncryptedText, nullable=False)


class AnswerType(enum.StrEnum):
    """How young people answer a campaign."""

    CHOICE = "choice"
    SCALE = "scale"
    TEXT = "text"


class Campaign(CreatedAt, Base):
    """A question the council asks young people, open between two dates, in the languages it was offered in."""

    __tablename__ = "campaigns"

    id: Mapped[int] = mapped_column(primary_key=True)
    title = mapped_column(EncryptedText, nullable=False)
    question = mapped_column(EncryptedText, nullable=False)
    answer_type: Mapped[AnswerType] = mapped_column(str_enum(AnswerType, 10))
    # For a choice: one choice per line.
    choices = mapped_column(EncryptedText, nullable=True)
    themes: Mapped[str] = mapped_column(String(400))  # theme keys, comma-separated
    written_in: Mapped[str] = mapped_column(String(10))
    languages: Mapped[str] = mapped_column(String(200))  # locale codes, comma-separated
    opens_on: Mapped[date] = mapped_column(Date)
    closes_on: Mapped[date] = mapped_column(Date)
    closed: Mapped[bool] = mapped_column(default=False)
    created_by_id: Mapped[int] = mapped_column(ForeignKey("users.id"))

    @property
    def theme_keys(self) -> list[str]:
        return [key for key in self.themes.split(",") if key]

    @property
    def language_codes(self) -> list[str]:
        return [code for code in self.languages.split(",") if code]

    @property
    def choice_list(self) -> list[str]:
        return [line.strip() for line in (self.choices or "").splitlines() if line.strip()]


class CouncilUpdate(CreatedAt, Base):
    """"You said, we did": what young people said, and what the council did about it."""

    __tablename__ = "council_updates"

    id: Mapped[int] = mapped_column(primary_key=True)
    you_said = mapped_column(EncryptedText, nullable=False)
    we_did = mapped_column(EncryptedText, nullable=False)
    themes: Mapped[str] = mapped_column(String(400))  # theme keys, comma-separated
    posted_by_id: Mapped[int] = mapped_column(ForeignKey("users.id"))

    @property
    def theme_keys(self) -> list[str]:
        return [key for key in self.themes.split(",") if key]
