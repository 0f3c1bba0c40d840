"""One address per SOP that outlives its revisions: it shows the revision in force and lists the earlier
ones, each at an address of its own marked as no longer in force; the addresses given out per revision
before keep leading there; a withdrawn SOP says when and why instead of "not found"."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import override

from sopap.web.authoring.services import revision_update
from sopap.web.catalog.models import CatalogEntry
from sopap.web.shared.templatetags.shared import tanggal
from sopap.web.workflow import services as wf
from tests.web.conftest import SOP_DATA, fresh

pytestmark = pytest.mark.django_db


def indonesian(day: dt.date) -> str:
    with override("id"):
        return tanggal(day)


@pytest.fixture
def revised(world, make_sop, to_state):
    """An SOP put in force, then revised (a fourth step renamed) and the revision put in force."""
    first = to_state(make_sop(data=SOP_DATA), "berlaku")
    first_entry = first.catalog_entry
    second = wf.review_open(sop=first, actor=fresh(world.drafter))
    data = {**SOP_DATA, "langkah": [dict(s) for s in SOP_DATA["langkah"]]}
    data["langkah"][3]["kegiatan"] = "Input SPJ ke aplikasi SIPD"
    revision_update(sop=second, actor=fresh(world.drafter), data=data, loaded_version=second.version)
    second = to_state(second, "berlaku")
    first.refresh_from_db()
    return {"first": first, "second": second, "first_entry": first_entry, "doc": first.document_id}


def test_the_permanent_address_shows_the_revision_in_force_and_lists_the_earlier_one(client, revised):
    page = client.get(reverse("catalog:sop", args=[revised["doc"]])).content.decode()
    assert "Input SPJ ke aplikasi SIPD" in page
    assert "Revisi yang pernah berlaku" in page
    earlier = reverse("catalog:revision", args=[revised["doc"], 1])
    assert f'href="{earlier}"' in page
    # Replaced on the day the new revision came into force.
    assert f"tidak berlaku lagi sejak {indonesian(revised['second'].tanggal_berlaku)}" in page


def test_an_earlier_revision_has_its_own_address_marked_as_no_longer_in_force(client, revised):
    page = client.get(reverse("catalog:revision", args=[revised["doc"], 1])).content.decode()
    assert "Input SPJ ke aplikasi SIPD" not in page and "Input SPJ" in page
    assert f"Tidak berlaku lagi sejak {indonesian(revised['second'].tanggal_berlaku)}" in page
    assert f'href="{reverse("catalog:sop", args=[revised["doc"]])}"' in page
    assert "Lihat SOP yang berlaku (revisi 2)" in page


def test_the_address_of_the_revision_in_force_by_number_leads_to_the_permanent_one(client, revised):
    response = client.get(reverse("catalog:revision", args=[revised["doc"], 2]))
    assert response.status_code == 302 and response["Location"] == reverse(
        "catalog:sop", args=[revised["doc"]]
    )


def test_an_old_catalog_address_of_a_replaced_revision_still_leads_to_it(client, revised):
    response = client.get(reverse("catalog:detail", args=[revised["first_entry"].pk]))
    assert response.status_code == 302
    assert response["Location"] == reverse("catalog:revision", args=[revised["doc"], 1])
    page = client.get(response["Location"]).content.decode()
    assert "Tidak berlaku lagi sejak" in page


def test_an_old_catalog_address_of_the_revision_in_force_leads_to_the_permanent_one(client, revised):
    entry = revised["second"].catalog_entry
    response = client.get(reverse("catalog:detail", args=[entry.pk]))
    assert response["Location"] == reverse("catalog:sop", args=[revised["doc"]])


def test_an_old_download_address_gives_the_file_of_that_revision(client, revised):
    response = client.get(reverse("catalog:download", args=[revised["first_entry"].pk, "yaml"]), follow=True)
    assert response.status_code == 200
    body = response.content.decode()
    assert "Input SPJ" in body and "aplikasi SIPD" not in body


def test_the_replaced_revision_leaves_the_search_but_keeps_its_row(revised):
    from sopap.web.catalog.selectors import catalog_search

    assert [e.revision_id for e in catalog_search(q="spj")] == [revised["second"].pk]
    kept = CatalogEntry.objects.get(pk=revised["first_entry"].pk)
    assert kept.nama_terms == "" and kept.body_terms == "" and kept.ended_at is not None


def test_a_new_draft_of_the_sop_stays_private(client, world, revised):
    draft = wf.review_open(sop=revised["second"], actor=fresh(world.drafter))
    assert client.get(reverse("catalog:revision", args=[revised["doc"], draft.number])).status_code == 404
    page = client.get(reverse("catalog:sop", args=[revised["doc"]])).content.decode()
    assert "Revisi 3" not in page


def test_an_sop_never_in_force_has_no_public_address(client, make_sop):
    draft = make_sop(data=SOP_DATA)
    assert client.get(reverse("catalog:sop", args=[draft.document_id])).status_code == 404
    assert client.get(reverse("catalog:sop_download", args=[draft.document_id, "pdf"])).status_code == 404


def test_a_withdrawn_sop_says_when_and_why_instead_of_not_found(client, world, revised):
    wf.sop_withdraw(sop=revised["second"], actor=fresh(world.admin), notes="Kewenangan pindah ke BPKAD")
    response = client.get(reverse("catalog:sop", args=[revised["doc"]]))
    page = response.content.decode()
    assert response.status_code == 200
    assert f"Dicabut pada {indonesian(timezone.localdate())}" in page
    assert "Kewenangan pindah ke BPKAD" in page
    # The old revision's page points to the withdrawal, not to a revision in force.
    earlier = client.get(reverse("catalog:revision", args=[revised["doc"], 1])).content.decode()
    assert "SOP ini dicabut pada" in earlier


def test_the_sop_page_offers_html_next_to_the_other_downloads(client, revised):
    page = client.get(reverse("catalog:sop", args=[revised["doc"]])).content.decode()
    html = reverse("catalog:sop_download", args=[revised["doc"], "html"])
    assert f'href="{html}"' in page and "Unduh HTML" in page and "Unduh PDF" in page
    response = client.get(html)
    assert response.status_code == 200 and response["Content-Type"].startswith("text/html")
    assert "Input SPJ ke aplikasi SIPD" in response.content.decode()


def test_every_link_of_the_catalog_goes_to_the_permanent_address(client, revised):
    permanent = reverse("catalog:sop", args=[revised["doc"]])
    assert f'href="{permanent}"' in client.get(reverse("catalog:index")).content.decode()
    assert f'href="{permanent}"' in client.get(reverse("catalog:index"), {"q": "spj"}).content.decode()
