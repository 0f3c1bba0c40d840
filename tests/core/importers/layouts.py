"""Test documents laid out as other agencies lay out their SOPs, built from SOP models.

Each family is written by a generator of its own, so the importer is measured on layouts it was not
written against:

``grid``        Word, a Buleleng-like identity grid: logo cell, the PD block in one unlabelled cell
                (PEMERINTAH / DINAS / units), then `Label | : | value` rows (`Nomor SOP`, `Tgl. Pembuatan`,
                `Tanggal Pengesahan`, `Disahkan Oleh`, `Nama SOP`), lists written inline (`- a - b`,
                `1. a 2. b`) or numbered by Word; the flowchart one drawing canvas whose connectors are
                linked to the shapes (`stCxn`/`endCxn`), the branch lines bent connectors drawn rotated.
                Three SOPs make one book; misspelt months.
``after``       Word, the procedure table first and the identity grid after it.
``picture``     Word, the flowchart pasted as one picture; the step texts name their actors.
``idsheet``     Excel, BPS-like: the identity on a sheet of its own (`Label | : | value`, lists with
                their numbers in the cell, a signature block), the procedure on the next sheet with
                shapes anchored between two cells and connectors linked to them.
``wide``        Excel, two SOPs one per sheet with 10 and 14 actor columns, identity rows above.
``stacked``     Excel, two SOPs one under the other in one sheet.
``doc``/``xls`` the ``grid`` book and the ``wide`` workbook saved by LibreOffice in the old formats.
"""

from __future__ import annotations

import datetime as dt
import functools
import io
import shutil
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

from lxml import etree

from sopap.core.model import SOP, Simbol
from tests.importers.corpus import (
    MARGIN,
    NSDECL,
    TWIP,
    W,
    _anchored,
    _append_run,
    _column_px,
    _inject_drawings,
    _set_widths,
    serang_sops,
    synthetic_sops,
)

MONTHS_MISSPELT = {2: "Pebruari", 8: "Agustu", 11: "Novermber"}
MONTHS = [
    "Januari",
    "Februari",
    "Maret",
    "April",
    "Mei",
    "Juni",
    "Juli",
    "Agustus",
    "September",
    "Oktober",
    "November",
    "Desember",
]


def written_date(value: dt.date | None, *, misspell: bool = False) -> str:
    if value is None:
        return "-"
    month = MONTHS_MISSPELT.get(value.month) if misspell else None
    return f"{value.day} {month or MONTHS[value.month - 1]} {value.year}"


def book_sops() -> list[SOP]:
    """Three SOPs for a book: the two synthetic ones (decisions, a joint step) and one of Serang's."""
    first, second = synthetic_sops()
    second = second.model_copy(update={"tanggal_efektif": dt.date(2024, 11, 15)})
    third = next(s for s in serang_sops() if any(step.keputusan for step in s.langkah))
    third = third.model_copy(update={"tanggal_pembuatan": dt.date(2022, 8, 17)})
    return [first, second, third]


def wide_sops() -> list[SOP]:
    """Two SOPs with 10 and 14 actors, one step each in turn, a decision in each."""
    out = []
    for count, nomor in ((10, "SOP-010/17000/2024"), (14, "SOP-014/17000/2024")):
        actors = [f"Pelaksana {chr(65 + k)}" for k in range(count)]
        steps = []
        for k in range(count + 1):
            step = {
                "kegiatan": f"Kegiatan ke-{k + 1} dikerjakan dan diteruskan",
                "pelaksana": actors[k % count],
                "kelengkapan": f"Dokumen {k + 1}",
                "waktu": f"{k + 1} jam",
                "output": f"Hasil {k + 1}",
            }
            steps.append(step)
        steps[3]["keputusan"] = {"ya": 5, "tidak": 2}
        out.append(
            SOP.model_validate(
                {
                    "nama": f"Pengolahan Data dengan {count} Pelaksana",
                    "nomor": nomor,
                    "instansi": "Badan Pusat Statistik Provinsi Bengkulu",
                    "unit": ["Bagian Umum"],
                    "tanggal_pembuatan": "2024-08-05",
                    "tanggal_efektif": "2024-11-11",
                    "disahkan_oleh": {"jabatan": "Kepala BPS Provinsi Bengkulu", "nama": "Win Rizal"},
                    "dasar_hukum": ["Undang-Undang Nomor 16 Tahun 1997 tentang Statistik"],
                    "peralatan": ["PC/Laptop", "Printer", "Jaringan Internet"],
                    "pencatatan": ["Laporan pengolahan"],
                    "pelaksana": actors,
                    "langkah": steps,
                }
            )
        )
    return out


def _kind(sop: SOP, index: int) -> str:
    symbol = sop.symbol_of(index + 1)
    if symbol in (Simbol.MULAI, Simbol.SELESAI):
        return "flowChartTerminator"
    return "flowChartDecision" if symbol == Simbol.KEPUTUSAN else "flowChartProcess"


# ------------------------------------------------------------------------------------------ geometry


@dataclass
class Box:
    ident: int
    x: float  # EMU, in the drawing's own space
    y: float
    w: float
    h: float
    step: int

    @property
    def top(self) -> tuple[float, float]:
        return (self.x + self.w / 2, self.y)

    @property
    def bottom(self) -> tuple[float, float]:
        return (self.x + self.w / 2, self.y + self.h)

    @property
    def right(self) -> tuple[float, float]:
        return (self.x + self.w, self.y + self.h / 2)

    @property
    def left(self) -> tuple[float, float]:
        return (self.x, self.y + self.h / 2)


@dataclass
class Line:
    ident: int
    start: tuple[float, float]
    end: tuple[float, float]
    st: int | None
    en: int | None
    rotated: bool = False  # drawn as a bent connector turned by 90 degrees, as Office often stores them
    st_site: int = 2  # the connection sites glued: 0 top, 1 left, 2 bottom, 3 right (Office's order)
    en_site: int = 0

    def frame(self) -> tuple[float, float, float, float, bool, bool]:
        """(x, y, cx, cy, flipH, flipV) of the unrotated frame whose ends, turned, are start and end."""
        (sx, sy), (ex, ey) = self.start, self.end
        if self.rotated:
            cx, cy = (sx + ex) / 2, (sy + ey) / 2
            # turning back by 90 degrees: (dx, dy) -> (dy, -dx)
            sx, sy = cx + (sy - cy), cy - (sx - cx)
            ex, ey = cx + (ey - cy), cy - (ex - cx)
        return min(sx, ex), min(sy, ey), abs(ex - sx), abs(ey - sy), sx > ex, sy > ey


def flow_lines(sop: SOP, boxes: dict[int, list[Box]], first_id: int) -> list[Line]:
    """The connectors of a flowchart: each step to the next, and each decision to its two branches."""
    lines: list[Line] = []
    ident = first_id
    for index, step in enumerate(sop.langkah):
        here = boxes[index][0]
        targets: list[int] = []
        if step.keputusan is not None:
            targets = [t - 1 for t in (step.keputusan.ya, step.keputusan.tidak) if isinstance(t, int)]
        elif index + 1 < len(sop.langkah) and not any(
            s.keputusan and index + 1 in (s.keputusan.ya, s.keputusan.tidak) and k == index - 1
            for k, s in enumerate(sop.langkah)
        ):
            targets = [index + 1]
        for target in targets:
            there = boxes[target][0]
            if target == index + 1:
                lines.append(Line(ident, here.bottom, there.top, here.ident, there.ident))
            elif target > index:
                # around the right side, down to the target's right
                lines.append(Line(ident, here.right, there.right, here.ident, there.ident, True, 3, 3))
            else:
                lines.append(Line(ident, here.left, there.left, here.ident, there.ident, True, 1, 1))
            ident += 1
    return lines


def labels_for(sop: SOP, boxes: dict[int, list[Box]]) -> list[tuple[str, float, float]]:
    """Ya/Tidak text boxes beside each branch, just outside the diamond."""
    out = []
    for index, step in enumerate(sop.langkah):
        if step.keputusan is None:
            continue
        diamond = boxes[index][0]
        for word, target in (("Ya", step.keputusan.ya), ("Tidak", step.keputusan.tidak)):
            if not isinstance(target, int):
                continue
            if target == index + 2:
                x, y = diamond.bottom[0] + 40000, diamond.bottom[1] + 20000
            elif target - 1 > index:
                x, y = diamond.right[0] + 20000, diamond.right[1] - 180000
            else:
                x, y = diamond.left[0] - 260000, diamond.left[1] - 180000
            out.append((word, x, y))
    return out


# ------------------------------------------------------------------------------------------ Word


def _wps_shape(box: Box, preset: str) -> str:
    return (
        f'<wps:wsp><wps:cNvPr id="{box.ident}" name="Flowchart {box.ident}"/><wps:cNvSpPr/><wps:spPr>'
        f'<a:xfrm><a:off x="{box.x:.0f}" y="{box.y:.0f}"/><a:ext cx="{box.w:.0f}" cy="{box.h:.0f}"/></a:xfrm>'
        f'<a:prstGeom prst="{preset}"><a:avLst/></a:prstGeom></wps:spPr><wps:bodyPr/></wps:wsp>'
    )


def _wps_line(line: Line) -> str:
    x, y, cx, cy, flip_h, flip_v = line.frame()
    flips = (' flipH="1"' if flip_h else "") + (' flipV="1"' if flip_v else "")
    rot = ' rot="5400000"' if line.rotated else ""
    links = (f'<a:stCxn id="{line.st}" idx="{line.st_site}"/>' if line.st else "") + (
        f'<a:endCxn id="{line.en}" idx="{line.en_site}"/>' if line.en else ""
    )
    preset = "bentConnector3" if line.rotated else "straightConnector1"
    return (
        f'<wps:wsp><wps:cNvPr id="{line.ident}" name="Connector {line.ident}"/><wps:cNvCnPr>{links}</wps:cNvCnPr>'
        f'<wps:spPr><a:xfrm{rot}{flips}><a:off x="{x:.0f}" y="{y:.0f}"/><a:ext cx="{max(cx, 1):.0f}" '
        f'cy="{max(cy, 1):.0f}"/></a:xfrm><a:prstGeom prst="{preset}"><a:avLst/></a:prstGeom>'
        '<a:ln w="9525"><a:tailEnd type="triangle"/></a:ln></wps:spPr><wps:bodyPr/></wps:wsp>'
    )


def _wps_label(text: str, x: float, y: float, ident: int) -> str:
    return (
        f'<wps:wsp><wps:cNvPr id="{ident}" name="Text {ident}"/><wps:cNvSpPr txBox="1"/><wps:spPr>'
        f'<a:xfrm><a:off x="{x:.0f}" y="{y:.0f}"/><a:ext cx="240000" cy="160000"/></a:xfrm>'
        '<a:prstGeom prst="rect"><a:avLst/></a:prstGeom><a:noFill/></wps:spPr>'
        f"<wps:txbx><w:txbxContent><w:p><w:r><w:t>{text}</w:t></w:r></w:p></w:txbxContent></wps:txbx>"
        "<wps:bodyPr/></wps:wsp>"
    )


def _merge(table: object, r0: int, c0: int, r1: int, c1: int) -> object:
    return table.cell(r0, c0).merge(table.cell(r1, c1))  # type: ignore[attr-defined]


def _paragraphs(cell: object, lines: list[str], style: str | None = None) -> None:
    cell.text = lines[0] if lines else ""  # type: ignore[attr-defined]
    paragraph = cell.paragraphs[0]  # type: ignore[attr-defined]
    if style:
        paragraph.style = style
    for line in lines[1:]:
        cell.add_paragraph(line, style=style)  # type: ignore[attr-defined]


def _caps_name(name: str) -> str:
    head, _, degrees = name.partition(",")
    return head.upper() + ("," + degrees if degrees else "")


def _signer_lines(sop: SOP) -> list[str]:
    signer = sop.disahkan_oleh
    if signer is None:
        return ["-"]
    lines = [(signer.jabatan or "").upper(), ""]
    if signer.nama:
        lines.append(_caps_name(signer.nama))
    if signer.nip:
        lines.append(f"NIP. {signer.nip}")
    return lines


def _inline(items: list[str], style: str) -> list[str]:
    """A list typed in one paragraph: `- a - b - c`, `1. a 2. b` or `1.1 a 1.2 b`."""
    if not items:
        return ["-"]
    if style == "dash":
        return [" ".join(f"- {item}" for item in items)]
    if style == "number":
        return [" ".join(f"{k + 1}. {item}" for k, item in enumerate(items))]
    return [" ".join(f"1.{k + 1} {item}" for k, item in enumerate(items))]


class GridBook:
    """Writes SOPs as a Word book in the ``grid`` family."""

    def __init__(
        self,
        *,
        identity_after: bool = False,
        picture: bool = False,
        group: bool = False,
        symbols: bool = False,
    ) -> None:
        import docx
        from docx.enum.section import WD_ORIENT
        from docx.shared import Inches

        self.document = docx.Document()
        section = self.document.sections[0]
        section.orientation = WD_ORIENT.LANDSCAPE
        section.page_width, section.page_height = Inches(13), Inches(8.5)
        section.left_margin = section.right_margin = Inches(0.8)
        self.identity_after = identity_after
        self.picture = picture
        self.group = group
        self.symbols = symbols
        self.ids = 500

    def build(self, sops: list[SOP]) -> bytes:
        from docx.enum.text import WD_BREAK

        self.document.add_paragraph("STANDAR OPERASIONAL PROSEDUR (SOP)")
        self.document.add_paragraph("TAHUN 2023")
        for sop in sops:
            self.document.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
            if self.identity_after:
                self.procedure(sop)
                self.document.add_paragraph()
                self.identity(sop)
            else:
                self.identity(sop)
                self.document.add_paragraph()
                self.procedure(sop)
        # Word always ends a document with a paragraph (LibreOffice's .doc filter loses a table without one).
        self.document.add_paragraph()
        out = io.BytesIO()
        self.document.save(out)
        return out.getvalue()

    def _restarted_list(self) -> str:
        """A new `w:num` over the List Number definition, starting again at 1."""
        numbering = self.document.part.numbering_part.element
        style_num = (
            self.document.styles["List Number"].element.find(f"{W}pPr/{W}numPr/{W}numId").get(f"{W}val")
        )
        base = next(n for n in numbering.findall(f"{W}num") if n.get(f"{W}numId") == style_num)
        abstract = base.find(f"{W}abstractNumId").get(f"{W}val")
        num_id = str(100 + len(numbering.findall(f"{W}num")))
        numbering.append(
            etree.fromstring(
                f'<w:num {NSDECL} w:numId="{num_id}"><w:abstractNumId w:val="{abstract}"/>'
                '<w:lvlOverride w:ilvl="0"><w:startOverride w:val="1"/></w:lvlOverride></w:num>'
            )
        )
        return num_id

    @staticmethod
    def _number(cell: object, num_id: str) -> None:
        paragraph = cell.paragraphs[0]  # type: ignore[attr-defined]
        p_pr = paragraph._p.get_or_add_pPr()
        p_pr.append(
            etree.fromstring(f'<w:numPr {NSDECL}><w:ilvl w:val="0"/><w:numId w:val="{num_id}"/></w:numPr>')
        )

    def identity(self, sop: SOP) -> None:
        table = self.document.add_table(rows=12, cols=5)
        table.style = "Table Grid"
        _set_widths(table, [1400, 5200, 2600, 300, 6000])
        block = _merge(table, 0, 1, 5, 1)
        lines = [(sop.pemerintah or "").upper(), sop.instansi.upper(), *[u.upper() for u in sop.unit]]
        _paragraphs(block, [line for line in lines if line])
        _merge(table, 0, 0, 5, 0).text = ""
        rows = [
            ("Nomor SOP", [sop.nomor or "-"]),
            ("Tgl. Pembuatan", [written_date(sop.tanggal_pembuatan, misspell=True)]),
            ("Tgl. Revisi", [written_date(sop.tanggal_revisi, misspell=True)]),
            ("Tanggal Pengesahan", [written_date(sop.tanggal_efektif, misspell=True)]),
            ("Disahkan Oleh", _signer_lines(sop)),
            ("Nama SOP", [sop.nama]),
        ]
        for r, (label, value) in enumerate(rows):
            table.cell(r, 2).text = label
            table.cell(r, 3).text = ":"
            _paragraphs(table.cell(r, 4), value)
        pairs = [
            (
                "Dasar Hukum :",
                sop.dasar_hukum,
                "number",
                "Kualifikasi Pelaksana :",
                sop.kualifikasi_pelaksana,
                "word",
            ),
            ("Keterkaitan :", sop.keterkaitan, "dash", "Peralatan/Perlengkapan :", sop.peralatan, "dash"),
            ("Peringatan :", sop.peringatan, "lines", "Pencatatan dan Pendataan :", sop.pencatatan, "sub"),
        ]
        for k, (l1, v1, s1, l2, v2, s2) in enumerate(pairs):
            _merge(table, 6 + 2 * k, 0, 6 + 2 * k, 1).text = l1
            _merge(table, 6 + 2 * k, 2, 6 + 2 * k, 4).text = l2
            for (c0, c1), items, style in (((0, 1), v1, s1), ((2, 4), v2, s2)):
                cell = _merge(table, 7 + 2 * k, c0, 7 + 2 * k, c1)
                if style == "word":
                    _paragraphs(cell, items or ["-"], style="List Number" if items else None)
                elif style == "lines":
                    _paragraphs(cell, items or ["-"])
                else:
                    _paragraphs(cell, _inline(items, style))

    def procedure(self, sop: SOP) -> None:
        from docx.enum.table import WD_ROW_HEIGHT_RULE
        from docx.shared import Twips

        actors = sop.actors
        n = len(actors)
        widths = [500, 3400, *([1250] * n), 1800, 900, 1800, 1100]
        steps = sop.langkah
        table = self.document.add_table(rows=2 + len(steps), cols=len(widths))
        table.style = "Table Grid"
        _set_widths(table, widths)
        _merge(table, 0, 0, 1, 0).text = "NO"
        _merge(table, 0, 1, 1, 1).text = "KEGIATAN"
        _merge(table, 0, 2, 0, 1 + n).text = "PELAKSANA"
        _merge(table, 0, 2 + n, 0, 4 + n).text = "MUTU BAKU"
        _merge(table, 0, 5 + n, 1, 5 + n).text = "KETERANGAN"
        for k, name in enumerate(actors):
            table.cell(1, 2 + k).text = name
        for k, label in enumerate(("Persyaratan/ Kelengkapan", "Waktu", "Output")):
            table.cell(1, 2 + n + k).text = label
        height = 1300
        num_id = self._restarted_list()
        for r in range(2):
            table.rows[r].height, table.rows[r].height_rule = Twips(500), WD_ROW_HEIGHT_RULE.EXACTLY
        for index, step in enumerate(steps):
            row = table.rows[2 + index]
            row.height, row.height_rule = Twips(height), WD_ROW_HEIGHT_RULE.EXACTLY
            text = step.kegiatan
            if self.picture:
                text = f"{' dan '.join(step.pelaksana)} {text[0].lower()}{text[1:]}"
            if self.symbols:
                row.cells[0].text = f"{index + 1}."
            else:
                # numbered by Word (a list restarted in each table), the number not in the text
                self._number(row.cells[0], num_id)
            row.cells[1].text = text
            _paragraphs(
                row.cells[2 + n],
                _inline(step.kelengkapan, "sub") if len(step.kelengkapan) > 1 else step.kelengkapan or [""],
            )
            row.cells[3 + n].text = step.waktu or ""
            _paragraphs(
                row.cells[4 + n],
                _inline(step.output, "dash") if len(step.output) > 1 else step.output or [""],
            )
            row.cells[5 + n].text = step.keterangan or ""
        col_left = [sum(widths[:k]) for k in range(len(widths) + 1)]
        width = (col_left[2 + n] - col_left[2]) * TWIP
        total = len(steps) * height * TWIP
        anchor_cell = table.rows[2].cells[2]
        if self.picture:
            self.ids += 1
            xml = _anchored(
                '<pic:pic xmlns:pic="http://schemas.openxmlformats.org/drawingml/2006/picture">'
                f'<pic:nvPicPr><pic:cNvPr id="{self.ids}" name="Picture"/><pic:cNvPicPr/></pic:nvPicPr>'
                '<pic:blipFill><a:blip r:embed="rIdMissing" '
                'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"/></pic:blipFill>'
                f'<pic:spPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="{width:.0f}" cy="{total:.0f}"/></a:xfrm>'
                '<a:prstGeom prst="rect"><a:avLst/></a:prstGeom></pic:spPr></pic:pic>',
                -MARGIN,
                0,
                width / TWIP,
                total / TWIP,
                self.ids,
                uri="http://schemas.openxmlformats.org/drawingml/2006/picture",
            )
            _append_run(anchor_cell, xml)
            return
        if self.symbols:
            # Typed symbols, as many agencies draw without shapes: □ ◇ ○ in the actor cells, and the
            # decision's Y/T in the rows its branches go to.
            marks: dict[int, list[tuple[int, str]]] = {}
            for step in steps:
                if step.keputusan is not None:
                    col = actors.index(step.pelaksana[0])
                    for word, target in (("Y", step.keputusan.ya), ("T", step.keputusan.tidak)):
                        if isinstance(target, int):
                            marks.setdefault(target - 1, []).append((col, word))
            for index, step in enumerate(steps):
                symbol = {"flowChartTerminator": "○", "flowChartDecision": "◇"}.get(_kind(sop, index), "□")
                texts = {actors.index(name): [symbol] for name in step.pelaksana}
                for col, word in marks.get(index, []):
                    texts.setdefault(col, []).append(word)
                for col, lines in texts.items():
                    _paragraphs(table.rows[2 + index].cells[2 + col], lines)
            return
        boxes: dict[int, list[Box]] = {}
        for index, step in enumerate(steps):
            preset = _kind(sop, index)
            w, h = (650000, 480000) if preset == "flowChartDecision" else (600000, 330000)
            for name in step.pelaksana:
                col = actors.index(name)
                self.ids += 1
                x = (col * 1250 * TWIP) + (1250 * TWIP - w) / 2
                y = index * height * TWIP + (height * TWIP - h) / 2
                boxes.setdefault(index, []).append(Box(self.ids, x, y, w, h, index))
        children = [_wps_shape(b, _kind(sop, b.step)) for items in boxes.values() for b in items]
        lines = flow_lines(sop, boxes, self.ids + 1)
        self.ids += len(lines) + 1
        children += [_wps_line(line) for line in lines]
        for word, x, y in labels_for(sop, boxes):
            self.ids += 1
            children.append(_wps_label(word, x, y, self.ids))
        if self.group:
            # A group (its child space the same as its own), as LibreOffice reads and writes them back.
            inner = (
                f'<wpg:wgp><wpg:cNvGrpSpPr/><wpg:grpSpPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="{width:.0f}" '
                f'cy="{total:.0f}"/><a:chOff x="0" y="0"/><a:chExt cx="{width:.0f}" cy="{total:.0f}"/></a:xfrm>'
                f"</wpg:grpSpPr>{''.join(children)}</wpg:wgp>"
            )
            uri = "http://schemas.microsoft.com/office/word/2010/wordprocessingGroup"
        else:
            inner = f"<wpc:wpc><wpc:bg/><wpc:whole/>{''.join(children)}</wpc:wpc>"
            uri = "http://schemas.microsoft.com/office/word/2010/wordprocessingCanvas"
        self.ids += 1
        xml = _anchored(inner, -MARGIN, 0, width / TWIP, total / TWIP, self.ids, uri=uri)
        _append_run(anchor_cell, xml)


def grid_book(sops: list[SOP] | None = None, **options: bool) -> bytes:
    return GridBook(**options).build(sops if sops is not None else book_sops())


def picture_sops() -> list[SOP]:
    out = []
    for sop in book_sops()[:2]:
        steps = [
            s.model_copy(
                update={"kegiatan": f"{' dan '.join(s.pelaksana)} {s.kegiatan[0].lower()}{s.kegiatan[1:]}"}
            )
            for s in sop.langkah
        ]
        out.append(sop.model_copy(update={"langkah": steps}))
    return out


# ------------------------------------------------------------------------------------------ Excel


class _Sheet:
    """Column widths and row heights of a sheet, to place drawing anchors on its cells."""

    def __init__(self, widths: list[float], height: float = 15.0) -> None:
        self.widths = widths
        self.heights: dict[int, float] = {}
        self.default = height

    def x(self, col: int) -> int:
        return sum(_column_px(self.widths[k] if k < len(self.widths) else 8.43) for k in range(col)) * 9525

    def y(self, row: int) -> int:
        return round(sum(self.heights.get(r + 1, self.default) for r in range(row)) * 12700)

    def marker(self, tag: str, x: float, y: float) -> str:
        col = 0
        while self.x(col + 1) <= x:
            col += 1
        row = 0
        while self.y(row + 1) <= y:
            row += 1
        return (
            f"<xdr:{tag}><xdr:col>{col}</xdr:col><xdr:colOff>{int(x - self.x(col))}</xdr:colOff>"
            f"<xdr:row>{row}</xdr:row><xdr:rowOff>{int(y - self.y(row))}</xdr:rowOff></xdr:{tag}>"
        )


def _xdr_anchor(sheet: _Sheet, x: float, y: float, cx: float, cy: float, body: str) -> str:
    return (
        "<xdr:twoCellAnchor>"
        + sheet.marker("from", x, y)
        + sheet.marker("to", x + cx, y + cy)
        + body
        + "<xdr:clientData/></xdr:twoCellAnchor>"
    )


def _xdr_flowchart(
    sop: SOP, sheet: _Sheet, first_row: int, first_col: int, cols: int, lines: str = "linked"
) -> list[str]:
    """Shapes spanning two cells (their centre in the actor's cell), connectors, Ya/Tidak boxes.

    ``lines``: ``linked`` (glued to the shapes, bent ones stored turned by 90 degrees), ``unlinked``
    (the same lines, not glued), ``stale`` (glued, but their geometry left where they were first
    drawn, in the top-left corner, as after the shapes were moved without the lines being redrawn)."""
    actors = sop.actors
    anchors: list[str] = []
    boxes: dict[int, list[Box]] = {}
    ident = 10
    for index, step in enumerate(sop.langkah):
        preset = _kind(sop, index)
        for name in step.pelaksana:
            col = first_col + actors.index(name) * cols
            left, right = sheet.x(col), sheet.x(col + cols)
            top, bottom = sheet.y(first_row + index), sheet.y(first_row + index + 1)
            w = (right - left) * 0.8
            h = (bottom - top) * (0.7 if preset == "flowChartDecision" else 0.5)
            # centred on the actor's cell(s), so its corners fall in the neighbouring cells
            x, y = (left + right) / 2 - w / 2, (top + bottom) / 2 - h / 2
            ident += 1
            boxes.setdefault(index, []).append(Box(ident, x, y, w, h, index))
            anchors.append(
                _xdr_anchor(
                    sheet,
                    x,
                    y,
                    w,
                    h,
                    f'<xdr:sp macro="" textlink=""><xdr:nvSpPr><xdr:cNvPr id="{ident}" name="Flowchart {ident}"/>'
                    f'<xdr:cNvSpPr/></xdr:nvSpPr><xdr:spPr><a:xfrm><a:off x="{x:.0f}" y="{y:.0f}"/>'
                    f'<a:ext cx="{w:.0f}" cy="{h:.0f}"/></a:xfrm><a:prstGeom prst="{preset}"><a:avLst/>'
                    "</a:prstGeom></xdr:spPr></xdr:sp>",
                )
            )
    for line in flow_lines(sop, boxes, ident + 1):
        if lines == "unlinked":
            line.st = line.en = None
        x, y, cx, cy, flip_h, flip_v = line.frame()
        if lines == "stale":
            x, y, cx, cy = 1000 + line.ident * 2000, 1000, 20000, 20000
        flips = (' flipH="1"' if flip_h else "") + (' flipV="1"' if flip_v else "")
        rot = ' rot="5400000"' if line.rotated else ""
        preset = "bentConnector3" if line.rotated else "straightConnector1"
        anchors.append(
            _xdr_anchor(
                sheet,
                x,
                y,
                max(cx, 1),
                max(cy, 1),
                f'<xdr:cxnSp macro=""><xdr:nvCxnSpPr><xdr:cNvPr id="{line.ident}" name="Connector {line.ident}"/>'
                "<xdr:cNvCxnSpPr>"
                + (
                    f'<a:stCxn id="{line.st}" idx="{line.st_site}"/><a:endCxn id="{line.en}" idx="{line.en_site}"/>'
                    if line.st
                    else ""
                )
                + f'</xdr:cNvCxnSpPr></xdr:nvCxnSpPr><xdr:spPr><a:xfrm{rot}{flips}><a:off x="{x:.0f}" y="{y:.0f}"/>'
                f'<a:ext cx="{max(cx, 1):.0f}" cy="{max(cy, 1):.0f}"/></a:xfrm><a:prstGeom prst="{preset}">'
                '<a:avLst/></a:prstGeom><a:ln><a:tailEnd type="triangle"/></a:ln></xdr:spPr></xdr:cxnSp>',
            )
        )
        ident = max(ident, line.ident)
    for word, x, y in labels_for(sop, boxes):
        ident += 1
        anchors.append(
            _xdr_anchor(
                sheet,
                x,
                y,
                240000,
                160000,
                f'<xdr:sp macro="" textlink=""><xdr:nvSpPr><xdr:cNvPr id="{ident}" name="TextBox {ident}"/>'
                '<xdr:cNvSpPr txBox="1"/></xdr:nvSpPr><xdr:spPr><a:prstGeom prst="rect"><a:avLst/></a:prstGeom>'
                f"</xdr:spPr><xdr:txBody><a:bodyPr/><a:p><a:r><a:t>{word}</a:t></a:r></a:p></xdr:txBody></xdr:sp>",
            )
        )
    return anchors


def _drawing(anchors: list[str]) -> str:
    return (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        '<xdr:wsDr xmlns:xdr="http://schemas.openxmlformats.org/drawingml/2006/spreadsheetDrawing" '
        'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main">' + "".join(anchors) + "</xdr:wsDr>"
    )


def _numbered(items: list[str]) -> str:
    return "\n".join(f"{k + 1}. {item}" for k, item in enumerate(items)) if items else "-"


def _identity_rows(ws: object, sop: SOP, top: int, *, misspell: bool) -> int:
    """`Label | : | value` rows from row ``top`` (1-based) in columns C..E, the PD block in A..B;
    returns the next free row."""
    rows = [
        ("Nomor Standar Operasional Prosedur", sop.nomor or "-"),
        ("Tgl. Pembuatan", written_date(sop.tanggal_pembuatan, misspell=misspell)),
        ("Tgl. Revisi", written_date(sop.tanggal_revisi, misspell=misspell)),
        ("Tanggal Efektif", written_date(sop.tanggal_efektif, misspell=misspell)),
        ("Disahkan Oleh", "\n".join(line for line in _signer_lines(sop) if line)),
        ("Nama Standar Operasional Prosedur", sop.nama),
    ]
    block = "\n".join(
        line
        for line in [(sop.pemerintah or "").upper(), sop.instansi.upper(), *[u.upper() for u in sop.unit]]
        if line
    )
    ws.merge_cells(start_row=top, start_column=1, end_row=top + len(rows) - 1, end_column=2)  # type: ignore[attr-defined]
    ws.cell(row=top, column=1, value=block)  # type: ignore[attr-defined]
    for k, (label, value) in enumerate(rows):
        ws.cell(row=top + k, column=3, value=label)  # type: ignore[attr-defined]
        ws.cell(row=top + k, column=4, value=":")  # type: ignore[attr-defined]
        ws.cell(row=top + k, column=5, value=value)  # type: ignore[attr-defined]
    lists = [
        ("Dasar Hukum", sop.dasar_hukum),
        ("Kualifikasi Pelaksana", sop.kualifikasi_pelaksana),
        ("Keterkaitan", sop.keterkaitan),
        ("Peralatan/Perlengkapan", sop.peralatan),
        ("Peringatan", sop.peringatan),
        ("Pencatatan dan Pendataan", sop.pencatatan),
    ]
    row = top + len(rows)
    for label, items in lists:
        ws.cell(row=row, column=3, value=label)  # type: ignore[attr-defined]
        ws.cell(row=row, column=4, value=":")  # type: ignore[attr-defined]
        ws.cell(row=row, column=5, value=_numbered(items))  # type: ignore[attr-defined]
        row += 1
    return row


def _procedure_rows(
    ws: object, sop: SOP, top: int, sheet: _Sheet, *, cols: int = 1, height: float = 45
) -> int:
    """The procedure table from row ``top``: two header rows, then a row per step; returns its first step row."""
    actors = sop.actors
    n = len(actors) * cols
    ws.merge_cells(start_row=top, start_column=1, end_row=top + 1, end_column=1)  # type: ignore[attr-defined]
    ws.cell(row=top, column=1, value="No")  # type: ignore[attr-defined]
    ws.merge_cells(start_row=top, start_column=2, end_row=top + 1, end_column=2)  # type: ignore[attr-defined]
    ws.cell(row=top, column=2, value="Uraian Kegiatan")  # type: ignore[attr-defined]
    ws.merge_cells(start_row=top, start_column=3, end_row=top, end_column=2 + n)  # type: ignore[attr-defined]
    ws.cell(row=top, column=3, value="Pelaksana")  # type: ignore[attr-defined]
    ws.merge_cells(start_row=top, start_column=3 + n, end_row=top, end_column=5 + n)  # type: ignore[attr-defined]
    ws.cell(row=top, column=3 + n, value="Mutu Baku")  # type: ignore[attr-defined]
    ws.merge_cells(start_row=top, start_column=6 + n, end_row=top + 1, end_column=6 + n)  # type: ignore[attr-defined]
    ws.cell(row=top, column=6 + n, value="Ket.")  # type: ignore[attr-defined]
    for k, name in enumerate(actors):
        col = 3 + k * cols
        if cols > 1:
            ws.merge_cells(start_row=top + 1, start_column=col, end_row=top + 1, end_column=col + cols - 1)  # type: ignore[attr-defined]
        ws.cell(row=top + 1, column=col, value=name)  # type: ignore[attr-defined]
    for k, label in enumerate(("Kelengkapan", "Waktu", "Output")):
        ws.cell(row=top + 1, column=3 + n + k, value=label)  # type: ignore[attr-defined]
    first = top + 2
    for index, step in enumerate(sop.langkah):
        r = first + index
        sheet.heights[r] = height
        ws.row_dimensions[r].height = height  # type: ignore[attr-defined]
        ws.cell(row=r, column=1, value=index + 1)  # type: ignore[attr-defined]
        ws.cell(row=r, column=2, value=step.kegiatan)  # type: ignore[attr-defined]
        ws.cell(row=r, column=3 + n, value="\n".join(step.kelengkapan) or None)  # type: ignore[attr-defined]
        ws.cell(row=r, column=4 + n, value=step.waktu)  # type: ignore[attr-defined]
        ws.cell(row=r, column=5 + n, value="\n".join(step.output) or None)  # type: ignore[attr-defined]
        ws.cell(row=r, column=6 + n, value=step.keterangan)  # type: ignore[attr-defined]
    return first


def _widths(ws: object, widths: list[float]) -> None:
    from openpyxl.utils import get_column_letter

    for k, width in enumerate(widths):
        ws.column_dimensions[get_column_letter(k + 1)].width = width  # type: ignore[attr-defined]


def _save(workbook: object, drawings: dict[int, str], *, ranges: bool = False) -> bytes:
    out = io.BytesIO()
    workbook.save(out)  # type: ignore[attr-defined]
    data = out.getvalue()
    if ranges:
        data = _column_ranges(data)
    return _inject_drawings(data, drawings)


def _column_ranges(data: bytes) -> bytes:
    """Adjacent columns of one width written as one `<col min max>` range, as Excel saves them."""
    import re
    import zipfile

    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            content = source.read(info)
            if info.filename.startswith("xl/worksheets/sheet"):
                text = content.decode()
                cols = re.findall(r'<col width="([0-9.]+)" customWidth="1" min="(\d+)" max="(\d+)"/>', text)
                merged: list[list[str]] = []
                for width, low, high in cols:
                    if merged and merged[-1][0] == width and int(merged[-1][2]) + 1 == int(low):
                        merged[-1][2] = high
                    else:
                        merged.append([width, low, high])
                body = "".join(
                    f'<col min="{a}" max="{b}" width="{w}" customWidth="1"/>' for w, a, b in merged
                )
                text = re.sub(r"<cols>.*?</cols>", f"<cols>{body}</cols>", text, flags=re.S)
                content = text.encode()
            target.writestr(info, content)
    return out.getvalue()


def identity_sheet_workbook(sops: list[SOP] | None = None, lines: str = "linked") -> bytes:
    """``idsheet``: for each SOP an identity sheet, then its procedure sheet."""
    import openpyxl

    sops = sops if sops is not None else book_sops()[:2]
    workbook = openpyxl.Workbook()
    workbook.remove(workbook.active)
    drawings: dict[int, str] = {}
    for number, sop in enumerate(sops, start=1):
        ident = workbook.create_sheet(f"Identitas {number}")
        _widths(ident, [14, 30, 28, 2, 60])
        row = _identity_rows(ident, sop, 2, misspell=True)
        ident.cell(row=row + 1, column=5, value="Mengetahui,")
        proc = workbook.create_sheet(f"Prosedur {number}")
        widths = [5, 40, *([7] * (2 * len(sop.actors))), 18, 10, 18, 12]
        _widths(proc, widths)
        sheet = _Sheet(widths)
        first = _procedure_rows(proc, sop, 1, sheet, cols=2)
        drawings[len(workbook.worksheets) - 1] = _drawing(_xdr_flowchart(sop, sheet, first - 1, 2, 2, lines))
    return _save(workbook, drawings)


def wide_workbook(sops: list[SOP] | None = None) -> bytes:
    """``wide``: one sheet per SOP, identity rows on top, 10 and 14 actor columns."""
    import openpyxl

    sops = sops if sops is not None else wide_sops()
    workbook = openpyxl.Workbook()
    workbook.remove(workbook.active)
    drawings: dict[int, str] = {}
    for number, sop in enumerate(sops):
        ws = workbook.create_sheet(f"SOP {number + 1}")
        # narrow actor columns, to fit 10 or 14 of them on a page: Excel saves them as one width range
        widths = [5, 36, *([4.5] * len(sop.actors)), 14, 8, 14, 10]
        _widths(ws, widths)
        # the identity takes columns A..E, over the procedure's columns: labels in C, values in E
        row = _identity_rows(ws, sop, 1, misspell=False)
        sheet = _Sheet(widths)
        first = _procedure_rows(ws, sop, row + 1, sheet)
        drawings[number] = _drawing(_xdr_flowchart(sop, sheet, first - 1, 2, 1))
    return _save(workbook, drawings, ranges=True)


def stacked_workbook(sops: list[SOP] | None = None) -> bytes:
    """``stacked``: two SOPs one below the other in one sheet."""
    import openpyxl

    sops = sops if sops is not None else book_sops()[:2]
    workbook = openpyxl.Workbook()
    ws = workbook.active
    ws.title = "SOP"
    width = max(len(s.actors) for s in sops)
    widths = [5, 36, *([12] * width), 14, 8, 14, 10]
    _widths(ws, widths)
    sheet = _Sheet(widths)
    anchors: list[str] = []
    row = 1
    for sop in sops:
        row = _identity_rows(ws, sop, row, misspell=True)
        first = _procedure_rows(ws, sop, row + 1, sheet)
        anchors += _xdr_flowchart(sop, sheet, first - 1, 2, 1)
        row = first + len(sop.langkah) + 2
    return _save(workbook, {0: _drawing(anchors)})


# ------------------------------------------------------------------------------------- LibreOffice


def soffice() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


class ConversionUnavailable(Exception):
    """LibreOffice, or the part of it for this kind of document (Calc for .xls), is not installed."""


def libreoffice_save(data: bytes, suffix: str, target: str) -> bytes:
    """``data`` (a file ending in ``suffix``) saved by LibreOffice as ``target`` (`doc`, `xls`, ...)."""
    binary = soffice()
    if binary is None:
        raise ConversionUnavailable("LibreOffice (soffice) is not installed")
    with tempfile.TemporaryDirectory() as folder:
        source = Path(folder) / f"source{suffix}"
        source.write_bytes(data)
        subprocess.run(
            [
                binary,
                f"-env:UserInstallation=file://{folder}/profile",
                "--headless",
                "--convert-to",
                target,
                "--outdir",
                str(Path(folder) / "out"),
                str(source),
            ],
            check=False,
            capture_output=True,
            timeout=180,
        )
        result = Path(folder) / "out" / f"source.{target}"
        if not result.is_file():
            raise ConversionUnavailable(
                f"LibreOffice could not write a .{target} (is its component installed?)"
            )
        return result.read_bytes()


# ----------------------------------------------------------------------------------------- families


@dataclass
class Family:
    name: str
    filename: str
    data: bytes
    expected: list[SOP]


FAMILY_NAMES = ("grid", "after", "picture", "idsheet", "wide", "stacked", "doc", "xls")


@functools.cache
def build_family(name: str) -> Family:
    if name == "grid":
        return Family(name, "buku-grid.docx", grid_book(), book_sops())
    if name == "after":
        return Family(
            name, "identitas-di-bawah.docx", grid_book(book_sops()[:2], identity_after=True), book_sops()[:2]
        )
    if name == "picture":
        return Family(name, "bagan-gambar.docx", grid_book(book_sops()[:2], picture=True), picture_sops())
    if name == "idsheet":
        return Family(name, "identitas-sendiri.xlsx", identity_sheet_workbook(), book_sops()[:2])
    if name == "wide":
        return Family(name, "banyak-pelaksana.xlsx", wide_workbook(), wide_sops())
    if name == "stacked":
        return Family(name, "dua-sop-satu-lembar.xlsx", stacked_workbook(), book_sops()[:2])
    if name == "doc":
        return Family(
            name, "buku-grid.doc", libreoffice_save(grid_book(symbols=True), ".docx", "doc"), book_sops()
        )
    if name == "xls":
        return Family(
            name, "banyak-pelaksana.xls", libreoffice_save(wide_workbook(), ".xlsx", "xls"), wide_sops()
        )
    raise KeyError(name)


def needs_soffice(name: str) -> bool:
    return name in ("doc", "xls")
