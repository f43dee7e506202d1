import datetime as dt
import hashlib
import secrets

from django.conf import settings
from django.contrib.auth.models import AbstractUser, UserManager
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.crypto import constant_time_compare, get_random_string, salted_hmac
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _

from lib.vntext import fold, search_terms

from .roles import TWO_FACTOR_ROLES, UNIT_ROLES, Role
from .scope import cached_scope

__all__ = ["TWO_FACTOR_ROLES", "UNIT_ROLES", "ApiToken", "Role", "RoleGrant", "TwoFactorInvitation", "User"]


class UserQuerySet(models.QuerySet):
    def search(self, query: str | None):
        """Accounts whose username, names, e-mail or linked person match every word, accent-insensitively.

        The fold happens in Python over a narrow values list (usernames and names have no folded column).
        """
        terms = search_terms(query)
        if not terms:
            return self
        rows = self.values_list("pk", "username", "first_name", "last_name", "email", "person__search_text")
        found = [pk for pk, *texts in rows if all(t in fold(" ".join(filter(None, texts))) for t in terms)]
        return self.filter(pk__in=found)

    def holding(self, role, *, agency=None, unit=None):
        """Active accounts with an active grant of `role` (or of one of several roles) in `agency` and/or
        `unit` (a unit, or several), each once, by id. All the conditions hold for one and the same grant."""
        roles = [role] if isinstance(role, str) else list(role)
        grant = {"role_grants__role__in": roles, "role_grants__revoked_at__isnull": True}
        if agency is not None:
            grant["role_grants__agency"] = agency
        if isinstance(unit, models.Model):
            grant["role_grants__unit"] = unit
        elif unit is not None:
            grant["role_grants__unit__in"] = unit
        return self.filter(is_active=True, **grant).distinct().order_by("pk")


class AccountManager(UserManager.from_queryset(UserQuerySet)):
    """Django's user manager with the QuerySet methods above."""


class User(AbstractUser):
    """A login account, optionally linked to the person it belongs to."""

    person = models.OneToOneField(
        "people.Person",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="account",
        verbose_name=_("person"),
    )

    objects = AccountManager()

    class Meta:
        verbose_name = _("account")
        verbose_name_plural = _("accounts")

    def __str__(self):
        return self.username

    @cached_property
    def scope(self):
        """What this account may see and change (organisations.scope.Scope): read once per request from the
        cache, where it stays until its grants, its person, an agency or a unit change (accounts.scope);
        `organisations.scope.forget_scope` drops it."""
        return cached_scope(self)

    def get_full_name(self):
        """Vietnamese order: family (and middle) name first, then the given name."""
        return " ".join(part for part in (self.last_name, self.first_name) if part).strip()


class RoleGrantQuerySet(models.QuerySet):
    def active(self):
        return self.filter(revoked_at__isnull=True)


class RoleGrant(models.Model):
    """A role held by an account in an agency (or, for unit roles, in a unit). Revoked grants are kept."""

    user = models.ForeignKey(
        User, on_delete=models.CASCADE, related_name="role_grants", verbose_name=_("account")
    )
    role = models.CharField(_("role"), max_length=30, choices=Role.choices)
    agency = models.ForeignKey(
        "organisations.Agency",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="role_grants",
        verbose_name=_("agency"),
        help_text=_("Empty only for an administrator of the whole installation."),
    )
    unit = models.ForeignKey(
        "organisations.Unit",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="role_grants",
        verbose_name=_("unit"),
    )
    granted_by = models.ForeignKey(User, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    granted_at = models.DateTimeField(default=timezone.now)
    revoked_at = models.DateTimeField(null=True, blank=True)

    objects = RoleGrantQuerySet.as_manager()

    class Meta:
        ordering = ["role", "id"]
        verbose_name = _("role")
        verbose_name_plural = _("roles")
        # One active grant per (account, role, place); NULLs handled by three partial constraints
        # because SQLite has no NULLS NOT DISTINCT.
        constraints = [
            models.UniqueConstraint(
                fields=["user", "role", "agency", "unit"],
                condition=Q(revoked_at__isnull=True, unit__isnull=False),
                name="rolegrant_unique_active_in_unit",
            ),
            models.UniqueConstraint(
                fields=["user", "role", "agency"],
                condition=Q(revoked_at__isnull=True, unit__isnull=True, agency__isnull=False),
                name="rolegrant_unique_active_in_agency",
            ),
            models.UniqueConstraint(
                fields=["user", "role"],
                condition=Q(revoked_at__isnull=True, unit__isnull=True, agency__isnull=True),
                name="rolegrant_unique_active_installation",
            ),
        ]

    def __str__(self):
        where = self.unit or self.agency or _("whole installation")
        return f"{self.get_role_display()} — {where}"

    def clean(self):
        super().clean()
        if self.role in UNIT_ROLES and not self.unit_id:
            raise ValidationError({"unit": _("This role is held in a unit: choose the unit.")})
        if self.role not in UNIT_ROLES and self.unit_id:
            raise ValidationError({"unit": _("This role is held in a whole agency: leave the unit empty.")})
        if self.role != Role.SYSTEM_ADMIN and not self.agency_id:
            raise ValidationError({"agency": _("Choose the agency in which the role is held.")})
        if self.unit_id and self.agency_id and self.unit.agency_id != self.agency_id:
            raise ValidationError({"unit": _("The unit must belong to the chosen agency.")})


API_TOKEN_DEFAULT_DAYS = 90


def default_token_expiry():
    """A token made without a chosen lifetime (fixtures, old code paths) expires after the default 90 days."""
    return timezone.now() + dt.timedelta(days=API_TOKEN_DEFAULT_DAYS)


class ApiTokenQuerySet(models.QuerySet):
    def unrevoked(self):
        """Not revoked, expired or not: what the user's page lists."""
        return self.filter(revoked_at__isnull=True)

    def active(self):
        """Accepted by the API: neither revoked nor expired."""
        return self.unrevoked().filter(expires_at__gt=timezone.now())


class ApiToken(models.Model):
    """A bearer token for integrations. Only its SHA-256 hash is stored; the token is shown once."""

    PREFIX = "thd_"

    user = models.ForeignKey(
        User, on_delete=models.CASCADE, related_name="api_tokens", verbose_name=_("account")
    )
    name = models.CharField(_("name"), max_length=100, blank=True)
    key_hash = models.CharField(max_length=64, unique=True)
    hint = models.CharField(max_length=12, help_text=_("The first characters, to recognise the token."))
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField(_("expires"), default=default_token_expiry)
    last_used_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    objects = ApiTokenQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("API token")
        verbose_name_plural = _("API tokens")

    def __str__(self):
        return f"{self.hint}… ({self.user})"

    @staticmethod
    def hash(raw: str) -> str:
        return hashlib.sha256(raw.encode()).hexdigest()

    @classmethod
    def generate(cls) -> str:
        return cls.PREFIX + secrets.token_urlsafe(32)

    @property
    def expired(self) -> bool:
        return self.expires_at <= timezone.now()


class TwoFactorInvitationQuerySet(models.QuerySet):
    def pending(self):
        """Neither used, voided nor expired: the code may still start an enrolment."""
        return self.filter(used_at__isnull=True, voided_at__isnull=True, expires_at__gt=timezone.now())


class TwoFactorInvitation(models.Model):
    """An administrator's permission to set up (or replace) an account's authenticator app.

    Enrolling a device needs this invitation's one-time code, or a code from the device already confirmed —
    never the password alone. Only a keyed hash of the code is stored; the code is shown once to whoever
    issued it, who hands it over in person or by telephone. Wrong codes count: after MAX_ATTEMPTS the
    invitation is void.
    """

    ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no I, O, 0 or 1: nothing to misread
    LENGTH = 16
    MAX_ATTEMPTS = 5

    user = models.ForeignKey(
        User, on_delete=models.CASCADE, related_name="two_factor_invitations", verbose_name=_("account")
    )
    code_hash = models.CharField(max_length=64)
    issued_by = models.ForeignKey(User, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    issued_at = models.DateTimeField(default=timezone.now)
    expires_at = models.DateTimeField(_("expires"))
    used_at = models.DateTimeField(null=True, blank=True)
    voided_at = models.DateTimeField(null=True, blank=True)
    failed_attempts = models.PositiveSmallIntegerField(default=0)

    objects = TwoFactorInvitationQuerySet.as_manager()

    class Meta:
        ordering = ["-issued_at", "-id"]
        verbose_name = _("two-step verification invitation")
        verbose_name_plural = _("two-step verification invitations")

    def __str__(self):
        return str(self.user)

    @classmethod
    def generate(cls) -> str:
        """A new code, in groups of four: ABCD-EFGH-JKLM-NPQR (80 bits)."""
        raw = get_random_string(cls.LENGTH, cls.ALPHABET)
        return "-".join(raw[i : i + 4] for i in range(0, cls.LENGTH, 4))

    @staticmethod
    def normalise(code: str) -> str:
        """As typed: any case, with or without dashes and spaces."""
        return "".join(ch for ch in code.upper() if ch.isalnum())

    @classmethod
    def hash(cls, code: str) -> str:
        """Keyed with SECRET_KEY, so a copy of the database alone does not allow testing guesses."""
        return salted_hmac(
            "accounts.TwoFactorInvitation", cls.normalise(code), algorithm="sha256"
        ).hexdigest()

    def matches(self, code: str) -> bool:
        return constant_time_compare(self.code_hash, self.hash(code))

    @property
    def is_pending(self) -> bool:
        return self.used_at is None and self.voided_at is None and self.expires_at > timezone.now()

    @staticmethod
    def lifetime() -> dt.timedelta:
        return dt.timedelta(hours=settings.THIDUA_2FA_INVITATION_HOURS)
