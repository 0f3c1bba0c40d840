"""An evaluation has consequences (Perwali Serang 50/2017 Pasal 25 (2)), in the browser: the head evaluates an
SOP in force as "disempurnakan" with findings on the whole and on one step; a Kaji ulang opens, and its
drafter finds the draft waiting with those findings as notes, the one on the step beside that step."""

from __future__ import annotations

import re

import pytest
from django.utils import timezone

from sopap.web.monitoring.models import CRITERIA
from tests.web.browser.test_journey import STATE_TIMEOUT_MS, browser, session  # noqa: F401  (fixture)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_disempurnakan_evaluation_opens_the_kaji_ulang_with_its_notes(
    browser,  # noqa: F811
    live_server,
    world,
    make_sop,
    to_state,
):
    expect = pytest.importorskip("playwright.sync_api").expect
    sop = to_state(make_sop(), "berlaku")
    tahun = timezone.localdate().year

    head = session(browser, live_server, "head")
    head.goto(f"{live_server.url}/pemantauan/sop/{sop.document_id}/")
    head.get_by_role("link", name=f"Evaluasi tahun {tahun}").click()
    expect(head.get_by_role("heading", name=f"Evaluasi penerapan SOP tahun {tahun}")).to_be_visible(
        timeout=STATE_TIMEOUT_MS
    )
    for number, (_key, label) in enumerate(CRITERIA, start=1):
        row = head.get_by_role("row", name=re.compile(rf"^{number}\. "))
        row.get_by_label(f"{label}: {'Tidak' if number == 3 else 'Ya'}").check()
    head.get_by_label("Disempurnakan (kaji ulang)").check()
    head.get_by_label("Catatan", exact=True).fill("Dasar hukum sudah diganti")
    head.get_by_text("Catatan per langkah (opsional)").click()
    head.get_by_label(re.compile(r"^Langkah 2:")).fill("Waktu 2 hari terlalu lama")
    head.get_by_role("button", name="Simpan evaluasi").click()
    expect(head.get_by_text(f"Evaluasi tahun {tahun} tersimpan.")).to_be_visible()
    evaluations = head.locator("section", has=head.get_by_role("heading", name="Evaluasi tahunan"))
    expect(evaluations).to_contain_text("Disempurnakan (kaji ulang)")
    expect(evaluations).to_contain_text("6 dari 7 kriteria terpenuhi")

    drafter = session(browser, live_server, "drafter")
    inbox = drafter.get_by_role("region", name="Menunggu tindakan Anda")
    item = inbox.get_by_role("listitem").filter(has_text=sop.nama)
    expect(item).to_contain_text("Kaji ulang")
    expect(item).to_contain_text("2 catatan")
    item.get_by_role("link", name=sop.nama).click()
    drafter.wait_for_url(re.compile(rf"/sop/{sop.document_id}/$"))
    note = drafter.get_by_role("note").filter(has_text="kaji ulang hasil evaluasi")
    expect(note).to_contain_text("Dibuka untuk kaji ulang hasil evaluasi oleh Head")
    expect(note).to_contain_text(f"Evaluasi tahun {tahun}: Dasar hukum sudah diganti")
    expect(note).to_contain_text("Langkah 2: Waktu 2 hari terlalu lama")
    expect(drafter.locator(".page-head")).to_contain_text("revisi 2")
    drafter.get_by_role("link", name="Ubah").click()
    expect(drafter.locator("#steps > li.step").nth(1)).to_contain_text("Waktu 2 hari terlalu lama")
    drafter.context.close()
    head.context.close()
