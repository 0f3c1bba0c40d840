"""The pure core of sopap: model, file format, rules, layout, renderers and importers.

Nothing under this package imports Django; the web application and the CLI are front ends around it.
"""

import os
import sys
import types


def _skip_disabled_plugin_loader() -> None:
    """Spare pydantic the import of its plugin loader when its plugins are turned off.

    pydantic imports ``pydantic.plugin._loader`` to build its first model class, and that module imports
    ``importlib.metadata`` (with email, zipfile, csv...) at its top, about 25 ms, only to return no plugins
    when ``PYDANTIC_DISABLE_PLUGINS`` turns them all off (as `sopap` does). In that case its one function is
    given here, with the answer it would give; otherwise pydantic's own module is used as usual.
    tests/core/test_pydantic_plugins.py checks the stand-in against pydantic's module.
    """
    if os.environ.get("PYDANTIC_DISABLE_PLUGINS") not in ("__all__", "1", "true"):
        return
    name = "pydantic.plugin._loader"
    if name in sys.modules:
        return
    loader = types.ModuleType(name, "pydantic's plugin loader with every plugin disabled (see sopap.core).")
    loader.get_plugins = _no_plugins  # type: ignore[attr-defined]
    sys.modules[name] = loader


def _no_plugins() -> tuple[()]:
    return ()


_skip_disabled_plugin_loader()
