"""The PNG preview: page 1 of the procedure sheet."""

from __future__ import annotations

import io

from PIL import Image

from sopap.core.renderers.png import render_png
from sopap.core.sopfile import load
from tests.conftest import spec_example


def test_the_preview_is_a_landscape_png_of_the_procedure_sheet() -> None:
    image = Image.open(io.BytesIO(render_png(load(spec_example()))))
    assert image.format == "PNG"
    assert image.width > image.height
    # Not blank: the grid and the flowchart put dark pixels on the page.
    assert image.convert("L").getextrema()[0] < 50
