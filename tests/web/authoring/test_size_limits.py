"""An SOP beyond the format's limits is refused before anything draws it: one upload cannot pin a CPU."""

from __future__ import annotations

import pytest
import yaml
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from sopap.web.authoring.models import SopDocument
from sopap.web.authoring.services import sop_create
from sopap.web.shared.errors import DomainError
from tests.web.conftest import SOP_DATA, fresh

pytestmark = pytest.mark.django_db


def _steps(count: int) -> list[dict[str, object]]:
    actors = SOP_DATA["pelaksana"]
    return [
        {"kegiatan": f"Kegiatan {i}", "pelaksana": actors[i % len(actors)], "waktu": "1 jam"}
        for i in range(1, count + 1)
    ]


def test_uploading_an_sop_of_twenty_thousand_steps_is_refused_with_the_limit(login, world):
    raw = yaml.safe_dump({**SOP_DATA, "langkah": _steps(20_000)}, allow_unicode=True).encode()
    client = login(world.drafter)
    response = client.post(
        reverse("authoring:upload"),
        {"unggah-pd": world.pd.pk, "unggah-berkas": SimpleUploadedFile("besar.sop.yaml", raw)},
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert "melampaui batas" in html and "20.000" in html
    assert not SopDocument.objects.exists()


def test_a_draft_at_the_step_limit_is_accepted(world):
    from sopap.core.rules.limits import MAX_STEPS

    revision = sop_create(
        pd=world.pd, author=fresh(world.drafter), data={**SOP_DATA, "langkah": _steps(MAX_STEPS)}
    )
    assert revision.yaml_text.count("kegiatan:") == MAX_STEPS


def test_a_draft_over_the_step_limit_is_refused(world):
    from sopap.core.rules.limits import MAX_STEPS

    with pytest.raises(DomainError, match="melampaui batas"):
        sop_create(
            pd=world.pd, author=fresh(world.drafter), data={**SOP_DATA, "langkah": _steps(MAX_STEPS + 1)}
        )
