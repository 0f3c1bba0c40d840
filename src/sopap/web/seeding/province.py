"""The province the seed fills: its Pemda, the kinds of Perangkat Daerah and their units, the people."""

from __future__ import annotations

import datetime as dt
import random

# Pemda of Banten and then of Jawa Barat, with their BPS codes: the province is as large as --pd asks.
PEMDA = [
    ("Provinsi Banten", "36", "Gubernur Banten"),
    ("Kota Serang", "36.73", "Wali Kota Serang"),
    ("Kota Cilegon", "36.72", "Wali Kota Cilegon"),
    ("Kota Tangerang", "36.71", "Wali Kota Tangerang"),
    ("Kota Tangerang Selatan", "36.74", "Wali Kota Tangerang Selatan"),
    ("Kabupaten Serang", "36.04", "Bupati Serang"),
    ("Kabupaten Tangerang", "36.03", "Bupati Tangerang"),
    ("Kabupaten Lebak", "36.02", "Bupati Lebak"),
    ("Kabupaten Pandeglang", "36.01", "Bupati Pandeglang"),
    ("Kota Bandung", "32.73", "Wali Kota Bandung"),
    ("Kota Bogor", "32.71", "Wali Kota Bogor"),
    ("Kota Bekasi", "32.75", "Wali Kota Bekasi"),
    ("Kota Depok", "32.76", "Wali Kota Depok"),
    ("Kota Cirebon", "32.74", "Wali Kota Cirebon"),
    ("Kabupaten Bogor", "32.01", "Bupati Bogor"),
    ("Kabupaten Garut", "32.05", "Bupati Garut"),
]

# (name, short name, title of its head). Followed by as many kecamatan as --pd needs.
PD_TYPES = [
    ("Dinas Pendidikan dan Kebudayaan", "Disdikbud", "Kepala Dinas"),
    ("Dinas Kesehatan", "Dinkes", "Kepala Dinas"),
    ("Dinas Pekerjaan Umum dan Penataan Ruang", "DPUPR", "Kepala Dinas"),
    ("Dinas Perumahan Rakyat dan Kawasan Permukiman", "Disperkim", "Kepala Dinas"),
    ("Dinas Sosial", "Dinsos", "Kepala Dinas"),
    ("Dinas Tenaga Kerja", "Disnaker", "Kepala Dinas"),
    ("Dinas Pemberdayaan Perempuan dan Perlindungan Anak", "DP3A", "Kepala Dinas"),
    ("Dinas Ketahanan Pangan", "DKP", "Kepala Dinas"),
    ("Dinas Lingkungan Hidup", "DLH", "Kepala Dinas"),
    ("Dinas Kependudukan dan Pencatatan Sipil", "Disdukcapil", "Kepala Dinas"),
    ("Dinas Pemberdayaan Masyarakat dan Desa", "DPMD", "Kepala Dinas"),
    ("Dinas Pengendalian Penduduk dan Keluarga Berencana", "DPPKB", "Kepala Dinas"),
    ("Dinas Perhubungan", "Dishub", "Kepala Dinas"),
    ("Dinas Komunikasi, Informatika, Statistik dan Persandian", "Diskominfo", "Kepala Dinas"),
    ("Dinas Koperasi dan Usaha Mikro", "Diskop", "Kepala Dinas"),
    ("Dinas Penanaman Modal dan Pelayanan Terpadu Satu Pintu", "DPMPTSP", "Kepala Dinas"),
    ("Dinas Kepemudaan dan Olahraga", "Dispora", "Kepala Dinas"),
    ("Dinas Pariwisata", "Dispar", "Kepala Dinas"),
    ("Dinas Perpustakaan dan Kearsipan", "Dispusip", "Kepala Dinas"),
    ("Dinas Pertanian", "Distan", "Kepala Dinas"),
    ("Dinas Perikanan", "Diskan", "Kepala Dinas"),
    ("Dinas Perindustrian dan Perdagangan", "Disperindag", "Kepala Dinas"),
    ("Dinas Pemadam Kebakaran dan Penyelamatan", "Damkar", "Kepala Dinas"),
    ("Badan Perencanaan Pembangunan Daerah", "Bappeda", "Kepala Badan"),
    ("Badan Pengelolaan Keuangan dan Aset Daerah", "BPKAD", "Kepala Badan"),
    ("Badan Pendapatan Daerah", "Bapenda", "Kepala Badan"),
    ("Badan Kepegawaian dan Pengembangan Sumber Daya Manusia", "BKPSDM", "Kepala Badan"),
    ("Badan Penanggulangan Bencana Daerah", "BPBD", "Kepala Pelaksana"),
    ("Badan Kesatuan Bangsa dan Politik", "Kesbangpol", "Kepala Badan"),
    ("Inspektorat", "Inspektorat", "Inspektur"),
    ("Satuan Polisi Pamong Praja", "Satpol PP", "Kepala Satuan"),
    ("Sekretariat DPRD", "Setwan", "Sekretaris DPRD"),
    ("Rumah Sakit Umum Daerah", "RSUD", "Direktur"),
]
KECAMATAN = [
    "Cipocok Jaya", "Curug", "Kasemen", "Serang", "Taktakan", "Walantaka", "Cibeber", "Ciwandan",
    "Grogol", "Jombang", "Pulomerak", "Purwakarta", "Citangkil", "Cibodas", "Ciledug", "Karawaci",
    "Larangan", "Neglasari", "Periuk", "Pinang", "Tangerang", "Batuceper", "Benda", "Jatiuwung",
    "Karang Tengah", "Cipondoh", "Pamulang", "Pondok Aren", "Serpong", "Setu", "Ciputat", "Rangkasbitung",
]  # fmt: skip

SEKRETARIAT = [
    ("Sub Bagian Umum dan Kepegawaian", "Kasubag Umum"),
    ("Sub Bagian Keuangan", "Kasubag Keuangan"),
    ("Sub Bagian Program, Evaluasi dan Pelaporan", "Kasubag PEP"),
]
BIDANG = [
    "Pelayanan", "Pengembangan", "Pengendalian dan Evaluasi", "Pembinaan", "Data dan Informasi",
    "Sarana dan Prasarana", "Perencanaan Teknis", "Pemberdayaan", "Pengawasan",
]  # fmt: skip
SEKSI = ["Perencanaan", "Pelaksanaan", "Pemantauan", "Kerja Sama", "Penyuluhan", "Pendataan"]

GIVEN = [
    "Agus", "Ahmad", "Ani", "Budi", "Dewi", "Dedi", "Eka", "Fitri", "Hendra", "Indah", "Joko", "Kartini",
    "Lestari", "Made", "Nur", "Putri", "Rahmat", "Rina", "Siti", "Tri", "Wahyu", "Yusuf", "Zainal", "Asep",
]  # fmt: skip
FAMILY = [
    "Hidayat", "Saputra", "Wijaya", "Pratama", "Kurniawan", "Susanti", "Rahayu", "Setiawan", "Nugroho",
    "Permana", "Fauzi", "Maulana", "Suryadi", "Hasanah", "Ramdani", "Sutisna", "Firmansyah", "Lestari",
]  # fmt: skip
DEGREES = ["S.STP, M.Si", "S.Sos", "S.E., M.M.", "S.H.", "S.Kom", "S.T., M.T.", "S.IP", "Dr.", "S.Pd"]


def person_name(rng: random.Random) -> str:
    return f"{rng.choice(GIVEN)} {rng.choice(FAMILY)}, {rng.choice(DEGREES)}"


def nip(rng: random.Random) -> str:
    born = dt.date(1965, 1, 1) + dt.timedelta(days=rng.randrange(9000))
    hired = born.year + rng.randint(22, 30)
    return f"{born:%Y%m%d} {hired}{rng.randint(1, 12):02d} {rng.randint(1, 2)} {rng.randint(1, 20):03d}"
