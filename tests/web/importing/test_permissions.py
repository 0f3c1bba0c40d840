"""A batch, its SOPs and their page images are seen only by the drafters of the batch's PD."""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse

from sopap.web.importing.models import FoundSop, ImportBatch
from tests.web.conftest import fresh
from tests.web.importing.conftest import word_book

pytestmark = pytest.mark.django_db


def test_a_drafter_of_another_pd_sees_neither_the_batch_nor_its_sops(upload: Any, client: Any, world: Any):
    upload({"Buku.docx": word_book(1)})
    batch, found = ImportBatch.objects.get(), FoundSop.objects.get()
    client.force_login(fresh(world.other_drafter))
    assert client.get(reverse("importing:batch", args=[batch.pk])).status_code == 404
    assert client.get(reverse("importing:review", args=[found.pk])).status_code == 404
    assert client.get(reverse("importing:page", args=[found.pk])).status_code == 404
    assert client.post(reverse("importing:review", args=[found.pk]), {"aksi": "terima"}).status_code == 404
    assert "Buku.docx" not in client.get(reverse("importing:index")).content.decode()
    assert FoundSop.objects.get().state == FoundSop.State.WAITING


def test_another_drafter_of_the_same_pd_may_review_the_batch(upload: Any, client: Any, world: Any):
    upload({"Buku.docx": word_book(1)})
    client.force_login(fresh(world.drafter2))
    assert client.get(reverse("importing:review", args=[FoundSop.objects.get().pk])).status_code == 200


def test_a_drafter_cannot_import_into_a_pd_they_do_not_draft_for(upload: Any, world: Any):
    response = upload({"Buku.docx": word_book(1)}, pd=world.other_pd, unit=None)
    assert response.status_code == 400 and ImportBatch.objects.count() == 0


def test_sop_saya_leads_drafters_to_the_import(client: Any, world: Any):
    client.force_login(fresh(world.drafter))
    page = client.get(reverse("workflow:sop_list")).content.decode()
    assert page.count(f'href="{reverse("importing:index")}"') == 1
    client.force_login(fresh(world.verifier1))
    assert reverse("importing:index") not in client.get(reverse("workflow:sop_list")).content.decode()
