"""A year's evaluation is saved with the version its form was loaded at: two recorders never overwrite each
other unknowingly, and the one refused keeps what they typed."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from sopap.web.monitoring.models import CRITERIA, Evaluation, EvaluationEntry
from sopap.web.monitoring.selectors import evaluation_version
from sopap.web.monitoring.services import evaluation_record
from sopap.web.shared.errors import StaleVersion
from tests.web.conftest import fresh

pytestmark = pytest.mark.django_db

ALL_YES = {key: True for key, _label in CRITERIA}


def _form(*, versi: str, catatan: str, rekomendasi: str = "tetap") -> dict[str, str]:
    return {f"k_{key}": "ya" for key, _label in CRITERIA} | {
        "rekomendasi": rekomendasi,
        "catatan": catatan,
        "versi": versi,
    }


def test_the_version_counts_the_recordings_of_the_year(world, make_sop, to_state):
    sop = to_state(make_sop(), "berlaku")
    tahun = timezone.localdate().year
    assert evaluation_version(document=sop.document, tahun=tahun) == 0
    for expected in (1, 2):
        evaluation_record(
            actor=fresh(world.head),
            document=sop.document,
            tahun=tahun,
            answers=ALL_YES,
            rekomendasi="tetap",
            loaded_version=expected - 1,
        )
        assert evaluation_version(document=sop.document, tahun=tahun) == expected


def _signed_in(user) -> Client:  # type: ignore[no-untyped-def]
    client = Client()
    client.force_login(user)
    return client


def test_a_recording_made_meanwhile_refuses_the_second_and_keeps_its_text(world, make_sop, to_state):
    sop = to_state(make_sop(), "berlaku")
    tahun = timezone.localdate().year
    url = reverse("monitoring:evaluation", args=[sop.document_id, tahun])
    head, verifier = _signed_in(fresh(world.head)), _signed_in(fresh(world.verifier1))
    assert 'name="versi" value="0"' in head.get(url).content.decode()
    assert 'name="versi" value="0"' in verifier.get(url).content.decode()

    assert head.post(url, _form(versi="0", catatan="Sudah baik.")).status_code == 302
    refused = verifier.post(
        url, _form(versi="0", catatan="Langkah 4 perlu dipercepat.", rekomendasi="disempurnakan")
    )

    page = refused.content.decode()
    assert refused.status_code == 400
    assert "sudah dicatat orang lain sejak halaman ini dibuka" in page
    assert "Langkah 4 perlu dipercepat." in page  # the verifier's text is still in the form
    assert 'name="versi" value="1"' in page  # saving again now replaces, knowingly
    evaluation = Evaluation.objects.get(document=sop.document, tahun=tahun)
    assert (evaluation.catatan, evaluation.by) == ("Sudah baik.", world.head)
    assert EvaluationEntry.objects.filter(evaluation=evaluation).count() == 1

    again = verifier.post(
        url, _form(versi="1", catatan="Langkah 4 perlu dipercepat.", rekomendasi="disempurnakan")
    )
    assert again.status_code == 302
    evaluation.refresh_from_db()
    assert (evaluation.catatan, evaluation.rekomendasi) == ("Langkah 4 perlu dipercepat.", "disempurnakan")


def test_the_service_refuses_a_stale_version(world, make_sop, to_state):
    sop = to_state(make_sop(), "berlaku")
    tahun = timezone.localdate().year
    evaluation_record(
        actor=fresh(world.head), document=sop.document, tahun=tahun, answers=ALL_YES, rekomendasi="tetap"
    )
    with pytest.raises(StaleVersion) as refused:
        evaluation_record(
            actor=fresh(world.head),
            document=sop.document,
            tahun=tahun,
            answers=ALL_YES,
            rekomendasi="tetap",
            loaded_version=0,
        )
    assert (refused.value.loaded_version, refused.value.current_version) == (0, 1)


def test_a_form_without_its_version_is_refused_and_nothing_is_saved(world, make_sop, to_state, login):
    sop = to_state(make_sop(), "berlaku")
    tahun = timezone.localdate().year
    url = reverse("monitoring:evaluation", args=[sop.document_id, tahun])
    form = _form(versi="", catatan="Tanpa versi.")
    response = login(fresh(world.head)).post(url, form)
    assert response.status_code == 400
    assert "Tanpa versi." in response.content.decode()
    assert not Evaluation.objects.filter(document=sop.document).exists()
