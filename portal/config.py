"""Settings read from the environment, one class per environment."""

import os
import shlex
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

# Locale code -> (native name, text direction). Only languages whose catalog is
# complete are listed; translations/README.md says how to add one.
LANGUAGES = {
    "en": ("English", "ltr"),
    "ar": ("العربية", "rtl"),
    "es": ("Español", "ltr"),
    "fa": ("فارسی (دری)", "rtl"),
    "ps": ("پښتو", "rtl"),
    "ckb": ("کوردی (سۆرانی)", "rtl"),
    "ti": ("ትግርኛ", "ltr"),
    "so": ("Soomaali", "ltr"),
    "sq": ("Shqip", "ltr"),
    "vi": ("Tiếng Việt", "ltr"),
    "fr": ("Français", "ltr"),
    "pt": ("Português", "ltr"),
    "pl": ("Polski", "ltr"),
}


def _keys(value):
    return [k.strip() for k in (value or "").split(",") if k.strip()]


class Config:
    """Defaults shared by every environment."""

    ENV_NAME = "development"
    SECRET_KEY = os.environ.get("SECRET_KEY")
    DATABASE_URL = os.environ.get(
        "DATABASE_URL", f"sqlite:///{ROOT / 'instance' / 'portal.sqlite3'}"
    )
    ENCRYPTION_KEYS = _keys(os.environ.get("ENCRYPTION_KEYS"))
    REDIS_URL = os.environ.get("REDIS_URL")
    SERVICE_NAME = os.environ.get("SERVICE_NAME", "Have Your Say")
    EXIT_URL = os.environ.get("EXIT_URL", "https://www.bbc.co.uk/weather")
    PUBLIC_URL = os.environ.get("PUBLIC_URL", "http://127.0.0.1:5000")
    # The council's out-of-hours (emergency duty) social work number, on "Get help now" when set.
    DUTY_PHONE = os.environ.get("DUTY_PHONE") or None
    # Who council moderators tell about worrying words (name, phone, email), shown on the moderation page.
    RIGHTS_WORKER_CONTACT = os.environ.get("RIGHTS_WORKER_CONTACT") or None

    TRANSLATION_REPORT_LIMIT = os.environ.get("TRANSLATION_REPORT_LIMIT", "20 per hour")
    # A council can stop offering a language (HIDDEN_LANGUAGES=ps,ti), for example while its catalog
    # waits for a fluent reviewer (portal.i18n removes them when the app starts). English is always offered.
    HIDDEN_LANGUAGES = _keys(os.environ.get("HIDDEN_LANGUAGES"))
    LANGUAGES = LANGUAGES
    BABEL_DEFAULT_LOCALE = "en"
    BABEL_DEFAULT_TIMEZONE = os.environ.get("TIMEZONE", "Europe/London")
    BABEL_TRANSLATION_DIRECTORIES = str(ROOT / "translations")

    # How many reverse proxies (load balancer, TLS terminator) sit in front and set X-Forwarded-For/-Proto.
    # Sign-in throttling per address needs the real address, so set this in production.
    TRUSTED_PROXIES = int(os.environ.get("TRUSTED_PROXIES", "0"))
    IDLE_MINUTES = int(os.environ.get("IDLE_MINUTES", "30"))
    IDLE_WARNING_MINUTES = 2
    INVITATION_DAYS = 14
    # The letter after a review: due this many calendar days after it (the target), and never later
    # than this many working days; "due soon" this many days before the target.
    LETTER_TARGET_DAYS = int(os.environ.get("LETTER_TARGET_DAYS", "14"))
    LETTER_LATEST_WORKING_DAYS = int(os.environ.get("LETTER_LATEST_WORKING_DAYS", "20"))
    LETTER_DUE_SOON_DAYS = int(os.environ.get("LETTER_DUE_SOON_DAYS", "3"))

    # Support requests: the service should acknowledge, then allocate, within these many working days.
    SUPPORT_ACKNOWLEDGE_WORKING_DAYS = int(os.environ.get("SUPPORT_ACKNOWLEDGE_WORKING_DAYS", "1"))
    SUPPORT_ALLOCATE_WORKING_DAYS = int(os.environ.get("SUPPORT_ALLOCATE_WORKING_DAYS", "5"))
    # Escalations: each stage (team manager, service manager...) should answer within this many working days.
    ESCALATION_RESPONSE_WORKING_DAYS = int(os.environ.get("ESCALATION_RESPONSE_WORKING_DAYS", "5"))
    # Safety flags: urgent ones raised outside working hours (weekends and bank holidays in England too)
    # are also told, with no content, to the duty contact.
    DUTY_EMAIL = os.environ.get("DUTY_EMAIL")
    WORKING_HOURS = os.environ.get("WORKING_HOURS", "09:00-17:00")
    # Email, sent only by the `send-notifications` worker from the outbox.
    SMTP_HOST = os.environ.get("SMTP_HOST", "127.0.0.1")
    SMTP_PORT = int(os.environ.get("SMTP_PORT", "25"))
    SMTP_USERNAME = os.environ.get("SMTP_USERNAME")
    SMTP_PASSWORD = os.environ.get("SMTP_PASSWORD")
    SMTP_STARTTLS = os.environ.get("SMTP_STARTTLS", "").lower() in ("1", "true", "yes", "on")
    SMTP_TIMEOUT = int(os.environ.get("SMTP_TIMEOUT", "30"))
    MAIL_FROM = os.environ.get("MAIL_FROM", "no-reply@localhost")
    # GOV.UK Notify, for text messages when a key is set, and for emails instead of SMTP when the email template
    # is set too. The templates are made once in the council's Notify account: email subject ((subject)), body
    # ((body)); text ((body)).
    NOTIFY_API_KEY = os.environ.get("NOTIFY_API_KEY") or None
    NOTIFY_BASE_URL = os.environ.get("NOTIFY_BASE_URL", "https://api.notifications.service.gov.uk")
    NOTIFY_EMAIL_TEMPLATE_ID = os.environ.get("NOTIFY_EMAIL_TEMPLATE_ID")
    NOTIFY_SMS_TEMPLATE_ID = os.environ.get("NOTIFY_SMS_TEMPLATE_ID")
    NOTIFY_TIMEOUT = int(os.environ.get("NOTIFY_TIMEOUT", "10"))
    OUTBOX_MAX_ATTEMPTS = int(os.environ.get("OUTBOX_MAX_ATTEMPTS", "12"))  # 1, 2, 4 ... 60 minutes apart
    OUTBOX_BACKOFF_SECONDS = int(os.environ.get("OUTBOX_BACKOFF_SECONDS", "60"))
    OUTBOX_BACKOFF_MAX_SECONDS = int(os.environ.get("OUTBOX_BACKOFF_MAX_SECONDS", "3600"))
    # Safety messages retry at least this often, for a day of tries, whatever the back-off of others.
    OUTBOX_URGENT_RETRY_SECONDS = int(os.environ.get("OUTBOX_URGENT_RETRY_SECONDS", "60"))
    OUTBOX_URGENT_MAX_ATTEMPTS = int(os.environ.get("OUTBOX_URGENT_MAX_ATTEMPTS", "1440"))
    OUTBOX_LEASE_SECONDS = int(os.environ.get("OUTBOX_LEASE_SECONDS", "300"))
    # Council anonymity (portal/voice/mixing.py): what young people share waits in an encrypted queue and is
    # moved into the council's tables, shuffled, only once it holds entries from this many different young people.
    COUNCIL_MIX_MIN_PEOPLE = int(os.environ.get("COUNCIL_MIX_MIN_PEOPLE", "5"))
    # Retention (portal/records/retention.py): once a young person has left care, their records are kept until
    # this birthday, or this many years after they left care if that is later; then `flask retention --apply`
    # removes them. The statutory case record lives in the council's case system, not here.
    RETENTION_UNTIL_AGE = int(os.environ.get("RETENTION_UNTIL_AGE", "25"))
    RETENTION_YEARS_AFTER_CARE = int(os.environ.get("RETENTION_YEARS_AFTER_CARE", "0"))
    MAX_CONTENT_LENGTH = int(os.environ.get("MAX_CONTENT_LENGTH", str(256 * 1024)))

    SESSION_COOKIE_NAME = "hys_session"
    SESSION_COOKIE_HTTPONLY = True
    SESSION_COOKIE_SAMESITE = "Lax"
    SESSION_COOKIE_SECURE = False
    # CSRF failures are handled by our own handler so that nothing typed is lost;
    # the token lives as long as the session rather than a fixed hour.
    WTF_CSRF_TIME_LIMIT = None
    WTF_CSRF_CHECK_DEFAULT = False

    PASSWORD_HASH_PROFILE = "RFC_9106_LOW_MEMORY"
    # Wrong passwords slow down, per account and address, rather than lock (portal/core/sign_in_delays.py):
    # after this many failures each one makes the next try wait 1, 2, 4 ... seconds, up to the cap.
    SIGN_IN_FREE_FAILURES = int(os.environ.get("SIGN_IN_FREE_FAILURES", "3"))
    SIGN_IN_DELAY_CAP_SECONDS = int(os.environ.get("SIGN_IN_DELAY_CAP_SECONDS", "60"))
    SIGN_IN_FAILURE_WINDOW_SECONDS = int(os.environ.get("SIGN_IN_FAILURE_WINDOW_SECONDS", "900"))
    SIGN_IN_LIMIT_PER_ADDRESS = os.environ.get("SIGN_IN_LIMIT_PER_ADDRESS", "30 per 15 minutes")
    JOIN_LIMIT_PER_ADDRESS = os.environ.get("JOIN_LIMIT_PER_ADDRESS", "20 per 15 minutes")
    RESET_LIMIT_PER_ADDRESS = os.environ.get("RESET_LIMIT_PER_ADDRESS", "20 per 15 minutes")
    # A young person's or carer's reset code works for this long; a staff member's emailed link for far less.
    RESET_CODE_HOURS = int(os.environ.get("RESET_CODE_HOURS", "24"))
    RESET_LINK_MINUTES = int(os.environ.get("RESET_LINK_MINUTES", "15"))
    # Two-step sign-in for staff: "required" (set up at first sign-in) or "optional" (staff may turn it on).
    STAFF_TWO_FACTOR = os.environ.get("STAFF_TWO_FACTOR", "optional")

    COMPRESS_MIMETYPES = ["text/html", "text/css", "text/javascript", "application/javascript", "image/svg+xml", "text/csv"]
    COMPRESS_ALGORITHM = ["br", "gzip"]
    COMPRESS_MIN_SIZE = 500

    @property
    def RATELIMIT_STORAGE_URI(self):  # noqa: N802 (Flask setting name)
        return self.REDIS_URL or "memory://"

    # Redis down must never stop a child signing in: the limits fall back to counting in each
    # process (Flask-Limiter logs a warning) and go back to Redis when it answers again. A Redis that
    # hangs costs a sign-in at most 2 s (a refused connection fails at once); shorter timeouts would
    # send a busy but healthy Redis to the fallback, and the workers would count apart.
    RATELIMIT_IN_MEMORY_FALLBACK_ENABLED = True
    RATELIMIT_SWALLOW_ERRORS = True
    RATELIMIT_STORAGE_OPTIONS = {"socket_connect_timeout": 2, "socket_timeout": 2}

    SEND_FILE_MAX_AGE_DEFAULT = 365 * 24 * 3600  # static URLs carry a content fingerprint
    HSTS = False
    DEBUG = False
    TESTING = False


class DevelopmentConfig(Config):
    """Local development: a fixed, visibly unsafe key so the portal starts with no set-up."""

    SECRET_KEY = os.environ.get("SECRET_KEY", "dev-only-not-secret")
    # A folder built by `flask i18n pseudo`: offers the pseudo-locale (never in production).
    PSEUDO_LOCALE_DIR = os.environ.get("PSEUDO_LOCALE_DIR")
    ENCRYPTION_KEYS = _keys(os.environ.get("ENCRYPTION_KEYS")) or [
        "ZGV2LW9ubHktbm90LXNlY3JldC1lbmNyeXB0aW9uLWs="
    ]


class TestConfig(DevelopmentConfig):
    """The test suite: a throwaway database and no throttling between tests."""

    ENV_NAME = "test"
    TESTING = True
    RATELIMIT_STORAGE_URI = "memory://"
    PASSWORD_HASH_PROFILE = "CHEAPEST"


class ProductionConfig(Config):
    """Production: refuses to start without its secrets (see validate)."""

    ENV_NAME = "production"
    SESSION_COOKIE_SECURE = True
    HSTS = True
    STAFF_TWO_FACTOR = os.environ.get("STAFF_TWO_FACTOR", "required")

    def validate(self):
        """Raise if a secret the service cannot run safely without is missing."""
        if not self.SECRET_KEY or len(self.SECRET_KEY) < 32:
            raise RuntimeError("SECRET_KEY must be set to at least 32 random characters.")
        if not self.ENCRYPTION_KEYS:
            raise RuntimeError("ENCRYPTION_KEYS must be set (comma-separated Fernet keys, newest first).")
        if os.environ.get("FLASK_DEBUG", "").lower() not in ("", "0", "false", "no"):
            raise RuntimeError("FLASK_DEBUG must not be set in production: the debugger runs any code.")
        if self.STAFF_TWO_FACTOR not in ("required", "optional"):
            raise RuntimeError('STAFF_TWO_FACTOR must be "required" or "optional".')
        workers = worker_count(os.environ, sys.argv)
        if workers > 1 and not self.REDIS_URL:
            raise RuntimeError(
                f"REDIS_URL must be set when more than one worker runs ({workers} configured by WEB_CONCURRENCY or "
                "GUNICORN_CMD_ARGS): without it each worker counts sign-in failures on its own, so the limits "
                "are multiplied by the number of workers.")


def worker_count(environ, argv=()) -> int:
    """The number of web workers asked for: WEB_CONCURRENCY, or gunicorn's --workers/-w in GUNICORN_CMD_ARGS
    or on gunicorn's own command line (this process's, when gunicorn started it)."""
    counts = [1]
    if (environ.get("WEB_CONCURRENCY") or "").strip().isdigit():
        counts.append(int(environ["WEB_CONCURRENCY"].strip()))
    try:
        words = shlex.split(environ.get("GUNICORN_CMD_ARGS") or "")
    except ValueError:
        words = []
    if argv and os.path.basename(argv[0]).startswith("gunicorn"):
        words += list(argv[1:])
    for index, word in enumerate(words):
        value = None
        if word in ("-w", "--workers") and index + 1 < len(words):
            value = words[index + 1]
        elif word.startswith("--workers="):
            value = word.partition("=")[2]
        elif word.startswith("-w") and len(word) > 2:
            value = word[2:]
        if value and value.isdigit():
            counts.append(int(value))
    return max(counts)


CONFIGS = {"development": DevelopmentConfig, "test": TestConfig, "production": ProductionConfig}


def load(name=None):
    """Return the config object named by argument or by PORTAL_ENV (default development)."""
    name = name or os.environ.get("PORTAL_ENV", "development")
    config = CONFIGS[name]()
    if hasattr(config, "validate"):
        config.validate()
    return config
