"""Bantuan: a short guide per role, each step with the article of the regulation it follows.

The articles cited are those of Peraturan Walikota Serang Nomor 50 Tahun 2017 (the text in the project's
seeds); Permenpan RB 35/2012 is cited as a whole, for the format and the evaluation, without article numbers
because its text is not at hand. The guides name the pages and buttons of the app so that a civil servant can
follow them from the menu.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import path
from django.utils.translation import gettext_lazy as _

from sopap.web.organisations.models import Role
from sopap.web.organisations.selectors import roles_of

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise

PERWALI = _("Peraturan Walikota Serang Nomor 50 Tahun 2017 tentang Pedoman Penyusunan SOP AP")
PERMENPAN = _(
    "Peraturan Menteri PAN dan RB Nomor 35 Tahun 2012 tentang Pedoman Penyusunan SOP Administrasi Pemerintahan"
)


@dataclass(frozen=True)
class Step:
    title: StrOrPromise
    text: StrOrPromise
    basis: StrOrPromise  # the article(s) the step follows; empty for what only the app has


@dataclass(frozen=True)
class Guide:
    slug: str
    title: StrOrPromise
    who: StrOrPromise
    roles: frozenset[str]  # the accounts' roles this guide is written for
    steps: tuple[Step, ...]


GUIDES: tuple[Guide, ...] = (
    Guide(
        "penyusun",
        _("Penyusun"),
        _("Pelaksana pekerjaan yang menulis SOP unitnya."),
        frozenset({Role.PENYUSUN}),
        (
            Step(
                _("Pilih kegiatan yang perlu SOP"),
                _(
                    "Kegiatan yang dibakukan dilaksanakan secara rutin atau berulang, menghasilkan output tertentu, "
                    "dan melibatkan paling sedikit dua orang atau pihak. Judulnya berangkat dari tugas dan fungsi "
                    "unit Anda."
                ),
                _("Perwali Serang 50/2017 Pasal 11 dan Pasal 14 ayat (2)"),
            ),
            Step(
                _("Buat draf"),
                _(
                    "Buka SOP saya, pilih Buat SOP baru, isi nama SOP, perangkat daerah dan unit kerja, lalu Buat "
                    "draf. SOP disusun oleh pelaksana pekerjaan di perangkat daerah atau unit kerjanya. Berkas "
                    ".sop.yaml yang sudah ada dapat diunggah dari halaman yang sama."
                ),
                _("Perwali Serang 50/2017 Pasal 9 ayat (1)"),
            ),
            Step(
                _("Isi identitas dan langkah"),
                _(
                    "Isi dasar hukum, kualifikasi pelaksana, keterkaitan, peralatan, peringatan dan pencatatan; "
                    "lalu setiap langkah: kegiatan, pelaksana, kelengkapan, waktu dan output. SOP berbentuk tabel, "
                    "tertulis dan diagram alur: diagram alur digambar sendiri dari langkah-langkah Anda. SOP "
                    "mengacu pada peraturan perundang-undangan, ditulis jelas, rinci dan benar, dan memperhatikan "
                    "SOP lain."
                ),
                _("Perwali Serang 50/2017 Pasal 14 ayat (1) dan Pasal 15; format Permenpan RB 35/2012"),
            ),
            Step(
                _("Perbaiki galat dan peringatan"),
                _(
                    "Pemeriksaan di samping setiap langkah menyebut yang kurang, misalnya keputusan tanpa tujuan "
                    "atau langkah tanpa pelaksana. SOP yang pelaksananya satu jabatan adalah SOP teknis; yang "
                    "melibatkan lebih dari satu jabatan adalah SOP administratif. Simpan draf sesering perlu."
                ),
                _("Perwali Serang 50/2017 Pasal 8 dan Pasal 14"),
            ),
            Step(
                _("Ajukan untuk verifikasi"),
                _(
                    "Pada halaman SOP pilih Ajukan. Draf diperiksa atasan secara berjenjang menurut rantai "
                    "verifikasi perangkat daerah Anda. Bila dikembalikan, catatan verifikator tampil di halaman "
                    "SOP dan di samping langkahnya: perbaiki, lalu ajukan lagi."
                ),
                _("Perwali Serang 50/2017 Pasal 18 ayat (1) dan ayat (2)"),
            ),
            Step(
                _("Kaji ulang SOP yang berlaku"),
                _(
                    "SOP yang berlaku dikaji ulang paling sedikit sekali dalam dua tahun, atau lebih cepat bila "
                    "tidak lagi sesuai. Kaji ulang pada halaman SOP membuka revisi baru sebagai draf; versi lama "
                    "tetap berlaku sampai revisi baru berlaku."
                ),
                _("Perwali Serang 50/2017 Pasal 27"),
            ),
        ),
    ),
    Guide(
        "verifikator",
        _("Verifikator"),
        _("Atasan secara berjenjang dan pejabat yang menangani SOP."),
        frozenset({Role.VERIFIKATOR}),
        (
            Step(
                _("Lihat yang menunggu Anda"),
                _(
                    "Di SOP saya, kotak Menunggu tindakan Anda memuat SOP yang sampai pada tahap verifikasi Anda. "
                    "Verifikasi berjalan berurutan menurut rantai verifikasi perangkat daerah."
                ),
                _("Perwali Serang 50/2017 Pasal 18 ayat (2)"),
            ),
            Step(
                _("Periksa kebenaran dan kesesuaian"),
                _(
                    "Baca identitas, uraian prosedur dan diagram alur. Periksa apakah SOP mengacu pada peraturan, "
                    "jelas, rinci dan benar, selaras dengan SOP lain, dan dapat dipertanggungjawabkan."
                ),
                _("Perwali Serang 50/2017 Pasal 1 angka 11 dan Pasal 14 ayat (1)"),
            ),
            Step(
                _("Setujui atau kembalikan"),
                _(
                    "Setujui verifikasi bila sudah benar. Bila perlu diperbaiki, pilih Kembalikan dan tulis "
                    "catatan, bila perlu per langkah: draf kembali ke penyusun dengan catatan Anda."
                ),
                _("Perwali Serang 50/2017 Pasal 18 ayat (2)"),
            ),
            Step(
                _("Uji coba"),
                _(
                    "Setelah verifikator terakhir menyetujui, SOP masuk tahap uji coba: dijalankan secara mandiri "
                    "oleh perangkat daerah dan disaksikan atasan secara berjenjang, sebelum disahkan."
                ),
                _("Perwali Serang 50/2017 Pasal 18 ayat (3) dan ayat (4)"),
            ),
            Step(
                _("Pantau SOP yang berlaku"),
                _(
                    "Di Pemantauan, catat monitoring (observasi, wawancara atau diskusi kelompok kerja) dan "
                    "penilaiannya; bila tidak berjalan baik, tulis tindakan yang harus diambil. Pengawasan oleh "
                    "atasan langsung dilaporkan kepada Kepala Perangkat Daerah setiap triwulan."
                ),
                _("Perwali Serang 50/2017 Pasal 24 dan Pasal 26"),
            ),
            Step(
                _("Evaluasi akhir tahun"),
                _(
                    "Setiap akhir tahun isi evaluasi setiap SOP (Isi evaluasi di Pemantauan) sebagai bahan "
                    "penyempurnaan: pertahankan, perbaiki atau cabut. Kriterianya menurut Permenpan RB 35/2012."
                ),
                _("Perwali Serang 50/2017 Pasal 25"),
            ),
        ),
    ),
    Guide(
        "kepala-pd",
        _("Kepala Perangkat Daerah"),
        _(
            "Pengesah SOP di lingkup perangkat daerahnya; Sekretaris Daerah untuk SOP lintas perangkat daerah."
        ),
        frozenset({Role.PENGESAH}),
        (
            Step(
                _("Sahkan SOP yang sudah diuji coba"),
                _(
                    "SOP yang selesai diverifikasi dan diuji coba muncul di Menunggu tindakan Anda. Pilih Sahkan: "
                    "nama, jabatan dan NIP Anda tercantum pada Disahkan oleh. Bila belum layak, kembalikan ke "
                    "penyusun dengan catatan."
                ),
                _("Perwali Serang 50/2017 Pasal 19 ayat (1)"),
            ),
            Step(
                _("SOP lintas perangkat daerah"),
                _(
                    "SOP yang melibatkan beberapa perangkat daerah disahkan oleh Sekretaris Daerah; SOP di "
                    "lingkungan Sekretariat Dewan disahkan oleh Sekretaris Dewan."
                ),
                _("Perwali Serang 50/2017 Pasal 19 ayat (2) dan ayat (3)"),
            ),
            Step(
                _("Penetapan dengan Keputusan Walikota"),
                _(
                    "SOP yang telah disahkan ditetapkan dengan Keputusan Walikota; Bagian Organisasi mencatat "
                    "nomor keputusan dan nomor SOP di aplikasi."
                ),
                _("Perwali Serang 50/2017 Pasal 20"),
            ),
            Step(
                _("Buku SOP perangkat daerah"),
                _(
                    "Di Buku SOP, tulis Kata Pengantar dan data penanda tangan (Ubah pengaturan buku), lalu Buat "
                    "buku SOP dari seluruh SOP berlaku, satu unit, atau SOP pilihan; buku dibuat di latar "
                    "belakang dan diunduh dari Pekerjaan saya. Keputusan setiap penetapan diunduh di halaman "
                    "yang sama."
                ),
                _("Perwali Serang 50/2017 Pasal 12 ayat (2), Pasal 20 dan Pasal 27 ayat (4)"),
            ),
            Step(
                _("Terima laporan pengawasan"),
                _(
                    "Di Pemantauan, Laporan untuk triwulan memuat hasil pengawasan pelaksanaan SOP di perangkat "
                    "daerah Anda, dengan kop dan tempat tanda tangan untuk dicetak."
                ),
                _("Perwali Serang 50/2017 Pasal 26 ayat (2)"),
            ),
            Step(
                _("Laporkan setiap semester"),
                _(
                    "Hasil pelaksanaan SOP perangkat daerah dilaporkan kepada Walikota melalui Sekretaris Daerah "
                    "setiap semester: pilih periode semester pada Laporan, cetak atau unduh XLSX."
                ),
                _("Perwali Serang 50/2017 Pasal 28 ayat (1)"),
            ),
        ),
    ),
    Guide(
        "admin-organisasi",
        _("Admin organisasi (Bagian Organisasi Setda)"),
        _("Yang mengatur perangkat daerah, akun, penetapan dan pelaporan se-pemerintah daerah."),
        frozenset({Role.ADMIN}),
        (
            Step(
                _("Atur nomor dan rantai verifikasi"),
                _(
                    "Di Organisasi, pilih Atur nomor dan verifikasi: pola nomor SOP perangkat daerah dan urutan "
                    "jabatan yang memverifikasi. Nama dan kode nomor SOP ditetapkan dengan Keputusan Walikota."
                ),
                _("Perwali Serang 50/2017 Pasal 12 ayat (2), Pasal 13, Pasal 17 dan Pasal 18 ayat (2)"),
            ),
            Step(
                _("Kelola akun"),
                _(
                    "Di Pengguna, buat akun dengan perannya (penyusun, verifikator, pengesah, auditor), tambah atau "
                    "cabut peran, nonaktifkan akun, atur ulang kata sandi, dan buka akun yang terkunci."
                ),
                _("Perwali Serang 50/2017 Pasal 9 ayat (1) dan Pasal 18 ayat (2)"),
            ),
            Step(
                _("Catat penetapan dan berlakukan"),
                _(
                    "Untuk SOP yang sudah disahkan, catat nomor Keputusan Walikota dan nomor SOP, lalu "
                    "berlakukan pada tanggal berlakunya. SOP yang berlaku tampil di Katalog untuk semua pegawai."
                ),
                _("Perwali Serang 50/2017 Pasal 20, Pasal 21 dan Pasal 22"),
            ),
            Step(
                _("Keputusan dan Buku SOP se-pemerintah daerah"),
                _(
                    "Di Buku SOP, pilih Seluruh pemerintah daerah: setiap nomor keputusan yang dicatat saat "
                    "penetapan diunduh sebagai Keputusan Walikota dengan lampiran SOP-nya, dan buku SOP seluruh "
                    "perangkat daerah dibuat di latar belakang."
                ),
                _("Perwali Serang 50/2017 Pasal 20 dan Pasal 27 ayat (4)"),
            ),
            Step(
                _("Kaji ulang dan pencabutan"),
                _(
                    "Pemantauan menandai SOP yang terlambat dikaji ulang (paling lambat dua tahun). SOP yang "
                    "disempurnakan ditetapkan lagi dengan Keputusan Walikota. Bila evaluasi akhir tahun "
                    "merekomendasikan pencabutan, SOP dapat dicabut."
                ),
                _("Perwali Serang 50/2017 Pasal 25 dan Pasal 27"),
            ),
            Step(
                _("Evaluasi dan laporan"),
                _(
                    "Evaluasi akhir tahun dilakukan bersama atasan dan koordinator di perangkat daerah, "
                    "berkoordinasi dengan Bagian Organisasi. Laporan semester ditujukan kepada Walikota melalui "
                    "Sekretaris Daerah; laporan tahunan kepada Gubernur pada akhir bulan Maret."
                ),
                _("Perwali Serang 50/2017 Pasal 25 ayat (4) dan Pasal 28"),
            ),
        ),
    ),
    Guide(
        "pembaca",
        _("Pembaca"),
        _("Setiap pegawai dan masyarakat yang mencari SOP yang berlaku; juga auditor (hanya baca)."),
        frozenset({Role.AUDITOR, Role.PEGAWAI}),
        (
            Step(
                _("Cari SOP yang berlaku"),
                _(
                    "Katalog memuat setiap SOP yang berlaku, per perangkat daerah dan unit kerja, tanpa perlu "
                    "masuk. Cari dengan nama, kegiatan atau pelaksana. SOP harus mudah diakses dan dilihat."
                ),
                _("Perwali Serang 50/2017 Pasal 21 huruf e"),
            ),
            Step(
                _("Baca dan unduh"),
                _(
                    "Halaman SOP memuat identitas, diagram alur dan uraian prosedur. Unduh PDF untuk dicetak atau "
                    "dibagikan dalam sosialisasi kepada seluruh pegawai."
                ),
                _("Perwali Serang 50/2017 Pasal 15 dan Pasal 22 ayat (1)"),
            ),
            Step(
                _("Konfirmasi bahwa Anda sudah membaca"),
                _(
                    "Saat SOP yang pelaksananya memuat jabatan Anda mulai berlaku, SOP itu muncul di Tugas saya. "
                    "Baca, lalu tekan “Saya sudah membaca SOP ini” di halaman SOP. Revisi baru meminta "
                    "konfirmasi lagi."
                ),
                _("Perwali Serang 50/2017 Pasal 21 huruf d dan Pasal 22"),
            ),
            Step(
                _("Laksanakan dan sampaikan masukan"),
                _(
                    "Jalankan langkah-langkahnya dalam pekerjaan sehari-hari. Bila SOP tidak lagi sesuai, "
                    "sampaikan kepada atasan: SOP dipantau, dievaluasi setiap akhir tahun, dan dikaji ulang."
                ),
                _("Perwali Serang 50/2017 Pasal 23, Pasal 24, Pasal 25 dan Pasal 27"),
            ),
            Step(
                _("Auditor"),
                _(
                    "Akun auditor membaca SOP, riwayatnya, pemantauan dan laporan perangkat daerah tanpa dapat "
                    "mengubahnya."
                ),
                "",  # a role of the app, not of the regulation
            ),
        ),
    ),
)
BY_SLUG = {g.slug: g for g in GUIDES}


def guides_for(*, roles: set[str]) -> list[Guide]:
    """The guides of the given roles, in the order of GUIDES; a reader's when none is theirs."""
    return [g for g in GUIDES if g.roles & roles] or [BY_SLUG["pembaca"]]


def help_index(request: HttpRequest) -> HttpResponse:
    mine = guides_for(roles=set(roles_of(user=request.user))) if request.user.is_authenticated else []
    return render(
        request,
        "help/index.html",
        {"guides": GUIDES, "mine": mine, "perwali": PERWALI, "permenpan": PERMENPAN},
    )


def help_guide(request: HttpRequest, slug: str) -> HttpResponse:
    guide = BY_SLUG.get(slug)
    if guide is None:
        raise Http404
    return render(
        request,
        "help/guide.html",
        {"guide": guide, "guides": GUIDES, "perwali": PERWALI, "permenpan": PERMENPAN},
    )


app_name = "help"
urlpatterns = [
    path("", help_index, name="index"),
    path("<slug:slug>/", help_guide, name="guide"),
]
