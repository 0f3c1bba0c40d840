"""The head of the PD records a monitoring and the year's evaluation in the browser, by the forms' labels."""

from __future__ import annotations

import pytest

from tests.web.browser.test_journey import browser, session  # noqa: F401  (fixture)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_head_records_a_monitoring_and_an_evaluation(browser, live_server, world, make_sop, to_state):  # noqa: F811
    document = to_state(make_sop(), "berlaku").document
    page = session(browser, live_server, "head")
    page.get_by_role("link", name="Pemantauan").click()
    page.get_by_role("link", name="Mekanisme Penyusunan SPJ").click()
    # The date starts at today; "not running well" without the action to take is refused, nothing lost.
    assert page.get_by_label("Tanggal", exact=True).input_value()
    page.get_by_label("Cara monitoring").select_option(label="Wawancara")
    page.get_by_label("Tidak berjalan dengan baik", exact=True).check()
    page.get_by_label("Catatan hasil penilaian").fill("Bendahara belum memakai formulir baru.")
    page.get_by_role("button", name="Simpan monitoring").click()
    assert page.get_by_role("alert").filter(has_text="Tuliskan tindakan").count() == 1
    assert (
        page.get_by_label("Catatan hasil penilaian").input_value() == "Bendahara belum memakai formulir baru."
    )
    page.get_by_label("Tindakan yang harus diambil").fill("Sosialisasi formulir pada rapat staf.")
    page.get_by_role("button", name="Simpan monitoring").click()
    assert "Monitoring tercatat." in page.get_by_role("status").inner_text()
    assert (
        "Sosialisasi formulir pada rapat staf."
        in page.locator("section", has_text="Riwayat monitoring").inner_text()
    )

    # A review that changes nothing moves the next review two years on.
    page.get_by_label("Tanggal kaji ulang").fill("2026-01-05")
    page.get_by_label("Catatan", exact=True).fill("Tim SOP: masih sesuai.")
    page.get_by_role("button", name="Simpan kaji ulang").click()
    assert "Kaji ulang tercatat." in page.get_by_role("status").inner_text()
    assert "paling lambat 05 Januari 2028" in page.content()

    page.get_by_role("link", name="Evaluasi tahun").first.click()
    for label in (
        "Mampu mendorong peningkatan kinerja",
        "Mudah dipahami",
        "Mudah dilaksanakan",
        "Semua orang dapat menjalankan perannya masing-masing",
        "Mampu mengatasi permasalahan yang berkaitan dengan proses",
        "Mampu menjawab kebutuhan peningkatan kinerja organisasi",
        "Sinergi satu dengan lainnya",
    ):
        page.get_by_label(f"{label}: Ya").check()
    page.get_by_label("Tetap dipakai").check()
    page.get_by_role("button", name="Simpan evaluasi").click()
    assert "tersimpan" in page.get_by_role("status").inner_text()
    assert "7 dari 7 kriteria terpenuhi" in page.content()
    assert document.evaluations.count() == 1
