"""Sahkan and Catat penetapan show what will be signed or decreed, and happen only when confirmed."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from sopap.web.shared.status import Status
from sopap.web.workflow.models import Transition
from tests.web.conftest import fresh


def _post(client, sop, action, **fields):
    return client.post(
        reverse("workflow:transition", args=[sop.pk, action]), {"versi": sop.version, **fields}
    )


@pytest.mark.django_db
def test_sahkan_first_shows_what_the_head_will_sign_and_changes_nothing(login, world, make_sop, to_state):
    sop = to_state(make_sop(), "uji_coba")
    response = _post(login(fresh(world.head)), sop, "approve", catatan="Sudah sesuai.")
    text = response.content.decode()
    assert response.status_code == 200
    assert "Periksa sebelum mengesahkan" in text
    assert "Mekanisme Penyusunan SPJ" in text
    assert f"revisi 1, versi {sop.version}" in text
    pd = world.pd
    assert (pd.kepala_jabatan or "Kepala") in text and "Head" in text  # the signer: the head, by name
    assert "Sudah sesuai." in text
    assert f'<input type="hidden" name="versi" value="{sop.version}">' in text
    assert '<input type="hidden" name="catatan" value="Sudah sesuai.">' in text
    assert '<input type="hidden" name="confirm" value="1">' in text
    sop.refresh_from_db()
    assert sop.status == Status.UJI_COBA and not Transition.objects.filter(action="sop.approved").exists()


@pytest.mark.django_db
def test_sahkan_confirmed_signs_with_the_typed_notes(login, world, make_sop, to_state):
    sop = to_state(make_sop(), "uji_coba")
    response = _post(login(fresh(world.head)), sop, "approve", catatan="Sudah sesuai.", confirm="1")
    assert response.status_code == 302
    sop.refresh_from_db()
    assert sop.status == Status.DISAHKAN
    assert Transition.objects.get(revision=sop, action="sop.approved").notes == "Sudah sesuai."


@pytest.mark.django_db
def test_a_summary_from_an_older_version_is_refused_with_the_notes_kept(login, world, make_sop, to_state):
    sop = to_state(make_sop(), "uji_coba")
    response = login(fresh(world.head)).post(
        reverse("workflow:transition", args=[sop.pk, "approve"]),
        {"versi": sop.version - 1, "catatan": "Catatan saya"},
    )
    text = response.content.decode()
    assert response.status_code == 409 and "SOP ini berubah sejak halaman Anda dibuka" in text
    assert 'value="Catatan saya"' in text


@pytest.mark.django_db
def test_going_back_from_the_summary_keeps_what_was_typed(login, world, make_sop, to_state):
    sop = to_state(make_sop(), "disahkan")
    response = _post(
        login(fresh(world.admin)),
        sop,
        "decree",
        keputusan_nomor="188.45/7/2026",
        keputusan_tanggal="2026-01-05",
        ubah="1",
    )
    text = response.content.decode()
    assert response.status_code == 200
    assert 'name="keputusan_nomor" required value="188.45/7/2026"' in text
    assert 'value="2026-01-05"' in text
    sop.refresh_from_db()
    assert sop.status == Status.DISAHKAN


@pytest.mark.django_db
def test_catat_penetapan_first_shows_the_number_the_decree_and_the_dates(login, world, make_sop, to_state):
    sop = to_state(make_sop(), "disahkan")
    response = _post(
        login(fresh(world.admin)),
        sop,
        "decree",
        keputusan_nomor="188.45/7/2026",
        keputusan_tanggal="2026-01-05",
        tanggal_berlaku="2099-02-01",
    )
    text = response.content.decode()
    assert response.status_code == 200 and "Periksa sebelum mencatat penetapan" in text
    assert "12.01.01.2026" in text  # the number the pattern gives, in the decree's year
    assert "188.45/7/2026" in text and "05 Januari 2026" in text and "01 Februari 2099" in text
    assert "berlaku otomatis pada tanggal itu" in text
    assert "Head" in text  # who signed it
    sop.refresh_from_db()
    sop.document.refresh_from_db()
    assert sop.status == Status.DISAHKAN and sop.document.nomor is None and sop.document.urut is None


@pytest.mark.django_db
def test_catat_penetapan_confirmed_decrees_as_summarised(login, world, make_sop, to_state):
    sop = to_state(make_sop(), "disahkan")
    response = _post(
        login(fresh(world.admin)),
        sop,
        "decree",
        keputusan_nomor="188.45/7/2026",
        keputusan_tanggal=dt.date.today().isoformat(),
        confirm="1",
    )
    assert response.status_code == 302
    sop.refresh_from_db()
    assert sop.status == Status.BERLAKU and sop.keputusan_nomor == "188.45/7/2026"


@pytest.mark.django_db
def test_a_decree_without_its_number_is_refused_before_the_summary(login, world, make_sop, to_state):
    sop = to_state(make_sop(), "disahkan")
    response = _post(login(fresh(world.admin)), sop, "decree", keputusan_nomor=" ", nomor="12.01.09.2026")
    text = response.content.decode()
    assert response.status_code == 409 and "Nomor keputusan penetapan wajib diisi." in text
    assert 'value="12.01.09.2026"' in text


@pytest.mark.django_db
def test_the_two_decree_buttons_say_different_things(login, world, make_sop, to_state):
    sop = to_state(make_sop(), "disahkan")
    text = login(fresh(world.admin)).get(reverse("workflow:sop_detail", args=[sop.document_id])).content
    text = text.decode()
    assert text.count(">Catat penetapan<") == 1 and ">Periksa lalu tetapkan</button>" in text
