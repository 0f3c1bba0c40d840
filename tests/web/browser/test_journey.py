"""The whole journey in a real browser (Debian's chromium driven by Playwright), on SQLite or PostgreSQL.

A drafter writes an SOP with a decision, sees the flowchart and a lint warning, submits; two verifiers in
turn, one returning it once with a note; the head approves; the admin records the decree; an anonymous
visitor finds it by searching and downloads its PDF. Screenshots go to $SOPAP_SCREENSHOTS when set.
"""

from __future__ import annotations

import os
import re
import time
from pathlib import Path
from typing import Any

import pytest

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

CHROMIUM = "/usr/bin/chromium"
STATE_TIMEOUT_MS = 60_000
ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
PASSWORD = "pw-{}-123"


@pytest.fixture(scope="module")
def browser(browser: Any) -> Any:
    """The one chromium of the run (tests/web/browser/conftest.py), under the name the test files import
    from here: two Playwright drivers cannot run at once in one thread."""
    return browser


class Shots:
    def __init__(self) -> None:
        folder = os.environ.get("SOPAP_SCREENSHOTS")
        self.folder = Path(folder) if folder else None
        if self.folder:
            self.folder.mkdir(parents=True, exist_ok=True)
        self.count = 0

    def __call__(self, page: Any, name: str, full: bool = True) -> None:
        if self.folder is None:
            return
        self.count += 1
        page.screenshot(path=str(self.folder / f"{self.count:02d}-{name}.png"), full_page=full)


# What the Content-Security-Policy refused in any page of any session; tests/web/browser/conftest.py fails a
# test that leaves something here.
CSP_VIOLATIONS: list[str] = []
_REPORT_CSP = """document.addEventListener("securitypolicyviolation", (e) =>
  console.error(`CSP violation: ${e.violatedDirective} ${e.blockedURI} at ${e.sourceFile}:${e.lineNumber}`));"""


def _note_csp_violation(message: Any) -> None:
    if message.type == "error" and (
        "CSP violation" in message.text or "Content Security Policy" in message.text
    ):
        CSP_VIOLATIONS.append(message.text)


def session(browser: Any, live_server: Any, username: str | None, *, width: int = 1280) -> Any:
    context = browser.new_context(
        viewport={"width": width, "height": 900}, locale="id-ID", accept_downloads=True
    )
    # A ceiling for waiting on a state, not a pause: on a loaded two-core machine a preview round trip can take
    # many seconds, and a wait ends as soon as the state is there.
    context.set_default_timeout(STATE_TIMEOUT_MS)
    context.add_init_script(_REPORT_CSP)
    context.on("console", _note_csp_violation)
    page = context.new_page()
    if username:
        page.goto(f"{live_server.url}/akun/masuk/")
        page.get_by_label("Nama pengguna").fill(username)
        page.get_by_label("Kata sandi").fill(PASSWORD.format(username))
        page.get_by_role("button", name="Masuk").click()
        # Logging in lands on "Tugas saya"; the tests start from the SOP list, as most work does.
        page.wait_for_url(re.compile(r"/tugas/$"))
        page.goto(f"{live_server.url}/sop/")
    return page


def fill_step(page: Any, index: int, **values: str) -> None:
    step = page.locator("#steps > li.step").nth(index)
    for name, value in values.items():
        if name in {"ya", "tidak"}:
            details = step.locator("details.more")
            if details.get_attribute("open") is None:
                details.locator("summary").click()
        field = step.locator(f"[name={name}]")
        field.fill(value)


def open_sop(page: Any, live_server: Any, name: str) -> None:
    page.goto(f"{live_server.url}/sop/")
    page.get_by_role("link", name=name).first.click()
    page.wait_for_url(re.compile(r"/sop/\d+/"))


def test_the_whole_journey_from_draft_to_public_pdf(browser, live_server, world):
    shots = Shots()
    name = "Mekanisme Pengajuan Cuti Pegawai"

    # The drafter writes an SOP with a decision.
    page = session(browser, live_server, "drafter")
    shots(page, "daftar-sop")
    page.get_by_role("link", name="Buat SOP baru").click()
    page.locator("#id_nama").fill(name)
    page.locator("#id_pd").select_option(label="Dinas Komunikasi dan Informatika Kota Serang")
    unit = page.locator("#id_unit option", has_text="Sub Bagian Umum dan Kepegawaian").first.get_attribute(
        "value"
    )
    page.locator("#id_unit").select_option(value=unit)
    shots(page, "sop-baru")
    page.get_by_role("button", name="Buat draf").click()
    page.wait_for_url(re.compile(r"/ubah/$"))

    fill_step(
        page,
        0,
        kegiatan="Mengajukan permohonan cuti",
        pelaksana="Pelaksana",
        waktu="10 menit",
        output="Formulir cuti",
    )
    page.get_by_role("button", name="+ Tambah langkah").click()
    page.get_by_role("button", name="+ Tambah langkah").click()
    fill_step(
        page,
        1,
        kegiatan="Memeriksa permohonan cuti",
        pelaksana="Kepala Sub Bagian Umum dan Kepegawaian",
        kelengkapan="Formulir cuti",
        waktu="1 jam",
        output="Formulir diperiksa",
        ya="3",
        tidak="1",
    )
    started = time.perf_counter()
    fill_step(
        page,
        2,
        kegiatan="Menerbitkan surat izin cuti",
        pelaksana="Sekretaris",
        kelengkapan="Formulir diperiksa",
        output="Surat izin cuti",
    )

    # The flowchart appears, and the lint warning sits beside the step it concerns.
    # While the preview refreshes, step 3 may briefly show the warnings of a half-typed row: wait for the
    # one the finished row gets, by its text, not for "a warning".
    page.locator("#preview svg").first.wait_for()
    page.locator("#lint-step-3 .lint-warning", has_text="tanpa waktu").wait_for()
    preview_ms = (time.perf_counter() - started) * 1000
    assert page.locator("#lint-step-3 .lint-warning").count() == 1
    assert page.locator("#preview svg").count() >= 1
    shots(page, "editor-pratinjau")

    # Keyboard reorder keeps the decision pointing at the same steps, then moves back.
    page.locator("#steps > li.step").nth(2).get_by_role("button", name="Naik").click()
    assert (
        page.locator("#steps > li.step")
        .nth(1)
        .locator("[name=kegiatan]")
        .input_value()
        .startswith("Menerbitkan")
    )
    assert page.locator("#steps > li.step").nth(2).locator("[name=ya]").input_value() == "2"
    page.locator("#steps > li.step").nth(2).locator("[name=kegiatan]").focus()
    page.keyboard.press("Alt+ArrowUp")
    assert page.locator("#steps > li.step").nth(1).locator("[name=ya]").input_value() == "3"

    page.get_by_role("button", name="Simpan dan kembali").click()
    page.wait_for_url(re.compile(r"/sop/\d+/$"))
    page.get_by_role("button", name="Ajukan").click()
    page.get_by_text("SOP diajukan untuk verifikasi.").wait_for()
    shots(page, "detail-diajukan")
    page.context.close()

    # The second verifier cannot go first: the page offers them nothing.
    page = session(browser, live_server, "verifier2")
    open_sop(page, live_server, name)
    assert page.get_by_role("button", name="Setujui verifikasi").count() == 0
    page.context.close()

    # Verifier 1 approves.
    page = session(browser, live_server, "verifier1")
    assert page.get_by_role("heading", name="Menunggu tindakan Anda").is_visible()
    open_sop(page, live_server, name)
    page.get_by_role("button", name="Setujui verifikasi").click()
    page.get_by_text("Verifikasi disetujui.").wait_for()
    page.context.close()

    # Verifier 2 returns it once, with a note on step 3.
    page = session(browser, live_server, "verifier2")
    open_sop(page, live_server, name)
    page.locator("summary", has_text="Kembalikan").click()
    page.get_by_label("Catatan untuk penyusun").fill("Lengkapi waktu penerbitan surat.")
    page.locator("input[name=catatan_langkah_3]").fill("Waktu belum diisi.")
    shots(page, "verifikasi-kembalikan")
    page.get_by_role("button", name="Kirim dan kembalikan").click()
    page.get_by_text("SOP dikembalikan ke penyusun dengan catatan.").wait_for()
    page.context.close()

    # The drafter sees the note beside the step, fixes it and submits again.
    page = session(browser, live_server, "drafter")
    open_sop(page, live_server, name)
    page.get_by_role("link", name="Ubah").click()
    assert "Waktu belum diisi." in page.locator("#steps > li.step").nth(2).inner_text()
    fill_step(page, 2, waktu="1 hari")
    # A locator's wait, not wait_for_function: that evaluates a string, which the page's CSP forbids.
    playwright_api = pytest.importorskip("playwright.sync_api")
    playwright_api.expect(page.locator("#lint-step-3 .lint-warning")).to_have_count(
        0, timeout=STATE_TIMEOUT_MS
    )
    shots(page, "editor-catatan")
    page.get_by_role("button", name="Simpan dan kembali").click()
    page.get_by_role("button", name="Ajukan").click()
    page.get_by_text("SOP diajukan untuk verifikasi.").wait_for()
    page.context.close()

    for verifier in ("verifier1", "verifier2"):
        page = session(browser, live_server, verifier)
        open_sop(page, live_server, name)
        page.get_by_role("button", name="Setujui verifikasi").click()
        page.get_by_text("Verifikasi disetujui.").wait_for()
        page.context.close()

    # The head of the PD approves.
    page = session(browser, live_server, "head")
    open_sop(page, live_server, name)
    page.get_by_role("button", name="Sahkan").click()
    page.get_by_role("button", name="Ya, sahkan SOP ini").click()
    page.get_by_text("SOP disahkan.").wait_for()
    page.context.close()

    # The admin records the decree; the number comes from the PD's pattern.
    page = session(browser, live_server, "admin")
    open_sop(page, live_server, name)
    page.get_by_label("Nomor keputusan penetapan").fill("188.45/Kep.12-Huk/2025")
    shots(page, "penetapan")
    page.get_by_role("button", name="Periksa lalu tetapkan").click()
    page.get_by_role("heading", name="Periksa sebelum mencatat penetapan").wait_for()
    shots(page, "penetapan-periksa")
    page.get_by_role("button", name="Ya, catat penetapan").click()
    page.get_by_text("Penetapan tercatat.").wait_for()
    assert page.locator(".badge.st-berlaku").first.is_visible()
    shots(page, "detail-berlaku")
    page.context.close()

    # An anonymous visitor finds it by searching and downloads its PDF.
    page = session(browser, live_server, None)
    page.goto(f"{live_server.url}/katalog/")
    page.get_by_label("Cari SOP").fill("pengajuan cuti")
    search_started = time.perf_counter()
    page.get_by_role("button", name="Cari").click()
    page.get_by_role("link", name=name).wait_for()
    search_ms = (time.perf_counter() - search_started) * 1000
    shots(page, "katalog-cari")
    page.get_by_role("link", name=name).click()
    page.locator(".flowchart svg").first.wait_for()
    shots(page, "katalog-detail")
    with page.expect_download() as info:
        page.get_by_role("link", name="Unduh PDF").click()
    pdf = Path(info.value.path()).read_bytes()
    assert pdf[:4] == b"%PDF"
    page.context.close()

    # The same pages on a phone.
    page = session(browser, live_server, None, width=375)
    page.goto(f"{live_server.url}/katalog/?q=cuti")
    assert page.evaluate("document.documentElement.scrollWidth") <= 375
    shots(page, "ponsel-katalog")
    page.context.close()
    page = session(browser, live_server, "drafter", width=375)
    page.goto(f"{live_server.url}/sop/baru/")
    assert page.evaluate("document.documentElement.scrollWidth") <= 375
    page.context.close()
    print(
        f"\npreview round trip (typing to warning shown): {preview_ms:.0f} ms; catalog search: {search_ms:.0f} ms"
    )


def test_login_and_catalog_pages_render_for_screenshots(browser, live_server, world):
    shots = Shots()
    page = session(browser, live_server, None)
    page.goto(f"{live_server.url}/akun/masuk/")
    shots(page, "masuk")
    assert page.evaluate("document.activeElement.id") == "id_username"  # autofocus on the first field
    page.goto(f"{live_server.url}/katalog/")
    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.textContent")
    assert "Lewati" in focused  # the skip link comes first and is reachable by keyboard
    page.context.close()
