from __future__ import annotations

import pytest
from django.urls import reverse

from sopap.web.authoring.compare import compare
from sopap.web.authoring.services import revision_update
from sopap.web.workflow import services as wf
from tests.web.conftest import SOP_DATA, fresh

pytestmark = pytest.mark.django_db


def test_every_revision_is_kept_and_compared_side_by_side(login, world, make_sop, to_state):
    old = to_state(make_sop(), "berlaku")
    new = wf.review_open(sop=old, actor=fresh(world.drafter))
    data = {**SOP_DATA, "nama": "Mekanisme Penyusunan SPJ Elektronik"}
    data["langkah"] = [*SOP_DATA["langkah"], {"kegiatan": "Unggah SPJ", "pelaksana": "PPTK"}]
    revision_update(sop=new, actor=fresh(world.drafter), data=data, loaded_version=new.version)
    result = compare(old.yaml_text, new.__class__.objects.get(pk=new.pk).yaml_text)
    changed = {row.label for row in result["fields"] if row.changed}
    assert "Nama SOP" in changed
    assert [row.label for row in result["steps"] if row.changed] == ["6"]
    page = login(world.auditor).get(
        reverse("authoring:compare", args=[old.document_id]), {"a": old.pk, "b": new.pk}
    )
    html = page.content.decode()
    assert page.status_code == 200 and "Mekanisme Penyusunan SPJ Elektronik" in html and "changed" in html
    assert html.count("<svg") >= 2
