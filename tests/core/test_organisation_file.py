"""Reading an `.org.yaml`: the examples read, and a bad file is refused with every problem at once, each
naming the line and the key."""

from __future__ import annotations

import pytest

from sopap.core.organisation import OrgFileInvalid, pd_of_admin, read_org_text
from sopap.core.organisation_files import read_org_path
from tests.conftest import EXAMPLES

GOOD = """\
versi_format: 1
pemerintah: Pemerintah Kota Contoh
perangkat_daerah:
  - nama: Dinas Kesehatan Kota Contoh
    singkatan: Dinkes
    kode: "07"
    jabatan:
      - Kepala Dinas
      - nama: Sekretaris
        alias: [Sekdin]
    unit:
      - nama: Sekretariat
        kode: "01"
        unit:
          - nama: Sub Bagian Keuangan
admin_pertama:
  nama_pengguna: admin.ortala
  nama_lengkap: Bagian Organisasi Setda
"""


def problems_of(text: str, lang: str = "id") -> list[str]:
    with pytest.raises(OrgFileInvalid) as caught:
        read_org_text(text, path="contoh.org.yaml")
    return [p.render(lang) for p in caught.value.problems]


def test_every_example_organisation_file_reads():
    names = {
        read_org_path(p).organisation.pemerintah for p in sorted((EXAMPLES / "organisasi").glob("*.org.yaml"))
    }
    assert names == {"Pemerintah Kota Serang", "Pemerintah Kabupaten Buleleng"}


def test_a_position_is_a_name_alone_or_a_name_with_its_other_names():
    pd = read_org_text(GOOD).organisation.perangkat_daerah[0]
    assert [(j.nama, j.alias) for j in pd.jabatan] == [("Kepala Dinas", []), ("Sekretaris", ["Sekdin"])]
    assert pd.unit[0].unit[0].nama == "Sub Bagian Keuangan"


def test_a_code_written_as_a_number_is_refused_at_its_line_saying_to_quote_it():
    assert problems_of(GOOD.replace('kode: "07"', "kode: 7")) == [
        'contoh.org.yaml:6: perangkat_daerah[0].kode: harus berupa teks (tulis dalam tanda kutip, mis. "01", '
        "agar angka nol di depan tetap)"
    ]


def test_every_structural_problem_is_reported_at_once_with_its_line_and_key():
    text = GOOD.replace(
        "    singkatan: Dinkes\n", "    singkatan: Dinkes\n    alamat: Jl. Merdeka\n"
    ).replace("          - nama: Sub Bagian Keuangan\n", '          - kode: "02"\n')
    assert problems_of(text) == [
        "contoh.org.yaml:6: perangkat_daerah[0].alamat: kunci tidak dikenal",
        "contoh.org.yaml:16: perangkat_daerah[0].unit[0].unit[0].nama: wajib diisi",
    ]


def test_names_given_twice_and_an_admin_in_a_pd_the_file_lacks_are_refused():
    text = GOOD.replace("      - Kepala Dinas\n", "      - Kepala Dinas\n      - kepala dinas\n") + (
        "  perangkat_daerah: Dinas Pendidikan\n"
    )
    assert problems_of(text) == [
        "contoh.org.yaml:9: perangkat_daerah[0].jabatan[1].nama: jabatan “kepala dinas” sudah ada di perangkat "
        "daerah ini (nama jabatan unik per PD)",
        "contoh.org.yaml:20: admin_pertama.perangkat_daerah: perangkat daerah “Dinas Pendidikan” tidak ada di "
        "berkas ini",
    ]


def test_an_admin_of_one_pd_may_name_it_by_its_short_name():
    org = read_org_text(GOOD + "  perangkat_daerah: DINKES\n").organisation
    assert pd_of_admin(org) is org.perangkat_daerah[0]
    assert pd_of_admin(read_org_text(GOOD).organisation) is None


def test_a_username_with_a_space_and_an_unknown_format_version_are_refused():
    text = GOOD.replace("versi_format: 1", "versi_format: 2").replace("admin.ortala", "admin ortala")
    assert problems_of(text) == [
        "contoh.org.yaml:1: versi_format: versi format yang dikenal hanya 1",
        "contoh.org.yaml:17: admin_pertama.nama_pengguna: hanya boleh berisi huruf, angka dan tanda @ . + - _ "
        "(tanpa spasi)",
    ]


def test_yaml_that_does_not_parse_or_is_not_a_mapping_is_refused_naming_the_file():
    assert problems_of("versi_format: 1\npemerintah: [x\n")[0].startswith(
        "contoh.org.yaml: bukan YAML yang sah"
    )
    assert problems_of("- a\n- b\n") == [
        "contoh.org.yaml: isi berkas harus berupa pemetaan (kunci: nilai) dengan versi_format, pemerintah dan "
        "perangkat_daerah"
    ]


def test_the_messages_are_in_english_on_request():
    assert problems_of(GOOD.replace('kode: "07"', "kode: 7"), "en") == [
        'contoh.org.yaml:6: perangkat_daerah[0].kode: must be text (write it in quotes, e.g. "01", so that '
        "leading zeros stay)"
    ]
