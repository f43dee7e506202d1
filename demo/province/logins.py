"""Stage: the accounts a benchmark signs in with, and their inboxes.

- `admin`: superuser and system administrator of the whole installation;
- `secretariat-<n>` (n = 1..--agencies, generator order): Thường trực Hội đồng TĐKT of department n, linked
  to a member of its Văn phòng — `secretariat-1` sees the largest department's ~40 % of the people;
- `leader-1`: the director of department 1 (agency leader); `unithead-1`: the head of its biggest unit (unit
  head); `staff-1`: a member of that unit (a staff member: the role comes with the linked person).

All share demo.data.PASSWORD ("thidua2026"), hashed once. Roles are RoleGrant rows as
accounts.domain.grant_role writes them. Their inboxes hold the notices of the documents sent to them
(dissemination) and of documents issued, most of them read.
"""

import datetime as dt

from django.contrib.auth.hashers import make_password
from django.urls import reverse

from accounts.models import RoleGrant, User
from demo.data import PASSWORD
from notifications.models import Notification
from people.models import Person

from .bulk import insert
from .emulation import moment
from .world import World, rng


def create_accounts(world: World) -> None:
    hashed = make_password(PASSWORD)
    first = world.agencies[0]
    unit = focus_unit(world)
    world.focus_unit = unit
    wanted = [("admin", None, "system_admin", None, None)]
    for plan in world.agencies:
        office = next(u for u in plan.units if u.spec.staffing == "office")
        wanted.append((f"secretariat-{plan.number}", _member(world, office), "secretariat", plan, None))
    wanted += [
        ("leader-1", _director(world, first), "agency_leader", first, None),
        ("unithead-1", unit.head, "unit_head", first, unit),
        ("staff-1", _member(world, unit, skip=1), "", None, None),
    ]
    for username, person, role, plan, grant_unit in wanted:
        _account(world, hashed, username, person, role, plan, grant_unit)


def focus_unit(world: World):
    """The biggest unit of department 1 in force today (not its Ban Giám đốc) that has a head."""
    units = [u for u in world.agencies[0].units if u.head and u.spec.staffing != "leadership"]
    return max(units, key=lambda u: (u.members, -u.pk))


def _member(world: World, unit, skip: int = 0):
    """A current member of the unit who is no leader, by staff order (`skip` of them passed over)."""
    members = [
        p for p in world.people if p.rank == 2 and p.posts[-1].unit is unit and p.posts[-1].end is None
    ]
    return members[min(skip, len(members) - 1)] if members else unit.head


def _director(world: World, plan):
    leadership = next(u for u in plan.units if u.spec.staffing == "leadership")
    return leadership.head


def _account(world: World, hashed: str, username: str, person, role: str, plan, unit) -> None:
    account = User.objects.filter(username=username).first()
    if account is None:
        row = Person.objects.filter(pk=person.pk).first() if person else None
        account = User(
            username=username,
            password=hashed,
            person=row,
            email=row.email if row else "",
            first_name=row.full_name if row else "Quản trị hệ thống",
            is_superuser=username == "admin",
            is_staff=username == "admin",
        )
        account.full_clean(exclude=["password"])
        account.save()
    world.accounts[username] = account
    if role:
        RoleGrant.objects.get_or_create(
            user=account,
            role=role,
            agency=plan.agency if plan else None,
            unit=unit.unit if unit else None,
            revoked_at=None,
        )


def create_notifications(world: World) -> None:
    """The accounts' inboxes: a notice per document sent to their person, and some documents issued."""
    draw, rows = rng(world.config, "notifications"), []
    received = world.received
    papers = [p for p in world.papers if p[2] == "outgoing" and p[5]]
    for account in world.accounts.values():
        if account.person_id is None:
            continue
        for _document_id, reference, day in received.get(account.person_id, []):
            rows.append(
                _notice(
                    draw,
                    account,
                    "dissemination.received",
                    f"Văn bản cần đọc: {reference}",
                    reverse("dissemination:mine"),
                    day,
                    world.config.today,
                )
            )
        agency_papers = [p for p in papers if p[1] == account.person.agency_id]
        for paper in draw.sample(agency_papers, min(len(agency_papers), 30)):
            title = f"Văn bản của bạn đã được ban hành với số {paper[5]}"
            url = reverse("documents:detail", args=[paper[0]])
            rows.append(_notice(draw, account, "documents.issued", title, url, paper[4], world.config.today))
    insert(Notification, rows, label="Thông báo", total=len(rows), stream=world.stream)


def _notice(draw, account, kind: str, title: str, url: str, day: dt.date, today: dt.date) -> Notification:
    recent = (today - day).days < 20
    read = None if recent and draw.random() < 0.6 else moment(min(day + dt.timedelta(days=2), today), 15)
    return Notification(user=account, kind=kind, title=title, url=url, created_at=moment(day), read_at=read)
