"""Request bodies are capped before anything reads them: over SOPAP_MAX_UPLOAD_MB (5 MB) a request gets 413 and
a page that says so, its body thrown away in small chunks, never held; a body without a length is refused
unread; and the .sop.yaml upload form refuses a file over the format's 2 MB limit before reading it."""

from __future__ import annotations

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from sopap.web.authoring.models import SopDocument
from tests.web.env_settings import production_env, settings_under

MB = 1024 * 1024


class Body:
    """A request body of ``size`` bytes that is produced as it is read, recording how it is read."""

    def __init__(self, size: int | None) -> None:
        self.left = size
        self.read_total = 0
        self.largest_read = 0

    def read(self, size: int = -1) -> bytes:
        if size is None or size < 0:
            size = self.left if self.left is not None else 1 << 40
        if self.left is not None:
            size = min(size, self.left)
            self.left -= size
        self.read_total += size
        self.largest_read = max(self.largest_read, size)
        return b"x" * size

    def readline(self, size: int = -1) -> bytes:
        return self.read(min(size, 1024) if size and size > 0 else 1024)


def text(response) -> str:
    return response.content.decode().replace("\xa0", " ")  # sizes are written with a no-break space


def post_raw(client, path: str, body: Body, **meta: str):
    return client.generic(
        "POST", path, b"", content_type="multipart/form-data; boundary=b", **{"wsgi.input": body, **meta}
    )


def test_the_caps_agree_with_each_other():
    assert settings.MAX_UPLOAD_BYTES == 5 * MB
    assert settings.DATA_UPLOAD_MAX_MEMORY_SIZE == settings.MAX_UPLOAD_BYTES
    assert settings.FILE_UPLOAD_MAX_MEMORY_SIZE <= settings.MAX_UPLOAD_BYTES


def test_the_cap_is_read_from_the_environment(tmp_path):
    seen = settings_under(
        production_env(tmp_path, SOPAP_MAX_UPLOAD_MB="1"),
        "MAX_UPLOAD_BYTES",
        "DATA_UPLOAD_MAX_MEMORY_SIZE",
        "FILE_UPLOAD_MAX_MEMORY_SIZE",
    )
    assert seen == {
        "MAX_UPLOAD_BYTES": MB,
        "DATA_UPLOAD_MAX_MEMORY_SIZE": MB,
        "FILE_UPLOAD_MAX_MEMORY_SIZE": MB,
    }


def test_a_200_mb_upload_gets_413_and_is_never_held_in_memory(login, world):
    client = login(world.drafter)
    body = Body(200 * MB)
    response = post_raw(client, reverse("authoring:upload"), body, CONTENT_LENGTH=str(200 * MB))
    assert response.status_code == 413
    page = text(response)
    assert "Berkas terlalu besar" in page and "200,0 MB" in page and "batasnya 5,0 MB" in page
    assert "sopap/sopap.css" in page  # the site's page, not a bare error
    # Thrown away 64 KiB at a time, to the end, so the browser hears the answer once it has sent it all.
    assert body.read_total == 200 * MB and body.largest_read <= 64 * 1024
    assert not SopDocument.objects.exists()


@pytest.mark.django_db
def test_the_refusal_is_said_in_english_on_request(client):
    client.cookies["django_language"] = "en"
    response = post_raw(client, reverse("organisations:login"), Body(6 * MB), CONTENT_LENGTH=str(6 * MB))
    assert response.status_code == 413 and "File too large" in text(response)
    assert "the limit is 5.0 MB" in text(response)


@pytest.mark.django_db
def test_a_body_without_a_length_is_refused_unread(client):
    body = Body(None)  # endless, as a chunked body may be
    response = post_raw(client, reverse("organisations:login"), body, HTTP_TRANSFER_ENCODING="chunked")
    assert response.status_code == 411 and "Content-Length" in response.content.decode()
    assert body.read_total == 0


def test_a_request_under_the_cap_goes_through(login, world):
    client = login(world.drafter)
    response = client.post(reverse("authoring:new"), {"nama": "x" * (3 * MB), "pd": world.pd.pk})
    assert response.status_code != 413


def test_the_upload_form_refuses_a_file_over_the_format_limit_and_keeps_the_user_on_it(login, world):
    client = login(world.drafter)
    big = SimpleUploadedFile(
        "besar.sop.yaml", b"nama: x\n" * (3 * MB // 8), content_type="application/x-yaml"
    )
    response = client.post(reverse("authoring:upload"), {"unggah-pd": world.pd.pk, "unggah-berkas": big})
    assert response.status_code == 400
    page = text(response)
    assert "Berkas terlalu besar (3,0 MB); batasnya 2,0 MB." in page
    assert "Unggah berkas .sop.yaml" in page and 'name="unggah-berkas"' in page
    assert not SopDocument.objects.exists()
