"""What a Buku SOP is read into on its way to SOP data: the draft of one SOP, its procedure columns, the result.

Reading fills a ``Draft`` part by part (identity sheet, procedure table, the text after it); finishing turns
it into SOP data with a report of where each field came from.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from sopap.core.i18n import Text
from sopap.core.importers.inference import StepRow
from sopap.core.importers.report import SopReport

LIST_FIELDS = ("dasar_hukum", "kualifikasi_pelaksana", "keterkaitan", "peralatan", "peringatan", "pencatatan")
DATE_FIELDS = ("tanggal_pembuatan", "tanggal_revisi", "tanggal_efektif")


@dataclass
class Columns:
    roles: dict[int, str] = field(
        default_factory=dict
    )  # col -> no | kegiatan | kelengkapan | waktu | output | ...
    actors: dict[int, str] = field(default_factory=dict)  # col -> actor name
    n_cols: int = 0


@dataclass
class Draft:
    identity: dict[str, list[str]] = field(default_factory=dict)  # field -> paragraphs of its value cell
    header_lines: list[str] = field(default_factory=list)  # unlabelled cells: pemerintah, instansi, unit
    steps: list[StepRow] = field(default_factory=list)
    columns: Columns | None = None
    actors: list[str] = field(default_factory=list)
    trailing: list[str] = field(default_factory=list)  # text after the procedure: the signature block
    heading: list[str] = field(default_factory=list)  # paragraphs just before the SOP
    where: list[Text] = field(default_factory=list)

    @property
    def empty(self) -> bool:
        return not self.identity and not self.steps


@dataclass
class Extracted:
    data: dict[str, Any]
    report: SopReport
