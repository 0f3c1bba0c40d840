"""An SOP found in a file that the PD already has (same nomor, or same nama in any letter case) is proposed
as the next revision of it rather than a second SOP; the drafter may still choose a separate one."""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse

from sopap.web.authoring.models import Revision, SopDocument
from sopap.web.importing.models import FoundSop, ImportEvent
from sopap.web.shared.status import Status
from tests.web.importing.conftest import serang_sops, word_book
from tests.web.importing.test_review_and_accept import _form

pytestmark = pytest.mark.django_db


def _existing(make_sop: Any, nama: str) -> Any:
    from tests.web.conftest import SOP_DATA

    return make_sop(data={**SOP_DATA, "nama": nama})


def test_an_sop_with_the_same_name_in_other_letters_is_proposed_as_its_revision(
    upload: Any, client: Any, make_sop: Any
):
    existing = _existing(make_sop, serang_sops()[2].nama.upper())
    upload({"Buku.docx": word_book(1, start=2)})
    found = FoundSop.objects.get()
    assert (found.match_id, found.choice) == (existing.document_id, FoundSop.Choice.REVISION)
    page = client.get(reverse("importing:review", args=[found.pk])).content.decode()
    assert "SOP ini tampaknya sudah ada di perangkat daerah ini" in page
    assert 'value="revisi" checked' in page


def test_accepting_into_an_open_draft_makes_its_next_version_not_a_second_sop(
    upload: Any, client: Any, make_sop: Any
):
    existing = _existing(make_sop, serang_sops()[2].nama)
    upload({"Buku.docx": word_book(1, start=2)})
    found = FoundSop.objects.get()
    client.post(reverse("importing:review", args=[found.pk]), _form(found, client, aksi="terima"))
    existing.refresh_from_db()
    assert SopDocument.objects.count() == 1 and existing.version == 2
    assert len(existing.yaml_text.split("kegiatan:")) - 1 == len(serang_sops()[2].langkah)
    assert ImportEvent.objects.get(action="sop.imported_as_revision").revision == existing


def test_accepting_an_sop_in_force_opens_a_review_revision_with_the_imported_text(
    upload: Any, client: Any, make_sop: Any, to_state: Any, django_capture_on_commit_callbacks: Any
):
    with django_capture_on_commit_callbacks():
        in_force = to_state(_existing(make_sop, serang_sops()[2].nama), "berlaku")
    upload({"Buku.docx": word_book(1, start=2)})
    found = FoundSop.objects.get()
    client.post(reverse("importing:review", args=[found.pk]), _form(found, client, aksi="terima"))
    draft = FoundSop.objects.get().revision
    assert (draft.document_id, draft.number, draft.status) == (in_force.document_id, 2, Status.DRAF)
    assert Revision.objects.get(pk=in_force.pk).status == Status.BERLAKU


def test_the_drafter_may_choose_a_separate_sop_instead(upload: Any, client: Any, make_sop: Any):
    _existing(make_sop, serang_sops()[2].nama)
    upload({"Buku.docx": word_book(1, start=2)})
    found = FoundSop.objects.get()
    client.post(
        reverse("importing:review", args=[found.pk]), _form(found, client, pilihan="baru", aksi="terima")
    )
    assert SopDocument.objects.count() == 2


def test_a_match_under_verification_is_refused_with_the_reason_and_the_corrections_stay(
    upload: Any, client: Any, make_sop: Any, to_state: Any
):
    to_state(_existing(make_sop, serang_sops()[2].nama), "diajukan")
    upload({"Buku.docx": word_book(1, start=2)})
    found = FoundSop.objects.get()
    response = client.post(
        reverse("importing:review", args=[found.pk]), _form(found, client, nomor="800/1/2024", aksi="terima")
    )
    text = response.content.decode()
    assert response.status_code == 400 and "sedang berstatus Diajukan" in text and "tetap tersimpan" in text
    found.refresh_from_db()
    assert (found.state, found.nomor) == (FoundSop.State.WAITING, "800/1/2024")
    assert 'value="800/1/2024"' in text
