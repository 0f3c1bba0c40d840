"""Reads for SOPs, always filtered by what the user may see."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from typing import Any

from django.db.models import Exists, OuterRef, Q, QuerySet
from django.utils.translation import gettext as _

from sopap.web.authoring.compare import Row, compare
from sopap.web.authoring.models import Revision, RevisionEdit, SopDocument
from sopap.web.organisations.models import Role
from sopap.web.organisations.selectors import pd_ids_with_role, user_has_role
from sopap.web.shared.status import HIDDEN, Status


def sop_list_visible_to(
    *, user: Any, q: str = "", status: str = "", mine: bool = False
) -> QuerySet[SopDocument]:
    """SOPs of every Perangkat Daerah where the user holds a role (any role); with ``mine``, only those the
    user created or wrote in (any revision: as its author, who submitted it, or an editor of its text)."""
    qs = (
        SopDocument.objects.filter(pd_id__in=pd_ids_with_role(user=user))
        .exclude(head__status__in=HIDDEN)
        .select_related("pd", "unit", "head", "in_force")
    )
    if mine:
        wrote = Revision.objects.filter(Q(author=user) | Q(submitted_by=user)).values("document_id")
        edited = RevisionEdit.objects.filter(editor=user, action__in=RevisionEdit.AUTHORED).values(
            "revision__document_id"
        )
        qs = qs.filter(Q(created_by=user) | Q(pk__in=wrote) | Q(pk__in=edited))
    if q:
        qs = qs.filter(Q(head__nama__icontains=q) | Q(nomor__icontains=q))
    if status:
        qs = qs.filter(head__status=status)
    # The id last: rows saved in the same instant keep one order from page to page.
    return qs.order_by("pd__nama", "-head__updated_at", "-pk")


# What the SOP list shows of a row, read as values: not the texts (a head's YAML is kilobytes; a hundred of
# them, twice with the revision in force, were most of the list's reading time), nor five model objects a row.
_LIST_ROW_FIELDS = (
    "id", "nomor", "pd__nama", "pd__singkatan", "unit_id", "unit__nama", "head_id", "head__nama",
    "head__number", "head__status", "in_force_id", "in_force__number",
)  # fmt: skip


def sop_list_rows(
    *, user: Any, q: str = "", status: str = "", mine: bool = False
) -> QuerySet[SopDocument, dict[str, Any]]:
    """``sop_list_visible_to`` as the SOP list shows it: a dict of those columns per SOP."""
    rows: QuerySet[SopDocument, dict[str, Any]] = sop_list_visible_to(
        user=user, q=q, status=status, mine=mine
    ).values(*_LIST_ROW_FIELDS)
    return rows


def document_matching(*, pd: Any, nomor: str = "", nama: str = "") -> SopDocument | None:
    """The SOP of ``pd`` an uploaded file seems to be a copy of: the one with its number, or else the one
    with its name (any letter case)."""
    qs = (
        SopDocument.objects.filter(pd=pd)
        .exclude(head__status__in=HIDDEN)
        .select_related("pd", "unit", "head", "in_force")
    )
    nomor, nama = nomor.strip(), " ".join(nama.split())
    found = qs.filter(nomor=nomor).first() if nomor else None
    if found is None and nama:
        found = qs.filter(Q(head__nama__iexact=nama) | Q(in_force__nama__iexact=nama)).order_by("-pk").first()
    return found


def document_get_visible(*, user: Any, pk: int) -> SopDocument | None:
    return sop_list_visible_to(user=user).filter(pk=pk).first()


def revision_get_visible(*, user: Any, pk: int) -> Revision | None:
    return (
        Revision.objects.filter(pk=pk, document__pd_id__in=pd_ids_with_role(user=user))
        .exclude(status__in=HIDDEN)
        .select_related("document__pd__pemda", "document__unit", "author")
        .first()
    )


def source_in_force(*, raw: str) -> Revision | None:
    """The SOP in force a new draft starts from (`?dari=<revision>`), or None: any PD's SOP in force is
    public, so anyone who drafts may start from it."""
    if not raw.isdigit():
        return None
    return Revision.objects.filter(pk=int(raw), status=Status.BERLAKU).select_related("document__pd").first()


def revisions_of(*, document: SopDocument) -> list[Revision]:
    return list(document.revisions.select_related("author").order_by("number"))


def is_drafter(*, user: Any, sop: Revision) -> bool:
    """A drafter of the SOP's PD (who may edit it while it is a draft)."""
    return user_has_role(user=user, role=Role.PENYUSUN, pd=sop.document.pd)


def can_edit(*, user: Any, sop: Revision) -> bool:
    return sop.status == Status.DRAF and user_has_role(user=user, role=Role.PENYUSUN, pd=sop.document.pd)


def changes_since(*, sop: Revision, version: int) -> list[Row]:
    """What changed in ``sop`` after ``version`` (the version a refused form was loaded from): the changed
    identity fields and steps, each with the text before and now."""
    before = (
        RevisionEdit.objects.filter(revision=sop, version=version).values_list("yaml_text", flat=True).first()
    )
    if before is None:
        return []
    result = compare(before, sop.yaml_text)
    return [row for row in result["fields"] if row.changed] + [
        Row(_("Langkah %(n)s") % {"n": row.label}, row.a, row.b) for row in result["steps"] if row.changed
    ]


class _Editors:
    """The editors of some revisions, read in one query the first time any of them is asked about."""

    def __init__(self, revisions: Iterable[Revision]) -> None:
        self.ids = {r.pk for r in revisions if r.pk is not None}
        self.by_revision: dict[int, set[int]] | None = None

    def of(self, revision: Revision) -> set[int]:
        if self.by_revision is None:
            self.by_revision = {pk: set() for pk in self.ids}
            rows = RevisionEdit.objects.filter(
                revision__in=sorted(self.ids), action__in=RevisionEdit.AUTHORED
            )
            for revision_id, editor_id in rows.values_list("revision_id", "editor_id"):
                self.by_revision[revision_id].add(editor_id)
        return self.by_revision[revision.pk]


# Where contributors_batch and contributors_kept leave an _Editors for revision_contributors to ask.
_EDITORS = "_sopap_editors"


def contributors_batch(revisions: Iterable[Revision]) -> None:
    """Let the permission checks a list page makes on each of ``revisions`` read all their editors in one
    query (when the first check asks). Only for revisions read for that page: one edited afterwards would
    still show its editors from before."""
    revisions = list(revisions)
    editors = _Editors(revisions)
    for r in revisions:
        r.__dict__[_EDITORS] = editors


@contextmanager
def contributors_kept(revision: Revision) -> Iterator[None]:
    """Within this block the editors of ``revision`` are read at most once (the verifier's and the
    approver's checks each ask); afterwards they are read again, as the revision may be edited."""
    if _EDITORS in revision.__dict__:
        yield
        return
    revision.__dict__[_EDITORS] = _Editors([revision])
    try:
        yield
    finally:
        revision.__dict__.pop(_EDITORS, None)


def contributed_by(user: Any) -> Q:
    """Revisions ``user`` wrote in, as a filter: ``user.pk in revision_contributors(sop=r)`` in SQL, for a
    list that wants only those (without reading every revision's editors to drop most of them)."""
    edited = RevisionEdit.objects.filter(
        revision=OuterRef("pk"), editor=user, action__in=RevisionEdit.AUTHORED
    )
    return Q(author=user) | Q(submitted_by=user) | Q(Exists(edited))


def revision_contributors(*, sop: Revision) -> set[int]:
    """Everyone who wrote this revision's content (its author, whoever submitted it, every editor)."""
    known: _Editors | None = sop.__dict__.get(_EDITORS)
    if known is not None and sop.pk in known.ids:
        editors = known.of(sop)
    else:
        editors = set(
            RevisionEdit.objects.filter(revision=sop, action__in=RevisionEdit.AUTHORED).values_list(
                "editor_id", flat=True
            )
        )
    return editors | {pk for pk in (sop.author_id, sop.submitted_by_id) if pk is not None}
