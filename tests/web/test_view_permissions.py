"""Every view, every role: who gets a page, who gets 403, who gets 404, who is sent to log in."""

from __future__ import annotations

import pytest
from django.urls import reverse

from sopap.web.shared.status import Status
from tests.web.conftest import fresh

pytestmark = pytest.mark.django_db


def test_anonymous_visitors_see_only_the_catalog(client, world, make_sop, to_state):
    sop = to_state(make_sop(), "berlaku")
    draft = make_sop()
    assert client.get(reverse("catalog:index")).status_code == 200
    assert client.get(reverse("catalog:sop", args=[sop.document_id])).status_code == 200
    for url in [
        reverse("workflow:sop_list"),
        reverse("authoring:new"),
        reverse("workflow:sop_detail", args=[draft.document_id]),
        reverse("authoring:edit", args=[draft.pk]),
        reverse("authoring:download", args=[draft.pk, "yaml"]),
        reverse("authoring:compare", args=[draft.document_id]),
        reverse("organisations:list"),
        reverse("organisations:accounts"),
        reverse("organisations:account_new"),
        reverse("organisations:account", args=[world.drafter.pk]),
    ]:
        response = client.get(url)
        assert response.status_code == 302 and "/akun/masuk/" in response["Location"], url
    for url in [
        reverse("authoring:preview", args=[draft.pk]),
        reverse("authoring:upload"),
        reverse("workflow:transition", args=[draft.pk, "submit"]),
    ]:
        response = client.post(url)
        assert response.status_code == 302 and "/akun/masuk/" in response["Location"], url


def test_drafter_cannot_see_other_pds_drafts(login, world, make_sop):
    draft = make_sop()
    client = login(world.other_drafter)
    listing = client.get(reverse("workflow:sop_list"))
    assert draft.nama not in listing.content.decode()
    for url in [
        reverse("workflow:sop_detail", args=[draft.document_id]),
        reverse("authoring:edit", args=[draft.pk]),
        reverse("authoring:download", args=[draft.pk, "yaml"]),
        reverse("authoring:compare", args=[draft.document_id]),
    ]:
        assert client.get(url).status_code == 404, url
    assert client.post(reverse("authoring:preview", args=[draft.pk]), {"nama": "x"}).status_code == 404
    assert client.post(reverse("workflow:transition", args=[draft.pk, "submit"])).status_code == 404


def test_drafters_of_the_same_pd_see_and_edit_each_others_drafts(login, world, make_sop):
    draft = make_sop()
    client = login(world.drafter2)
    assert client.get(reverse("workflow:sop_detail", args=[draft.document_id])).status_code == 200
    assert client.get(reverse("authoring:edit", args=[draft.pk])).status_code == 200


@pytest.mark.parametrize("who", ["verifier1", "head", "admin", "auditor"])
def test_non_drafters_read_but_cannot_edit_or_create(login, world, make_sop, who):
    draft = make_sop()
    client = login(world.users[who])
    assert client.get(reverse("workflow:sop_detail", args=[draft.document_id])).status_code == 200
    assert client.get(reverse("authoring:edit", args=[draft.pk])).status_code == 403
    assert client.post(reverse("authoring:preview", args=[draft.pk]), {"nama": "x"}).status_code == 403
    assert client.get(reverse("authoring:new")).status_code == 403
    assert client.post(reverse("workflow:transition", args=[draft.pk, "submit"])).status_code == 403


def test_a_submitted_sop_can_no_longer_be_edited(login, world, make_sop, to_state):
    sop = to_state(make_sop(), "diajukan")
    client = login(world.drafter)
    assert client.get(reverse("authoring:edit", args=[sop.pk])).status_code == 403


def test_nobody_skips_a_verification_step_through_the_views(login, world, make_sop, to_state):
    sop = to_state(make_sop(), "diajukan")
    url = reverse("workflow:transition", args=[sop.pk, "verification_approve"])
    assert login(world.verifier2).post(url, {"versi": sop.version}).status_code == 403
    assert login(world.verifier1).post(url, {"versi": sop.version}).status_code == 302
    sop.refresh_from_db()
    assert sop.verification_index == 1 and sop.status == Status.DIAJUKAN


@pytest.mark.parametrize(
    ("action", "state", "allowed"),
    [
        ("verification_approve", "diajukan", "verifier1"),
        ("approve", "uji_coba", "head"),
        ("decree", "disahkan", "admin"),
        ("withdraw", "berlaku", "admin"),
    ],
)
def test_workflow_views_refuse_every_other_role(login, world, make_sop, to_state, action, state, allowed):
    sop = to_state(make_sop(author=world.drafter2), state)
    url = reverse("workflow:transition", args=[sop.pk, action])
    for who in ["drafter", "verifier1", "verifier2", "head", "sekda", "admin", "auditor"]:
        if who == allowed:
            continue
        assert (
            login(world.users[who])
            .post(url, {"catatan": "x", "keputusan_nomor": "1", "versi": sop.version})
            .status_code
            == 403
        ), who
    response = login(world.users[allowed]).post(
        url, {"catatan": "x", "keputusan_nomor": "1", "versi": sop.version, "confirm": "1"}
    )
    assert response.status_code == 302


def test_the_detail_page_offers_only_the_actions_of_the_users_role(login, world, make_sop, to_state):
    sop = to_state(make_sop(), "diajukan")
    url = reverse("workflow:sop_detail", args=[sop.document_id])
    page = login(world.verifier1).get(url).content.decode()
    assert "verification_approve" in page
    page = login(world.verifier2).get(url).content.decode()
    assert "verification_approve" not in page
    page = login(fresh(world.auditor)).get(url).content.decode()
    assert "workflow" not in page and "/alur/" not in page


def test_organisation_page_shows_the_users_pds_only(login, world):
    page = login(world.other_drafter).get(reverse("organisations:list")).content.decode()
    assert "Dinas Kesehatan Kota Serang" in page and "Sub Bagian Keuangan" not in page


def test_a_workflow_form_without_its_version_is_refused_with_the_notes_kept(login, world, make_sop, to_state):
    sop = to_state(make_sop(), "diajukan")
    url = reverse("workflow:transition", args=[sop.pk, "verification_return"])
    page = login(world.verifier1).post(url, {"catatan": "Perjelas langkah 2", "catatan_langkah_2": "Siapa?"})
    html = page.content.decode()
    assert page.status_code == 409 and "muat ulang halaman" in html
    assert "Perjelas langkah 2</textarea>" in html and 'value="Siapa?"' in html
    sop.refresh_from_db()
    assert sop.status == Status.DIAJUKAN


def test_a_return_from_a_stale_page_keeps_the_verifiers_notes(login, world, make_sop, to_state):
    from sopap.web.authoring.services import revision_update
    from sopap.web.workflow import services as wf
    from tests.web.conftest import SOP_DATA, fresh

    sop = to_state(make_sop(), "diajukan")
    seen = sop.version
    wf.verification_return(sop=sop, actor=fresh(world.verifier1), notes="Perbaiki")
    sop.refresh_from_db()
    revision_update(
        sop=sop, actor=fresh(world.drafter), data={**SOP_DATA, "nama": "Baru"}, loaded_version=sop.version
    )
    wf.sop_submit(sop=sop, actor=fresh(world.drafter))
    url = reverse("workflow:transition", args=[sop.pk, "verification_return"])
    page = login(world.verifier1).post(url, {"catatan": "Catatan lama saya", "versi": seen})
    html = page.content.decode()
    assert page.status_code == 409 and "berubah sejak halaman Anda dibuka" in html
    assert "Catatan lama saya</textarea>" in html


def test_a_save_after_the_draft_was_submitted_keeps_the_text_and_says_why(login, world, make_sop, to_state):
    sop = make_sop()
    client = login(world.drafter2)
    form = {
        "versi": sop.version,
        "nama": "Teks yang sedang diketik",
        "kegiatan": ["Satu"],
        "pelaksana": ["PPTK"],
    }
    to_state(sop, "diajukan")
    page = client.post(reverse("authoring:edit", args=[sop.pk]), form)
    html = page.content.decode()
    assert (
        page.status_code == 409 and "sudah berstatus Diajukan" in html and "Teks yang sedang diketik" in html
    )
    preview = client.post(reverse("authoring:preview", args=[sop.pk]), form)
    assert preview.status_code == 200 and "sudah berstatus Diajukan" in preview.content.decode()


def test_notes_of_an_action_no_longer_possible_are_shown_unsent(login, world, make_sop, to_state):
    from sopap.web.workflow import services as wf
    from tests.web.conftest import fresh

    sop = to_state(make_sop(), "diajukan")
    seen = sop.version
    wf.verification_approve(sop=sop, actor=fresh(world.verifier1))
    url = reverse("workflow:transition", args=[sop.pk, "verification_return"])
    page = login(world.verifier1).post(url, {"catatan": "Langkah 2 belum jelas", "versi": seen})
    html = page.content.decode()
    assert page.status_code == 403 and "bukan tahap Anda" in html
    assert "Catatan Anda yang belum terkirim" in html and "Langkah 2 belum jelas" in html
