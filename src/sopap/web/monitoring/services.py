"""Writes for monitoring: record a monitoring of an SOP in force, record (or correct) its yearly evaluation."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from sopap.web.authoring.models import SopDocument
from sopap.web.monitoring.models import CRITERIA, Evaluation, Monitoring, Penilaian, Rekomendasi
from sopap.web.monitoring.selectors import can_record
from sopap.web.organisations.errors import DomainError, PermissionDenied


def _in_force(*, actor: Any, document: SopDocument) -> Any:
    if not can_record(user=actor, document=document):
        raise PermissionDenied(
            _("Monitoring dan evaluasi dicatat oleh atasan di perangkat daerah ini atau admin organisasi.")
        )
    revision = document.in_force
    if revision is None:
        raise DomainError(_("Hanya SOP yang berlaku yang dimonitor dan dievaluasi."))
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
    revision = _in_force(actor=actor, document=document)
    today = timezone.localdate()
    if tanggal > today:
        raise DomainError(_("Tanggal monitoring tidak boleh setelah hari ini."))
    if revision.tanggal_berlaku and tanggal < revision.tanggal_berlaku:
        raise DomainError(
            _("SOP ini baru berlaku sejak %(tanggal)s; tanggal monitoring tidak boleh sebelumnya.")
            % {"tanggal": revision.tanggal_berlaku.isoformat()}
        )
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
def evaluation_record(
    *,
    actor: Any,
    document: SopDocument,
    tahun: int,
    answers: dict[str, bool],
    rekomendasi: str,
    catatan: str = "",
) -> Evaluation:
    """The year's evaluation (Pasal 25: at the end of every year); recording it again corrects it."""
    revision = _in_force(actor=actor, document=document)
    today = timezone.localdate()
    if tahun > today.year:
        raise DomainError(_("Evaluasi tahun %(tahun)s belum dapat dicatat.") % {"tahun": tahun})
    if revision.tanggal_berlaku and tahun < revision.tanggal_berlaku.year:
        raise DomainError(
            _("SOP ini baru berlaku pada tahun %(tahun)s.") % {"tahun": revision.tanggal_berlaku.year}
        )
    missing = [str(label) for key, label in CRITERIA if key not in answers]
    if missing:
        raise DomainError(_("Jawab setiap kriteria: %(missing)s.") % {"missing": "; ".join(missing)})
    if rekomendasi != Rekomendasi.TETAP and not catatan.strip():
        raise DomainError(_("Tuliskan catatan: apa yang perlu disempurnakan atau mengapa dicabut."))
    evaluation, _created = Evaluation.objects.update_or_create(
        document=document,
        tahun=tahun,
        defaults={
            "revision": revision,
            "answers": {key: bool(answers[key]) for key, _label in CRITERIA},
            "rekomendasi": rekomendasi,
            "catatan": catatan.strip(),
            "by": actor,
        },
    )
    return evaluation
