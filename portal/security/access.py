"""Who may use each route: the one place where route access is declared and enforced.

Every view carries exactly one rule (`public`, `signed_in`, or `allow(*roles)`);
tests walk `app.url_map` and fail on any view without one. Rules about *whose*
objects a person may touch live in `portal.security.policy`.
"""

from dataclasses import dataclass
from functools import wraps

from flask import abort, current_app
from flask_login import current_user

from portal.core.refusals import refuse
from portal.extensions import login_manager
from portal.models.people import Role
from portal.security.policy import council_permission


@dataclass(frozen=True)
class Rule:
    """Who may use a route: anyone, anyone signed in, or signed-in people with these roles.

    `council_permission` ("can_moderate" or "can_run_campaigns") is what a council account also needs,
    granted by an admin; `refusal` is the message a signed-in person without it is shown (403).
    """

    needs_sign_in: bool
    roles: frozenset[Role] | None = None
    council_permission: str | None = None
    refusal: object = None

    def admits(self, user) -> bool:
        if not self.needs_sign_in:
            return True
        if not user.is_authenticated:
            return False
        if self.roles is not None and user.role not in self.roles:
            return False
        if self.council_permission and user.role == Role.COUNCIL:
            permission = council_permission(user)
            return bool(permission and getattr(permission, self.council_permission))
        return True


def _declare(rule):
    def decorator(view):
        if hasattr(view, "access_rule"):
            raise TypeError(f"{view.__name__} already declares an access rule")

        @wraps(view)
        def guarded(*args, **kwargs):
            if rule.needs_sign_in and not current_user.is_authenticated:
                return login_manager.unauthorized()
            if not rule.admits(current_user):
                if rule.refusal is not None:
                    refuse(403, str(rule.refusal))
                abort(403)
            return view(*args, **kwargs)

        guarded.access_rule = rule
        return guarded

    return decorator


public = _declare(Rule(needs_sign_in=False))
signed_in = _declare(Rule(needs_sign_in=True))


def allow(*roles: Role, council_permission: str | None = None, refusal=None):
    """Only signed-in people with one of these roles (council accounts: with this permission too)."""
    return _declare(Rule(needs_sign_in=True, roles=frozenset(roles), council_permission=council_permission,
                         refusal=refusal))


def rule_for(view):
    """The declared rule of a view function, or None."""
    return getattr(view, "access_rule", None)


def may_use(endpoint) -> bool:
    """Whether the signed-in person may use a route, by its declared rule: templates ask this before showing a link."""
    rule = rule_for(current_app.view_functions.get(endpoint))
    return rule is not None and rule.admits(current_user)
