"""Checks made before any parser touches an uploaded file: size, container, encryption, zip bombs.

Office files are zip archives; everything here reads only the zip's directory, never a member, so a
bomb is refused before it can expand. Each refusal is an :class:`ImportFileError` with a message a
clerk can act on, in Bahasa Indonesia and English.
"""

from __future__ import annotations

import io
import zipfile

from sopap.core.errors import SopapError

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


def megabytes(n: int, lang: str = "id") -> str:
    """`60,0 MB` in Indonesian, `60.0 MB` in English."""
    text = f"{n / 1024 / 1024:.1f} MB"
    return text if lang == "en" else text.replace(".", ",")


def check_size(size: int, path: str | None) -> None:
    if size > MAX_FILE_BYTES:
        raise FileTooLargeError(
            f"berkas terlalu besar ({megabytes(size)}); batasnya {megabytes(MAX_FILE_BYTES)}. "
            "Pecah Buku SOP menjadi beberapa berkas atau hapus gambar besar di dalamnya",
            message_en=f"file too large ({megabytes(size, 'en')}); the limit is {megabytes(MAX_FILE_BYTES, 'en')}. "
            "Split the SOP book into several files or remove large pictures from it",
            path=path,
        )


def open_office_zip(data: bytes, kind: str, path: str | None) -> zipfile.ZipFile:
    """Check ``data`` and open it as the zip of a .docx or .xlsx (``kind`` is "docx" or "xlsx")."""
    check_size(len(data), path)
    word = "Word (.docx)" if kind == "docx" else "Excel (.xlsx)"
    if data.startswith(OLE_MAGIC):
        if _is_encrypted_ole(data):
            raise EncryptedFileError(
                f"berkas {word} ini dilindungi kata sandi (terenkripsi). Buka di {word.split()[0]}, "
                "hapus kata sandinya (File > Info > Protect/Lindungi), simpan, lalu impor lagi",
                message_en=f"this {word} file is password-protected (encrypted). Open it, remove the password "
                "(File > Info > Protect), save it, and import it again",
                path=path,
            )
        old = ".doc" if kind == "docx" else ".xls"
        raise UnsupportedFormatError(
            f"ini berkas format lama ({old}, Office 97-2003). Simpan ulang sebagai "
            f"{'.docx' if kind == 'docx' else '.xlsx'} lalu impor lagi",
            message_en=f"this is an old-format file ({old}, Office 97-2003). Save it again as "
            f"{'.docx' if kind == 'docx' else '.xlsx'} and import it again",
            path=path,
        )
    if not data.startswith(ZIP_MAGIC):
        hint, hint_en = _what_is_it(data)
        raise UnsupportedFormatError(
            f"bukan berkas {word}: {hint}",
            message_en=f"not a {word} file: {hint_en}",
            path=path,
        )
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        infos = archive.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError, EOFError):
        raise _corrupt(word, path) from None
    if len(infos) > MAX_MEMBERS:
        raise ZipBombError(
            f"berkas berisi terlalu banyak bagian ({len(infos)}); ditolak demi keamanan",
            message_en=f"the file holds too many parts ({len(infos)}); refused for safety",
            path=path,
        )
    total = 0
    for info in infos:
        total += info.file_size
        ratio = info.file_size / max(info.compress_size, 1)
        if info.file_size > 10 * 1024 * 1024 and ratio > MAX_MEMBER_RATIO:
            raise ZipBombError(
                f"bagian '{info.filename}' mengembang {ratio:.0f}x ({megabytes(info.file_size)}): "
                "berkas ini tampak seperti bom zip dan ditolak",
                message_en=f"part '{info.filename}' expands {ratio:.0f}x ({megabytes(info.file_size, 'en')}): "
                "this file looks like a zip bomb and is refused",
                path=path,
            )
    if total > MAX_UNCOMPRESSED_BYTES:
        raise ZipBombError(
            f"isi berkas terlalu besar setelah diekstrak ({megabytes(total)}; batas "
            f"{megabytes(MAX_UNCOMPRESSED_BYTES)}): ditolak demi keamanan",
            message_en=f"the file's content is too large once unpacked ({megabytes(total, 'en')}; limit "
            f"{megabytes(MAX_UNCOMPRESSED_BYTES, 'en')}): refused for safety",
            path=path,
        )
    names = {info.filename for info in infos}
    needed = "word/document.xml" if kind == "docx" else "xl/workbook.xml"
    if "[Content_Types].xml" not in names or needed not in names:
        other = "Excel" if "xl/workbook.xml" in names else "Word" if "word/document.xml" in names else None
        raise UnsupportedFormatError(
            f"berkas zip ini bukan dokumen {word}"
            + (f" (isinya dokumen {other}: periksa ekstensi nama berkas)" if other else ""),
            message_en=f"this zip file is not a {word} document"
            + (f" (it holds a {other} document: check the file name's extension)" if other else ""),
            path=path,
        )
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
    where = f" (bagian '{member}' rusak)" if member else ""
    where_en = f" (part '{member}' is damaged)" if member else ""
    return CorruptFileError(
        f"berkas {word} rusak atau tidak lengkap{where}; coba buka dan simpan ulang di {word.split()[0]}",
        message_en=f"the {word} file is damaged or incomplete{where_en}; try opening and saving it again",
        path=path,
    )


def _is_encrypted_ole(data: bytes) -> bool:
    # An encrypted OOXML file is an OLE compound file with EncryptionInfo/EncryptedPackage streams.
    head = data[: 1024 * 1024]
    return "EncryptedPackage".encode("utf-16-le") in head or "EncryptionInfo".encode("utf-16-le") in head


def _what_is_it(data: bytes) -> tuple[str, str]:
    head = data[:2048]
    if not data:
        return "berkas kosong (0 byte)", "the file is empty (0 bytes)"
    if head.startswith(b"%PDF"):
        return (
            "ini berkas PDF; sopap hanya mengimpor .docx dan .xlsx (buka PDF di Word lalu simpan sebagai .docx)",
            "this is a PDF; sopap imports .docx and .xlsx only (open the PDF in Word and save it as .docx)",
        )
    if head.startswith(b"{\\rtf"):
        return "ini berkas RTF; simpan ulang sebagai .docx", "this is an RTF file; save it again as .docx"
    if b"\x00" not in head:
        try:
            head.decode("utf-8")
            return (
                "isinya teks biasa, bukan dokumen Office (apakah nama berkasnya diganti?)",
                "it holds plain text, not an Office document (was the file renamed?)",
            )
        except UnicodeDecodeError:
            pass
    return "isinya tidak dikenali", "its content is not recognised"
