"""A list in a PDF cell is read item by item, however its lines wrap: the lines of a numbered item go on
at its hanging indent, an item ending with ";" is closed, and a number centred on an item of several
lines (Word's vertically centred numbering) numbers the lines above it and takes those below."""

from __future__ import annotations

from sopap.core.importers.pdf_reader import _paragraphs

LINE = 11.0  # pt from one line to the next
HEIGHT = 9.0
NUMBER_AT, TEXT_AT = 60.0, 78.0
CHAR = 4.5  # pt per character


def _words(x: float, y: float, text: str) -> list[tuple[float, float, float, float, str]]:
    words = []
    for word in text.split():
        words.append((x, y, x + CHAR * len(word), y + HEIGHT, word))
        x += CHAR * (len(word) + 1)
    return words


def _cell(*lines: tuple[float, float, str]) -> list[tuple[float, float, float, float, str]]:
    return [w for x, y, text in lines for w in _words(x, y, text)]


def test_a_numbered_item_wrapped_short_of_the_right_edge_goes_on_at_its_hanging_indent():
    words = _cell(
        (NUMBER_AT, 0, "9."),
        (TEXT_AT, 0, "Peraturan Menteri Keuangan Nomor 171 tentang Sistem Aplikasi Keuangan Tingkat"),
        (TEXT_AT, LINE, "Instansi (SAKTI)"),
        (NUMBER_AT, 2 * LINE, "10."),
        (
            TEXT_AT,
            2 * LINE,
            "Peraturan Direktur Jenderal Perbendaharaan Nomor PER-40/PB/2006 tentang Pedoman Akuntansi",
        ),
    )
    assert _paragraphs(words) == [
        "9. Peraturan Menteri Keuangan Nomor 171 tentang Sistem Aplikasi Keuangan Tingkat Instansi (SAKTI)",
        "10. Peraturan Direktur Jenderal Perbendaharaan Nomor PER-40/PB/2006 tentang Pedoman Akuntansi",
    ]


def test_a_number_centred_on_its_item_numbers_the_lines_above_and_below_it():
    words = _cell(
        (NUMBER_AT, 0, "5."),
        (TEXT_AT, 0, "Peraturan Presiden Nomor 86 Tahun 2007 tentang Badan Pusat Statistik;"),
        (TEXT_AT, 1.5 * LINE, "Peraturan Menteri PAN RB Nomor 5 Tahun 2024 tentang Perubahan atas Peraturan"),
        (
            TEXT_AT,
            2.5 * LINE,
            "Menteri PAN RB Nomor 90 Tahun 2021 tentang Pembangunan Zona Integritas Menuju",
        ),
        (NUMBER_AT, 3.0 * LINE, "6."),
        (TEXT_AT, 3.5 * LINE, "Wilayah Bebas dari Korupsi di Instansi Pemerintah;"),
        (NUMBER_AT, 5.0 * LINE, "7."),
        (TEXT_AT, 5.0 * LINE, "Peraturan BPS Nomor 1 Tahun 2024 tentang Penyelenggaraan Kearsipan;"),
    )
    assert _paragraphs(words) == [
        "5. Peraturan Presiden Nomor 86 Tahun 2007 tentang Badan Pusat Statistik;",
        "6. Peraturan Menteri PAN RB Nomor 5 Tahun 2024 tentang Perubahan atas Peraturan Menteri PAN RB Nomor 90 "
        "Tahun 2021 tentang Pembangunan Zona Integritas Menuju Wilayah Bebas dari Korupsi di Instansi Pemerintah;",
        "7. Peraturan BPS Nomor 1 Tahun 2024 tentang Penyelenggaraan Kearsipan;",
    ]


def test_lines_of_plain_text_that_end_short_stay_apart():
    words = _cell(
        (NUMBER_AT, 0, "Kepala Badan Pusat Statistik"),
        (NUMBER_AT, LINE, "Provinsi Bengkulu, a long line that reaches the right edge of the cell"),
    )
    assert _paragraphs(words) == [
        "Kepala Badan Pusat Statistik",
        "Provinsi Bengkulu, a long line that reaches the right edge of the cell",
    ]


def test_a_compound_broken_at_its_hyphen_keeps_it_and_a_comma_for_the_numbers_point_goes():
    from sopap.core.importers.text import strip_bullet

    words = _cell(
        (NUMBER_AT, 0, "4."),
        (TEXT_AT, 0, "Peraturan Pemerintah Nomor 28 Tahun 2012 tentang Peraturan Pelaksanaan Undang-"),
        (TEXT_AT, LINE, "Undang Nomor 43 Tahun 2009 tentang Kearsipan;"),
    )
    assert _paragraphs(words) == [
        "4. Peraturan Pemerintah Nomor 28 Tahun 2012 tentang Peraturan Pelaksanaan Undang-Undang Nomor 43 Tahun "
        "2009 tentang Kearsipan;"
    ]
    assert strip_bullet("1, Undang-Undang Nomor 16 Tahun 1997") == "Undang-Undang Nomor 16 Tahun 1997"
    assert strip_bullet("2, 3 dan 4 lembar") == "2, 3 dan 4 lembar"
