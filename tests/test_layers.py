"""The apps are layered one way (README, "Kiến trúc / Architecture"): an app imports only the apps below it.

The test reads every import of every app with `ast` — at the top of a file or inside a function, it makes no
difference — and every string reference to a model ("app.Model" in a ForeignKey, OneToOneField or
ManyToManyField). Migrations are history and are not read. It fails naming the file and the line when:
- an app imports one above it (or an app the order does not know);
- two apps depend on each other, however far apart (a cycle);
- a data app imports an interface app;
- `lib` imports any app.
"""

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

# Bottom to top. A name may import only the names before it.
LAYERS = [
    "lib",
    "organisations",
    "activity",
    "workdays",
    "notifications",
    "workflows",
    "people",
    "accounts",
    "documents",
    "dissemination",
    "awards",
    "movements",
    "achievements",
    "nominations",
    "council",
    "decisions",
    "publishing",
    # interface apps: they read the data apps through their access helpers
    "api",
    "portal",
    "reports",
    # the demo loader writes through every data app; backups copy the whole database and the files; the
    # project package wires URLs and settings
    "demo",
    "backups",
    "thidua",
]
INTERFACE_APPS = {"api", "portal", "reports"}
DATA_APPS = set(LAYERS[1 : LAYERS.index("api")])
MODEL_FIELDS = {"ForeignKey", "OneToOneField", "ManyToManyField"}


def project_packages(root: Path = ROOT) -> list[str]:
    return sorted(
        path.parent.name
        for path in root.glob("*/__init__.py")
        if path.parent.name not in {"tests", "bench"} and not path.parent.name.startswith(".")
    )


def _imported_app(node: ast.AST, packages: set[str]) -> list[str]:
    if isinstance(node, ast.Import):
        names = [alias.name for alias in node.names]
    elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
        names = [node.module]
    elif isinstance(node, ast.Call) and _is_model_field(node) and node.args:
        target = node.args[0]
        names = [target.value] if isinstance(target, ast.Constant) and isinstance(target.value, str) else []
    else:
        names = []
    return [name.split(".")[0] for name in names if name.split(".")[0] in packages]


def _is_model_field(node: ast.Call) -> bool:
    func = node.func
    name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
    return name in MODEL_FIELDS


def app_imports(root: Path = ROOT) -> list[tuple[str, str, str, int]]:
    """(importing app, imported app, file, line) for every reference from one project package to another."""
    packages = set(project_packages(root))
    found = []
    for app in sorted(packages):
        for path in sorted((root / app).rglob("*.py")):
            if "migrations" in path.parts:
                continue
            tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
            for node in ast.walk(tree):
                for target in _imported_app(node, packages):
                    if target != app:
                        found.append((app, target, str(path.relative_to(root)), node.lineno))
    return found


def problems(imports) -> list[str]:
    rank = {name: index for index, name in enumerate(LAYERS)}
    found = []
    for app, target, path, line in imports:
        where = f"{path}:{line}: {app} imports {target}"
        if app not in rank or target not in rank:
            found.append(f"{where} — add the app to LAYERS (tests/test_layers.py) and to the README")
        elif app == "lib":
            found.append(f"{where} — lib imports no app")
        elif app in DATA_APPS and target in INTERFACE_APPS:
            found.append(f"{where} — a data app imports an interface app")
        elif rank[target] > rank[app]:
            found.append(f"{where} — {target} is above {app}")
    return found + cycles(imports)


def cycles(imports) -> list[str]:
    """Every pair of apps that reach each other through the import graph, with one line of each way."""
    edges: dict[str, dict[str, str]] = {}
    for app, target, path, line in imports:
        edges.setdefault(app, {}).setdefault(target, f"{path}:{line}")
    reach = {app: _reachable(app, edges) for app in edges}
    found = []
    for app in sorted(edges):
        for other in sorted(reach[app]):
            if app < other and app in reach.get(other, set()):
                found.append(
                    f"cycle: {app} ⇄ {other} ({_first_step(app, other, edges)}; "
                    f"{_first_step(other, app, edges)})"
                )
    return found


def _reachable(start: str, edges) -> set[str]:
    seen, todo = set(), [start]
    while todo:
        for target in edges.get(todo.pop(), {}):
            if target not in seen:
                seen.add(target)
                todo.append(target)
    return seen


def _first_step(app: str, other: str, edges) -> str:
    """Where `app` starts on its way to `other`: its direct import, or the first import that leads there."""
    steps = edges[app]
    if other in steps:
        return steps[other]
    target = next(t for t in sorted(steps) if other in _reachable(t, edges) | {t})
    return f"{steps[target]} via {target}"


def test_every_app_imports_only_apps_below_it():
    found = problems(app_imports())
    assert not found, "\n".join(["The apps are not layered one way:", *found])


def test_every_project_package_has_a_place_in_the_layers():
    assert set(project_packages()) <= set(LAYERS)


def test_the_check_sees_an_upward_import_a_string_reference_and_a_cycle(tmp_path):
    """The test itself can fail: a small tree with each fault is reported with its file and line."""
    (tmp_path / "lib").mkdir()
    (tmp_path / "lib" / "x.py").write_text("from people.models import Person\n")
    (tmp_path / "people").mkdir()
    (tmp_path / "people" / "models.py").write_text(
        "from django.db import models\n\nunit = models.ForeignKey('organisations.Unit')\n"
    )
    (tmp_path / "organisations").mkdir()
    (tmp_path / "organisations" / "models.py").write_text(
        "from django.db import models\n\ndef f():\n    from people import models as m\n"
        "head = models.ForeignKey('people.Person')\n"
    )
    (tmp_path / "movements").mkdir()
    (tmp_path / "movements" / "v.py").write_text("import api.schemas\n")
    (tmp_path / "api").mkdir()
    for package in ("lib", "people", "organisations", "movements", "api"):
        (tmp_path / package / "__init__.py").write_text("")
    assert problems(app_imports(tmp_path)) == [
        "lib/x.py:1: lib imports people — lib imports no app",
        "movements/v.py:1: movements imports api — a data app imports an interface app",
        "organisations/models.py:4: organisations imports people — people is above organisations",
        "organisations/models.py:5: organisations imports people — people is above organisations",
        "cycle: organisations ⇄ people (organisations/models.py:4; people/models.py:3)",
    ]
