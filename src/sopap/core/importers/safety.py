"""Checks made before any parser touches an uploaded file: size, container, encryption, zip bombs.

Office files are zip archives; everything here reads only the zip's directory, never a member, so a
bomb is refused before it can expand. Each refusal is an :class:`ImportFileError` with a message a
clerk can act on, in Bahasa Indonesia and English.
"""

from __future__ import annotations

import io
import zipfile

from sopap.core.errors import SopapError
from sopap.core.i18n import Megabytes, Text

MAX_FILE_BYTES = 25 * 1024 * 1024
MAX_UNCOMPRESSED_BYTES = 200 * 1024 * 1024
MAX_MEMBER_RATIO = 200
MAX_MEMBERS = 5000
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ZIP_MAGIC = b"PK\x03\x04"


class ImportFileError(SopapError):
    """A file that cannot be imported at all; nothing is written for it."""


class FileTooLargeError(ImportFileError):
    pass


class EncryptedFileError(ImportFileError):
    pass


class CorruptFileError(ImportFileError):
    pass


class UnsupportedFormatError(ImportFileError):
    pass


class ZipBombError(ImportFileError):
    pass


class NoSopFoundError(ImportFileError):
    pass


def check_size(size: int, path: str | None) -> None:
    if size > MAX_FILE_BYTES:
        raise FileTooLargeError(
            Text(
                "berkas terlalu besar ({size}); batasnya {limit}. "
                "Pecah Buku SOP menjadi beberapa berkas atau hapus gambar besar di dalamnya",
                size=Megabytes(size),
                limit=Megabytes(MAX_FILE_BYTES),
            ),
            path=path,
        )


def open_office_zip(data: bytes, kind: str, path: str | None) -> zipfile.ZipFile:
    """Check ``data`` and open it as the zip of a .docx or .xlsx (``kind`` is "docx" or "xlsx")."""
    check_size(len(data), path)
    word = "Word (.docx)" if kind == "docx" else "Excel (.xlsx)"
    app = word.split()[0]
    if data.startswith(OLE_MAGIC):
        if _is_encrypted_ole(data):
            raise EncryptedFileError(
                Text(
                    "berkas {kind} ini dilindungi kata sandi (terenkripsi). Buka di {app}, hapus kata sandinya "
                    "(File > Info > Protect/Lindungi), simpan, lalu impor lagi",
                    kind=word,
                    app=app,
                ),
                path=path,
            )
        raise UnsupportedFormatError(
            Text(
                "ini berkas format lama ({old}, Office 97-2003). Simpan ulang sebagai {new} lalu impor lagi",
                old=".doc" if kind == "docx" else ".xls",
                new=".docx" if kind == "docx" else ".xlsx",
            ),
            path=path,
        )
    if not data.startswith(ZIP_MAGIC):
        raise UnsupportedFormatError(
            Text("bukan berkas {kind}: {hint}", kind=word, hint=_what_is_it(data)), path=path
        )
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        infos = archive.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError, EOFError):
        raise _corrupt(word, path) from None
    if len(infos) > MAX_MEMBERS:
        raise ZipBombError(
            Text("berkas berisi terlalu banyak bagian ({count}); ditolak demi keamanan", count=len(infos)),
            path=path,
        )
    total = 0
    for info in infos:
        total += info.file_size
        ratio = info.file_size / max(info.compress_size, 1)
        if info.file_size > 10 * 1024 * 1024 and ratio > MAX_MEMBER_RATIO:
            raise ZipBombError(
                Text(
                    "bagian “{part}” mengembang {ratio}x ({size}): "
                    "berkas ini tampak seperti bom zip dan ditolak",
                    part=info.filename,
                    ratio=round(ratio),
                    size=Megabytes(info.file_size),
                ),
                path=path,
            )
    if total > MAX_UNCOMPRESSED_BYTES:
        raise ZipBombError(
            Text(
                "isi berkas terlalu besar setelah diekstrak ({size}; batas {limit}): ditolak demi keamanan",
                size=Megabytes(total),
                limit=Megabytes(MAX_UNCOMPRESSED_BYTES),
            ),
            path=path,
        )
    names = {info.filename for info in infos}
    needed = "word/document.xml" if kind == "docx" else "xl/workbook.xml"
    if "[Content_Types].xml" not in names or needed not in names:
        other = "Excel" if "xl/workbook.xml" in names else "Word" if "word/document.xml" in names else None
        if other:
            text = Text(
                "berkas zip ini bukan dokumen {kind} (isinya dokumen {other}: periksa ekstensi nama berkas)",
                kind=word,
                other=other,
            )
        else:
            text = Text("berkas zip ini bukan dokumen {kind}", kind=word)
        raise UnsupportedFormatError(text, path=path)
    bad = _first_bad_member(archive, infos)
    if bad is not None:
        raise _corrupt(word, path, bad)
    return archive


def _first_bad_member(archive: zipfile.ZipFile, infos: list[zipfile.ZipInfo]) -> str | None:
    # Only the XML parts are read (pictures can be large and are not needed); sizes are bounded above.
    for info in infos:
        if not info.filename.endswith((".xml", ".rels")):
            continue
        try:
            with archive.open(info) as handle:
                while handle.read(1024 * 1024):
                    pass
        except (zipfile.BadZipFile, OSError, EOFError, ValueError, NotImplementedError, RuntimeError):
            return info.filename
    return None


def _corrupt(word: str, path: str | None, member: str | None = None) -> CorruptFileError:
    app = word.split()[0]
    if member:
        text = Text(
            "berkas {kind} rusak atau tidak lengkap (bagian “{part}” rusak); coba buka dan simpan ulang "
            "di {app}",
            kind=word,
            part=member,
            app=app,
        )
    else:
        text = Text(
            "berkas {kind} rusak atau tidak lengkap; coba buka dan simpan ulang di {app}", kind=word, app=app
        )
    return CorruptFileError(text, path=path)


def _is_encrypted_ole(data: bytes) -> bool:
    # An encrypted OOXML file is an OLE compound file with EncryptionInfo/EncryptedPackage streams.
    head = data[: 1024 * 1024]
    return "EncryptedPackage".encode("utf-16-le") in head or "EncryptionInfo".encode("utf-16-le") in head


def _what_is_it(data: bytes) -> Text:
    head = data[:2048]
    if not data:
        return Text("berkas kosong (0 byte)")
    if head.startswith(b"%PDF"):
        return Text(
            "ini berkas PDF; sopap hanya mengimpor .docx dan .xlsx (buka PDF di Word lalu simpan sebagai .docx)"
        )
    if head.startswith(b"{\\rtf"):
        return Text("ini berkas RTF; simpan ulang sebagai .docx")
    if b"\x00" not in head:
        try:
            head.decode("utf-8")
            return Text("isinya teks biasa, bukan dokumen Office (apakah nama berkasnya diganti?)")
        except UnicodeDecodeError:
            pass
    return Text("isinya tidak dikenali")
