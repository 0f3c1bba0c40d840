"""Workflow transitions. Each one is checked against the transition table (`states.TRANSITIONS`) and the
actor's role, and logged with its dotted action code, who, when, from, to and notes."""

from __future__ import annotations

import datetime as dt
import logging
from typing import Any

from django.db import IntegrityError, transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from sopap.web.authoring.models import Revision, RevisionEdit, SopDocument
from sopap.web.authoring.official import official_document_ensure
from sopap.web.authoring.services import (
    check_version,
    revision_open,
    revision_set_fields,
    revision_update,
    uploaded_data,
)
from sopap.web.authoring.tasks import render_cache_warm
from sopap.web.catalog.services import catalog_index, catalog_remove
from sopap.web.jobs.services import job_enqueue
from sopap.web.organisations import numbering
from sopap.web.organisations.models import Role
from sopap.web.organisations.selectors import (
    memberships_of,
    position_holders,
)
from sopap.web.shared.errors import DomainError
from sopap.web.shared.status import Status
from sopap.web.workflow.models import (
    Acknowledgement,
    AcknowledgementRequest,
    StepNote,
    Transition,
    Trial,
    WithdrawalProposal,
)
from sopap.web.workflow.permissions import acknowledgement_refusal, require, verification_turn
from sopap.web.workflow.selectors import chain_snapshot, submitted_chain
from sopap.web.workflow.states import TRANSITIONS, Rule

log = logging.getLogger(__name__)

# Numbers already taken are skipped (a hand-written one may sit on the pattern's path); this many at most.
NOMOR_TRIES = 10_000
KEPUTUSAN_NOMOR_MAX_LENGTH = Revision._meta.get_field("keputusan_nomor").max_length or 200


def _locked(sop: Revision) -> Revision:
    return (
        Revision.objects.select_for_update(of=("self",))
        .select_related("document__pd__pemda", "document__unit")
        .get(pk=sop.pk)
    )


def _check(name: str, *, sop: Revision, actor: Any, loaded_version: int | None = None) -> Rule:
    """The rule of ``name`` when `permissions` allows it; a form loaded from an older version of the
    revision (it was changed, returned and resubmitted meanwhile) is refused too."""
    rule = require(name, sop=sop, user=actor)
    check_version(sop=sop, loaded_version=loaded_version)
    return rule


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
def sop_submit(
    *, sop: Revision, actor: Any, notes: str = "", loaded_version: int | None = None
) -> Transition:
    sop = _locked(sop)
    rule = _check("submit", sop=sop, actor=actor, loaded_version=loaded_version)
    from sopap.web.authoring.editor import lint

    if lint(sop.yaml_text).result.errors:
        raise DomainError(_("SOP masih memiliki galat; perbaiki dulu sebelum diajukan."))
    chain = chain_snapshot(pd=sop.document.pd)
    if not chain:
        raise DomainError(_("Rantai verifikasi perangkat daerah ini belum diatur; hubungi admin organisasi."))
    sop.submitted_by = actor
    sop.verification_index = 0
    sop.verification_chain = chain
    return _move(rule, sop=sop, actor=actor, notes=notes)


def _verification_step(sop: Revision, actor: Any) -> tuple[int, str]:
    turn = verification_turn(sop=sop, user=actor)
    if isinstance(turn, DomainError):
        raise turn
    return turn.urutan, turn.jabatan


@transaction.atomic
def verification_approve(
    *, sop: Revision, actor: Any, notes: str = "", loaded_version: int | None = None
) -> Transition:
    sop = _locked(sop)
    rule = _check("verification_approve", sop=sop, actor=actor, loaded_version=loaded_version)
    urutan, jabatan = _verification_step(sop, actor)
    sop.verification_index += 1
    log = _move(rule, sop=sop, actor=actor, notes=notes, verification_step=urutan, jabatan=jabatan)
    if sop.verification_index >= len(submitted_chain(sop=sop)):
        _move(TRANSITIONS["trial_start"], sop=sop, actor=actor)
    return log


@transaction.atomic
def verification_return(
    *,
    sop: Revision,
    actor: Any,
    notes: str = "",
    step_notes: dict[int, str] | None = None,
    loaded_version: int | None = None,
) -> Transition:
    sop = _locked(sop)
    rule = _check("verification_return", sop=sop, actor=actor, loaded_version=loaded_version)
    urutan, jabatan = _verification_step(sop, actor)
    _require_notes(notes, step_notes)
    sop.verification_index = 0
    return _move(
        rule,
        sop=sop,
        actor=actor,
        notes=notes,
        step_notes=step_notes,
        verification_step=urutan,
        jabatan=jabatan,
    )


def _require_notes(notes: str, step_notes: dict[int, str] | None) -> None:
    """A return to the drafter says what to fix: in the notes or on at least one step."""
    if not notes.strip() and not any((t or "").strip() for t in (step_notes or {}).values()):
        raise DomainError(_("Tuliskan catatan: apa yang harus diperbaiki penyusun."))


@transaction.atomic
def sop_approve(
    *, sop: Revision, actor: Any, notes: str = "", loaded_version: int | None = None
) -> Transition:
    sop = _locked(sop)
    rule = _check("approve", sop=sop, actor=actor, loaded_version=loaded_version)
    revision_set_fields(
        sop=sop,
        actor=actor,
        updates={"disahkan_oleh": signer_of(sop=sop, approver=actor)},
        action=RevisionEdit.Action.SIGNED,
    )
    return _move(rule, sop=sop, actor=actor, notes=notes)


def signer_of(*, sop: Revision, approver: Any) -> dict[str, str]:
    """The "Disahkan oleh" block: the approver, in the position they approve from. The PD's recorded NIP
    is printed only when the approver is the head recorded for the PD (an acting head signs with their
    own name and without the head's NIP)."""
    with translation.override("id"):  # the SOP's own text is Indonesian, whatever the approver's screen says
        return _signer(sop=sop, approver=approver)


def _signer(*, sop: Revision, approver: Any) -> dict[str, str]:
    pd = sop.document.pd
    nama = (approver.get_full_name() or approver.username).strip()
    if sop.document.lintas_pd:
        jabatan = _("Sekretaris Daerah %(pemda)s") % {"pemda": pd.pemda.nama}
    else:
        positions = [
            m.jabatan.nama
            for m in memberships_of(user=approver)
            if m.role == Role.PENGESAH and m.pd_id == pd.id and m.jabatan is not None
        ]
        jabatan = pd.kepala_jabatan or (positions[0] if positions else _("Kepala %(pd)s") % {"pd": pd.nama})
    signer = {"jabatan": jabatan, "nama": nama}
    if pd.kepala_nip and not sop.document.lintas_pd and pd.kepala_nama.strip().casefold() == nama.casefold():
        signer["nip"] = pd.kepala_nip
    return signer


@transaction.atomic
def approval_return(
    *,
    sop: Revision,
    actor: Any,
    notes: str = "",
    step_notes: dict[int, str] | None = None,
    loaded_version: int | None = None,
) -> Transition:
    sop = _locked(sop)
    rule = _check("approval_return", sop=sop, actor=actor, loaded_version=loaded_version)
    _require_notes(notes, step_notes)
    sop.verification_index = 0
    return _move(rule, sop=sop, actor=actor, notes=notes, step_notes=step_notes)


@transaction.atomic
def trial_record(
    *,
    sop: Revision,
    actor: Any,
    mulai: dt.date,
    selesai: dt.date,
    hasil: str,
    temuan: str = "",
    saksi: list[Any] | None = None,
    saksi_lain: str = "",
    step_notes: dict[int, str] | None = None,
    loaded_version: int | None = None,
) -> Trial:
    """The uji coba (Pasal 18 (3)-(5)): "lanjut" lets the SOP be approved; "perbaiki" returns it to the
    drafter with the findings as notes, as a verifier's return does."""
    sop = _locked(sop)
    rule = _check("trial_record", sop=sop, actor=actor, loaded_version=loaded_version)
    if hasil not in Trial.Hasil.values:
        raise DomainError(_("Pilih hasil uji coba: lanjut atau perbaiki."))
    if selesai < mulai:
        raise DomainError(_("Tanggal selesai uji coba tidak boleh sebelum tanggal mulainya."))
    if selesai > timezone.localdate():
        raise DomainError(
            _("Uji coba dicatat setelah selesai; tanggal selesai tidak boleh setelah hari ini.")
        )
    if not saksi and not saksi_lain.strip():
        raise DomainError(_("Sebutkan atasan yang menyaksikan uji coba."))
    if hasil == Trial.Hasil.PERBAIKI:
        _require_notes(temuan, step_notes)
        sop.verification_index = 0
        log = _move(
            _check("trial_return", sop=sop, actor=actor),
            sop=sop,
            actor=actor,
            notes=temuan,
            step_notes=step_notes,
        )
    else:
        log = _move(rule, sop=sop, actor=actor, notes=temuan)
    trial = Trial.objects.create(
        revision=sop,
        transition=log,
        mulai=mulai,
        selesai=selesai,
        saksi_lain=saksi_lain.strip(),
        temuan=temuan.strip(),
        hasil=hasil,
        by=actor,
    )
    trial.saksi.set(saksi or [])
    return trial


def nomor_next(*, document: SopDocument, tahun: int) -> str | None:
    """The next number from the PD's pattern, or None when the PD writes its numbers by hand (or its pattern,
    set around the checks, cannot number: without {urut}, every number would be the same)."""
    pd = document.pd
    if not pd.pola_nomor or numbering.validate_pattern(pd.pola_nomor):
        return None
    first = document.urut
    if first is None:
        first = _last_urut(pd=pd, tahun=tahun) + 1
    kode_unit = document.unit.kode_path if document.unit else ""
    for urut in range(first, first + NOMOR_TRIES):
        nomor = numbering.format_nomor(
            pd.pola_nomor,
            kode_pd=pd.kode,
            kode_unit=kode_unit,
            singkatan=pd.singkatan,
            urut=urut,
            tahun=tahun,
        )
        clash = SopDocument.objects.filter(nomor=nomor).exclude(pk=document.pk).exists()
        if not clash:
            document.urut = urut
            return nomor
    return None


def _last_urut(*, pd: Any, tahun: int) -> int:
    """The highest number the PD has given: in ``tahun`` alone when its counter restarts each year (read
    from the numbers themselves, so that numbers imported from earlier years count in their own year)."""
    numbered = SopDocument.objects.filter(pd=pd, urut__isnull=False)
    if not numbering.restarts_yearly(pd):
        return numbered.order_by("-urut").values_list("urut", flat=True).first() or 0
    this_year = [
        parsed[0]
        for nomor in numbered.exclude(nomor__isnull=True).values_list("nomor", flat=True)
        if (parsed := numbering.parse_nomor(pd.pola_nomor, nomor or "")) and parsed[1] == tahun
    ]
    return max(this_year, default=0)


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
    loaded_version: int | None = None,
) -> Transition:
    """Record the decree (Keputusan Kepala Daerah) and assign the SOP's number; in force from its date
    (at once when that date has come, otherwise by `sop_put_in_force_due` on the day)."""
    sop = _locked(sop)
    rule = _check("decree", sop=sop, actor=actor, loaded_version=loaded_version)
    if not keputusan_nomor.strip():
        raise DomainError(_("Nomor keputusan penetapan wajib diisi."))
    document = sop.document
    nomor = nomor.strip() or (nomor_next(document=document, tahun=keputusan_tanggal.year) or "")
    if not nomor:
        raise DomainError(_("Perangkat daerah ini tidak memiliki pola nomor: tuliskan nomor SOP."))
    if len(nomor) > numbering.NOMOR_MAX_LENGTH:
        raise DomainError(
            _("Nomor SOP terlalu panjang: %(length)s karakter, paling banyak %(max)s.")
            % {"length": len(nomor), "max": numbering.NOMOR_MAX_LENGTH}
        )
    if len(keputusan_nomor.strip()) > KEPUTUSAN_NOMOR_MAX_LENGTH:
        raise DomainError(
            _("Nomor keputusan terlalu panjang: %(length)s karakter, paling banyak %(max)s.")
            % {"length": len(keputusan_nomor.strip()), "max": KEPUTUSAN_NOMOR_MAX_LENGTH}
        )
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
    revision_set_fields(
        sop=sop,
        actor=actor,
        updates={"nomor": nomor, "tanggal_efektif": berlaku},
        action=RevisionEdit.Action.NUMBERED,
    )
    log = _move(rule, sop=sop, actor=actor, notes=notes or f"Keputusan {sop.keputusan_nomor}")
    # Its verification code and the logo of the day, which its official PDF prints from now on.
    official_document_ensure(revision=sop)
    # The decreed text is final: its downloads are drawn now, in the background, and the one who decreed
    # it follows that on "Pekerjaan saya".
    job_enqueue(
        user=actor,
        title=_("Menyiapkan berkas unduhan: %(nama)s") % {"nama": sop.nama or nomor},
        task=render_cache_warm,
        revision_id=sop.pk,
    )
    if berlaku <= timezone.localdate():
        _put_in_force(sop=sop, actor=actor, warm=False)
    # Last, so that a failure after the signed file is stored is as unlikely as can be.
    _official_pdf_sign(sop=sop)
    return log


def _official_pdf_sign(*, sop: Revision) -> None:
    """When the PD (or its Pemda, or the server's environment) has a certificate, the official PDF is drawn
    and signed now, and the signed file's SHA-256 is the one the verification page vouches for. A failure
    refuses the decree: the caller's transaction rolls everything back."""
    from sopap.core.errors import SopapError
    from sopap.web.authoring.cache import Unloadable, official_pdf_keep_signed
    from sopap.web.organisations.certificates import sign_bytes, signer_source

    pd = sop.document.pd
    source = signer_source(pemda=pd.pemda, pd=pd)
    if source is None:
        return
    reason = _("Penetapan SOP %(nomor)s dengan Keputusan %(keputusan)s") % {
        "nomor": sop.nomor or sop.document.nomor,
        "keputusan": sop.keputusan_nomor,
    }
    try:
        signer = source.signer()
        official_pdf_keep_signed(
            revision=sop,
            sign=lambda body: sign_bytes(body, source=source, reason=reason, signer=signer),
            signer=signer.identity.nama,
        )
    except (Unloadable, SopapError) as exc:
        message = exc.text_in(translation.get_language() or "id") if isinstance(exc, SopapError) else str(exc)
        raise DomainError(
            _("Penetapan tidak dicatat: PDF resmi tidak dapat dibuat: %(reason)s") % {"reason": message}
        ) from None
    except DomainError as exc:
        raise DomainError(_("Penetapan tidak dicatat: %(reason)s") % {"reason": exc.message}) from None


def _put_in_force(*, sop: Revision, actor: Any, warm: bool = True) -> Transition:
    document = sop.document
    log = _move(TRANSITIONS["in_force"], sop=sop, actor=actor)
    for old in document.revisions.select_for_update().filter(status=Status.BERLAKU).exclude(pk=sop.pk):
        _move(TRANSITIONS["supersede"], sop=old, actor=actor, notes=f"Digantikan revisi {sop.number}")
        catalog_remove(sop=old)
    document.in_force = sop
    document.save(update_fields=["in_force"])
    catalog_index(sop=sop)
    acknowledgements_ask(sop=sop)
    if warm:
        # Its files were drawn at the decree, unless the renderer changed since: then they are drawn anew.
        transaction.on_commit(lambda: render_cache_warm.enqueue(revision_id=sop.pk))
    return log


def actors_of(*, sop: Revision) -> list[str]:
    """The actors the revision's text names: its actor columns and every step's pelaksana."""
    from sopap.web.authoring.editor import data_from_text

    data = data_from_text(sop.yaml_text)
    names: list[str] = []
    for value in [
        data.get("pelaksana"),
        *(s.get("pelaksana") for s in data.get("langkah") or [] if isinstance(s, dict)),
    ]:
        names.extend(str(v) for v in (value if isinstance(value, list) else [value]) if v)
    return list(dict.fromkeys(names))


def acknowledgements_ask(*, sop: Revision) -> list[AcknowledgementRequest]:
    """Sosialisasi (Pasal 21 (d), 22): ask every account holding one of the revision's actor positions in
    its PD to read it and confirm. Asking again asks nobody twice."""
    holders = position_holders(pd=sop.document.pd, names=actors_of(sop=sop))
    asked = set(AcknowledgementRequest.objects.filter(revision=sop).values_list("user_id", flat=True))
    return AcknowledgementRequest.objects.bulk_create(
        [
            AcknowledgementRequest(revision=sop, user_id=user_id, jabatan=jabatan)
            for user_id, jabatan in holders.items()
            if user_id not in asked
        ]
    )


@transaction.atomic
def sop_acknowledge(*, sop: Revision, actor: Any) -> Acknowledgement:
    """``actor`` confirms having read the revision in force (sop.acknowledged); confirming again changes
    nothing. An officer of the PD who was not asked (their position came later) may confirm too, and is
    counted among those asked from then on."""
    sop = _locked(sop)
    refused = acknowledgement_refusal(sop=sop, user=actor)
    if refused is not None:
        raise refused
    done = Acknowledgement.objects.filter(revision=sop, user=actor).first()
    if done is not None:
        return done
    if not AcknowledgementRequest.objects.filter(revision=sop, user=actor).exists():
        jabatan = position_holders(pd=sop.document.pd, names=actors_of(sop=sop)).get(actor.pk, "")
        AcknowledgementRequest.objects.create(revision=sop, user=actor, jabatan=jabatan)
    try:
        with transaction.atomic():
            return Acknowledgement.objects.create(revision=sop, user=actor, action="sop.acknowledged")
    except IntegrityError:  # the same user's other request got there first
        return Acknowledgement.objects.get(revision=sop, user=actor)


@transaction.atomic
def sop_put_in_force(*, sop: Revision, actor: Any, loaded_version: int | None = None) -> Transition:
    sop = _locked(sop)
    _check("in_force", sop=sop, actor=actor, loaded_version=loaded_version)
    return _put_in_force(sop=sop, actor=actor)


def sop_put_in_force_due(*, today: dt.date | None = None) -> list[Revision]:
    """Put in force every decreed revision whose tanggal berlaku has come (the scheduled job's work).
    The transition is logged as done by whoever recorded the decree, who set that date."""
    today = today or timezone.localdate()
    done: list[Revision] = []
    due = Revision.objects.filter(status=Status.DITETAPKAN, tanggal_berlaku__lte=today).values_list(
        "pk", flat=True
    )
    for pk in list(due):
        try:
            with transaction.atomic():
                sop = _locked(Revision(pk=pk))
                if sop.status != Status.DITETAPKAN:
                    continue
                decree = (
                    sop.transitions.filter(action=TRANSITIONS["decree"].action).order_by("-at", "-id").first()
                )
                if decree is None:
                    continue
                _put_in_force(sop=sop, actor=decree.actor)
                done.append(sop)
        except (
            Exception
        ):  # one revision that cannot go into force must not hold back the others, day after day
            log.exception("putting revision %s in force failed", pk)
    return done


@transaction.atomic
def review_open(
    *,
    sop: Revision,
    actor: Any,
    notes: str = "",
    loaded_version: int | None = None,
    step_notes: dict[int, str] | None = None,
    by_evaluation: bool = False,
) -> Revision:
    """Kaji ulang: a new revision as a draft; the one in force stays Berlaku until the new one is. Opened by
    an evaluation (``by_evaluation``), the draft is the in-force revision's drafter's to write (the evaluator
    must stay free to verify or approve it) and carries the evaluation's findings as notes."""
    sop = _locked(sop)
    # The document row is locked and read again, so that of two Kaji ulang at once the second sees the
    # first one's draft as the head and is refused.
    sop.document = (
        SopDocument.objects.select_for_update(of=("self",))
        .select_related("pd__pemda", "unit")
        .get(pk=sop.document_id)
    )
    name = "review_by_evaluation" if by_evaluation else "review_open"
    rule = _check(name, sop=sop, actor=actor, loaded_version=loaded_version)
    if by_evaluation and sop.document.head_id != sop.pk:
        raise DomainError(_("Revisi baru untuk SOP ini sudah dibuka."))
    draft = revision_open(sop=sop, author=sop.author if by_evaluation else actor)
    log = Transition.objects.create(
        revision=draft,
        action=rule.action,
        from_status=Status.BERLAKU,
        to_status=Status.DRAF,
        actor=actor,
        notes=notes.strip() or f"Kaji ulang revisi {sop.number}",
    )
    for step, text in sorted((step_notes or {}).items()):
        if text and text.strip():
            StepNote.objects.create(transition=log, step=step, text=text.strip())
    return draft


@transaction.atomic
def revision_from_upload(
    *, document: SopDocument, actor: Any, raw: bytes, filename: str = "", loaded_version: int | None
) -> Revision:
    """An uploaded `.sop.yaml` of an SOP already in the PD, as its next revision rather than a second SOP:
    from the revision in force, a Kaji ulang opened with the file's content; into the draft revision already
    open, the file's content as its next version (the earlier one stays in the edit log). ``loaded_version``
    is the version of the SOP's latest revision when the user was shown the match."""
    data = uploaded_data(raw=raw, filename=filename or None)
    if document.head_id is None:
        raise DomainError(_("SOP ini belum memiliki revisi."))
    head = _locked(Revision(pk=document.head_id))
    if head.status == Status.BERLAKU:
        draft = review_open(
            sop=head,
            actor=actor,
            notes=f"Kaji ulang revisi {head.number}, dari berkas {filename}".strip(", "),
            loaded_version=loaded_version,
        )
        loaded_version = draft.version
    elif head.status == Status.DRAF:
        draft = head
    else:
        raise DomainError(
            _(
                "SOP ini sedang berstatus %(status)s; revisi baru baru dapat dibuka setelah ia berlaku. "
                "Berkas Anda tidak diunggah."
            )
            % {"status": head.get_status_display()}
        )
    return revision_update(
        sop=draft, actor=actor, data=data, loaded_version=loaded_version, action=RevisionEdit.Action.IMPORTED
    )


@transaction.atomic
def sop_draft_delete(
    *, sop: Revision, actor: Any, notes: str = "", loaded_version: int | None = None
) -> Transition:
    """The author deletes a first draft nobody has been asked to look at. The rows stay (the edit log is
    append-only) with the status Dihapus, which every list and page leaves out."""
    sop = _locked(sop)
    rule = _check("delete", sop=sop, actor=actor, loaded_version=loaded_version)
    return _move(rule, sop=sop, actor=actor, notes=notes)


@transaction.atomic
def sop_withdraw(
    *, sop: Revision, actor: Any, notes: str = "", loaded_version: int | None = None
) -> Transition:
    sop = _locked(sop)
    rule = _check("withdraw", sop=sop, actor=actor, loaded_version=loaded_version)
    if not notes.strip():
        raise DomainError(_("Tuliskan alasan pencabutan."))
    log = _move(rule, sop=sop, actor=actor, notes=notes)
    _proposals_close(sop=sop, actor=actor, state=WithdrawalProposal.State.DONE, resolution=notes)
    document = sop.document
    if document.in_force_id == sop.pk:
        document.in_force = None
        document.save(update_fields=["in_force"])
    catalog_remove(sop=sop, reason=notes)
    return log


def _proposals_close(*, sop: Revision, actor: Any, state: str, resolution: str) -> None:
    sop.withdrawal_proposals.filter(state=WithdrawalProposal.State.OPEN).update(
        state=state, resolved_by=actor, resolved_at=timezone.now(), resolution=resolution.strip()
    )


@transaction.atomic
def withdrawal_propose(*, sop: Revision, actor: Any, source: str, reason: str) -> WithdrawalProposal:
    """An evaluation recommending "dicabut" proposes the withdrawal to the admin organisasi (Pasal 25 (2)).
    One proposal waits at a time: a second one adds nothing the admin must decide."""
    sop = _locked(sop)
    rule = _check("withdrawal_propose", sop=sop, actor=actor)
    waiting = sop.withdrawal_proposals.filter(state=WithdrawalProposal.State.OPEN).first()
    if waiting is not None:
        return waiting
    _move(rule, sop=sop, actor=actor, notes=f"{source}: {reason.strip()}")
    return WithdrawalProposal.objects.create(
        revision=sop, source=source, reason=reason.strip(), proposed_by=actor
    )


@transaction.atomic
def withdrawal_dismiss(
    *, sop: Revision, actor: Any, notes: str = "", loaded_version: int | None = None
) -> Transition:
    """The admin keeps the SOP in force, saying why."""
    sop = _locked(sop)
    rule = _check("withdrawal_dismiss", sop=sop, actor=actor, loaded_version=loaded_version)
    if not notes.strip():
        raise DomainError(_("Tuliskan alasan usulan pencabutan ditolak."))
    log = _move(rule, sop=sop, actor=actor, notes=notes)
    _proposals_close(sop=sop, actor=actor, state=WithdrawalProposal.State.DISMISSED, resolution=notes)
    return log
