"""Workflow transitions. Each one is checked against the transition table (`states.TRANSITIONS`) and the
actor's role, and logged with its dotted action code, who, when, from, to and notes."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from sopap.web.authoring.models import Revision, SopDocument
from sopap.web.authoring.services import revision_open, revision_set_fields
from sopap.web.catalog.services import catalog_index, catalog_remove
from sopap.web.organisations.errors import DomainError, InvalidTransition, PermissionDenied
from sopap.web.organisations.models import Role
from sopap.web.organisations.selectors import (
    memberships_of,
    user_has_role,
    user_is_pd_wide,
    user_jabatan_ids,
    verification_chain,
)
from sopap.web.workflow import numbering
from sopap.web.workflow.models import StepNote, Transition
from sopap.web.workflow.states import TRANSITIONS, Rule, Status


def _locked(sop: Revision) -> Revision:
    return (
        Revision.objects.select_for_update(of=("self",))
        .select_related("document__pd__pemda", "document__unit")
        .get(pk=sop.pk)
    )


def _check(name: str, *, sop: Revision, actor: Any) -> Rule:
    rule = TRANSITIONS[name]
    if sop.status not in rule.sources:
        raise InvalidTransition(
            _("Tindakan ini tidak dapat dilakukan pada SOP berstatus %(status)s.")
            % {"status": sop.get_status_display()}
        )
    pd = sop.document.pd
    if not any(user_has_role(user=actor, role=role, pd=pd) for role in rule.roles):
        raise PermissionDenied(_("Peran Anda tidak mengizinkan tindakan ini."))
    return rule


def _not_own(*, sop: Revision, actor: Any) -> None:
    if actor.pk in {sop.author_id, sop.submitted_by_id}:
        raise PermissionDenied(_("Penyusun tidak dapat menyetujui SOP yang disusunnya sendiri."))


def _move(
    rule: Rule,
    *,
    sop: Revision,
    actor: Any,
    notes: str = "",
    step_notes: dict[int, str] | None = None,
    verification_step: int | None = None,
    jabatan: str = "",
) -> Transition:
    from_status = sop.status
    sop.status = rule.target
    sop.save()
    log = Transition.objects.create(
        revision=sop,
        action=rule.action,
        from_status=from_status,
        to_status=rule.target,
        actor=actor,
        notes=notes.strip(),
        verification_step=verification_step,
        jabatan=jabatan,
    )
    for step, text in sorted((step_notes or {}).items()):
        if text and text.strip():
            StepNote.objects.create(transition=log, step=step, text=text.strip())
    return log


@transaction.atomic
def sop_submit(*, sop: Revision, actor: Any, notes: str = "") -> Transition:
    sop = _locked(sop)
    rule = _check("submit", sop=sop, actor=actor)
    from sopap.web.authoring.editor import lint

    if lint(sop.yaml_text).result.errors:
        raise DomainError(_("SOP masih memiliki galat; perbaiki dulu sebelum diajukan."))
    if not verification_chain(pd=sop.document.pd):
        raise DomainError(_("Rantai verifikasi perangkat daerah ini belum diatur; hubungi admin organisasi."))
    sop.submitted_by = actor
    sop.verification_index = 0
    return _move(rule, sop=sop, actor=actor, notes=notes)


def _current_verification_step(sop: Revision, actor: Any) -> tuple[int, str]:
    chain = verification_chain(pd=sop.document.pd)
    if sop.verification_index >= len(chain):
        raise InvalidTransition(_("Semua tahap verifikasi sudah selesai."))
    step = chain[sop.verification_index]
    if step.jabatan_id not in user_jabatan_ids(user=actor, role=Role.VERIFIKATOR, pd=sop.document.pd):
        raise PermissionDenied(
            _("Tahap verifikasi saat ini (%(urutan)s. %(jabatan)s) bukan tahap Anda.")
            % {"urutan": step.urutan, "jabatan": step.jabatan.nama}
        )
    return step.urutan, step.jabatan.nama


@transaction.atomic
def verification_approve(*, sop: Revision, actor: Any, notes: str = "") -> Transition:
    sop = _locked(sop)
    rule = _check("verification_approve", sop=sop, actor=actor)
    _not_own(sop=sop, actor=actor)
    urutan, jabatan = _current_verification_step(sop, actor)
    sop.verification_index += 1
    log = _move(rule, sop=sop, actor=actor, notes=notes, verification_step=urutan, jabatan=jabatan)
    if sop.verification_index >= len(verification_chain(pd=sop.document.pd)):
        _move(TRANSITIONS["trial_start"], sop=sop, actor=actor)
    return log


@transaction.atomic
def verification_return(
    *, sop: Revision, actor: Any, notes: str = "", step_notes: dict[int, str] | None = None
) -> Transition:
    sop = _locked(sop)
    rule = _check("verification_return", sop=sop, actor=actor)
    _not_own(sop=sop, actor=actor)
    urutan, jabatan = _current_verification_step(sop, actor)
    _require_notes(notes, step_notes)
    sop.verification_index = 0
    return _move(
        rule, sop=sop, actor=actor, notes=notes, step_notes=step_notes, verification_step=urutan, jabatan=jabatan
    )


def _require_notes(notes: str, step_notes: dict[int, str] | None) -> None:
    """A return to the drafter says what to fix: in the notes or on at least one step."""
    if not notes.strip() and not any((t or "").strip() for t in (step_notes or {}).values()):
        raise DomainError(_("Tuliskan catatan: apa yang harus diperbaiki penyusun."))


def _check_pengesah(*, sop: Revision, actor: Any) -> None:
    pd = sop.document.pd
    if sop.document.lintas_pd:
        if not user_is_pd_wide(user=actor, role=Role.PENGESAH, pd=pd):
            raise PermissionDenied(_("SOP lintas perangkat daerah disahkan oleh Sekretaris Daerah."))
    elif user_is_pd_wide(user=actor, role=Role.PENGESAH, pd=pd) and not any(
        m.role == Role.PENGESAH and m.pd_id == pd.id for m in memberships_of(user=actor)
    ):
        raise PermissionDenied(_("SOP perangkat daerah disahkan oleh kepala perangkat daerah."))


@transaction.atomic
def sop_approve(*, sop: Revision, actor: Any, notes: str = "") -> Transition:
    sop = _locked(sop)
    rule = _check("approve", sop=sop, actor=actor)
    _not_own(sop=sop, actor=actor)
    _check_pengesah(sop=sop, actor=actor)
    from sopap.web.authoring.editor import data_from_text

    pd = sop.document.pd
    if not data_from_text(sop.yaml_text).get("disahkan_oleh") and not sop.document.lintas_pd and pd.kepala_jabatan:
        signer = {"jabatan": pd.kepala_jabatan, "nama": pd.kepala_nama or None, "nip": pd.kepala_nip or None}
        revision_set_fields(sop=sop, updates={"disahkan_oleh": {k: v for k, v in signer.items() if v}})
    return _move(rule, sop=sop, actor=actor, notes=notes)


@transaction.atomic
def approval_return(
    *, sop: Revision, actor: Any, notes: str = "", step_notes: dict[int, str] | None = None
) -> Transition:
    sop = _locked(sop)
    rule = _check("approval_return", sop=sop, actor=actor)
    _not_own(sop=sop, actor=actor)
    _check_pengesah(sop=sop, actor=actor)
    _require_notes(notes, step_notes)
    sop.verification_index = 0
    return _move(rule, sop=sop, actor=actor, notes=notes, step_notes=step_notes)


def nomor_next(*, document: SopDocument, tahun: int) -> str | None:
    """The next number from the PD's pattern, or None when the PD writes its numbers by hand."""
    pd = document.pd
    if not pd.pola_nomor:
        return None
    urut = document.urut
    if urut is None:
        last = SopDocument.objects.filter(pd=pd, urut__isnull=False).order_by("-urut").values_list("urut", flat=True)
        urut = (last.first() or 0) + 1
    kode_unit = document.unit.kode_path if document.unit else ""
    while True:
        nomor = numbering.format_nomor(
            pd.pola_nomor, kode_pd=pd.kode, kode_unit=kode_unit, singkatan=pd.singkatan, urut=urut, tahun=tahun
        )
        clash = SopDocument.objects.filter(nomor=nomor).exclude(pk=document.pk).exists()
        if not clash:
            document.urut = urut
            return nomor
        urut += 1


@transaction.atomic
def sop_decree(
    *,
    sop: Revision,
    actor: Any,
    keputusan_nomor: str,
    keputusan_tanggal: dt.date,
    tanggal_berlaku: dt.date | None = None,
    nomor: str = "",
    notes: str = "",
) -> Transition:
    """Record the decree (Keputusan Kepala Daerah) and assign the SOP's number; in force from its date."""
    sop = _locked(sop)
    rule = _check("decree", sop=sop, actor=actor)
    if not keputusan_nomor.strip():
        raise DomainError(_("Nomor keputusan penetapan wajib diisi."))
    document = sop.document
    nomor = nomor.strip() or (nomor_next(document=document, tahun=keputusan_tanggal.year) or "")
    if not nomor:
        raise DomainError(_("Perangkat daerah ini tidak memiliki pola nomor: tuliskan nomor SOP."))
    if SopDocument.objects.filter(nomor=nomor).exclude(pk=document.pk).exists():
        raise DomainError(_("Nomor SOP %(nomor)s sudah dipakai SOP lain.") % {"nomor": nomor})
    if document.urut is None and document.pd.pola_nomor:
        document.urut = numbering.parse_urut(document.pd.pola_nomor, nomor)
    document.nomor = nomor
    try:
        with transaction.atomic():
            document.save(update_fields=["nomor", "urut"])
    except IntegrityError:
        raise DomainError(_("Nomor SOP %(nomor)s sudah dipakai SOP lain.") % {"nomor": nomor}) from None
    berlaku = tanggal_berlaku or keputusan_tanggal
    sop.keputusan_nomor = keputusan_nomor.strip()
    sop.keputusan_tanggal = keputusan_tanggal
    sop.tanggal_berlaku = berlaku
    revision_set_fields(sop=sop, updates={"nomor": nomor, "tanggal_efektif": berlaku})
    log = _move(rule, sop=sop, actor=actor, notes=notes or f"Keputusan {sop.keputusan_nomor}")
    if berlaku <= timezone.localdate():
        _put_in_force(sop=sop, actor=actor)
    return log


def _put_in_force(*, sop: Revision, actor: Any) -> Transition:
    document = sop.document
    log = _move(TRANSITIONS["in_force"], sop=sop, actor=actor)
    for old in document.revisions.select_for_update().filter(status=Status.BERLAKU).exclude(pk=sop.pk):
        _move(TRANSITIONS["supersede"], sop=old, actor=actor, notes=f"Digantikan revisi {sop.number}")
        catalog_remove(sop=old)
    document.in_force = sop
    document.save(update_fields=["in_force"])
    catalog_index(sop=sop)
    return log


@transaction.atomic
def sop_put_in_force(*, sop: Revision, actor: Any) -> Transition:
    sop = _locked(sop)
    _check("in_force", sop=sop, actor=actor)
    return _put_in_force(sop=sop, actor=actor)


@transaction.atomic
def review_open(*, sop: Revision, actor: Any, notes: str = "") -> Revision:
    """Kaji ulang: a new revision as a draft; the one in force stays Berlaku until the new one is."""
    sop = _locked(sop)
    rule = _check("review_open", sop=sop, actor=actor)
    head = sop.document.head
    if head is not None and head.pk != sop.pk:
        raise DomainError(_("Revisi baru untuk SOP ini sudah dibuka."))
    draft = revision_open(sop=sop, author=actor)
    Transition.objects.create(
        revision=draft, action=rule.action, from_status=Status.BERLAKU, to_status=Status.DRAF, actor=actor,
        notes=notes.strip() or f"Kaji ulang revisi {sop.number}",
    )
    return draft


@transaction.atomic
def sop_withdraw(*, sop: Revision, actor: Any, notes: str = "") -> Transition:
    sop = _locked(sop)
    rule = _check("withdraw", sop=sop, actor=actor)
    if not notes.strip():
        raise DomainError(_("Tuliskan alasan pencabutan."))
    log = _move(rule, sop=sop, actor=actor, notes=notes)
    document = sop.document
    if document.in_force_id == sop.pk:
        document.in_force = None
        document.save(update_fields=["in_force"])
    catalog_remove(sop=sop)
    return log
