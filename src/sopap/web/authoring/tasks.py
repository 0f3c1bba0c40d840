"""Background tasks of authoring: filling the render cache, and clearing what it no longer needs."""

from __future__ import annotations

from django.conf import settings
from django.tasks import task
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import override

from sopap.web.authoring import cache, rendering
from sopap.web.authoring.models import Revision
from sopap.web.jobs.services import job_running


def warm_formats() -> list[str]:
    return [fmt for fmt in rendering.formats() if fmt != "yaml"]


@task()
def render_cache_warm(*, revision_id: int, job_id: int | None = None) -> int:
    """Render every download format of a revision into the cache (in the site's language, the one most
    downloads ask for), so that the first people to download a newly decreed SOP wait for nothing.
    Returns how many files it rendered or found."""
    with job_running(job_id) as job, override(settings.LANGUAGE_CODE):
        revision = Revision.objects.get(pk=revision_id)
        formats = warm_formats()
        for done, fmt in enumerate(formats):
            job.progress(
                100 * done / len(formats), _("Menyiapkan berkas %(format)s") % {"format": fmt.upper()}
            )
            cache.rendered_bytes(revision, fmt, lang=settings.LANGUAGE_CODE)
        job.progress(
            100,
            _("%(n)s berkas unduhan siap: %(formats)s")
            % {"n": len(formats), "formats": ", ".join(f.upper() for f in formats)},
        )
        job.result_link(reverse("authoring:download", kwargs={"pk": revision.pk, "fmt": "pdf"}))
    return len(formats)


@task()
def render_cache_prune() -> int:
    """Daily: remove the cached files of drafts' older saves, of deleted revisions and of older code."""
    return cache.render_cache_prune()
