"""The dossier of a proposal: what the governing rule set requires (nominations.law.components) and what is
there — the unit's tờ trình and meeting minutes (UnitDossier), the achievement report, the vote figures, the
certificate (a file, or the initiative or excellent rating on the record that the engine found)."""

from dataclasses import dataclass

from . import law
from .models import Evidence, UnitDossier

PROOF_CHECKS = {"initiative", "excellent-or-initiative", "excellent-years-with-initiatives"}


@dataclass(frozen=True)
class Part:
    code: str
    name: str
    required: bool
    present: bool
    citation: str


def unit_dossier_of(proposal) -> UnitDossier | None:
    cached = getattr(proposal, "_unit_dossier", False)
    if cached is False:
        cached = UnitDossier.objects.filter(round_id=proposal.round_id, unit_id=proposal.unit_id).first()
        proposal._unit_dossier = cached
    return cached


def _present(code: str, proposal, unit_dossier) -> bool:
    if code == law.COVER:
        return bool(unit_dossier and unit_dossier.cover_id)
    if code == law.REPORT:
        return bool(proposal.report.strip())
    if code == law.MINUTES:
        return bool(unit_dossier and unit_dossier.has_minutes)
    if code == law.BALLOT:
        return bool(unit_dossier and unit_dossier.members_total and proposal.unit_votes is not None)
    if code == law.CERTIFICATE:
        on_record = any(c.get("code") in PROOF_CHECKS and c.get("passed") for c in proposal.checks)
        # .all(): a list page prefetches the evidence (no query per row)
        return on_record or any(e.kind == Evidence.Kind.CERTIFICATE for e in proposal.evidence.all())
    if code == law.SUMMARY:
        return bool(proposal.achievement.strip())
    return False


def parts(proposal) -> list[Part]:
    """Every component the rule set names for the proposal, each with whether it is there."""
    code = proposal.rule_set_code
    unit_dossier = unit_dossier_of(proposal)
    return [
        Part(c.code, c.name, c.required, _present(c.code, proposal, unit_dossier), c.citation)
        for c in law.components(code, proposal.award, proposal.round.track)
    ]


def missing_parts(proposal) -> list[Part]:
    return [part for part in parts(proposal) if part.required and not part.present]
