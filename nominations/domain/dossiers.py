"""The unit's papers for a round (its meeting minutes and vote figures; the tờ trình is drafted by
nominations.drafting) and the proposal's evidence files, checked like every upload (lib.uploads)."""

import datetime as dt

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils.translation import gettext as _

from activity.domain import log_action
from lib.access import require
from lib.uploads import check_upload
from workflows.gate import lock

from ..access import can_compile
from ..models import Evidence, UnitDossier
from .rounds import check_open


def _check_votes(members_total, members_present) -> None:
    if members_total is not None and members_present is not None and members_present > members_total:
        raise ValidationError({"members_present": _("More members present than the council has.")})


@transaction.atomic
def save_unit_dossier(
    *,
    actor,
    round,
    unit,
    minutes: str,
    met_on: dt.date | None,
    members_total=None,
    members_present=None,
) -> UnitDossier:
    """The unit's review meeting: its minutes, the day and the vote figures."""
    require(actor is None or can_compile(actor, unit))
    check_open(actor, round)
    _check_votes(members_total, members_present)
    dossier, _created = UnitDossier.objects.select_for_update().get_or_create(round=round, unit=unit)
    before = {"minutes": dossier.minutes, "met_on": dossier.met_on and dossier.met_on.isoformat()}
    dossier.minutes, dossier.met_on = minutes, met_on
    dossier.members_total, dossier.members_present = members_total, members_present
    dossier.full_clean(exclude=["round", "unit", "cover"])
    dossier.save()
    log_action(
        actor=actor,
        action="nominations.dossier.changed",
        target=round,
        agency=round.agency,
        before=before,
        after={"minutes": dossier.minutes, "met_on": met_on and met_on.isoformat(), "unit": unit.name},
    )
    return dossier


def _file_name(upload, extension: str) -> str:
    name = (getattr(upload, "name", "") or "").rsplit("/", 1)[-1].strip() or f"minh-chung{extension}"
    return name[:255]


@transaction.atomic
def add_evidence(*, actor, proposal, upload, kind: str = Evidence.Kind.OTHER) -> Evidence:
    """Attach a checked file to the proposal's dossier, while the unit may change its evidence."""
    require(actor is None or can_compile(actor, proposal.unit))
    check_open(actor, proposal.round)
    proposal = lock(proposal)
    if not proposal.may_change("evidence"):
        raise ValidationError(
            {"file": _("This part is locked: the secretariat did not ask for it to be corrected.")}
        )
    checked = check_upload(upload)
    evidence = Evidence(
        proposal=proposal,
        kind=kind,
        name=_file_name(upload, checked.extension),
        size=checked.size,
        sha256=checked.sha256,
        uploaded_by=actor if getattr(actor, "pk", None) else None,
    )
    evidence.file.save(f"{checked.sha256[:32]}{checked.extension}", ContentFile(checked.content), save=False)
    evidence.save()
    log_action(
        actor=actor,
        action="nominations.evidence.added",
        target=proposal,
        agency=proposal.round.agency,
        after={
            "evidence": evidence.pk,
            "name": evidence.name,
            "size": evidence.size,
            "sha256": evidence.sha256,
        },
    )
    return evidence
