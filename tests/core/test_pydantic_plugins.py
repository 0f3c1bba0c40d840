"""sopap.core stands in for pydantic's plugin loader when the environment turns every plugin off."""

from __future__ import annotations

import ast
import json
import os
import subprocess
import sys
from pathlib import Path

import pydantic

import sopap.core

PROBE = """
import json, sys
import sopap.core.model
from tests.samples import synthetic_sop
sop = sopap.core.model.SOP.model_validate(synthetic_sop(5).model_dump())
loader = sys.modules["pydantic.plugin._loader"]
print(json.dumps({
    "stand_in": loader.get_plugins is sopap.core._no_plugins,
    "plugins": list(loader.get_plugins()),
    "metadata": "importlib.metadata" in sys.modules,
    "steps": len(sop.langkah),
}))
"""


def probe(setting: str | None) -> dict[str, object]:
    env = {k: v for k, v in os.environ.items() if k != "PYDANTIC_DISABLE_PLUGINS"}
    if setting is not None:
        env["PYDANTIC_DISABLE_PLUGINS"] = setting
    root = Path(__file__).resolve().parents[2]
    env["PYTHONPATH"] = os.pathsep.join([str(root / "src"), str(root), env.get("PYTHONPATH", "")])
    result = subprocess.run(
        [sys.executable, "-c", PROBE], capture_output=True, text=True, env=env, timeout=60, check=True
    )
    data: dict[str, object] = json.loads(result.stdout)
    return data


def test_plugins_disabled_the_loader_and_its_metadata_scan_are_not_imported() -> None:
    for setting in ("__all__", "1", "true"):
        seen = probe(setting)
        assert seen == {"stand_in": True, "plugins": [], "metadata": False, "steps": 5}, setting


def test_otherwise_pydantic_loads_its_plugins_itself() -> None:
    for setting in (None, "some_plugin"):
        seen = probe(setting)
        assert seen["stand_in"] is False, setting
        assert seen["steps"] == 5


def test_the_stand_in_offers_every_name_pydantic_takes_from_its_loader() -> None:
    names: set[str] = set()
    for path in Path(pydantic.__file__).parent.rglob("*.py"):
        package = ".".join(path.relative_to(Path(pydantic.__file__).parent.parent).parent.parts)
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.ImportFrom):
                continue
            absolute = node.module or ""
            if node.level:
                base = package.split(".")[: len(package.split(".")) - node.level + 1]
                absolute = ".".join([*base, *([node.module] if node.module else [])])
            if absolute == "pydantic.plugin._loader":
                names.update(alias.name for alias in node.names)
    assert names == {"get_plugins"}, "pydantic takes more from its loader than sopap.core provides"
    assert sopap.core._no_plugins() == ()
