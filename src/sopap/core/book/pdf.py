"""The Buku SOP and the Keputusan as PDF, drawn by the single SOP's PDF writer page by page."""

from __future__ import annotations

import io
from dataclasses import replace
from pathlib import Path

from reportlab.pdfgen.canvas import Canvas

from sopap.core.book.content import Book, BookError
from sopap.core.book.layout import BookLayout, layout_book, layout_keputusan
from sopap.core.i18n import Text
from sopap.core.layout.geometry import Page
from sopap.core.layout.options import RenderOptions
from sopap.core.logo import Logo, LogoError, read_logo
from sopap.core.renderers.pdf import draw_logo, draw_page, register_fonts


def _check_logo(path: Path) -> Logo:
    """The logo at ``path``, checked by its content as every logo is (sopap.core.logo)."""
    if not path.is_file():
        raise BookError(Text("berkas logo tidak ditemukan"), path=str(path))
    try:
        return read_logo(path.read_bytes())
    except LogoError as exc:
        raise BookError(exc.text, path=str(path)) from exc


def _write(layout: BookLayout, title: str, author: str, logo: Logo | None) -> bytes:
    fonts = register_fonts()
    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=layout.pages[0].size, pageCompression=1, invariant=1)
    canvas.setTitle(title)
    canvas.setAuthor(author)
    canvas.setCreator("sopap")
    for index, page in enumerate(layout.pages):
        canvas.setPageSize(page.size)
        # The identity sheets of the SOPs print the same logo as the cover.
        draw_page(canvas, page, fonts, logo=logo)
        if index == 0 and logo is not None and layout.logo is not None:
            draw_logo(canvas, page, layout.logo, logo)
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
    """The book as PDF. ``logo``: a file to check and print; without it, ``options.logo`` (already
    checked), if any. ``sops`` are its SOPs' pages when the caller laid them out already (to report its
    progress SOP by SOP, or on every core)."""
    chosen = _check_logo(logo) if logo is not None else (options.logo if options else None)
    if chosen is not None and options is not None and options.logo is not chosen:
        options = replace(options, logo=chosen)
    elif chosen is not None and options is None:
        options = RenderOptions(logo=chosen)
    layout = layout_book(book, options, keputusan=keputusan, logo=chosen is not None, sops=sops)
    title = book.judul or f"Standar Operasional Prosedur {book.perangkat_daerah} {book.tahun}"
    return _write(layout, title, book.perangkat_daerah, chosen)


def render_keputusan_pdf(book: Book, options: RenderOptions | None = None) -> bytes:
    layout = layout_keputusan(book, options)
    logo = options.logo if options else None
    return _write(layout, f"Keputusan {book.keputusan.jabatan.title()}", book.perangkat_daerah, logo)
