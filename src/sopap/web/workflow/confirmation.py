"""What "Sahkan" and "Catat penetapan" will sign or decree, shown on a page of its own before it happens:
the first POST of either brings this summary, the second (with `confirm=1`, from the summary's form)
does it. A plain form round trip, so that it works without JavaScript; the summary's form carries the
version the user saw and everything they typed, so that the version check and their notes survive it."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext as _

from sopap.web.authoring.editor import data_from_text
from sopap.web.authoring.models import Revision
from sopap.web.shared.errors import DomainError
from sopap.web.workflow.services import nomor_next, signer_of

CONFIRMED = frozenset({"approve", "decree"})
# What the summary's form sends back with confirm=1, as the user typed it.
CARRIED = ("versi", "catatan", "keputusan_nomor", "keputusan_tanggal", "tanggal_berlaku", "nomor")


@dataclass
class Summary:
    action: str
    revision: Revision
    nama: str
    nomor: str
    signer: dict[str, str]
    keputusan_nomor: str = ""
    keputusan_tanggal: dt.date | None = None
    tanggal_berlaku: dt.date | None = None
    in_force_now: bool = False
    notes: str = ""
    carried: list[tuple[str, str]] = field(default_factory=list)


def parse_date(value: str) -> dt.date | None:
    value = (value or "").strip()
    if not value:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise DomainError(_("Tanggal tidak sah: %(value)s") % {"value": value}) from None


def next_nomor_preview(revision: Revision, *, tahun: int) -> str:
    """The number the decree would give, without taking it (nomor_next sets the document's urut)."""
    document = revision.document
    urut_before = document.urut
    try:
        return nomor_next(document=document, tahun=tahun) or ""
    finally:
        document.urut = urut_before


def summary_of(*, revision: Revision, action: str, post: Any, user: Any) -> Summary:
    """The summary of ``action`` as the user filled it in; refused (DomainError) when the decree's form
    cannot be decreed as it stands, so that the user corrects it before confirming."""
    data = data_from_text(revision.yaml_text)
    carried = [(key, post.get(key, "")) for key in CARRIED if post.get(key, "")]
    notes = post.get("catatan", "").strip()
    nama = revision.nama or str(data.get("nama") or "")
    if action == "approve":
        return Summary(
            action=action,
            revision=revision,
            nama=nama,
            nomor=revision.nomor,
            signer=signer_of(sop=revision, approver=user),
            notes=notes,
            carried=carried,
        )
    keputusan_nomor = post.get("keputusan_nomor", "").strip()
    if not keputusan_nomor:
        raise DomainError(_("Nomor keputusan penetapan wajib diisi."))
    keputusan_tanggal = parse_date(post.get("keputusan_tanggal", "")) or timezone.localdate()
    berlaku = parse_date(post.get("tanggal_berlaku", "")) or keputusan_tanggal
    nomor = post.get("nomor", "").strip() or next_nomor_preview(revision, tahun=keputusan_tanggal.year)
    if not nomor:
        raise DomainError(_("Perangkat daerah ini tidak memiliki pola nomor: tuliskan nomor SOP."))
    signer = data.get("disahkan_oleh")
    return Summary(
        action=action,
        revision=revision,
        nama=nama,
        nomor=nomor,
        signer={k: str(v) for k, v in signer.items()} if isinstance(signer, dict) else {},
        keputusan_nomor=keputusan_nomor,
        keputusan_tanggal=keputusan_tanggal,
        tanggal_berlaku=berlaku,
        in_force_now=berlaku <= timezone.localdate(),
        notes=notes,
        carried=carried,
    )
