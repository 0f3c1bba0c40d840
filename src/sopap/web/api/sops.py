"""With a personal token: the SOPs the token's owner may see, their drafts and their workflow, as that user.
Every read goes through the selectors the web pages use (so the same SOPs are visible, the same are not:
404), every write through the same service, which checks the same permission and refuses with the same
words; the workflow's refusals are asked of `permissions.refusal` first, as the web's transition view does."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib.auth import get_user_model
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import Router
from ninja import Status as Answer
from ninja.params.functions import Path, Query

from sopap.web.api import errors
from sopap.web.api.access import TokenAuth, actor
from sopap.web.api.catalog import MAX_PAGE_SIZE, PAGE_SIZE, Page, PageSize, page_of, pd_out, unit_out
from sopap.web.api.errors import ApiError, not_found, refused
from sopap.web.api.schemas import (
    MAX_ID,
    NO_NUL,
    ActionIn,
    ActionOut,
    DraftIn,
    Problem,
    SopPage,
    SopState,
    TransitionOut,
    UpdateIn,
)
from sopap.web.authoring.models import Revision
from sopap.web.authoring.selectors import (
    can_edit,
    document_get_visible,
    is_drafter,
    revision_get_visible,
    revisions_of,
    sop_list_visible_to,
)
from sopap.web.authoring.services import revision_update, sop_import, uploaded_data
from sopap.web.organisations.selectors import pd_get, pd_list_for_authoring, unit_get, unit_paths_load
from sopap.web.shared.errors import DomainError
from sopap.web.shared.events import event_label
from sopap.web.shared.status import HIDDEN, Status
from sopap.web.workflow import services as workflow
from sopap.web.workflow.permissions import actions_available, refusal
from sopap.web.workflow.selectors import current_verification_label, transitions_of
from sopap.web.workflow.views import ACTIONS

router = Router(tags=["SOP (token)"], auth=TokenAuth())

__all__ = ["MAX_PAGE_SIZE", "PAGE_SIZE", "router"]

STATUSES = [value for value, _label in Status.choices if value not in HIDDEN]


def responses(ok: Any, *codes: int, status: int = 200) -> dict[int, Any]:
    return {status: ok, **dict.fromkeys(codes, Problem)}


def _revision(request: HttpRequest, revision_id: int) -> Revision:
    revision = revision_get_visible(user=actor(request), pk=revision_id)
    if revision is None:
        raise not_found()
    return revision


def state(revision: Revision, user: Any) -> dict[str, Any]:
    document = revision.document
    unit_paths_load([document.unit])
    return {
        "document_id": document.pk,
        "revision_id": revision.pk,
        "revision": revision.number,
        "name": revision.nama,
        "number": revision.nomor,
        "status": revision.status,
        "status_label": str(revision.get_status_display()),
        "version": revision.version,
        "pd": pd_out(document.pd),
        "unit": unit_out(document.unit),
        "lintas_pd": document.lintas_pd,
        "verification": current_verification_label(sop=revision),
        "editable": can_edit(user=user, sop=revision),
        "actions": actions_available(sop=revision, user=user),
        "keputusan_nomor": revision.keputusan_nomor,
        "keputusan_tanggal": revision.keputusan_tanggal,
        "tanggal_berlaku": revision.tanggal_berlaku,
        "updated_at": revision.updated_at,
        "yaml": revision.yaml_text,
        "revisions": [
            {
                "revision_id": r.pk,
                "revision": r.number,
                "status": r.status,
                "status_label": str(r.get_status_display()),
                "version": r.version,
            }
            for r in revisions_of(document=document)
            if r.status not in HIDDEN
        ],
    }


@router.get("/sop", response=responses(SopPage, *errors.READ), summary="The SOPs you may see")
def sop_list(
    request: HttpRequest,
    q: str = Query("", max_length=200, pattern=NO_NUL),
    status: str = Query("", pattern="^(" + "|".join(STATUSES) + ")?$"),
    page: int = Page,
    page_size: int = PageSize,
) -> dict[str, Any]:
    """Every SOP of the PDs where you hold a role, as the web's SOP list shows them (drafts included)."""
    documents = sop_list_visible_to(user=actor(request), q=q.strip(), status=status).filter(
        head__isnull=False
    )
    count, page_items = page_of(documents, page, page_size)
    unit_paths_load(d.unit for d in page_items)
    items = []
    for d in page_items:
        head = d.head
        items.append(
            {
                "document_id": d.pk,
                "revision_id": head.pk,
                "revision": head.number,
                "name": head.nama,
                "number": head.nomor,
                "status": head.status,
                "status_label": str(head.get_status_display()),
                "version": head.version,
                "pd": pd_out(d.pd),
                "unit": unit_out(d.unit),
                "updated_at": head.updated_at,
            }
        )
    return {"count": count, "page": page, "page_size": page_size, "items": items}


@router.post("/sop", response=responses(SopState, *errors.WRITE, status=201), summary="A new draft")
def sop_create(request: HttpRequest, body: DraftIn) -> Answer[dict[str, Any]]:
    """A new SOP, as a draft, from the text of a `.sop.yaml` (as the web's upload makes one); its nomor and
    disahkan_oleh are left out: the workflow writes them."""
    user = actor(request)
    if not pd_list_for_authoring(user=user).exists():
        raise ApiError(403, "permission_denied", _("Hanya penyusun yang dapat membuat SOP."))
    pd = pd_get(pk=body.pd_id)
    if pd is None:
        raise not_found(_("Perangkat daerah itu tidak ada."))
    unit = None
    if body.unit_id is not None:
        unit = unit_get(pk=body.unit_id)
        if unit is None:
            raise not_found(_("Unit itu tidak ada."))
    try:
        revision = sop_import(pd=pd, unit=unit, author=user, raw=body.yaml.encode("utf-8"))
    except DomainError as exc:
        raise refused(exc) from None
    return Answer(201, state(_revision(request, revision.pk), user))


@router.get("/sop/{document_id}", response=responses(SopState, *errors.READ), summary="An SOP and its state")
def sop_detail(request: HttpRequest, document_id: int = Path(..., ge=1, le=MAX_ID)) -> dict[str, Any]:
    """The SOP's latest revision (the one the web's SOP page shows), what you may do with it, its revisions."""
    user = actor(request)
    document = document_get_visible(user=user, pk=document_id)
    if document is None or document.head_id is None:
        raise not_found()
    return state(_revision(request, document.head_id), user)


@router.get(
    "/sop/{document_id}/riwayat", response=responses(list[TransitionOut], *errors.READ), summary="Its history"
)
def sop_history(request: HttpRequest, document_id: int = Path(..., ge=1, le=MAX_ID)) -> list[dict[str, Any]]:
    """Every transition of every revision of the SOP, oldest first, with its notes."""
    user = actor(request)
    document = document_get_visible(user=user, pk=document_id)
    if document is None or document.head is None:
        raise not_found()
    return [
        {
            "revision": t.revision.number,
            "action": t.action,
            "label": str(event_label(t.action)),
            "from_status": t.from_status,
            "to_status": t.to_status,
            "actor": t.actor.get_full_name() or t.actor.get_username(),
            "at": t.at,
            "notes": t.notes,
            "verification_step": t.verification_step,
            "jabatan": t.jabatan,
            "step_notes": [{"step": n.step, "text": n.text} for n in t.step_notes.all()],
        }
        for t in transitions_of(sop=document.head).order_by("at", "id")
    ]


@router.get("/revisi/{revision_id}", response=responses(SopState, *errors.READ), summary="A revision")
def revision_detail(request: HttpRequest, revision_id: int = Path(..., ge=1, le=MAX_ID)) -> dict[str, Any]:
    return state(_revision(request, revision_id), actor(request))


@router.put("/revisi/{revision_id}", response=responses(SopState, *errors.WRITE), summary="Save a draft")
def revision_save(
    request: HttpRequest, body: UpdateIn, revision_id: int = Path(..., ge=1, le=MAX_ID)
) -> dict[str, Any]:
    """Replace the draft's text, from the version you read: when somebody saved a newer one meanwhile, the
    save is refused (409, stale_version) and nothing is written, as in the web's editor."""
    user = actor(request)
    revision = _revision(request, revision_id)
    if not is_drafter(user=user, sop=revision):
        raise ApiError(403, "permission_denied", _("SOP ini tidak dapat Anda ubah."))
    try:
        data = uploaded_data(raw=body.yaml.encode("utf-8"))
        revision = revision_update(sop=revision, actor=user, data=data, loaded_version=body.version)
    except DomainError as exc:
        revision.refresh_from_db()
        raise refused(exc, conflict=not revision.is_editable) from None
    return state(_revision(request, revision.pk), user)


def _decree(sop: Revision, user: Any, body: ActionIn) -> Any:
    return workflow.sop_decree(
        sop=sop,
        actor=user,
        keputusan_nomor=body.keputusan_nomor,
        keputusan_tanggal=body.keputusan_tanggal or timezone.localdate(),
        tanggal_berlaku=body.tanggal_berlaku,
        nomor=body.nomor,
        notes=body.notes,
        loaded_version=body.version,
    )


def _trial(sop: Revision, user: Any, body: ActionIn) -> Any:

    return workflow.trial_record(
        sop=sop,
        actor=user,
        mulai=body.trial_from or timezone.localdate(),
        selesai=body.trial_to or timezone.localdate(),
        hasil=body.trial_outcome,
        temuan=body.notes,
        saksi=list(get_user_model().objects.filter(pk__in=body.witnesses, is_active=True)),
        saksi_lain=body.other_witnesses,
        step_notes=_step_notes(body),
        loaded_version=body.version,
    )


def _notes(body: ActionIn) -> dict[str, Any]:
    return {"notes": body.notes, "loaded_version": body.version}


def _step_notes(body: ActionIn) -> dict[int, str]:
    return {note.step: note.text for note in body.step_notes if note.text.strip()}


# The web's transitions (workflow.views.ACTIONS), each calling the same service.
RUN: dict[str, Callable[[Revision, Any, ActionIn], Any]] = {
    "submit": lambda s, u, b: workflow.sop_submit(sop=s, actor=u, **_notes(b)),
    "verification_approve": lambda s, u, b: workflow.verification_approve(sop=s, actor=u, **_notes(b)),
    "verification_return": lambda s, u, b: workflow.verification_return(
        sop=s, actor=u, step_notes=_step_notes(b), **_notes(b)
    ),
    "trial_record": _trial,
    "approve": lambda s, u, b: workflow.sop_approve(sop=s, actor=u, **_notes(b)),
    "approval_return": lambda s, u, b: workflow.approval_return(
        sop=s, actor=u, step_notes=_step_notes(b), **_notes(b)
    ),
    "decree": _decree,
    "in_force": lambda s, u, b: workflow.sop_put_in_force(sop=s, actor=u, loaded_version=b.version),
    "review_open": lambda s, u, b: workflow.review_open(sop=s, actor=u, **_notes(b)),
    "withdrawal_dismiss": lambda s, u, b: workflow.withdrawal_dismiss(sop=s, actor=u, **_notes(b)),
    "withdraw": lambda s, u, b: workflow.sop_withdraw(sop=s, actor=u, **_notes(b)),
    "delete": lambda s, u, b: workflow.sop_draft_delete(sop=s, actor=u, **_notes(b)),
}
assert set(RUN) == set(ACTIONS), "every transition of the web has its operation here"


@router.post(
    "/revisi/{revision_id}/{action}",
    response=responses(ActionOut, *errors.WRITE),
    summary="A workflow action",
)
def revision_action(
    request: HttpRequest,
    body: ActionIn,
    revision_id: int = Path(..., ge=1, le=MAX_ID),
    action: str = Path(..., pattern="^(" + "|".join(RUN) + ")$", description=", ".join(RUN)),
) -> dict[str, Any]:
    """Perform ``action`` on the revision as you: submit, verification_approve, verification_return (notes
    or step_notes), approve (sahkan: you sign it), approval_return, decree (keputusan_nomor, keputusan_tanggal,
    tanggal_berlaku, nomor), trial_record (uji coba: trial_from, trial_to, trial_outcome, witnesses or
    other_witnesses, findings in notes), in_force, withdrawal_dismiss (keep an SOP an evaluation proposed to
    withdraw: notes say why), review_open (kaji ulang: a new draft), withdraw (notes: why),
    delete (a first draft never submitted). What you may do now is SopState.actions. A refusal is the
    web's: 403 when your role or place in the chain does not allow it, 409 when the SOP's state or a newer
    version does not, 422 when what you sent cannot be done (no notes on a return, no decree number...)."""
    user = actor(request)
    revision = _revision(request, revision_id)
    refused_now = refusal(action, sop=revision, user=user)
    if refused_now is not None:
        raise refused(refused_now, conflict=True)
    try:
        result = RUN[action](revision, user, body)
    except DomainError as exc:
        raise refused(exc) from None
    after = result if isinstance(result, Revision) else revision
    visible = revision_get_visible(user=user, pk=after.pk)
    return {
        "message": str(ACTIONS[action][1]),
        "state": state(visible, user) if visible is not None else None,
    }
