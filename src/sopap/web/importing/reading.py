"""Reading the files of an import batch into SOPs to review: the work of the background job.

A zip is opened by its directory first, and each member read no further than the limits allow; each file
then goes through the core's importer, and every SOP found is kept with its report in both languages of
the site and the SOP of the PD it seems to be a copy of. One transaction per file, for saving what the
core found; the reading itself is outside it, so that its progress (page by page, SOP by SOP) reaches the
job's page while it goes on."""

from __future__ import annotations

import datetime as dt
import io
import logging
import zipfile
from pathlib import PurePath
from typing import Any

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import override

from sopap.core.i18n import tr
from sopap.core.importers import ImportFileError, ImportProgress, import_file, supported_suffixes
from sopap.core.importers.report import BRANCH_WORDS, EVIDENCE_WORDS, SopReport
from sopap.core.importers.safety import MAX_FILE_BYTES, MAX_MEMBER_RATIO, MAX_UNCOMPRESSED_BYTES
from sopap.core.labels import FieldLabel
from sopap.web.authoring.editor import step_actors_text
from sopap.web.authoring.selectors import document_matching
from sopap.web.importing.models import FoundSop, ImportBatch, ImportFile
from sopap.web.jobs.services import JobReport
from sopap.web.shared.errors import DomainError

log = logging.getLogger(__name__)

LANGS = ("id", "en")
ZIP_SUFFIX = ".zip"
MAX_ZIP_MEMBERS = 200  # SOP files in one zip
# Share of a file's part of the job taken by the core's reading; the rest is saving what it found.
READ_SHARE = 0.9


def _both(make: Any) -> dict[str, str]:
    return {lang: make(lang) for lang in LANGS}


def _in_both(message: Any) -> dict[str, str]:
    """A web message as each language of the site says it (kept for whoever reads it later)."""
    out = {}
    for lang in LANGS:
        with override(lang):
            out[lang] = str(message())
    return out


def add_file(batch: ImportBatch, name: str, data: bytes, parent: ImportFile | None = None) -> ImportFile:
    record = ImportFile(batch=batch, parent=parent, name=name[:300], size=len(data))
    record.content.save(name, ContentFile(data), save=False)
    record.save()
    return record


def _zip_members(data: bytes, name: str) -> list[tuple[str, bytes]]:
    """The SOP files inside an uploaded zip, each read no further than the limits allow whatever the zip's
    directory claims, so that a bomb is refused before it expands. Folders, other files and zips inside
    the zip are left out."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        infos = archive.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError, EOFError):
        raise DomainError(_("Berkas zip “%(name)s” rusak atau tidak lengkap.") % {"name": name}) from None
    wanted = [
        info
        for info in infos
        if not info.is_dir()
        and not PurePath(info.filename).name.startswith((".", "~$"))
        and "__MACOSX" not in PurePath(info.filename).parts
        and PurePath(info.filename).suffix.lower() in supported_suffixes()
    ]
    if len(wanted) > MAX_ZIP_MEMBERS:
        raise DomainError(
            _("Berkas zip “%(name)s” berisi %(count)s berkas SOP; paling banyak %(max)s.")
            % {"name": name, "count": len(wanted), "max": MAX_ZIP_MEMBERS}
        )
    if not wanted:
        raise DomainError(
            _("Berkas zip “%(name)s” tidak berisi berkas yang dapat diimpor (%(known)s).")
            % {"name": name, "known": ", ".join(supported_suffixes())}
        )
    members, total = [], 0
    for info in wanted:
        ratio = info.file_size / max(info.compress_size, 1)
        if info.file_size > MAX_FILE_BYTES or (info.file_size > 10 * 2**20 and ratio > MAX_MEMBER_RATIO):
            raise DomainError(
                _(
                    "Berkas “%(member)s” di dalam zip “%(name)s” terlalu besar setelah diekstrak; ditolak demi keamanan."
                )
                % {"member": info.filename, "name": name}
            )
        try:
            with archive.open(info) as handle:
                content = handle.read(MAX_FILE_BYTES + 1)
        except (zipfile.BadZipFile, OSError, EOFError, ValueError, NotImplementedError, RuntimeError):
            raise DomainError(
                _("Berkas “%(member)s” di dalam zip “%(name)s” rusak atau terenkripsi.")
                % {"member": info.filename, "name": name}
            ) from None
        total += len(content)
        if len(content) > MAX_FILE_BYTES or total > MAX_UNCOMPRESSED_BYTES:
            raise DomainError(
                _("Isi zip “%(name)s” terlalu besar setelah diekstrak; ditolak demi keamanan.")
                % {"name": name}
            )
        members.append((info.filename, content))
    return members


def _zip_refusal(data: bytes, name: str) -> str:
    try:
        _zip_members(data, name)
    except DomainError as exc:
        return exc.message
    return ""


# Notes of the report that are not one field of the format, or whose last key alone would mislead
# ("nama" under the signer is the signer's name, not the SOP's).
NOTE_LABELS = {
    "disahkan_oleh.jabatan": lambda: _("Disahkan oleh (jabatan)"),
    "disahkan_oleh.nama": lambda: _("Disahkan oleh (nama)"),
    "disahkan_oleh.nip": lambda: _("Disahkan oleh (NIP)"),
    "huruf": lambda: _("Huruf besar dan kecil"),
}


def _note_label(key: str, lang: str) -> str:
    if key in NOTE_LABELS:
        with override(lang):
            return str(NOTE_LABELS[key]())
    return FieldLabel(key).render(lang).strip("“”")


def _report_for(report: SopReport, data: dict[str, Any], lang: str) -> dict[str, Any]:
    """The report in ``lang``, with each field and step named as a person knows it."""
    fields = [
        {
            "field": note.field,
            "label": _note_label(note.field, lang),
            "status": str(note.status),
            "how": note.detail(lang),
        }
        for note in report.notes
    ]
    steps = []
    for number, raw in enumerate(data.get("langkah") or [], start=1):
        how = report.actor_evidence[number - 1] if number - 1 < len(report.actor_evidence) else "missing"
        steps.append(
            {
                "number": number,
                "kegiatan": str((raw or {}).get("kegiatan") or ""),
                "pelaksana": step_actors_text((raw or {}).get("pelaksana")),
                "evidence": how,
                "how": tr(EVIDENCE_WORDS.get(how, EVIDENCE_WORDS["missing"]), lang),
            }
        )
    decisions = [
        {"step": number, "how": tr(BRANCH_WORDS[how], lang) if how in BRANCH_WORDS else how}
        for number, how in sorted(report.decisions.items())
    ]
    return {"title": report.title, "fields": fields, "steps": steps, "decisions": decisions}


def _jsonable(value: Any) -> Any:
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, dict):
        return {str(k): _jsonable(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_jsonable(v) for v in value]
    return value


def _read_one(batch: ImportBatch, record: ImportFile, job: JobReport, span: tuple[float, float]) -> int:
    """The SOPs of one file, or the reason there are none (kept on the file, in both languages).

    The core reads the file outside any transaction, telling the job how far it got (the part of the
    job's percent between ``span``), so that a book of many SOPs moves the bar while it is read; what
    was found is then saved in one transaction."""
    with record.content.open("rb") as handle:
        data = handle.read()
    start, end = span
    try:
        result = import_file(
            data,
            record.name,
            progress=lambda where: job.step(
                start + (end - start) * READ_SHARE * where.fraction,
                lambda: _progress_message(record.name, where),
            ),
        )
    except ImportFileError as exc:
        record.error = _both(exc.text_in)
        record.save(update_fields=["error"])
        return 0
    except Exception:  # a reader's failure on one file must not stop the others, nor show a traceback
        log.exception("import of %s (batch %s) failed", record.name, batch.pk)
        record.error = _in_both(
            lambda: _("Isi berkas ini tidak dapat dibaca; buka dan simpan ulang di Word atau Excel.")
        )
        record.save(update_fields=["error"])
        return 0
    job.progress(
        start + (end - start) * READ_SHARE,
        _("Menyimpan %(count)s SOP dari %(name)s") % {"count": len(result.sops), "name": record.name},
    )
    with transaction.atomic():
        for index, found in enumerate(result.sops):
            data_map = _jsonable(found.data)
            nama = " ".join(str(data_map.get("nama") or "").split())
            nomor = str(data_map.get("nomor") or "").strip()
            match = document_matching(pd=batch.pd, nomor=nomor, nama=nama)
            FoundSop.objects.create(
                batch=batch,
                file=record,
                index=index,
                nama=nama[:500],
                nomor=nomor[:120],
                read_yaml=found.yaml,
                yaml_text=found.yaml,
                report={lang: _report_for(found.report, data_map, lang) for lang in LANGS},
                match=match,
                choice=FoundSop.Choice.REVISION if match else FoundSop.Choice.NEW,
            )
        record.read = True
        record.save(update_fields=["read"])
    return len(result.sops)


def _progress_message(name: str, where: ImportProgress) -> str:
    if where.stage == "read" and where.pages:
        return _("Membaca %(name)s: halaman %(page)s dari %(pages)s") % {
            "name": name,
            "page": where.page,
            "pages": where.pages,
        }
    if where.stage == "read":
        return _("Membaca %(name)s") % {"name": name}
    if where.stage == "find":
        return _("Membaca %(name)s: %(count)s SOP ditemukan sejauh ini") % {"name": name, "count": where.sops}
    return _("Memeriksa %(name)s: SOP %(done)s dari %(count)s") % {
        "name": name,
        "done": where.done,
        "count": where.sops,
    }


def import_batch_read(*, batch: ImportBatch, job: JobReport | None = None) -> int:
    """Read every file of ``batch`` (a zip is opened into its members first); one transaction per file,
    so that the SOPs of the files already read are there to review while the rest is read."""
    job = job or JobReport(None)
    records = list(batch.files.filter(parent=None).order_by("id"))
    queue: list[ImportFile] = []
    for record in records:
        if PurePath(record.name).suffix.lower() != ZIP_SUFFIX:
            queue.append(record)
            continue
        with record.content.open("rb") as handle:
            data = handle.read()
        try:
            members = _zip_members(data, record.name)
        except DomainError:
            record.error = _in_both(lambda data=data, name=record.name: _zip_refusal(data, name))
            record.save(update_fields=["error"])
            continue
        with transaction.atomic():
            queue.extend(add_file(batch, name, content, parent=record) for name, content in members)
            record.read = True
            record.save(update_fields=["read"])
    found = 0
    share = 100 / max(len(queue), 1)
    for done, record in enumerate(queue):
        job.progress(
            share * done,
            _("Membaca %(name)s (%(done)s dari %(count)s berkas)")
            % {"name": record.name, "done": done + 1, "count": len(queue)},
        )
        found += _read_one(batch, record, job, (share * done, share * (done + 1)))
    batch.finished_at = timezone.now()
    batch.save(update_fields=["finished_at"])
    job.progress(100, _("%(count)s SOP ditemukan; tinjau lalu terima.") % {"count": found})
    return found
