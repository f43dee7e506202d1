"""What each app tells the activity log about its actions and the values it logs.

An app declares them as plain data in its own module `<app>/activity_labels.py` — no import of `activity`, so
an app below the log (organisations) declares the same way as the apps above it. ActivityConfig.ready() reads
every installed app's module (`discover`). The names a module may define, each optional:

    ACTIONS     {action: label}             the action names in words
    FIELDS      {key: label}                keys that are no model field, or whose field's label misleads
    MODELS      {noun: "app.Model"}         the model an action's noun names, when it is not the model's name
                                            ("role" in "accounts.role.granted" → "accounts.RoleGrant")
    REFERENCES  {key: "app.Model[.field]"}  a value naming an object by its id (or by the given
                                            field, a code): shown as the object's name
    NAMED_BY    {key: other key}            an id logged beside the object's name: the row shows the name only
    MONEY       {key, …}                    amounts of money in đồng
    FILE_SIZES  {key, …}                    file sizes in bytes
    HIDDEN      {key, …}                    never shown (hashes of files, say)
    VALUES      {key: function(value)}      values only the app can put in words (the function returns text)

Everything but ACTIONS is about keys and applies to the declaring app's own actions (those starting with its
label and a dot). A value with neither declaration nor model field is shown as it was logged.
"""

from dataclasses import dataclass, field
from importlib import import_module
from types import ModuleType

from django.apps import apps
from django.utils.module_loading import module_has_submodule

MODULE = "activity_labels"


@dataclass
class Declarations:
    """What one app declared about the keys its actions log."""

    labels: dict = field(default_factory=dict)
    models: dict = field(default_factory=dict)
    references: dict = field(default_factory=dict)
    named_by: dict = field(default_factory=dict)
    money: set = field(default_factory=set)
    file_sizes: set = field(default_factory=set)
    hidden: set = field(default_factory=set)
    values: dict = field(default_factory=dict)


NOTHING = Declarations()
# Module constant → attribute of Declarations.
KEY_DECLARATIONS = {
    "FIELDS": "labels",
    "MODELS": "models",
    "REFERENCES": "references",
    "NAMED_BY": "named_by",
    "MONEY": "money",
    "FILE_SIZES": "file_sizes",
    "HIDDEN": "hidden",
    "VALUES": "values",
}


class Registry:
    def __init__(self):
        self.actions: dict[str, str] = {}
        self.apps: dict[str, Declarations] = {}

    def register_actions(self, labels: dict) -> None:
        self.actions.update(labels)

    def register_keys(self, app_label: str, **declared) -> None:
        """Add to what `app_label` declared about its keys (keyword names: the fields of Declarations)."""
        mine = self.apps.setdefault(app_label, Declarations())
        for name, value in declared.items():
            getattr(mine, name).update(value)

    def register_module(self, app_label: str, module: ModuleType) -> None:
        """Read the constants of an app's activity_labels module (the module docstring lists them)."""
        self.register_actions(getattr(module, "ACTIONS", {}))
        declared = {
            attribute: getattr(module, constant)
            for constant, attribute in KEY_DECLARATIONS.items()
            if hasattr(module, constant)
        }
        self.register_keys(app_label, **declared)

    def discover(self) -> None:
        """Read `<app>/activity_labels.py` of every installed app that has one, in INSTALLED_APPS order."""
        for config in apps.get_app_configs():
            if module_has_submodule(config.module, MODULE):
                self.register_module(config.label, import_module(f"{config.name}.{MODULE}"))

    def action_label(self, action: str) -> str | None:
        label = self.actions.get(action)
        return None if label is None else str(label)

    def declarations(self, action: str) -> Declarations:
        """What the app an action belongs to ("awards" for "awards.record.created") declared."""
        return self.apps.get(action.partition(".")[0], NOTHING)

    def app_labels(self) -> list[str]:
        """The apps that declared anything, in INSTALLED_APPS order."""
        return list(self.apps)


registry = Registry()
register_actions = registry.register_actions
register_keys = registry.register_keys
