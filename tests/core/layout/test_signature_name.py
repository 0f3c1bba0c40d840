"""The signer's name is printed in capitals, the academic titles after the comma as they are written."""

from __future__ import annotations

from sopap.core.layout import layout_procedure
from sopap.core.model import SOP


def _signature_name(nama: str) -> list[str]:
    sop = SOP.model_validate(
        {
            "nama": "Mekanisme Penyusunan SPJ",
            "instansi": "Dinas Komunikasi dan Informatika",
            "disahkan_oleh": {"jabatan": "Kepala Dinas", "nama": nama},
            "langkah": [
                {"kegiatan": "Penyerahan SPJ", "pelaksana": "PPTK"},
                {"kegiatan": "Penerimaan SPJ", "pelaksana": "Bendahara"},
            ],
        }
    )
    pages = layout_procedure(sop).pages
    return [
        line.text
        for page in pages
        for item in page.items
        if getattr(item, "role", "") == "signature-name"
        for line in item.lines
    ]


def test_the_titles_after_the_comma_keep_their_case():
    assert _signature_name("Dr. Budi Santoso, S.Sos., M.Si") == ["DR. BUDI SANTOSO, S.Sos., M.Si"]


def test_a_name_without_titles_is_all_capitals():
    assert _signature_name("Budi Santoso") == ["BUDI SANTOSO"]
