"""Writes for monitoring: a monitoring of an SOP in force, a review that changed nothing, the yearly evaluation."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from sopap.web.authoring.models import SopDocument
from sopap.web.monitoring.models import (
    CRITERIA,
    Evaluation,
    EvaluationEntry,
    Monitoring,
    Penilaian,
    Rekomendasi,
    Review,
)
from sopap.web.monitoring.selectors import (
    can_record,
    evaluation_version,
    revision_in_force_on,
    revision_of_year,
)
from sopap.web.shared.errors import DomainError, PermissionDenied, StaleVersion
from sopap.web.shared.status import Status

# Said by the services and by the views that refuse a write before calling them.
NOT_A_RECORDER = gettext_lazy(
    "Monitoring dan evaluasi dicatat oleh atasan di perangkat daerah ini atau admin organisasi."
)


def _require_recorder(*, actor: Any, document: SopDocument) -> None:
    if not can_record(user=actor, document=document):
        raise PermissionDenied(str(NOT_A_RECORDER))


def _in_force_on(*, document: SopDocument, day: dt.date) -> Any:
    """The revision in force on ``day``, which a monitoring or a review of that day belongs to."""
    if day > timezone.localdate():
        raise DomainError(_("Tanggal tidak boleh setelah hari ini."))
    revision = revision_in_force_on(document=document, day=day)
    if revision is None:
        raise DomainError(
            _(
                "Pada %(tanggal)s SOP ini tidak berlaku; hanya SOP yang berlaku yang dimonitor dan dikaji ulang."
            )
            % {"tanggal": date_format(day, "j F Y")}
        )
    return revision


@transaction.atomic
def monitoring_record(
    *,
    actor: Any,
    document: SopDocument,
    tanggal: dt.date,
    cara: str,
    penilaian: str,
    catatan: str = "",
    tindakan: str = "",
) -> Monitoring:
    _require_recorder(actor=actor, document=document)
    revision = _in_force_on(document=document, day=tanggal)
    if penilaian == Penilaian.TIDAK_BAIK and not tindakan.strip():
        raise DomainError(_("Tuliskan tindakan yang harus diambil bila SOP tidak berjalan dengan baik."))
    return Monitoring.objects.create(
        document=document,
        revision=revision,
        tanggal=tanggal,
        cara=cara,
        penilaian=penilaian,
        catatan=catatan.strip(),
        tindakan=tindakan.strip(),
        by=actor,
    )


@transaction.atomic
def review_record(*, actor: Any, document: SopDocument, tanggal: dt.date, catatan: str) -> Review:
    """A kaji ulang that found the SOP right as it is (Pasal 27): the next one falls due two years later."""
    _require_recorder(actor=actor, document=document)
    revision = _in_force_on(document=document, day=tanggal)
    if not catatan.strip():
        raise DomainError(_("Tuliskan siapa yang mengkaji ulang dan apa kesimpulannya."))
    return Review.objects.create(
        document=document, revision=revision, tanggal=tanggal, catatan=catatan.strip(), by=actor
    )


@transaction.atomic
def evaluation_record(
    *,
    actor: Any,
    document: SopDocument,
    tahun: int,
    answers: dict[str, bool],
    rekomendasi: str,
    catatan: str = "",
    step_notes: dict[int, str] | None = None,
    loaded_version: int | None = None,
) -> Evaluation:
    """The year's evaluation (Pasal 25: at the end of every year); recording it again corrects it.
    ``step_notes`` are findings on single steps (step number -> text). ``loaded_version`` is the
    :func:`~sopap.web.monitoring.selectors.evaluation_version` the form was loaded at: a recording made in
    the meantime by someone else refuses this one (None: a script that read nothing)."""
    _require_recorder(actor=actor, document=document)
    # The document's row serialises two recorders of one year, even when neither finds an evaluation yet.
    SopDocument.objects.select_for_update().filter(pk=document.pk).first()
    current = evaluation_version(document=document, tahun=tahun)
    if loaded_version is not None and loaded_version != current:
        raise StaleVersion(
            _(
                "Evaluasi tahun %(tahun)s sudah dicatat orang lain sejak halaman ini dibuka. Isian Anda "
                "masih di layar: periksa evaluasi yang tersimpan di halaman SOP, lalu simpan lagi bila "
                "tetap ingin menggantinya."
            )
            % {"tahun": tahun},
            current_version=current,
            loaded_version=loaded_version,
        )
    today = timezone.localdate()
    if tahun > today.year:
        raise DomainError(_("Evaluasi tahun %(tahun)s belum dapat dicatat.") % {"tahun": tahun})
    revision = revision_of_year(document=document, tahun=tahun, today=today)
    if revision is None:
        raise DomainError(_("SOP ini tidak berlaku pada tahun %(tahun)s.") % {"tahun": tahun})
    missing = [str(label) for key, label in CRITERIA if key not in answers]
    if missing:
        raise DomainError(_("Jawab setiap kriteria: %(missing)s.") % {"missing": "; ".join(missing)})
    kept_notes = {str(n): t.strip() for n, t in sorted((step_notes or {}).items()) if t and t.strip()}
    if rekomendasi != Rekomendasi.TETAP and not catatan.strip() and not kept_notes:
        raise DomainError(_("Tuliskan catatan: apa yang perlu disempurnakan atau mengapa dicabut."))
    evaluation, created = Evaluation.objects.update_or_create(
        document=document,
        tahun=tahun,
        defaults={
            "revision": revision,
            "answers": {key: bool(answers[key]) for key, _label in CRITERIA},
            "rekomendasi": rekomendasi,
            "catatan": catatan.strip(),
            "catatan_langkah": kept_notes,
            "by": actor,
        },
    )
    entry = EvaluationEntry.objects.create(
        evaluation=evaluation,
        action="evaluation.recorded" if created else "evaluation.corrected",
        by=actor,
        answers=evaluation.answers,
        rekomendasi=evaluation.rekomendasi,
        catatan=evaluation.catatan,
    )
    _consequence(evaluation=evaluation, entry=entry, actor=actor)
    return evaluation


def _consequence(*, evaluation: Evaluation, entry: EvaluationEntry, actor: Any) -> None:
    """Pasal 25 (2): the evaluation is the material for improving the SOP. "Disempurnakan" opens the Kaji
    ulang with the findings as the new draft's notes; "dicabut" proposes the withdrawal to the admin. Only for
    the revision still in force and with nothing already open (a correction does not open a second draft)."""
    from sopap.web.workflow import services as wf

    revision = evaluation.revision
    document = evaluation.document
    if revision.status != Status.BERLAKU or document.in_force_id != revision.pk:
        return
    source = _("Evaluasi tahun %(tahun)s") % {"tahun": evaluation.tahun}
    if evaluation.rekomendasi == Rekomendasi.DISEMPURNAKAN and document.head_id == revision.pk:
        wf.review_open(
            sop=revision,
            actor=actor,
            notes=f"{source}: {evaluation.catatan}" if evaluation.catatan else str(source),
            step_notes={int(n): text for n, text in evaluation.catatan_langkah.items()},
            by_evaluation=True,
        )
        action = "evaluation.review_opened"
    elif evaluation.rekomendasi == Rekomendasi.DICABUT:
        wf.withdrawal_propose(sop=revision, actor=actor, source=source, reason=evaluation.catatan)
        action = "evaluation.withdrawal_proposed"
    else:
        return
    EvaluationEntry.objects.create(
        evaluation=evaluation,
        action=action,
        by=actor,
        answers=entry.answers,
        rekomendasi=entry.rekomendasi,
        catatan=entry.catatan,
    )
