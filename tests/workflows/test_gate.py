"""workflows.gate: the one gate — who may, the row lock, the table, the refusal message, the log, the notices.

The gate is tried on a small workflow of its own over movements.Movement (the data apps' tables are tested
with their apps)."""

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ImproperlyConfigured, PermissionDenied, ValidationError
from django.db import connection
from django.db.models import QuerySet

from activity.models import ActivityLog
from movements.models import Movement, Status
from notifications.models import Notification
from tests.factories import MovementFactory
from workflows import gate
from workflows.gate import Move, Notice, Who, Workflow, move, refusal

SECRETARIAT = Who(lambda actor, movement: actor.username == "thuongtruc", "the secretariat")
RUNNING = (Status.LAUNCHED, Status.IN_PROGRESS)
TOY = Workflow(
    name="tests.movement",
    model=Movement,
    log="tests.movement.moved",
    moves=[
        Move(Status.PREPARING, "launch", Status.LAUNCHED, SECRETARIAT, "be launched"),
        Move(RUNNING, "close", Status.CLOSED, SECRETARIAT, "be closed", log="tests.movement.closed"),
    ],
)


@pytest.fixture
def movement(world):
    return MovementFactory(agency=world.agency, status=Status.PREPARING)


def logs() -> list[ActivityLog]:
    return list(ActivityLog.objects.filter(action__startswith="tests.movement.").order_by("id"))


def status_in_db(movement) -> str:
    return Movement.objects.values_list("status", flat=True).get(pk=movement.pk)


# --- moves in the table -------------------------------------------------------------------------------------


def test_an_allowed_move_saves_the_status_and_logs_it(world, movement):
    moved = move(TOY, movement, "launch", actor=world.secretariat, after={"note": "x"})
    assert moved is movement and movement.status == Status.LAUNCHED == status_in_db(movement)
    [log] = logs()
    assert (log.action, log.actor, log.agency, log.target_id) == (
        "tests.movement.moved",
        world.secretariat,
        world.agency,
        str(movement.pk),
    )
    assert log.data == {"before": {"status": "preparing"}, "after": {"status": "launched", "note": "x"}}


def test_a_move_has_its_own_log_name_and_the_caller_may_name_another(world, movement):
    move(TOY, movement, "launch", actor=None)
    move(TOY, movement, "close", actor=None, log="tests.movement.relayed")
    assert movement.status == Status.CLOSED == status_in_db(movement)
    assert [log.action for log in logs()] == ["tests.movement.moved", "tests.movement.relayed"]
    movement = MovementFactory(agency=world.agency, status=Status.IN_PROGRESS)
    move(TOY, movement, "close", actor=None)
    assert status_in_db(movement) == Status.CLOSED and logs()[-1].action == "tests.movement.closed"


def test_change_runs_under_the_lock_and_after_is_read_from_the_changed_object(world, movement):
    def change(movement):
        assert movement.status == Status.PREPARING  # the status is set after the caller's change
        movement.theme = "Chủ đề mới"

    move(TOY, movement, "launch", actor=None, change=change, after=lambda m: {"theme": m.theme})
    movement.refresh_from_db()
    assert (movement.status, movement.theme) == (Status.LAUNCHED, "Chủ đề mới")
    assert logs()[0].data["after"] == {"status": "launched", "theme": "Chủ đề mới"}


def test_fields_limit_what_is_saved_with_the_status(world, movement):
    movement.name = "Not saved"
    move(TOY, movement, "launch", actor=None, fields=("updated_at",))
    movement.refresh_from_db()
    assert movement.status == Status.LAUNCHED and movement.name != "Not saved"


def test_a_move_asked_by_its_target_state(world, movement):
    move(TOY, movement, to=Status.LAUNCHED, actor=world.secretariat)
    assert status_in_db(movement) == Status.LAUNCHED and logs()[0].action == "tests.movement.moved"


# --- refusals -----------------------------------------------------------------------------------------------


def test_a_move_not_in_the_table_is_refused_with_the_one_message(world, movement, english):
    with pytest.raises(ValidationError) as caught:
        move(TOY, movement, "close", actor=world.secretariat)
    assert caught.value.code == "transition"
    assert caught.value.messages == ["A movement that is “Preparing” cannot be closed."]
    assert status_in_db(movement) == Status.PREPARING and logs() == []


@pytest.mark.parametrize(
    ("to", "message"),
    [
        (Status.CLOSED, "A movement that is “Preparing” cannot become “Closed”."),
        ("finished", "A movement that is “Preparing” cannot become “finished”."),
    ],
)
def test_a_target_state_not_in_the_table_is_refused(world, movement, english, to, message):
    with pytest.raises(ValidationError) as caught:
        move(TOY, movement, to=to, actor=world.secretariat)
    assert (caught.value.code, caught.value.messages) == ("transition", [message])
    assert status_in_db(movement) == Status.PREPARING and logs() == []


def test_an_unknown_action_is_refused_by_its_name(world, movement, english):
    with pytest.raises(ValidationError) as caught:
        move(TOY, movement, "dance", actor=world.secretariat)
    assert caught.value.messages == ["A movement that is “Preparing” cannot dance."]
    assert status_in_db(movement) == Status.PREPARING


def test_refusal_names_the_state_the_object_is_in(world, english):
    movement = MovementFactory(agency=world.agency, status=Status.CLOSED)
    error = refusal(TOY, movement, action="launch")
    assert (error.code, error.messages) == ("transition", ["A movement that is “Closed” cannot be launched."])
    assert status_in_db(movement) == Status.CLOSED


def test_permission_is_checked_before_anything_is_validated(world, movement, monkeypatch):
    locked = []
    monkeypatch.setattr(gate, "lock", locked.append)
    for action in ("launch", "close", "dance"):  # allowed, not from this state, not in the table
        with pytest.raises(PermissionDenied):
            move(TOY, movement, action, actor=world.officer, change=pytest.fail)
    with pytest.raises(PermissionDenied):
        move(TOY, movement, to="finished", actor=world.officer)
    assert locked == [] and status_in_db(movement) == Status.PREPARING and logs() == []


def test_the_system_may_make_every_move(movement):
    move(TOY, movement, "launch", actor=None)
    assert status_in_db(movement) == Status.LAUNCHED and logs()[0].actor is None


def test_a_refused_change_rolls_everything_back(world, movement):
    def change(movement):
        raise ValidationError({"theme": "No."})

    notices = [Notice(users=[world.officer], title="Launched", kind="tests.launched")]
    with pytest.raises(ValidationError):
        move(TOY, movement, "launch", actor=world.secretariat, change=change, notices=notices)
    assert status_in_db(movement) == Status.PREPARING
    assert logs() == [] and not Notification.objects.filter(kind="tests.launched").exists()


# --- the lock -----------------------------------------------------------------------------------------------


def test_the_row_is_read_again_under_a_lock_inside_the_gates_transaction(world, movement, monkeypatch):
    depth, locks = len(connection.savepoint_ids), []
    select_for_update = QuerySet.select_for_update

    def spy(queryset, *args, **kwargs):
        locks.append((queryset.model, len(connection.savepoint_ids) > depth))
        return select_for_update(queryset, *args, **kwargs)

    monkeypatch.setattr(QuerySet, "select_for_update", spy)
    move(TOY, movement, "launch", actor=world.secretariat)
    assert locks == [(Movement, True)] and status_in_db(movement) == Status.LAUNCHED


def test_a_stale_object_is_judged_by_its_row(world, movement, english):
    Movement.objects.filter(pk=movement.pk).update(status=Status.LAUNCHED)
    with pytest.raises(ValidationError) as caught:
        move(TOY, movement, "launch", actor=world.secretariat)
    assert caught.value.messages == ["A movement that is “Launched” cannot be launched."]
    assert movement.status == Status.LAUNCHED == status_in_db(movement)


# --- the notices --------------------------------------------------------------------------------------------


def test_notices_reach_everyone_but_the_actor_and_e_mail_after_the_commit(
    world, movement, django_capture_on_commit_callbacks, mailoutbox
):
    def notices(movement):
        users = [world.officer, world.secretariat, None]
        title = f"Launched: {movement.name}"
        return [
            Notice(
                users=users, title=title, url="/x/", kind="tests.launched", email_template="document_status"
            )
        ]

    with django_capture_on_commit_callbacks() as callbacks:
        move(TOY, movement, "launch", actor=world.secretariat, notices=notices)
        assert mailoutbox == []  # nothing leaves thidua before the commit
    [notice] = Notification.objects.filter(kind="tests.launched")
    assert (notice.user, notice.title, notice.target_id) == (
        world.officer,
        f"Launched: {movement.name}",
        str(movement.pk),
    )
    emails = [callback for callback in callbacks if "_enqueue" in repr(callback)]  # not the cache's
    assert len(emails) == 1 and mailoutbox == []
    emails[0]()
    assert [message.to for message in mailoutbox] == [[world.officer.email]]
    assert status_in_db(movement) == Status.LAUNCHED


def test_a_refused_move_tells_no_one(world, movement, django_capture_on_commit_callbacks, mailoutbox):
    notices = [
        Notice(users=[world.officer], title="Closed", kind="tests.closed", email_template="document_status")
    ]
    with django_capture_on_commit_callbacks(execute=True) as callbacks, pytest.raises(ValidationError):
        move(TOY, movement, "close", actor=world.secretariat, notices=notices)
    assert callbacks == [] and mailoutbox == []
    assert not Notification.objects.filter(kind="tests.closed").exists()
    assert status_in_db(movement) == Status.PREPARING


def test_the_move_marks_read_the_actors_notifications_about_the_object(world, movement):
    """The secretariat was told to launch it; launching it is the task: that notice is read, others stay."""
    other = MovementFactory(agency=world.agency, status=Status.PREPARING)
    asked = Notification.objects.create(user=world.secretariat, title="Launch it", target_id=str(movement.pk))
    asked.target_type_id = ContentType.objects.get_for_model(Movement).pk
    asked.save()
    unrelated = Notification.objects.create(
        user=world.secretariat,
        title="Another",
        target_type=ContentType.objects.get_for_model(Movement),
        target_id=str(other.pk),
    )
    someone_elses = Notification.objects.create(
        user=world.officer,
        title="Launch it",
        target_type=ContentType.objects.get_for_model(Movement),
        target_id=str(movement.pk),
    )

    move(TOY, movement, "launch", actor=world.secretariat)

    read = dict(Notification.objects.values_list("pk", "read_at"))
    assert read[asked.pk] is not None
    assert read[unrelated.pk] is None and read[someone_elses.pk] is None


# --- the table and the registry -----------------------------------------------------------------------------


def test_the_table_answers_what_may_come_next(db):
    assert TOY.targets_from(Status.PREPARING) == (Status.LAUNCHED,)
    assert TOY.targets_from(Status.IN_PROGRESS) == (Status.CLOSED,)
    assert TOY.targets_from(Status.CLOSED) == ()
    assert TOY.find(Status.LAUNCHED, "close").target == Status.CLOSED
    assert TOY.find(Status.LAUNCHED, to=Status.CLOSED).action == "close"
    assert TOY.find(Status.PREPARING, "close") is None
    assert TOY.named("close").sources == RUNNING


@pytest.mark.parametrize(
    "moves",
    [
        [Move(Status.PREPARING, "launch", Status.LAUNCHED, SECRETARIAT, "x")] * 2,  # an action twice
        [Move(Status.PREPARING, "launch", "sideways", SECRETARIAT, "x")],  # a state the field does not have
    ],
)
def test_a_badly_declared_table_is_refused_at_once(moves):
    with pytest.raises(ImproperlyConfigured):
        Workflow(name="tests.bad", model=Movement, log="tests.bad.moved", moves=moves)


def test_every_move_needs_a_log_action_name():
    with pytest.raises(ImproperlyConfigured):
        Workflow(
            name="tests.bad",
            model=Movement,
            moves=[Move(Status.PREPARING, "launch", Status.LAUNCHED, SECRETARIAT, "x")],
        )


def test_the_registry_holds_each_name_once(monkeypatch):
    monkeypatch.setattr(gate, "_registry", {})
    assert gate.register(TOY) is TOY and gate.register(TOY) is TOY
    other = Workflow(name=TOY.name, model=Movement, log="tests.other", moves=[])
    with pytest.raises(ImproperlyConfigured):
        gate.register(other)
    assert gate.all_workflows() == [TOY]


def test_the_apps_register_their_workflows_when_django_starts():
    names = [workflow.name for workflow in gate.all_workflows()]
    assert names == [
        "council.meeting",
        "decisions.decision",
        "decisions.package",
        "documents.document",
        "movements.movement",
        "movements.registration",
        "nominations.proposal",
        "publishing.publication",
    ]


def test_an_upper_app_adds_its_moves_to_a_lower_apps_table():
    """The council adds the vote's moves to the proposals' table: still one table, checked again."""
    from nominations.workflow import PROPOSALS

    assert gate.all_workflows().count(PROPOSALS) == 1
    assert PROPOSALS.targets_from("ready") == ("passed", "not_passed")
    with pytest.raises(ImproperlyConfigured):
        PROPOSALS.add(PROPOSALS.named("pass"))  # the same action twice
    assert [move.action for move in PROPOSALS.moves].count("pass") == 1
