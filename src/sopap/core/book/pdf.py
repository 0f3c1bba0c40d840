"""The Buku SOP and the Keputusan as PDF, drawn by the single SOP's PDF writer page by page."""

from __future__ import annotations

import io
from pathlib import Path

from reportlab.pdfgen.canvas import Canvas

from sopap.core.book.content import Book, BookError
from sopap.core.book.layout import BookLayout, layout_book, layout_keputusan
from sopap.core.i18n import Text, Verbatim
from sopap.core.layout.geometry import Page
from sopap.core.layout.options import RenderOptions
from sopap.core.renderers.pdf import draw_page, register_fonts

MAX_LOGO = 5 * 1024 * 1024


def _check_logo(path: Path) -> None:
    if not path.is_file():
        raise BookError(Text("berkas logo tidak ditemukan"), path=str(path))
    if path.suffix.lower() not in (".png", ".jpg", ".jpeg"):
        raise BookError(Text("logo harus berupa PNG atau JPEG"), path=str(path))
    if path.stat().st_size > MAX_LOGO:
        raise BookError(Text("logo lebih dari 5 MB"), path=str(path))


def _write(layout: BookLayout, title: str, author: str, logo: Path | None) -> bytes:
    fonts = register_fonts()
    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=layout.pages[0].size, pageCompression=1, invariant=1)
    canvas.setTitle(title)
    canvas.setAuthor(author)
    canvas.setCreator("sopap")
    for index, page in enumerate(layout.pages):
        canvas.setPageSize(page.size)
        draw_page(canvas, page, fonts)
        if index == 0 and logo is not None and layout.logo is not None:
            r = layout.logo
            try:
                canvas.drawImage(
                    str(logo), r.x, page.height - r.bottom, r.w, r.h, preserveAspectRatio=True, anchor="c"
                )
            except Exception as exc:  # ReportLab's errors for unreadable images are of many types
                raise BookError(
                    Text("logo tidak dapat dibaca: {reason}", reason=Verbatim(str(exc))), path=str(logo)
                ) from exc
        canvas.showPage()
    canvas.save()
    return buffer.getvalue()


def render_book_pdf(
    book: Book,
    options: RenderOptions | None = None,
    *,
    keputusan: bool = True,
    logo: Path | None = None,
    sops: list[list[Page]] | None = None,
) -> bytes:
    """The book as PDF; ``sops`` are its SOPs' pages when the caller laid them out already (to report
    its progress SOP by SOP, or on every core)."""
    if logo is not None:
        _check_logo(logo)
    layout = layout_book(book, options, keputusan=keputusan, logo=logo is not None, sops=sops)
    title = book.judul or f"Standar Operasional Prosedur {book.perangkat_daerah} {book.tahun}"
    return _write(layout, title, book.perangkat_daerah, logo)


def render_keputusan_pdf(book: Book, options: RenderOptions | None = None) -> bytes:
    layout = layout_keputusan(book, options)
    return _write(layout, f"Keputusan {book.keputusan.jabatan.title()}", book.perangkat_daerah, None)
