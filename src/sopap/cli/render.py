"""`sopap render`: SOP files to PDF, SVG or PNG (and the formats the other renderers add).

A folder is rendered by this process and forked copies of it, one per CPU core (see
:mod:`sopap.core.renderers.batch`): the start-up (imports, fonts, text metrics) is paid once.
"""

from __future__ import annotations

import sys
from pathlib import Path

import click

from sopap.cli.options import LANG_OPTION


@click.command()
@click.argument("source", type=click.Path(path_type=Path))
@click.option(
    "-o",
    "--output",
    type=click.Path(path_type=Path),
    required=True,
    help="Berkas keluaran (format dari ekstensinya) atau folder / output file (format from its "
    "extension) or folder.",
)
@click.option(
    "--format",
    "fmt",
    default=None,
    help="Format untuk folder (bawaan pdf) / format when rendering a folder (default pdf).",
)
@click.option(
    "--paper",
    type=click.Choice(["f4", "a4"]),
    default="f4",
    show_default=True,
    help="Ukuran kertas / paper size.",
)
@click.option(
    "--langkah-per-halaman",
    "steps_per_page",
    type=click.IntRange(1, 100),
    default=None,
    help="Langkah paling banyak per halaman / at most this many steps per page.",
)
@click.option(
    "-j",
    "--jobs",
    type=click.IntRange(1, 64),
    default=None,
    help="Jumlah proses untuk folder (bawaan: jumlah inti CPU) / processes for a folder (default: CPU cores).",
)
@LANG_OPTION
def render(
    source: Path,
    output: Path,
    fmt: str | None,
    paper: str,
    steps_per_page: int | None,
    jobs: int | None,
    lang: str,
) -> None:
    """Cetak SOP ke PDF/SVG/PNG / render SOPs to PDF, SVG or PNG.

    \b
    sopap render sop.sop.yaml -o sop.pdf
    sopap render folder/ -o keluaran/ --format pdf
    """
    from sopap.core.layout.options import RenderOptions
    from sopap.core.renderers import available_formats, format_of
    from sopap.core.rules import lint_paths

    en = lang == "en"
    if not source.exists():
        click.echo(
            f"{source}: " + ("file or folder not found" if en else "berkas atau folder tidak ditemukan"),
            err=True,
        )
        sys.exit(2)
    options = RenderOptions(paper=paper, steps_per_page=steps_per_page, lang=lang)  # type: ignore[arg-type]
    known = ", ".join(sorted(available_formats()))
    if source.is_dir():
        chosen = (fmt or "pdf").lower().lstrip(".")
        if chosen not in available_formats():
            click.echo(
                ("unknown format" if en else "format tidak dikenal") + f" {chosen!r} ({known})", err=True
            )
            sys.exit(2)
        if output.exists() and not output.is_dir():
            click.echo(f"{output}: " + ("must be a folder" if en else "harus berupa folder"), err=True)
            sys.exit(2)
    else:
        chosen = format_of(output) or ""
        if fmt and fmt.lower().lstrip(".") != chosen:
            chosen = ""
        if not chosen:
            click.echo(
                f"{output}: "
                + (
                    "unknown output format, use one of"
                    if en
                    else "format keluaran tidak dikenal, gunakan salah satu"
                )
                + f" {known}",
                err=True,
            )
            sys.exit(2)
    report = lint_paths([source])
    if not report.files:
        click.echo("no .sop.yaml files found" if en else "tidak ada berkas .sop.yaml", err=True)
        sys.exit(2)
    bad = [f for f in report.files if f.errors or f.sop is None]
    if bad:
        # Nothing is written when any SOP has errors: a half-rendered folder is worse than none.
        for result in bad:
            for diagnostic in result.errors:
                click.echo(diagnostic.render(lang), err=True)
        count = sum(len(r.errors) for r in bad)
        click.echo(
            (
                f"{len(bad)} file(s) with {count} error(s); nothing written"
                if en
                else f"{len(bad)} berkas dengan {count} galat; tidak ada yang ditulis"
            ),
            err=True,
        )
        sys.exit(1)
    from sopap.core.renderers import render_to_path

    if not source.is_dir():
        result = report.files[0]
        assert result.sop is not None
        render_to_path(result.sop, output, options)
        click.echo(str(output), err=True)
        return
    from sopap.core.renderers.batch import RenderFailed, render_jobs

    work = []
    for result in report.files:
        assert result.sop is not None and result.path is not None
        path = Path(result.path)
        relative = path.relative_to(source) if path.is_relative_to(source) else Path(path.name)
        name = relative.name
        for suffix in (".sop.yaml", ".sop.yml"):
            if name.endswith(suffix):
                name = name[: -len(suffix)]
        work.append((result.sop, output / relative.parent / f"{name}.{chosen}"))
    label = "Rendering" if en else "Mencetak"
    with click.progressbar(
        length=len(work), label=label, file=sys.stderr, show_pos=True, item_show_func=_file_name
    ) as bar:
        try:
            render_jobs(work, options, workers=jobs, on_done=lambda path: bar.update(1, path))
        except RenderFailed as exc:
            click.echo("", err=True)
            click.echo(exc.localized(lang), err=True)
            sys.exit(1)
    click.echo(
        (f"{len(work)} file(s) written to {output}" if en else f"{len(work)} berkas ditulis ke {output}"),
        err=True,
    )


def _file_name(path: Path | None) -> str | None:
    return path.name if path is not None else None
