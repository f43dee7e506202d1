"""The one gate through which every workflow changes a status.

A data app declares the table of each of its workflows in `<app>/workflow.py` and registers it (found by
WorkflowsConfig.ready(), as the admin finds admin.py): the moves of one model's status field, each an action
named by a verb (submit, return, approve, issue, publish, …) from one or more states to one state, with who
may make it. `manage.py workflows` prints every registered table. The app's domain functions call move(),
which

1. refuses (PermissionDenied) an actor who may not make the move, before anything is validated;
2. in one transaction, reloads the row under a lock (SELECT … FOR UPDATE);
3. refuses a move the table does not have from the row's state, with the one message that names the action
   and the state (ValidationError, code "transition");
4. runs the caller's `change` (its own checks and the other fields to set), still under the lock;
5. sets the status, saves, writes the activity log (the status before and after, with the caller's data);
6. tells the notices' recipients — never the actor — through notifications.domain.notify: the inbox rows in
   the same transaction (a refused or failed change tells no one), their e-mails after the commit;
7. marks read the actor's own notifications about the object: the move was the task they asked for.

`actor=None` is the system (the demo loader, commands, tasks): it may make every move of the table.
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from operator import attrgetter
from typing import Any

from django.core.exceptions import ImproperlyConfigured, ValidationError
from django.db import transaction
from django.utils.functional import lazy
from django.utils.translation import gettext as _

from activity.domain import log_action
from lib.access import require
from notifications.domain import notify, settle


def words(template, **labels):
    """A lazy text: `template` (a gettext_lazy string with %(name)s) filled with lazy labels when shown."""
    return lazy(lambda: str(template) % {name: str(label) for name, label in labels.items()}, str)()


@dataclass(frozen=True)
class Who:
    """Who may make a move: a test of (actor, object), and the same in words for the table."""

    test: Callable[[Any, Any], bool]
    words: Any

    def __call__(self, actor, obj) -> bool:
        return actor is None or bool(self.test(actor, obj))


@dataclass(frozen=True)
class Move:
    """`action` takes an object from any of `sources` to `target`. `label` says the action as the refusal
    message reads it ("… cannot be issued"; «ban hành»); `log` is the action name of its activity log row."""

    sources: tuple[str, ...]
    action: str
    target: str
    who: Who
    label: Any
    log: str = ""

    def __post_init__(self):
        sources = (self.sources,) if isinstance(self.sources, str) else tuple(self.sources)
        object.__setattr__(self, "sources", sources)


@dataclass(frozen=True)
class Notice:
    """What to tell whom after a move: notifications.domain.notify's arguments (the target is the object)."""

    users: Iterable
    title: str
    body: str = ""
    url: str = ""
    kind: str = ""
    email_template: str | None = None
    context: dict | None = None


def _asked(move: Move, action: str | None, to: str | None) -> bool:
    """Is `move` the one asked for: by its action, or (given `to`) by the state it goes to?"""
    return move.target == to if to is not None else move.action == action


@dataclass(frozen=True)
class Workflow:
    """The moves of `model`'s status `field`; `agency` finds the agency an object's log rows belong to."""

    name: str
    model: type
    moves: tuple[Move, ...]
    agency: Callable = attrgetter("agency")
    log: str = ""
    field: str = "status"

    def __post_init__(self):
        object.__setattr__(self, "moves", tuple(self.moves))
        actions = [move.action for move in self.moves]
        unknown = {s for m in self.moves for s in (*m.sources, m.target)} - set(self.states)
        if len(set(actions)) != len(actions) or unknown or not all(m.log or self.log for m in self.moves):
            raise ImproperlyConfigured(
                f"Workflow {self.name}: each action once, states among the choices ({sorted(unknown)} are "
                "not), and a log action name for every move."
            )

    @property
    def states(self) -> dict:
        """{state: label} in the order of the field's choices."""
        return dict(self.model._meta.get_field(self.field).flatchoices)

    @property
    def thing(self):
        return self.model._meta.verbose_name

    def state_label(self, state) -> str:
        return str(self.states.get(state, state))

    def named(self, action: str) -> Move | None:
        return next((move for move in self.moves if move.action == action), None)

    def moves_from(self, state) -> list[Move]:
        return [move for move in self.moves if state in move.sources]

    def find(self, state, action: str | None = None, *, to: str | None = None) -> Move | None:
        """The move `action` (or, given `to`, the move into that state) from `state`, if the table has it."""
        return next((m for m in self.moves_from(state) if _asked(m, action, to)), None)

    def targets_from(self, state) -> tuple[str, ...]:
        """The states an object in `state` may go to, in the order of the table."""
        return tuple(dict.fromkeys(move.target for move in self.moves_from(state)))

    def add(self, *moves: Move) -> "Workflow":
        """Add the moves an upper app makes (the council's vote on a proposal): the table stays one, checked
        again as when it was declared."""
        previous = self.moves
        object.__setattr__(self, "moves", (*previous, *moves))
        try:
            self.__post_init__()
        except ImproperlyConfigured:
            object.__setattr__(self, "moves", previous)
            raise
        return self

    def rows(self) -> list[tuple[str, str, str, str]]:
        """(from, action, to, who may) in words, one row per source state of each move."""

        def state(value) -> str:
            return f"{self.state_label(value)} ({value})"

        return [
            (state(source), f"{move.action} ({move.label})", state(move.target), str(move.who.words))
            for move in self.moves
            for source in move.sources
        ]


# --- the registry -------------------------------------------------------------------------------------------

_registry: dict[str, Workflow] = {}


def register(workflow: Workflow) -> Workflow:
    """Make `workflow` known to `manage.py workflows`; returns it (`DOCUMENTS = register(Workflow(...))`)."""
    known = _registry.setdefault(workflow.name, workflow)
    if known is not workflow:
        raise ImproperlyConfigured(f"Two workflows are named {workflow.name}.")
    return workflow


def all_workflows() -> list[Workflow]:
    return [_registry[name] for name in sorted(_registry)]


# --- the gate -----------------------------------------------------------------------------------------------


def lock(obj):
    """Reload the object's fields under a row lock (SELECT … FOR UPDATE) in the caller's transaction."""
    obj.refresh_from_db(from_queryset=type(obj)._default_manager.select_for_update())
    return obj


def refusal(workflow: Workflow, obj, *, action: str | None = None, to: str | None = None) -> ValidationError:
    """The one refusal: "A registration that is “Approved” cannot be returned." —
    «Không thể «trả lại» bản đăng ký đang ở trạng thái «Đã duyệt».»"""
    if to is not None:
        doing = _("become “%(state)s”") % {"state": workflow.state_label(to)}
    else:
        doing = getattr(workflow.named(action), "label", action)
    message = _("A %(thing)s that is “%(state)s” cannot %(action)s.") % {
        "thing": workflow.thing,
        "state": workflow.state_label(getattr(obj, workflow.field)),
        "action": doing,
    }
    return ValidationError(message, code="transition")


def _require_who(workflow: Workflow, obj, actor, action, to) -> None:
    """The actor must be one who may make a move of that name (or into that state); a request the table does
    not know is asked of the whole table, so that only those who take part hear why it is refused."""
    asked = [move for move in workflow.moves if _asked(move, action, to)]
    require(any(move.who(actor, obj) for move in asked or workflow.moves))


def _tell(notices, obj, actor) -> None:
    actor_pk = getattr(actor, "pk", None)
    for notice in notices(obj) if callable(notices) else notices:
        notify(
            users=[user for user in notice.users if user is not None and user.pk != actor_pk],
            title=notice.title,
            body=notice.body,
            url=notice.url,
            kind=notice.kind,
            email_template=notice.email_template,
            context=notice.context,
            target=obj,
        )


def move(
    workflow: Workflow,
    obj,
    action: str | None = None,
    *,
    to: str | None = None,
    actor,
    change: Callable[[Any], None] | None = None,
    fields: Iterable[str] | None = None,
    before: dict | None = None,
    after: dict | Callable[[Any], dict] | None = None,
    log: str = "",
    notices: Iterable[Notice] | Callable[[Any], Iterable[Notice]] = (),
):
    """Make the move `action` (or, given `to`, the one into that state) on `obj`; returns it (see the module).

    `change(obj)` checks and sets the other fields; `fields` are those to save with the status (None saves the
    whole row); `before`/`after` (a dict, or a function of the changed object) are logged beside the status;
    `log` replaces the move's log action name; `notices` (or a function of the changed object giving them)
    are told once the row is saved."""
    _require_who(workflow, obj, actor, action, to)
    with transaction.atomic():
        lock(obj)
        previous = getattr(obj, workflow.field)
        step = workflow.find(previous, action, to=to)
        if step is None:
            raise refusal(workflow, obj, action=action, to=to)
        require(step.who(actor, obj))
        if change is not None:
            change(obj)
        setattr(obj, workflow.field, step.target)
        obj.save(update_fields=None if fields is None else [workflow.field, *fields])
        log_action(
            actor=actor,
            action=log or step.log or workflow.log,
            target=obj,
            agency=workflow.agency(obj),
            before={workflow.field: previous, **(before or {})},
            after={workflow.field: step.target, **((after(obj) if callable(after) else after) or {})},
        )
        _tell(notices, obj, actor)
        settle(user=actor, target=obj)
    return obj
