"""Who may use each route: the one place where route access is declared and enforced.

Every view carries exactly one rule (`public`, `signed_in`, or `allow(*roles)`);
tests walk `app.url_map` and fail on any view without one. Rules about *whose*
objects a person may touch live in `portal.security.policy`.
"""

from dataclasses import dataclass
from functools import wraps

from flask import abort
from flask_login import current_user

from portal.extensions import login_manager
from portal.models.people import Role


@dataclass(frozen=True)
class Rule:
    """Who may use a route: anyone, anyone signed in, or signed-in people with these roles."""

    needs_sign_in: bool
    roles: frozenset[Role] | None = None

    def admits(self, user) -> bool:
        if not self.needs_sign_in:
            return True
        if not user.is_authenticated:
            return False
        return self.roles is None or user.role in self.roles


def _declare(rule):
    def decorator(view):
        if hasattr(view, "access_rule"):
            raise TypeError(f"{view.__name__} already declares an access rule")

        @wraps(view)
        def guarded(*args, **kwargs):
            if rule.needs_sign_in and not current_user.is_authenticated:
                return login_manager.unauthorized()
            if not rule.admits(current_user):
                abort(403)
            return view(*args, **kwargs)

        guarded.access_rule = rule
        return guarded

    return decorator


public = _declare(Rule(needs_sign_in=False))
signed_in = _declare(Rule(needs_sign_in=True))


def allow(*roles: Role):
    """Only signed-in people with one of these roles."""
    return _declare(Rule(needs_sign_in=True, roles=frozenset(roles)))


def rule_for(view):
    """The declared rule of a view function, or None."""
    return getattr(view, "access_rule", None)
