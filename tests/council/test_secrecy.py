"""The issue's "done when": after a secret ballot of 9 members, for EVERY table of the database no row links a
member (his account, his person, his seat, his attendance or participation) or a moment to a choice; the box
is rewritten at the close (new ids, re-keyed receipts); the activity log, the notifications and the task queue
say who voted, never what; and while the ballot is open no choice is stored in clear.

(The API and the minutes' exports are checked by their own tests: tests/api/, the minutes' tests.)"""

import contextlib
import json
import pickle
import re
import uuid

import pytest
from django.core.cache import cache
from django.db import connection
from django.utils import translation

from accounts.models import User
from activity.models import ActivityLog
from council import ballot_box
from council.domain import ballot, meetings
from council.models import Attendance, Ballot, Choice, Item, Membership, OpenVote, Participation
from council.tally import published
from people.models import Person
from tests.council.helpers_domain import remake, vote

CHOICE_CODES = set(Choice.values)
WANTED = {"Nguyễn Văn Dũng": 6, "Trần Thị Lan": 5, "Đặng Thị Hương": 3, "Phòng Kế hoạch": 8}


def tables() -> list[str]:
    with connection.cursor() as cursor:
        return sorted(connection.introspection.table_names(cursor))


def rows_of(table: str) -> tuple[list[str], list[tuple]]:
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT * FROM {connection.ops.quote_name(table)}")
        return [column[0] for column in cursor.description], cursor.fetchall()


def relations(table: str) -> dict[str, str]:
    """column → the table it references (foreign keys of the schema)."""
    with connection.cursor() as cursor:
        return {
            column: ref[1] for column, ref in connection.introspection.get_relations(cursor, table).items()
        }


def described(table: str) -> dict[str, str]:
    """column → the Django field type the database's column reads as."""
    with connection.cursor() as cursor:
        return {
            row.name: connection.introspection.get_field_type(row.type_code, row)
            for row in connection.introspection.get_table_description(cursor, table)
        }


def as_text(value) -> str:
    if isinstance(value, bytes | memoryview):
        return bytes(value).decode("utf-8", "replace")
    return "" if value is None else str(value)


@pytest.fixture
def secret_ballot(cw):
    """A meeting where every item is secret: opened, every seat votes (8 electronically, 1 in writing)."""
    remake(cw, all_secret=True)
    meetings.open_ballot(actor=cw.secretary, meeting=cw.meeting)
    cw.codes = vote(cw, WANTED)
    cw.member_ids = {
        User._meta.db_table: {user.pk for _m, user in cw.members},
        Person._meta.db_table: {membership.person_id for membership, _u in cw.members},
        Membership._meta.db_table: {membership.pk for membership, _u in cw.members},
        Attendance._meta.db_table: set(
            Attendance.objects.filter(meeting=cw.meeting).values_list("pk", flat=True)
        ),
        Participation._meta.db_table: set(
            Participation.objects.filter(item__meeting=cw.meeting).values_list("pk", flat=True)
        ),
    }
    cw.names = [membership.person.full_name for membership, _u in cw.members]
    return cw


def close(cw):
    meetings.close_ballot(actor=cw.secretary, meeting=cw.meeting)
    cw.meeting.refresh_from_db()


def test_every_item_of_the_meeting_is_secret(secret_ballot):
    assert set(Item.objects.filter(meeting=secret_ballot.meeting).values_list("secret", flat=True)) == {True}


def test_while_voting_no_choice_is_stored_in_clear(secret_ballot):
    ballots = list(Ballot.objects.filter(item__meeting=secret_ballot.meeting))

    assert len(ballots) == 8 + 9 + 9 + 9  # Dũng is recused from his own proposal
    assert {b.choice for b in ballots} == {""}
    assert all(len(b.seal) == 64 and len(b.receipt) == 64 for b in ballots)
    assert not OpenVote.objects.exists()
    # no table holds a choice code as a column value yet
    for table in tables():
        _columns, rows = rows_of(table)
        for row in rows:
            assert not CHOICE_CODES & {as_text(v) for v in row}, (table, row)


def test_only_the_box_holds_choices_and_the_box_knows_no_voter_nor_time(secret_ballot):
    close(secret_ballot)

    # (a) the schema: the models with a column of choices are the box and the named votes of open items
    from django.apps import apps

    with_choices = {
        (model._meta.db_table, field.column)
        for model in apps.get_models()
        for field in model._meta.concrete_fields
        if field.choices and set(dict(field.choices)) >= CHOICE_CODES
    }
    assert with_choices == {("council_ballot", "choice"), ("council_openvote", "choice")}
    assert relations("council_ballot") == {"item_id": "council_item"}
    columns = described("council_ballot")
    assert set(columns) == {"id", "item_id", "receipt", "seal", "choice"}
    assert not {"DateField", "DateTimeField", "TimeField", "AutoField", "BigAutoField"} & set(
        columns.values()
    )
    assert isinstance(Ballot._meta.pk.default(), uuid.UUID)
    assert {uuid.UUID(str(pk)).version for pk in Ballot.objects.values_list("pk", flat=True)} == {4}
    assert not OpenVote.objects.filter(item__secret=True).exists()


def test_no_row_of_any_table_links_a_member_to_a_choice(secret_ballot):
    cw = secret_ballot
    close(cw)
    member_tables = cw.member_ids

    # (b) the data: every row of every table
    holding = set()
    for table in tables():
        refs = relations(table)
        columns, rows = rows_of(table)
        for row in rows:
            values = dict(zip(columns, row, strict=True))
            if not CHOICE_CODES & {as_text(v) for v in values.values()}:
                continue
            holding.add(table)
            linked = [
                column
                for column, target in refs.items()
                if target in member_tables and values.get(column) in member_tables[target]
            ]
            assert not linked, f"{table} links {linked} to a choice: {values}"
            when = [c for c, kind in described(table).items() if kind in ("DateField", "DateTimeField")]
            assert not when, f"{table} has a time beside a choice: {when}"
    assert holding == {"council_ballot"}
    counted = Counter_of(Ballot.objects.filter(item__meeting=cw.meeting).values_list("item", "choice"))
    assert counted[(cw.item("Trần Thị Lan").pk, "for")] == 5
    assert counted[(cw.item("Đặng Thị Hương").pk, "against")] == 6


def Counter_of(pairs):
    from collections import Counter

    return Counter(pairs)


def test_the_close_rewrites_the_box_with_new_ids_and_rekeyed_receipts(secret_ballot):
    cw = secret_ballot
    before = list(Ballot.objects.filter(item__meeting=cw.meeting).values_list("pk", "item", "receipt"))

    close(cw)

    after = list(Ballot.objects.filter(item__meeting=cw.meeting).values_list("pk", "item", "receipt", "seal"))
    assert len(after) == len(before)
    assert not {pk for pk, *_ in before} & {pk for pk, *_ in after}  # (c) new identifiers
    assert not {r for *_, r in before} & {r for _pk, _i, r, _s in after}  # re-keyed receipts
    assert sorted((i, ballot_box.rekey(r)) for _pk, i, r in before) == sorted(
        (i, r) for _pk, i, r, _s in after
    )
    assert {s for *_, s in after} == {""}  # the seals are gone with the old rows
    rows = published(cw.meeting)
    assert sum(len(v) for v in rows.values()) == len(after)
    assert all(len(row.receipt) == 12 for v in rows.values() for row in v)
    if connection.vendor == "postgresql":  # one transaction wrote the whole box
        with connection.cursor() as cursor:
            cursor.execute("SELECT COUNT(DISTINCT xmin::text) FROM council_ballot")
            assert cursor.fetchone()[0] == 1


def test_no_receipt_code_nor_fingerprint_of_the_ballot_is_kept(secret_ballot):
    cw = secret_ballot
    fingerprints = set(Ballot.objects.values_list("receipt", flat=True))
    codes = set(cw.codes.values()) | {ballot_box.normalise_code(c) for c in cw.codes.values()}

    close(cw)

    for table in tables():
        _columns, rows = rows_of(table)
        for row in rows:
            text = " ".join(as_text(v) for v in row)
            assert not any(code in text for code in codes), table
            assert not any(f in text for f in fingerprints), table


def choice_words() -> set[str]:
    """The choices as a value may hold them: the codes and the labels in both languages."""
    words = set(CHOICE_CODES) | {
        "đồng ý",
        "không đồng ý",
        "tán thành",
        "không tán thành",
        "agree",
        "disagree",
    }
    for language in ("vi", "en"):
        with translation.override(language):
            words |= {str(label).lower() for label in Choice.labels}
    return words


def leaves(value, key=""):
    """(key, text) of every leaf of a column's value, JSON read through."""
    if isinstance(value, str) and value[:1] in "{[":
        with contextlib.suppress(ValueError):
            value = json.loads(value)
    if isinstance(value, dict):
        for k, v in value.items():
            yield from leaves(v, str(k))
    elif isinstance(value, list):
        for v in value:
            yield from leaves(v, key)
    else:
        yield key, as_text(value)


def links_a_name_to_a_choice(text: str, names, words) -> bool:
    """A member's name and, in the same clause, a choice that is not a total ("đồng ý 6" is a total)."""
    choice = "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))
    return any(
        re.search(rf"{re.escape(name)}[^.;\n]{{0,80}}?(?<![\w])({choice})(?![\w])(?!\s*[\d/])", text, re.I)
        for name in names
    )


def test_the_log_the_notifications_and_the_task_queue_say_who_voted_never_what(secret_ballot):
    cw = secret_ballot
    close(cw)

    # (d) the activity log, the notifications, the task queue and the cache
    member_users = cw.member_ids[User._meta.db_table]
    casts = ActivityLog.objects.filter(action="council.ballot.cast")
    assert sorted(casts.values_list("actor", flat=True)) == sorted(u.pk for _m, u in cw.members[:-1])
    assert {json.dumps(log.data, sort_keys=True) for log in casts} == {
        '{"after": {"items": 3}}',
        '{"after": {"items": 4}}',
    }
    words = choice_words()
    scanned = 0
    for table in ("activity_activitylog", "notifications_notification", "django_tasks_database_dbtaskresult"):
        refs = relations(table)
        columns, rows = rows_of(table)
        for row in rows:
            values = dict(zip(columns, row, strict=True))
            found = [leaf for v in values.values() for leaf in leaves(v)]
            about_member = any(name in text for _k, text in found for name in cw.names) or any(
                values.get(c) in member_users for c, target in refs.items() if target == User._meta.db_table
            )
            scanned += about_member
            if about_member:
                assert not [
                    k for k, text in found if text.strip().lower() in words or k in ("choice", "choices")
                ]
                assert not any(links_a_name_to_a_choice(text, cw.names, words) for _k, text in found), values
    assert scanned >= 8 + 9 + 8  # the casts, the convening's notices, the opening's notices at least
    for key, value in getattr(cache, "_cache", {}).items():
        text = as_text(pickle.loads(value)) if isinstance(value, bytes) else as_text(value)
        assert not links_a_name_to_a_choice(text, cw.names, words), key


def test_a_member_checks_his_own_receipt_only(secret_ballot):
    cw = secret_ballot
    close(cw)
    an = cw.members[0][0]

    mine = ballot.verify_receipt(meeting=cw.meeting, code=cw.codes[an.pk])

    assert [choice for _item, choice in mine] == ["for", "for", "for", "for"]  # An comes first in every count
    everyone = [ballot.verify_receipt(meeting=cw.meeting, code=code) for code in cw.codes.values()]
    assert (
        sum(len(found) for found in everyone) == 3 + 7 * 4
    )  # Dũng recused on one; the written vote has no code


def test_named_votes_only_for_the_open_items(cw):
    from awards.models import Award
    from nominations.domain.rounds import open_round
    from tests.council.conftest import ready

    award = Award.objects.get(code="chien-si-thi-dua-tinh")
    old = open_round(
        actor=None,
        agency=cw.world.agency,
        name="Đợt 2022",
        year=2022,
        deadline=cw.today,
        awards=[award, cw.awards["lao-dong-tien-tien"]],
    )
    secret = ready(old, award, unit=cw.world.team, person=cw.world.team_person)
    public = ready(
        old, cw.awards["lao-dong-tien-tien"], unit=cw.world.division, person=cw.world.division_person
    )
    remake(cw, proposals=[secret, public])
    meetings.open_ballot(actor=None, meeting=cw.meeting)
    vote(cw, {"Đặng Thị Hương": 9, "Lê Văn Minh": 4})
    close(cw)

    secret_item, public_item = (Item.objects.get(meeting=cw.meeting, proposal=p) for p in (secret, public))
    assert (secret_item.secret, public_item.secret) == (True, False)
    assert not OpenVote.objects.filter(item=secret_item).exists()
    assert OpenVote.objects.filter(item=public_item).count() == 9
    assert Ballot.objects.filter(item=secret_item).count() == 9
