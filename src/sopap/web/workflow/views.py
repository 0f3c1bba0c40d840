"""The SOP's list and page, and one POST endpoint per transition. The service decides; the view maps its
refusal to 403/400."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from sopap.core.dates import format_date
from sopap.web.authoring import editor, rendering
from sopap.web.authoring.editor import loaded_version
from sopap.web.authoring.models import Revision
from sopap.web.authoring.selectors import (
    can_edit,
    document_get_visible,
    revision_get_visible,
    revisions_of,
    sop_list_rows,
)
from sopap.web.authoring.services import check_version, last_writer
from sopap.web.error_pages import forbidden
from sopap.web.organisations.models import Role
from sopap.web.organisations.selectors import pd_ids_with_role
from sopap.web.shared.errors import DomainError, PermissionDenied, StaleVersion
from sopap.web.shared.i18n import current_lang
from sopap.web.shared.links import id_link
from sopap.web.shared.paging import Page, page_of
from sopap.web.shared.status import HIDDEN, Status
from sopap.web.workflow import services
from sopap.web.workflow.confirmation import CONFIRMED, next_nomor_preview, parse_date, summary_of
from sopap.web.workflow.permissions import (
    acknowledgement_refusal,
    actions_available,
    approval_awaits_trial,
    can_follow_acknowledgements,
    inbox_and_returns,
    refusal,
)
from sopap.web.workflow.selectors import (
    acknowledgement_counts,
    acknowledgement_lines,
    acknowledgement_of,
    acknowledgement_request_of,
    acknowledgements_by_unit,
    current_verification_label,
    in_force_later,
    last_return,
    proposal_open,
    step_notes_open,
    transitions_of,
    trials_of,
)
from sopap.web.workflow.states import TRANSITIONS


def _step_notes(request: HttpRequest) -> dict[int, str]:
    out: dict[int, str] = {}
    for key in request.POST:
        value = request.POST.get(key, "")
        if (
            key.startswith("catatan_langkah_")
            and key.removeprefix("catatan_langkah_").isdigit()
            and value.strip()
        ):
            out[int(key.removeprefix("catatan_langkah_"))] = value
    return out


def _notes(request: HttpRequest) -> dict[str, Any]:
    return {"notes": request.POST.get("catatan", ""), "loaded_version": loaded_version(request.POST)}


def _decree(sop: Any, actor: Any, request: HttpRequest) -> Any:
    return services.sop_decree(
        sop=sop,
        actor=actor,
        keputusan_nomor=request.POST.get("keputusan_nomor", ""),
        keputusan_tanggal=parse_date(request.POST.get("keputusan_tanggal", "")) or timezone.localdate(),
        tanggal_berlaku=parse_date(request.POST.get("tanggal_berlaku", "")),
        nomor=request.POST.get("nomor", ""),
        **_notes(request),
    )


def _trial(sop: Any, actor: Any, request: HttpRequest) -> Any:
    from django.contrib.auth import get_user_model

    ids = [int(v) for v in request.POST.getlist("saksi") if v.isdigit()]
    return services.trial_record(
        sop=sop,
        actor=actor,
        mulai=parse_date(request.POST.get("mulai", "")) or timezone.localdate(),
        selesai=parse_date(request.POST.get("selesai", "")) or timezone.localdate(),
        hasil=request.POST.get("hasil", ""),
        temuan=request.POST.get("catatan", ""),
        saksi=list(get_user_model().objects.filter(pk__in=ids, is_active=True)),
        saksi_lain=request.POST.get("saksi_lain", ""),
        step_notes=_step_notes(request),
        loaded_version=loaded_version(request.POST),
    )


ACTIONS: dict[str, tuple[Callable[..., Any], Any]] = {
    "submit": (
        lambda s, a, r: services.sop_submit(sop=s, actor=a, **_notes(r)),
        gettext_lazy("SOP diajukan untuk verifikasi."),
    ),
    "verification_approve": (
        lambda s, a, r: services.verification_approve(sop=s, actor=a, **_notes(r)),
        gettext_lazy("Verifikasi disetujui."),
    ),
    "verification_return": (
        lambda s, a, r: services.verification_return(sop=s, actor=a, step_notes=_step_notes(r), **_notes(r)),
        gettext_lazy("SOP dikembalikan ke penyusun dengan catatan."),
    ),
    "trial_record": (_trial, gettext_lazy("Uji coba tercatat.")),
    "approve": (
        lambda s, a, r: services.sop_approve(sop=s, actor=a, **_notes(r)),
        gettext_lazy("SOP disahkan."),
    ),
    "approval_return": (
        lambda s, a, r: services.approval_return(sop=s, actor=a, step_notes=_step_notes(r), **_notes(r)),
        gettext_lazy("SOP dikembalikan ke penyusun dengan catatan."),
    ),
    "decree": (_decree, gettext_lazy("Penetapan tercatat.")),
    "in_force": (
        lambda s, a, r: services.sop_put_in_force(sop=s, actor=a, loaded_version=loaded_version(r.POST)),
        gettext_lazy("SOP berlaku."),
    ),
    "review_open": (
        lambda s, a, r: services.review_open(sop=s, actor=a, **_notes(r)),
        gettext_lazy("Revisi baru dibuka sebagai draf; versi yang berlaku tetap berlaku."),
    ),
    "withdrawal_dismiss": (
        lambda s, a, r: services.withdrawal_dismiss(sop=s, actor=a, **_notes(r)),
        gettext_lazy("Usulan pencabutan ditolak; SOP tetap berlaku."),
    ),
    "withdraw": (
        lambda s, a, r: services.sop_withdraw(sop=s, actor=a, **_notes(r)),
        gettext_lazy("SOP dicabut."),
    ),
    "delete": (
        lambda s, a, r: services.sop_draft_delete(sop=s, actor=a, **_notes(r)),
        gettext_lazy("Draf dihapus."),
    ),
}


@login_required
@require_POST
def transition(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    revision = revision_get_visible(user=request.user, pk=pk)
    if revision is None or action not in ACTIONS:
        raise Http404
    run, done = ACTIONS[action]
    refused = refusal(action, sop=revision, user=request.user)
    if refused is None and loaded_version(request.POST) is None:
        refused = DomainError(
            _(
                "Halaman ini tidak menyebut versi SOP yang Anda lihat; muat ulang halaman, periksa, lalu ulangi."
            )
        )
    if refused is None and action in CONFIRMED and request.POST.get("confirm") != "1":
        if request.POST.get("ubah") == "1":  # back from the summary to the form, as it was filled in
            return render(request, "authoring/detail.html", _posted_context(request, revision, action))
        try:
            check_version(sop=revision, loaded_version=loaded_version(request.POST))
            summary = summary_of(revision=revision, action=action, post=request.POST, user=request.user)
        except DomainError as exc:
            refused = exc
        else:
            return render(
                request, "workflow/confirm.html", {"summary": summary, "document": revision.document}
            )
    if refused is None:
        try:
            result = run(revision, request.user, request)
        except DomainError as exc:
            refused = exc
    if refused is not None:
        return _refused(request, revision, action, refused)
    messages.success(request, done)
    if action == "review_open":
        return redirect("authoring:edit", pk=result.pk)
    if action == "delete":
        return redirect("workflow:sop_list")
    return redirect("workflow:sop_detail", pk=revision.document_id)


def _refused(request: HttpRequest, revision: Revision, action: str, refused: DomainError) -> HttpResponse:
    """The SOP's page as it is now, with why the action was refused and the user's notes and decree fields
    still in its form (nothing typed is lost)."""
    revision = _revision_or_404(request, revision.pk)
    message = refused.message
    if isinstance(refused, StaleVersion):
        who, when = last_writer(sop=revision)
        message = _(
            "SOP ini berubah sejak halaman Anda dibuka (kini versi %(version)s, oleh %(who)s pada %(when)s). "
            "Periksa isinya di bawah; isian Anda masih ada di formulir."
        ) % {"version": revision.version, "who": who, "when": when}
    messages.error(request, message)
    status = 403 if isinstance(refused, PermissionDenied) else 409
    return render(request, "authoring/detail.html", _posted_context(request, revision, action), status=status)


def _posted_context(request: HttpRequest, revision: Revision, action: str) -> dict[str, Any]:
    context = _detail_context(request, revision)
    context["posted"] = {
        "action": action,
        "catatan": request.POST.get("catatan", ""),
        "steps": _step_notes(request),
        **{key: request.POST.get(key, "") for key in DECREE_FIELDS},
    }
    return context


DECREE_FIELDS = ("keputusan_nomor", "keputusan_tanggal", "tanggal_berlaku", "nomor")


# ----------------------------------------------------------------------- the SOP's pages
# The list and the page of an SOP show its life (what waits for whom, the actions, the history) around what
# authoring wrote, so they live here, above authoring.


def _revision_or_404(request: HttpRequest, pk: int) -> Revision:
    revision = revision_get_visible(user=request.user, pk=pk)
    if revision is None:
        raise Http404
    return revision


# Rows of the SOP list per page: a seeded drafter's 200 SOPs are four pages. Fifty rather than the hundred
# of the shared pager: half the rows read and drawn, for a page a drafter opens many times a day.
LIST_PAGE_SIZE = 50


@login_required
def sop_list(request: HttpRequest) -> HttpResponse:
    q = request.GET.get("q", "").strip()
    status = request.GET.get("status", "")
    drafter = bool(pd_ids_with_role(user=request.user, roles={Role.PENYUSUN}))
    # A drafter sees what they write first; everyone else (and a drafter who asks) every SOP of their PD.
    scope = request.GET.get("lingkup") or ("saya" if drafter else "pd")
    mine = drafter and scope == "saya"
    page: Page[dict[str, Any]] = page_of(
        request,
        sop_list_rows(user=request.user, q=q, status=status, mine=mine),
        size=LIST_PAGE_SIZE,
        counted=True,
    )
    # The page's drafts' returns read with the box's own (one query for both).
    drafts = [d["head_id"] for d in page.items if d["head__status"] == Status.DRAF]
    inbox, returned = inbox_and_returns(user=request.user, drafts_also=drafts)
    return render(
        request,
        "authoring/list.html",
        {
            "rows": _list_rows(page.items, returned),
            "inbox": inbox,
            "returned": returned,
            "can_create": drafter,
            "drafter": drafter,
            "mine": mine,
            "q": q,
            "status": status,
            "statuses": [(v, label) for v, label in Status.choices if v not in HIDDEN],
            "page": page,
        },
    )


def _list_rows(documents: list[dict[str, Any]], returned: dict[int, Any]) -> list[dict[str, Any]]:
    """What each row of the SOP list shows, worked out once per row here: the template's own lookups,
    translations, address reversing and badge include per row were half the page's time."""
    link = id_link("workflow:sop_detail")
    untitled = _("(tanpa nama)")
    review, sent_back = _("Kaji ulang"), _("Dikembalikan")
    labels = {value: str(label) for value, label in Status.choices}
    rows = []
    for d in documents:
        back = returned.get(d["head_id"]) if d["head_id"] else None
        if back is not None:
            status, label = "dikembalikan", review if back.by_evaluation else sent_back
        elif d["head__status"]:
            status, label = d["head__status"], labels.get(d["head__status"], d["head__status"])
        else:
            status, label = "", ""
        rows.append(
            {
                "pk": d["id"],
                "url": link(d["id"]),
                "nama": d["head__nama"] or untitled,
                "number": d["head__number"] or 0,
                "nomor": d["nomor"] or "—",
                "status": status,
                "label": label,
                # The revision in force, when a newer one is being written.
                "in_force": d["in_force__number"] if d["in_force_id"] not in (None, d["head_id"]) else None,
                # As the PD names itself in a list (PerangkatDaerah.__str__).
                "pd": d["pd__singkatan"] or d["pd__nama"],
                "unit": d["unit__nama"] if d["unit_id"] else "",
            }
        )
    return rows


def _detail_context(request: HttpRequest, revision: Revision) -> dict[str, Any]:
    lang = current_lang()
    view = editor.lint(revision.yaml_text, lang=lang)
    sop = view.result.sop
    actions = actions_available(sop=revision, user=request.user)
    data = editor.data_from_text(revision.yaml_text)
    return {
        "revision": revision,
        "document": revision.document,
        "data": data,
        "sop": sop,
        "duration": editor.duration_text(sop, lang),
        "svg": rendering.flowchart_svg(sop, lang=lang) if sop else None,
        "lint": view,
        "actions": [(name, TRANSITIONS[name]) for name in actions],
        "action_names": actions,
        "transitions": transitions_of(sop=revision),
        "revisions": revisions_of(document=revision.document),
        "formats": rendering.formats() if sop else ["yaml"],
        "can_edit": can_edit(user=request.user, sop=revision),
        "verification_label": current_verification_label(sop=revision),
        "last_return": last_return(sop=revision),
        "step_notes": step_notes_open(sop=revision),
        "trials": trials_of(sop=revision),
        "approval_waits": approval_awaits_trial(sop=revision, user=request.user)
        if revision.status == Status.UJI_COBA
        else None,
        "witnesses": _witnesses(revision) if "trial_record" in actions else [],
        "proposal": proposal_open(sop=revision) if revision.status == Status.BERLAKU else None,
        "steps": editor.initial_from_data(data)["steps"],
        "suggested_nomor": _suggested_nomor(revision) if "decree" in actions else "",
        "in_force_on": format_date(revision.tanggal_berlaku, lang)
        if revision.status == Status.DITETAPKAN and in_force_later(sop=revision)
        else "",
        "ack": _acknowledgement_box(request, revision),
    }


def _acknowledgement_box(request: HttpRequest, revision: Revision) -> dict[str, Any] | None:
    """What the SOP's page says of its sosialisasi: to an officer of the PD, whether they have confirmed
    reading the revision in force (or the button to do so); to the head and the admin, how many have."""
    if revision.status != Status.BERLAKU or revision.document.in_force_id != revision.pk:
        return None
    follow = can_follow_acknowledgements(user=request.user, document=revision.document)
    may_confirm = acknowledgement_refusal(sop=revision, user=request.user) is None
    if not follow and not may_confirm:
        return None
    return {
        "confirmed": acknowledgement_of(sop=revision, user=request.user) if may_confirm else None,
        "asked": acknowledgement_request_of(sop=revision, user=request.user) if may_confirm else None,
        "may_confirm": may_confirm,
        "count": acknowledgement_counts(revision_ids=[revision.pk])[revision.pk] if follow else None,
    }


@login_required
@require_POST
def acknowledge(request: HttpRequest, pk: int) -> HttpResponse:
    """ "Saya sudah membaca SOP ini": the revision the page showed (a newer one in force meanwhile is not
    confirmed unread)."""
    document = document_get_visible(user=request.user, pk=pk)
    raw = request.POST.get("revisi", "")
    revision = _revision_or_404(request, int(raw)) if raw.isdigit() else None
    if document is None or revision is None or revision.document_id != document.pk:
        raise Http404
    try:
        services.sop_acknowledge(sop=revision, actor=request.user)
    except DomainError as exc:
        return _refused(request, revision, "acknowledge", exc)
    messages.success(request, _("Terima kasih: Anda tercatat sudah membaca SOP ini."))
    return redirect("workflow:sop_detail", pk=document.pk)


@login_required
def acknowledgements(request: HttpRequest, pk: int) -> HttpResponse:
    """Who was asked to read the SOP in force and who has confirmed (for the head and the admin)."""
    document = document_get_visible(user=request.user, pk=pk)
    if document is None:
        raise Http404
    if not can_follow_acknowledgements(user=request.user, document=document):
        return forbidden(
            request,
            _("Hanya kepala perangkat daerah dan admin organisasi yang melihat siapa sudah membaca SOP."),
        )
    revision = document.in_force
    lines = acknowledgement_lines(sop=revision) if revision is not None else []
    return render(
        request,
        "workflow/acknowledgements.html",
        {
            "document": document,
            "revision": revision,
            "lines": lines,
            "confirmed": sum(1 for line in lines if line.confirmed_at is not None),
        },
    )


@login_required
def acknowledgement_units(request: HttpRequest) -> HttpResponse:
    """Per unit of a PD, how far its SOPs in force have been read (for the head and the admin)."""
    from sopap.web.organisations.models import PerangkatDaerah

    pd_ids = pd_ids_with_role(user=request.user, roles={Role.PENGESAH, Role.ADMIN})
    if not pd_ids:
        return forbidden(
            request,
            _("Hanya kepala perangkat daerah dan admin organisasi yang melihat siapa sudah membaca SOP."),
        )
    choices = list(PerangkatDaerah.objects.filter(pk__in=pd_ids).order_by("nama"))
    raw = request.GET.get("pd", "")
    pd = next((p for p in choices if str(p.pk) == raw), None) if raw else choices[0]
    if pd is None:
        raise Http404
    units = acknowledgements_by_unit(pd=pd, no_unit=_("Tanpa unit"))
    return render(
        request,
        "workflow/acknowledgement_units.html",
        {"pd": pd, "pd_choices": choices if len(choices) > 1 else [], "units": units},
    )


def _witnesses(revision: Revision) -> list[Any]:
    """The superiors who may have witnessed the trial: the verifiers and heads of the SOP's PD."""
    from django.contrib.auth import get_user_model

    return list(
        get_user_model()
        .objects.filter(
            is_active=True,
            memberships__pd=revision.document.pd,
            memberships__role__in=[Role.VERIFIKATOR, Role.PENGESAH],
        )
        .distinct()
        .order_by("first_name", "username")
    )


def _suggested_nomor(revision: Revision) -> str:
    return next_nomor_preview(revision, tahun=timezone.localdate().year)


@login_required
def sop_detail(request: HttpRequest, pk: int) -> HttpResponse:
    document = document_get_visible(user=request.user, pk=pk)
    if document is None or document.head is None:
        raise Http404
    rev = request.GET.get("rev")
    revision = document.head
    if rev and rev.isdigit():
        revision = _revision_or_404(request, int(rev))
        if revision.document_id != document.pk:
            raise Http404
    revision = _revision_or_404(request, revision.pk)
    return render(request, "authoring/detail.html", _detail_context(request, revision))


@login_required
@require_POST
def upload_revision(request: HttpRequest, pk: int) -> HttpResponse:
    """The choice offered when an uploaded file matches an SOP of the PD: make it that SOP's next revision."""
    document = document_get_visible(user=request.user, pk=pk)
    if document is None:
        raise Http404
    try:
        draft = services.revision_from_upload(
            document=document,
            actor=request.user,
            raw=request.POST.get("isi", "").encode("utf-8"),
            filename=request.POST.get("nama_berkas", ""),
            loaded_version=loaded_version(request.POST),
        )
    except DomainError as exc:
        messages.error(request, exc.message)
        return redirect("workflow:sop_detail", pk=document.pk)
    messages.success(
        request,
        _("Berkas dimuat sebagai revisi %(number)s dari SOP ini; periksa, lalu ajukan.")
        % {"number": draft.number},
    )
    return redirect("authoring:edit", pk=draft.pk)
