from __future__ import annotations

from pathlib import Path

import pytest

from sopap.core.renderers.pdf import render_pdf
from sopap.core.sopfile import load_path
from tests.core.signing.certificates import Pki, make_pki

EXAMPLE = Path(__file__).resolve().parents[3] / "examples" / "serang" / "33-penyusunan-renja.sop.yaml"


@pytest.fixture(scope="session")
def pki() -> Pki:
    return make_pki()


@pytest.fixture(scope="session")
def sop_pdf() -> bytes:
    return render_pdf(load_path(EXAMPLE))
