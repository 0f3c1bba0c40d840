"""Background tasks of monitoring."""

from __future__ import annotations

from django.tasks import task


@task()
def digest_send_daily() -> int:
    """Daily: the e-mail digest of what is new on each account's Tugas saya (`sopap digest` does it by
    hand). Returns how many mails were sent."""
    from sopap.web.monitoring.digest import digest_send

    return sum(1 for outcome in digest_send() if outcome.sent)
