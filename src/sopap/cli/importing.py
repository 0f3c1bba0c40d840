"""`sopap import`: existing SOPs from Word and Excel into `.sop.yaml` files, with a fidelity report.

Exit status: 0 all imported without lint errors; 1 some SOPs have lint errors (still written: they are
drafts to finish); 2 a file could not be read at all (nothing is written for it).
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import click

from sopap.cli.options import FORMAT_OPTION, LANG_OPTION
from sopap.core.i18n import Text, tr


@click.command("import")
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option(
    "-o",
    "--output",
    "outdir",
    required=True,
    type=click.Path(path_type=Path, file_okay=False),
    help="Folder tujuan berkas .sop.yaml / folder for the .sop.yaml files.",
)
@click.option(
    "--timpa/--jangan-timpa",
    "--overwrite/--no-overwrite",
    "overwrite",
    default=False,
    help="Timpa berkas yang sudah ada / overwrite existing files (default: keep them, write -2, -3...).",
)
@LANG_OPTION
@FORMAT_OPTION
@click.option("-q", "--quiet", is_flag=True, help="Hanya ringkasan / summary only.")
def import_command(
    paths: tuple[Path, ...], outdir: Path, overwrite: bool, lang: str, output_format: str, quiet: bool
) -> None:
    """Impor SOP dari Word (.docx), Excel (.xlsx) dan PDF / import SOPs from Word, Excel and PDF.

    PATHS: berkas .docx/.xlsx/.pdf, folder, atau .zip berisi banyak berkas / files, folders or a .zip of files.
    Satu Buku SOP menghasilkan satu .sop.yaml per SOP / a Buku SOP gives one .sop.yaml per SOP.
    """
    import json

    from sopap.core.errors import SopapError
    from sopap.core.fileutil import write_atomic
    from sopap.core.importers import import_file

    sources, problems = _collect(list(paths), lang)
    unreadable = len(problems)
    for message in problems:
        click.echo(message, err=True)
    written = 0
    with_errors = 0
    payload: list[dict[str, Any]] = []
    show_bar = len(sources) > 1 and sys.stderr.isatty()
    # One large file (a Buku SOP of a hundred SOPs) gets a bar of its own, moved by the importer.
    show_file_bar = len(sources) == 1 and sys.stderr.isatty()
    with (
        click.progressbar(sources, label=tr("Mengimpor", lang), file=sys.stderr, show_pos=True)
        if show_bar
        else _plain(sources) as items
    ):
        for label, loader in items:
            try:
                data = loader()
                if show_file_bar:
                    with click.progressbar(length=BAR_STEPS, label=label, file=sys.stderr) as bar:
                        result = import_file(data, label, lang=lang, progress=bar_progress(bar))
                else:
                    result = import_file(data, label, lang=lang)
            except SopapError as exc:
                unreadable += 1
                click.echo(tr("GAGAL", lang) + " " + exc.localized(lang), err=True)
                payload.append({"file": label, "error": exc.text_in(lang)})
                continue
            except OSError as exc:
                unreadable += 1
                click.echo(
                    tr("{file}: tidak dapat dibaca ({reason})", lang, file=label, reason=exc.strerror or ""),
                    err=True,
                )
                continue
            for item in result.sops:
                target = _target(outdir, item.suggested_name, overwrite)
                if target.name != item.suggested_name:
                    click.echo(
                        tr(
                            "{name} sudah ada: ditulis sebagai {written} (pakai --timpa untuk menimpa)",
                            lang,
                            name=item.suggested_name,
                            written=target.name,
                        ),
                        err=True,
                    )
                write_atomic(target, item.yaml.encode("utf-8"))
                item.report.output_path = str(target)
                written += 1
                if item.has_errors:
                    with_errors += 1
                if output_format == "json":
                    payload.append({"file": label, **item.report.as_dict(lang)})
                elif not quiet:
                    click.echo(item.report.render(lang))
                    click.echo("")
    if output_format == "json":
        click.echo(json.dumps(payload, ensure_ascii=False, indent=2, default=str))
    summary = tr(
        "{written} SOP ditulis ke {folder}; {with_errors} dengan galat lint{drafts}; {unreadable} berkas tidak terbaca",
        lang,
        written=written,
        folder=str(outdir),
        with_errors=with_errors,
        drafts=Text(" (draf: perbaiki dulu)") if with_errors else "",
        unreadable=unreadable,
    )
    click.echo(summary, err=True)
    if unreadable:
        sys.exit(2)
    sys.exit(1 if with_errors else 0)


BAR_STEPS = 100


def bar_progress(bar: Any) -> Callable[[Any], None]:
    """The importer's progress (a fraction of the file, never going back) as steps of a click bar."""
    shown = 0

    def advance(progress: Any) -> None:
        nonlocal shown
        target = min(BAR_STEPS, int(progress.fraction * BAR_STEPS))
        if target > shown:
            bar.update(target - shown)
            shown = target

    return advance


class _plain:
    def __init__(self, items: list[Any]) -> None:
        self.items = items

    def __enter__(self) -> list[Any]:
        return self.items

    def __exit__(self, *args: object) -> None:
        return None


def _target(outdir: Path, name: str, overwrite: bool) -> Path:
    target = outdir / name
    if overwrite or not target.exists():
        return target
    stem = name[: -len(".sop.yaml")]
    counter = 2
    while (outdir / f"{stem}-{counter}.sop.yaml").exists():
        counter += 1
    return outdir / f"{stem}-{counter}.sop.yaml"


def _collect(paths: list[Path], lang: str) -> tuple[list[tuple[str, Any]], list[str]]:
    """(label, loader) for every importable file named, found in a folder, or held in a .zip."""
    from sopap.core.importers import supported_suffixes

    suffixes = supported_suffixes()
    sources: list[tuple[str, Any]] = []
    problems: list[str] = []
    for path in paths:
        if not path.exists():
            problems.append(tr("{path}: berkas atau folder tidak ditemukan", lang, path=str(path)))
        elif path.is_dir():
            found = sorted(
                p
                for p in path.rglob("*")
                if p.is_file() and p.suffix.lower() in suffixes and not p.name.startswith("~$")
            )
            if not found:
                problems.append(tr("{path}: tidak ada berkas .docx/.xlsx/.pdf", lang, path=str(path)))
            sources.extend((str(p), p.read_bytes) for p in found)
        elif path.suffix.lower() == ".zip":
            members, problem = _zip_members(path, suffixes, lang)
            sources.extend(members)
            if problem:
                problems.append(problem)
        else:
            sources.append((str(path), path.read_bytes))
    return sources, problems


def _zip_members(
    path: Path, suffixes: tuple[str, ...], lang: str
) -> tuple[list[tuple[str, Any]], str | None]:
    import zipfile

    from sopap.core.i18n import Megabytes
    from sopap.core.importers.safety import MAX_FILE_BYTES, MAX_UNCOMPRESSED_BYTES

    try:
        archive = zipfile.ZipFile(path)
        infos = [
            i for i in archive.infolist() if not i.is_dir() and Path(i.filename).suffix.lower() in suffixes
        ]
    except (zipfile.BadZipFile, OSError):
        return [], tr("{path}: berkas .zip rusak", lang, path=str(path))
    total = sum(i.file_size for i in infos)
    if total > 4 * MAX_UNCOMPRESSED_BYTES:
        return [], tr("{path}: isi .zip terlalu besar ({size})", lang, path=str(path), size=Megabytes(total))
    members: list[tuple[str, Any]] = []
    for info in infos:

        def load(info: zipfile.ZipInfo = info) -> bytes:
            from sopap.core.importers.safety import check_size

            check_size(info.file_size, f"{path}:{info.filename}")
            with archive.open(info) as handle:
                return handle.read(MAX_FILE_BYTES + 1)

        members.append((f"{path}:{info.filename}", load))
    if not members:
        return [], tr("{path}: tidak ada berkas .docx/.xlsx/.pdf di dalam .zip", lang, path=str(path))
    return members, None
