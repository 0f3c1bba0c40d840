"""SOPs put in force under the decree numbers a test chooses, and a book's PDF read back as text."""

from __future__ import annotations

import datetime as dt
import io
from typing import Any

import pytest
from pypdf import PdfReader

from sopap.web.workflow import services as wf
from tests.web.conftest import SOP_DATA, fresh


@pytest.fixture
def in_force(world: Any, make_sop: Any) -> Any:
    """An SOP named ``nama`` put in force by the decree ``keputusan`` (of ``tanggal``), in ``pd``/``unit``."""

    def _make(
        nama: str,
        *,
        keputusan: str = "188.45/12/2025",
        tanggal: dt.date = dt.date(2025, 1, 2),
        pd: Any = None,
        unit: Any = None,
    ) -> Any:
        other = pd is not None and pd == world.other_pd
        author = world.other_drafter if other else world.drafter
        sop = make_sop(author=author, pd=pd, unit=unit, data={**SOP_DATA, "nama": nama})
        return walk(sop, keputusan=keputusan, tanggal=tanggal, other=other)

    def walk(sop: Any, *, keputusan: str, tanggal: dt.date, other: bool = False) -> Any:
        author = world.other_drafter if other else world.drafter
        wf.sop_submit(sop=sop, actor=fresh(author))
        for verifier in ("other_verifier",) if other else ("verifier1", "verifier2"):
            wf.verification_approve(sop=sop, actor=fresh(world.users[verifier]))
        wf.sop_approve(sop=sop, actor=fresh(world.other_head if other else world.head))
        wf.sop_decree(sop=sop, actor=fresh(world.admin), keputusan_nomor=keputusan, keputusan_tanggal=tanggal)
        sop.refresh_from_db()
        return sop

    _make.walk = walk  # type: ignore[attr-defined]
    return _make


def pdf_text(body: bytes) -> str:
    """Every page's text, its runs of spaces and line breaks made one space (as the core's book tests read
    it back)."""
    return " ".join(
        " ".join((page.extract_text() or "").split()) for page in PdfReader(io.BytesIO(body)).pages
    )
