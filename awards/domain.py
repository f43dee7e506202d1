"""State changes of the award ledger. Reward decisions call `record_award` (decisions.domain, in the
transaction that issues or registers the decision); `actor=None` means the system."""

import datetime as dt
from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from activity.domain import log_action
from lib.access import require
from lib.vntext import nfc

from . import access
from .models import AgencySetting, AwardRecord, Subject, Track
from .presentation import setting_choices


def _check_subject(award, person, unit) -> None:
    if (person is None) == (unit is None):
        raise ValidationError(_("An award goes to one person or to one unit."), code="subject")
    expected = Subject.INDIVIDUAL if person is not None else Subject.COLLECTIVE
    if award.subject != expected:
        raise ValidationError(
            _("“%(award)s” is not awarded to this kind of subject.") % {"award": award.name},
            code="wrong_subject",
        )


@transaction.atomic
def record_award(*, actor, agency, award, **values) -> AwardRecord:
    """An award entered by the ledger's keepers (the agency's secretariat and administrators): `values` as
    write_ledger_row takes them. An award resting on an initiative is recorded by
    achievements.domain.record_award_on_initiative, which calls this."""
    require(actor is None or access.can_keep_ledger(actor, agency))
    return write_ledger_row(actor=actor, agency=agency, award=award, **values)


def write_ledger_row(
    *,
    actor,
    agency,
    award,
    year: int,
    decision,
    decided_on: dt.date | None = None,
    person=None,
    unit=None,
    track: str = Track.MERIT,
    amount: int = 0,
    certificate_number: int | None = None,
) -> AwardRecord:
    """One ledger row given by `decision` (a documents.Document, issued or registered): one per achievement
    (award, subject, year, track). The caller checked who may write it: record_award, or the decision's own
    gate (decisions.domain.issuing: whoever may issue the decision writes its rows)."""
    _check_subject(award, person, unit)
    duplicate = AwardRecord.objects.filter(award=award, year=year, track=track, person=person, unit=unit)
    if duplicate.exists():
        message = _("“%(award)s” was already recorded for this achievement of %(year)s.")
        raise ValidationError(message % {"award": award.name, "year": year}, code="duplicate")
    record = AwardRecord.objects.create(
        agency=agency,
        award=award,
        person=person,
        unit=unit,
        year=year,
        track=track,
        decision=decision,
        decided_on=decided_on or decision.issued_on,
        amount=amount,
        certificate_number=certificate_number,
    )
    after = {
        "award": award.code,
        "year": year,
        "track": track,
        "decision": decision.reference,
        "amount": amount,
    }
    log_action(actor=actor, action="awards.record.created", target=record, agency=agency, after=after)
    return record


@transaction.atomic
def change_setting(*, actor, agency, setting, value: str) -> AgencySetting:
    """An agency sets its own value of a parameter the reference leaves open (its default stays the law's)."""
    require(actor is None or access.can_change_settings(actor, agency))
    value = nfc(value or "").strip()
    _check_value(setting, value)
    if not setting.choices:
        value = value.replace(",", ".")  # 0,8 as a Vietnamese writes it
    current = AgencySetting.objects.filter(agency=agency, setting=setting).first()
    before = current.value if current else setting.default
    saved, _created = AgencySetting.objects.update_or_create(
        agency=agency,
        setting=setting,
        defaults={"value": value, "changed_by": actor if getattr(actor, "pk", None) else None},
    )
    log_action(
        actor=actor,
        action="awards.setting.changed",
        target=saved,
        agency=agency,
        before={"setting": setting.code, "value": before},
        after={"setting": setting.code, "value": value},
    )
    return saved


def _check_value(setting, value: str) -> None:
    if setting.choices:
        allowed = dict(setting_choices(setting))
        if value not in allowed:
            message = _("Choose one of: %(allowed)s.") % {"allowed": "; ".join(allowed.values())}
            raise ValidationError({"value": ValidationError(message, code="invalid")})
        return
    try:
        number = Decimal(value.replace(",", "."))
    except InvalidOperation:
        number = None
    if number is None or number < 0 or not number.is_finite():
        raise ValidationError({"value": ValidationError(_("Enter a number, 0 or more."), code="invalid")})
