"""Builds realistic Word and Excel SOP files from SOP models, for the import fidelity tests.

The layout follows the seed documents (the Serang Buku SOP 2019): an identity table (logo column with
PEMERINTAH / DINAS / unit in capitals; Nomor, Tanggal Pembuatan/Revisi/Efektif, Di sahkan oleh, Nama SOP;
then Dasar Hukum | Kualifikasi Pelaksana, Keterkaitan | Peralatan, Peringatan | Pencatatan with their
contents below, bullets typed as "· "), a procedure table with a two-row merged header (Uraian Prosedur
over No; Pelaksana over the actor columns; Mutu Baku over Kelengkapan/Waktu/Output; Ket.), and the
signature block below. The flowchart is drawn as Word draws it, in one of several dialects (``shapes``):

``cell``       DrawingML shapes anchored in the actor cell of their row (Choice) with VML Fallback, connectors,
               Y/T text boxes in the target rows
``next-cell``  the same shapes anchored in the cell to the left, pushed right by their offset
``canvas``     one drawing canvas (wpc) anchored once in the table, shapes placed by absolute offsets
``group``      one group (wpg) with its own child coordinate space
``vml``        legacy VML only (v:rect, v:roundrect, v:shape type 110, v:line, t202 text boxes)
``symbols``    characters typed in the cells (○ □ ◇ and arrows), Y/T typed in the target rows
``text``       no drawing: the step text names the actor ("Sekretaris memverifikasi ...")

Workbooks (``build_xlsx``) draw the shapes in the sheet's drawing part, one anchor each (``shapes``) or
grouped into one ``xdr:grpSp`` with its own child space (``group``), or type them (``symbols``, ``text``).
Options add the other variants: synonyms in the headers, a column-number row, `1.1` numbering inside
cells, the procedure table split across pages with its header repeated, a Buku with cover and prose.
Run as a script to write the corpus to a folder: ``python tests/importers/corpus.py OUTDIR``.
"""

from __future__ import annotations

import functools
import io
import zipfile
from dataclasses import dataclass
from pathlib import Path

from lxml import etree

from sopap.core.dates import format_date
from sopap.core.model import SOP, Langkah, Simbol
from sopap.core.sopfile import load

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = ROOT / "examples" / "serang"
SHAPE_VARIANTS = ("cell", "next-cell", "canvas", "group", "vml", "symbols", "text")

NSDECL = (
    'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" '
    'xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" '
    'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" '
    'xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape" '
    'xmlns:wpg="http://schemas.microsoft.com/office/word/2010/wordprocessingGroup" '
    'xmlns:wpc="http://schemas.microsoft.com/office/word/2010/wordprocessingCanvas" '
    'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" '
    'xmlns:v="urn:schemas-microsoft-com:vml" xmlns:o="urn:schemas-microsoft-com:office:office"'
)
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
TWIP = 635  # EMU
MARGIN = 108  # twips: Word's default cell margin


def serang_sops() -> list[SOP]:
    return [load(p.read_text(encoding="utf-8"), path=str(p)) for p in sorted(EXAMPLES.glob("*.sop.yaml"))]


def synthetic_sops() -> list[SOP]:
    """SOPs the Serang book lacks: joint steps, keterangan, several decisions, lists, a decision to `selesai`."""
    base = dict(
        pemerintah="Pemerintah Kabupaten Buleleng",
        instansi="Dinas Komunikasi, Informatika, Persandian dan Statistik Kabupaten Buleleng",
        unit=["Bidang Persandian", "Seksi Keamanan Informasi"],
        disahkan_oleh={
            "jabatan": "Kepala Dinas Komunikasi, Informatika, Persandian dan Statistik Kabupaten Buleleng",
            "nama": "Ketut Suwarmawan, S.STP., MM",
            "nip": "19810711 200112 1 002",
        },
        dasar_hukum=[
            "Peraturan Badan Siber dan Sandi Negara Nomor 10 Tahun 2019",
            "Peraturan Bupati Buleleng Nomor 3 Tahun 2023",
        ],
        kualifikasi_pelaksana=["Memahami persandian", "Mampu mengoperasikan komputer"],
        peralatan=["Komputer", "Jaringan internet", "Aplikasi TTE"],
        peringatan=["Kunci privat tidak boleh dibagikan"],
        pencatatan=["Buku register sertifikat elektronik"],
        tanggal_pembuatan="2023-02-27",
        tanggal_revisi="2023-06-01",
        tanggal_efektif="2023-03-01",
    )
    first = SOP.model_validate(
        {
            **base,
            "nama": "Penerbitan Sertifikat Elektronik",
            "nomor": "800/0560/Kominfosanti/2023",
            "keterkaitan": ["Pengelolaan Aplikasi TTE"],
            "pelaksana": ["Pemohon", "Operator", "Verifikator", "Kepala Bidang"],
            "langkah": [
                {
                    "kegiatan": "Mengajukan permohonan sertifikat elektronik",
                    "pelaksana": "Pemohon",
                    "kelengkapan": ["Surat Permohonan", "KTP", "SK Jabatan"],
                    "waktu": "10 menit",
                    "output": "Permohonan",
                    "keterangan": "Melalui aplikasi",
                },
                {
                    "kegiatan": "Memeriksa kelengkapan berkas permohonan",
                    "pelaksana": "Operator",
                    "keputusan": {"ya": 4, "tidak": 3},
                    "kelengkapan": "Permohonan",
                    "waktu": "30 menit",
                    "output": "Berkas diperiksa",
                },
                {
                    "kegiatan": "Mengembalikan berkas untuk dilengkapi",
                    "pelaksana": "Operator",
                    "kelengkapan": "Berkas diperiksa",
                    "waktu": "10 menit",
                    "output": "Berkas dikembalikan",
                },
                {
                    "kegiatan": "Verifikasi identitas pemohon bersama operator",
                    "pelaksana": ["Operator", "Verifikator"],
                    "kelengkapan": "Berkas lengkap",
                    "waktu": "1 jam",
                    "output": "Identitas terverifikasi",
                },
                {
                    "kegiatan": "Menyetujui penerbitan sertifikat",
                    "pelaksana": "Kepala Bidang",
                    "keputusan": {"ya": 6, "tidak": "selesai"},
                    "kelengkapan": "Identitas terverifikasi",
                    "waktu": "1 hari",
                    "output": "Persetujuan",
                },
                {
                    "kegiatan": "Menerbitkan dan menyerahkan sertifikat elektronik",
                    "pelaksana": "Operator",
                    "kelengkapan": "Persetujuan",
                    "waktu": "2 jam",
                    "output": ["Sertifikat elektronik", "Berita acara"],
                    "keterangan": "Diarsipkan",
                },
            ],
        }
    )
    second = SOP.model_validate(
        {
            **base,
            "nama": "Pencabutan Sertifikat Elektronik",
            "nomor": "800/0561/Kominfosanti/2023",
            "tanggal_revisi": None,
            "pelaksana": ["Pemilik Sertifikat", "Operator", "Kepala Bidang"],
            "langkah": [
                {
                    "kegiatan": "Mengajukan pencabutan sertifikat",
                    "pelaksana": "Pemilik Sertifikat",
                    "kelengkapan": "Formulir pencabutan",
                    "waktu": "10 menit",
                    "output": "Permohonan pencabutan",
                },
                {
                    "kegiatan": "Memeriksa alasan pencabutan",
                    "pelaksana": "Operator",
                    "kelengkapan": "Permohonan pencabutan",
                    "waktu": "30 menit",
                    "output": "Hasil pemeriksaan",
                },
                {
                    "kegiatan": "Menyetujui pencabutan",
                    "pelaksana": "Kepala Bidang",
                    "keputusan": {"ya": 4, "tidak": 2},
                    "kelengkapan": "Hasil pemeriksaan",
                    "waktu": "1 hari",
                    "output": "Persetujuan",
                },
                {
                    "kegiatan": "Mencabut sertifikat dan memberitahu pemilik",
                    "pelaksana": "Operator",
                    "kelengkapan": "Persetujuan",
                    "waktu": "1 jam",
                    "output": "Sertifikat dicabut",
                },
            ],
        }
    )
    return [first, second]


def for_text_variant(sop: SOP) -> SOP:
    """The same SOP with each step's text naming its actor, as text-only documents do."""
    steps = []
    for step in sop.langkah:
        text = step.kegiatan[0].lower() + step.kegiatan[1:]
        steps.append(step.model_copy(update={"kegiatan": f"{' dan '.join(step.pelaksana)} {text}"}))
    return sop.model_copy(update={"langkah": steps})


@dataclass
class Options:
    shapes: str = "cell"
    synonyms: bool = False
    column_numbers: bool = False
    inline_numbering: bool = False
    split_after: int | None = None  # split the procedure table after this many steps (page break)
    no_number_column: bool = False


# ------------------------------------------------------------------------------------------- DOCX


def build_docx(sops: list[SOP], options: Options | None = None, *, buku: bool = False) -> bytes:
    import docx
    from docx.enum.section import WD_ORIENT
    from docx.enum.text import WD_BREAK
    from docx.shared import Inches

    options = options or Options()
    document = docx.Document()
    section = document.sections[0]
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = Inches(13), Inches(8.5)
    section.left_margin = section.right_margin = Inches(0.8)
    builder = _DocxBuilder(document, options)
    if buku:
        for line in ("STANDAR OPERASIONAL PROSEDUR (SOP)", "DINAS KOMUNIKASI DAN INFORMATIKA", "TAHUN 2019"):
            document.add_paragraph(line)
        document.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
        document.add_paragraph("KATA PENGANTAR")
        document.add_paragraph(
            "Puji dan syukur kami panjatkan. Dokumen ini memuat Standar Operasional Prosedur "
            "yang disusun berdasarkan Peraturan Walikota Serang Nomor 50 Tahun 2017."
        )
        legend = document.add_table(rows=3, cols=3)
        for row, cells in zip(
            legend.rows,
            (
                ("SIMBOL", "SEBUTAN", "DEFINISI"),
                ("", "Terminator", "Mulai/akhir"),
                ("", "Decision", "Keputusan"),
            ),
            strict=True,
        ):
            for cell, text in zip(row.cells, cells, strict=True):
                cell.text = text
        document.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
    for index, sop in enumerate(sops):
        if index:
            document.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
        builder.sop(sop)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def _caps(text: str | None) -> str:
    return (text or "").upper()


class _DocxBuilder:
    def __init__(self, document: object, options: Options) -> None:
        self.document = document
        self.options = options
        self.ids = 100

    def next_id(self) -> int:
        self.ids += 1
        return self.ids

    # identity ------------------------------------------------------------------------------------
    def sop(self, sop: SOP) -> None:
        self.identity(sop)
        self.document.add_paragraph()  # type: ignore[attr-defined]
        steps = list(enumerate(sop.langkah))
        split = self.options.split_after
        chunks = [steps] if not split or split >= len(steps) else [steps[:split], steps[split:]]
        for position, chunk in enumerate(chunks):
            if position:
                from docx.enum.text import WD_BREAK

                self.document.add_paragraph().add_run().add_break(WD_BREAK.PAGE)  # type: ignore[attr-defined]
            self.procedure(sop, chunk)
        signer = sop.disahkan_oleh
        if signer:
            self.document.add_paragraph(_caps(signer.jabatan))  # type: ignore[attr-defined]
            self.document.add_paragraph("")  # type: ignore[attr-defined]
            self.document.add_paragraph(_name_caps(signer.nama or ""))  # type: ignore[attr-defined]
            self.document.add_paragraph(f"NIP. {signer.nip}")  # type: ignore[attr-defined]

    def identity(self, sop: SOP) -> None:
        syn = self.options.synonyms
        table = self.document.add_table(rows=12, cols=4)  # type: ignore[attr-defined]
        table.style = "Table Grid"
        _set_widths(table, [3600, 2600, 1000, 7000])
        left = [
            _caps(sop.pemerintah),
            "",
            _caps(_instansi_short(sop)),
            "",
            _caps(sop.unit[0]) if sop.unit else "",
            _caps(sop.unit[1]) if len(sop.unit) > 1 else "",
        ]
        labels = [
            ("Nomor SOP" if syn else "Nomor ", sop.nomor or "-"),
            ("Tgl Pembuatan" if syn else "Tanggal Pembuatan", _date(sop.tanggal_pembuatan)),
            ("Tanggal Revisi", _date(sop.tanggal_revisi)),
            ("Tanggal Efektif", _date(sop.tanggal_efektif)),
            (
                "Disahkan oleh" if syn else "Di sahkan oleh",
                _caps(sop.disahkan_oleh.jabatan if sop.disahkan_oleh else ""),
            ),
            ("Nama Standar Operasional Prosedur" if syn else "Nama SOP", sop.nama),
        ]
        for r in range(6):
            row = table.rows[r]
            row.cells[0].text = left[r]
            a = row.cells[1].merge(row.cells[2])
            a.text = labels[r][0]
            row.cells[3].text = labels[r][1]
        pairs = [
            (
                "Dasar Hukum",
                sop.dasar_hukum,
                "Kualitas Pelaksana" if syn else "Kualifikasi Pelaksana",
                sop.kualifikasi_pelaksana,
            ),
            ("Keterkaitan dengan SOP lain", sop.keterkaitan, "Peralatan / Perlengkapan", sop.peralatan),
            ("Peringatan ", sop.peringatan, "Pencatatan dan Pendataan / Dokumentasi", sop.pencatatan),
        ]
        for index, (l1, v1, l2, v2) in enumerate(pairs):
            head = table.rows[6 + 2 * index]
            body = table.rows[7 + 2 * index]
            head.cells[0].merge(head.cells[1]).text = l1
            head.cells[2].merge(head.cells[3]).text = l2
            _bullets(body.cells[0].merge(body.cells[1]), v1, last_dot=index == 0)
            _bullets(body.cells[2].merge(body.cells[3]), v2)

    # procedure -----------------------------------------------------------------------------------
    def procedure(self, sop: SOP, chunk: list[tuple[int, Langkah]]) -> None:
        options = self.options
        actors = sop.actors
        n = len(actors)
        widths = [500, 3000, *([1300] * n), 1900, 900, 1900, 900]
        header_rows = 2 + (1 if options.column_numbers else 0)
        table = self.document.add_table(rows=header_rows + len(chunk), cols=len(widths))  # type: ignore[attr-defined]
        table.style = "Table Grid"
        _set_widths(table, widths)
        syn = options.synonyms
        top, sub = table.rows[0], table.rows[1]
        if options.no_number_column:
            top.cells[0].merge(sub.cells[1]).text = "Kegiatan" if syn else "Uraian Prosedur"
        else:
            top.cells[0].merge(sub.cells[0]).text = "No"
            top.cells[1].merge(sub.cells[1]).text = "Uraian Kegiatan" if syn else "Uraian Prosedur"
        top.cells[2].merge(top.cells[1 + n]).text = "Pelaksana"
        top.cells[2 + n].merge(top.cells[4 + n]).text = "Mutu Baku"
        top.cells[5 + n].merge(sub.cells[5 + n]).text = "Keterangan" if syn else "Ket."
        for k, actor in enumerate(actors):
            sub.cells[2 + k].text = actor
        sub.cells[2 + n].text = "Persyr/Klkpn" if syn else "Kelengkapan"
        sub.cells[3 + n].text = "Waktu"
        sub.cells[4 + n].text = "Keluaran" if syn else "Output"
        for row in (top, sub):
            _repeat_header(row)
        if options.column_numbers:
            for k, cell in enumerate(table.rows[2].cells):
                cell.text = str(k + 1)
        heights: list[int] = []
        for offset, (index, step) in enumerate(chunk):
            row = table.rows[header_rows + offset]
            height = _row_height(step, widths[1])
            heights.append(height)
            _height(row, height)
            cells = row.cells
            number = f"{index + 1}."
            text = step.kegiatan
            if options.no_number_column:
                text = f"{number} {text}"
            else:
                cells[0].text = number
            cells[1].text = text
            _items(cells[2 + n], step.kelengkapan, options.inline_numbering)
            cells[3 + n].text = step.waktu or ""
            _items(cells[4 + n], step.output, options.inline_numbering)
            cells[5 + n].text = step.keterangan or ""
        self.flowchart(sop, chunk, table, widths, header_rows, heights)

    def flowchart(
        self,
        sop: SOP,
        chunk: list[tuple[int, Langkah]],
        table: object,
        widths: list[int],
        header_rows: int,
        heights: list[int],
    ) -> None:
        variant = self.options.shapes
        actors = sop.actors
        rows = table.rows  # type: ignore[attr-defined]
        col_left = [sum(widths[:k]) for k in range(len(widths) + 1)]
        first_actor = 2
        numbers = {index for index, _ in chunk}
        marks = _marks(sop, numbers)  # row offset -> [(kind, actor col)]
        if variant in ("symbols", "text"):
            for offset, (index, step) in enumerate(chunk):
                for name in step.pelaksana:
                    col = first_actor + actors.index(name)
                    if variant == "symbols":
                        symbol = _symbol_char(sop, index)
                        rows[header_rows + offset].cells[col].text = symbol + (
                            "\n↓" if index + 1 < len(sop.langkah) else ""
                        )
                for kind, col in marks.get(index, []):
                    cell = rows[header_rows + offset].cells[first_actor + col]
                    cell.text = ("        " + kind) if not cell.text else cell.text + "\n" + kind
            return
        # Geometry of each step's shape(s), in twips relative to the table.
        row_top = [0]
        header_height = 0
        for r in range(header_rows):
            header_height += 500
            _height(rows[r], 500)
        for h in heights:
            row_top.append(row_top[-1] + h)
        boxes: dict[int, list[tuple[str, float, float, float, float, int]]] = {}
        for offset, (index, step) in enumerate(chunk):
            kind = _kind(sop, index)
            w, h = (1000, 560) if kind != "decision" else (900, 700)
            for name in step.pelaksana:
                col = first_actor + actors.index(name)
                x = col_left[col] + (widths[col] - w) / 2
                y = header_height + row_top[offset] + (heights[offset] - h) / 2
                boxes.setdefault(offset, []).append((kind, x, y, w, h, col))
        labels: list[tuple[str, float, float, int, int]] = []  # text, x, y, row offset, col
        for offset, (index, _step) in enumerate(chunk):
            for kind, col in marks.get(index, []):
                col += first_actor
                x = col_left[col] + widths[col] * 0.62
                y = header_height + row_top[offset] + 60
                labels.append(("Y" if kind == "Y" else "T", x, y, offset, col))
        if variant in ("canvas", "group"):
            self.one_drawing(
                rows, header_rows, col_left, widths, header_height, row_top, boxes, labels, variant
            )
            return
        for offset, items in boxes.items():
            for kind, x, y, w, h, col in items:
                anchor_col = col if variant != "next-cell" else col - 1
                cell = rows[header_rows + offset].cells[anchor_col]
                dx = x - (col_left[anchor_col] + MARGIN)
                dy = y - (header_height + row_top[offset])
                if variant == "vml":
                    xml = _vml_shape(kind, dx, dy, w, h)
                else:
                    xml = _anchored(
                        _wsp(kind, w, h, self.next_id()),
                        dx,
                        dy,
                        w,
                        h,
                        self.next_id(),
                        fallback=_vml_shape(kind, dx, dy, w, h),
                    )
                _append_run(cell, xml)
            # a connector from this step's first box down to the next step's box
            nxt = boxes.get(offset + 1)
            if nxt:
                _, x0, y0, w0, h0, col0 = items[0]
                _, x1, y1, w1, _h1, _c = nxt[0]
                sx, sy = x0 + w0 / 2, y0 + h0
                ex, ey = x1 + w1 / 2, y1
                cell = rows[header_rows + offset].cells[col0]
                dx = min(sx, ex) - (col_left[col0] + MARGIN)
                dy = sy - (header_height + row_top[offset])
                if variant == "vml":
                    xml = (
                        f'<w:pict {NSDECL}><v:line style="position:absolute;mso-position-horizontal-relative:text;'
                        f'mso-position-vertical-relative:text" from="{(sx - col_left[col0] - MARGIN) / 20}pt,'
                        f'{dy / 20}pt" to="{(ex - col_left[col0] - MARGIN) / 20}pt,{(ey - header_height - row_top[offset]) / 20}pt">'
                        '<v:stroke endarrow="block"/></v:line></w:pict>'
                    )
                else:
                    xml = _anchored(
                        _connector(abs(ex - sx), ey - sy, ex < sx, self.next_id()),
                        dx,
                        dy,
                        max(abs(ex - sx), 1),
                        ey - sy,
                        self.next_id(),
                    )
                _append_run(cell, xml)
        for text, x, y, offset, col in labels:
            cell = rows[header_rows + offset].cells[col]
            dx = x - (col_left[col] + MARGIN)
            dy = y - (header_height + row_top[offset])
            if variant == "vml":
                xml = (
                    f'<w:pict {NSDECL}><v:shape type="#_x0000_t202" style="position:absolute;margin-left:{dx / 20}pt;'
                    f"margin-top:{dy / 20}pt;width:14pt;height:14pt;mso-position-horizontal-relative:text;"
                    f'mso-position-vertical-relative:text" stroked="f"><v:textbox><w:txbxContent><w:p><w:r>'
                    f"<w:t>{text}</w:t></w:r></w:p></w:txbxContent></v:textbox></v:shape></w:pict>"
                )
            else:
                xml = _anchored(_textbox(text, 280, 280), dx, dy, 280, 280, self.next_id())
            _append_run(cell, xml)

    def one_drawing(
        self,
        rows: object,
        header_rows: int,
        col_left: list[int],
        widths: list[int],
        header_height: int,
        row_top: list[int],
        boxes: dict[int, list[tuple[str, float, float, float, float, int]]],
        labels: list[tuple[str, float, float, int, int]],
        variant: str,
    ) -> None:
        # One drawing for the whole flowchart, anchored in the first data row's first actor cell.
        origin_x = col_left[2]
        origin_y = header_height
        width = col_left[-5] - col_left[2]
        height = row_top[-1]
        scale = 2 if variant == "group" else 1
        shift = 5000 if variant == "group" else 0
        children: list[str] = []
        ordered = sorted(boxes.items())
        for offset, items in ordered:
            for kind, x, y, w, h, _col in items:
                children.append(
                    _wsp(
                        kind,
                        w,
                        h,
                        self.next_id(),
                        off=((x - origin_x) * TWIP / scale + shift, (y - origin_y) * TWIP / scale + shift),
                        scale=scale,
                    )
                )
            nxt = boxes.get(offset + 1)
            if nxt:
                _, x0, y0, w0, h0, _c = items[0]
                _, x1, y1, w1, _h1, _c1 = nxt[0]
                sx, sy, ex, ey = x0 + w0 / 2, y0 + h0, x1 + w1 / 2, y1
                children.append(
                    _connector(
                        abs(ex - sx),
                        ey - sy,
                        ex < sx,
                        self.next_id(),
                        off=(
                            (min(sx, ex) - origin_x) * TWIP / scale + shift,
                            (sy - origin_y) * TWIP / scale + shift,
                        ),
                        scale=scale,
                    )
                )
        for text, x, y, _offset, _col in labels:
            children.append(
                _textbox(
                    text,
                    280,
                    280,
                    off=((x - origin_x) * TWIP / scale + shift, (y - origin_y) * TWIP / scale + shift),
                    scale=scale,
                )
            )
        cx, cy = width * TWIP, height * TWIP
        if variant == "canvas":
            inner = f"<wpc:wpc><wpc:bg/><wpc:whole/>{''.join(children)}</wpc:wpc>"
            uri = "http://schemas.microsoft.com/office/word/2010/wordprocessingCanvas"
        else:
            inner = (
                f'<wpg:wgp><wpg:cNvGrpSpPr/><wpg:grpSpPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="{cx:.0f}" cy="{cy:.0f}"/>'
                f'<a:chOff x="{shift}" y="{shift}"/><a:chExt cx="{cx / scale:.0f}" cy="{cy / scale:.0f}"/></a:xfrm>'
                f"</wpg:grpSpPr>{''.join(children)}</wpg:wgp>"
            )
            uri = "http://schemas.microsoft.com/office/word/2010/wordprocessingGroup"
        xml = _anchored(inner, -MARGIN, 0, width, height, self.next_id(), uri=uri)
        cell = rows[header_rows].cells[2]  # type: ignore[index]
        _append_run(cell, xml)


def _instansi_short(sop: SOP) -> str:
    region = (sop.pemerintah or "").replace("Pemerintah ", "")
    if region and sop.instansi.endswith(" " + region):
        return sop.instansi[: -len(region) - 1]
    return sop.instansi


def _name_caps(name: str) -> str:
    # "W. Hari Pamungkas, S.STP, M.Si" -> "W. HARI PAMUNGKAS, S.STP, M.Si": the name in capitals, degrees as written.
    head, _, degrees = name.partition(",")
    return head.upper() + ("," + degrees if degrees else "")


def _date(value: object) -> str:
    import datetime as dt

    return format_date(value) if isinstance(value, dt.date) else "-"


def _kind(sop: SOP, index: int) -> str:
    symbol = sop.symbol_of(index + 1)
    return {Simbol.MULAI: "terminator", Simbol.SELESAI: "terminator", Simbol.KEPUTUSAN: "decision"}.get(
        symbol, "process"
    )


def _symbol_char(sop: SOP, index: int) -> str:
    return {"terminator": "○", "decision": "◇", "process": "□"}[_kind(sop, index)]


def _marks(sop: SOP, numbers: set[int]) -> dict[int, list[tuple[str, int]]]:
    """Y/T marks in the target rows, in the decision's actor column, as the seeds draw them."""
    out: dict[int, list[tuple[str, int]]] = {}
    actors = sop.actors
    for _index, step in enumerate(sop.langkah):
        if step.keputusan is None:
            continue
        col = actors.index(step.pelaksana[0])
        for kind, target in (("Y", step.keputusan.ya), ("T", step.keputusan.tidak)):
            if isinstance(target, int) and target - 1 in numbers:
                out.setdefault(target - 1, []).append((kind, col))
    return out


def _row_height(step: Langkah, kegiatan_width: int) -> int:
    per_line = max(1, (kegiatan_width - 2 * MARGIN) // 130)
    lines = max(1, -(-len(step.kegiatan) // per_line))
    for items in (step.kelengkapan, step.output):
        lines = max(lines, sum(max(1, -(-len(i) // 14)) for i in items))
    return max(900, lines * 300 + 300)


def _set_widths(table: object, widths: list[int]) -> None:
    from docx.shared import Twips

    grid = table._tbl.tblGrid  # type: ignore[attr-defined]
    for col, width in zip(grid.findall(f"{W}gridCol"), widths, strict=False):
        col.set(f"{W}w", str(width))
    for row in table.rows:  # type: ignore[attr-defined]
        for cell, width in zip(row.cells, widths, strict=False):
            cell.width = Twips(width)


def _height(row: object, twips: int) -> None:
    from docx.enum.table import WD_ROW_HEIGHT_RULE
    from docx.shared import Twips

    row.height = Twips(twips)  # type: ignore[attr-defined]
    row.height_rule = WD_ROW_HEIGHT_RULE.AT_LEAST  # type: ignore[attr-defined]


def _repeat_header(row: object) -> None:
    tr_pr = row._tr.get_or_add_trPr()  # type: ignore[attr-defined]
    tr_pr.append(etree.Element(f"{W}tblHeader"))


def _bullets(cell: object, items: list[str], last_dot: bool = False) -> None:
    paragraphs = [f"· {item}{';' if last_dot and k < len(items) - 1 else ''}" for k, item in enumerate(items)]
    cell.text = "\n".join(paragraphs) if paragraphs else "· "  # type: ignore[attr-defined]
    # "\n" in python-docx text is a line break; make them paragraphs, as typed bullets are.
    _split_breaks(cell)


def _items(cell: object, items: list[str], inline: bool) -> None:
    if inline and len(items) > 1:
        cell.text = " ".join(f"1.{k + 1} {item}" for k, item in enumerate(items))  # type: ignore[attr-defined]
    elif len(items) > 1:
        cell.text = "\n".join(f"· {item}" for item in items)  # type: ignore[attr-defined]
        _split_breaks(cell)
    else:
        cell.text = items[0] if items else ""  # type: ignore[attr-defined]


def _split_breaks(cell: object) -> None:
    tc = cell._tc  # type: ignore[attr-defined]
    for p in list(tc.findall(f"{W}p")):
        texts = "".join(
            t.text or "" if t.tag == f"{W}t" else "\n"
            for r in p.findall(f"{W}r")
            for t in r
            if t.tag in (f"{W}t", f"{W}br")
        )
        if "\n" not in texts:
            continue
        parent = p.getparent()
        position = parent.index(p)
        parent.remove(p)
        for k, line in enumerate(texts.split("\n")):
            new = etree.fromstring(f'<w:p {NSDECL}><w:r><w:t xml:space="preserve"></w:t></w:r></w:p>')
            new.find(f".//{W}t").text = line
            parent.insert(position + k, new)


def _append_run(cell: object, xml: str) -> None:
    paragraph = cell.paragraphs[0]  # type: ignore[attr-defined]
    run = etree.fromstring(f"<w:r {NSDECL}>{xml}</w:r>")
    paragraph._p.append(run)


_PRESET = {
    "terminator": "flowChartTerminator",
    "process": "flowChartProcess",
    "decision": "flowChartDecision",
}


def _xfrm(off: tuple[float, float] | None, w: float, h: float, scale: int, flip_h: bool = False) -> str:
    x, y = off or (0, 0)
    flip = ' flipH="1"' if flip_h else ""
    return (
        f'<a:xfrm{flip}><a:off x="{x:.0f}" y="{y:.0f}"/><a:ext cx="{w * TWIP / scale:.0f}" '
        f'cy="{h * TWIP / scale:.0f}"/></a:xfrm>'
    )


def _wsp(
    kind: str, w: float, h: float, ident: int, off: tuple[float, float] | None = None, scale: int = 1
) -> str:
    return (
        f'<wps:wsp><wps:cNvPr id="{ident}" name="Flowchart {ident}"/><wps:cNvSpPr/><wps:spPr>'
        f'{_xfrm(off, w, h, scale)}<a:prstGeom prst="{_PRESET[kind]}"><a:avLst/></a:prstGeom>'
        '<a:solidFill><a:schemeClr val="bg1"/></a:solidFill><a:ln w="12700"><a:solidFill><a:schemeClr val="tx1"/>'
        "</a:solidFill></a:ln></wps:spPr><wps:bodyPr/></wps:wsp>"
    )


def _connector(
    w: float, h: float, flip_h: bool, ident: int, off: tuple[float, float] | None = None, scale: int = 1
) -> str:
    return (
        f'<wps:wsp><wps:cNvPr id="{ident}" name="Elbow Connector {ident}"/><wps:cNvCnPr/><wps:spPr>'
        f'{_xfrm(off, max(w, 1), h, scale, flip_h)}<a:prstGeom prst="bentConnector2"><a:avLst/></a:prstGeom>'
        '<a:ln w="9525"><a:tailEnd type="triangle"/></a:ln></wps:spPr><wps:bodyPr/></wps:wsp>'
    )


def _textbox(text: str, w: float, h: float, off: tuple[float, float] | None = None, scale: int = 1) -> str:
    return (
        f'<wps:wsp><wps:cNvSpPr txBox="1"/><wps:spPr>{_xfrm(off, w, h, scale)}'
        '<a:prstGeom prst="rect"><a:avLst/></a:prstGeom><a:noFill/><a:ln><a:noFill/></a:ln></wps:spPr>'
        f"<wps:txbx><w:txbxContent><w:p><w:r><w:t>{text}</w:t></w:r></w:p></w:txbxContent></wps:txbx>"
        "<wps:bodyPr/></wps:wsp>"
    )


def _anchored(
    inner: str,
    dx: float,
    dy: float,
    w: float,
    h: float,
    ident: int,
    *,
    fallback: str | None = None,
    uri: str = "http://schemas.microsoft.com/office/word/2010/wordprocessingShape",
) -> str:
    drawing = (
        '<w:drawing><wp:anchor distT="0" distB="0" distL="114300" distR="114300" simplePos="0" '
        'relativeHeight="251659264" behindDoc="0" locked="0" layoutInCell="1" allowOverlap="1">'
        '<wp:simplePos x="0" y="0"/>'
        f'<wp:positionH relativeFrom="column"><wp:posOffset>{dx * TWIP:.0f}</wp:posOffset></wp:positionH>'
        f'<wp:positionV relativeFrom="paragraph"><wp:posOffset>{dy * TWIP:.0f}</wp:posOffset></wp:positionV>'
        f'<wp:extent cx="{w * TWIP:.0f}" cy="{h * TWIP:.0f}"/><wp:effectExtent l="0" t="0" r="0" b="0"/><wp:wrapNone/>'
        f'<wp:docPr id="{ident}" name="Shape {ident}"/><wp:cNvGraphicFramePr/>'
        f'<a:graphic><a:graphicData uri="{uri}">{inner}</a:graphicData></a:graphic></wp:anchor></w:drawing>'
    )
    if fallback is None:
        return drawing
    return (
        f'<mc:AlternateContent><mc:Choice Requires="wps">{drawing}</mc:Choice>'
        f"<mc:Fallback>{fallback}</mc:Fallback></mc:AlternateContent>"
    )


def _vml_shape(kind: str, dx: float, dy: float, w: float, h: float) -> str:
    style = (
        f"position:absolute;margin-left:{dx / 20:.1f}pt;margin-top:{dy / 20:.1f}pt;width:{w / 20:.1f}pt;"
        f"height:{h / 20:.1f}pt;z-index:251659264;mso-position-horizontal-relative:text;"
        "mso-position-vertical-relative:text"
    )
    if kind == "terminator":
        return f'<w:pict {NSDECL}><v:roundrect arcsize="0.5" style="{style}"/></w:pict>'
    if kind == "decision":
        return (
            f'<w:pict {NSDECL}><v:shapetype id="_x0000_t110" coordsize="21600,21600" o:spt="110"/>'
            f'<v:shape type="#_x0000_t110" style="{style}"/></w:pict>'
        )
    return f'<w:pict {NSDECL}><v:rect style="{style}"/></w:pict>'


# ------------------------------------------------------------------------------------------- XLSX


def build_xlsx(sops: list[SOP], shapes: str = "shapes") -> bytes:
    """One sheet per SOP: identity rows at the top, the procedure table below, shapes in the drawing part."""
    import openpyxl
    from openpyxl.styles import Alignment
    from openpyxl.utils import get_column_letter

    workbook = openpyxl.Workbook()
    workbook.remove(workbook.active)
    drawings: dict[int, str] = {}
    for number, sop in enumerate(sops):
        sheet = workbook.create_sheet(f"SOP {number + 1}")
        actors = sop.actors
        n = len(actors)
        widths = [5, 40, *([14] * n), 22, 10, 22, 12]
        for k, width in enumerate(widths):
            sheet.column_dimensions[get_column_letter(k + 1)].width = width
        last = len(widths)
        rows = [
            ("PEMERINTAH", _caps(sop.pemerintah), "Nomor", sop.nomor or "-"),
            ("", _caps(_instansi_short(sop)), "Tanggal Pembuatan", _date(sop.tanggal_pembuatan)),
            ("", _caps(sop.unit[0]) if sop.unit else "", "Tanggal Revisi", _date(sop.tanggal_revisi)),
            (
                "",
                _caps(sop.unit[1]) if len(sop.unit) > 1 else "",
                "Tanggal Efektif",
                _date(sop.tanggal_efektif),
            ),
            (
                "",
                "",
                "Disahkan oleh",
                "\n".join(
                    filter(
                        None,
                        [
                            _caps(sop.disahkan_oleh.jabatan) if sop.disahkan_oleh else "",
                            _name_caps(sop.disahkan_oleh.nama or "") if sop.disahkan_oleh else "",
                            f"NIP. {sop.disahkan_oleh.nip}"
                            if sop.disahkan_oleh and sop.disahkan_oleh.nip
                            else "",
                        ],
                    )
                ),
            ),
            ("", "", "Nama SOP", sop.nama),
        ]
        for r, (_a, left, label, value) in enumerate(rows, start=1):
            sheet.cell(row=r, column=1, value=left or None)
            sheet.merge_cells(start_row=r, start_column=1, end_row=r, end_column=2)
            sheet.cell(row=r, column=3, value=label)
            sheet.merge_cells(start_row=r, start_column=3, end_row=r, end_column=4)
            sheet.cell(row=r, column=5, value=value)
            sheet.merge_cells(start_row=r, start_column=5, end_row=r, end_column=last)
        r = 7
        for l1, v1, l2, v2 in (
            ("Dasar Hukum", sop.dasar_hukum, "Kualifikasi Pelaksana", sop.kualifikasi_pelaksana),
            ("Keterkaitan", sop.keterkaitan, "Peralatan / Perlengkapan", sop.peralatan),
            ("Peringatan", sop.peringatan, "Pencatatan dan Pendataan", sop.pencatatan),
        ):
            sheet.cell(row=r, column=1, value=l1)
            sheet.merge_cells(start_row=r, start_column=1, end_row=r, end_column=2)
            sheet.cell(row=r, column=3, value=l2)
            sheet.merge_cells(start_row=r, start_column=3, end_row=r, end_column=last)
            sheet.cell(row=r + 1, column=1, value="\n".join(f"- {i}" for i in v1) or None)
            sheet.merge_cells(start_row=r + 1, start_column=1, end_row=r + 1, end_column=2)
            sheet.cell(row=r + 1, column=3, value="\n".join(f"- {i}" for i in v2) or None)
            sheet.merge_cells(start_row=r + 1, start_column=3, end_row=r + 1, end_column=last)
            r += 2
        head = r + 1
        sheet.cell(row=head, column=1, value="No")
        sheet.merge_cells(start_row=head, start_column=1, end_row=head + 1, end_column=1)
        sheet.cell(row=head, column=2, value="Kegiatan")
        sheet.merge_cells(start_row=head, start_column=2, end_row=head + 1, end_column=2)
        sheet.cell(row=head, column=3, value="Pelaksana")
        sheet.merge_cells(start_row=head, start_column=3, end_row=head, end_column=2 + n)
        sheet.cell(row=head, column=3 + n, value="Mutu Baku")
        sheet.merge_cells(start_row=head, start_column=3 + n, end_row=head, end_column=5 + n)
        sheet.cell(row=head, column=6 + n, value="Keterangan")
        sheet.merge_cells(start_row=head, start_column=6 + n, end_row=head + 1, end_column=6 + n)
        for k, actor in enumerate(actors):
            sheet.cell(row=head + 1, column=3 + k, value=actor)
        for k, label in enumerate(("Persyaratan", "Waktu", "Output")):
            sheet.cell(row=head + 1, column=3 + n + k, value=label)
        first = head + 2
        anchors: list[_Anchor] = []
        marks = _marks(sop, set(range(len(sop.langkah))))
        for index, step in enumerate(sop.langkah):
            row = first + index
            sheet.row_dimensions[row].height = 45
            text = step.kegiatan
            sheet.cell(row=row, column=1, value=f"{index + 1}.")
            sheet.cell(row=row, column=2, value=text).alignment = Alignment(wrap_text=True)
            sheet.cell(row=row, column=3 + n, value="\n".join(step.kelengkapan) or None)
            sheet.cell(row=row, column=4 + n, value=step.waktu)
            sheet.cell(row=row, column=5 + n, value="\n".join(step.output) or None)
            sheet.cell(row=row, column=6 + n, value=step.keterangan)
            for name in step.pelaksana:
                col = 2 + actors.index(name)  # 0-based sheet column of the actor
                kind = _kind(sop, index)
                if shapes == "symbols":
                    sheet.cell(row=row, column=col + 1, value=_symbol_char(sop, index))
                elif shapes in ("shapes", "group"):
                    anchors.append(_xdr_shape(kind, col, row - 1, len(anchors) + 2))
            for kind, col in marks.get(index, []):
                if shapes in ("symbols", "text"):
                    cell = sheet.cell(row=row, column=3 + col)
                    cell.value = f"{cell.value}\n{kind}" if cell.value else kind
                else:
                    anchors.append(_xdr_label(kind, 2 + col, row - 1, len(anchors) + 2))
        if anchors:
            grid = _SheetGrid(widths, {first + k: 45.0 for k in range(len(sop.langkah))})
            drawings[number] = _xdr_drawing(anchors, grid if shapes == "group" else None)
    out = io.BytesIO()
    workbook.save(out)
    return _inject_drawings(out.getvalue(), drawings)


@dataclass
class _Anchor:
    """One shape of the sheet's drawing, placed as a two-cell anchor: (col, colOff) and (row, rowOff)."""

    col: int
    row: int
    from_off: tuple[int, int]  # colOff, rowOff (EMU) of the top-left corner
    to_off: tuple[int, int]  # ... of the bottom-right corner, in the same cell
    ident: int
    kind: str = ""  # a flowchart preset key, or "" for a text box
    text: str = ""


def _xdr_shape(kind: str, col: int, row: int, ident: int) -> _Anchor:
    return _Anchor(col, row, (152400, 95250), (800000, 450000), ident, kind=kind)


def _xdr_label(text: str, col: int, row: int, ident: int) -> _Anchor:
    return _Anchor(col, row, (700000, 10000), (850000, 150000), ident, text=text)


def _xdr_sp(anchor: _Anchor, xfrm: str = "") -> str:
    if anchor.kind:
        return (
            f'<xdr:sp macro="" textlink=""><xdr:nvSpPr><xdr:cNvPr id="{anchor.ident}" '
            f'name="Flowchart {anchor.ident}"/><xdr:cNvSpPr/></xdr:nvSpPr><xdr:spPr>{xfrm}'
            f'<a:prstGeom prst="{_PRESET[anchor.kind]}"><a:avLst/></a:prstGeom></xdr:spPr></xdr:sp>'
        )
    return (
        f'<xdr:sp macro="" textlink=""><xdr:nvSpPr><xdr:cNvPr id="{anchor.ident}" name="TextBox {anchor.ident}"/>'
        f'<xdr:cNvSpPr txBox="1"/></xdr:nvSpPr><xdr:spPr>{xfrm}<a:prstGeom prst="rect"><a:avLst/></a:prstGeom>'
        f"</xdr:spPr><xdr:txBody><a:bodyPr/><a:p><a:r><a:t>{anchor.text}</a:t></a:r></a:p></xdr:txBody></xdr:sp>"
    )


def _marker(tag: str, col: int, col_off: int, row: int, row_off: int) -> str:
    return (
        f"<xdr:{tag}><xdr:col>{col}</xdr:col><xdr:colOff>{col_off}</xdr:colOff><xdr:row>{row}</xdr:row>"
        f"<xdr:rowOff>{row_off}</xdr:rowOff></xdr:{tag}>"
    )


def _two_cell(anchor: _Anchor) -> str:
    return (
        "<xdr:twoCellAnchor>"
        + _marker("from", anchor.col, anchor.from_off[0], anchor.row, anchor.from_off[1])
        + _marker("to", anchor.col, anchor.to_off[0], anchor.row, anchor.to_off[1])
        + _xdr_sp(anchor)
        + "<xdr:clientData/></xdr:twoCellAnchor>"
    )


@dataclass
class _SheetGrid:
    """Column and row edges of a sheet in EMU, as Excel computes them (Calibri 11: 7 px per character)."""

    widths: list[float]  # column widths in characters, from column A
    heights: dict[int, float]  # row (1-based) -> height in points; others 15 pt

    def x(self, col: int) -> int:
        return sum(_column_px(self.widths[k] if k < len(self.widths) else 8.43) for k in range(col)) * 9525

    def y(self, row: int) -> int:
        return round(sum(self.heights.get(r + 1, 15.0) for r in range(row)) * 12700)

    def marker(self, x: int, y: int) -> tuple[int, int, int, int]:
        col = 0
        while self.x(col + 1) <= x:
            col += 1
        row = 0
        while self.y(row + 1) <= y:
            row += 1
        return col, x - self.x(col), row, y - self.y(row)


def _column_px(width: float) -> int:
    return int(((256 * width + int(128 / 7)) / 256) * 7)


def _xdr_drawing(anchors: list[_Anchor], group: _SheetGrid | None) -> str:
    head = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        '<xdr:wsDr xmlns:xdr="http://schemas.openxmlformats.org/drawingml/2006/spreadsheetDrawing" '
        'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main">'
    )
    if group is None:
        return head + "".join(_two_cell(a) for a in anchors) + "</xdr:wsDr>"
    # One group anchored over the flowchart, as Excel writes a grouped drawing (Group, then Ctrl+C/V
    # between workbooks): the group's a:off/a:ext in sheet EMU, its children in a child space offset by
    # a:chOff and scaled by two (a:chExt is half a:ext), each child with its own a:xfrm there.
    boxes = []
    for a in anchors:
        x, y = group.x(a.col), group.y(a.row)
        boxes.append((x + a.from_off[0], y + a.from_off[1], x + a.to_off[0], y + a.to_off[1]))
    left, top = min(b[0] for b in boxes), min(b[1] for b in boxes)
    right, bottom = max(b[2] for b in boxes), max(b[3] for b in boxes)
    ch_x, ch_y, scale = 1000, 2000, 2
    children = []
    for a, (x0, y0, x1, y1) in zip(anchors, boxes, strict=True):
        xfrm = (
            f'<a:xfrm><a:off x="{ch_x + (x0 - left) // scale}" y="{ch_y + (y0 - top) // scale}"/>'
            f'<a:ext cx="{(x1 - x0) // scale}" cy="{(y1 - y0) // scale}"/></a:xfrm>'
        )
        children.append(_xdr_sp(a, xfrm))
    start, end = group.marker(left, top), group.marker(right, bottom)
    return (
        head
        + '<xdr:twoCellAnchor editAs="oneCell">'
        + _marker("from", *start)
        + _marker("to", *end)
        + '<xdr:grpSp><xdr:nvGrpSpPr><xdr:cNvPr id="1000" name="Group 1000"/><xdr:cNvGrpSpPr/></xdr:nvGrpSpPr>'
        + f'<xdr:grpSpPr><a:xfrm><a:off x="{left}" y="{top}"/><a:ext cx="{right - left}" cy="{bottom - top}"/>'
        + f'<a:chOff x="{ch_x}" y="{ch_y}"/><a:chExt cx="{(right - left) // scale}" cy="{(bottom - top) // scale}"/>'
        + "</a:xfrm></xdr:grpSpPr>"
        + "".join(children)
        + "</xdr:grpSp><xdr:clientData/></xdr:twoCellAnchor></xdr:wsDr>"
    )


def _inject_drawings(data: bytes, drawings: dict[int, str]) -> bytes:
    if not drawings:
        return data
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            content = source.read(info)
            if info.filename == "[Content_Types].xml":
                extra = "".join(
                    f'<Override PartName="/xl/drawings/drawing{k + 1}.xml" '
                    'ContentType="application/vnd.openxmlformats-officedocument.drawing+xml"/>'
                    for k in drawings
                )
                content = content.replace(b"</Types>", extra.encode() + b"</Types>")
            for k in drawings:
                if info.filename == f"xl/worksheets/sheet{k + 1}.xml":
                    content = content.replace(
                        b"</worksheet>",
                        b'<drawing xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" '
                        b'r:id="rIdDrawing1"/></worksheet>',
                    )
            target.writestr(info, content)
        for k, xml in drawings.items():
            target.writestr(f"xl/drawings/drawing{k + 1}.xml", xml)
            target.writestr(
                f"xl/worksheets/_rels/sheet{k + 1}.xml.rels",
                '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
                '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
                '<Relationship Id="rIdDrawing1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
                f'relationships/drawing" Target="../drawings/drawing{k + 1}.xml"/></Relationships>',
            )
    return out.getvalue()


# ------------------------------------------------------------------------------------------ corpus


@dataclass
class Case:
    name: str
    variant: str
    filename: str
    data: bytes
    expected: list[SOP]


def _sops(variant: str, subset: str) -> list[SOP]:
    sops = serang_sops() + synthetic_sops() if subset == "all" else serang_sops()[:4] + synthetic_sops()
    return [for_text_variant(s) for s in sops] if variant == "text" else sops


def case_names() -> list[str]:
    names = [f"docx-{v}" for v in SHAPE_VARIANTS]
    names += [name for name, _ in LAYOUTS]
    names += [f"xlsx-{v}" for v in XLSX_VARIANTS]
    return names


LAYOUTS = [
    ("docx-synonyms", Options(shapes="cell", synonyms=True)),
    ("docx-column-numbers", Options(shapes="cell", column_numbers=True)),
    ("docx-inline-numbering", Options(shapes="cell", inline_numbering=True)),
    ("docx-page-split", Options(shapes="cell", split_after=3)),
    ("docx-page-split-canvas", Options(shapes="canvas", split_after=4)),
    ("docx-no-number-column", Options(shapes="next-cell", no_number_column=True)),
]
XLSX_VARIANTS = ("shapes", "group", "symbols", "text")


@functools.cache
def build_case(name: str) -> Case:
    """One corpus file, built on demand (and once per process)."""
    kind, _, variant = name.partition("-")
    if kind == "xlsx":
        sops = _sops(variant, "all")
        return Case(name, name, f"buku-{variant}.xlsx", build_xlsx(sops, variant), sops)
    layouts = dict(LAYOUTS)
    if name in layouts:
        sops = _sops("cell", "some")
        return Case(name, name.removeprefix("docx-"), f"{name}.docx", build_docx(sops, layouts[name]), sops)
    sops = _sops(variant, "all")
    return Case(
        name,
        f"docx {variant}",
        f"buku-{variant}.docx",
        build_docx(sops, Options(shapes=variant), buku=True),
        sops,
    )


def corpus() -> list[Case]:
    return [build_case(name) for name in case_names()]


def main() -> None:  # pragma: no cover - a helper for people
    import sys

    folder = Path(sys.argv[1] if len(sys.argv) > 1 else "corpus")
    folder.mkdir(parents=True, exist_ok=True)
    for case in corpus():
        (folder / case.filename).write_bytes(case.data)
        print(folder / case.filename, len(case.expected), "SOP")


if __name__ == "__main__":  # pragma: no cover
    main()
