"""The settings of a Buku SOP and of its Keputusan penetapan, as pydantic models.

Every text has a default in the wording of the seed books (Buku SOP Kominfosanti Buleleng 2023, the
Pendahuluan of the Buku SOP Diskominfo Kota Serang 2019, Keputusan Kepala Dinas 800/0560/Kominfosanti/2023),
so a book can be made from a folder of SOPs alone; a `buku.yaml` changes any of them. In a text,
``{perangkat_daerah}``, ``{pemerintah}``, ``{wilayah}`` and ``{tahun}`` stand for the book's values.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Annotated, Any

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field

from sopap.core.model import StrictTextList, Text


def _paragraphs(value: Any) -> Any:
    """One text with blank lines between paragraphs, or a list of paragraphs: always a list."""
    if value is None:
        return []
    if isinstance(value, str):
        return [p.strip() for p in value.split("\n\n") if p.strip()]
    return value


Paragraphs = Annotated[list[Text], BeforeValidator(_paragraphs)]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", coerce_numbers_to_str=True, validate_assignment=True)


class Penandatangan(_Strict):
    """Who signs: the head of the PD (Kata Pengantar) or the official who decrees (Keputusan)."""

    jabatan: Text | None = None
    nama: Text | None = None
    pangkat: Text | None = Field(default=None, description="pangkat/golongan, e.g. Pembina Tk. I (IV/b)")
    nip: Text | None = None


class UnitOrganisasi(BaseModel):
    """One unit of the organisation structure; the units of an `.org.yaml` fit (their other keys are
    ignored: codes, positions)."""

    model_config = ConfigDict(extra="ignore", coerce_numbers_to_str=True)

    nama: Text
    unit: list[UnitOrganisasi] = Field(default_factory=list)


LATAR_BELAKANG = [
    "Salah satu aspek penting dalam rangka mewujudkan birokrasi efektif, efisien, dan ekonomis adalah dengan "
    "menerapkan standar operasional prosedur pada seluruh proses penyelenggaraan administrasi pemerintahan.",
    "Standar Operasional Prosedur yang selanjutnya disingkat SOP adalah serangkaian instruksi tertulis yang "
    "dibakukan mengenai berbagai proses penyelenggaraan administrasi pemerintahan, bagaimana dan kapan harus "
    "dilakukan, dimana dan oleh siapa dilakukan. SOP pada dasarnya merupakan pedoman yang berisi prosedur "
    "operasional standar kegiatan yang dijalankan dalam organisasi yang digunakan untuk memastikan bahwa semua "
    "keputusan dan tindakan, serta penggunaan fasilitas proses yang dilakukan pegawai aparat pemerintahan "
    "berjalan efektif dan efisien, konsisten, standar, dan sistematis. Dengan adanya SOP, penyelenggaraan "
    "administrasi pemerintahan dapat berjalan dengan pasti, sehingga berbagai bentuk penyimpangan dapat "
    "dihindari, atau bahkan meskipun terjadi penyimpangan maka dapat ditemukan penyebabnya. Kondisi tersebut "
    "pada gilirannya membuat kualitas pelayanan kepada publik akan menjadi lebih baik.",
]

RUANG_LINGKUP = [
    "Standar Operasional Prosedur dalam buku ini berlaku di lingkungan {perangkat_daerah}, meliputi "
    "prosedur administrasi pemerintahan yang dilaksanakan oleh unit-unit kerjanya.",
]

MAKSUD = [
    "Maksud dari penyusunan SOP adalah untuk dijadikan pedoman bagi setiap aparatur {perangkat_daerah} "
    "dalam melaksanakan tugas pokok dan fungsinya.",
]

TUJUAN = [
    "Efisiensi dan efektivitas proses di dalam {perangkat_daerah};",
    "Ketertiban administrasi penyelenggaraan; dan",
    "Meningkatkan efektivitas koordinasi antara {perangkat_daerah} dengan Perangkat Daerah lainnya.",
]

MANFAAT = [
    "Sebagai standardisasi cara yang dilakukan aparatur dalam menyelesaikan pekerjaan yang menjadi tugasnya;",
    "Meningkatkan efisiensi dan efektivitas pelaksanaan tugas dan tanggung jawab individual aparatur dan "
    "organisasi secara keseluruhan;",
    "Menciptakan ukuran standar kinerja yang akan memberikan aparatur cara konkret untuk memperbaiki kinerja "
    "serta membantu mengevaluasi usaha yang telah dilakukan;",
    "Memastikan pelaksanaan tugas penyelenggaraan pemerintahan dapat berlangsung dalam berbagai situasi;",
    "Menjamin konsistensi pelayanan kepada masyarakat, baik dari sisi mutu, waktu, dan prosedur;",
    "Memberikan informasi bagi upaya peningkatan kompetensi aparatur;",
    "Sebagai instrumen yang dapat melindungi aparatur dari kemungkinan tuntutan hukum karena tuduhan "
    "melakukan penyimpangan;",
    "Menghindari tumpang tindih pelaksanaan tugas;",
    "Membantu penelusuran terhadap kesalahan-kesalahan prosedural dalam memberikan pelayanan.",
]

LANDASAN_HUKUM = [
    "Undang-Undang Nomor 25 Tahun 2009 tentang Pelayanan Publik;",
    "Undang-Undang Nomor 30 Tahun 2014 tentang Administrasi Pemerintahan;",
    "Peraturan Menteri Pendayagunaan Aparatur Negara dan Reformasi Birokrasi Nomor 35 Tahun 2012 tentang "
    "Pedoman Penyusunan Standar Operasional Prosedur Administrasi Pemerintahan;",
]

KATA_PENGANTAR = [
    "Puji dan syukur kami panjatkan ke hadirat Tuhan Yang Maha Esa, atas segala berkat dan rahmat-Nya, "
    "sehingga dokumen Standar Operasional Prosedur (SOP) {perangkat_daerah} tahun {tahun} dapat disusun "
    "dengan baik dan tepat waktu.",
    "Standar Operasional Prosedur adalah pedoman atau acuan untuk melaksanakan tugas pekerjaan sesuai dengan "
    "fungsi dan alat penilaian kinerja instansi pemerintah berdasarkan indikator-indikator teknis, "
    "administratif dan prosedural sesuai dengan tata kerja, prosedur kerja dan sistem kerja pada unit kerja "
    "yang bersangkutan. Dengan tersusunnya standar operasional prosedur ini diharapkan dapat digunakan sebagai "
    "acuan dalam bertindak, agar akuntabilitas kinerja instansi pemerintah dapat dievaluasi dan terukur.",
    "Kami menyadari bahwa dokumen ini masih jauh dari sempurna, untuk itu diharapkan masukan, kritik dan saran "
    "yang membangun, demi tersusunnya standar operasional prosedur yang lebih baik dan bermutu. Semoga apa "
    "yang telah disusun ini dapat digunakan dan bermanfaat untuk meningkatkan kualitas layanan pemerintah "
    "kepada masyarakat.",
]

PENUTUP = [
    "Standar Operasional Prosedur adalah pedoman atau acuan untuk melaksanakan tugas pekerjaan sesuai dengan "
    "fungsi dan alat penilaian kinerja instansi pemerintah berdasarkan indikator-indikator teknis, "
    "administratif dan prosedural sesuai dengan tata kerja, prosedur kerja dan sistem kerja pada unit kerja "
    "yang bersangkutan. Tujuan SOP adalah menciptakan komitmen mengenai apa yang dikerjakan oleh satuan unit "
    "kerja instansi pemerintahan untuk mewujudkan good governance.",
    "Standar operasional prosedur tidak saja bersifat internal tetapi juga eksternal, karena SOP selain "
    "digunakan untuk mengukur kinerja organisasi publik yang berkaitan dengan ketepatan program dan waktu, "
    "juga digunakan untuk menilai kinerja organisasi publik di mata masyarakat berupa responsivitas, "
    "tanggung jawab, dan akuntabilitas kinerja instansi pemerintah. SOP dalam buku ini dikaji ulang paling "
    "sedikit sekali dalam 2 (dua) tahun, dan SOP yang disempurnakan ditetapkan kembali.",
]

MENIMBANG = [
    "bahwa salah satu upaya penataan tata laksana dalam pelaksanaan tugas dan fungsi aparatur pemerintah "
    "dapat diwujudkan dalam bentuk penyusunan dan implementasi Standar Operasional Prosedur;",
    "bahwa untuk tertib administrasi agar Standar Operasional Prosedur sebagaimana dimaksud dalam huruf a "
    "dapat berjalan efektif dan efisien, maka perlu ditetapkan dengan Keputusan {jabatan};",
]

MENGINGAT = [
    "Undang-Undang Nomor 23 Tahun 2014 tentang Pemerintahan Daerah sebagaimana telah diubah beberapa kali, "
    "terakhir dengan Undang-Undang Nomor 9 Tahun 2015 tentang Perubahan Kedua atas Undang-Undang Nomor 23 "
    "Tahun 2014 tentang Pemerintahan Daerah;",
    "Peraturan Menteri Pendayagunaan Aparatur Negara dan Reformasi Birokrasi Nomor 35 Tahun 2012 tentang "
    "Pedoman Penyusunan Standar Operasional Prosedur Administrasi Pemerintahan;",
]

TEMBUSAN = [
    "Sekretaris Daerah {wilayah} sebagai laporan;",
    "Inspektur {wilayah};",
    "Kepala Bagian Organisasi Sekretariat Daerah {wilayah};",
    "Arsip.",
]


class Keputusan(_Strict):
    """The Keputusan penetapan: the decree that puts the book's SOPs in force (Perwali Serang 50/2017
    Pasal 12 (2), 20, 27 (4)). ``memutuskan`` are the diktum after "Menetapkan" (KESATU, KEDUA...); when
    empty, the seed's three: the SOPs in the Lampiran, their use as the reference, in force from
    ``berlaku`` (or the day it is decreed)."""

    nomor: Text | None = None
    tanggal: dt.date | None = None
    tempat: Text | None = Field(default=None, description="Ditetapkan di")
    jabatan: Text | None = Field(default=None, description="who decrees: KEPUTUSAN <jabatan>")
    tentang: Text | None = None
    menimbang: Paragraphs = Field(default_factory=lambda: list(MENIMBANG))
    mengingat: Paragraphs = Field(default_factory=lambda: list(MENGINGAT))
    mengingat_dari_sop: bool = Field(default=True, description="add the SOPs' dasar hukum to Mengingat")
    memutuskan: Paragraphs = Field(default_factory=list)
    berlaku: dt.date | None = None
    tembusan: Paragraphs = Field(default_factory=lambda: list(TEMBUSAN))
    penandatangan: Penandatangan | None = None


class Pendahuluan(_Strict):
    latar_belakang: Paragraphs = Field(default_factory=lambda: list(LATAR_BELAKANG))
    ruang_lingkup: Paragraphs = Field(default_factory=lambda: list(RUANG_LINGKUP))
    struktur_organisasi: list[UnitOrganisasi] = Field(default_factory=list)
    landasan_hukum: Paragraphs = Field(default_factory=lambda: list(LANDASAN_HUKUM))
    landasan_dari_sop: bool = Field(default=True, description="add the SOPs' dasar hukum to the list")
    maksud: Paragraphs = Field(default_factory=lambda: list(MAKSUD))
    tujuan: StrictTextList = Field(default_factory=lambda: list(TUJUAN))
    manfaat: StrictTextList = Field(default_factory=lambda: list(MANFAAT))


class BukuSOP(_Strict):
    """A Buku SOP: what it says besides its SOPs. Unset values come from the SOPs (PD, Pemda, signer,
    year) or from the seeds' wording."""

    judul: Text | None = None
    tahun: int | None = None
    pemerintah: Text | None = None
    perangkat_daerah: Text | None = None
    tempat: Text | None = Field(default=None, description="the town where it is signed (Serang, Singaraja)")
    tanggal: dt.date | None = Field(default=None, description="the date under the Kata Pengantar")
    logo: Path | None = None
    kata_pengantar: Paragraphs = Field(default_factory=lambda: list(KATA_PENGANTAR))
    penandatangan: Penandatangan | None = None
    pendahuluan: Pendahuluan = Field(default_factory=Pendahuluan)
    penutup: Paragraphs = Field(default_factory=lambda: list(PENUTUP))
    keputusan: Keputusan = Field(default_factory=Keputusan)
