"""State changes of initiatives and exemplary models: recording and editing them, their authors and shares,
evidence files and photos. Every function checks the permission (achievements.access), validates, saves
atomically and writes the activity log; `actor=None` means the system (demo loader, commands).

Authors of an initiative are people of the agency or of the agencies it succeeded; their shares (%) are
positive and add up to exactly 100. An initiative is recognised when it has both the level and the date of
recognition, the date not in the future. Files are checked from their content (lib.uploads); photos
must be PNG or JPEG images. An award resting on an initiative is recorded in the ledger (awards.domain) and
linked to the author's share, which serves once.
"""

import datetime as dt
from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from activity.domain import log_action, snapshot
from awards.domain import record_award
from awards.models import AwardRecord, Track
from lib.access import require
from lib.uploads import JPEG, PNG, check_upload
from lib.vntext import nfc
from people.models import Assignment

from . import access
from .models import Evidence, ExemplaryModel, Initiative, InitiativeAuthor, Photo

INITIATIVE_FIELDS = (
    "unit",
    "movement",
    "kind",
    "title",
    "year",
    "summary",
    "effect",
    "scope",
    "recognition_level",
    "recognised_on",
    "recognised_by",
)
MODEL_FIELDS = ("kind", "title", "year", "story", "movement")
FIRST_YEAR = 1945
HUNDRED = Decimal("100")
IMAGE_TYPES = {PNG, JPEG}


def _actor_or_none(actor):
    return actor if getattr(actor, "pk", None) else None


def _today(on: dt.date | None) -> dt.date:
    return on or timezone.localdate()


# --- validation ---------------------------------------------------------------------------------------


def _check_year(year, on: dt.date) -> None:
    if year is None or not FIRST_YEAR <= int(year) <= on.year:
        message = _("The year must be between %(first)s and %(last)s.") % {
            "first": FIRST_YEAR,
            "last": on.year,
        }
        raise ValidationError(message, code="year")


def _check_unit(unit, agency) -> None:
    if unit is None or unit.agency_id != agency.pk:
        raise ValidationError(
            _("The unit must be a unit of %(agency)s.") % {"agency": agency.name}, code="unit_agency"
        )


def _check_movement(movement, lineage: set[int]) -> None:
    if movement is not None and movement.agency_id not in lineage:
        raise ValidationError(
            _("The movement must be one the agency holds; choose it from the agency's movements."),
            code="movement_agency",
        )


def _check_recognition(initiative: Initiative, on: dt.date) -> None:
    if bool(initiative.recognition_level) != bool(initiative.recognised_on):
        raise ValidationError(
            _("A recognised initiative needs both the level and the date of recognition."), code="recognition"
        )
    if initiative.recognised_on and initiative.recognised_on > on:
        raise ValidationError(_("The date of recognition cannot be in the future."), code="future_date")


def _share(value) -> Decimal:
    try:
        return Decimal(str(value))
    except (InvalidOperation, ValueError):
        return Decimal("0")


def _strangers(people, lineage: set[int]) -> list[str]:
    """Names of the people who never worked in the agency: neither on its staff (or a predecessor's) nor ever
    posted to one of its units — someone who moved on to a successor agency still counts for her past work."""
    outside = [person for person in people if person.agency_id not in lineage]
    if not outside:
        return []
    posted = set(
        Assignment.objects.filter(person__in=outside, unit__agency_id__in=lineage).values_list(
            "person_id", flat=True
        )
    )
    return [person.full_name for person in outside if person.pk not in posted]


def _check_authors(authors, lineage: set[int]) -> list[tuple]:
    """The authors as [(person, share)], checked: at least one, each once, shares > 0 adding up to 100."""
    authors = [(person, _share(share)) for person, share in authors]
    if not authors:
        raise ValidationError(_("Name at least one author of the initiative."), code="no_authors")
    if len({person.pk for person, _s in authors}) != len(authors):
        raise ValidationError(_("Each author may be named only once."), code="duplicate_author")
    if any(share <= 0 or share.as_tuple().exponent < -2 for _p, share in authors):
        raise ValidationError(
            _("Each author's share must be more than 0%, with at most two decimals."), code="shares"
        )
    total = sum((share for _p, share in authors), Decimal("0"))
    if total != HUNDRED:
        message = _("The authors' shares add up to %(total)s%%; they must add up to exactly 100%%.") % {
            "total": f"{total.normalize():f}".replace(".", ",")
        }
        raise ValidationError(message, code="shares")
    strangers = _strangers([person for person, _s in authors], lineage)
    if strangers:
        message = _("Authors must be staff of the agency; not so: %(names)s.") % {
            "names": ", ".join(strangers)
        }
        raise ValidationError(message, code="author_agency")
    return authors


def _validate_initiative(initiative: Initiative, lineage: set[int], on: dt.date) -> None:
    _check_unit(initiative.unit, initiative.agency)
    _check_movement(initiative.movement, lineage)
    _check_year(initiative.year, on)
    _check_recognition(initiative, on)
    initiative.full_clean(exclude=["agency", "unit", "movement", "created_by"])


def _validate_model(model: ExemplaryModel, lineage: set[int], people, units, on: dt.date) -> None:
    _check_movement(model.movement, lineage)
    _check_year(model.year, on)
    strangers = _strangers(people, lineage)
    if strangers:
        message = _("The people must be staff of the agency; not so: %(names)s.") % {
            "names": ", ".join(strangers)
        }
        raise ValidationError(message, code="person_agency")
    if any(unit.agency_id not in lineage for unit in units):
        raise ValidationError(_("The units must be units of the agency."), code="unit_agency")
    model.full_clean(exclude=["agency", "movement", "created_by"])


# --- logged values ------------------------------------------------------------------------------------


def _authors_text(authors) -> str:
    return "; ".join(f"{person.full_name} ({share.normalize():f}%)" for person, share in authors)


def _current_authors(initiative: Initiative) -> list[tuple]:
    return [(a.person, a.share) for a in initiative.authors.select_related("person")]


def _initiative_values(initiative: Initiative, names, authors=None) -> dict:
    values = snapshot(initiative, names)
    if authors is not None:
        values["authors"] = _authors_text(authors)
    return values


def _names(items) -> str:
    return "; ".join(str(item) for item in items)


def _model_values(model: ExemplaryModel, names, people=None, units=None) -> dict:
    values = snapshot(model, names)
    if people is not None:
        values["people"] = _names(people)
    if units is not None:
        values["units"] = _names(units)
    return values


def _set_authors(initiative: Initiative, authors) -> None:
    """Replace the authors, keeping each remaining author's row (and the award her share served); an author
    whose share already served an award stays (the award rests on it)."""
    current = {a.person_id: a for a in initiative.authors.select_related("person", "award_record__award")}
    wanted = {person.pk: share for person, share in authors}
    for gone in (a for person_id, a in current.items() if person_id not in wanted):
        if gone.award_record_id is not None:
            message = _("The share of %(person)s already served “%(award)s”: she stays among the authors.")
            values = {"person": gone.person.full_name, "award": gone.award_record.award.name}
            raise ValidationError(message % values, code="author_used")
    initiative.authors.exclude(person_id__in=wanted).delete()
    for person, share in authors:
        if person.pk in current:
            InitiativeAuthor.objects.filter(pk=current[person.pk].pk).update(share=share)
        else:
            InitiativeAuthor.objects.create(initiative=initiative, person=person, share=share)


# --- initiatives --------------------------------------------------------------------------------------


@transaction.atomic
def record_initiative(
    *, actor, agency, unit, fields: dict, authors: list[tuple], on: dt.date | None = None
) -> Initiative:
    require(actor is None or access.can_record(actor, agency, unit))
    on, lineage = _today(on), agency.lineage_ids()
    values = {k: v for k, v in fields.items() if k in INITIATIVE_FIELDS and k != "unit"}
    initiative = Initiative(agency=agency, unit=unit, created_by=_actor_or_none(actor), **values)
    _validate_initiative(initiative, lineage, on)
    authors = _check_authors(authors, lineage)
    initiative.save()
    _set_authors(initiative, authors)
    log_action(
        actor=actor,
        action="achievements.initiative.recorded",
        target=initiative,
        agency=agency,
        after=_initiative_values(initiative, ("unit", *values), authors),
    )
    return initiative


def _lock_initiative(initiative: Initiative) -> Initiative:
    initiative.refresh_from_db(from_queryset=Initiative.objects.select_for_update())
    return initiative


@transaction.atomic
def update_initiative(
    *, actor, initiative, fields: dict, authors: list[tuple] | None = None, on: dt.date | None = None
) -> Initiative:
    _lock_initiative(initiative)
    require(actor is None or access.can_edit_initiative(actor, initiative))
    names = [k for k in fields if k in INITIATIVE_FIELDS]
    new_unit = fields.get("unit", initiative.unit)
    require(
        actor is None or new_unit == initiative.unit or access.can_record(actor, initiative.agency, new_unit)
    )
    on, lineage = _today(on), initiative.agency.lineage_ids()
    old_authors = _current_authors(initiative) if authors is not None else None
    before = _initiative_values(initiative, names, old_authors)
    for name in names:
        setattr(initiative, name, fields[name])
    _validate_initiative(initiative, lineage, on)
    if authors is not None:
        authors = _check_authors(authors, lineage)
    initiative.save()
    if authors is not None:
        _set_authors(initiative, authors)
    log_action(
        actor=actor,
        action="achievements.initiative.updated",
        target=initiative,
        agency=initiative.agency,
        before=before,
        after=_initiative_values(initiative, names, authors),
    )
    return initiative


def _file_name(upload, extension: str) -> str:
    return (getattr(upload, "name", "") or "").rsplit("/", 1)[-1][:255] or f"tep{extension}"


@transaction.atomic
def add_evidence(*, actor, initiative, upload) -> Evidence:
    """Attach a checked file (type sniffed from the content, size capped) that proves the initiative."""
    _lock_initiative(initiative)
    require(actor is None or access.can_edit_initiative(actor, initiative))
    checked = check_upload(upload)
    name = _file_name(upload, checked.extension)
    evidence = Evidence(
        initiative=initiative,
        name=name,
        content_type=checked.content_type,
        size=checked.size,
        sha256=checked.sha256,
        uploaded_by=_actor_or_none(actor),
    )
    evidence.file.save(f"{checked.sha256[:32]}{checked.extension}", ContentFile(checked.content), save=False)
    evidence.save()
    log_action(
        actor=actor,
        action="achievements.evidence.added",
        target=initiative,
        agency=initiative.agency,
        after={"evidence": evidence.pk, "name": name, "sha256": checked.sha256, "size": checked.size},
    )
    return evidence


# --- awards resting on an initiative ------------------------------------------------------------------


def _author_to_serve(initiative: Initiative, person) -> InitiativeAuthor:
    """The author's row of `person`, locked; refused when she is no author or her share already served."""
    authors = InitiativeAuthor.objects.select_for_update().filter(initiative=initiative)
    author = authors.filter(person=person).first() if person is not None else None
    if author is None:
        raise ValidationError(_("Only an author's award may rest on the initiative."), code="not_author")
    if author.award_record_id is not None:
        used = AwardRecord.objects.select_related("award").get(pk=author.award_record_id)
        message = _("This initiative was already the basis of “%(award)s”; an initiative is used once.")
        raise ValidationError(message % {"award": used.award.name}, code="initiative_used")
    return author


@transaction.atomic
def record_award_on_initiative(
    *,
    actor,
    initiative: Initiative,
    person,
    agency,
    award,
    year: int,
    decision,
    decided_on: dt.date | None = None,
    track: str = Track.MERIT,
    amount: int = 0,
    certificate_number: int | None = None,
) -> AwardRecord:
    """Record in the ledger (awards.domain.record_award) an award of `person` that rests on her share of
    `initiative`, and link the share to it: the initiative serves each author once."""
    record = record_award(
        actor=actor,
        agency=agency,
        award=award,
        person=person,
        year=year,
        track=track,
        decision=decision,
        decided_on=decided_on,
        amount=amount,
        certificate_number=certificate_number,
    )
    serve_initiative(initiative=initiative, person=person, record=record)
    return record


def free_initiative(person, year: int):
    """Her grassroots initiative of `year` whose share has served no award yet (None: she has none)."""
    return Initiative.objects.filter(
        year=year, recognition_level="co-so", authors__person=person, authors__award_record__isnull=True
    ).first()


def serve_initiative(*, initiative: Initiative, person, record: AwardRecord) -> None:
    """Link the author's share of `initiative` to the ledger row it serves (once: a share serves one award).
    The caller checked who may write the row (record_award_on_initiative, a decision's issuing)."""
    author = _author_to_serve(initiative, person)
    author.award_record = record
    author.save(update_fields=["award_record"])


# --- exemplary models ---------------------------------------------------------------------------------


@transaction.atomic
def record_model(
    *, actor, agency, fields: dict, people=(), units=(), on: dt.date | None = None
) -> ExemplaryModel:
    people, units = list(people), list(units)
    require(actor is None or access.can_record_model(actor, agency, units))
    on, lineage = _today(on), agency.lineage_ids()
    values = {k: v for k, v in fields.items() if k in MODEL_FIELDS}
    model = ExemplaryModel(agency=agency, created_by=_actor_or_none(actor), **values)
    _validate_model(model, lineage, people, units, on)
    model.save()
    model.people.set(people)
    model.units.set(units)
    log_action(
        actor=actor,
        action="achievements.model.recorded",
        target=model,
        agency=agency,
        after=_model_values(model, values, people, units),
    )
    return model


def _lock_model(model: ExemplaryModel) -> ExemplaryModel:
    model.refresh_from_db(from_queryset=ExemplaryModel.objects.select_for_update())
    return model


@transaction.atomic
def update_model(
    *, actor, model, fields: dict, people=None, units=None, on: dt.date | None = None
) -> ExemplaryModel:
    _lock_model(model)
    require(actor is None or access.can_edit_model(actor, model))
    people = list(people) if people is not None else None
    units = list(units) if units is not None else None
    require(actor is None or units is None or access.can_record_model(actor, model.agency, units))
    names = [k for k in fields if k in MODEL_FIELDS]
    on, lineage = _today(on), model.agency.lineage_ids()
    before = _model_values(
        model,
        names,
        list(model.people.all()) if people is not None else None,
        list(model.units.all()) if units is not None else None,
    )
    for name in names:
        setattr(model, name, fields[name])
    _validate_model(model, lineage, people or [], units or [], on)
    model.save()
    if people is not None:
        model.people.set(people)
    if units is not None:
        model.units.set(units)
    log_action(
        actor=actor,
        action="achievements.model.updated",
        target=model,
        agency=model.agency,
        before=before,
        after=_model_values(model, names, people, units),
    )
    return model


def not_image_message() -> str:
    return _(
        "A photo must be a PNG or JPEG picture and this file is not one. "
        "Choose a photo saved as .jpg or .png."
    )


def _check_image(upload):
    """The checked upload when it is a PNG or JPEG picture that opens; else ValidationError "not_image"."""
    try:
        checked = check_upload(upload)
    except ValidationError as exc:
        if exc.code in ("empty", "too_large"):
            raise
        checked = None
    if checked is None or checked.content_type not in IMAGE_TYPES or not _opens(checked.content):
        raise ValidationError(not_image_message(), code="not_image")
    return checked


def _opens(content: bytes) -> bool:
    import io

    from PIL import Image

    try:
        with Image.open(io.BytesIO(content)) as image:
            image.verify()
    except Exception:  # Pillow raises many kinds of errors for a broken picture
        return False
    return True


@transaction.atomic
def add_photo(*, actor, model, upload, caption: str = "") -> Photo:
    _lock_model(model)
    require(actor is None or access.can_edit_model(actor, model))
    checked = _check_image(upload)
    photo = Photo(
        model=model,
        caption=nfc(caption or "").strip(),
        content_type=checked.content_type,
        size=checked.size,
        uploaded_by=_actor_or_none(actor),
    )
    photo.full_clean(exclude=["model", "file", "uploaded_by"])
    photo.file.save(f"{checked.sha256[:32]}{checked.extension}", ContentFile(checked.content), save=False)
    photo.save()
    log_action(
        actor=actor,
        action="achievements.photo.added",
        target=model,
        agency=model.agency,
        after={"photo": photo.pk, "caption": photo.caption, "size": checked.size},
    )
    return photo
