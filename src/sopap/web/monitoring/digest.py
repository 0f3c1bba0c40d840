"""The daily e-mail digest of "Tugas saya": once a day, to each account with an e-mail address that has not
turned it off, the things on its Tugas saya that it was never mailed about: a draft returned to it, an SOP
waiting for its verification, approval or decree, an SOP to read and confirm, a monitoring, evaluation, review
or report now due. Nothing new, no mail.

Each thing has a key that stays the same for as long as it is the same thing (the return of a draft is the
transition that returned it; this semester's monitoring of an SOP is the SOP and the semester), and each key
mailed is kept per account (`DigestItem`): a later digest leaves it out. A thing that comes back anew (the
draft returned a second time, the next semester's monitoring, a review that was coming and is now overdue)
has a new key, and is mailed again.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import EmailMultiAlternatives
from django.db import IntegrityError, transaction
from django.db.models import Max, Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from sopap.web.monitoring.due import Tasks, tasks_for
from sopap.web.monitoring.models import Digest, DigestItem
from sopap.web.organisations.models import Profile
from sopap.web.workflow.models import Transition
from sopap.web.workflow.selectors import returns_open

log = logging.getLogger(__name__)

# The sections of a digest, in the order of the Tugas saya page.
SECTIONS: dict[str, Any] = {
    "returned": gettext_lazy("Draf dikembalikan kepada Anda dengan catatan"),
    "waiting": gettext_lazy("SOP menunggu verifikasi, pengesahan atau penetapan Anda"),
    "acknowledge": gettext_lazy("SOP untuk dibaca dan dikonfirmasi"),
    "monitoring": gettext_lazy("Monitoring yang jatuh tempo semester ini"),
    "evaluation": gettext_lazy("Evaluasi yang jatuh tempo tahun ini"),
    "review": gettext_lazy("Kaji ulang"),
    "report": gettext_lazy("Laporan"),
}
# Past this many lines a section says how many more there are and links to Tugas saya, which lists them all.
SECTION_LINES = 10


@dataclass(frozen=True)
class Entry:
    """One thing a digest tells of: its stable key, its section, what it is, where it is done."""

    key: str
    section: str
    title: str
    path: str
    detail: str = ""

    @property
    def url(self) -> str:
        return settings.PUBLIC_URL + self.path


@dataclass
class Section:
    code: str
    heading: str
    entries: list[Entry]
    more: int = 0


@dataclass
class Outcome:
    """What the digest did for one account: the things it mailed (or, on a dry run, would mail)."""

    user: Any
    to: str
    entries: list[Entry] = field(default_factory=list)
    sent: bool = False
    reason: str = ""  # why nothing was sent: "nothing new", "sent today", "failed"


def _last_transitions(revision_ids: Iterable[int]) -> dict[int, int]:
    rows = Transition.objects.filter(revision_id__in=list(revision_ids)).values("revision_id")
    return {r["revision_id"]: r["last"] for r in rows.annotate(last=Max("id"))}


def entries_of(tasks: Tasks, *, today: dt.date) -> list[Entry]:
    """Every thing on a Tugas saya, each with its key. Texts are in the active language."""
    entries: list[Entry] = []
    returned = returns_open(revisions=tasks.waiting)
    # A revision waits for someone at each step of its way; the step is its latest transition.
    steps = _last_transitions(r.pk for r in tasks.waiting if r.pk not in returned)
    for revision in tasks.waiting:
        name = revision.nama or _("(tanpa nama)")
        path = reverse("workflow:sop_detail", args=[revision.document_id])
        back = returned.get(revision.pk)
        if back is not None:
            detail = ngettext(
                "dikembalikan oleh %(who)s dengan %(n)s catatan",
                "dikembalikan oleh %(who)s dengan %(n)s catatan",
                back.note_count,
            ) % {"who": back.by, "n": back.note_count}
            entries.append(Entry(f"sop.returned:{back.transition.pk}", "returned", name, path, detail))
        else:
            key = f"sop.waiting:{revision.pk}:{steps.get(revision.pk, 0)}"
            entries.append(Entry(key, "waiting", name, path, str(revision.get_status_display())))
    # The acknowledgements of the sosialisasi, where that part of the workflow is installed.
    for item in getattr(tasks, "to_acknowledge", ()):
        path = reverse("workflow:sop_detail", args=[item.revision.document_id])
        entries.append(Entry(item.key, "acknowledge", item.revision.nama, path))
    if tasks.semester is not None:
        semester = tasks.semester
        for row in tasks.unmonitored:
            path = reverse("monitoring:sop", args=[row.document.pk])
            key = f"monitoring:{row.document.pk}:{semester.key}"
            entries.append(Entry(key, "monitoring", row.revision.nama, path, str(row.document.pd)))
        for row in tasks.unevaluated:
            path = reverse("monitoring:evaluation", args=[row.document.pk, tasks.year])
            key = f"evaluation:{row.document.pk}:{tasks.year}"
            entries.append(Entry(key, "evaluation", row.revision.nama, path, str(row.document.pd)))
    for row in tasks.reviews:
        due = row.review_due
        assert due is not None
        path = reverse("monitoring:sop", args=[row.document.pk])
        # Coming and overdue are two things to hear of: the notice ahead, and the day it passes.
        if due < today:
            key, detail = f"review:{row.document.pk}:{due}:overdue", _("terlambat sejak %(d)s")
        else:
            key, detail = f"review:{row.document.pk}:{due}", _("paling lambat %(d)s")
        entries.append(Entry(key, "review", row.revision.nama, path, detail % {"d": _date(due)}))
    for report in tasks.reports:
        path = reverse("monitoring:report") + f"?periode={report.periode.key}"
        detail = _("kepada %(to)s, paling lambat %(d)s") % {"to": report.to, "d": _date(report.due)}
        entries.append(Entry(f"report:{report.periode.key}", "report", report.periode.label, path, detail))
    return entries


def _date(day: dt.date) -> str:
    from sopap.web.shared.dates import document_date

    return document_date(day)


def sections_of(entries: list[Entry]) -> list[Section]:
    out = []
    for code, heading in SECTIONS.items():
        mine = [e for e in entries if e.section == code]
        if mine:
            out.append(Section(code, str(heading), mine[:SECTION_LINES], max(0, len(mine) - SECTION_LINES)))
    return out


def recipients(*, usernames: Iterable[str] = ()) -> list[Any]:
    """The active accounts with an e-mail address that did not turn the digest off."""
    users = get_user_model().objects.filter(is_active=True).exclude(email="")
    off = Profile.objects.filter(ringkasan_harian=False).values("user_id")
    users = users.exclude(pk__in=off)
    wanted = list(usernames)
    if wanted:
        query = Q()
        for name in wanted:
            query |= Q(username__iexact=name)
        users = users.filter(query)
    return list(users.order_by("username"))


def _language(user: Any) -> str:
    profile = Profile.objects.filter(user=user).first()
    supported = {code for code, _label in settings.LANGUAGES}
    return profile.bahasa if profile is not None and profile.bahasa in supported else settings.LANGUAGE_CODE


def message_of(*, user: Any, entries: list[Entry], pending: int) -> EmailMultiAlternatives:
    """The mail of one digest, plain text with the same in simple HTML, in the active language."""
    context = {
        "user": user,
        "name": user.first_name or user.username,
        "sections": sections_of(entries),
        "count": len(entries),
        "pending": pending,
        "tasks_url": settings.PUBLIC_URL + reverse("tasks"),
        "account_url": settings.PUBLIC_URL + reverse("organisations:own_account"),
    }
    subject = ngettext(
        "sopap: %(n)s tugas baru untuk Anda", "sopap: %(n)s tugas baru untuk Anda", len(entries)
    ) % {"n": len(entries)}
    message = EmailMultiAlternatives(
        subject=subject,
        body=render_to_string("mail/digest.txt", context),
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[user.email],
    )
    message.attach_alternative(render_to_string("mail/digest.html", context), "text/html")
    return message


def digest_send_to(*, user: Any, today: dt.date, dry_run: bool = False) -> Outcome:
    """The digest of ``today`` for one account: sent (and each thing in it remembered) when there is
    something it was never mailed and it had no digest today yet."""
    outcome = Outcome(user=user, to=user.email)
    with translation.override(_language(user)):
        tasks = tasks_for(user=user, today=today)
        entries = entries_of(tasks, today=today)
        mailed = set(
            DigestItem.objects.filter(user=user, key__in=[e.key for e in entries]).values_list(
                "key", flat=True
            )
        )
        outcome.entries = [e for e in entries if e.key not in mailed]
        if not outcome.entries:
            outcome.reason = "nothing new"
            return outcome
        if Digest.objects.filter(user=user, day=today).exists():
            outcome.reason = "sent today"
            return outcome
        if dry_run:
            return outcome
        message = message_of(user=user, entries=outcome.entries, pending=len(entries))
        try:
            # Today's row first, committed on its own: two senders at once meet on its (user, day) key and
            # one of them sends; no transaction stays open (nor, on SQLite, the write lock held) while the
            # SMTP server answers.
            with transaction.atomic():
                digest = Digest.objects.create(
                    user=user, day=today, to=user.email, items=len(outcome.entries)
                )
        except IntegrityError:
            outcome.reason = "sent today"
            return outcome
        try:
            message.send()
        except Exception:
            digest.delete()  # not sent: the next run tries again
            raise
        DigestItem.objects.bulk_create(
            [DigestItem(user=user, key=e.key, digest=digest) for e in outcome.entries], ignore_conflicts=True
        )
    outcome.sent = True
    return outcome


def digest_send(
    *, today: dt.date | None = None, dry_run: bool = False, usernames: Iterable[str] = ()
) -> list[Outcome]:
    """Today's digest for every account that wants one. An account whose mail fails is logged and left for
    the next run; the others are still sent."""
    today = today or timezone.localdate()
    outcomes = []
    for user in recipients(usernames=usernames):
        try:
            outcomes.append(digest_send_to(user=user, today=today, dry_run=dry_run))
        except Exception:
            log.exception("the digest of %s could not be sent", user.username)
            outcomes.append(Outcome(user=user, to=user.email, reason="failed"))
    return outcomes
