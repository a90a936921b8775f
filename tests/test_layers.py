"""The import graph runs one way: entry point, routes, the API layer, the core of the app.

The README draws it; this holds it. The seed script builds on the app's models and schemas,
and only the entry points call back into the seed script: the composition root
(``app/main.py``) to build a missing database at start-up, ``python -m app`` to report invalid
curated data the way the seed script does.
"""

import ast
from pathlib import Path

ROOT = Path(__file__).parents[1]
ENTRY_POINTS = {"app.main", "app.__main__"}


def module_name(path: Path) -> str:
    return ".".join(path.relative_to(ROOT).with_suffix("").parts)


def imports_of(path: Path) -> set[str]:
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.add(node.module)
        elif isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
    return found


def layer(module: str) -> int:
    """Higher layers may import lower ones, never the reverse."""
    if module in ENTRY_POINTS:
        return 3
    if module.startswith("app.api.routes."):
        return 2
    if module.startswith("app.api"):
        return 1
    return 0


APP_MODULES = {module_name(path): path for path in (ROOT / "app").rglob("*.py")}


def test_the_layers_are_found() -> None:
    assert {layer(module) for module in APP_MODULES} == {0, 1, 2, 3}
    assert len(APP_MODULES) > 30


def test_no_import_runs_back_up_or_sideways_between_routes() -> None:
    for module, path in APP_MODULES.items():
        for imported in imports_of(path):
            if not imported.startswith("app."):
                continue
            assert layer(imported) <= layer(module), f"{module} imports {imported}"
            if layer(module) == 2 and imported.startswith("app.api.routes."):
                raise AssertionError(f"route {module} imports another route, {imported}")


def test_only_the_entry_point_reaches_the_seed_script() -> None:
    for module, path in APP_MODULES.items():
        reaches_seed = any(name.split(".")[0] == "seed" for name in imports_of(path))
        assert reaches_seed == (module in ENTRY_POINTS), module


def test_the_seed_script_never_imports_the_http_layer() -> None:
    for path in (ROOT / "seed").glob("*.py"):
        assert not any(name.startswith("app.api") for name in imports_of(path)), path
