from __future__ import annotations

import pytest

from sopap.web.authoring.models import Revision, SopDocument
from sopap.web.catalog.selectors import catalog_search
from sopap.web.demo import USERS, setup
from sopap.web.shared.status import Status

pytestmark = pytest.mark.django_db


def test_the_demo_loads_the_examples_in_several_states_once(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    setup()
    setup()  # idempotent
    assert SopDocument.objects.count() == 14
    counts = {s: Revision.objects.filter(status=s).count() for s in Status.values}
    assert counts[Status.BERLAKU] == 10
    # The two demo drafts and the Kaji ulang opened by the demo's "disempurnakan" evaluation.
    assert counts[Status.DRAF] == 3 and counts[Status.DIAJUKAN] == 1 and counts[Status.UJI_COBA] == 1
    assert set(Revision.objects.filter(status=Status.BERLAKU).values_list("nomor", flat=True)) >= {
        "12.01.33.2019"
    }
    assert [e.nama for e in catalog_search(q="renja")] == ["Mekanisme Penyusunan RENJA"]
    from django.contrib.auth import get_user_model

    assert get_user_model().objects.filter(username__in=[u.username for u in USERS]).count() == len(USERS)
