"""An SOP's history says what each event did to its revision: a status it moved to, or a verification stage
passed while it stays submitted (never "Diajukan → Diajukan")."""

from __future__ import annotations

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_a_verification_stage_passed_reads_as_done_and_a_move_reads_from_to(world, make_sop, to_state, login):
    sop = to_state(make_sop(), "verified1")
    page = login(world.drafter).get(reverse("workflow:sop_detail", args=[sop.document_id])).content.decode()
    assert "Revisi 1: tahap verifikasi 1 selesai, tetap Diajukan" in page
    assert "Revisi 1: Draf → Diajukan" in page
    assert "Diajukan → Diajukan" not in page
