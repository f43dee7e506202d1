"""Registration (đăng ký thi đua): the rounds of a movement's year, the units' registrations with their titles
and pledges, the secretariat's review, and the deadline reminders.

Lifecycle of a registration: draft → submitted → approved (locked), or submitted → returned (with a reason)
→ submitted again. Only a draft or returned registration may change. A first submission must come by the
round's deadline; a returned registration may be resubmitted after it.
"""

import datetime as dt

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from accounts.models import Role, User
from activity.domain import log_action
from awards.models import Award
from lib.access import require
from notifications.domain import notify, settle
from organisations.models import Unit
from organisations.scope import scope_for
from people.models import Assignment
from workflows.gate import Notice, lock, move

from ..access import can_add_own_title, can_compile, can_edit_entry, can_manage_movements
from ..models import (
    EDITABLE_REGISTRATION_STATES,
    Registration,
    RegistrationEntry,
    RegistrationRound,
    RegistrationStatus,
    Status,
    nfc_lines,
)
from ..workflow import REGISTRATIONS

DEFAULT_REMINDER_DAYS = "7,3,1"
ROUND_FIELDS = ("year", "opens_on", "deadline", "note")


def _date(value: dt.date) -> str:
    return value.strftime("%d/%m/%Y")


# --- reading helpers (also used by the screens) ------------------------------------------------------------


def round_units(round, *, on: dt.date | None = None):
    """The units that register in the round: those the movement lists, or else every unit of its agency in
    force at some time of the round's year (ordered as the unit tree)."""
    movement = round.movement
    if movement.units.exists():
        units = movement.units.all()
    else:
        first, last = dt.date(round.year, 1, 1), dt.date(round.year, 12, 31)
        units = Unit.objects.filter(agency_id=movement.agency_id).filter(
            Q(valid_from__isnull=True) | Q(valid_from__lte=last),
            Q(valid_to__isnull=True) | Q(valid_to__gte=first),
        )
    return units.order_by("position", "name", "pk")


def staff_during(unit, year: int):
    """Assignments in `unit` overlapping the year."""
    return Assignment.objects.filter(
        Q(unit=unit),
        Q(start_date__lte=dt.date(year, 12, 31)),
        Q(end_date__isnull=True) | Q(end_date__gte=dt.date(year, 1, 1)),
    )


def reminder_offsets() -> set[int]:
    """Days before the deadline on which reminders go out (THIDUA_REGISTRATION_REMINDER_DAYS, "7,3,1")."""
    value = getattr(settings, "THIDUA_REGISTRATION_REMINDER_DAYS", DEFAULT_REMINDER_DAYS)
    parts = value.split(",") if isinstance(value, str) else value
    return {int(str(part).strip()) for part in parts if str(part).strip()}


def unit_officer_accounts(unit) -> list[User]:
    """The unit's emulation officers; the unit's heads when it has no officer."""
    return list(User.objects.holding(Role.UNIT_OFFICER, unit=unit)) or list(
        User.objects.holding(Role.UNIT_HEAD, unit=unit)
    )


def _registration_snapshot(registration) -> dict:
    return {"status": registration.status, "pledges": registration.pledges}


def _log(actor, action: str, registration, *, before=None, after=None, extra=None) -> None:
    log_action(
        actor=actor,
        action=action,
        target=registration,
        agency=registration.round.movement.agency,
        before=before,
        after=after,
        extra=extra,
    )


def _notice(users, registration, *, title: str, body: str = "", kind: str) -> Notice:
    """A notice of the registration's new status; its title in the project's language (it is e-mailed)."""
    with translation.override(settings.LANGUAGE_CODE):
        title = _(title) % _names(registration)
    return Notice(
        users=users,
        title=title,
        body=body,
        url=reverse("registrations:detail", args=[registration.pk]),
        kind=kind,
        email_template="registration_status",
    )


def _names(registration) -> dict:
    return {
        "unit": registration.unit.name,
        "movement": registration.round.movement.name,
        "year": registration.round.year,
    }


# --- rounds ------------------------------------------------------------------------------------------------


@transaction.atomic
def open_round(
    *, actor, movement, year: int, opens_on: dt.date, deadline: dt.date, note: str = ""
) -> RegistrationRound:
    """Open the registration of one year of a movement; the units' officers are told."""
    require(actor is None or can_manage_movements(actor, movement.agency_id))
    if not movement.takes_registrations:
        message = _(
            "This movement does not take registrations; tick “takes registrations” on the movement first."
        )
        raise ValidationError(message, code="no_registration")
    if not movement.covers_year(year):
        message = _("The year %(year)s is outside the movement's period; choose a year within the period.")
        raise ValidationError({"year": ValidationError(message % {"year": year}, code="outside_period")})
    if RegistrationRound.objects.filter(movement=movement, year=year).exists():
        message = _("The registration for %(year)s is already open for this movement.")
        raise ValidationError({"year": ValidationError(message % {"year": year}, code="duplicate")})
    round = RegistrationRound(movement=movement, year=year, opens_on=opens_on, deadline=deadline, note=note)
    round.full_clean(validate_constraints=False)
    round.save()
    log_action(
        actor=actor,
        action="movements.round.opened",
        target=round,
        agency=movement.agency,
        after={name: getattr(round, name) for name in ROUND_FIELDS},
    )
    _notify_opened(round)
    return round


def _notify_opened(round) -> None:
    units = list(round_units(round))
    officers = [user for unit in units for user in unit_officer_accounts(unit)]
    with translation.override(settings.LANGUAGE_CODE):
        title = _("Emulation registration %(year)s is open: %(movement)s (deadline %(deadline)s)") % {
            "year": round.year,
            "movement": round.movement.name,
            "deadline": _date(round.deadline),
        }
    notify(
        users=officers,
        title=title,
        body=round.note,
        url=reverse("registrations:round", args=[round.pk]),
        kind="registrations.opened",
        email_template="registration_status",
        target=round,
    )


# --- a unit's registration ---------------------------------------------------------------------------------


def _check_participating(round, unit) -> None:
    movement = round.movement
    if movement.units.exists():
        participating = movement.units.filter(pk=unit.pk).exists()
    else:
        participating = unit.agency_id in movement.agency.lineage_ids()
    if not participating:
        message = _("%(unit)s does not take part in this movement, so it cannot register.")
        raise ValidationError(message % {"unit": unit.name}, code="not_participating")


@transaction.atomic
def start_registration(*, actor, round, unit, pledges: str = "", on: dt.date | None = None) -> Registration:
    """The unit's officer starts the unit's registration for the round (while the round is open)."""
    on = on or timezone.localdate()
    require(actor is None or can_compile(actor, unit))
    _check_participating(round, unit)
    if not round.is_open(on):
        message = _("Registration is open from %(start)s to %(end)s; it cannot be started on %(day)s.")
        params = {"start": _date(round.opens_on), "end": _date(round.deadline), "day": _date(on)}
        raise ValidationError(message % params, code="closed")
    if Registration.objects.filter(round=round, unit=unit).exists():
        message = _("%(unit)s has already started its registration for this round; open it to continue.")
        raise ValidationError(message % {"unit": unit.name}, code="duplicate")
    registration = Registration(round=round, unit=unit, pledges=pledges, created_by=actor)
    registration.full_clean(validate_constraints=False)
    registration.save()
    _log(actor, "movements.registration.started", registration, after=_registration_snapshot(registration))
    return registration


def _check_editable(registration) -> None:
    if registration.status not in EDITABLE_REGISTRATION_STATES:
        if registration.status == RegistrationStatus.APPROVED:
            message = _("The registration has been approved and is locked; it can no longer be changed.")
        else:
            message = _(
                "The registration has been submitted and awaits review; it can be changed only if the "
                "secretariat returns it."
            )
        raise ValidationError(message, code="locked")


@transaction.atomic
def update_registration(*, actor, registration, pledges: str) -> Registration:
    """Change the unit's pledges (chỉ tiêu) while the registration is being compiled or was returned."""
    require(actor is None or can_compile(actor, registration))
    registration = lock(registration)
    _check_editable(registration)
    before = _registration_snapshot(registration)
    registration.pledges = pledges
    registration.full_clean(validate_constraints=False)
    registration.save(update_fields=["pledges", "updated_at"])
    _log(
        actor,
        "movements.registration.updated",
        registration,
        before=before,
        after=_registration_snapshot(registration),
    )
    return registration


def _check_entry_actor(actor, registration, award, person) -> None:
    """The compiler adds any title; a staff member only her own individual one."""
    if actor is None or can_compile(actor, registration):
        return
    own = can_add_own_title(actor, registration) and person is not None
    require(own and person.pk == actor.person_id and award.is_individual)


def _check_subject(award, person) -> None:
    if award.is_individual and person is None:
        message = _("“%(title)s” is an individual title: choose the staff member who registers for it.")
        raise ValidationError(
            {"person": ValidationError(message % {"title": award.name}, code="wrong_subject")}
        )
    if not award.is_individual and person is not None:
        message = _("“%(title)s” is a collective title: it is registered for the unit, not for a person.")
        raise ValidationError(
            {"award": ValidationError(message % {"title": award.name}, code="wrong_subject")}
        )


def _check_in_unit(registration, person) -> None:
    if not staff_during(registration.unit, registration.round.year).filter(person=person).exists():
        message = _("%(person)s does not work in %(unit)s in %(year)s, so cannot register with this unit.")
        params = {"person": person.full_name, "unit": registration.unit.name, "year": registration.round.year}
        raise ValidationError({"person": ValidationError(message % params, code="not_in_unit")})


def _check_duplicate_entry(registration, award, person) -> None:
    if person is None:
        taken = registration.entries.filter(award=award, person__isnull=True).exists()
        message = _("%(unit)s has already registered for “%(title)s”.")
        params = {"unit": registration.unit.name, "title": award.name}
    else:
        taken = RegistrationEntry.objects.filter(
            registration__round_id=registration.round_id, award=award, person=person
        ).exists()
        message = _("%(person)s is already registered for “%(title)s” in this round.")
        params = {"person": person.full_name, "title": award.name}
    if taken:
        raise ValidationError({"award": ValidationError(message % params, code="duplicate")})


@transaction.atomic
def add_entry(*, actor, registration, award, person=None, pledges: str = "", on: dt.date | None = None):
    """Register a title: the unit's own (no person) or a staff member's."""
    _check_entry_actor(actor, registration, award, person)
    registration = lock(registration)
    _check_editable(registration)
    _check_registrable(award)
    _check_subject(award, person)
    if person is not None:
        _check_in_unit(registration, person)
    _check_duplicate_entry(registration, award, person)
    entry = RegistrationEntry(
        registration=registration, award=award, person=person, pledges=pledges, created_by=actor
    )
    entry.full_clean(validate_constraints=False)
    entry.save()
    _log(
        actor, "movements.entry.added", registration, after=_entry_snapshot(entry), extra=_entry_extra(entry)
    )
    return entry


def _check_registrable(award) -> None:
    if not Award.objects.registrable().filter(pk=award.pk).exists():
        message = _("“%(title)s” is not open to registration; choose another title.")
        raise ValidationError(
            {"award": ValidationError(message % {"title": award.name}, code="not_registrable")}
        )


def _names_of(people) -> str:
    """'Nguyễn Văn An, Trần Thị Bình' (the first ten, then "and N others")."""
    names = [person.full_name for person in people]
    if len(names) > 10:
        more = _("and %(count)s others") % {"count": len(names) - 10}
        names = [*names[:10], more]
    return ", ".join(names)


def _check_batch(registration, award, people: list) -> None:
    """Every person works in the unit in the round's year and is not yet registered for the title: one
    message naming everyone with a problem, so that the officer can untick them."""
    if not people:
        message = _("Tick at least one staff member to register.")
        raise ValidationError({"people": ValidationError(message, code="empty")})
    if not award.is_individual:
        message = _("“%(title)s” is a collective title: it is registered for the unit, not for a person.")
        raise ValidationError(
            {"award": ValidationError(message % {"title": award.name}, code="wrong_subject")}
        )
    year, ids = registration.round.year, [person.pk for person in people]
    inside = set(
        staff_during(registration.unit, year).filter(person_id__in=ids).values_list("person_id", flat=True)
    )
    if outside := [person for person in people if person.pk not in inside]:
        message = _("Not working in %(unit)s in %(year)s: %(people)s. Untick them.")
        params = {"people": _names_of(outside), "unit": registration.unit.name, "year": year}
        raise ValidationError({"people": ValidationError(message % params, code="not_in_unit")})
    taken = set(
        RegistrationEntry.objects.filter(
            registration__round_id=registration.round_id, award=award, person_id__in=ids
        ).values_list("person_id", flat=True)
    )
    if registered := [person for person in people if person.pk in taken]:
        message = _(
            "Already registered for “%(title)s” in this round: %(people)s. "
            "Untick them or choose another title."
        )
        params = {"people": _names_of(registered), "title": award.name}
        raise ValidationError({"people": ValidationError(message % params, code="duplicate")})


@transaction.atomic
def add_entries(*, actor, registration, award, people, pledges: str = "") -> list[RegistrationEntry]:
    """Register one individual title for many staff of the unit at once (the officer ticks them in the unit's
    list). All are checked first and saved together, or none; each entry is logged as `add_entry` logs it."""
    require(actor is None or can_compile(actor, registration))
    registration = lock(registration)
    _check_editable(registration)
    _check_registrable(award)
    people = list(dict.fromkeys(people))
    _check_batch(registration, award, people)
    entries = []
    for person in people:
        entry = RegistrationEntry(
            registration=registration, award=award, person=person, pledges=pledges, created_by=actor
        )
        entry.full_clean(
            exclude=["registration", "award", "person", "created_by"], validate_constraints=False
        )
        entry.save()
        _log(
            actor,
            "movements.entry.added",
            registration,
            after=_entry_snapshot(entry),
            extra=_entry_extra(entry),
        )
        entries.append(entry)
    return entries


@transaction.atomic
def update_entry(*, actor, entry, award, pledges: str = "") -> RegistrationEntry:
    """Change a registered entry: the title aimed at and the pledges (the person or the unit stays)."""
    require(actor is None or can_edit_entry(actor, entry))
    registration = lock(entry.registration)
    _check_editable(registration)
    if award.pk != entry.award_id:
        _check_registrable(award)
        _check_subject(award, entry.person)
        _check_duplicate_entry(registration, award, entry.person)
    before = _entry_snapshot(entry)
    entry.award, entry.pledges = award, pledges
    entry.full_clean(exclude=["registration", "award", "person", "created_by"], validate_constraints=False)
    entry.save(update_fields=["award", "pledges"])
    after = _entry_snapshot(entry)
    changed = [name for name in after if after[name] != before[name]]
    if not changed:
        return entry
    _log(
        actor,
        "movements.entry.updated",
        registration,
        before={name: before[name] for name in changed},
        after={name: after[name] for name in changed} | {"person": after["person"]},
        extra=_entry_extra(entry),
    )
    return entry


def _entry_snapshot(entry) -> dict:
    return {
        "award": entry.award.name,
        "person": entry.person.full_name if entry.person_id else "",
        "pledges": entry.pledges,
    }


def _entry_extra(entry) -> dict:
    return {"entry": entry.pk, "award": entry.award.code, "person": entry.person_id}


@transaction.atomic
def remove_entry(*, actor, entry) -> None:
    """Withdraw a registered title while the registration may change."""
    require(actor is None or can_edit_entry(actor, entry))
    registration = entry.registration
    registration = lock(registration)
    _check_editable(registration)
    before, extra = _entry_snapshot(entry), _entry_extra(entry)
    entry.delete()
    _log(actor, "movements.entry.removed", registration, before=before, extra=extra)


# --- submission and review ---------------------------------------------------------------------------------


def _check_submittable(registration, on: dt.date) -> None:
    if not registration.entries.exists():
        message = _("Register at least one title (of the unit or of a staff member) before submitting.")
        raise ValidationError(message, code="empty")
    deadline = registration.round.deadline
    if registration.status == RegistrationStatus.DRAFT and on > deadline:
        message = _(
            "The deadline was %(deadline)s; the registration can no longer be submitted. "
            "Contact the secretariat of the emulation council."
        )
        raise ValidationError(message % {"deadline": _date(deadline)}, code="deadline_passed")


def _moment(on: dt.date | None) -> dt.datetime:
    """Now; or, for a past day given by the demo loader or an import of old records, noon of that day."""
    if on is None or on == timezone.localdate():
        return timezone.now()
    return timezone.make_aware(dt.datetime.combine(on, dt.time(12)))


def submit_registration(*, actor, registration, on: dt.date | None = None) -> Registration:
    """The officer sends the unit's registration to the secretariat."""
    on = on or timezone.localdate()

    def change(registration):
        _check_submittable(registration, on)
        registration.submitted_at, registration.submitted_by = _moment(on), actor

    def notices(registration):
        secretariat = User.objects.holding(Role.SECRETARIAT, agency=registration.round.movement.agency_id)
        title = gettext_noop("Registration to review: %(unit)s — %(movement)s %(year)s")
        return [_notice(secretariat, registration, title=title, kind="registrations.submitted")]

    fields = ("submitted_at", "submitted_by", "updated_at")
    registration = move(
        REGISTRATIONS, registration, "submit", actor=actor, change=change, fields=fields, notices=notices
    )
    _settle_round(actor, registration.round, on)
    return registration


def _settle_round(actor, round, on: dt.date) -> None:
    """The round's "registration is open" and reminder notifications are done for the officer once none of
    her units has still to submit in it."""
    units = scope_for(actor).edit_units if actor is not None else ()
    if units and not RegistrationRound.objects.filter(pk=round.pk).awaiting_units(on, units).exists():
        settle(user=actor, target=round)


def _officers_and_submitter(registration) -> list[User]:
    users = unit_officer_accounts(registration.unit)
    if registration.submitted_by_id:
        users.append(registration.submitted_by)
    return users


def return_registration(*, actor, registration, reason: str, on: dt.date | None = None) -> Registration:
    """The secretariat returns a submitted registration to the unit, saying what to change."""
    reason = nfc_lines(reason)

    def change(registration):
        if not reason:
            message = _(
                "Write the reason for returning the registration, so that the unit knows what to change."
            )
            raise ValidationError({"reason": ValidationError(message, code="reason_required")})
        registration.return_reason = reason
        registration.reviewed_at, registration.reviewed_by = _moment(on), actor

    def notices(registration):
        title = gettext_noop("Registration returned for changes: %(unit)s — %(movement)s %(year)s")
        users = _officers_and_submitter(registration)
        return [_notice(users, registration, title=title, body=reason, kind="registrations.returned")]

    return move(
        REGISTRATIONS,
        registration,
        "return",
        actor=actor,
        change=change,
        fields=("return_reason", "reviewed_at", "reviewed_by", "updated_at"),
        after={"return_reason": reason},
        notices=notices,
    )


def approve_registration(*, actor, registration, on: dt.date | None = None) -> Registration:
    """The secretariat approves a submitted registration; it is locked from then on."""

    def change(registration):
        registration.reviewed_at, registration.reviewed_by = _moment(on), actor

    def notices(registration):
        title = gettext_noop("Registration approved: %(unit)s — %(movement)s %(year)s")
        users = _officers_and_submitter(registration)
        return [_notice(users, registration, title=title, kind="registrations.approved")]

    fields = ("reviewed_at", "reviewed_by", "updated_at")
    return move(
        REGISTRATIONS, registration, "approve", actor=actor, change=change, fields=fields, notices=notices
    )


# --- reminders ---------------------------------------------------------------------------------------------


def rounds_to_remind(on: dt.date):
    """Open rounds of ongoing movements whose deadline is one of the reminder offsets away, not yet reminded
    on that day."""
    deadlines = [on + dt.timedelta(days=days) for days in sorted(reminder_offsets()) if days >= 0]
    return (
        RegistrationRound.objects.filter(opens_on__lte=on, deadline__in=deadlines)
        .filter(movement__takes_registrations=True)
        .exclude(movement__status__in=[Status.PREPARING, Status.CLOSED])
        .filter(Q(reminded_on__isnull=True) | Q(reminded_on__lt=on))
    )


def pending_units(round) -> list[Unit]:
    """The round's units without a registration currently submitted or approved."""
    done = Registration.objects.filter(
        round=round, status__in=[RegistrationStatus.SUBMITTED, RegistrationStatus.APPROVED]
    ).values("unit_id")
    return list(round_units(round).exclude(pk__in=done))


def _remind(round, units) -> None:
    movement = round.movement
    days = (round.deadline - round.reminded_on).days
    log_action(
        actor=None,
        action="movements.reminders.sent",
        target=round,
        agency=movement.agency,
        extra={"units": [unit.pk for unit in units], "days_left": days},
    )
    context = {"movement": movement.name, "year": round.year, "deadline": _date(round.deadline), "days": days}
    for unit in units:
        with translation.override(settings.LANGUAGE_CODE):
            title = _("Reminder: submit the emulation registration of %(unit)s by %(deadline)s") % {
                "unit": unit.name,
                "deadline": _date(round.deadline),
            }
        notify(
            users=unit_officer_accounts(unit),
            title=title,
            body=f"{movement.name} — {round.year}",
            url=reverse("registrations:round", args=[round.pk]),
            kind="registrations.reminder",
            email_template="registration_reminder",
            context=context | {"unit": unit.name},
            target=round,
        )


@transaction.atomic
def send_registration_reminders(*, on: dt.date | None = None) -> int:
    """Remind the officers of every unit that has not submitted, at the configured days before the deadline,
    once a day per round. Run by the system (task or cron command); returns how many units were reminded."""
    on = on or timezone.localdate()
    rounds = list(
        rounds_to_remind(on)
        .select_for_update(skip_locked=True, of=("self",))
        .select_related("movement__agency")
    )
    count = 0
    for round in rounds:
        units = pending_units(round)
        round.reminded_on = on
        round.save(update_fields=["reminded_on"])
        if units:
            _remind(round, units)
            count += len(units)
    return count
