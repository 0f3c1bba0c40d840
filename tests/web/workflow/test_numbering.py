from __future__ import annotations

import datetime as dt

import pytest

from sopap.web.authoring.models import SopDocument
from sopap.web.organisations import numbering
from sopap.web.shared.errors import DomainError
from sopap.web.workflow import services as wf
from tests.web.conftest import fresh


def test_serang_and_boalemo_patterns_format_their_numbers():
    serang = "{kode_pd}.{kode_unit}.{urut:02}.{tahun}"
    assert numbering.format_nomor(
        serang, kode_pd="12", kode_unit="01", singkatan="", urut=31, tahun=2019
    ) == ("12.01.31.2019")
    assert (
        numbering.format_nomor(
            "800/DKISP/{urut}/{tahun}", kode_pd="", kode_unit="", singkatan="DKISP", urut=7, tahun=2018
        )
        == "800/DKISP/7/2018"
    )
    assert numbering.parse_urut(serang, "12.01.33.2019") == 33
    assert numbering.parse_urut("800/DKISP/{urut}/{tahun}", "800/DKISP/12/2018") == 12
    assert numbering.parse_urut(serang, "lain") is None
    assert numbering.validate_pattern("{kode_pd}.{x}") == ["isian {x} tidak dikenal", "{urut} wajib ada"]
    assert numbering.validate_pattern("{urut") == ["kurung kurawal { } tidak berpasangan"]


@pytest.mark.django_db
def test_the_number_is_assigned_at_penetapan_from_the_pds_pattern(world, make_sop, to_state):
    sop = make_sop()
    assert sop.nomor == "" and sop.document.nomor is None
    sop = to_state(sop, "berlaku")
    assert sop.nomor == "12.01.01.2025"
    second = to_state(make_sop(), "berlaku")
    assert second.nomor == "12.01.02.2025"
    assert "nomor: 12.01.02.2025" in second.yaml_text


@pytest.mark.django_db
def test_numbers_continue_after_the_highest_existing_one(world, make_sop, to_state):
    first = to_state(make_sop(), "disahkan")
    wf.sop_decree(
        sop=first,
        actor=fresh(world.admin),
        keputusan_nomor="1",
        keputusan_tanggal=dt.date(2025, 1, 2),
        nomor="12.01.44.2025",
    )
    first.document.refresh_from_db()
    assert first.document.urut == 44
    assert to_state(make_sop(), "berlaku").nomor == "12.01.45.2025"


@pytest.mark.django_db
def test_a_number_is_unique(world, make_sop, to_state):
    first = to_state(make_sop(), "berlaku")
    second = to_state(make_sop(), "disahkan")
    with pytest.raises(DomainError):
        wf.sop_decree(
            sop=second,
            actor=fresh(world.admin),
            keputusan_nomor="2",
            keputusan_tanggal=dt.date(2025, 1, 1),
            nomor=first.nomor,
        )
    assert SopDocument.objects.filter(nomor=first.nomor).count() == 1


@pytest.mark.django_db
def test_a_pd_without_a_pattern_writes_its_numbers_by_hand(world, make_sop, to_state):
    world.pd.pola_nomor = ""
    world.pd.save()
    sop = to_state(make_sop(), "disahkan")
    with pytest.raises(DomainError):
        wf.sop_decree(
            sop=sop, actor=fresh(world.admin), keputusan_nomor="3", keputusan_tanggal=dt.date(2025, 1, 1)
        )
    wf.sop_decree(
        sop=sop,
        actor=fresh(world.admin),
        keputusan_nomor="3",
        keputusan_tanggal=dt.date(2025, 1, 1),
        nomor="800/DKISP/ 5/2025",
    )
    sop.refresh_from_db()
    assert sop.nomor == "800/DKISP/ 5/2025"


@pytest.mark.django_db
def test_a_revision_keeps_its_sops_number(world, make_sop, to_state):
    old = to_state(make_sop(), "berlaku")
    new = wf.review_open(sop=old, actor=fresh(world.drafter))
    assert "nomor" not in new.yaml_text.split("langkah")[0].replace("versi_format", "")
    new = to_state(new, "berlaku")
    assert new.nomor == old.nomor


@pytest.mark.parametrize(
    "pattern",
    [
        "{urut:>3000000}/{tahun}",
        "{urut:99}",
        "{urut!r}",
        "{tahun:,}/{urut}",
        "{kode_pd:>50}{urut}",
        "{urut.__class__}",
        "x" * 81 + "{urut}",
    ],
)
def test_a_pattern_takes_only_known_fields_and_small_widths(pattern):
    assert numbering.validate_pattern(pattern)


@pytest.mark.parametrize(
    "pattern", ["{kode_pd}.{kode_unit}.{urut:02}.{tahun}", "800/{singkatan}/{urut:3}/{tahun}"]
)
def test_the_patterns_agencies_use_are_accepted(pattern):
    assert numbering.validate_pattern(pattern) == []


@pytest.mark.django_db
def test_a_hand_written_nomor_is_bounded(world, make_sop, to_state):
    sop = to_state(make_sop(), "disahkan")
    with pytest.raises(DomainError, match="terlalu panjang"):
        wf.sop_decree(
            sop=sop,
            actor=fresh(world.admin),
            keputusan_nomor="1",
            keputusan_tanggal=dt.date(2025, 1, 1),
            nomor="9" * 121,
        )


@pytest.mark.django_db
def test_the_settings_page_refuses_a_huge_width_and_keeps_the_old_pattern(client, world):
    from django.urls import reverse

    client.force_login(world.admin)
    before = world.pd.pola_nomor
    page = client.post(
        reverse("organisations:settings", args=[world.pd.pk]), {"pola_nomor": "{urut:>3000000}/{tahun}"}
    )
    assert len(page.content) < 200_000
    world.pd.refresh_from_db()
    assert world.pd.pola_nomor == before


def test_a_pattern_with_urut_twice_is_refused():
    assert numbering.validate_pattern("{urut:02}/{tahun}/{urut}") == ["{urut} hanya boleh sekali"]
    assert numbering.parse_urut("{urut:02}/{tahun}/{urut}", "01/2025/1") is None


@pytest.mark.django_db
def test_a_pattern_set_around_the_checks_never_loops(world, make_sop, to_state):
    world.pd.pola_nomor = "SOP/{tahun}"
    world.pd.save()
    sop = to_state(make_sop(), "disahkan")
    assert wf.nomor_next(document=sop.document, tahun=2025) is None
