"""Identity blocks as other agencies lay them out: `Label | : | value` grids, the PD block in an unlabelled
cell beside the logo, label wordings that vary, the identity on a sheet of its own or after the procedure."""

import datetime as dt

import pytest

from sopap.core.importers import import_file
from sopap.core.importers.tables import identity_label
from tests.core.importers.layouts import book_sops, build_family


@pytest.mark.parametrize(
    ("label", "field"),
    [
        ("Nomor SOP", "nomor"),
        ("Nomor Standar Operasional Prosedur", "nomor"),
        ("No. SOP", "nomor"),
        ("Nama SOP", "nama"),
        ("Nama Standar Operasional Prosedur", "nama"),
        ("Tgl. Pembuatan", "tanggal_pembuatan"),
        ("Tanggal Pengesahan", "tanggal_efektif"),
        ("Disahkan Oleh", "disahkan_oleh"),
        ("Dasar Hukum :", "dasar_hukum"),
        ("Peralatan/Perlengkapan :", "peralatan"),
    ],
)
def test_each_wording_of_an_identity_label_names_its_field(label, field):
    assert identity_label(label) == field


def test_a_label_colon_value_grid_gives_the_value_not_the_colon():
    family = build_family("grid")
    first = import_file(family.data, family.filename).sops[0].sop
    assert first is not None
    assert first.nomor == "800/0560/Kominfosanti/2023"
    assert first.nama == "Penerbitan Sertifikat Elektronik"
    assert first.tanggal_efektif == dt.date(2023, 3, 1)


def test_the_pd_block_beside_the_logo_gives_pemerintah_instansi_and_units():
    family = build_family("grid")
    first = import_file(family.data, family.filename).sops[0].sop
    want = book_sops()[0]
    assert first is not None
    assert (first.pemerintah, first.instansi, first.unit) == (want.pemerintah, want.instansi, want.unit)


def test_an_identity_sheet_of_its_own_leaves_the_values_and_signature_out_of_the_unit():
    family = build_family("idsheet")
    sops = [s.sop for s in import_file(family.data, family.filename).sops]
    assert [s.unit for s in sops if s] == [s.unit for s in family.expected]
    assert sops[0] is not None and sops[0].disahkan_oleh == family.expected[0].disahkan_oleh


def test_an_identity_written_after_the_procedure_belongs_to_the_sop_above_it():
    family = build_family("after")
    result = import_file(family.data, family.filename)
    assert [s.sop.nama for s in result.sops if s.sop] == [s.nama for s in family.expected]
    assert [s.sop.nomor for s in result.sops if s.sop] == [s.nomor for s in family.expected]


def test_a_signer_without_nip_is_split_into_title_and_name():
    family = build_family("wide")
    first = import_file(family.data, family.filename).sops[0].sop
    assert first is not None and first.disahkan_oleh is not None
    assert (first.disahkan_oleh.jabatan, first.disahkan_oleh.nama) == (
        "Kepala BPS Provinsi Bengkulu",
        "Win Rizal",
    )
