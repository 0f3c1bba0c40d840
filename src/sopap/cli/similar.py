"""`sopap similar DIR`: the families of SOPs in a folder that follow one flow and should perhaps be one."""

from __future__ import annotations

import json
from pathlib import Path

import click

from sopap.cli.options import FORMAT_OPTION, LANG_OPTION
from sopap.core.i18n import tr


@click.command("similar")
@click.argument("source", type=click.Path(path_type=Path))
@click.option(
    "--ambang",
    type=click.FloatRange(0.1, 1.0),
    default=None,
    help="Seberapa mirip agar satu keluarga, 0,1-1 / how alike to be one family (default 0.6).",
)
@FORMAT_OPTION
@LANG_OPTION
def similar(source: Path, ambang: float | None, output_format: str, lang: str) -> None:
    """Cari SOP yang seharusnya satu / find SOPs that should be one.

    \b
    sopap similar contoh/serang/
    """
    from sopap.cli.render import _fail, checked_sops
    from sopap.core.similarity import FAMILY_SIMILARITY, families

    if not source.is_dir():
        _fail(tr("{path}: harus berupa folder", lang, path=str(source)))
    sops = {
        str(path.relative_to(source)) if path else sop.nama: sop for sop, path in checked_sops(source, lang)
    }
    found = families(sops, threshold=ambang or FAMILY_SIMILARITY)
    if output_format == "json":
        click.echo(
            json.dumps(
                [
                    {
                        "pusat": f.central,
                        "anggota": [
                            {
                                "berkas": m.key,
                                "nama": sops[m.key].nama,
                                "kemiripan": m.similarity,
                                "kata_nama": list(m.name_words),
                                "langkah_berbeda": [
                                    {
                                        "langkah": d.nomor,
                                        "padanan": d.counterpart,
                                        "hanya_di_sini": list(d.only_here),
                                        "hanya_di_pusat": list(d.only_there),
                                    }
                                    for d in m.differences
                                ],
                            }
                            for m in f.members
                        ],
                    }
                    for f in found
                ],
                ensure_ascii=False,
                indent=2,
            )
        )
        return
    if not found:
        click.echo(tr("tidak ada SOP yang alurnya sama", lang))
        return
    for number, family in enumerate(found, start=1):
        click.echo(
            tr("Keluarga {n}: {count} SOP dengan alur yang sama", lang, n=number, count=len(family.members))
        )
        for member in family.members:
            words = ", ".join(member.name_words) or "—"
            click.echo(f"  {member.similarity:4.2f}  {member.key}  [{words}]")
            for difference in member.differences:
                click.echo(
                    "        "
                    + tr(
                        "langkah {n} berbeda: {text}",
                        lang,
                        n=difference.nomor,
                        text=difference.kegiatan,
                    )
                )
