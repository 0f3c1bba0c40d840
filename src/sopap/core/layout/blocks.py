"""The sheets' common vocabulary: sizes, paddings and colours shared by the procedure and the identity
sheet, the words they print (:data:`WORDS`), and text blocks (already-wrapped lines placed in a rectangle).
"""

from __future__ import annotations

from sopap.core.i18n import N_, Words
from sopap.core.layout.geometry import Align, FontStyle, Rect, TextBlock, TextLine
from sopap.core.layout.text import ASCENT, DESCENT, text_width

MIN_FONT = 7.5
BODY = 8.0
HEADER_FONT = 7.5
LEADING = 1.22
PAD_X = 3.5
PAD_Y = 3.5
MARGIN = 28.0
MIN_ROW = 36.0
SYMBOL_CLEARANCE = 12.0
"""Room above and below a symbol: enough for a connector to turn and still end in a full arrowhead."""
GRID = "#000000"
SHADE = "#E6ECF2"
OUTER_RULE = 0.9
INNER_RULE = 0.45
TITLE_SIZE = 11.0
SUBTITLE_SIZE = 8.5
FOOTER_H = 16.0

WORDS = Words(
    {
        "no": N_("No"),
        "kegiatan": N_("Uraian Prosedur"),
        "pelaksana": N_("Pelaksana"),
        "mutu": N_("Mutu Baku"),
        "kelengkapan": N_("Kelengkapan"),
        "waktu": N_("Waktu"),
        "output": N_("Output"),
        "keterangan": N_("Ket."),
        "sop": N_("STANDAR OPERASIONAL PROSEDUR (SOP)"),
        "page": N_("Halaman {n} dari {total}"),
        "nomor": N_("Nomor"),
        "pembuatan": N_("Tanggal Pembuatan"),
        "revisi": N_("Tanggal Revisi"),
        "efektif": N_("Tanggal Efektif"),
        "disahkan": N_("Disahkan oleh"),
        "nama": N_("Nama SOP"),
        "dasar_hukum": N_("Dasar Hukum"),
        "kualifikasi": N_("Kualifikasi Pelaksana"),
        "keterkaitan": N_("Keterkaitan dengan SOP Lain"),
        "peralatan": N_("Peralatan / Perlengkapan"),
        "peringatan": N_("Peringatan"),
        "pencatatan": N_("Pencatatan dan Pendataan"),
        "logo": N_("LOGO"),
        "verifikasi": N_("Periksa keaslian dokumen ini dengan memindai kode QR atau membuka alamat:"),
        "draf": N_("DRAF"),
        "continued": N_("(lanjutan)"),
        "nip": N_("NIP."),
        "ya": N_("Ya"),
        "tidak": N_("Tidak"),
    }
)


# ------------------------------------------------------------------------------------------- text blocks


def _baseline(top: float, index: int, size: float) -> float:
    leading = size * LEADING
    return top + index * leading + (leading - size * (ASCENT + DESCENT)) / 2 + size * ASCENT


def text_block(
    rect: Rect,
    lines: list[tuple[str, float]],
    *,
    style: FontStyle = "regular",
    size: float = BODY,
    align: Align = "left",
    valign: str = "middle",
    role: str,
    paragraphs: tuple[str, ...] = (),
    bullet: bool = False,
    step: int | None = None,
    column: int | None = None,
    pad_x: float = PAD_X,
    pad_y: float = PAD_Y,
) -> TextBlock:
    """Place already-wrapped ``lines`` ((text, indent) pairs) in ``rect``."""
    leading = size * LEADING
    height = len(lines) * leading
    if valign == "top":
        top = rect.y + pad_y
    elif valign == "bottom":
        top = rect.bottom - pad_y - height
    else:
        top = rect.y + (rect.h - height) / 2
    placed = []
    for i, (text, indent) in enumerate(lines):
        width = text_width(text, style, size)
        if align == "center":
            x = rect.cx - width / 2
        elif align == "right":
            x = rect.right - pad_x - width
        else:
            x = rect.x + pad_x + indent
        placed.append(TextLine(text, x, _baseline(top, i, size), width))
    return TextBlock(rect, tuple(placed), style, size, leading, align, role, paragraphs, bullet, step, column)


def lines_height(count: int, size: float = BODY) -> float:
    return count * size * LEADING
