"""Background tasks of the workflow."""

from __future__ import annotations

from django.tasks import task

from sopap.web.workflow.services import sop_put_in_force_due


@task()
def put_in_force_due() -> int:
    """Daily: put in force every decreed SOP whose tanggal berlaku has come (what `python -m sopap.web
    berlakukan_terjadwal` does by hand). Returns how many."""
    return len(sop_put_in_force_due())
