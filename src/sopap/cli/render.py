"""`sopap render`: SOP files to PDF, SVG or PNG (and the formats the other renderers add).

A folder is rendered by this process and forked copies of it, one per CPU core (see
:mod:`sopap.core.renderers.batch`): the start-up (imports, fonts, text metrics) is paid once.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING, NoReturn

import click

from sopap.cli.options import LANG_OPTION
from sopap.core.i18n import tr

if TYPE_CHECKING:
    from sopap.core.layout.options import RenderOptions
    from sopap.core.logo import Logo
    from sopap.core.model import SOP


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
@click.option(
    "--logo",
    type=click.Path(path_type=Path),
    default=None,
    help="Logo pada lembar identitas (PNG, JPEG atau SVG, paling besar 1 MB) / logo on the identity sheet.",
)
@click.option(
    "--draf",
    "draft",
    is_flag=True,
    default=False,
    help="Tanda air DRAF di setiap halaman / a DRAF watermark on every page.",
)
@LANG_OPTION
def render(
    source: Path,
    output: Path,
    fmt: str | None,
    paper: str,
    steps_per_page: int | None,
    jobs: int | None,
    logo: Path | None,
    draft: bool,
    lang: str,
) -> None:
    """Cetak SOP ke PDF/SVG/PNG / render SOPs to PDF, SVG or PNG.

    \b
    sopap render sop.sop.yaml -o sop.pdf
    sopap render folder/ -o keluaran/ --format pdf
    """
    from sopap.core.layout.options import RenderOptions

    if not source.exists():
        _fail(tr("{path}: berkas atau folder tidak ditemukan", lang, path=str(source)))
    options = RenderOptions(
        paper=paper,  # type: ignore[arg-type]
        steps_per_page=steps_per_page,
        lang=lang,  # type: ignore[arg-type]
        logo=_read_logo(logo, lang) if logo is not None else None,
        draft=draft,
    )
    chosen = _folder_format(fmt, output, lang) if source.is_dir() else _file_format(fmt, output, lang)
    sops = checked_sops(source, lang, plain=True)
    if source.is_dir():
        _render_folder(_folder_work(sops, source, output, chosen), output, options, jobs, lang)
    else:
        _render_file(sops[0][0], output, options)


def _read_logo(path: Path, lang: str) -> Logo:
    from sopap.core.logo import LogoError, read_logo

    if not path.is_file():
        _fail(tr("{path}: berkas atau folder tidak ditemukan", lang, path=str(path)))
    try:
        return read_logo(path.read_bytes())
    except LogoError as exc:
        _fail(f"{path}: {exc.text_in(lang)}")


def _fail(message: str, code: int = 2) -> NoReturn:
    click.echo(message, err=True)
    sys.exit(code)


def _known_formats() -> str:
    from sopap.core.renderers import available_formats

    return ", ".join(sorted(available_formats()))


def _folder_format(fmt: str | None, output: Path, lang: str) -> str:
    """The format every SOP of a folder is rendered to: `--format`, else pdf."""
    from sopap.core.renderers import available_formats

    chosen = (fmt or "pdf").lower().lstrip(".")
    if chosen not in available_formats():
        _fail(tr("format tidak dikenal “{format}” ({known})", lang, format=chosen, known=_known_formats()))
    if output.exists() and not output.is_dir():
        _fail(tr("{path}: harus berupa folder", lang, path=str(output)))
    return chosen


def _file_format(fmt: str | None, output: Path, lang: str) -> str:
    """The format of a single output file: its extension, which `--format` (if given) must agree with."""
    from sopap.core.renderers import format_of

    chosen = format_of(output) or ""
    if fmt and fmt.lower().lstrip(".") != chosen:
        chosen = ""
    if not chosen:
        _fail(
            tr(
                "{path}: format keluaran tidak dikenal, gunakan salah satu {known}",
                lang,
                path=str(output),
                known=_known_formats(),
            )
        )
    return chosen


def checked_sops(source: Path, lang: str, *, plain: bool = False) -> list[tuple[SOP, Path | None]]:
    """Every SOP under `source` with the path it was read from; exits when any of them has errors.

    ``plain``: for a caller that only renders them, plainly valid files are read without pydantic
    (see :mod:`sopap.core.plain`), a third of the start-up of one render.
    """
    from sopap.core.rules import lint_paths

    report = lint_paths([source], plain=plain)
    if not report.files:
        _fail(tr("tidak ada berkas .sop.yaml", lang))
    bad = [f for f in report.files if f.errors or f.sop is None]
    if bad:
        # Nothing is written when any SOP has errors: a half-rendered folder is worse than none.
        for result in bad:
            for diagnostic in result.errors:
                click.echo(diagnostic.render(lang), err=True)
        count = sum(len(r.errors) for r in bad)
        _fail(
            tr(
                "{files} berkas dengan {errors} galat; tidak ada yang ditulis",
                lang,
                files=len(bad),
                errors=count,
            ),
            code=1,
        )
    sops = []
    for result in report.files:
        assert result.sop is not None
        sops.append((result.sop, None if result.path is None else Path(result.path)))
    return sops


def _render_file(sop: SOP, output: Path, options: RenderOptions) -> None:
    from sopap.core.renderers import render_to_path

    render_to_path(sop, output, options)
    click.echo(str(output), err=True)


def _folder_work(
    sops: list[tuple[SOP, Path | None]], source: Path, output: Path, chosen: str
) -> list[tuple[SOP, Path]]:
    """Each SOP with its output file: the folder tree under `source` mirrored under `output`."""
    work = []
    for sop, path in sops:
        assert path is not None
        relative = path.relative_to(source) if path.is_relative_to(source) else Path(path.name)
        name = relative.name
        for suffix in (".sop.yaml", ".sop.yml"):
            if name.endswith(suffix):
                name = name[: -len(suffix)]
        work.append((sop, output / relative.parent / f"{name}.{chosen}"))
    return work


def _render_folder(
    work: list[tuple[SOP, Path]], output: Path, options: RenderOptions, jobs: int | None, lang: str
) -> None:
    """Render the folder's work in `jobs` processes with a progress bar on stderr."""
    from sopap.core.renderers.batch import RenderFailed, render_jobs

    label = tr("Mencetak", lang)
    with click.progressbar(
        length=len(work), label=label, file=sys.stderr, show_pos=True, item_show_func=_file_name
    ) as bar:
        try:
            render_jobs(work, options, workers=jobs, on_done=lambda path: bar.update(1, path))
        except RenderFailed as exc:
            click.echo("", err=True)
            _fail(exc.localized(lang), code=1)
    click.echo(
        tr("{count} berkas ditulis ke {folder}", lang, count=len(work), folder=str(output)),
        err=True,
    )


def _file_name(path: Path | None) -> str | None:
    return path.name if path is not None else None
