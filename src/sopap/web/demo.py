"""Demo data: the example organisations and SOPs, in several workflow states, and one user per role.

Everything goes through the services, so the demo's history is real. Idempotent: SOPs are loaded once.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from django.db import transaction
from django.utils import timezone

from sopap.core.organisation_files import read_org_path
from sopap.core.sopfile import parse_text
from sopap.web.authoring.models import SopDocument
from sopap.web.authoring.services import sop_create
from sopap.web.organisations.models import Jabatan, Pemda, PerangkatDaerah, Role, Unit
from sopap.web.organisations.services import (
    membership_create,
    organisation_import,
    user_create,
    verification_chain_set,
)
from sopap.web.workflow import services as wf


def examples_dir() -> Path:
    """The repository's `examples/`, or the copy shipped in the package (`sopap/demo_data/`)."""
    repo = Path(__file__).resolve().parents[3] / "examples"
    if (repo / "organisasi").is_dir():
        return repo
    packaged = Path(str(resources.files("sopap") / "demo_data"))
    if (packaged / "organisasi").is_dir():
        return packaged
    raise FileNotFoundError(f"example data not found: neither {repo} nor {packaged} exists")


@dataclass(frozen=True)
class DemoUser:
    username: str
    password: str
    role: str
    description: str


SERANG_PD = "Dinas Komunikasi dan Informatika Kota Serang"
CHAIN = ["Kepala Sub Bagian Program, Evaluasi dan Pelaporan", "Sekretaris"]

USERS = [
    DemoUser(
        "penyusun", "sopap-penyusun", Role.PENYUSUN, "Penyusun, Sub Bagian Program, Evaluasi dan Pelaporan"
    ),
    DemoUser("verifikator1", "sopap-verifikator1", Role.VERIFIKATOR, "Verifikator tahap 1: " + CHAIN[0]),
    DemoUser("verifikator2", "sopap-verifikator2", Role.VERIFIKATOR, "Verifikator tahap 2: " + CHAIN[1]),
    DemoUser("kepala", "sopap-kepala", Role.PENGESAH, "Pengesah: Kepala Dinas"),
    DemoUser(
        "sekda", "sopap-sekda", Role.PENGESAH, "Pengesah SOP lintas perangkat daerah: Sekretaris Daerah"
    ),
    DemoUser("admin", "sopap-admin", Role.ADMIN, "Admin organisasi: Bagian Organisasi Setda"),
    DemoUser("auditor", "sopap-auditor", Role.AUDITOR, "Auditor (hanya baca)"),
    # Asked to read and confirm the SOPs in force whose actors include their position (Pasal 22).
    DemoUser("pegawai", "sopap-pegawai", Role.PEGAWAI, "Pegawai: Bendahara Pengeluaran"),
]

# Example file number -> state it is put in. The others are Berlaku.
STATES = {"41": "uji_coba", "42": "diajukan", "43": "draf", "44": "draf"}


def _unit_by_path(pd: PerangkatDaerah, path: list[str]) -> Unit | None:
    parent: Unit | None = None
    for name in path:
        found = Unit.objects.filter(pd=pd, parent=parent, nama__iexact=name).first()
        if found is None:
            return parent
        parent = found
    return parent


def setup_users(pd: PerangkatDaerah) -> dict[str, object]:
    users: dict[str, object] = {}
    pemda = pd.pemda
    for spec in USERS:
        # The head signs what they approve, so the demo's head carries the name the PD records for its head.
        full_name = (pd.kepala_nama if spec.username == "kepala" else "") or spec.description.split(":")[0]
        user = user_create(username=spec.username, password=spec.password, full_name=full_name)
        users[spec.username] = user
        if spec.username == "penyusun":
            unit = Unit.objects.filter(pd=pd, nama="Sub Bagian Program, Evaluasi dan Pelaporan").first()
            membership_create(user=user, role=Role.PENYUSUN, pd=pd, unit=unit)
        elif spec.username.startswith("verifikator"):
            jabatan = Jabatan.objects.get(pd=pd, nama=CHAIN[int(spec.username[-1]) - 1])
            membership_create(user=user, role=Role.VERIFIKATOR, pd=pd, unit=jabatan.unit, jabatan=jabatan)
        elif spec.username == "kepala":
            membership_create(
                user=user,
                role=Role.PENGESAH,
                pd=pd,
                jabatan=Jabatan.objects.filter(pd=pd, nama="Kepala OPD").first(),
            )
        elif spec.username == "pegawai":
            jabatan = Jabatan.objects.get(pd=pd, nama="Bendahara Pengeluaran")
            unit = Unit.objects.filter(pd=pd, nama="Sub Bagian Keuangan").first()
            membership_create(user=user, role=Role.PEGAWAI, pd=pd, unit=unit, jabatan=jabatan)
        else:
            membership_create(user=user, role=spec.role, pemda=pemda)
    return users


@transaction.atomic
def setup(*, base: Path | None = None) -> list[DemoUser]:
    base = base or examples_dir()
    for path in sorted((base / "organisasi").glob("*.org.yaml")):
        organisation_import(source=read_org_path(path))
    pd = PerangkatDaerah.objects.get(nama=SERANG_PD)
    verification_chain_set(pd=pd, jabatan=[Jabatan.objects.get(pd=pd, nama=n) for n in CHAIN])
    users = setup_users(pd)
    if not SopDocument.objects.filter(pd=pd).exists():
        for path in sorted((base / "serang").glob("*.sop.yaml")):
            _load_example(path, pd=pd, users=users)
        _monitor_examples(pd=pd, users=users)
        _inventory_examples(pd=pd, users=users)
    return USERS


# Needs of the Sub Bagian Program the examples do not cover yet (examples, not from the sources).
_INVENTORY_OPEN = (
    ("Menyusun rencana anggaran perubahan", "Dokumen RKA Perubahan", "Penyusunan"),
    ("Mengelola pengaduan layanan informasi publik", "Laporan pengaduan", "Pengelolaan"),
    ("Memutakhirkan data aplikasi SAKIP", "Data kinerja terbarui", "Pemutakhiran"),
)


def _inventory_examples(*, pd: PerangkatDaerah, users: dict[str, object]) -> None:
    """The inventory of the demo PD: an entry for every example SOP, linked to it, and a few still to be
    written, so /inventaris/ and the dashboard's coverage have something to show."""
    from sopap.web.inventory.services import entry_create, entry_link

    drafter = users["penyusun"]
    for document in SopDocument.objects.filter(pd=pd).select_related("head", "unit").order_by("pk"):
        head = document.head
        if head is None:
            continue
        entry = entry_create(
            actor=drafter, pd=pd, unit=document.unit, values={"kegiatan": head.nama, "judul": head.nama}
        )
        entry_link(actor=drafter, entry=entry, loaded_version=entry.version, document=document)
    unit = _unit_by_path(pd, ["Sekretariat", "Sub Bagian Program, Evaluasi dan Pelaporan"])
    for kegiatan, output, aspek in _INVENTORY_OPEN:
        entry_create(
            actor=drafter, pd=pd, unit=unit, values={"kegiatan": kegiatan, "output": output, "aspek": aspek}
        )


def _monitor_examples(*, pd: PerangkatDaerah, users: dict[str, object]) -> None:
    """A few monitorings this semester and last year's evaluation of one SOP, so the monitoring page and
    the semester report have something to show (the texts are examples, not from the sources)."""
    from django.utils import timezone

    from sopap.web.monitoring.models import CRITERIA, Cara, Penilaian, Rekomendasi
    from sopap.web.monitoring.selectors import Periode
    from sopap.web.monitoring.services import evaluation_record, monitoring_record

    today = timezone.localdate()
    start, _end = Periode.containing("semester", today).bounds
    documents = list(SopDocument.objects.filter(pd=pd, in_force__isnull=False).order_by("nomor")[:3])
    if len(documents) < 3:
        return
    well, badly, evaluated = documents
    monitoring_record(
        actor=users["verifikator1"],
        document=well,
        tanggal=start,
        cara=Cara.OBSERVASI,
        penilaian=Penilaian.BAIK,
        catatan="Langkah dijalankan sesuai urutan.",
    )
    monitoring_record(
        actor=users["verifikator2"],
        document=badly,
        tanggal=today,
        cara=Cara.DISKUSI,
        penilaian=Penilaian.TIDAK_BAIK,
        catatan="Dokumen dari bidang sering terlambat.",
        tindakan="Batas waktu pengiriman dicantumkan dalam surat edaran.",
    )
    evaluation_record(
        actor=users["kepala"],
        document=evaluated,
        tahun=today.year - 1,
        answers={key: key != "sinergi" for key, _label in CRITERIA},
        rekomendasi=Rekomendasi.DISEMPURNAKAN,
        catatan="Keterkaitan dengan SOP bidang perlu diperjelas.",
    )


# The seed book does not print the number of the decree that put its SOPs in force; one Keputusan puts a
# whole book in force, so every demo SOP shares this invented number in the Serang style.
DEMO_DECREE = "800/Kep.01-DKISP/2019"


def _load_example(path: Path, *, pd: PerangkatDaerah, users: dict[str, object]) -> None:
    data = dict(parse_text(path.read_text(encoding="utf-8"), path=str(path)).data)
    nomor = str(data.get("nomor") or "")
    unit = _unit_by_path(pd, [str(u) for u in data.get("unit") or []])
    state = STATES.get(path.name.split("-")[0], "berlaku")
    revision = sop_create(pd=pd, unit=unit, author=users["penyusun"], data=data)
    if state == "draf":
        return
    wf.sop_submit(sop=revision, actor=users["penyusun"])
    if state == "diajukan":
        return
    wf.verification_approve(sop=revision, actor=users["verifikator1"])
    wf.verification_approve(sop=revision, actor=users["verifikator2"])
    if state == "uji_coba":
        return
    # The seed book prints no trial; the demo records one, witnessed by both verifiers, on the drafting date.
    dibuat = data.get("tanggal_pembuatan")
    tanggal_uji = min(dibuat, timezone.localdate()) if isinstance(dibuat, dt.date) else timezone.localdate()
    wf.trial_record(
        sop=revision,
        actor=users["verifikator2"],
        mulai=tanggal_uji,
        selesai=tanggal_uji,
        hasil="lanjut",
        temuan="Dijalankan sesuai uraian prosedur.",
        saksi=[users["verifikator1"], users["verifikator2"]],
    )
    wf.sop_approve(sop=revision, actor=users["kepala"])
    efektif = data.get("tanggal_efektif")
    tanggal = efektif if isinstance(efektif, dt.date) else dt.date(2019, 4, 30)
    wf.sop_decree(
        sop=revision,
        actor=users["admin"],
        keputusan_nomor=DEMO_DECREE,
        keputusan_tanggal=tanggal,
        tanggal_berlaku=tanggal,
        nomor=nomor,
    )


def pemda_names() -> list[str]:
    return list(Pemda.objects.values_list("nama", flat=True))
