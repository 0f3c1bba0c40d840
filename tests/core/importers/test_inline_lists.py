"""Lists typed on one line are as many items as they name, whatever marks them."""

import pytest

from sopap.core.importers.text import list_items


@pytest.mark.parametrize(
    ("typed", "items"),
    [
        ("- Pulpen - Buku Agenda - Lembar disposisi", ["Pulpen", "Buku Agenda", "Lembar disposisi"]),
        ("• Komputer • Printer", ["Komputer", "Printer"]),
        ("1. Surat Permohonan 2. KTP", ["Surat Permohonan", "KTP"]),
        ("1.1 Surat Permohonan 1.2 KTP 1.3 SK Jabatan", ["Surat Permohonan", "KTP", "SK Jabatan"]),
        ("1.1 Buku register", ["Buku register"]),
    ],
)
def test_a_list_typed_inline_becomes_one_item_per_entry(typed, items):
    assert list_items([typed]) == items


def test_a_dash_inside_an_item_does_not_split_it():
    typed = "- Undang – undang Nomor 25 Tahun 2009 - Peraturan Bupati Nomor 3"
    assert list_items([typed]) == ["Undang – undang Nomor 25 Tahun 2009", "Peraturan Bupati Nomor 3"]


def test_a_hyphenated_word_is_not_a_list():
    assert list_items(["Surat-menyurat dinas"]) == ["Surat-menyurat dinas"]
