from __future__ import annotations

import pytest
from django.urls import reverse

from sopap.web.organisations.models import Jabatan, PerangkatDaerah, Unit
from sopap.web.organisations.selectors import jabatan_names, units_of
from sopap.web.organisations.services import org_import
from tests.web.conftest import EXAMPLES

pytestmark = pytest.mark.django_db


def test_the_serang_organisation_tree_loads_from_its_org_yaml():
    text = (EXAMPLES / "organisasi" / "serang-diskominfo.org.yaml").read_text(encoding="utf-8")
    pemda = org_import(text=text)
    pd = PerangkatDaerah.objects.get(pemda=pemda)
    assert pemda.nama == "Pemerintah Kota Serang"
    assert (pd.kode, pd.pola_nomor) == ("12", "{kode_pd}.{kode_unit}.{urut:02}.{tahun}")
    keuangan = Unit.objects.get(pd=pd, nama="Sub Bagian Keuangan")
    assert keuangan.path_names == ["Sekretariat", "Sub Bagian Keuangan"]
    assert keuangan.kode_path == "01"
    assert [u.nama for u in units_of(pd=pd)][:2] == ["Sekretariat", "Sub Bagian Umum dan Kepegawaian"]
    names = jabatan_names(pd=pd)
    assert "Kasubag PEP" in names and "PPTK" in names
    assert Jabatan.objects.get(pd=pd, nama="Kepala Sub Bagian Keuangan").unit == keuangan


def test_loading_an_org_yaml_twice_does_not_duplicate():
    text = (EXAMPLES / "organisasi" / "serang-diskominfo.org.yaml").read_text(encoding="utf-8")
    org_import(text=text)
    counts = (Unit.objects.count(), Jabatan.objects.count())
    org_import(text=text)
    assert (Unit.objects.count(), Jabatan.objects.count()) == counts


def test_every_example_org_yaml_loads():
    for path in sorted((EXAMPLES / "organisasi").glob("*.org.yaml")):
        org_import(text=path.read_text(encoding="utf-8"))
    assert PerangkatDaerah.objects.count() >= 2


def test_users_log_in_and_out(client, world):
    page = client.get(reverse("organisations:login"))
    assert page.status_code == 200 and 'for="id_username"' in page.content.decode()
    response = client.post(
        reverse("organisations:login"), {"username": "drafter", "password": "pw-drafter-123"}
    )
    assert response.status_code == 302 and response["Location"] == reverse("tasks")
    assert client.get(reverse("workflow:sop_list")).status_code == 200
    assert client.post(reverse("organisations:logout")).status_code == 302
    assert client.get(reverse("workflow:sop_list")).status_code == 302


def test_a_wrong_password_is_refused_with_a_message(client, world):
    response = client.post(reverse("organisations:login"), {"username": "drafter", "password": "nope"})
    assert response.status_code == 200 and "salah" in response.content.decode()


def test_the_organisation_page_shows_what_a_number_looks_like_and_only_the_admin_sees_the_pattern(
    login, world
):
    import datetime as dt

    year = dt.date.today().year
    drafter_page = login(world.drafter).get(reverse("organisations:list")).content.decode()
    assert f'contoh: <span class="nomor">12.01.01.{year}</span>' in drafter_page
    assert "{kode_pd}" not in drafter_page
    admin_page = login(world.admin).get(reverse("organisations:list")).content.decode()
    assert "<code>{kode_pd}.{kode_unit}.{urut:02}.{tahun}</code>" in admin_page


def test_units_in_a_select_are_indented_without_a_marker(world):
    from sopap.web.organisations.selectors import INDENT, unit_choices

    labels = [label for _pd, group in unit_choices([world.pd])[1:] for _pk, label in group]
    assert f"{INDENT}Sub Bagian Keuangan" in labels and not any("·" in label for label in labels)
