"""Sosialisasi (Perwali Serang 50/2017 Pasal 21 (d), 22): when a revision comes into force, the officers whose
position it names as an actor are asked to read it and confirm; a new revision asks again."""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse

from sopap.web.shared.errors import InvalidTransition, PermissionDenied
from sopap.web.workflow import services as wf
from sopap.web.workflow.models import Acknowledgement, AcknowledgementRequest
from sopap.web.workflow.selectors import acknowledgement_counts, acknowledgements_waiting
from tests.web.conftest import SOP_DATA, fresh
from tests.web.positions import sop_staff

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff(world: Any) -> dict[str, Any]:
    return sop_staff(world)


def asked_users(sop: Any) -> set[str]:
    return set(AcknowledgementRequest.objects.filter(revision=sop).values_list("user__username", flat=True))


def test_the_holders_of_its_actor_positions_are_asked_when_the_sop_comes_into_force(
    world, staff, make_sop, to_state
):
    import datetime as dt

    sop = to_state(make_sop(), "disahkan")
    assert asked_users(sop) == set()
    wf.sop_decree(
        sop=sop,
        actor=fresh(world.admin),
        keputusan_nomor="188.45/2/2025",
        keputusan_tanggal=dt.date(2025, 1, 2),
    )
    assert asked_users(sop) == {"bendahara", "kasubag", "pptk"}
    jabatan = dict(
        AcknowledgementRequest.objects.filter(revision=sop).values_list("user__username", "jabatan")
    )
    assert jabatan == {"bendahara": "Bendahara Pengeluaran", "kasubag": "Kasubag Keuangan", "pptk": "PPTK"}


def test_an_sop_coming_into_force_on_its_date_asks_then(world, staff, make_sop, to_state):
    import datetime as dt

    from django.utils import timezone

    sop = to_state(make_sop(), "disahkan")
    later = timezone.localdate() + dt.timedelta(days=3)
    wf.sop_decree(
        sop=sop,
        actor=fresh(world.admin),
        keputusan_nomor="188.45/1/2026",
        keputusan_tanggal=timezone.localdate(),
        tanggal_berlaku=later,
    )
    assert asked_users(sop) == set()
    wf.sop_put_in_force_due(today=later)
    assert asked_users(sop) == {"bendahara", "kasubag", "pptk"}


def test_confirming_records_the_revision_once_and_the_task_goes(world, staff, make_sop, to_state):
    sop = to_state(make_sop(), "berlaku")
    bendahara = fresh(staff["bendahara"])
    [item] = acknowledgements_waiting(user=bendahara)
    assert item.revision.pk == sop.pk and item.key == f"sop.acknowledge:{bendahara.pk}:{sop.pk}"
    first = wf.sop_acknowledge(sop=sop, actor=bendahara)
    again = wf.sop_acknowledge(sop=sop, actor=fresh(staff["bendahara"]))
    assert first.pk == again.pk and first.revision_id == sop.pk and first.action == "sop.acknowledged"
    assert Acknowledgement.objects.filter(revision=sop).count() == 1
    assert acknowledgements_waiting(user=fresh(staff["bendahara"])) == []
    assert acknowledgement_counts(revision_ids=[sop.pk])[sop.pk].confirmed == 1


def test_the_button_confirms_in_one_post_and_the_page_then_says_so(login, world, staff, make_sop, to_state):
    sop = to_state(make_sop(), "berlaku")
    client = login(fresh(staff["kasubag"]))
    page = client.get(reverse("workflow:sop_detail", args=[sop.document_id])).content.decode()
    assert "Saya sudah membaca SOP ini" in page and "Kasubag Keuangan" in page
    url = reverse("workflow:acknowledge", args=[sop.document_id])
    response = client.post(url, {"revisi": sop.pk})
    assert response.status_code == 302
    client.post(url, {"revisi": sop.pk})
    assert Acknowledgement.objects.filter(revision=sop, user=staff["kasubag"]).count() == 1
    page = client.get(reverse("workflow:sop_detail", args=[sop.document_id])).content.decode()
    assert "Anda sudah mengonfirmasi membaca revisi 1 SOP ini" in page
    assert "Saya sudah membaca SOP ini" not in page


def test_a_new_revision_asks_again_and_the_old_confirmation_does_not_count(world, staff, make_sop, to_state):
    first = to_state(make_sop(), "berlaku")
    wf.sop_acknowledge(sop=first, actor=fresh(staff["bendahara"]))
    draft = wf.review_open(sop=first, actor=fresh(world.drafter), loaded_version=first.version)
    second = to_state(draft, "berlaku")
    assert second.number == 2 and asked_users(second) == {"bendahara", "kasubag", "pptk"}
    [item] = acknowledgements_waiting(user=fresh(staff["bendahara"]))
    assert item.revision.pk == second.pk
    counts = acknowledgement_counts(revision_ids=[first.pk, second.pk])
    assert (counts[first.pk].confirmed, counts[second.pk].confirmed) == (1, 0)
    # The page still showing the replaced revision cannot confirm it in place of the one in force.
    first.refresh_from_db()
    with pytest.raises(InvalidTransition):
        wf.sop_acknowledge(sop=first, actor=fresh(staff["kasubag"]))


def test_an_officer_of_another_pd_cannot_confirm(login, world, staff, make_sop, to_state):
    sop = to_state(make_sop(), "berlaku")
    with pytest.raises(PermissionDenied):
        wf.sop_acknowledge(sop=sop, actor=fresh(staff["other"]))
    response = login(fresh(staff["other"])).post(
        reverse("workflow:acknowledge", args=[sop.document_id]), {"revisi": sop.pk}
    )
    assert response.status_code == 404
    assert not Acknowledgement.objects.filter(revision=sop).exists()


def test_an_officer_of_the_pd_not_asked_may_confirm_and_is_counted_from_then_on(
    world, staff, make_sop, to_state
):
    sop = to_state(make_sop(), "berlaku")
    wf.sop_acknowledge(sop=sop, actor=fresh(staff["pelaksana"]))
    count = acknowledgement_counts(revision_ids=[sop.pk])[sop.pk]
    assert (count.asked, count.confirmed) == (4, 1)


def test_the_head_sees_who_has_and_has_not_confirmed_an_sop(login, world, staff, make_sop, to_state):
    sop = to_state(make_sop(), "berlaku")
    wf.sop_acknowledge(sop=sop, actor=fresh(staff["pptk"]))
    client = login(fresh(world.head))
    page = client.get(reverse("workflow:sop_detail", args=[sop.document_id])).content.decode()
    assert "1 dari 3 pegawai yang diminta sudah mengonfirmasi membaca revisi ini." in page
    assert "Saya sudah membaca SOP ini" in page  # the head is an officer of the PD too
    response = client.get(reverse("workflow:acknowledgements", args=[sop.document_id]))
    lines = response.context["lines"]
    assert [(line.user.username, line.confirmed_at is not None) for line in lines] == [
        ("bendahara", False),
        ("kasubag", False),
        ("pptk", True),
    ]
    assert "1 dari 3 pegawai sudah mengonfirmasi." in response.content.decode()


def test_the_head_sees_the_confirmations_per_unit(login, world, staff, make_sop, to_state):
    from sopap.web.organisations.models import Unit

    keuangan = to_state(make_sop(), "berlaku")
    umum = Unit.objects.get(pd=world.pd, nama="Sub Bagian Umum dan Kepegawaian")
    other = to_state(make_sop(unit=umum, data={**SOP_DATA, "nama": "Mekanisme Lain"}), "berlaku")
    wf.sop_acknowledge(sop=keuangan, actor=fresh(staff["pptk"]))
    wf.sop_acknowledge(sop=keuangan, actor=fresh(staff["kasubag"]))
    response = login(fresh(world.head)).get(reverse("workflow:acknowledgement_units"))
    assert response.status_code == 200
    units = {u.label: (u.total.asked, u.total.confirmed, u.total.percent) for u in response.context["units"]}
    assert units == {
        "Sekretariat › Sub Bagian Keuangan": (3, 2, 67),
        "Sekretariat › Sub Bagian Umum dan Kepegawaian": (3, 0, 0),
    }
    html = response.content.decode()
    assert reverse("workflow:acknowledgements", args=[other.document_id]) in html and "67%" in html


def test_only_the_head_and_the_admin_see_who_has_confirmed(login, world, staff, make_sop, to_state):
    sop = to_state(make_sop(), "berlaku")
    for user in (staff["bendahara"], world.drafter, world.verifier1):
        client = login(fresh(user))
        assert client.get(reverse("workflow:acknowledgements", args=[sop.document_id])).status_code == 403
        assert client.get(reverse("workflow:acknowledgement_units")).status_code == 403
    admin = login(fresh(world.admin))
    assert admin.get(reverse("workflow:acknowledgements", args=[sop.document_id])).status_code == 200
    other_head = login(fresh(world.other_head))
    assert other_head.get(reverse("workflow:acknowledgements", args=[sop.document_id])).status_code == 404


def test_a_confirmation_and_its_request_cannot_be_rewritten_or_deleted(world, staff, make_sop, to_state):
    from django.db import DatabaseError, connection, transaction

    sop = to_state(make_sop(), "berlaku")
    done = wf.sop_acknowledge(sop=sop, actor=fresh(staff["bendahara"]))
    asked = AcknowledgementRequest.objects.get(revision=sop, user=staff["bendahara"])
    for sql, pk in (
        ("UPDATE workflow_acknowledgement SET at = at WHERE id = %s", done.pk),
        ("DELETE FROM workflow_acknowledgement WHERE id = %s", done.pk),
        ("UPDATE workflow_acknowledgementrequest SET jabatan = 'lain' WHERE id = %s", asked.pk),
        ("DELETE FROM workflow_acknowledgementrequest WHERE id = %s", asked.pk),
    ):
        with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(sql, [pk])
    assert Acknowledgement.objects.filter(pk=done.pk).exists()
