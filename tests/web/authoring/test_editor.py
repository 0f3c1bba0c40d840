from __future__ import annotations

import pytest
from django.http import QueryDict
from django.urls import reverse

from sopap.core.sopfile import load
from sopap.web.authoring import editor
from sopap.web.authoring.models import Revision
from sopap.web.shared.status import Status

IDENTITY = {
    "pemerintah": "Pemerintah Kota Serang",
    "instansi": "Dinas Komunikasi dan Informatika Kota Serang",
    "unit": ["Sekretariat", "Sub Bagian Keuangan"],
}


def post_of(initial: dict) -> QueryDict:
    q = QueryDict(mutable=True)
    for key, value in initial.items():
        if key != "steps":
            q[key] = value
    for step in initial["steps"]:
        for name in editor.STEP_FIELDS:
            q.appendlist(name, step.get(name, ""))
    return q


def test_the_editor_form_round_trips_every_field_of_the_format():
    from tests.web.conftest import SOP_DATA

    data = {
        **SOP_DATA,
        **IDENTITY,
        "tanggal_efektif": "2019-04-30",
        "keterkaitan": ["Mekanisme SPP"],
        "peralatan": ["ATK", "Komputer"],
        "peringatan": ["Sesuai DPA"],
        "pencatatan": ["Buku kendali"],
        "kualifikasi_pelaksana": ["Mampu mengoperasikan komputer"],
        "disahkan_oleh": {"jabatan": "Kepala Dinas", "nama": "Fulan", "nip": "1977"},
    }
    data["langkah"] = [
        *data["langkah"][:-1],
        {
            **data["langkah"][-1],
            "keterangan": "arsip",
            "simbol": "selesai",
            "output": ["SPJ diarsipkan", "Salinan"],
        },
    ]
    original = load(editor.text_from_data(data))
    initial = editor.initial_from_data(editor.data_from_text(editor.text_from_data(data)))
    rebuilt = editor.data_from_post(post_of(initial), identity=IDENTITY)
    assert load(editor.text_from_data(rebuilt)) == original


def test_blank_step_rows_are_dropped_and_decisions_read_as_numbers():
    initial = {
        "nama": "X",
        "steps": [
            {"kegiatan": "Mulai", "pelaksana": "A"},
            {"kegiatan": "", "pelaksana": ""},
            {"kegiatan": "Periksa", "pelaksana": "B; C", "ya": "3", "tidak": "selesai"},
            {"kegiatan": "Selesai", "pelaksana": "A"},
        ],
    }
    data = editor.data_from_post(post_of(initial), identity=IDENTITY)
    assert len(data["langkah"]) == 3
    assert data["langkah"][1]["keputusan"] == {"ya": 2, "tidak": "selesai"}  # page row 3 is step 2
    assert data["langkah"][1]["pelaksana"] == ["B", "C"]


def test_a_half_written_draft_is_kept_as_text_and_linted():
    text = editor.text_from_data({"nama": "Draf", "langkah": []})
    result = editor.lint(text)
    assert result.result.sop is None and result.result.errors


@pytest.mark.django_db
def test_drafter_creates_an_sop_and_lands_in_the_editor(login, world):
    client = login(world.drafter)
    response = client.post(
        reverse("authoring:new"), {"nama": "Mekanisme Baru", "pd": world.pd.pk, "unit": world.unit.pk}
    )
    revision = Revision.objects.get(nama="Mekanisme Baru")
    assert response.status_code == 302 and response["Location"] == reverse(
        "authoring:edit", args=[revision.pk]
    )
    assert revision.status == Status.DRAF and revision.author == world.drafter
    assert "instansi: Dinas Komunikasi dan Informatika Kota Serang" in revision.yaml_text
    page = client.get(response["Location"]).content.decode()
    assert 'hx-post="' in page and 'list="daftar-jabatan"' in page and "Kasubag PEP" in page


@pytest.mark.django_db
def test_drafter_cannot_create_in_another_pd(login, world):
    client = login(world.drafter)
    response = client.post(reverse("authoring:new"), {"nama": "X", "pd": world.other_pd.pk})
    assert response.status_code == 200 and not Revision.objects.filter(nama="X").exists()


@pytest.mark.django_db
def test_the_preview_returns_the_flowchart_and_lint_beside_each_step(login, world, make_sop):
    sop = make_sop()
    client = login(world.drafter)
    initial = editor.initial_from_data(editor.data_from_text(sop.yaml_text))
    initial["steps"][1]["waktu"] = "sebentar sekali"  # unreadable waktu: a diagnostic on step 2
    response = client.post(reverse("authoring:preview", args=[sop.pk]), dict(post_of(initial).lists()))
    html = response.content.decode()
    assert response.status_code == 200
    assert "<svg" in html
    assert 'id="lint-step-2"' in html and 'hx-swap-oob="true"' in html
    step2 = html.split('id="lint-step-2"')[1].split("</div>")[0]
    assert "lint-" in step2 and "sebentar sekali" in step2
    assert "Server-Timing" in response


@pytest.mark.django_db
def test_saving_the_editor_writes_canonical_yaml(login, world, make_sop):
    sop = make_sop()
    client = login(world.drafter)
    initial = editor.initial_from_data(editor.data_from_text(sop.yaml_text))
    initial["nama"] = "Mekanisme Penyusunan SPJ (revisi)"
    initial["steps"].reverse()
    response = client.post(
        reverse("authoring:edit", args=[sop.pk]),
        {**dict(post_of(initial).lists()), "versi": [str(sop.version)]},
    )
    assert response.status_code == 302
    sop.refresh_from_db()
    assert sop.nama == "Mekanisme Penyusunan SPJ (revisi)"
    assert load(sop.yaml_text).langkah[0].kegiatan == "Penggandaan dan Pengarsipan"


@pytest.mark.django_db
def test_a_save_that_leaves_an_error_says_so_beside_keeping_the_text(login, world, make_sop):
    sop = make_sop()
    client = login(world.drafter)
    initial = editor.initial_from_data(editor.data_from_text(sop.yaml_text))
    saved = client.post(
        reverse("authoring:edit", args=[sop.pk]),
        {**dict(post_of(initial).lists()), "versi": [str(sop.version)]},
        follow=True,
    ).content.decode()
    assert "Draf tersimpan." in saved and "galat" not in saved.split('class="messages"')[1].split("</div>")[0]
    sop.refresh_from_db()
    before = sop.version
    initial["steps"][1]["kegiatan"] = ""
    page = client.post(
        reverse("authoring:edit", args=[sop.pk]),
        {**dict(post_of(initial).lists()), "versi": [str(sop.version)]},
        follow=True,
    ).content.decode()
    assert 'class="msg msg-warning"' in page
    assert "Draf tersimpan, tetapi masih ada 1 galat" in page and "Kegiatan tidak boleh kosong" in page
    sop.refresh_from_db()
    assert sop.version == before + 1  # kept, as typed


def test_uploading_a_sop_yaml_creates_a_draft_without_its_number(login, world):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from tests.web.conftest import EXAMPLES

    raw = (EXAMPLES / "serang" / "33-penyusunan-renja.sop.yaml").read_bytes()
    client = login(world.drafter)
    response = client.post(
        reverse("authoring:upload"),
        {
            "unggah-pd": world.pd.pk,
            "unggah-unit": world.unit.pk,
            "unggah-berkas": SimpleUploadedFile("renja.sop.yaml", raw, content_type="application/yaml"),
        },
    )
    assert response.status_code == 302
    revision = Revision.objects.get(nama="Mekanisme Penyusunan RENJA")
    assert (
        revision.status == Status.DRAF and revision.nomor == "" and "12.01.33.2019" not in revision.yaml_text
    )


@pytest.mark.django_db
def test_uploading_a_broken_file_explains_why(login, world):
    from django.core.files.uploadedfile import SimpleUploadedFile

    client = login(world.drafter)
    response = client.post(
        reverse("authoring:upload"),
        {"unggah-pd": world.pd.pk, "unggah-berkas": SimpleUploadedFile("x.sop.yaml", b"\x00\x01binary")},
    )
    assert response.status_code == 400 and "biner" in response.content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize("fmt", ["yaml", "pdf", "svg", "png"])
def test_downloads_every_format_the_renderer_has(login, world, make_sop, fmt):
    from sopap.web.authoring.rendering import formats

    if fmt not in formats():
        pytest.skip(f"renderer has no {fmt}")
    sop = make_sop()
    response = login(world.auditor).get(reverse("authoring:download", args=[sop.pk, fmt]))
    assert response.status_code == 200
    body = response.content
    assert {"yaml": b"versi_format", "pdf": b"%PDF", "svg": b"<svg", "png": b"\x89PNG"}[fmt] in body[:400]
    assert "attachment" in response["Content-Disposition"]


@pytest.mark.django_db
def test_an_unknown_format_is_not_found(login, world, make_sop):
    sop = make_sop()
    assert login(world.drafter).get(reverse("authoring:download", args=[sop.pk, "exe"])).status_code == 404


def test_decision_targets_follow_their_steps_when_blank_rows_are_dropped():
    initial = {
        "nama": "X",
        "steps": [
            {"kegiatan": "Mulai", "pelaksana": "A"},
            {"kegiatan": "", "pelaksana": ""},
            {"kegiatan": "Periksa", "pelaksana": "B", "ya": "4", "tidak": "1"},
            {"kegiatan": "Selesai", "pelaksana": "A"},
        ],
    }
    data = editor.data_from_post(post_of(initial), identity=IDENTITY)
    assert data["langkah"][1]["keputusan"] == {"ya": 3, "tidak": 1}
    assert editor.step_positions(post_of(initial)) == [1, 3, 4]
