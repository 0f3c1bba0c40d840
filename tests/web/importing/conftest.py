"""Fixtures of the import tests: Word books built by the core importer's own corpus builders, and an upload
through the page that runs the queued reading as the worker would."""

from __future__ import annotations

import io
import sys
import zipfile
from pathlib import Path
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "importers"))

from corpus import Options, build_docx, build_xlsx, serang_sops

from tests.web.conftest import fresh
from tests.web.tasks import run_queued


def word_book(count: int = 3, start: int = 0) -> bytes:
    """A Buku SOP in Word of ``count`` of the Serang SOPs, their flowcharts drawn as Word shapes."""
    return build_docx(serang_sops()[start : start + count], Options(shapes="cell"), buku=True)


def workbook(start: int = 0) -> bytes:
    return build_xlsx(serang_sops()[start : start + 1])


def zipped(files: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in files.items():
            archive.writestr(name, data)
    return buffer.getvalue()


@pytest.fixture
def upload(client: Any, world: Any, django_capture_on_commit_callbacks: Any) -> Any:
    """Upload ``files`` on the import page as ``user`` and let the worker read them; returns the response
    of the upload (a redirect to the batch when it was taken)."""

    def _upload(files: dict[str, bytes], *, user: Any = None, unit: Any = "default", pd: Any = None) -> Any:
        client.force_login(fresh(user or world.drafter))
        unit = world.unit if unit == "default" else unit
        form = {
            "pd": (pd or world.pd).pk,
            "unit": unit.pk if unit else "",
            "berkas": [SimpleUploadedFile(name, data) for name, data in files.items()],
        }
        with django_capture_on_commit_callbacks(execute=True):
            response = client.post(reverse("importing:index"), form)
        run_queued()
        return response

    return _upload
