"""Header synonyms, merged header cells, repeated headers and the column-number row."""

from corpus import Options, build_docx, serang_sops

from sopap.core.importers import import_file
from sopap.core.importers.tables import header_role, identity_label, is_column_number_row


def test_procedure_header_synonyms_from_the_seeds_are_recognised():
    for text, role in [
        ("Uraian Prosedur", "kegiatan"),
        ("Kegiatan", "kegiatan"),
        ("Uraian Kegiatan", "kegiatan"),
        ("Persyr/Klkpn", "kelengkapan"),
        ("Persyaratan", "kelengkapan"),
        ("Kelengkapan", "kelengkapan"),
        ("Output", "output"),
        ("Keluaran", "output"),
        ("Ket.", "keterangan"),
        ("Keterangan", "keterangan"),
        ("Mutu Baku", "mutu"),
        ("Pelaksana", "pelaksana"),
    ]:
        assert header_role(text) == role, text


def test_identity_label_synonyms_are_recognised_and_values_are_not():
    assert identity_label("Nama Standar Operasional Prosedur") == "nama"
    assert identity_label("Nama SOP") == "nama"
    assert identity_label("Kualitas Pelaksana") == "kualifikasi_pelaksana"
    assert identity_label("Di sahkan oleh") == "disahkan_oleh"
    assert identity_label("Pencatatan dan Pendataan / Dokumentasi") == "pencatatan"
    assert identity_label("Pencatatan di buku register SPP-SPM") is None
    assert identity_label("· Peringatan tertulis") is None


def test_the_column_number_row_is_recognised():
    assert is_column_number_row([str(i) for i in range(1, 12)])
    assert not is_column_number_row(["1.", "Menyusun draft", "", "5 hari"])


def test_headers_with_synonyms_column_numbers_and_inline_numbering_import_the_same_sop():
    sop = serang_sops()[7]
    for options in (Options(synonyms=True), Options(column_numbers=True), Options(inline_numbering=True)):
        result = import_file(build_docx([sop], options), "x.docx")
        assert result.sops[0].sop == sop, options
