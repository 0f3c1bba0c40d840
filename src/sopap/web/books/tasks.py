"""Background task of the Buku SOP page: building a book, reported on "Pekerjaan saya"."""

from __future__ import annotations

from typing import Any

from django.contrib.auth import get_user_model
from django.tasks import task
from django.utils.translation import gettext as _
from django.utils.translation import override

from sopap.web.books import building
from sopap.web.books.selectors import Scope, scope_get, settings_of
from sopap.web.books.services import (
    NOT_A_SIGNER,
    Selection,
    book_built,
    book_bytes,
    book_file,
    can_sign,
    check_format,
    download_url,
    selected,
)
from sopap.web.jobs.models import Job
from sopap.web.jobs.services import job_enqueue, job_running
from sopap.web.shared.errors import DomainError


@task()
def book_build(
    *,
    kind: str,
    pk: int,
    cakupan: str,
    unit_id: int | None,
    revision_ids: list[int],
    fmt: str,
    actor_id: int,
    job_id: int | None = None,
    signed: bool = False,
) -> int:
    """Build the book of the SOPs in force the selection names into the render cache; its job's result is
    the link that downloads it. Returns its size in bytes."""
    with job_running(job_id) as job, override(building.LANG):
        actor = get_user_model().objects.get(pk=actor_id)
        scope = scope_get(user=actor, kind=kind, pk=pk)
        if scope is None:  # their role was taken away since they asked
            raise DomainError(_("Anda tidak lagi dapat melihat buku SOP ini."))
        selection = Selection(cakupan=cakupan, unit_id=unit_id, revision_ids=tuple(revision_ids))
        file = book_file(scope=scope, selection=selection, fmt=fmt, row=settings_of(scope=scope))
        job.progress(2, _("Memeriksa simpanan berkas"))
        body, drawn = book_bytes(file=file, progress=job.progress)
        book_built(scope=scope, actor=actor, file=file, drawn=drawn, size=len(body))
        job.progress(
            100,
            (
                _("Buku siap: %(count)s SOP, %(size)s KB")
                if drawn
                else _("Buku sudah ada di simpanan: %(count)s SOP, %(size)s KB")
            )
            % {"count": len(file.revisions), "size": max(1, len(body) // 1024)},
        )
        job.result_link(download_url(scope=scope, selection=selection, fmt=fmt, signed=signed))
    return len(body)


def book_build_enqueue(
    *, scope: Scope, actor: Any, selection: Selection, fmt: str, signed: bool = False
) -> Job:
    """Queue the building of the book as the actor's job (checked first, so a refusal is said at once);
    ``signed``: its result link downloads it signed with the scope's certificate (a PDF, for a signer)."""
    check_format(fmt)
    if signed and fmt != "pdf":
        raise DomainError(_("Hanya PDF yang dapat ditandatangani secara elektronik."))
    if signed and not can_sign(user=actor, scope=scope):
        raise DomainError(str(NOT_A_SIGNER))
    selected(scope=scope, selection=selection)
    return job_enqueue(
        user=actor,
        title=_("Buku SOP %(scope)s: %(what)s") % {"scope": scope.nama, "what": selection.describe()},
        task=book_build,
        kind=scope.kind,
        pk=scope.pk,
        cakupan=selection.cakupan,
        unit_id=selection.unit_id,
        revision_ids=list(selection.revision_ids),
        fmt=fmt,
        actor_id=actor.pk,
        signed=signed,
    )
