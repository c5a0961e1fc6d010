"""Reports of a wrong sentence in a translation: which language, which page, which string. No one's name."""

from sqlalchemy import String, Text
from sqlalchemy.orm import Mapped, mapped_column

from portal.models.base import Base, CreatedAt


class TranslationReport(CreatedAt, Base):
    """A reader's report that a sentence in their language is wrong.

    It keeps no user and no address: anyone may report, signed in or not, and the admin needs only
    the language, the page and the string to pass to a translator.
    """

    __tablename__ = "translation_reports"

    id: Mapped[int] = mapped_column(primary_key=True)
    locale: Mapped[str] = mapped_column(String(12))
    page: Mapped[str] = mapped_column(String(300))
    string_id: Mapped[str | None] = mapped_column(Text)  # the msgid, when the words were found in the catalog
    words: Mapped[str] = mapped_column(Text)
    suggestion: Mapped[str | None] = mapped_column(Text)
