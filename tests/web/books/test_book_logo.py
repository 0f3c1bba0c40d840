"""The Buku SOP and the Keputusan built on the web print the Pemda's logo (cover, identity sheets, above the
decree) and no "LOGO" placeholder; a new logo makes a new file rather than serving the old one."""

from __future__ import annotations

import io
from typing import Any

import pytest
from pypdf import PdfReader

from sopap.web.books import building
from sopap.web.books.selectors import Scope
from sopap.web.organisations.services import logo_set
from tests.core.test_logo import _image
from tests.web.books.conftest import pdf_text
from tests.web.books.test_book_build import _build
from tests.web.conftest import fresh

pytestmark = pytest.mark.django_db


def _images(body: bytes) -> int:
    count = 0
    for page in PdfReader(io.BytesIO(body)).pages:
        xobjects = (page.get("/Resources") or {}).get("/XObject") or {}
        count += sum(1 for x in xobjects.values() if x.get_object().get("/Subtype") == "/Image")
    return count


def test_the_book_built_on_the_web_prints_the_pemdas_logo_and_no_placeholder(
    world: Any, in_force: Any, login: Any, django_capture_on_commit_callbacks: Any
) -> None:
    in_force("Penyusunan Laporan Keuangan Bulanan")
    client = login(world.head)
    without = client.get(
        _build(client, world, django_capture_on_commit_callbacks, cakupan="semua").result_url
    )
    assert "LOGO" in pdf_text(without.content)  # the cover's slot, until a logo is uploaded

    logo_set(pd=world.pd, actor=fresh(world.admin), data=_image("PNG"), of_pemda=True)
    job = _build(client, world, django_capture_on_commit_callbacks, cakupan="semua")
    body = client.get(job.result_url).content
    assert body != without.content
    assert "LOGO" not in pdf_text(body)
    assert _images(body) >= 3  # the cover, the SOP's identity sheet, the Keputusan


def test_the_scope_names_the_pemdas_logo_else_the_pds(world: Any) -> None:
    scope = Scope(world.pemda, world.pd)
    assert building.logo_name(scope) == ""
    logo_set(pd=world.pd, actor=fresh(world.admin), data=_image("JPEG"), of_pemda=False)
    assert building.logo_name(scope).startswith("logo/")
    assert building.logo_name(Scope(world.pemda)) == ""
