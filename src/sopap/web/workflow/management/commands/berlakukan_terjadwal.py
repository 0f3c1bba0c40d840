"""`django-admin berlakukan_terjadwal`: put in force every decreed SOP whose tanggal berlaku has come.
Run it daily (cron, or the task worker once there is one); `sopap demo` runs it at start."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from sopap.web.workflow.services import sop_put_in_force_due


class Command(BaseCommand):
    help = "Berlakukan SOP yang tanggal berlakunya sudah tiba / put in force SOPs whose date has come."

    def handle(self, *args: Any, **options: Any) -> None:
        done = sop_put_in_force_due()
        for revision in done:
            self.stdout.write(f"{revision.nomor or revision.pk}: {revision.nama}")
        self.stdout.write(f"{len(done)} SOP diberlakukan / put in force.")
