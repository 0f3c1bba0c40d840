"""A period's report as a workbook: a summary per Perangkat Daerah, then every SOP, then the findings; the
kop on top of every sheet and the signature block under the summary, as on the printed report."""

from __future__ import annotations

import datetime as dt
import io

from django.utils.formats import date_format
from django.utils.translation import gettext as _

from sopap.core.renderers.cells import write
from sopap.web.monitoring.selectors import PdSummary, Periode, report_letterhead


def report_xlsx(summaries: list[PdSummary], *, periode: Periode, today: dt.date) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter

    title = (
        _("Laporan pelaksanaan SOP AP, %(periode)s") % {"periode": periode.label.lower()}
        + " — "
        + _("Keadaan per %(d)s.") % {"d": date_format(today, "j F Y")}
    )
    letterhead = report_letterhead(summaries)
    kop = " — ".join(
        [
            *(nama.upper() for nama in letterhead.pemerintah),
            *([letterhead.pd.nama.upper()] if letterhead.pd else []),
        ]
    )
    book = Workbook()
    head_font, head_fill = Font(bold=True), PatternFill("solid", fgColor="DCE6F1")
    wrap = Alignment(wrap_text=True, vertical="top")

    def table(sheet, headers: list[str], rows: list[list[object]], widths: list[int]) -> None:  # type: ignore[no-untyped-def]
        # Every cell through `write`: names and notes typed by people (`=HYPERLINK(...)`, `+62...`) stay
        # text, never a formula that runs when the report is opened.
        write(sheet, 1, 1, kop).font = Font(bold=True, size=12)
        write(sheet, 2, 1, title).font = Font(bold=True)
        for column, header in enumerate(headers, start=1):
            cell = write(sheet, 3, column, header)
            cell.font, cell.fill, cell.alignment = head_font, head_fill, wrap
        for number, row in enumerate(rows, start=4):
            for column, value in enumerate(row, start=1):
                write(sheet, number, column, value).alignment = wrap
        for i, width in enumerate(widths, start=1):
            sheet.column_dimensions[get_column_letter(i)].width = width
        sheet.freeze_panes = "A4"

    summary = book.active
    summary.title = _("Ringkasan")
    table(
        summary,
        [
            _("Perangkat Daerah"),
            _("SOP berlaku"),
            _("Dimonitor"),
            _("Berjalan baik"),
            _("Tidak berjalan baik"),
            _("Dievaluasi %(tahun)s") % {"tahun": periode.tahun},
            _("Kaji ulang terlambat"),
            _("Sosialisasi: dikonfirmasi"),
            _("Sosialisasi: diminta"),
        ],
        [
            [
                s.pd.nama,
                s.in_force,
                s.monitored,
                s.ran_well,
                s.ran_badly,
                s.evaluated,
                s.review_overdue,
                s.acknowledged,
                s.asked,
            ]
            for s in summaries
        ],
        [48, 12, 12, 14, 16, 18, 18, 16, 16],
    )
    # The signature block under the summary: place and date, the head's position, room to sign, name, NIP;
    # what the organisation data does not hold is left as a line to fill in by hand.
    blank = "……………………"
    head = letterhead.pd
    first = summary.max_row + 2
    lines: list[str] = [
        f"{letterhead.tempat or blank}, {date_format(today, 'j F Y')}",
        (head.kepala_jabatan if head else "") or blank,
        "",
        "",
        "",
        (head.kepala_nama if head else "") or blank,
        _("NIP.") + " " + ((head.kepala_nip if head else "") or blank),
    ]
    for offset, line in enumerate(lines):
        if line:
            cell = write(summary, first + offset, 5, line)
            cell.font = (
                Font(bold=True, underline="single") if offset == 5 and head and head.kepala_nama else Font()
            )
    details = book.create_sheet(_("Rincian SOP"))
    table(
        details,
        [
            _("Perangkat Daerah"),
            _("Nomor"),
            _("Nama SOP"),
            _("Berlaku sejak"),
            _("Monitoring pada periode ini"),
            _("Penilaian terakhir"),
            _("Evaluasi"),
            _("Kaji ulang paling lambat"),
            _("Sosialisasi: dikonfirmasi"),
            _("Sosialisasi: diminta"),
        ],
        [
            [
                s.pd.nama,
                r.document.nomor or "",
                r.revision.nama,
                r.revision.tanggal_berlaku,
                len(r.monitorings),
                r.monitorings[0].get_penilaian_display() if r.monitorings else "",
                r.evaluation.get_rekomendasi_display() if r.evaluation else "",
                r.review_due,
                r.acknowledgement.confirmed,
                r.acknowledgement.asked,
            ]
            for s in summaries
            for r in s.rows
        ],
        [40, 16, 48, 14, 14, 24, 24, 16, 16, 16],
    )
    findings = book.create_sheet(_("Temuan"))
    table(
        findings,
        [
            _("Perangkat Daerah"),
            _("Nama SOP"),
            _("Tanggal"),
            _("Cara"),
            _("Catatan hasil penilaian"),
            _("Tindakan yang harus diambil"),
        ],
        [
            [s.pd.nama, m.revision.nama, m.tanggal, m.get_cara_display(), m.catatan, m.tindakan]
            for s in summaries
            for r, m in s.findings
        ],
        [40, 40, 12, 18, 48, 48],
    )
    for sheet in book.worksheets:
        for row in sheet.iter_rows(min_row=4):
            for cell in row:
                if hasattr(cell.value, "isoformat"):
                    cell.number_format = "DD/MM/YYYY"
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
