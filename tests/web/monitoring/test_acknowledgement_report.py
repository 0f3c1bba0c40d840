"""Sosialisasi in "Tugas saya" and in the period's report: what each officer is asked to read, and per SOP
how many of those asked confirmed (Perwali Serang 50/2017 Pasal 21 (d), 22)."""

from __future__ import annotations

import datetime as dt
import io

import openpyxl
import pytest
from django.urls import reverse
from django.utils import timezone

from sopap.web.monitoring.due import tasks_for
from sopap.web.monitoring.selectors import Periode, period_report
from sopap.web.workflow import services as wf
from tests.web.conftest import SOP_DATA, fresh
from tests.web.positions import sop_staff

pytestmark = pytest.mark.django_db


def test_tugas_saya_lists_the_sops_to_read_with_a_key_per_user_and_revision(login, world, make_sop, to_state):
    staff = sop_staff(world)
    sop = to_state(make_sop(data={**SOP_DATA, "nama": "Mekanisme Untuk Dibaca"}), "berlaku")
    today = timezone.localdate()
    tasks = tasks_for(user=fresh(staff["bendahara"]), today=today)
    assert [(i.revision.pk, i.key) for i in tasks.to_acknowledge] == [
        (sop.pk, f"sop.acknowledge:{staff['bendahara'].pk}:{sop.pk}")
    ]
    assert tasks.count == 1
    html = login(fresh(staff["bendahara"])).get(reverse("tasks")).content.decode()
    assert "SOP untuk dibaca dan dikonfirmasi" in html and "Mekanisme Untuk Dibaca" in html
    assert reverse("workflow:sop_detail", args=[sop.document_id]) in html
    assert tasks_for(user=fresh(staff["pelaksana"]), today=today).to_acknowledge == []
    wf.sop_acknowledge(sop=sop, actor=fresh(staff["bendahara"]))
    html = login(fresh(staff["bendahara"])).get(reverse("tasks")).content.decode()
    assert "SOP untuk dibaca dan dikonfirmasi" not in html
    assert "Tidak ada yang menunggu Anda saat ini." in html


def test_the_report_counts_confirmed_and_asked_per_sop_and_per_pd(login, world, make_sop, to_state):
    staff = sop_staff(world)
    first = to_state(make_sop(), "berlaku")
    second = to_state(make_sop(data={**SOP_DATA, "nama": "Mekanisme Kedua"}), "berlaku")
    wf.sop_acknowledge(sop=first, actor=fresh(staff["bendahara"]))
    wf.sop_acknowledge(sop=first, actor=fresh(staff["kasubag"]))
    wf.sop_acknowledge(sop=second, actor=fresh(staff["pptk"]))
    today = timezone.localdate()
    periode = Periode.containing("semester", today)
    [diskominfo] = period_report(user=fresh(world.head), periode=periode, today=today)
    per_sop = {r.revision.pk: (r.acknowledgement.confirmed, r.acknowledgement.asked) for r in diskominfo.rows}
    assert per_sop == {first.pk: (2, 3), second.pk: (1, 3)}
    assert (diskominfo.acknowledged, diskominfo.asked) == (3, 6)
    client = login(fresh(world.head))
    html = client.get(reverse("monitoring:report"), {"periode": periode.key}).content.decode()
    assert "Sosialisasi: dikonfirmasi / diminta" in html and ">3 / 6<" in html
    assert "Sosialisasi: Dinas Komunikasi dan Informatika Kota Serang" in html
    book = openpyxl.load_workbook(
        io.BytesIO(
            client.get(reverse("monitoring:report"), {"periode": periode.key, "unduh": "xlsx"}).content
        )
    )
    summary = [[c.value for c in row] for row in book.worksheets[0].iter_rows(min_row=3, max_row=4)]
    assert summary[0][-2:] == ["Sosialisasi: dikonfirmasi", "Sosialisasi: diminta"]
    assert summary[1][-2:] == [3, 6]


def test_a_past_period_counts_only_what_was_confirmed_by_its_end(world, make_sop, to_state):
    staff = sop_staff(world)
    sop = to_state(make_sop(), "berlaku")  # in force since 2 January 2025
    wf.sop_acknowledge(sop=sop, actor=fresh(staff["bendahara"]))
    [past] = period_report(
        user=fresh(world.head), periode=Periode("semester", 2025, 1), today=timezone.localdate()
    )
    assert (past.acknowledged, past.asked) == (0, 3)


def test_the_daily_digest_mails_an_sop_to_read_once_and_a_new_revision_again(
    settings, world, make_sop, to_state
):
    from django.core import mail

    from sopap.web.monitoring.digest import digest_send_to

    settings.MAILERS = {"default": {"BACKEND": "django.core.mail.backends.locmem.EmailBackend"}}
    staff = sop_staff(world)
    bendahara = staff["bendahara"]
    bendahara.email = "bendahara@serangkota.go.id"
    bendahara.save(update_fields=["email"])
    first = to_state(make_sop(data={**SOP_DATA, "nama": "Mekanisme Untuk Dibaca"}), "berlaku")
    today = timezone.localdate()
    digest_send_to(user=fresh(bendahara), today=today)
    [message] = mail.outbox
    assert "Mekanisme Untuk Dibaca" in message.body
    digest_send_to(user=fresh(bendahara), today=today + dt.timedelta(days=1))
    assert len(mail.outbox) == 1  # nothing new: not mailed again
    draft = wf.review_open(sop=first, actor=fresh(world.drafter), loaded_version=first.version)
    to_state(draft, "berlaku")
    digest_send_to(user=fresh(bendahara), today=today + dt.timedelta(days=2))
    assert len(mail.outbox) == 2 and "Mekanisme Untuk Dibaca" in mail.outbox[1].body
