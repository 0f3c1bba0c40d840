"""A found SOP is reviewed beside its report, corrected, and accepted as a draft of the batch's unit (its
first version in the edit log, an import event in the audit trail); a refusal says why and keeps the
corrections."""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse

from sopap.web.authoring.models import Revision, RevisionEdit
from sopap.web.importing.models import FoundSop, ImportEvent
from sopap.web.shared.status import Status
from tests.web.conftest import fresh
from tests.web.importing.conftest import serang_sops, word_book

pytestmark = pytest.mark.django_db


def _form(found: FoundSop, client: Any, **changes: Any) -> dict[str, Any]:
    """The review form as the page fills it, with ``changes``."""
    from sopap.web.authoring.editor import data_from_text, initial_from_data

    initial = initial_from_data(data_from_text(found.yaml_text))
    form: dict[str, Any] = {
        key: initial[key]
        for key in ("nama", "nomor", "tanggal_pembuatan", "tanggal_revisi", "tanggal_efektif")
    }
    form["kegiatan"] = [s["kegiatan"] for s in initial["steps"]]
    form["pelaksana"] = [s["pelaksana"] for s in initial["steps"]]
    form["versi"] = found.version
    form.update(changes)
    return form


def test_the_review_page_shows_what_was_read_inferred_and_missing_with_the_evidence(upload: Any, client: Any):
    upload({"Buku.docx": word_book(1, start=2)})
    found = FoundSop.objects.get()
    page = client.get(reverse("importing:review", args=[found.pk])).content.decode()
    assert "Terbaca dari berkas" in page and "Disimpulkan" in page and "Tidak ditemukan" in page
    assert "<strong>Nama SOP</strong>" in page
    assert "pelaksana dari: posisi bentuk bagan alir pada kolom pelaksana" in page
    assert "<svg" in page  # our flowchart of what was read
    assert 'name="kegiatan"' in page and 'list="actors"' in page


def test_correcting_one_field_keeps_it_and_marks_it_corrected(upload: Any, client: Any):
    upload({"Buku.docx": word_book(1, start=2)})
    found = FoundSop.objects.get()
    response = client.post(
        reverse("importing:review", args=[found.pk]),
        _form(found, client, nama="Mekanisme Penyusunan RENJA OPD"),
    )
    assert response.status_code == 302
    found.refresh_from_db()
    assert (found.nama, found.version, found.corrected) == ("Mekanisme Penyusunan RENJA OPD", 2, True)
    page = client.get(reverse("importing:review", args=[found.pk])).content.decode()
    assert 'value="Mekanisme Penyusunan RENJA OPD"' in page and "diperbaiki" in page


def test_a_step_s_actor_corrected_to_a_new_one_joins_the_sop_s_actors(upload: Any, client: Any):
    upload({"Buku.docx": word_book(1, start=2)})
    found = FoundSop.objects.get()
    form = _form(found, client)
    form["pelaksana"] = ["Kepala Dinas", *form["pelaksana"][1:]]
    client.post(reverse("importing:review", args=[found.pk]), form)
    from sopap.web.authoring.editor import data_from_text

    data = data_from_text(FoundSop.objects.get().yaml_text)
    assert data["langkah"][0]["pelaksana"] == "Kepala Dinas" and "Kepala Dinas" in data["pelaksana"]


def test_a_step_of_two_actors_shows_them_apart_and_keeps_them_as_two(upload: Any, client: Any):
    from sopap.web.authoring.editor import data_from_text, text_from_data

    upload({"Buku.docx": word_book(1, start=2)})
    found = FoundSop.objects.get()
    data = data_from_text(found.yaml_text)
    first, second = data["pelaksana"][:2]
    data["langkah"][0]["pelaksana"] = [first, second]
    FoundSop.objects.filter(pk=found.pk).update(
        yaml_text=text_from_data(data), read_yaml=text_from_data(data)
    )
    found.refresh_from_db()
    page = client.get(reverse("importing:review", args=[found.pk])).content.decode()
    assert f'name="pelaksana" value="{first}; {second}"' in page and "[&#x27;" not in page
    # Sent back as shown: still two actors, none new.
    client.post(reverse("importing:review", args=[found.pk]), _form(found, client, nama="Dua pelaksana"))
    saved = data_from_text(FoundSop.objects.get().yaml_text)
    assert saved["langkah"][0]["pelaksana"] == [first, second] and saved["pelaksana"] == data["pelaksana"]
    # A third one typed beside them joins the SOP's actors.
    form = _form(FoundSop.objects.get(), client)
    form["pelaksana"] = [f"{first}; Kepala Dinas", *form["pelaksana"][1:]]
    client.post(reverse("importing:review", args=[found.pk]), form)
    saved = data_from_text(FoundSop.objects.get().yaml_text)
    assert (
        saved["langkah"][0]["pelaksana"] == [first, "Kepala Dinas"] and "Kepala Dinas" in saved["pelaksana"]
    )


def test_accepting_makes_a_draft_in_the_chosen_unit_with_its_first_version_and_an_import_event(
    upload: Any, client: Any, world: Any
):
    upload({"Buku.docx": word_book(2)})
    first, second = FoundSop.objects.order_by("index")
    response = client.post(
        reverse("importing:review", args=[first.pk]),
        _form(first, client, nama="SPP-SPM UP/GU/TU/LS", aksi="terima"),
    )
    # On to the next SOP waiting in the batch.
    assert response.status_code == 302 and response.url == reverse("importing:review", args=[second.pk])
    first.refresh_from_db()
    revision = first.revision
    assert (first.state, revision.status, revision.nama) == (
        FoundSop.State.ACCEPTED,
        Status.DRAF,
        "SPP-SPM UP/GU/TU/LS",
    )
    assert (revision.document.pd, revision.document.unit, revision.author) == (
        world.pd,
        world.unit,
        world.drafter,
    )
    assert [(e.version, e.action) for e in RevisionEdit.objects.filter(revision=revision)] == [
        (1, RevisionEdit.Action.CREATED)
    ]
    assert "nomor:" not in revision.yaml_text  # the number comes from the decree, as for any draft
    assert len(revision.yaml_text.split("kegiatan:")) - 1 == len(serang_sops()[0].langkah)
    event = ImportEvent.objects.get(action="sop.imported")
    assert (event.actor, event.pd, event.revision) == (world.drafter, world.pd, revision)

    client.post(reverse("importing:review", args=[second.pk]), _form(second, client, aksi="terima"))
    mine = client.get(reverse("workflow:sop_list") + "?lingkup=saya").content.decode()
    assert "SPP-SPM UP/GU/TU/LS" in mine and serang_sops()[1].nama in mine


def test_an_accepted_sop_cannot_be_accepted_twice(upload: Any, client: Any):
    upload({"Buku.docx": word_book(1)})
    found = FoundSop.objects.get()
    client.post(reverse("importing:review", args=[found.pk]), _form(found, client, aksi="terima"))
    again = client.post(
        reverse("importing:review", args=[found.pk]), _form(found, client, versi=2, aksi="terima")
    )
    assert again.status_code == 400 and "sudah diterima" in again.content.decode()
    assert Revision.objects.count() == 1


def test_rejecting_keeps_the_reason_and_makes_no_draft(upload: Any, client: Any):
    upload({"Buku.docx": word_book(1)})
    found = FoundSop.objects.get()
    client.post(reverse("importing:review", args=[found.pk]), {"aksi": "tolak", "alasan": "sudah diketik"})
    found.refresh_from_db()
    assert (found.state, found.reason) == (FoundSop.State.REJECTED, "sudah diketik")
    assert Revision.objects.count() == 0 and ImportEvent.objects.filter(action="import.rejected").exists()


def test_a_correction_from_a_page_loaded_before_another_one_is_refused_and_kept_on_screen(
    upload: Any, client: Any
):
    upload({"Buku.docx": word_book(1)})
    found = FoundSop.objects.get()
    client.post(reverse("importing:review", args=[found.pk]), _form(found, client, nama="Nama pertama"))
    stale = client.post(
        reverse("importing:review", args=[found.pk]), _form(found, client, nama="Nama kedua", versi=1)
    )
    text = stale.content.decode()
    assert stale.status_code == 400 and "sudah diperbaiki orang lain" in text and 'value="Nama kedua"' in text
    assert FoundSop.objects.get().nama == "Nama pertama"


def test_an_import_nobody_in_the_pd_drafts_for_is_refused_to_a_verifier(client: Any, world: Any):
    client.force_login(fresh(world.verifier1))
    response = client.get(reverse("importing:index"))
    assert response.status_code == 403 and "Hanya penyusun" in response.content.decode()


def test_the_report_reads_in_english_on_the_english_locale(upload: Any, client: Any):
    upload({"Buku.docx": word_book(1, start=2)})
    client.cookies["django_language"] = "en"
    page = client.get(reverse("importing:review", args=[FoundSop.objects.get().pk])).content.decode()
    assert "Read from the file" in page and "actor from:" in page and "Accept as a draft" in page
    assert "posisi bentuk bagan alir" not in page
