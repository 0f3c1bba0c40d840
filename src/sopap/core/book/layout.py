"""The Buku SOP and the Keputusan penetapan laid out as pages of the geometry model.

The book is: cover; Kata Pengantar and Daftar Isi (numbered i, ii...); Bab I Pendahuluan (numbered from
1); Bab II with every SOP as the single render draws it (its identity sheet, then its procedure sheet);
Bab III Penutup; the Keputusan and its Lampiran. Everything after the Daftar Isi is laid out first; the
Daftar Isi is laid out once to count its pages and again with the real numbers, its number column being
of fixed width so the second pass fills the same pages.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from sopap.core.book.content import Book, ResolvedKeputusan
from sopap.core.book.flow import BODY_SIZE, SMALL_SIZE, Cell, Flow, Label, roman
from sopap.core.book.settings import Penandatangan, UnitOrganisasi
from sopap.core.dates import format_date
from sopap.core.i18n import N_, Words
from sopap.core.layout.blocks import LEADING, text_block
from sopap.core.layout.engine import layout_procedure
from sopap.core.layout.geometry import Box, Connector, FontStyle, Item, Page, Picture, Rect, Symbol
from sopap.core.layout.identity import layout_identity
from sopap.core.layout.options import RenderOptions
from sopap.core.layout.text import text_width, wrap

WORDS = Words(
    {
        "sop": N_("STANDAR OPERASIONAL PROSEDUR"),
        "tahun": N_("TAHUN {tahun}"),
        "logo": N_("LOGO"),
        "kata_pengantar": N_("KATA PENGANTAR"),
        "daftar_isi": N_("DAFTAR ISI"),
        "bab1": N_("BAB I PENDAHULUAN"),
        "latar": N_("Latar Belakang"),
        "lingkup": N_("Ruang Lingkup"),
        "susunan": N_("Susunan organisasi {perangkat_daerah} terdiri dari:"),
        "landasan": N_("Landasan Hukum"),
        "maksud": N_("Maksud dan Tujuan"),
        "tujuan_intro": N_("Tujuan penyusunan Standar Operasional Prosedur adalah:"),
        "manfaat": N_("Manfaat"),
        "manfaat_intro": N_("Manfaat Standar Operasional Prosedur sebagai berikut:"),
        "simbol": N_("Makna Simbol SOP"),
        "simbol_intro": N_(
            "Simbol yang digunakan dalam SOP hanya terdiri dari 5 (lima) simbol, yaitu: 4 (empat) simbol dasar "
            "flowcharts (Basic Symbol of Flowcharts) dan 1 (satu) simbol penghubung ganti halaman (Off-Page "
            "Connector). Kelima simbol yang dipergunakan tersebut adalah sebagai berikut:"
        ),
        "kolom_simbol": N_("SIMBOL"),
        "kolom_sebutan": N_("SEBUTAN"),
        "kolom_definisi": N_("DEFINISI"),
        "def_terminator": N_("Mendeskripsikan kegiatan mulai dan berakhir"),
        "def_process": N_("Mendeskripsikan proses atau kegiatan eksekusi atau proses pelaksanaan kegiatan"),
        "def_decision": N_("Mendeskripsikan kegiatan pengambilan keputusan"),
        "def_arrow": N_("Mendeskripsikan arah kegiatan (arah proses kegiatan)"),
        "def_offpage": N_(
            "Mendeskripsikan hubungan antarsimbol yang berbeda halaman (penghubung ganti halaman)"
        ),
        "bab2": N_("BAB II STANDAR OPERASIONAL PROSEDUR"),
        "bab3": N_("BAB III PENUTUP"),
        "keputusan": N_("KEPUTUSAN"),
        "lampiran_keputusan": N_("LAMPIRAN KEPUTUSAN"),
        "nomor": N_("NOMOR"),
        "tentang": N_("TENTANG"),
        "tanggal": N_("TANGGAL"),
        "menimbang": N_("Menimbang"),
        "mengingat": N_("Mengingat"),
        "memutuskan": N_("MEMUTUSKAN:"),
        "menetapkan": N_("Menetapkan"),
        "ditetapkan_di": N_("Ditetapkan di {tempat}"),
        "pada_tanggal": N_("pada tanggal {tanggal}"),
        "tembusan": N_("Tembusan:"),
        "daftar_sop": N_("DAFTAR STANDAR OPERASIONAL PROSEDUR"),
        "no": N_("No"),
        "nomor_sop": N_("Nomor SOP"),
        "nama_sop": N_("Nama SOP"),
        "unit": N_("Unit"),
        "nip": N_("NIP. {nip}"),
    }
)

BLANK_NUMBER = "...................."
"""Printed where the Keputusan's number or date is not known yet: the space to write it in by hand."""

TOC_NUMBER_W = 34.0


@dataclass
class BookLayout:
    """Every page in order; ``labels`` the number printed in each page's footer ("" for none);
    ``toc`` the Daftar Isi's entries (level, text, label of the page it points at); ``sop_pages`` the
    index of each SOP's first page; ``logo`` the cover's logo slot (page 0) when a logo is drawn."""

    pages: list[Page]
    labels: list[str]
    toc: list[tuple[int, str, str]] = field(default_factory=list)
    sop_pages: list[int] = field(default_factory=list)
    logo: Rect | None = None


def _upper(text: str) -> str:
    return text.upper()


def _date_or_blank(value: object, lang: str) -> str:
    import datetime as dt

    return format_date(value, lang) if isinstance(value, dt.date) else BLANK_NUMBER


# ------------------------------------------------------------------------------------------------ cover


def _cover(book: Book, options: RenderOptions, *, logo: bool) -> tuple[Page, Rect]:
    words = WORDS(options.lang)
    flow = Flow(options.portrait)
    flow.space(90)
    flow.text(words["sop"], style="bold", size=20, align="center", role="cover-title", after=10)
    if book.judul:
        flow.text(_upper(book.judul), style="bold", size=15, align="center", role="cover-judul", after=6)
    flow.space(70)
    side = 130.0
    slot = Rect(flow.left + flow.width / 2 - side / 2, flow.y, side, side)
    if not logo:
        flow.add(Box(slot, None, "#9AA5B1", 0.8, role="logo", dashed=True))
        flow.add(text_block(slot, [(words["logo"], 0.0)], size=12, align="center", role="logo-text"))
    flow.y = slot.bottom + 80
    # A Pemda-wide book is of the Pemda itself: its name is printed once.
    for text in dict.fromkeys((book.perangkat_daerah, book.pemerintah)):
        if text:
            flow.text(_upper(text), style="bold", size=15, align="center", role="cover-instansi", after=4)
    flow.space(10)
    flow.text(
        words["tahun"].format(tahun=book.tahun), style="bold", size=15, align="center", role="cover-tahun"
    )
    return flow.finish()[0], slot


# ------------------------------------------------------------------------------------------ signatures


def _signature_details(signer: Penandatangan, lang: str) -> list[str]:
    details = [signer.pangkat] if signer.pangkat else []
    if signer.nip:
        details.append(WORDS(lang)["nip"].format(nip=signer.nip))
    return details


# ---------------------------------------------------------------------------------------- front matter


def _kata_pengantar(book: Book, options: RenderOptions) -> list[Page]:
    words = WORDS(options.lang)
    flow = Flow(options.portrait)
    flow.heading(words["kata_pengantar"], after=16)
    for text in book.kata_pengantar:
        flow.text(text, indent=0, after=8)
    flow.space(14)
    place = f"{book.tempat}, {format_date(book.tanggal, options.lang)}" if book.tanggal else f"{book.tempat},"
    signer = book.penandatangan
    flow.signature([place], signer.jabatan, signer.nama, _signature_details(signer, options.lang))
    return flow.finish()


def _toc(entries: Sequence[tuple[int, str, str]], options: RenderOptions) -> list[Page]:
    words = WORDS(options.lang)
    flow = Flow(options.portrait)
    flow.heading(words["daftar_isi"], after=16)
    size = BODY_SIZE
    leading = size * LEADING
    dot_w = text_width(".", "regular", size)
    for level, text, label in entries:
        indent = 18.0 * level
        style: FontStyle = "bold" if level == 0 else "regular"
        width = flow.width - indent - TOC_NUMBER_W - 6
        lines = wrap(text, style, size, width)
        flow.ensure(len(lines) * leading)
        top = flow.y
        flow.text(text, indent=indent, width=width, style=style, size=size, role="toc-entry", keep=len(lines))
        # Dot leaders from the end of the entry's last line to the number, then the number at the right.
        baseline_top = flow.y - leading
        last_w = text_width(lines[-1], style, size) if lines else 0.0
        start = flow.left + indent + last_w + 4
        end = flow.right - TOC_NUMBER_W - 2
        dots = "." * max(0, int((end - start) / dot_w))
        if dots:
            flow.add(
                text_block(
                    Rect(end - len(dots) * dot_w, baseline_top, len(dots) * dot_w + 1, leading),
                    [(dots, 0.0)],
                    size=size,
                    valign="top",
                    role="toc-leader",
                    pad_x=0,
                    pad_y=0,
                )
            )
        flow.add(
            text_block(
                Rect(flow.right - TOC_NUMBER_W, baseline_top, TOC_NUMBER_W, leading),
                [(label, 0.0)],
                size=size,
                align="right",
                valign="top",
                role="toc-page",
                pad_x=0,
                pad_y=0,
            )
        )
        del top
        flow.space(2)
    return flow.finish()


# --------------------------------------------------------------------------------------------- Bab I


def _symbol_cell(kind: str) -> Callable[[Rect], list[Item]]:
    """The symbol of the Makna Simbol table, drawn by the flowchart's own symbol and connector items."""

    def draw(cell: Rect) -> list[Item]:
        w, h = 64.0, 26.0
        if kind == "decision":
            w, h = 46.0, 34.0
        if kind == "offpage":
            w, h = 22.0, 24.0
        rect = Rect(cell.cx - w / 2, cell.cy - h / 2, w, h)
        if kind == "arrow":
            return [Connector(((cell.cx - 30, cell.cy), (cell.cx + 30, cell.cy)), "flow", 0, 0)]
        label = "A" if kind == "offpage" else ""
        return [Symbol(kind, rect, 0, None, label=label, label_size=9.0)]  # type: ignore[arg-type]

    return draw


def _structure(flow: Flow, units: Sequence[UnitOrganisasi], depth: int, indent: float) -> None:
    numbering = "a" if depth == 0 else "1"
    for i, unit in enumerate(units):
        from sopap.core.book.flow import number_of

        flow.text(
            unit.nama,
            indent=indent + 20,
            labels=[Label(indent, f"{number_of(i, numbering)}.")],
            after=2,
        )
        if unit.unit:
            _structure(flow, unit.unit, depth + 1, indent + 20)


def symbol_definitions(words: dict[str, str]) -> list[tuple[str, str, str]]:
    """Bab I's table of the five symbols (Permenpan RB 35/2012): (symbol, its name, what it means), the same
    in the PDF and the DOCX book."""
    return [
        ("terminator", "Terminator", words["def_terminator"]),
        ("process", "Process", words["def_process"]),
        ("decision", "Decision", words["def_decision"]),
        ("arrow", "Arrow", words["def_arrow"]),
        ("offpage", "Off-Page Connector", words["def_offpage"]),
    ]


def _bab1(book: Book, options: RenderOptions, flow: Flow) -> list[tuple[int, str, str]]:
    """Bab I into ``flow``; returns its Daftar Isi entries (level, text, mark)."""
    words = WORDS(options.lang)
    entries: list[tuple[int, str, str]] = []
    flow.mark("bab1")
    flow.heading(words["bab1"], after=16)
    entries.append((0, words["bab1"], "bab1"))
    letter = iter("ABCDEFGHIJ")

    def section(key: str, title: str) -> None:
        text = f"{next(letter)}. {title}"
        flow.space(6)
        flow.ensure(BODY_SIZE * LEADING * 4)
        flow.mark(key)
        flow.text(title, indent=18, style="bold", labels=[Label(0, text.split(" ")[0], "bold")], after=6)
        entries.append((1, text, key))

    section("latar", words["latar"])
    for text in book.latar_belakang:
        flow.text(text, indent=18, after=6)
    section("lingkup", words["lingkup"])
    for text in book.ruang_lingkup:
        flow.text(text, indent=18, after=6)
    if book.struktur:
        flow.text(words["susunan"].format(perangkat_daerah=book.perangkat_daerah), indent=18, after=4)
        _structure(flow, book.struktur, 0, 18)
        flow.space(4)
    section("landasan", words["landasan"])
    flow.items(book.landasan_hukum, indent=18)
    section("maksud", words["maksud"])
    for text in book.maksud:
        flow.text(text, indent=18, after=6)
    if book.tujuan:
        flow.text(words["tujuan_intro"], indent=18, after=4)
        flow.items(book.tujuan, indent=18)
    section("manfaat", words["manfaat"])
    flow.text(words["manfaat_intro"], indent=18, after=4)
    flow.items(book.manfaat, indent=18)
    section("simbol", words["simbol"])
    flow.text(words["simbol_intro"], indent=18, after=8)
    rows = symbol_definitions(words)
    widths = [110.0, 110.0, flow.width - 18 - 220.0]
    flow.table(
        widths,
        [Cell(words[k], "bold", "center") for k in ("kolom_simbol", "kolom_sebutan", "kolom_definisi")],
        [
            [Cell(draw=_symbol_cell(kind), min_height=48.0), Cell(name, align="center"), Cell(text)]
            for kind, name, text in rows
        ],
        indent=18,
    )
    return entries


# ------------------------------------------------------------------------------------------ Keputusan


def keputusan_flow(k: ResolvedKeputusan, book: Book, options: RenderOptions, flow: Flow) -> None:
    """The Keputusan (its decree, then its Lampiran on a new page) into ``flow``."""
    words = WORDS(options.lang)
    lang = options.lang
    flow.mark("keputusan")
    if options.logo is not None:
        # The lambang daerah heads a decree, centred above its title.
        side = 56.0
        flow.add(Picture(Rect(flow.left + flow.width / 2 - side / 2, flow.y, side, side), role="logo"))
        flow.space(side + 12)
    flow.text(f"{words['keputusan']} {k.jabatan}", style="bold", align="center", role="keputusan-title")
    flow.text(f"{words['nomor']}: {k.nomor or BLANK_NUMBER}", style="bold", align="center", after=10)
    flow.text(words["tentang"], style="bold", align="center", after=10)
    flow.text(k.tentang, style="bold", align="center", role="keputusan-tentang", after=14)
    flow.text(f"{k.jabatan},", style="bold", align="center", after=14)
    head_w = 78.0
    colon_x = head_w
    body = head_w + 10

    def clause(head: str, texts: Sequence[str], numbering: str | None) -> None:
        for i, text in enumerate(texts):
            labels = [Label(0, head), Label(colon_x, ":")] if i == 0 else []
            if numbering is None:
                flow.text(text, indent=body, labels=labels, after=4)
            else:
                from sopap.core.book.flow import number_of

                labels.append(Label(body, f"{number_of(i, numbering)}."))
                flow.text(text, indent=body + 18, labels=labels, after=4)
        flow.space(8)

    clause(words["menimbang"], k.menimbang, "a")
    clause(words["mengingat"], k.mengingat, "1")
    flow.text(words["memutuskan"], style="bold", align="center", after=10)
    clause(words["menetapkan"], [f"{words['keputusan']} {k.jabatan} {words['tentang']} {k.tentang}."], None)
    for diktum in k.diktum:
        flow.text(diktum.text, indent=body, labels=[Label(0, diktum.label), Label(colon_x, ":")], after=6)
    flow.space(16)
    _keputusan_signature(k, flow, lang)
    if k.tembusan:
        flow.space(20)
        flow.ensure(BODY_SIZE * LEADING * 3)
        flow.text(words["tembusan"], size=SMALL_SIZE, after=2)
        flow.items(k.tembusan, size=SMALL_SIZE, label_w=18, after=1)
    # The Lampiran
    flow.new_page()
    flow.mark("lampiran")
    box_x = flow.width * 0.45
    lines = [
        (f"{words['lampiran_keputusan']} {k.jabatan}", None),
        (words["nomor"], k.nomor or BLANK_NUMBER),
        (words["tanggal"], _date_or_blank(k.tanggal, lang)),
        (words["tentang"], k.tentang),
    ]
    for head, value in lines:
        if value is None:
            flow.text(head, indent=box_x, size=SMALL_SIZE, after=2)
        else:
            flow.text(
                value,
                indent=box_x + 64,
                size=SMALL_SIZE,
                labels=[Label(box_x, head), Label(box_x + 56, ":")],
                after=2,
            )
    flow.space(16)
    flow.text(words["daftar_sop"], style="bold", align="center", after=10)
    width = flow.width
    widths = [28.0, 100.0, width - 128.0 - 150.0, 150.0]
    header = [Cell(words[key], "bold", "center") for key in ("no", "nomor_sop", "nama_sop", "unit")]
    rows = [
        [
            Cell(str(i), align="center"),
            Cell(sop.nomor or "-"),
            Cell(sop.nama),
            Cell(book.unit_of(sop)),
        ]
        for i, sop in enumerate(k.sops, start=1)
    ]
    flow.table(widths, header, rows)
    flow.space(20)
    _keputusan_signature(k, flow, lang, place=False)


def _keputusan_signature(k: ResolvedKeputusan, flow: Flow, lang: str, *, place: bool = True) -> None:
    words = WORDS(lang)
    heading = (
        [
            words["ditetapkan_di"].format(tempat=k.tempat),
            words["pada_tanggal"].format(tanggal=_date_or_blank(k.tanggal, lang)),
            "",
        ]
        if place
        else []
    )
    signer = k.penandatangan
    flow.signature(
        heading,
        _upper(signer.jabatan or k.jabatan),
        signer.nama,
        _signature_details(signer, lang),
        bold_jabatan=True,
    )


# --------------------------------------------------------------------------------------------- footer


def _with_footer(page: Page, label: str) -> Page:
    if not label:
        return page
    size = 9.0
    width = text_width(label, "regular", size)
    block = text_block(
        Rect(page.width / 2 - width / 2 - 2, page.height - 24.0, width + 4, size * LEADING),
        [(label, 0.0)],
        size=size,
        align="center",
        valign="top",
        role="book-page-number",
        pad_x=0,
        pad_y=0,
    )
    return Page(page.size, (*page.items, block), page.number, page.orientation)


# ---------------------------------------------------------------------------------------------- books


def sop_pages(book: Book, options: RenderOptions) -> list[list[Page]]:
    """Each SOP's pages exactly as its single render has them: identity sheet, then procedure sheet."""
    return [
        [*layout_identity(sop, options).pages, *layout_procedure(sop, options).pages] for sop in book.sops
    ]


def layout_book(
    book: Book,
    options: RenderOptions | None = None,
    *,
    keputusan: bool = True,
    logo: bool = False,
    sops: list[list[Page]] | None = None,
) -> BookLayout:
    """The whole book; ``sops`` are the SOPs' pages when already laid out (on every core)."""
    options = options or RenderOptions()
    words = WORDS(options.lang)
    cover, slot = _cover(book, options, logo=logo)
    kata = _kata_pengantar(book, options)

    # The body, in parts: each part's pages, and marks as (key, index in the body).
    body: list[Page] = []
    marks: dict[str, int] = {}

    def take(flow: Flow) -> None:
        for key, index in flow.marks.items():
            marks[key] = len(body) + index
        body.extend(flow.finish())

    intro = Flow(options.portrait)
    entries = _bab1(book, options, intro)
    take(intro)

    divider = Flow(options.portrait)
    divider.space(divider.bottom / 2 - 80)
    divider.mark("bab2")
    divider.text(words["bab2"], style="bold", size=16, align="center", role="book-heading")
    take(divider)
    entries.append((0, words["bab2"], "bab2"))
    laid = sops if sops is not None else sop_pages(book, options)
    first_pages: list[int] = []
    unit = None
    for i, (sop, pages) in enumerate(zip(book.sops, laid, strict=True)):
        unit_name = book.unit_of(sop)
        key = f"sop:{i}"
        if unit_name != unit:
            unit = unit_name
            entries.append((1, unit_name, key))
        entries.append((2, f"{sop.nomor} {sop.nama}" if sop.nomor else sop.nama, key))
        marks[key] = len(body)
        first_pages.append(len(body))
        body.extend(pages)

    closing = Flow(options.portrait)
    closing.mark("bab3")
    closing.heading(words["bab3"], after=16)
    for text in book.penutup:
        closing.text(text, after=8)
    closing.space(14)
    take(closing)
    entries.append((0, words["bab3"], "bab3"))

    if keputusan:
        k = book.keputusan
        decree = Flow(options.portrait)
        keputusan_flow(k, book, options, decree)
        take(decree)
        entries.append((0, f"{words['keputusan']} {k.jabatan}", "keputusan"))
        entries.append((1, words["lampiran_keputusan"], "lampiran"))

    front_entries = [(0, words["kata_pengantar"], "kata"), (0, words["daftar_isi"], "toc")]
    all_entries = front_entries + entries
    # First pass: the Daftar Isi with blank numbers, to know how many pages it fills.
    toc_pages = len(_toc([(lvl, text, "") for lvl, text, _ in all_entries], options))
    front_labels = [roman(i + 1) for i in range(len(kata) + toc_pages)]
    body_labels = [str(i + 1) for i in range(len(body))]
    label_of = {"kata": front_labels[0], "toc": front_labels[len(kata)]}
    label_of.update({key: body_labels[index] for key, index in marks.items()})
    toc_entries = [(lvl, text, label_of[key]) for lvl, text, key in all_entries]
    toc = _toc(toc_entries, options)
    assert len(toc) == toc_pages  # the number column is of fixed width: the same lines, the same pages
    pages = [cover, *kata, *toc, *body]
    labels = ["", *front_labels, *body_labels]
    offset = 1 + len(kata) + len(toc)
    return BookLayout(
        pages=[_with_footer(p, label) for p, label in zip(pages, labels, strict=True)],
        labels=labels,
        toc=toc_entries,
        sop_pages=[offset + i for i in first_pages],
        logo=slot if logo else None,
    )


def layout_keputusan(book: Book, options: RenderOptions | None = None) -> BookLayout:
    """The Keputusan alone: the decree and its Lampiran, numbered from its second page."""
    options = options or RenderOptions()
    flow = Flow(options.portrait)
    keputusan_flow(book.keputusan, book, options, flow)
    pages = flow.finish()
    labels = ["" if i == 0 else f"- {i + 1} -" for i in range(len(pages))]
    return BookLayout([_with_footer(p, label) for p, label in zip(pages, labels, strict=True)], labels)
