"""The layout engine: turns an SOP into the geometry (:mod:`.geometry`) every output format draws from.

Pure Python: measuring text uses the embedded font's metrics, nothing is drawn here.
"""

from __future__ import annotations

from sopap.core.layout.engine import layout_procedure
from sopap.core.layout.identity import layout_identity
from sopap.core.layout.options import RenderOptions

__all__ = ["RenderOptions", "layout_identity", "layout_procedure"]
