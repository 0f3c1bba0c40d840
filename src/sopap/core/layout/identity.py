"""The identity sheet (lembar identitas): the SOP's identity as the seeds print it, a table of label and value
rows beside the agency's block, measured and placed on one page with the same text blocks and rules as the
procedure sheet (:mod:`.blocks`)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from sopap.core.dates import format_date
from sopap.core.layout.blocks import (
    BODY,
    GRID,
    INNER_RULE,
    LEADING,
    MARGIN,
    MIN_FONT,
    OUTER_RULE,
    PAD_X,
    PAD_Y,
    SHADE,
    WORDS,
    lines_height,
    text_block,
)
from sopap.core.layout.geometry import (
    Box,
    FontStyle,
    IdentityLayout,
    Item,
    Page,
    Picture,
    Rect,
    Rule,
)
from sopap.core.layout.options import RenderOptions
from sopap.core.layout.text import wrap, wrap_items

if TYPE_CHECKING:
    from sopap.core.model import SOP


@dataclass
class _IdRow:
    label: str
    value_lines: list[tuple[str, float]]
    style: FontStyle = "regular"
    height: float = 0.0
    extra: list[Item] = field(default_factory=list)


def layout_identity(sop: SOP, options: RenderOptions | None = None) -> IdentityLayout:
    """Lay out the identity sheet (portrait) as the agencies' official form has it."""
    options = options or RenderOptions()
    words = WORDS(options.lang)
    page_w, page_h = options.portrait
    margin = MARGIN + 6
    width = page_w - 2 * margin
    left_w = width * 0.46
    label_w = width * 0.19
    value_w = width - left_w - label_w
    x0 = margin
    xl = x0 + left_w
    xv = xl + label_w
    inner_v = value_w - 2 * PAD_X

    signer = sop.disahkan_oleh
    signer_lines: list[tuple[str, float]] = []
    if signer:
        signer_lines += [(t, 0.0) for t in wrap((signer.jabatan or "").upper(), "regular", BODY, inner_v)]
    rows = [
        _IdRow(words["nomor"], [(t, 0.0) for t in wrap(sop.nomor or "-", "regular", BODY, inner_v)]),
        _IdRow(words["pembuatan"], [(format_date(sop.tanggal_pembuatan, options.lang), 0.0)]),
        _IdRow(words["revisi"], [(format_date(sop.tanggal_revisi, options.lang), 0.0)]),
        _IdRow(words["efektif"], [(format_date(sop.tanggal_efektif, options.lang), 0.0)]),
        _IdRow(words["disahkan"], signer_lines or [("-", 0.0)]),
        _IdRow(words["nama"], [(t, 0.0) for t in wrap(sop.nama, "bold", BODY + 1, inner_v)], "bold"),
    ]
    items: list[Item] = []
    y = margin
    top = y
    for r in rows:
        size = BODY + 1 if r.style == "bold" else BODY
        h = max(22.0, len(r.value_lines) * size * LEADING + 2 * PAD_Y + 2)
        if r.label == words["disahkan"] and signer:
            h += 44 if (signer.nama or signer.nip) else 0
        r.height = h
    # The left block must hold the logo slot and the names; rows grow to make room when it is taller.
    left_lines: list[tuple[str, float]] = []
    names: list[tuple[str, float]] = [((sop.pemerintah or "").upper(), 10.0), (sop.instansi.upper(), 10.0)]
    names += [(u.upper(), 8.5) for u in sop.unit]
    for text, size in names:
        if text:
            left_lines.extend((line, size) for line in wrap(text, "bold", size, left_w - 2 * PAD_X - 4))
    # The logo slot: the agency's logo when there is one; a draft without one shows where it will go; an
    # official document without one prints the names alone, never a placeholder.
    show_slot = options.logo is not None or options.draft
    logo = 58.0 if show_slot else 0.0
    names_h = sum(size * 1.3 for _, size in left_lines) + 6 * max(0, len(sop.unit))
    left_need = 10 + (logo + 10 if show_slot else 0) + names_h + 10
    total = sum(r.height for r in rows)
    if left_need > total:
        rows[-1].height += left_need - total
        total = left_need
    items.append(Box(Rect(xl, top, label_w, total), SHADE, None, role="header-shade"))
    # Left block: logo slot, pemerintah, instansi, unit path.
    logo_rect = Rect(x0 + left_w / 2 - logo / 2, top + 10, logo, logo)
    if options.logo is not None:
        items.append(Picture(logo_rect, role="logo"))
    elif options.draft:
        items.append(Box(logo_rect, None, "#9AA5B1", 0.6, role="logo", dashed=True))
        items.append(
            text_block(logo_rect, [(words["logo"], 0.0)], size=MIN_FONT, align="center", role="logo-text")
        )
    ly = logo_rect.bottom + 10 if show_slot else top + max(10.0, (total - names_h) / 2)
    groups: list[tuple[str, FontStyle, float, str]] = []
    if sop.pemerintah:
        groups.append((sop.pemerintah.upper(), "bold", 10.0, "pemerintah"))
    groups.append((sop.instansi.upper(), "bold", 10.0, "instansi"))
    for u in sop.unit:
        groups.append((u.upper(), "bold", 8.5, "unit"))
    for text, style, size, role in groups:
        lines = wrap(text, style, size, left_w - 2 * PAD_X - 4)
        h = len(lines) * size * LEADING
        items.append(
            text_block(
                Rect(x0, ly, left_w, h),
                [(t, 0.0) for t in lines],
                style=style,
                size=size,
                align="center",
                role=role,
                paragraphs=(text,),
                pad_y=0,
            )
        )
        ly += h + 6
    y = top
    for r in rows:
        size = BODY + 1 if r.style == "bold" else BODY
        items.append(
            text_block(
                Rect(xl, y, label_w, r.height),
                [(t, 0.0) for t in wrap(r.label, "bold", BODY, label_w - 2 * PAD_X)],
                style="bold",
                role="identity-label",
                paragraphs=(r.label,),
            )
        )
        if r.label == words["disahkan"] and signer:
            jab_h = len(r.value_lines) * BODY * LEADING
            items.append(
                text_block(
                    Rect(xv, y, value_w, jab_h + 2 * PAD_Y),
                    r.value_lines,
                    role="identity-value",
                    valign="top",
                    paragraphs=(signer.jabatan or "",),
                )
            )
            tail: list[tuple[str, float]] = []
            if signer.nama:
                tail.append((signer.nama, 0.0))
            if signer.nip:
                tail.append((f"{words['nip']} {signer.nip}", 0.0))
            if tail:
                th = len(tail) * BODY * LEADING
                items.append(
                    text_block(
                        Rect(xv, y + r.height - th - 2 * PAD_Y, value_w, th + 2 * PAD_Y),
                        tail[:1],
                        style="bold",
                        role="identity-signer",
                        valign="top",
                        paragraphs=(signer.nama or "",),
                    )
                )
                if len(tail) > 1:
                    items.append(
                        text_block(
                            Rect(
                                xv,
                                y + r.height - th - 2 * PAD_Y + BODY * LEADING,
                                value_w,
                                BODY * LEADING + 2 * PAD_Y,
                            ),
                            tail[1:],
                            role="identity-nip",
                            valign="top",
                            paragraphs=(signer.nip or "",),
                        )
                    )
        else:
            items.append(
                text_block(
                    Rect(xv, y, value_w, r.height),
                    r.value_lines,
                    style=r.style,
                    size=size,
                    role="identity-value",
                    paragraphs=(" ".join(t for t, _ in r.value_lines),),
                )
            )
        y += r.height
        if r is not rows[-1]:
            items.append(Rule((xl, y), (x0 + width, y), INNER_RULE, GRID))
    header_bottom = top + total
    rules = [
        Rule((xl, top), (xl, header_bottom), INNER_RULE, GRID),
        Rule((xv, top), (xv, header_bottom), INNER_RULE, GRID),
    ]
    items.extend(rules)
    items.extend(_frame_rules(Rect(x0, top, width, total)))

    # The grid of lists, two columns.
    half = width / 2
    inner = half - 2 * PAD_X
    pairs = [
        ((words["dasar_hukum"], sop.dasar_hukum), (words["kualifikasi"], sop.kualifikasi_pelaksana)),
        ((words["keterkaitan"], sop.keterkaitan), (words["peralatan"], sop.peralatan)),
        ((words["peringatan"], sop.peringatan), (words["pencatatan"], sop.pencatatan)),
    ]
    pages: list[list[Item]] = [items]
    y = header_bottom + 10
    label_h = BODY * LEADING + 2 * PAD_Y + 1
    page_bottom = page_h - margin - (VERIFY_H if options.verify_url else 0.0)
    section_top = y
    for pair in pairs:
        wrapped = [
            wrap_items(list(values) or ["-"], "regular", BODY, inner, bullets=bool(values))
            for _, values in pair
        ]
        body_lines = max(len(w) for w in wrapped)
        start = 0
        while True:
            room = page_bottom - y - label_h - 2 * PAD_Y
            fit = max(1, int(room // (BODY * LEADING)))
            count = min(fit, body_lines - start)
            if y + label_h + 2 * PAD_Y + lines_height(count) > page_bottom and y > margin + 1:
                pages[-1].extend(_frame_rules(Rect(x0, section_top, width, y - section_top)))
                pages.append([])
                y = margin
                section_top = y
                continue
            body_h = max(lines_height(count) + 2 * PAD_Y, 36.0 if start == 0 else 0.0)
            page_items = pages[-1]
            page_items.append(Box(Rect(x0, y, width, label_h), SHADE, None, role="header-shade"))
            for k, (label, values) in enumerate(pair):
                cx = x0 + k * half
                title = label if start == 0 else f"{label} {words['continued']}"
                page_items.append(
                    text_block(
                        Rect(cx, y, half, label_h),
                        [(title, 0.0)],
                        style="bold",
                        role="identity-label",
                        paragraphs=(label,),
                    )
                )
                chunk = wrapped[k][start : start + count]
                if chunk:
                    page_items.append(
                        text_block(
                            Rect(cx, y + label_h, half, body_h),
                            chunk,
                            valign="top",
                            role="identity-list",
                            paragraphs=tuple(values),
                            bullet=bool(values),
                        )
                    )
            page_items.append(Rule((x0, y + label_h), (x0 + width, y + label_h), INNER_RULE, GRID))
            page_items.append(Rule((x0 + half, y), (x0 + half, y + label_h + body_h), INNER_RULE, GRID))
            y += label_h + body_h
            page_items.append(Rule((x0, y), (x0 + width, y), INNER_RULE, GRID))
            start += count
            if start >= body_lines:
                break
            pages[-1].extend(_frame_rules(Rect(x0, section_top, width, y - section_top)))
            pages.append([])
            y = margin
            section_top = y
    pages[-1].extend(_frame_rules(Rect(x0, section_top, width, y - section_top)))
    if options.verify_url:
        pages[0].extend(_verification(options.verify_url, x0, page_h - margin - VERIFY_H + 8, width, words))
    portrait = options.portrait
    return IdentityLayout(
        tuple(Page(portrait, tuple(p), i + 1, "portrait") for i, p in enumerate(pages)), sop.nama
    )


VERIFY_H = 66.0
"""The strip at the foot of a decreed SOP's identity sheet that holds its QR code and address."""
QR_SIDE = 56.0


def _verification(url: str, x0: float, y0: float, width: float, words: dict[str, str]) -> list[Item]:
    """The QR code of ``url`` (its dark modules as black boxes, one per run along a row, so every renderer
    draws it as vectors) with the address beside it."""
    import segno

    qr = segno.make(url, error="m", micro=False)
    matrix = qr.matrix
    module = QR_SIDE / len(matrix)
    items: list[Item] = []
    for row_index, row in enumerate(matrix):
        col = 0
        while col < len(row):
            if not row[col]:
                col += 1
                continue
            start = col
            while col < len(row) and row[col]:
                col += 1
            rect = Rect(x0 + start * module, y0 + row_index * module, (col - start) * module, module)
            items.append(Box(rect, "#000000", None, 0.0, role="qr"))
    text_x = x0 + QR_SIDE + 8
    inner = width - QR_SIDE - 8 - 2 * PAD_X
    half = QR_SIDE / 2
    items.append(
        text_block(
            Rect(text_x, y0, inner + 2 * PAD_X, half),
            [(t, 0.0) for t in wrap(words["verifikasi"], "regular", MIN_FONT, inner)],
            size=MIN_FONT,
            valign="bottom",
            role="verify-text",
            paragraphs=(words["verifikasi"],),
        )
    )
    items.append(
        text_block(
            Rect(text_x, y0 + half, inner + 2 * PAD_X, half),
            [(t, 0.0) for t in wrap(url, "bold", MIN_FONT, inner)],
            style="bold",
            size=MIN_FONT,
            valign="top",
            role="verify-url",
            paragraphs=(url,),
        )
    )
    return items


def _frame_rules(rect: Rect) -> list[Rule]:
    x0, y0, x1, y1 = rect.x, rect.y, rect.right, rect.bottom
    return [
        Rule((x0, y0), (x1, y0), OUTER_RULE, GRID),
        Rule((x0, y1), (x1, y1), OUTER_RULE, GRID),
        Rule((x0, y0), (x0, y1), OUTER_RULE, GRID),
        Rule((x1, y0), (x1, y1), OUTER_RULE, GRID),
    ]
