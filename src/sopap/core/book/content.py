"""A Buku SOP resolved: its settings with every unset value taken from its SOPs, the SOPs in unit order,
and the legal basis gathered from the SOPs without repeats. Both the PDF and the DOCX writer draw from
this, so they say the same thing."""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from sopap.core.book.settings import BukuSOP, Keputusan, Penandatangan, UnitOrganisasi
from sopap.core.errors import SopapError
from sopap.core.i18n import Text
from sopap.core.model import SOP

ORDINALS = (
    "KESATU",
    "KEDUA",
    "KETIGA",
    "KEEMPAT",
    "KELIMA",
    "KEENAM",
    "KETUJUH",
    "KEDELAPAN",
    "KESEMBILAN",
    "KESEPULUH",
)


class BookError(SopapError):
    """The book cannot be made: no SOPs, a setting that does not fit, a logo that cannot be read."""


@dataclass(frozen=True)
class Diktum:
    label: str
    text: str


@dataclass(frozen=True)
class ResolvedKeputusan:
    jabatan: str
    """The office that decrees, in capitals as the heading prints it (no Plt.)."""
    nomor: str | None
    tanggal: dt.date | None
    tempat: str
    tentang: str
    menimbang: tuple[str, ...]
    mengingat: tuple[str, ...]
    diktum: tuple[Diktum, ...]
    tembusan: tuple[str, ...]
    penandatangan: Penandatangan
    sops: tuple[SOP, ...]


@dataclass(frozen=True)
class Book:
    settings: BukuSOP
    judul: str | None
    tahun: int
    pemerintah: str
    perangkat_daerah: str
    tempat: str
    tanggal: dt.date | None
    kata_pengantar: tuple[str, ...]
    penandatangan: Penandatangan
    latar_belakang: tuple[str, ...]
    ruang_lingkup: tuple[str, ...]
    struktur: tuple[UnitOrganisasi, ...]
    landasan_hukum: tuple[str, ...]
    maksud: tuple[str, ...]
    tujuan: tuple[str, ...]
    manfaat: tuple[str, ...]
    penutup: tuple[str, ...]
    sops: tuple[SOP, ...]
    keputusan: ResolvedKeputusan

    def unit_of(self, sop: SOP) -> str:
        """The unit an SOP is listed under: its innermost unit, else the PD."""
        return sop.unit[-1] if sop.unit else self.perangkat_daerah


def _most_common(values: Iterable[str | None]) -> str | None:
    counts = Counter(v for v in values if v)
    return counts.most_common(1)[0][0] if counts else None


_PEMERINTAH = re.compile(r"^pemerintah\s+", re.IGNORECASE)
_ACTING = re.compile(r"^(?:plt|plh|pj|pjs)\.?\s+", re.IGNORECASE)


def wilayah_of(pemerintah: str) -> str:
    """ "Pemerintah Kota Serang" -> "Kota Serang"."""
    return _PEMERINTAH.sub("", pemerintah).strip()


def _town(pemerintah: str) -> str:
    """The town a Pemda signs in when none is configured: "Kota Serang" -> "Serang"."""
    return re.sub(r"^(?:kota|kabupaten|provinsi)\s+", "", wilayah_of(pemerintah), flags=re.IGNORECASE)


def _normal(text: str) -> str:
    """A regulation's text reduced for comparison: case, spaces, "No." and the closing punctuation."""
    text = re.sub(r"\bno\.?\s*(?=\d)", "nomor ", text.lower())
    return re.sub(r"[\s;.,:]+", " ", text).strip()


def _end(text: str, mark: str) -> str:
    return text.rstrip(" ;.,") + mark


def merge_regulations(configured: Sequence[str], sops: Sequence[SOP], *, from_sops: bool) -> tuple[str, ...]:
    """The configured regulations, then every other one the SOPs cite, each once, in order of first
    mention; as a list in the Keputusan, each but the last ends in ";", the last in "."."""
    seen: set[str] = set()
    out: list[str] = []
    cited = [text for sop in sops for text in sop.dasar_hukum] if from_sops else []
    for text in [*configured, *cited]:
        key = _normal(text)
        if key and key not in seen:
            seen.add(key)
            out.append(text.strip().rstrip(" ;.,"))
    return tuple(_end(t, ";" if i < len(out) - 1 else ".") for i, t in enumerate(out))


def _unit_positions(units: Sequence[UnitOrganisasi]) -> dict[str, int]:
    """Each unit's place in the structure, depth first, by lower-cased name."""
    positions: dict[str, int] = {}

    def walk(nodes: Sequence[UnitOrganisasi]) -> None:
        for node in nodes:
            positions.setdefault(node.nama.casefold(), len(positions))
            walk(node.unit)

    walk(units)
    return positions


def _natural(text: str | None) -> tuple[object, ...]:
    """ "12.01.9.2019" before "12.01.10.2019"."""
    return tuple(int(p) if p.isdigit() else p for p in re.split(r"(\d+)", text or "") if p)


def order_sops(sops: Sequence[SOP], structure: Sequence[UnitOrganisasi] = ()) -> list[SOP]:
    """The SOPs in unit order: by the units' place in the structure when one is given (else by name),
    within a unit by number, then name."""
    positions = _unit_positions(structure)
    far = len(positions)

    def key(sop: SOP) -> tuple[object, ...]:
        path = tuple((positions.get(u.casefold(), far), u.casefold()) for u in sop.unit)
        return (path, _natural(sop.nomor), sop.nama.casefold())

    return sorted(sops, key=key)


def _fill(texts: Iterable[str], values: dict[str, str]) -> tuple[str, ...]:
    out = []
    for text in texts:
        for name, value in values.items():
            text = text.replace("{" + name + "}", value)
        out.append(text)
    return tuple(out)


def _signer(configured: Penandatangan | None, sops: Sequence[SOP]) -> Penandatangan:
    """The configured signer, each missing field taken from the SOPs' most frequent approver."""
    signers = [s.disahkan_oleh for s in sops if s.disahkan_oleh]
    found = Penandatangan(
        jabatan=_most_common(s.jabatan for s in signers),
        nama=_most_common(s.nama for s in signers),
        nip=_most_common(s.nip for s in signers),
    )
    if configured is None:
        return found
    return Penandatangan(
        jabatan=configured.jabatan or found.jabatan,
        nama=configured.nama or found.nama,
        pangkat=configured.pangkat,
        nip=configured.nip or found.nip,
    )


def resolve_book(sops: Sequence[SOP], settings: BukuSOP | None = None) -> Book:
    """The book of ``sops`` with ``settings``: every unset value from the SOPs or the seeds' wording."""
    settings = settings or BukuSOP()
    if not sops:
        raise BookError(Text("tidak ada SOP untuk dibukukan"))
    pd = settings.perangkat_daerah or _most_common(s.instansi for s in sops) or ""
    pemerintah = settings.pemerintah or _most_common(s.pemerintah for s in sops) or ""
    dates = [d for s in sops for d in (s.tanggal_efektif, s.tanggal_pembuatan) if d]
    tahun = settings.tahun or (max(dates).year if dates else dt.date.today().year)
    tempat = settings.tempat or _town(pemerintah) or pd
    signer = _signer(settings.penandatangan, sops)
    values = {
        "perangkat_daerah": pd,
        "pemerintah": pemerintah,
        "wilayah": wilayah_of(pemerintah),
        "tahun": str(tahun),
    }
    ordered = tuple(order_sops(sops, settings.pendahuluan.struktur_organisasi))
    intro = settings.pendahuluan
    keputusan = _resolve_keputusan(settings.keputusan, ordered, signer, tempat, values, pd, tahun)
    tanggal = settings.tanggal or keputusan.tanggal
    return Book(
        settings=settings,
        judul=settings.judul,
        tahun=tahun,
        pemerintah=pemerintah,
        perangkat_daerah=pd,
        tempat=tempat,
        tanggal=tanggal,
        kata_pengantar=_fill(settings.kata_pengantar, values),
        penandatangan=signer,
        latar_belakang=_fill(intro.latar_belakang, values),
        ruang_lingkup=_fill(intro.ruang_lingkup, values),
        struktur=tuple(intro.struktur_organisasi),
        landasan_hukum=merge_regulations(
            _fill(intro.landasan_hukum, values), ordered, from_sops=intro.landasan_dari_sop
        ),
        maksud=_fill(intro.maksud, values),
        tujuan=_fill(intro.tujuan, values),
        manfaat=_fill(intro.manfaat, values),
        penutup=_fill(settings.penutup, values),
        sops=ordered,
        keputusan=keputusan,
    )


def _resolve_keputusan(
    settings: Keputusan,
    sops: Sequence[SOP],
    book_signer: Penandatangan,
    tempat: str,
    values: dict[str, str],
    pd: str,
    tahun: int,
) -> ResolvedKeputusan:
    signer = _signer(settings.penandatangan, []) if settings.penandatangan else book_signer
    if settings.penandatangan and not settings.penandatangan.jabatan:
        signer = Penandatangan(**{**signer.model_dump(), "jabatan": book_signer.jabatan})
    jabatan = settings.jabatan or _ACTING.sub("", signer.jabatan or "") or f"Kepala {pd}"
    values = {**values, "jabatan": jabatan}
    tentang = settings.tentang or f"Penetapan Standar Operasional Prosedur pada {pd} Tahun {tahun}"
    if settings.memutuskan:
        texts = _fill(settings.memutuskan, values)
    else:
        berlaku = (
            f"Keputusan ini mulai berlaku pada tanggal {_date(settings.berlaku)}."
            if settings.berlaku and settings.berlaku != settings.tanggal
            else "Keputusan ini mulai berlaku pada tanggal ditetapkan."
        )
        texts = (
            f"Menetapkan Standar Operasional Prosedur pada {pd} Tahun {tahun}, sebagaimana tercantum dalam "
            "Lampiran yang merupakan bagian tidak terpisahkan dari Keputusan ini.",
            "Standar Operasional Prosedur sebagaimana dimaksud dalam Diktum KESATU menjadi pedoman bagi "
            f"seluruh aparatur {pd} dalam melaksanakan tugas dan fungsinya, dan dikaji ulang paling sedikit "
            "sekali dalam 2 (dua) tahun.",
            berlaku,
        )
    if len(texts) > len(ORDINALS):
        raise BookError(
            Text("paling banyak {count} diktum", count=len(ORDINALS)), path="keputusan.memutuskan"
        )
    return ResolvedKeputusan(
        jabatan=jabatan.upper(),
        nomor=settings.nomor,
        tanggal=settings.tanggal,
        tempat=settings.tempat or tempat,
        tentang=tentang.upper(),
        menimbang=_fill(settings.menimbang, values),
        mengingat=merge_regulations(
            _fill(settings.mengingat, values), sops, from_sops=settings.mengingat_dari_sop
        ),
        diktum=tuple(Diktum(ORDINALS[i], t) for i, t in enumerate(texts)),
        tembusan=_fill(settings.tembusan, values),
        penandatangan=signer,
        sops=tuple(sops),
    )


def _date(value: dt.date) -> str:
    from sopap.core.dates import format_date

    return format_date(value, "id")
