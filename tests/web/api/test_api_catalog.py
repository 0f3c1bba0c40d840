"""The public catalog through the API: the same SOPs as /katalog/, the same search, the same files."""

from __future__ import annotations

import pytest
from django.urls import reverse

from sopap.web.authoring import rendering
from sopap.web.catalog.selectors import catalog_find
from sopap.web.shared.status import Status

pytestmark = pytest.mark.django_db


@pytest.fixture
def published(world, make_sop, to_state):
    """Two SOPs in force in the world's PD (one of them in its unit), one in the other PD, and a draft."""
    from tests.web.conftest import SOP_DATA

    in_unit = to_state(make_sop(), "berlaku")
    no_unit = make_sop(unit=None, data={**SOP_DATA, "nama": "Pengelolaan Arsip Dinamis"})
    no_unit.document.unit = None
    no_unit.document.save(update_fields=["unit"])
    no_unit = to_state(no_unit, "berlaku")
    make_sop(data={**SOP_DATA, "nama": "Draf Rahasia"})
    return in_unit, no_unit


def test_the_list_filters_by_pd_and_unit_and_pages(api, world, published):
    in_unit, _ = published
    everything = api().get("/katalog/sop").json()
    assert everything["count"] == 2 and "Draf Rahasia" not in str(everything)
    by_unit = api().get("/katalog/sop", unit=world.unit.pk).json()
    assert [i["document_id"] for i in by_unit["items"]] == [in_unit.document_id]
    assert by_unit["items"][0]["unit"]["path"][-1] == "Sub Bagian Keuangan"
    assert api().get("/katalog/sop", pd=world.other_pd.pk).json()["count"] == 0
    second = api().get("/katalog/sop", page=2, page_size=1).json()
    assert second["count"] == 2 and len(second["items"]) == 1 and second["page"] == 2
    assert api().get("/katalog/sop", pd=999_999).status_code == 404


def test_the_search_is_the_catalogs_search(api, world, published):
    found = api().get("/katalog/cari", q="arsip").json()
    expected = catalog_find(q="arsip")
    assert [i["document_id"] for i in found["items"]] == [e.document_id for e in expected.entries]
    assert found["items"] and found["items"][0]["name"] == "Pengelolaan Arsip Dinamis"
    typo = api().get("/katalog/cari", q="pengelolan arsp").json()
    assert typo["suggestion"] == catalog_find(q="pengelolan arsp").suggestion


def test_the_detail_is_the_sop_at_its_permanent_id(api, world, published):
    in_unit, _ = published
    detail = api().get(f"/katalog/sop/{in_unit.document_id}").json()
    assert (
        detail["status"] == Status.BERLAKU
        and detail["number"]
        and detail["keputusan_nomor"] == "188.45/12/2025"
    )
    assert detail["yaml"] == in_unit.yaml_text
    assert set(detail["downloads"]) == set(rendering.formats())
    assert [h["revision"] for h in detail["history"]] == [1]


def test_a_withdrawn_sop_says_so_and_why(api, world, published):
    from sopap.web.workflow import services as wf
    from tests.web.conftest import fresh

    in_unit, _ = published
    wf.sop_withdraw(sop=in_unit, actor=fresh(world.admin), notes="Digabung dengan SOP lain")
    detail = api().get(f"/katalog/sop/{in_unit.document_id}").json()
    assert detail["status"] == Status.DICABUT and detail["withdrawal_reason"] == "Digabung dengan SOP lain"
    assert api().get("/katalog/sop").json()["count"] == 1


@pytest.mark.parametrize("fmt", rendering.formats())
def test_every_format_is_the_file_the_catalog_gives(client, api, published, fmt):
    in_unit, _ = published
    ours = api().get(f"/katalog/sop/{in_unit.document_id}/unduh/{fmt}")
    web = client.get(reverse("catalog:sop_download", args=[in_unit.document_id, fmt]))
    assert ours.status_code == web.status_code == 200
    assert ours["Content-Type"] == web["Content-Type"] == rendering.media_type(fmt)
    assert ours["Content-Disposition"] == web["Content-Disposition"]
    assert len(ours.content) > 0
    if fmt in {"yaml", "svg", "html"}:
        assert ours.content == web.content


def test_an_unknown_format_is_invalid(api, published):
    in_unit, _ = published
    response = api().get(f"/katalog/sop/{in_unit.document_id}/unduh/exe")
    assert response.status_code == 422 and response.json()["code"] == "invalid"


def test_the_pds_and_their_units(api, world, published):
    pds = api().get("/katalog/pd").json()
    assert [p["id"] for p in pds] == [world.pd.pk]
    units = api().get(f"/katalog/pd/{world.pd.pk}/units").json()
    assert world.unit.pk in [u["id"] for u in units]


def test_the_lists_read_a_bounded_number_of_rows_however_many_sops(api, world, make_sop, to_state):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def queries(path: str, caller: object) -> int:
        with CaptureQueriesContext(connection) as captured:
            assert caller.get(path).status_code == 200
        return len(captured)

    to_state(make_sop(), "berlaku")
    drafter = api(world.drafter)
    drafter.get("/sop")  # the token's first use is written down; later ones, within the minute, are not
    api().get("/katalog/sop")  # the first call of a rate-limit window also clears the caller's older windows
    few = (queries("/katalog/sop", api()), queries("/sop", drafter))
    for _ in range(3):
        to_state(make_sop(), "berlaku")
        make_sop()
    assert (queries("/katalog/sop", api()), queries("/sop", drafter)) == few
