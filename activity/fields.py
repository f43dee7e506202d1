"""What a logged key is: its label, its choices, the object it names, how its value reads.

A key is looked up, in order: in the declarations of the action's app (activity/registry.py); among the fields
of the model the action names ("movements.movement.created" → Movement; an app maps other nouns with MODELS);
among the fields of the row's target model; last, among the fields of the declaring apps' models (the first
label found; a relation only when every such field points to the same model). Nothing here imports an app:
models are reached through the app registry, content types and `_meta`.
"""

import functools
from collections.abc import Callable
from dataclasses import dataclass, field

from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError

from .registry import registry

HIDDEN, MONEY, FILE_SIZE, YEAR = "hidden", "money", "file size", "year"


@dataclass(frozen=True)
class Reference:
    """Objects of `model` named in the log by their `lookup` field (the primary key, or a code)."""

    model: type
    lookup: str

    def key(self, value):
        """The value as the lookup field holds it; None when it cannot be one (a name logged instead)."""
        try:
            return self.model._meta.get_field(self.lookup).to_python(value)
        except (ValidationError, TypeError, ValueError):
            return None

    def names(self, keys) -> dict:
        """{key: the object's name} of those that still exist, in one query."""
        attname = self.model._meta.get_field(self.lookup).attname
        found = self.model._base_manager.filter(**{f"{self.lookup}__in": keys})
        return {getattr(obj, attname): str(obj) for obj in found}


@dataclass(frozen=True, eq=False)
class LoggedField:
    name: str
    label: object = None  # None: nobody knows the key, it is shown as logged
    choices: dict = field(default_factory=dict)
    reference: Reference | None = None
    kind: str = ""
    words: Callable | None = None
    named_by: str = ""


@functools.cache
def logged_field(action: str, name: str, target_type_id: int | None = None) -> LoggedField:
    """The key `name` of a row with `action` about an object of content type `target_type_id`."""
    declared = registry.declarations(action)
    model_field = _field_of(action_model(action), name)
    if model_field is None:
        model_field = _field_of(_target_model(target_type_id), name)
    return LoggedField(
        name=name,
        label=declared.labels.get(name) or _label(model_field, name),
        choices=_choices(model_field, name),
        reference=_reference(declared.references.get(name), model_field, name),
        kind=_kind(declared, name),
        words=declared.values.get(name),
        named_by=declared.named_by.get(name, ""),
    )


@functools.cache
def action_model(action: str):
    """The model an action is about: "people.assignment.ended" → Assignment; None when it names none."""
    app_label, _, rest = action.partition(".")
    noun = rest.partition(".")[0]
    mapped = registry.declarations(action).models.get(noun)
    try:
        return apps.get_model(mapped) if mapped else apps.get_model(app_label, noun)
    except (LookupError, ValueError):
        return None


def _target_model(target_type_id: int | None):
    if target_type_id is None:
        return None
    try:
        return ContentType.objects.get_for_id(target_type_id).model_class()
    except ContentType.DoesNotExist:
        return None


@functools.cache
def _fields(model) -> dict:
    return {f.name: f for f in [*model._meta.concrete_fields, *model._meta.many_to_many]}


def _field_of(model, name: str):
    return None if model is None else _fields(model).get(name)


def verbose_name(model_field):
    """A field's label; a relation declared without one (`movement`) is called by its model's name."""
    name = model_field.verbose_name
    if model_field.is_relation and isinstance(name, str) and name == model_field.name.replace("_", " "):
        return model_field.related_model._meta.verbose_name
    return name


def _label(model_field, name: str):
    return verbose_name(model_field) if model_field is not None else _catalogue()[0].get(name)


def _choices(model_field, name: str) -> dict:
    if model_field is not None:
        return dict(model_field.flatchoices) if model_field.choices else {}
    return _catalogue()[1].get(name, {})


def _reference(declared: str | None, model_field, name: str) -> Reference | None:
    """A declared "app.Model" (by id) or "app.Model.field"; else the model field's relation."""
    if declared:
        app_label, model_name, *lookup = declared.split(".")
        model = apps.get_model(app_label, model_name)
        return Reference(model, lookup[0] if lookup else model._meta.pk.name)
    if model_field is not None:
        if model_field.is_relation and model_field.related_model is not None:
            return Reference(model_field.related_model, model_field.target_field.name)
        return None
    model = _catalogue()[2].get(name)
    return Reference(model, model._meta.pk.name) if model is not None else None


def _kind(declared, name: str) -> str:
    for kind, names in ((HIDDEN, declared.hidden), (MONEY, declared.money), (FILE_SIZE, declared.file_sizes)):
        if name in names:
            return kind
    return YEAR if name == "year" or name.endswith("_year") else ""


@functools.cache
def _catalogue() -> tuple[dict, dict, dict]:
    """Over the declaring apps' models: key → first label, key → {stored value: label}, key → related model
    (only when every relation of that name points to the same model)."""
    labels, choices, related = {}, {}, {}
    for app_label in registry.app_labels():
        for model in apps.get_app_config(app_label).get_models():
            for model_field in _fields(model).values():
                labels.setdefault(model_field.name, verbose_name(model_field))
                if model_field.choices:
                    choices.setdefault(model_field.name, {}).update(dict(model_field.flatchoices))
                if model_field.is_relation:
                    related.setdefault(model_field.name, set()).add(model_field.related_model)
    relations = {name: models.pop() for name, models in related.items() if len(models) == 1}
    return labels, choices, relations
