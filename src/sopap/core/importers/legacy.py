"""Old Office formats (.doc, .xls): converted to .docx/.xlsx by LibreOffice, then read as those are.

LibreOffice runs headless in a temporary folder of its own (a fresh user profile there too, so a running
LibreOffice of the same user neither blocks nor is touched), under a time limit; the folder is removed
afterwards whatever happened. Without LibreOffice, or when it fails, the file gets a message saying so.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from pathlib import Path

from sopap.core.i18n import Text, Verbatim
from sopap.core.importers.safety import (
    OLE_MAGIC,
    CorruptFileError,
    EncryptedFileError,
    ImportFileError,
    _is_encrypted_ole,
)

CONVERT_SECONDS = 120


class ConverterMissingError(ImportFileError):
    pass


def converter() -> str | None:
    """The LibreOffice program, when installed (`SOPAP_SOFFICE` names another)."""
    named = os.environ.get("SOPAP_SOFFICE")
    if named:
        return shutil.which(named) or (named if Path(named).is_file() else None)
    return shutil.which("soffice") or shutil.which("libreoffice")


def convert_legacy(data: bytes, old: str, new: str, path: str, *, timeout: float = CONVERT_SECONDS) -> bytes:
    """``data`` of an ``old`` file (`doc`, `xls`) as the bytes of a ``new`` one (`docx`, `xlsx`)."""
    app = "Word" if old == "doc" else "Excel"
    if data.startswith(OLE_MAGIC) and _is_encrypted_ole(data):
        raise EncryptedFileError(
            Text(
                "berkas {kind} ini dilindungi kata sandi. Buka di {app}, hapus kata sandinya, simpan, lalu impor lagi",
                kind=Verbatim(f".{old}"),
                app=app,
            ),
            path=path,
        )
    program = converter()
    if program is None:
        raise ConverterMissingError(
            Text(
                "berkas format lama ({old}) perlu LibreOffice untuk dibaca, dan LibreOffice tidak terpasang "
                "di server ini. Simpan ulang sebagai {new} di {app} lalu impor lagi",
                old=Verbatim(f".{old}"),
                new=Verbatim(f".{new}"),
                app=app,
            ),
            path=path,
        )
    with tempfile.TemporaryDirectory(prefix="sopap-convert-") as folder:
        source = Path(folder) / f"masukan.{old}"
        source.write_bytes(data)
        out = Path(folder) / "keluaran"
        command = [
            program,
            f"-env:UserInstallation={Path(folder, 'profil').as_uri()}",
            "--headless",
            "--norestore",
            "--convert-to",
            new,
            "--outdir",
            str(out),
            str(source),
        ]
        try:
            subprocess.run(command, capture_output=True, timeout=timeout, check=False, cwd=folder)
        except subprocess.TimeoutExpired:
            raise CorruptFileError(
                Text(
                    "LibreOffice tidak selesai mengubah berkas {old} dalam {seconds} detik; "
                    "simpan ulang sebagai {new} di {app} lalu impor lagi",
                    old=Verbatim(f".{old}"),
                    seconds=round(timeout),
                    new=Verbatim(f".{new}"),
                    app=app,
                ),
                path=path,
            ) from None
        except OSError as exc:
            raise ConverterMissingError(
                Text("LibreOffice tidak dapat dijalankan ({error})", error=type(exc).__name__), path=path
            ) from exc
        result = out / f"masukan.{new}"
        if not result.is_file():
            raise CorruptFileError(
                Text(
                    "LibreOffice tidak dapat mengubah berkas {old} ini (berkas rusak, bukan dokumen {app}, "
                    "atau komponen LibreOffice untuk {app} tidak terpasang); buka dan simpan ulang sebagai {new}",
                    old=Verbatim(f".{old}"),
                    app=app,
                    new=Verbatim(f".{new}"),
                ),
                path=path,
            )
        return result.read_bytes()
