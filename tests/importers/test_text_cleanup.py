"""NIP, bullets, inline numbering and ALL CAPS, as the seeds write them."""

from sopap.core.importers.text import find_nip, list_items, title_case


def test_the_nip_is_read_from_its_line():
    assert find_nip("NIP. 19771231 199702 1 002") == "19771231 199702 1 002"
    assert find_nip("NIP.19810711 200112 1002") == "19810711 200112 1002"
    assert find_nip("Pembina Tk. I (IV/b)") is None


def test_typed_bullets_are_stripped_and_each_paragraph_is_an_item():
    assert list_items(["· ATK", "· Komputer ", "• Printer;", "- SSH, ROK", "· "]) == [
        "ATK",
        "Komputer",
        "Printer",
        "SSH, ROK",
    ]


def test_numbering_inside_one_cell_is_split_into_items():
    assert list_items(["1.1 Surat Permohonan 1.2 KTP 1.3 SK Jabatan"]) == [
        "Surat Permohonan",
        "KTP",
        "SK Jabatan",
    ]
    assert list_items(["1. Surat 2. KTP"]) == ["Surat", "KTP"]
    assert list_items(["PP Nomor 58 Tahun 2005"]) == ["PP Nomor 58 Tahun 2005"]


def test_all_caps_headings_become_title_case_keeping_acronyms_and_degrees():
    assert (
        title_case("SUB BAGIAN PROGRAM, EVALUASI DAN PELAPORAN")
        == "Sub Bagian Program, Evaluasi dan Pelaporan"
    )
    assert title_case("PLT. KEPALA DINAS KOMUNIKASI DAN INFORMATIKA KOTA SERANG") == (
        "Plt. Kepala Dinas Komunikasi dan Informatika Kota Serang"
    )
    assert title_case("W. HARI PAMUNGKAS, S.STP, M.Si") == "W. Hari Pamungkas, S.STP, M.Si"
    assert title_case("KETUT SUWARMAWAN, S.STP., MM") == "Ketut Suwarmawan, S.STP., MM"
