"""The background task of SOP import: reading the files of a batch, with its progress on the user's job."""

from __future__ import annotations

from django.conf import settings
from django.tasks import task
from django.urls import reverse
from django.utils.translation import override

from sopap.web.importing.models import ImportBatch
from sopap.web.importing.reading import import_batch_read
from sopap.web.jobs.services import job_running


@task()
def import_batch_read_task(*, batch_id: int, job_id: int | None = None) -> int:
    """Read every file of batch ``batch_id``; returns how many SOPs were found."""
    with job_running(job_id) as job, override(settings.LANGUAGE_CODE):
        batch = ImportBatch.objects.select_related("pd").get(pk=batch_id)
        found = import_batch_read(batch=batch, job=job)
        job.result_link(reverse("importing:batch", kwargs={"pk": batch.pk}))
    return found
