"""The daily e-mail digest of Tugas saya: each account with an e-mail address that did not turn it off gets
what waits for it, once a day, only what it was never mailed; the worker's daily schedule sends it."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from sopap.web.monitoring.digest import digest_send
from sopap.web.monitoring.models import Digest, DigestItem
from sopap.web.organisations.models import Profile
from sopap.web.worker import schedule_due
from sopap.web.workflow import services as wf
from tests.web.conftest import SOP_DATA, fresh
from tests.web.tasks import run_queued

pytestmark = pytest.mark.django_db

DAY = dt.date(2026, 12, 2)
PUBLIC = "https://sop.serangkota.go.id"


@pytest.fixture
def mailed(settings: Any, world: Any) -> Any:
    """Mail kept in memory; the drafter and both verifiers have an address, the second verifier turned the
    digest off, and the second drafter has no address."""
    settings.MAILERS = {"default": {"BACKEND": "django.core.mail.backends.locmem.EmailBackend"}}
    settings.PUBLIC_URL = PUBLIC
    for name in ("drafter", "verifier1", "verifier2", "head"):
        user = world.users[name]
        user.email = f"{name}@serangkota.go.id"
        user.save(update_fields=["email"])
    Profile.objects.create(user=world.verifier2, ringkasan_harian=False)
    return world


def _mail_to(address: str) -> list[Any]:
    return [m for m in mail.outbox if m.to == [address]]


def _body(message: Any) -> str:
    return str(message.body)


def _returned_and_waiting(world: Any, make_sop: Any) -> tuple[Any, Any]:
    returned = make_sop(data={**SOP_DATA, "nama": "Mekanisme Yang Dikembalikan"})
    wf.sop_submit(sop=returned, actor=fresh(world.drafter))
    wf.verification_return(sop=returned, actor=fresh(world.verifier1), notes="Lengkapi dasar hukum")
    waiting = make_sop(data={**SOP_DATA, "nama": "Mekanisme Menunggu Verifikasi"})
    wf.sop_submit(sop=waiting, actor=fresh(world.drafter))
    return returned, waiting


def test_the_drafter_gets_the_returned_draft_and_the_verifier_what_awaits_verification(mailed, make_sop):
    returned, waiting = _returned_and_waiting(mailed, make_sop)
    digest_send(today=DAY)

    (to_drafter,) = _mail_to("drafter@serangkota.go.id")
    body = _body(to_drafter)
    assert "Mekanisme Yang Dikembalikan" in body and "dikembalikan oleh Verifier1 dengan 1 catatan" in body
    assert PUBLIC + reverse("workflow:sop_detail", args=[returned.document_id]) in body
    assert "Mekanisme Menunggu Verifikasi" not in body  # it waits for the verifier, not for its drafter
    html = to_drafter.alternatives[0].content
    assert f'href="{PUBLIC}{reverse("workflow:sop_detail", args=[returned.document_id])}"' in html
    assert PUBLIC + reverse("organisations:own_account") in body  # where to turn it off

    (to_verifier,) = _mail_to("verifier1@serangkota.go.id")
    body = _body(to_verifier)
    assert "SOP menunggu verifikasi, pengesahan atau penetapan Anda" in body
    assert "Mekanisme Menunggu Verifikasi" in body and "Mekanisme Yang Dikembalikan" not in body
    assert PUBLIC + reverse("workflow:sop_detail", args=[waiting.document_id]) in body
    # A verifier records monitoring: the reports of the periods now running are theirs too.
    assert PUBLIC + reverse("monitoring:report") + "?periode=2026-T4" in body
    assert to_verifier.subject.startswith("sopap: ")


def test_an_account_with_the_digest_off_or_without_an_address_gets_nothing(mailed, make_sop):
    _returned_and_waiting(mailed, make_sop)
    outcomes = digest_send(today=DAY)
    addressed = {o.user.username for o in outcomes}
    assert "verifier2" not in addressed and "drafter2" not in addressed
    assert not _mail_to("verifier2@serangkota.go.id")
    assert {tuple(m.to) for m in mail.outbox} == {
        ("drafter@serangkota.go.id",),
        ("verifier1@serangkota.go.id",),
        ("head@serangkota.go.id",),
    }


def test_nobody_is_mailed_twice_for_the_same_thing_and_a_new_thing_goes_out_the_next_day(mailed, make_sop):
    _returned_and_waiting(mailed, make_sop)
    digest_send(today=DAY)
    first = len(mail.outbox)
    assert first == 3

    # The same day again, and the next day with nothing new: no mail.
    digest_send(today=DAY)
    digest_send(today=DAY + dt.timedelta(days=1))
    assert len(mail.outbox) == first

    # Something new on a day whose digest went out already waits for the next day's: one a day.
    new = make_sop(data={**SOP_DATA, "nama": "Mekanisme Baru Diajukan"})
    wf.sop_submit(sop=new, actor=fresh(mailed.drafter))
    digest_send(today=DAY)
    assert len(mail.outbox) == first

    digest_send(today=DAY + dt.timedelta(days=1))
    (later,) = mail.outbox[first:]
    assert later.to == ["verifier1@serangkota.go.id"]
    body = _body(later)
    assert "Mekanisme Baru Diajukan" in body
    assert "Mekanisme Menunggu Verifikasi" not in body and "?periode=2026-T4" not in body
    keys = list(DigestItem.objects.filter(user=mailed.verifier1).values_list("key", flat=True))
    assert len(keys) == len(set(keys))


def test_a_draft_returned_a_second_time_is_mailed_again(mailed, make_sop):
    returned, _waiting = _returned_and_waiting(mailed, make_sop)
    digest_send(today=DAY)
    wf.sop_submit(sop=returned, actor=fresh(mailed.drafter))
    wf.verification_return(sop=returned, actor=fresh(mailed.verifier1), notes="Masih kurang")
    digest_send(today=DAY + dt.timedelta(days=1))
    (again,) = _mail_to("drafter@serangkota.go.id")[1:]
    assert "Mekanisme Yang Dikembalikan" in _body(again)


def test_a_dry_run_says_who_would_get_what_and_sends_and_remembers_nothing(mailed, make_sop):
    _returned_and_waiting(mailed, make_sop)
    outcomes = digest_send(today=DAY, dry_run=True)
    drafter = next(o for o in outcomes if o.user.username == "drafter")
    assert [e.title for e in drafter.entries] == ["Mekanisme Yang Dikembalikan"]
    assert mail.outbox == [] and not Digest.objects.exists() and not DigestItem.objects.exists()


def test_the_mail_is_in_the_language_the_account_chose(mailed, make_sop):
    _returned_and_waiting(mailed, make_sop)
    Profile.objects.create(user=mailed.drafter, bahasa="en")
    digest_send(today=DAY, usernames=["drafter"])
    (message,) = mail.outbox
    assert "new task" in message.subject and "returned by Verifier1 with 1 note" in _body(message)


def test_the_daily_schedule_sends_the_digest_once_a_day(mailed, make_sop):
    _returned_and_waiting(mailed, make_sop)
    today = timezone.localdate()
    assert "monitoring.digest_send_daily" in schedule_due(today=today)
    assert "monitoring.digest_send_daily" not in schedule_due(today=today)
    run_queued()
    assert len(_mail_to("drafter@serangkota.go.id")) == 1
    assert Digest.objects.filter(user=mailed.drafter, day=today).count() == 1


def test_sopap_digest_sends_now_and_a_dry_run_only_lists_who_would_get_what(mailed, make_sop):
    from click.testing import CliRunner

    from sopap.cli.main import cli

    _returned_and_waiting(mailed, make_sop)
    dry = CliRunner().invoke(cli, ["digest", "--dry-run", "--user", "drafter"])
    assert dry.exit_code == 0, dry.output
    assert (
        "drafter <drafter@serangkota.go.id>: 1" in dry.output and "Mekanisme Yang Dikembalikan" in dry.output
    )
    assert mail.outbox == []
    sent = CliRunner().invoke(cli, ["digest"])
    assert sent.exit_code == 0, sent.output
    assert "3 surel dikirim / mails sent" in sent.output and len(mail.outbox) == 3
    again = CliRunner().invoke(cli, ["digest"])
    assert "0 surel dikirim" in again.output and "sudah dikirim hari ini" not in again.output


def test_a_mail_the_server_refuses_is_sent_by_the_next_run(mailed, make_sop, monkeypatch):
    import smtplib

    from django.core.mail import EmailMultiAlternatives

    _returned_and_waiting(mailed, make_sop)

    def refuse(self: Any, *args: Any, **kwargs: Any) -> int:
        raise smtplib.SMTPServerDisconnected("the server went away")

    with monkeypatch.context() as patched:
        patched.setattr(EmailMultiAlternatives, "send", refuse)
        outcomes = digest_send(today=DAY, usernames=["drafter"])
    assert [o.reason for o in outcomes] == ["failed"]
    assert not Digest.objects.exists() and not DigestItem.objects.exists()
    digest_send(today=DAY, usernames=["drafter"])
    assert len(_mail_to("drafter@serangkota.go.id")) == 1
