"""Benchmark: sopap's PDF against what agencies use today, measured in the same run.

    .venv/bin/python bench/bench_render.py [--runs 7] [--quick]

Compares, per SOP (the 14 Serang examples and a synthetic 60-step SOP), the warm time to produce the PDF:

* sopap: ``render_pdf`` (identity sheet + procedure sheet with the flowchart), in process, median of
  ``--runs``;
* python-docx + LibreOffice: the same SOP as .docx, converted by ``soffice --headless --convert-to pdf``,
  in two forms: "sheet", the whole sheet as sopap's own DOCX writer makes it (python-docx tables, the
  flowchart as native Word shapes), and "table", the tables alone with a placeholder character where each
  symbol would be (no flowchart: generous to LibreOffice). One soffice process converts all the documents
  in a row, ``--lo-runs`` times (after one warm-up run); a document's time is the gap between the moment
  its PDF was written and the moment the previous one was (a small warm-up document goes first, so every
  measured document has one), i.e. LibreOffice warm, without its start-up; the median over the runs;
* HTML + WeasyPrint: the same sheets as an HTML table, ``HTML(string).write_pdf()`` in process.

Then the SVG of a 20-step flowchart, the CLI start-up, and one ``sopap render DIR`` process (on every
core, and with ``-j 1``) against one ``soffice`` process over the same 17 documents in both forms, the
runs interleaved (medians of at least 5). A tool that is missing is reported and skipped. See
bench/README.md.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "src"))
sys.path.insert(0, str(REPO))

from tests.samples import synthetic_sop  # noqa: E402

from sopap.core.model import SOP  # noqa: E402
from sopap.core.sopfile import dump, load_path  # noqa: E402

SERANG = REPO / "examples" / "serang"
# Child processes may write bytecode caches, as an installed package has them: without them every
# `sopap` run would compile its sources again and the start-up would measure the compiler.
CHILD_ENV = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
SOPAP = REPO / ".venv" / "bin" / "sopap"
MODEL_FIRST = "import sys, sopap.core.model; from sopap.cli.main import main; sys.argv[0] = 'sopap'; main()"


def median_ms(fn: Callable[[], object], runs: int) -> float:
    fn()  # warm
    times = []
    for _ in range(runs):
        t = time.perf_counter()
        fn()
        times.append((time.perf_counter() - t) * 1000)
    return statistics.median(times)


# ------------------------------------------------------------------------------- the two baselines


def build_docx(sop: SOP, path: Path) -> None:
    from docx import Document
    from docx.enum.section import WD_ORIENT
    from docx.shared import Mm, Pt

    doc = Document()
    style = doc.styles["Normal"]
    style.font.name = "Arial"  # type: ignore[attr-defined]
    style.font.size = Pt(8)  # type: ignore[attr-defined]
    section = doc.sections[0]
    section.page_width, section.page_height = Mm(215), Mm(330)
    head = doc.add_table(rows=6, cols=3)
    head.style = "Table Grid"
    head.cell(0, 0).text = f"{(sop.pemerintah or '').upper()}\n{sop.instansi.upper()}\n" + "\n".join(sop.unit)
    signer = sop.disahkan_oleh
    rows = [
        ("Nomor", sop.nomor or "-"),
        ("Tanggal Pembuatan", str(sop.tanggal_pembuatan or "-")),
        ("Tanggal Revisi", str(sop.tanggal_revisi or "-")),
        ("Tanggal Efektif", str(sop.tanggal_efektif or "-")),
        ("Disahkan oleh", f"{signer.jabatan}\n\n\n{signer.nama}\nNIP. {signer.nip}" if signer else "-"),
        ("Nama SOP", sop.nama),
    ]
    for i, (label, value) in enumerate(rows):
        head.cell(i, 1).text = label
        head.cell(i, 2).text = value
    grid = doc.add_table(rows=6, cols=2)
    grid.style = "Table Grid"
    pairs = [
        ("Dasar Hukum", sop.dasar_hukum, "Kualifikasi Pelaksana", sop.kualifikasi_pelaksana),
        ("Keterkaitan", sop.keterkaitan, "Peralatan / Perlengkapan", sop.peralatan),
        ("Peringatan", sop.peringatan, "Pencatatan dan Pendataan", sop.pencatatan),
    ]
    for i, (a, la, b, lb) in enumerate(pairs):
        grid.cell(2 * i, 0).text, grid.cell(2 * i, 1).text = a, b
        grid.cell(2 * i + 1, 0).text = "\n".join(f"\u2022 {x}" for x in la)
        grid.cell(2 * i + 1, 1).text = "\n".join(f"\u2022 {x}" for x in lb)
    new = doc.add_section()
    new.orientation = WD_ORIENT.LANDSCAPE
    new.page_width, new.page_height = Mm(330), Mm(215)
    actors = sop.actors
    table = doc.add_table(rows=2 + len(sop.langkah), cols=6 + len(actors))
    table.style = "Table Grid"
    headers = ["No", "Uraian Prosedur", *actors, "Kelengkapan", "Waktu", "Output", "Ket."]
    for j, text in enumerate(headers):
        table.cell(1, j).text = text
    table.cell(0, 2).merge(table.cell(0, 1 + len(actors))).text = "Pelaksana"
    for i, step in enumerate(sop.langkah, start=2):
        cells = table.rows[i].cells
        cells[0].text = f"{i - 1}."
        cells[1].text = step.kegiatan
        for actor in step.pelaksana:
            cells[2 + actors.index(actor)].text = "\u25ad"  # a symbol placeholder: no flowchart drawing
        cells[2 + len(actors)].text = "\n".join(step.kelengkapan)
        cells[3 + len(actors)].text = step.waktu or ""
        cells[4 + len(actors)].text = "\n".join(step.output)
        cells[5 + len(actors)].text = step.keterangan or ""
    doc.save(str(path))


def build_html(sop: SOP) -> str:
    from html import escape

    actors = sop.actors
    rows = []
    for n, step in enumerate(sop.langkah, start=1):
        lanes = "".join(f"<td>{'<div class=s></div>' if a in step.pelaksana else ''}</td>" for a in actors)
        rows.append(
            f"<tr><td>{n}.</td><td>{escape(step.kegiatan)}</td>{lanes}"
            f"<td>{'<br>'.join(map(escape, step.kelengkapan))}</td><td>{escape(step.waktu or '')}</td>"
            f"<td>{'<br>'.join(map(escape, step.output))}</td><td>{escape(step.keterangan or '')}</td></tr>"
        )

    def items(values: list[str]) -> str:
        return "<ul>" + "".join(f"<li>{escape(v)}</li>" for v in values) + "</ul>"

    return f"""<!doctype html><html><head><meta charset=utf-8><style>
@page {{ size: 215mm 330mm; margin: 10mm }} @page land {{ size: 330mm 215mm }}
body {{ font: 8pt 'Liberation Sans', Arial, sans-serif }} table {{ border-collapse: collapse; width: 100% }}
td, th {{ border: .5pt solid #000; padding: 3pt; vertical-align: middle }} th {{ background: #e6ecf2 }}
.proc {{ page: land; page-break-before: always }} thead {{ display: table-header-group }}
.s {{ width: 40pt; height: 16pt; border: .9pt solid #000; margin: auto }}</style></head><body>
<table><tr><td rowspan=6>{escape((sop.pemerintah or "").upper())}<br>{escape(sop.instansi.upper())}</td>
<th>Nomor</th><td>{escape(sop.nomor or "-")}</td></tr><tr><th>Tanggal Pembuatan</th><td>{sop.tanggal_pembuatan}</td></tr>
<tr><th>Tanggal Revisi</th><td>{sop.tanggal_revisi or "-"}</td></tr><tr><th>Tanggal Efektif</th>
<td>{sop.tanggal_efektif or "-"}</td></tr><tr><th>Disahkan oleh</th><td>{escape(str(sop.disahkan_oleh))}</td></tr>
<tr><th>Nama SOP</th><td>{escape(sop.nama)}</td></tr></table>
<table><tr><th>Dasar Hukum</th><th>Kualifikasi Pelaksana</th></tr><tr><td>{items(sop.dasar_hukum)}</td>
<td>{items(sop.kualifikasi_pelaksana)}</td></tr><tr><th>Keterkaitan</th><th>Peralatan</th></tr>
<tr><td>{items(sop.keterkaitan)}</td><td>{items(sop.peralatan)}</td></tr><tr><th>Peringatan</th>
<th>Pencatatan</th></tr><tr><td>{items(sop.peringatan)}</td><td>{items(sop.pencatatan)}</td></tr></table>
<div class=proc><h3>{escape(sop.nama)}</h3><table><thead><tr><th rowspan=2>No</th><th rowspan=2>Uraian Prosedur</th>
<th colspan={len(actors)}>Pelaksana</th><th colspan=3>Mutu Baku</th><th rowspan=2>Ket.</th></tr><tr>
{"".join(f"<th>{escape(a)}</th>" for a in actors)}<th>Kelengkapan</th><th>Waktu</th><th>Output</th></tr></thead>
<tbody>{"".join(rows)}</tbody></table></div></body></html>"""


def soffice_convert(paths: list[Path], outdir: Path) -> float:
    """Seconds for one soffice process to convert ``paths`` (a private profile, so runs do not interfere)."""
    profile = outdir / "profile"
    t = time.perf_counter()
    subprocess.run(
        [
            "soffice",
            f"-env:UserInstallation=file://{profile}",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(outdir),
            *map(str, paths),
        ],
        check=True,
        capture_output=True,
        timeout=900,
    )
    return time.perf_counter() - t


def soffice_per_doc_ms(docs: dict[str, Path], tmp: Path, runs: int) -> tuple[dict[str, float], float]:
    """Per document, the median warm conversion time in ms; and the median time of the whole process.

    Each run is one soffice process converting a small warm-up document and then every document; a
    document's time is the gap between its PDF's modification time and the previous PDF's.
    """
    work = tmp / "lo"
    shutil.rmtree(work, ignore_errors=True)
    work.mkdir()
    warm = work / "000-warmup.docx"
    build_docx(synthetic_sop(2, 2), warm)
    order = [warm, *docs.values()]
    per_doc: dict[str, list[float]] = {name: [] for name in docs}
    totals = []
    soffice_convert(order, work)  # the first run fills the profile and the disk cache
    for _ in range(runs):
        for pdf in work.glob("*.pdf"):
            pdf.unlink()
        totals.append(soffice_convert(order, work))
        stamps = [(work / f"{path.stem}.pdf").stat().st_mtime_ns for path in order]
        for name, before, after in zip(docs, stamps, stamps[1:], strict=False):
            per_doc[name].append((after - before) / 1e6)
    return {name: statistics.median(v) for name, v in per_doc.items()}, statistics.median(totals)


def write_sheet_docx(sop: SOP, path: Path) -> None:
    """The same sheets as sopap's own DOCX: python-docx tables with the flowchart as native Word shapes."""
    from sopap.core.renderers import render

    path.write_bytes(render(sop, "docx"))


PEERS = {
    # name: (how the .docx is built, what it holds)
    "sheet": (write_sheet_docx, "the whole sheet, flowchart drawn as Word shapes (sopap's DOCX)"),
    "table": (build_docx, "tables only, a placeholder character where each symbol would be"),
}


def first_render_ms(render: Callable[[], object]) -> float:
    """One render with the text measurements forgotten: what a SOP the process has not seen costs."""
    from sopap.core.layout import text

    for memo in (text.text_width, text._wrap, text._wrap_items):
        memo.cache_clear()
    t = time.perf_counter()
    render()
    return (time.perf_counter() - t) * 1000


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--lo-runs", type=int, default=3, help="soffice runs over all documents (median)")
    parser.add_argument("--quick", action="store_true", help="three Serang SOPs only")
    args = parser.parse_args()

    from sopap.core.renderers.pdf import render_pdf
    from sopap.core.renderers.svg import render_svg

    has_soffice = shutil.which("soffice") is not None
    try:
        from weasyprint import HTML

        has_weasy = True
    except Exception as exc:
        print(f"WeasyPrint not available ({exc.__class__.__name__}); skipping that column")
        has_weasy = False
    if not has_soffice:
        print("soffice (LibreOffice) not found; skipping those columns")

    sops = [(p.name.split(".")[0], load_path(p)) for p in sorted(SERANG.glob("*.sop.yaml"))]
    if args.quick:
        sops = sops[:3]
    sops.append(("synthetic-60", synthetic_sop(60)))
    print("LibreOffice peers: " + "; ".join(f"LO {name} = {what}" for name, (_, what) in PEERS.items()))
    print(
        f"{'SOP':34} {'steps':>5} {'sopap':>6} {'1st':>6} {'LO sheet':>9} {'LO table':>9} {'WP':>7} "
        f"{'LOsheet/':>9} {'LOtable/':>9} {'WP/':>6}"
    )
    serang_ms: list[float] = []
    first_ms: list[float] = []
    ratios: dict[str, list[float]] = {"sheet": [], "table": [], "wp": []}
    with tempfile.TemporaryDirectory() as tmp_name:
        tmp = Path(tmp_name)
        lo_ms: dict[str, dict[str, float]] = {peer: {} for peer in PEERS}
        if has_soffice:
            for peer, (build, _) in PEERS.items():
                docs: dict[str, Path] = {}
                (tmp / peer).mkdir()
                for name, sop in sops:
                    docs[name] = tmp / peer / f"{name}.docx"
                    build(sop, docs[name])
                lo_ms[peer], _ = soffice_per_doc_ms(docs, tmp, args.lo_runs)
        for name, sop in sops:
            ours = median_ms(lambda sop=sop: render_pdf(sop), args.runs)
            first = first_render_ms(lambda sop=sop: render_pdf(sop))
            serang = not name.startswith("synthetic")
            if serang:
                serang_ms.append(ours)
                first_ms.append(first)
            sheet = lo_ms["sheet"].get(name, float("nan"))
            table = lo_ms["table"].get(name, float("nan"))
            html = build_html(sop)
            wp = (
                median_ms(lambda html=html: HTML(string=html).write_pdf(), max(3, args.runs // 2))
                if has_weasy
                else float("nan")
            )
            if serang:
                for key, value in (("sheet", sheet), ("table", table), ("wp", wp)):
                    if value == value:  # not NaN: the peer ran
                        ratios[key].append(value / ours)
            print(
                f"{name[:34]:34} {len(sop.langkah):5d} {ours:6.1f} {first:6.1f} {sheet:9.1f} {table:9.1f} "
                f"{wp:7.1f} {sheet / ours:8.1f}x {table / ours:8.1f}x {wp / ours:5.1f}x",
                flush=True,
            )
        print("(ms per SOP: sopap = warm median; 1st = the same SOP's first render in the warm process)")
        print()
        print(
            f"sopap, Serang SOPs: median {statistics.median(serang_ms):.1f} ms, max {max(serang_ms):.1f} ms; "
            f"first render median {statistics.median(first_ms):.1f} ms, max {max(first_ms):.1f} ms "
            "(target <= 20 ms)"
        )
        if ratios["sheet"]:
            print(
                f"LibreOffice / sopap, Serang SOPs: median {statistics.median(ratios['sheet']):.0f}x on the whole "
                f"sheet, {statistics.median(ratios['table']):.0f}x on the tables alone (target >= 20x)"
            )
        if ratios["wp"]:
            print(
                f"WeasyPrint / sopap, Serang SOPs: median {statistics.median(ratios['wp']):.0f}x (target >= 40x)"
            )

        svg20 = synthetic_sop(20)
        svg_ms = median_ms(lambda: render_svg(svg20, flowchart_only=True), 50)
        print(f"SVG, 20-step flowchart: {svg_ms:.2f} ms (target < 5 ms)")

        subprocess.run([str(SOPAP), "--help"], check=True, capture_output=True, env=CHILD_ENV)  # warm
        startup = []
        for _ in range(5):
            t = time.perf_counter()
            subprocess.run([str(SOPAP), "--help"], check=True, capture_output=True, env=CHILD_ENV)
            startup.append((time.perf_counter() - t) * 1000)
        print(f"CLI start-up (sopap --help): {statistics.median(startup):.0f} ms (target < 300 ms)")

        # One render as a new process, against the same command made to import the model first (what
        # every render paid before valid files were read without pydantic) and the bare interpreter.
        one = REPO / "examples" / "serang" / "31-pengajuan-spp-spm.sop.yaml"
        python = SOPAP.parent / "python"
        commands = {
            "sopap render": [str(SOPAP)],
            "with the model imported": [str(python), "-c", MODEL_FIRST],
        }
        single: dict[str, list[float]] = {name: [] for name in [*commands, "python -c pass"]}
        for round_ in range(8):  # the first round warms the caches and is not counted
            for name, command in commands.items():
                t = time.perf_counter()
                subprocess.run(
                    [*command, "render", str(one), "-o", str(tmp / "one.pdf")],
                    check=True,
                    capture_output=True,
                    env=CHILD_ENV,
                )
                if round_:
                    single[name].append((time.perf_counter() - t) * 1000)
            t = time.perf_counter()
            subprocess.run([str(python), "-c", "pass"], check=True, env=CHILD_ENV)
            if round_:
                single["python -c pass"].append((time.perf_counter() - t) * 1000)
        ours_one = statistics.median(single["sopap render"])
        with_model = statistics.median(single["with the model imported"])
        print(
            f"sopap render one.sop.yaml -o x.pdf: {ours_one:.0f} ms (target < 250 ms); with the model "
            f"imported first {with_model:.0f} ms ({with_model / ours_one:.2f}x); the interpreter alone "
            f"{statistics.median(single['python -c pass']):.0f} ms"
        )

        # One process over a folder of 17 SOPs: 14 Serang + 3 synthetic.
        folder = tmp / "dir"
        folder.mkdir()
        extra = [
            ("synthetic-60", synthetic_sop(60)),
            ("synthetic-19", synthetic_sop(19, 5, every_decision=6)),
            ("synthetic-10-actors", synthetic_sop(12, 10, every_decision=5)),
        ]
        everything = [(n, s) for n, s in sops if not n.startswith("synthetic")] + extra
        for name, sop in everything:
            (folder / f"{name}.sop.yaml").write_text(dump(sop), encoding="utf-8")
        peer_docs: dict[str, list[Path]] = {}
        if has_soffice:
            for peer, (build, _) in PEERS.items():
                (tmp / f"dir-{peer}").mkdir()
                peer_docs[peer] = []
                for name, sop in everything:
                    path = tmp / f"dir-{peer}" / f"{name}.docx"
                    build(sop, path)
                    peer_docs[peer].append(path)
                soffice_convert(peer_docs[peer][:1], path.parent)  # a warm profile, as a daily user has
        # Interleaved, so that a busy moment of the machine hits every side alike.
        timings: dict[str, list[float]] = {"sopap": [], "sopap -j 1": [], **{p: [] for p in peer_docs}}

        def sopap_dir(*extra_args: str) -> float:
            shutil.rmtree(tmp / "out", ignore_errors=True)
            t = time.perf_counter()
            subprocess.run(
                [str(SOPAP), "render", str(folder), "-o", str(tmp / "out"), *extra_args],
                check=True,
                capture_output=True,
                env=CHILD_ENV,
            )
            return time.perf_counter() - t

        sopap_dir()  # warm-up: bytecode caches, disk cache
        for _ in range(max(5, args.lo_runs)):
            timings["sopap"].append(sopap_dir())
            timings["sopap -j 1"].append(sopap_dir("-j", "1"))
            for peer, paths in peer_docs.items():
                timings[peer].append(soffice_convert(paths, paths[0].parent))
        ours_dir = statistics.median(timings["sopap"])
        print(
            f"sopap render DIR ({len(everything)} SOPs, one command): {ours_dir * 1000:.0f} ms on "
            f"{len(os.sched_getaffinity(0))} cores, {statistics.median(timings['sopap -j 1']) * 1000:.0f} ms with -j 1"
        )
        for peer in peer_docs:
            lo_dir = statistics.median(timings[peer])
            print(
                f"soffice --convert-to pdf ({len(everything)} .docx, {peer}, one process): {lo_dir * 1000:.0f} ms "
                f"-> {lo_dir / ours_dir:.1f}x (target >= 12x)"
            )


if __name__ == "__main__":
    main()
