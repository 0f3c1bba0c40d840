"""Reads of SOP import, always limited to the Perangkat Daerah where the user drafts."""

from __future__ import annotations

from typing import Any

from django.db.models import Count, Q, QuerySet

from sopap.web.importing.models import FoundSop, ImportBatch, ImportFile
from sopap.web.organisations.models import Role
from sopap.web.organisations.selectors import pd_ids_with_role

RECENT = 20


def _visible(user: Any) -> QuerySet[ImportBatch]:
    return ImportBatch.objects.filter(pd_id__in=pd_ids_with_role(user=user, roles={Role.PENYUSUN}))


def batches_of(*, user: Any, limit: int = RECENT) -> list[ImportBatch]:
    """The latest batches of the user's PDs, with how many SOPs each found and how many wait for review."""
    return list(
        _visible(user)
        .select_related("pd", "unit", "created_by", "job")
        .annotate(
            found_count=Count("found", distinct=True),
            waiting_count=Count("found", filter=Q(found__state=FoundSop.State.WAITING), distinct=True),
        )[:limit]
    )


def batch_get_visible(*, user: Any, pk: int) -> ImportBatch | None:
    return _visible(user).select_related("pd", "unit", "created_by", "job").filter(pk=pk).first()


def files_of(*, batch: ImportBatch) -> list[ImportFile]:
    """The files read (or refused), zips left out once opened: their members stand for them."""
    files = list(batch.files.order_by("id"))
    opened = {f.parent_id for f in files if f.parent_id is not None}
    return [f for f in files if f.pk not in opened]


def found_of(*, batch: ImportBatch) -> list[FoundSop]:
    return list(batch.found.select_related("file", "match__head", "revision").order_by("file_id", "index"))


def found_get_visible(*, user: Any, pk: int) -> FoundSop | None:
    return (
        FoundSop.objects.filter(pk=pk, batch__in=_visible(user))
        .select_related(
            "batch__pd__pemda", "batch__unit", "file", "match__head", "match__in_force", "revision"
        )
        .first()
    )


def neighbours(*, found: FoundSop) -> tuple[FoundSop | None, FoundSop | None]:
    """The found SOPs before and after this one in its batch, for going through them in order."""
    ids = list(found.batch.found.order_by("file_id", "index").values_list("pk", flat=True))
    at = ids.index(found.pk)
    before = FoundSop.objects.filter(pk=ids[at - 1]).first() if at > 0 else None
    after = FoundSop.objects.filter(pk=ids[at + 1]).first() if at + 1 < len(ids) else None
    return before, after
