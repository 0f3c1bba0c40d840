from __future__ import annotations

import pytest
from django.urls import reverse

from sopap.web.organisations.models import Jabatan
from sopap.web.organisations.selectors import verification_chain
from sopap.web.organisations.services import pd_settings_update
from sopap.web.shared.errors import DomainError, PermissionDenied
from tests.web.conftest import fresh

pytestmark = pytest.mark.django_db


def test_the_admin_sets_the_number_pattern_and_the_verification_chain(login, world):
    sekretaris = Jabatan.objects.get(pd=world.pd, nama="Sekretaris")
    client = login(world.admin)
    page = client.get(reverse("organisations:settings", args=[world.pd.pk]))
    assert page.status_code == 200 and "12.01.01.2025" in page.content.decode()
    response = client.post(
        reverse("organisations:settings", args=[world.pd.pk]),
        {"pola_nomor": "800/DKISP/{urut}/{tahun}", "rantai": [str(sekretaris.pk), ""]},
    )
    assert response.status_code == 302
    world.pd.refresh_from_db()
    assert world.pd.pola_nomor == "800/DKISP/{urut}/{tahun}"
    assert [s.jabatan.nama for s in verification_chain(pd=world.pd)] == ["Sekretaris"]


@pytest.mark.parametrize("who", ["drafter", "verifier1", "head", "auditor"])
def test_only_the_admin_configures_a_pd(login, world, who):
    assert (
        login(world.users[who]).get(reverse("organisations:settings", args=[world.pd.pk])).status_code == 403
    )
    with pytest.raises(PermissionDenied):
        pd_settings_update(pd=world.pd, actor=fresh(world.users[who]), pola_nomor="", chain=[])


def test_a_pattern_without_urut_is_refused(world):
    with pytest.raises(DomainError):
        pd_settings_update(pd=world.pd, actor=fresh(world.admin), pola_nomor="{kode_pd}.{tahun}", chain=[])


def test_a_chain_cannot_borrow_another_pds_position(world):
    other = Jabatan.objects.get(pd=world.other_pd, nama="Sekretaris")
    with pytest.raises(DomainError):
        pd_settings_update(pd=world.pd, actor=fresh(world.admin), pola_nomor="", chain=[other])
