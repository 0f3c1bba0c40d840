"""Reads for SOPs, always filtered by what the user may see."""

from __future__ import annotations

from typing import Any

from django.db.models import Q, QuerySet
from django.utils.translation import gettext as _

from sopap.web.authoring.compare import Row, compare
from sopap.web.authoring.models import Revision, RevisionEdit, SopDocument
from sopap.web.organisations.models import Role
from sopap.web.organisations.selectors import pd_ids_with_role, user_has_role
from sopap.web.workflow.states import Status


def sop_list_visible_to(*, user: Any, q: str = "", status: str = "") -> QuerySet[SopDocument]:
    """SOPs of every Perangkat Daerah where the user holds a role (any role)."""
    qs = SopDocument.objects.filter(pd_id__in=pd_ids_with_role(user=user)).select_related(
        "pd", "unit", "head", "in_force"
    )
    if q:
        qs = qs.filter(Q(head__nama__icontains=q) | Q(nomor__icontains=q))
    if status:
        qs = qs.filter(head__status=status)
    return qs.order_by("pd__nama", "-head__updated_at")


def document_get_visible(*, user: Any, pk: int) -> SopDocument | None:
    return sop_list_visible_to(user=user).filter(pk=pk).first()


def revision_get_visible(*, user: Any, pk: int) -> Revision | None:
    return (
        Revision.objects.filter(pk=pk, document__pd_id__in=pd_ids_with_role(user=user))
        .select_related("document__pd__pemda", "document__unit", "author")
        .first()
    )


def revisions_of(*, document: SopDocument) -> list[Revision]:
    return list(document.revisions.select_related("author").order_by("number"))


def can_edit(*, user: Any, sop: Revision) -> bool:
    return sop.status == Status.DRAF and user_has_role(user=user, role=Role.PENYUSUN, pd=sop.document.pd)


def changes_since(*, sop: Revision, version: int) -> list[Row]:
    """What changed in ``sop`` after ``version`` (the version a refused form was loaded from): the changed
    identity fields and steps, each with the text before and now."""
    before = RevisionEdit.objects.filter(revision=sop, version=version).values_list("yaml_text", flat=True).first()
    if before is None:
        return []
    result = compare(before, sop.yaml_text)
    return [row for row in result["fields"] if row.changed] + [
        Row(_("Langkah %(n)s") % {"n": row.label}, row.a, row.b) for row in result["steps"] if row.changed
    ]


def revision_contributors(*, sop: Revision) -> set[int]:
    """Everyone who wrote this revision's content (its author, whoever submitted it, every editor)."""
    editors = set(
        RevisionEdit.objects.filter(revision=sop, action__in=RevisionEdit.AUTHORED).values_list("editor_id", flat=True)
    )
    return editors | {pk for pk in (sop.author_id, sop.submitted_by_id) if pk is not None}
