"""The activity log of the generated history, dated when each change happened, with the actions and data
shapes the domain functions write (activity.domain.log_action, actor None: the system): a person added with
her first post, a post started (moves) or ended (leaving), the merger, drafts created, documents issued or
registered, accounts created and roles granted. About people + 1.9 × documents rows (~250 000 at default)."""

import datetime as dt
from itertools import pairwise

from django.contrib.contenttypes.models import ContentType

from accounts.models import User
from activity.models import ActivityLog
from documents.models import Document
from organisations.models import Agency
from people.domain import PERSON_FIELDS
from people.models import Person

from .bulk import dated, insert
from .emulation import moment
from .world import MERGER_DAY, World


def save_log(world: World, rows, label: str, total: int) -> None:
    with dated(ActivityLog, "created_at"):
        insert(ActivityLog, rows, label=label, total=total, stream=world.stream, build_ahead=True)
    world.counts["activity"] = world.counts.get("activity", 0) + total


def _row(action: str, target_type, target_id, target_repr: str, agency_id, day: dt.date, data: dict, hour=9):
    return ActivityLog(
        action=action,
        target_type=target_type,
        target_id=str(target_id),
        target_repr=target_repr[:300],
        agency_id=agency_id,
        data=data,
        created_at=moment(day, hour),
    )


def log_people(world: World, rows: list) -> None:
    """ "people.person.created" for each person saved (rows: the Person rows, in world.people's order)."""
    kind, start = ContentType.objects.get_for_model(Person), world.config.start

    def entries():
        for plan, row in zip(world.people, rows, strict=True):
            first = plan.posts[0]
            after = {name: _json(getattr(row, name)) for name in PERSON_FIELDS}
            after |= {"unit": first.unit.pk, "position": first.position}
            yield _row(
                "people.person.created",
                kind,
                row.pk,
                row.full_name,
                first.unit.plan.pk,
                max(plan.hired, start),
                {"after": after},
            )

    save_log(world, entries(), "Nhật ký — cán bộ", len(rows))


def _json(value):
    return value.isoformat() if isinstance(value, dt.date) else value


def log_posts(world: World) -> None:
    """ "people.assignment.started" for each move, "people.assignment.ended" for each leaving."""
    kind, rows = ContentType.objects.get_for_model(Person), []
    for person in world.people:
        for before, post in pairwise(person.posts):
            if post.start == MERGER_DAY and post.unit is before.unit.successor:
                continue  # the merger's continuation: logged once, as the merger
            data = {"after": _post_data(post), "extra": {"ended_assignments": [before.pk]}}
            rows.append(
                _row(
                    "people.assignment.started",
                    kind,
                    person.pk,
                    person.name,
                    post.unit.plan.pk,
                    post.start,
                    data,
                )
            )
        if person.left:
            last = person.posts[-1]
            data = {"before": _post_data(last) | {"end_date": None}, "after": _post_data(last)}
            rows.append(
                _row(
                    "people.assignment.ended",
                    kind,
                    person.pk,
                    person.name,
                    last.unit.plan.pk,
                    person.left,
                    data,
                    hour=16,
                )
            )
    rows += _merger_rows(world)
    save_log(world, rows, "Nhật ký — công tác", len(rows))


def _post_data(post) -> dict:
    return {
        "unit": post.unit.pk,
        "position": post.position,
        "is_leadership": post.leadership,
        "is_primary": True,
        "start_date": post.start.isoformat(),
        "end_date": post.end.isoformat() if post.end else None,
    }


def _merger_rows(world: World) -> list:
    kind, rows = ContentType.objects.get_for_model(Agency), []
    for plan in world.predecessors:
        moved = sum(
            1
            for person in world.people
            for before, post in pairwise(person.posts)
            if before.unit.plan is plan and post.unit is before.unit.successor
        )
        after = {"successor": plan.successor.pk, "on": MERGER_DAY.isoformat(), "assignments_moved": moved}
        rows.append(
            _row(
                "organisations.agency.merged",
                kind,
                plan.pk,
                plan.agency.name,
                plan.successor.pk,
                MERGER_DAY,
                {"after": after},
                hour=7,
            )
        )
    return rows


def log_documents(world: World) -> None:
    """ "documents.document.created" for every outgoing document, then "…issued" for the numbered ones;
    "documents.document.registered" for incoming ones."""
    kind = ContentType.objects.get_for_model(Document)

    def entries():
        for pk, agency_id, direction, _status, day, reference, subject, unit_id in world.papers:
            shown = f"{reference} — {subject}" if reference else subject
            if direction == "incoming":
                yield _row("documents.document.registered", kind, pk, shown, agency_id, day, {"after": {}})
                continue
            drafted = day - dt.timedelta(days=(pk % 5) + 1)
            yield _row(
                "documents.document.created",
                kind,
                pk,
                subject,
                agency_id,
                drafted,
                {"after": {"subject": subject, "drafting_unit": unit_id}},
            )
            if reference:
                after = {"number": reference, "issued_on": day.isoformat()}
                yield _row("documents.document.issued", kind, pk, shown, agency_id, day, {"after": after}, 15)

    total = sum(1 if p[2] == "incoming" else 1 + bool(p[5]) for p in world.papers)
    save_log(world, entries(), "Nhật ký — văn bản", total)


def log_accounts(world: World) -> None:
    kind, rows, today = ContentType.objects.get_for_model(User), [], world.config.today
    for account in world.accounts.values():
        after = {"username": account.username, "person": account.person_id, "password": "set"}
        rows.append(
            _row(
                "accounts.account.created", kind, account.pk, account.username, None, today, {"after": after}
            )
        )
        for grant in account.role_grants.all():
            after = {"role": grant.role, "agency": grant.agency_id, "unit": grant.unit_id}
            rows.append(
                _row(
                    "accounts.role.granted",
                    kind,
                    account.pk,
                    account.username,
                    grant.agency_id,
                    today,
                    {"after": after},
                )
            )
    save_log(world, rows, "Nhật ký — tài khoản", len(rows))
