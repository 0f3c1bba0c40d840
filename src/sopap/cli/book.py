"""`sopap book` and `sopap keputusan`: a folder of SOPs as a Buku SOP or as its Keputusan penetapan."""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path
from typing import Any, NoReturn

import click

from sopap.cli.options import LANG_OPTION
from sopap.core.i18n import tr


def _fail(message: str, code: int = 2) -> NoReturn:
    click.echo(message, err=True)
    sys.exit(code)


def _settings(path: Path | None, lang: str, **overrides: Any) -> Any:
    """The book's settings from `--pengaturan`, with the command line's values over them."""
    import yaml
    from pydantic import ValidationError

    from sopap.core.book.settings import BukuSOP

    data: dict[str, Any] = {}
    if path is not None:
        try:
            data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        except (OSError, yaml.YAMLError) as exc:
            _fail(
                tr("{path}: pengaturan tidak dapat dibaca: {reason}", lang, path=str(path), reason=str(exc))
            )
        if not isinstance(data, dict):
            _fail(tr("{path}: pengaturan harus berupa pemetaan", lang, path=str(path)))
    keputusan = dict(data.get("keputusan") or {})
    for key in ("nomor", "tanggal", "tempat"):
        value = overrides.pop(f"keputusan_{key}", None)
        if value is not None:
            keputusan[key] = value
    data["keputusan"] = keputusan
    data.update({k: v for k, v in overrides.items() if v is not None})
    try:
        return BukuSOP.model_validate(data)
    except ValidationError as exc:
        where = str(path) if path else "pengaturan"
        for error in exc.errors():
            field = ".".join(str(p) for p in error["loc"])
            click.echo(f"{where}: {field}: {error['msg']}", err=True)
        sys.exit(1)


def _book(source: Path, settings: Any, lang: str) -> Any:
    from sopap.cli.render import checked_sops
    from sopap.core.book.content import resolve_book
    from sopap.core.errors import SopapError

    if not source.is_dir():
        _fail(tr("{path}: harus berupa folder", lang, path=str(source)))
    sops = [sop for sop, _ in checked_sops(source, lang)]
    try:
        return resolve_book(sops, settings)
    except SopapError as exc:
        _fail(exc.localized(lang), code=1)


def _write(output: Path, data: bytes) -> None:
    from sopap.core.fileutil import write_atomic

    write_atomic(output, data)
    click.echo(str(output), err=True)


def _output_format(output: Path, lang: str) -> str:
    """pdf or docx, from the output's extension."""
    kind = output.suffix.lower().lstrip(".")
    if kind not in ("pdf", "docx"):
        _fail(
            tr(
                "{path}: format keluaran tidak dikenal, gunakan salah satu {known}",
                lang,
                path=str(output),
                known="pdf, docx",
            )
        )
    return kind


@click.command()
@click.argument("source", type=click.Path(path_type=Path))
@click.option("-o", "--output", type=click.Path(path_type=Path), required=True, help="buku.pdf, buku.docx")
@click.option(
    "--keputusan", "with_keputusan", is_flag=True, help="Sertakan Keputusan penetapan / add the decree."
)
@click.option("--judul", default=None, help="Judul buku / the book's title.")
@click.option("--tahun", type=click.IntRange(1900, 2200), default=None, help="Tahun / year.")
@click.option("--logo", type=click.Path(path_type=Path), default=None, help="PNG/JPEG")
@click.option("--pengaturan", type=click.Path(path_type=Path, exists=True), default=None, help="buku.yaml")
@LANG_OPTION
def book(
    source: Path,
    output: Path,
    with_keputusan: bool,
    judul: str | None,
    tahun: int | None,
    logo: Path | None,
    pengaturan: Path | None,
    lang: str,
) -> None:
    """Buku SOP dari folder SOP / a Buku SOP from a folder of SOPs."""
    from sopap.core.errors import SopapError
    from sopap.core.layout.options import RenderOptions

    kind = _output_format(output, lang)
    if kind == "docx":
        from sopap.core.book.docx import render_book_docx as render
    else:
        from sopap.core.book.pdf import render_book_pdf as render
    settings = _settings(pengaturan, lang, judul=judul, tahun=tahun)
    resolved = _book(source, settings, lang)
    try:
        data = render(
            resolved,
            RenderOptions(lang=lang),  # type: ignore[arg-type]
            keputusan=with_keputusan,
            logo=logo or settings.logo,
        )
    except SopapError as exc:
        _fail(exc.localized(lang), code=1)
    _write(output, data)


@click.command()
@click.argument("source", type=click.Path(path_type=Path))
@click.option(
    "-o", "--output", type=click.Path(path_type=Path), required=True, help="keputusan.pdf, keputusan.docx"
)
@click.option("--nomor", default=None, help="Nomor Keputusan / the decree's number.")
@click.option("--tanggal", type=click.DateTime(["%Y-%m-%d"]), default=None, help="YYYY-MM-DD")
@click.option("--tempat", default=None, help="Ditetapkan di / where it is decreed.")
@click.option("--pengaturan", type=click.Path(path_type=Path, exists=True), default=None, help="buku.yaml")
@LANG_OPTION
def keputusan(
    source: Path,
    output: Path,
    nomor: str | None,
    tanggal: dt.datetime | None,
    tempat: str | None,
    pengaturan: Path | None,
    lang: str,
) -> None:
    """Keputusan penetapan SOP dari folder / the decree putting a folder's SOPs in force."""
    from sopap.core.layout.options import RenderOptions

    if _output_format(output, lang) == "docx":
        from sopap.core.book.docx import render_keputusan_docx as render
    else:
        from sopap.core.book.pdf import render_keputusan_pdf as render
    settings = _settings(
        pengaturan,
        lang,
        keputusan_nomor=nomor,
        keputusan_tanggal=tanggal.date() if tanggal else None,
        keputusan_tempat=tempat,
    )
    resolved = _book(source, settings, lang)
    _write(output, render(resolved, RenderOptions(lang=lang)))  # type: ignore[arg-type]
