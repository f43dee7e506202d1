"""Printing certificates and re-issuing them (issue 15 point 4; law-nominations.md §6.3).

- `print_certificates`: the PDF of the chosen certificates (plain paper or pre-printed stock), each print in
  the activity log;
- `reissue_certificate`: cấp đổi (damaged or misprinted) or cấp lại (lost) — a new certificate linked to the
  original, with the agency's next re-issue number of the year and the date by which it is due: 15 working
  days after the request (NĐ 98/2023 Điều 114 khoản 4, Điều 115 khoản 4).
"""

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from activity.domain import log_action
from documents.models import nfc_lines
from lib.access import require
from lib.vntext import nfc
from organisations.models import Agency
from workdays.calendar import working_day_after

from ..access import can_manage_decisions
from ..certificates import prints_certificate, template_for
from ..models import Certificate, Issue, Status, Stock
from ..printing import render_certificates

REISSUE_DAYS = 15  # working days (NĐ 98/2023 Điều 114 khoản 4, Điều 115 khoản 4)
REISSUES = (Issue.EXCHANGE, Issue.REISSUE)


def _load(certificates) -> list[Certificate]:
    ids = [getattr(c, "pk", c) for c in certificates]
    found = Certificate.objects.select_related(
        "record", "line__award", "line__decision__agency", "line__decision__document"
    ).in_bulk(ids)
    return [found[pk] for pk in ids if pk in found]


def _template(certificate, templates: dict):
    decision = certificate.line.decision
    day = decision.decided_on or certificate.issued_on
    if (decision.agency_id, day) not in templates:
        templates[decision.agency_id, day] = template_for(decision.agency, day)
    return templates[decision.agency_id, day]


def _check_printable(certificate, templates: dict | None = None) -> None:
    """A certificate of an issued decision, for an award that prints one, whose award stands."""
    line, record = certificate.line, certificate.record
    decision = line.decision
    if decision.status != Status.ISSUED:
        raise ValidationError(_("Certificates are printed once their decision is issued."), code="not_issued")
    if record.revoked_on is not None:
        message = _("The award of %(name)s was revoked on %(day)s: its certificate is no longer printed.")
        words = {"name": certificate.name, "day": record.revoked_on.strftime("%d/%m/%Y")}
        raise ValidationError(message % words, code="revoked")
    if not prints_certificate(line.award, _template(certificate, {} if templates is None else templates)):
        message = _("“%(award)s” carries no certificate: it is awarded with money only.")
        raise ValidationError(message % {"award": line.award.name}, code="no_certificate")


def print_certificates(
    *, actor, certificates, stock: str = Stock.PLAIN, printer=None, site_url=None
) -> bytes:
    """The PDF of the certificates (one page each); every certificate printed is logged."""
    loaded = _load(certificates)
    require(all(can_manage_decisions(actor, c.line.decision.agency_id) for c in loaded))
    if not loaded:
        raise ValidationError(_("Choose at least one certificate to print."), code="empty")
    if stock not in Stock.values:
        raise ValidationError(_("Choose plain paper or pre-printed stock."), code="stock")
    if printer is not None and any(printer.agency_id != c.line.decision.agency_id for c in loaded):
        raise ValidationError(_("This printer belongs to another agency."), code="printer")
    templates = {}
    for certificate in loaded:
        _check_printable(certificate, templates)
    pdf = render_certificates(loaded, stock=stock, printer=printer, site_url=site_url)
    with transaction.atomic():
        for certificate in loaded:
            log_action(
                actor=actor,
                action="decisions.certificate.printed",
                target=certificate,
                agency=certificate.line.decision.agency,
                after={
                    "stock": stock,
                    "printer": printer.name if printer else "",
                    "issue": certificate.issue,
                },
            )
    return pdf


def _next_number(agency, year: int) -> int:
    """The agency's next re-issue number of the year, counted under a lock on the agency's row."""
    Agency.objects.select_for_update().filter(pk=agency.pk).first()
    issued = Certificate.objects.filter(
        line__decision__agency=agency, issue__in=REISSUES, issued_on__year=year
    ).count()
    return issued + 1


def _refuse(field: str, message: str, code: str):
    raise ValidationError({field: ValidationError(message, code=code)})


def _check_reissue(certificate, issue: str, reason: str, requested_on: dt.date, today: dt.date) -> None:
    if issue not in REISSUES:
        _refuse("issue", _("Choose a replacement (damaged or misprinted) or a re-issue (lost)."), "issue")
    if not reason:
        _refuse("reason", _("Write why the certificate is replaced or re-issued."), "reason")
    if requested_on > today:
        _refuse("requested_on", _("The request cannot be dated in the future."), "future")
    _check_printable(certificate)


@transaction.atomic
def reissue_certificate(
    *, actor, certificate, issue: str, reason: str, requested_on: dt.date, name: str | None = None
) -> Certificate:
    """A replacement (cấp đổi) or re-issue (cấp lại) of `certificate`: a new certificate with its own code,
    linked to the original, numbered in the agency's year, due 15 working days after the request. `name`
    corrects a misprinted name (else the original's)."""
    certificate = _load([certificate])[0]
    agency = certificate.line.decision.agency
    require(can_manage_decisions(actor, agency.pk))
    today = timezone.localdate()
    reason = nfc_lines(reason or "")
    _check_reissue(certificate, issue, reason, requested_on, today)
    original = certificate.original or certificate
    reissued = Certificate.objects.create(
        record=certificate.record,
        line=certificate.line,
        issue=issue,
        original=original,
        number=_next_number(agency, today.year),
        issued_on=today,
        requested_on=requested_on,
        due_on=working_day_after(requested_on, REISSUE_DAYS, agency=agency),
        reason=reason,
        name=nfc(name or "") or certificate.name,
        created_by=actor if getattr(actor, "pk", None) else None,
    )
    log_action(
        actor=actor,
        action="decisions.certificate.reissued",
        target=reissued,
        agency=agency,
        after={
            "issue": issue,
            "number": reissued.number,
            "original": original.code,
            "requested_on": requested_on.isoformat(),
            "due_on": reissued.due_on.isoformat(),
            "reason": reason,
        },
    )
    return reissued
