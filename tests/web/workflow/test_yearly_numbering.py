"""With {tahun} in the pattern the counter starts again each year (a PD setting, on by default); the decree
number shows in the SOP's identity panel."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from sopap.web.organisations import numbering
from sopap.web.organisations.models import PdEvent
from sopap.web.workflow import services as wf
from tests.web.conftest import fresh

pytestmark = pytest.mark.django_db


def _decree(world, sop, on: dt.date, nomor: str = "") -> str:
    wf.sop_decree(
        sop=sop,
        actor=fresh(world.admin),
        keputusan_nomor=f"188.45/{on.year}",
        keputusan_tanggal=on,
        nomor=nomor,
    )
    sop.document.refresh_from_db()
    return sop.document.nomor


def test_a_number_names_its_year_and_its_counter():
    pattern = "{kode_pd}.{kode_unit}.{urut:02}.{tahun}"
    assert numbering.parse_nomor(pattern, "12.01.44.2019") == (44, 2019)
    assert numbering.parse_nomor("800/DKISP/{urut}", "800/DKISP/7") == (7, None)
    assert numbering.parse_nomor(pattern, "lain") is None
    assert numbering.has_year(pattern) and not numbering.has_year("800/{urut}")


def test_the_first_sop_of_a_new_year_is_number_one_again(world, make_sop, to_state):
    assert world.pd.nomor_ulang_tahunan  # on by default
    _decree(world, to_state(make_sop(), "disahkan"), dt.date(2019, 4, 30), nomor="12.01.44.2019")
    assert _decree(world, to_state(make_sop(), "disahkan"), dt.date(2019, 6, 1)) == "12.01.45.2019"
    assert _decree(world, to_state(make_sop(), "disahkan"), dt.date(2026, 1, 5)) == "12.01.01.2026"
    assert _decree(world, to_state(make_sop(), "disahkan"), dt.date(2026, 2, 5)) == "12.01.02.2026"


def test_with_the_setting_off_the_counter_goes_on_across_the_years(world, make_sop, to_state):
    world.pd.nomor_ulang_tahunan = False
    world.pd.save()
    _decree(world, to_state(make_sop(), "disahkan"), dt.date(2019, 4, 30), nomor="12.01.44.2019")
    assert _decree(world, to_state(make_sop(), "disahkan"), dt.date(2026, 1, 5)) == "12.01.45.2026"


def test_a_pattern_without_the_year_never_restarts(world, make_sop, to_state):
    world.pd.pola_nomor = "800/DKISP/{urut}"
    world.pd.save()
    _decree(world, to_state(make_sop(), "disahkan"), dt.date(2025, 4, 30), nomor="800/DKISP/9")
    assert _decree(world, to_state(make_sop(), "disahkan"), dt.date(2026, 1, 5)) == "800/DKISP/10"


def test_the_admin_turns_the_yearly_restart_off_on_the_settings_page_and_it_is_logged(login, world):
    client = login(fresh(world.admin))
    url = reverse("organisations:settings", args=[world.pd.pk])
    page = client.get(url).content.decode()
    assert 'name="nomor_ulang_tahunan" value="1" aria-describedby="ulang-help" checked' in page
    assert "Nomor urut mulai lagi dari 1 setiap tahun" in page
    response = client.post(url, {"pola_nomor": world.pd.pola_nomor})  # the box left unticked
    assert response.status_code == 302
    world.pd.refresh_from_db()
    assert world.pd.nomor_ulang_tahunan is False
    event = PdEvent.objects.get(pd=world.pd, action="pd.numbering_restart_changed")
    assert (event.before, event.after) == ("diulang dari 1 setiap tahun", "berlanjut dari tahun ke tahun")
    page = client.get(url).content.decode()
    assert "<td>Cara penomoran tiap tahun diubah</td>" in page
    assert 'aria-describedby="ulang-help" checked' not in page


def test_the_decree_number_shows_in_the_identity_panel(login, world, make_sop, to_state):
    sop = to_state(make_sop(), "berlaku")
    page = login(fresh(world.drafter)).get(reverse("workflow:sop_detail", args=[sop.document_id])).content
    identity = page.decode().split("<h2>Identitas</h2>")[1].split("</section>")[0]
    assert "<dt>Keputusan penetapan</dt><dd>Nomor 188.45/12/2025" in identity
    assert "tanggal 02 Januari 2025" in identity
    catalog = login(fresh(world.drafter)).get(reverse("catalog:sop", args=[sop.document_id])).content
    assert "<dt>Keputusan penetapan</dt><dd>Nomor 188.45/12/2025" in catalog.decode()
