"""A format-neutral picture of a document: paragraphs and tables normalised into grids, shapes placed.

The DOCX and XLSX readers both produce :class:`Block` lists; everything after that (finding SOPs,
reading fields, inferring actors) works on this picture only. A table is a full grid: a cell merged
over several rows or columns appears in each grid position it covers, pointing at one :class:`Cell`.
Geometry is in EMU relative to the table's top-left corner, so a shape can be placed on the grid.
"""

from __future__ import annotations

import functools
import math
import re
from dataclasses import dataclass, field
from enum import StrEnum

from sopap.core.i18n import Text, Verbatim
from sopap.core.importers.text import clean, normal_key


class ShapeKind(StrEnum):
    PICTURE = "picture"  # a pasted image: a flowchart in it cannot be read
    TERMINATOR = "terminator"
    PROCESS = "process"
    DECISION = "decision"
    OFFPAGE = "offpage"
    CONNECTOR = "connector"
    LABEL = "label"
    OTHER = "other"


# DrawingML preset geometries, as Word and Excel write them, and the flowchart symbol each one stands for.
PRESET_KIND: dict[str, ShapeKind] = {
    "flowChartTerminator": ShapeKind.TERMINATOR,
    "roundRect": ShapeKind.TERMINATOR,
    "ellipse": ShapeKind.TERMINATOR,
    "flowChartAlternateProcess": ShapeKind.TERMINATOR,
    "flowChartProcess": ShapeKind.PROCESS,
    "rect": ShapeKind.PROCESS,
    "flowChartPredefinedProcess": ShapeKind.PROCESS,
    "flowChartDocument": ShapeKind.PROCESS,
    "flowChartDecision": ShapeKind.DECISION,
    "diamond": ShapeKind.DECISION,
    "flowChartOffpageConnector": ShapeKind.OFFPAGE,
    "flowChartConnector": ShapeKind.OFFPAGE,
    "homePlate": ShapeKind.OFFPAGE,
}
# A text box holding only one of these is a Ya/Tidak mark beside a decision branch.
MARK_TEXT = re.compile(r"^(y|ya|yes|t|tidak|tdk|no|n)$", re.IGNORECASE)
CONNECTOR_PRESETS = re.compile(r"^(line|straightConnector1|bentConnector\d|curvedConnector\d|bentArrow)$")


def shape_kind(preset: str, text: str, *, connector: bool) -> ShapeKind:
    """What a drawn shape stands for, the same for Word and Excel drawings."""
    if connector:
        return ShapeKind.CONNECTOR
    if PRESET_KIND.get(preset) == ShapeKind.OFFPAGE:
        return ShapeKind.OFFPAGE  # its text is its letter ("A", ... "T", "Y"), never a Ya/Tidak mark
    if MARK_TEXT.match(text):
        return ShapeKind.LABEL
    return PRESET_KIND.get(preset, ShapeKind.OTHER)


def line_ends(
    box: tuple[float, float, float, float], *, flip_h: bool, flip_v: bool, rotation: float
) -> tuple[tuple[float, float], tuple[float, float]]:
    """Where a connector drawn in ``box`` (its unrotated frame) starts and ends: the frame's corners,
    swapped by the flips, then turned about the frame's centre by ``rotation`` degrees clockwise (Word
    and Excel store many bent connectors turned by 90 or 270 degrees)."""
    x0, y0, x1, y1 = box
    start = (x1 if flip_h else x0, y1 if flip_v else y0)
    end = (x0 if flip_h else x1, y0 if flip_v else y1)
    if not rotation % 360:
        return start, end
    cx, cy = (x0 + x1) / 2, (y0 + y1) / 2
    angle = math.radians(rotation)
    cos, sin = math.cos(angle), math.sin(angle)

    def turn(point: tuple[float, float]) -> tuple[float, float]:
        dx, dy = point[0] - cx, point[1] - cy
        return cx + dx * cos - dy * sin, cy + dx * sin + dy * cos

    return turn(start), turn(end)


def rotation_of(xfrm: object) -> float:
    """The `rot` of an `a:xfrm` element in degrees (stored in 60000ths of a degree)."""
    try:
        return float(xfrm.get("rot", 0) or 0) / 60000 if xfrm is not None else 0.0  # type: ignore[attr-defined]
    except (TypeError, ValueError):
        return 0.0


RASTER = "raster"  # `Shape.how` of a symbol seen in the pixels of a pasted picture


@dataclass
class Shape:
    """A drawn object, with its box (EMU, table-relative) when known."""

    kind: ShapeKind
    x0: float
    y0: float
    x1: float
    y1: float
    text: str = ""
    how: str = "drawingml"  # drawingml | drawingml-group | drawingml-canvas | vml | xlsx | pdf | raster
    start: tuple[float, float] | None = None  # connectors: where the line starts and ends
    end: tuple[float, float] | None = None
    arrow: str = ""  # connectors: where the arrowheads are: "end", "start", "both" or ""
    row: int | None = None  # the grid position of its anchor, used when geometry is unknown
    col: int | None = None
    alt: str = ""  # the drawing's alternative text (`wp:docPr descr`), when it has one shape
    ident: str = ""  # the shape's id in its drawing, which connectors name
    start_link: str = ""  # connectors: the id of the shape the line is glued to at its start (`stCxn`)
    end_link: str = ""  # ... and at its end (`endCxn`)
    start_site: int | None = None  # the connection site glued at the start (`stCxn idx`)

    @property
    def cx(self) -> float:
        return (self.x0 + self.x1) / 2

    @property
    def cy(self) -> float:
        return (self.y0 + self.y1) / 2


@dataclass
class Cell:
    paragraphs: list[str]
    row: int
    col: int
    rowspan: int = 1
    colspan: int = 1

    @property
    def text(self) -> str:
        return clean(" ".join(self.paragraphs))


@dataclass
class Table:
    grid: list[list[Cell | None]]
    col_bounds: list[float] = field(default_factory=list)  # len = columns + 1, EMU
    row_bounds: list[float] = field(default_factory=list)  # len = rows + 1, EMU
    shapes: list[Shape] = field(default_factory=list)
    where: Text = field(default_factory=lambda: Verbatim(""))  # "tabel 3", "lembar Sheet1": for the report

    @property
    def n_rows(self) -> int:
        return len(self.grid)

    @property
    def n_cols(self) -> int:
        return max((len(r) for r in self.grid), default=0)

    def cell(self, row: int, col: int) -> Cell | None:
        if 0 <= row < len(self.grid) and 0 <= col < len(self.grid[row]):
            return self.grid[row][col]
        return None

    def row_cells(self, row: int) -> list[Cell]:
        """The distinct cells of a row, left to right."""
        seen: list[Cell] = []
        for cell in self.grid[row]:
            if cell is not None and (not seen or seen[-1] is not cell) and cell not in seen:
                seen.append(cell)
        return seen

    def row_text(self, row: int) -> str:
        return " ".join(c.text for c in self.row_cells(row) if c.text)

    def sub(self, start: int, stop: int) -> Table:
        """Rows ``start:stop`` as their own table (shapes kept by vertical position)."""
        copies: dict[int, Cell] = {}
        grid: list[list[Cell | None]] = []
        for row in self.grid[start:stop]:
            new_row: list[Cell | None] = []
            for cell in row:
                if cell is None:
                    new_row.append(None)
                    continue
                copy_cell = copies.get(id(cell))
                if copy_cell is None:
                    top = max(cell.row, start)
                    bottom = min(cell.row + cell.rowspan, stop)
                    copy_cell = Cell(
                        paragraphs=cell.paragraphs,
                        row=top - start,
                        col=cell.col,
                        rowspan=max(1, bottom - top),
                        colspan=cell.colspan,
                    )
                    copies[id(cell)] = copy_cell
                new_row.append(copy_cell)
            grid.append(new_row)
        bounds = self.row_bounds[start : stop + 1] if len(self.row_bounds) > stop else []
        shapes: list[Shape] = self.shapes
        if bounds:
            upper, lower = bounds[0], bounds[-1]
            shapes = [
                s
                for s in self.shapes
                if upper <= s.cy < lower or (s.row is not None and start <= s.row < stop)
            ]
        else:
            shapes = [s for s in self.shapes if s.row is not None and start <= s.row < stop]
        shifted: list[Shape] = []
        for s in shapes:
            copy = Shape(**{**s.__dict__})
            if copy.row is not None:
                copy.row -= start
            shifted.append(copy)
        return Table(
            grid=grid, col_bounds=self.col_bounds, row_bounds=bounds, shapes=shifted, where=self.where
        )

    def column_at(self, x: float) -> int | None:
        bounds = self.col_bounds
        if len(bounds) < 2:
            return None
        for index in range(len(bounds) - 1):
            if bounds[index] <= x < bounds[index + 1]:
                return index
        return None

    def row_at(self, y: float) -> int | None:
        bounds = self.row_bounds
        if len(bounds) < 2:
            return None
        for index in range(len(bounds) - 1):
            if bounds[index] <= y < bounds[index + 1]:
                return index
        return None


@dataclass
class Paragraph:
    text: str
    shapes: list[Shape] = field(default_factory=list)


Block = Paragraph | Table


# ------------------------------------------------------------------------------------------ synonyms

IDENTITY_LABELS: dict[str, tuple[str, ...]] = {
    "nomor": (
        "nomor",
        "nomor sop",
        "no sop",
        "no",
        "kode sop",
        "nomor standar operasional prosedur",
        "nomor sop ap",
        "no sop ap",
    ),
    "tanggal_pembuatan": ("tanggal pembuatan", "tgl pembuatan", "tanggal dibuat", "tanggal penyusunan"),
    "tanggal_revisi": ("tanggal revisi", "tgl revisi", "revisi"),
    "tanggal_efektif": ("tanggal efektif", "tgl efektif", "tanggal berlaku", "tanggal pengesahan"),
    "disahkan_oleh": ("disahkan oleh", "di sahkan oleh", "disyahkan oleh", "pengesahan", "disahkan"),
    "nama": (
        "nama sop",
        "nama standar operasional prosedur",
        "judul sop",
        "nama prosedur",
        "nama sop ap",
        "nama standar operasional prosedur sop",
        "nama standar operasional prosedur administrasi pemerintahan",
    ),
    "dasar_hukum": ("dasar hukum", "landasan hukum"),
    "kualifikasi_pelaksana": (
        "kualifikasi pelaksana",
        "kualitas pelaksana",
        "kompetensi pelaksana",
        "kualifikasi pelaksanaan",
    ),
    "keterkaitan": ("keterkaitan", "keterkaitan dengan sop lain", "keterkaitan sop", "sop terkait"),
    "peralatan": ("peralatan perlengkapan", "peralatan", "perlengkapan", "peralatan dan perlengkapan"),
    "peringatan": ("peringatan",),
    "pencatatan": (
        "pencatatan dan pendataan",
        "pencatatan",
        "pendataan",
        "pencatatan dan pendataan dokumentasi",
    ),
}
# Labels that may be followed by more words ("Keterkaitan dengan SOP lain", "Pencatatan dan Pendataan / ...").
_PREFIX_OK = {"dasar_hukum", "kualifikasi_pelaksana", "keterkaitan", "peralatan", "peringatan", "pencatatan"}

HEADER_ROLES: dict[str, tuple[str, ...]] = {
    "no": ("no", "nomor", "no urut", "nomor urut"),
    "kegiatan": (
        "uraian prosedur",
        "kegiatan",
        "uraian kegiatan",
        "uraian",
        "prosedur",
        "aktivitas",
        "langkah kegiatan",
        "uraian prosedur kegiatan",
        "uraian langkah",
        "langkah langkah kegiatan",
        "aktivitas kegiatan",
        "kegiatan aktivitas",
    ),
    "pelaksana": ("pelaksana", "pelaksana kegiatan", "aktor", "pelaku"),
    "mutu": ("mutu baku", "mutu", "baku mutu", "mutu buku"),
    "kelengkapan": (
        "kelengkapan",
        "persyaratan",
        "persyr klkpn",
        "persyaratan kelengkapan",
        "kelengkapan persyaratan",
        "syarat",
        "persyr",
        "persyaratan klkpn",
        "input",
        "persyaratan kelengkapan input",
    ),
    "waktu": ("waktu", "waktu penyelesaian", "jangka waktu"),
    "output": ("output", "keluaran", "hasil", "output keluaran", "keluaran output"),
    "keterangan": ("ket", "keterangan", "ket keterangan"),
}


_LABEL_TAIL = {
    "dan",
    "pendataan",
    "dokumentasi",
    "dengan",
    "sop",
    "lain",
    "lainnya",
    "perlengkapan",
    "pelaksana",
    "yang",
    "terkait",
    "hukum",
    "peralatan",
    "pencatatan",
    "prosedur",
    "ap",
}


# Both are asked of every cell, often of the same texts (a Buku repeats its labels and headers for each
# SOP): the answers are kept, for a bounded number of texts.
@functools.lru_cache(maxsize=8192)
def identity_label(text: str) -> str | None:
    """The identity field a label cell names (`Nama SOP` -> nama), or None."""
    stripped = clean(text)
    if not stripped or stripped[0] in "·•-–▪*":
        return None  # a bulleted value, not a label
    key = normal_key(stripped)
    if not key or len(key.split()) > 9:
        return None
    for field_name, synonyms in IDENTITY_LABELS.items():
        for synonym in synonyms:
            if key == synonym:
                return field_name
            if (
                field_name in _PREFIX_OK
                and key.startswith(synonym + " ")
                and set(key[len(synonym) + 1 :].split()) <= _LABEL_TAIL
            ):
                return field_name
    return None


@functools.lru_cache(maxsize=8192)
def header_role(text: str) -> str | None:
    """The procedure-table column a header cell names (`Uraian Kegiatan` -> kegiatan), or None."""
    key = normal_key(text)
    if not key or len(key.split()) > 6:
        return None
    for role, synonyms in HEADER_ROLES.items():
        if key in synonyms:
            return role
    return None


_NUMBER = re.compile(r"^\(?(\d{1,3})[.)]?$")


def step_number(text: str) -> int | None:
    """`1.`, `1`, `(1)`, `1)` -> 1."""
    match = _NUMBER.match(clean(text))
    return int(match.group(1)) if match else None


def is_column_number_row(texts: list[str]) -> bool:
    """The row `1 2 3 ... 11` printed under a header."""
    # "(1) (2) (3)" counts too; "1. 2. 3." or "1) 2)" would be steps.
    # A cell merged over two columns holds both numbers ("3 4").
    tokens = [token for t in texts for token in clean(t).split()]
    numbers = [step_number(t) if re.fullmatch(r"\(\d+\)|\d+", t) else None for t in tokens]
    if len(numbers) < 3 or any(n is None for n in numbers) or numbers[0] not in (0, 1):
        return False
    # One number mistyped ("(5) (8) (7)") still leaves the row a column count, not a step.
    in_place = sum(1 for i, n in enumerate(numbers) if n == (numbers[0] or 0) + i)
    return in_place >= len(numbers) - 1
