"""The house is one-way: a lower layer never imports a higher one, counting the imports made inside
functions (a lazy import is still a dependency). Read from the source, so nothing is imported to check."""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

SRC = Path(__file__).resolve().parents[2] / "src"

# The web apps from the bottom up, as README.md draws them; an app may import only those below it.
WEB_APPS = [
    "shared",
    "jobs",
    "organisations",
    "authoring",
    "catalog",
    "workflow",
    "inventory",
    "monitoring",
    "dashboards",
    "books",
    "importing",
]


def _modules() -> dict[str, Path]:
    found = {}
    for path in (SRC / "sopap").rglob("*.py"):
        name = ".".join(path.relative_to(SRC).with_suffix("").parts)
        found[name.removesuffix(".__init__")] = path
    return found


MODULES = _modules()


def _imports(name: str) -> Iterator[str]:
    """Every sopap module ``name`` imports, anywhere in its text."""
    path = MODULES[name]
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        targets: list[str] = []
        if isinstance(node, ast.Import):
            targets = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                parts = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join([*parts, base] if base else parts)
            targets = [f"{base}.{a.name}" if f"{base}.{a.name}" in MODULES else base for a in node.names]
        for target in targets:
            while target and target not in MODULES:
                target = target.rpartition(".")[0]
            if target and target != name:
                yield target


GRAPH = {name: set(_imports(name)) for name in MODULES}


def _external_imports(name: str) -> set[str]:
    tree = ast.parse(MODULES[name].read_text(encoding="utf-8"))
    out = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            out |= {a.name.partition(".")[0] for a in node.names}
        elif isinstance(node, ast.ImportFrom) and not node.level and node.module:
            out.add(node.module.partition(".")[0])
    return out


def _cycles() -> list[list[str]]:
    """Strongly connected components of more than one module (Tarjan, iterative)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []
    counter = 0
    for root in GRAPH:
        if root in index:
            continue
        work = [(root, iter(sorted(GRAPH[root])))]
        index[root] = low[root] = counter
        counter += 1
        stack.append(root)
        on_stack.add(root)
        while work:
            node, children = work[-1]
            child = next(children, None)
            if child is not None:
                if child not in index:
                    index[child] = low[child] = counter
                    counter += 1
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, iter(sorted(GRAPH[child]))))
                elif child in on_stack:
                    low[node] = min(low[node], index[child])
                continue
            work.pop()
            if work:
                low[work[-1][0]] = min(low[work[-1][0]], low[node])
            if low[node] == index[node]:
                component = []
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    component.append(member)
                    if member == node:
                        break
                if len(component) > 1:
                    found.append(sorted(component))
    return found


def test_no_module_of_sopap_is_part_of_an_import_cycle():
    assert _cycles() == []


def test_the_core_imports_neither_django_nor_the_web_app_nor_the_cli():
    wrong = {
        name: sorted(t for t in GRAPH[name] if t.startswith(("sopap.web", "sopap.cli")))
        for name in MODULES
        if name.startswith("sopap.core")
    }
    assert {k: v for k, v in wrong.items() if v} == {}
    with_django = [n for n in MODULES if n.startswith("sopap.core") and "django" in _external_imports(n)]
    assert with_django == []


def test_the_file_format_does_not_import_the_rules_that_check_it():
    assert not any(t.startswith("sopap.core.rules") for t in GRAPH["sopap.core.sopfile"])
    below = [n for n in MODULES if n.startswith("sopap.core.diagnostics")]
    assert below and not any(
        t.startswith(("sopap.core.sopfile", "sopap.core.rules")) for n in below for t in GRAPH[n]
    )


def test_each_web_app_imports_only_the_apps_below_it():
    wrong = []
    for level, app in enumerate(WEB_APPS):
        allowed = {f"sopap.web.{a}" for a in WEB_APPS[: level + 1]}
        for name in MODULES:
            if name != f"sopap.web.{app}" and not name.startswith(f"sopap.web.{app}."):
                continue
            for target in GRAPH[name]:
                if not target.startswith("sopap.web."):
                    continue
                owner = ".".join(target.split(".")[:3])
                if owner in {f"sopap.web.{a}" for a in WEB_APPS} and owner not in allowed:
                    wrong.append(f"{name} -> {target}")
    assert wrong == []
