"""Changes that matter outside the workflow are logged too: a PD's numbering pattern and verification chain,
and every recording of a year's evaluation, append-only like the rest of the audit trail."""

from __future__ import annotations

import pytest
from django.db import DatabaseError, connection, transaction
from django.urls import reverse
from django.utils import timezone

from sopap.web.monitoring.models import CRITERIA, EvaluationEntry, Rekomendasi
from sopap.web.monitoring.services import evaluation_record
from sopap.web.organisations.models import Jabatan, PdEvent
from sopap.web.organisations.services import pd_settings_update
from tests.web.conftest import fresh

pytestmark = pytest.mark.django_db


def test_changing_the_numbering_pattern_and_chain_is_logged_with_before_and_after(client, world):
    sekretaris = Jabatan.objects.get(pd=world.pd, nama="Sekretaris")
    before = world.pd.pola_nomor
    pd_settings_update(
        pd=world.pd, actor=fresh(world.admin), pola_nomor="800/{urut}/{tahun}", chain=[sekretaris]
    )
    events = {e.action: e for e in PdEvent.objects.filter(pd=world.pd)}
    assert events["pd.numbering_changed"].before == before
    assert events["pd.numbering_changed"].after == "800/{urut}/{tahun}"
    assert (
        events["pd.chain_changed"].before.endswith("→ Sekretaris")
        and events["pd.chain_changed"].after == "Sekretaris"
    )
    assert all(e.actor_id == world.admin.pk for e in events.values())
    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("UPDATE organisations_pdevent SET after = 'x'")
    client.force_login(world.admin)
    page = client.get(reverse("organisations:settings", args=[world.pd.pk])).content.decode()
    assert "Riwayat pengaturan" in page and "800/{urut}/{tahun}" in page


def test_saving_the_same_settings_logs_nothing(world):
    chain = [step.jabatan for step in world.pd.verification_steps.select_related("jabatan")]
    pd_settings_update(pd=world.pd, actor=fresh(world.admin), pola_nomor=world.pd.pola_nomor, chain=chain)
    assert not PdEvent.objects.exists()


def test_a_corrected_evaluation_keeps_what_it_said_before(world, make_sop, to_state):
    sop = to_state(make_sop(), "berlaku")
    year = timezone.localdate().year
    answers = {key: True for key, _label in CRITERIA}
    evaluation_record(
        actor=fresh(world.head),
        document=sop.document,
        tahun=year,
        answers=answers,
        rekomendasi=Rekomendasi.TETAP,
    )
    evaluation_record(
        actor=fresh(world.verifier1),
        document=sop.document,
        tahun=year,
        answers={**answers, "sinergi": False},
        rekomendasi=Rekomendasi.DISEMPURNAKAN,
        catatan="Keterkaitan perlu diperjelas",
    )
    entries = list(EvaluationEntry.objects.order_by("id"))
    assert [(e.action, e.rekomendasi, e.by_id) for e in entries] == [
        ("evaluation.recorded", Rekomendasi.TETAP, world.head.pk),
        ("evaluation.corrected", Rekomendasi.DISEMPURNAKAN, world.verifier1.pk),
        # the correction's consequence: the Kaji ulang it opened (Pasal 25 (2))
        ("evaluation.review_opened", Rekomendasi.DISEMPURNAKAN, world.verifier1.pk),
    ]
    assert entries[0].answers["sinergi"] is True and entries[1].answers["sinergi"] is False
    for sql in (
        "UPDATE monitoring_evaluationentry SET catatan = 'x'",
        "DELETE FROM monitoring_evaluationentry",
    ):
        with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(sql)
