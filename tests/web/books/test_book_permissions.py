"""Whose book a user sees and builds: a PD's for anyone of that PD (and the Pemda-wide roles), never another
PD's; the Pemda-wide book for the Bagian Organisasi and the Sekda; its settings for the head and the admin."""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse

from sopap.web.books.selectors import Scope
from sopap.web.books.services import book_settings_save
from sopap.web.jobs.models import Job
from sopap.web.shared.errors import PermissionDenied
from tests.web.conftest import fresh

pytestmark = pytest.mark.django_db


def _books(world: Any) -> Any:
    return Job.objects.filter(title__startswith="Buku SOP")


@pytest.mark.parametrize("who", ["other_drafter", "other_verifier", "other_head"])
def test_a_user_of_another_pd_can_neither_see_nor_build_nor_download_the_pds_book(
    world: Any, in_force: Any, login: Any, who: str
) -> None:
    in_force("Penyusunan Laporan Keuangan Bulanan")
    client = login(world.users[who])
    for name in ("page", "download", "keputusan", "settings"):
        assert client.get(reverse(f"books:{name}", args=["pd", world.pd.pk])).status_code == 404, name
    build = client.post(reverse("books:build", args=["pd", world.pd.pk]), {"format": "pdf"})
    assert build.status_code == 404 and not _books(world).exists()
    assert client.get(reverse("books:page", args=["pemda", world.pemda.pk])).status_code == 404


@pytest.mark.parametrize("who", ["drafter", "verifier1", "head", "admin", "sekda", "auditor"])
def test_anyone_of_the_pd_and_the_pemda_wide_roles_see_the_pds_book_and_build_it(
    world: Any, in_force: Any, login: Any, who: str, django_capture_on_commit_callbacks: Any
) -> None:
    in_force("Penyusunan Laporan Keuangan Bulanan")
    client = login(world.users[who])
    assert client.get(reverse("books:page", args=["pd", world.pd.pk])).status_code == 200
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("books:build", args=["pd", world.pd.pk]), {"format": "pdf"})
    assert _books(world).get().user == world.users[who]


def test_the_menu_leads_a_member_of_one_pd_straight_to_its_book(world: Any, login: Any) -> None:
    client = login(world.drafter)
    assert 'href="/buku/">Buku SOP</a>' in client.get(reverse("jobs:list")).content.decode()
    response = client.get(reverse("books:index"))
    assert response.status_code == 302 and response["Location"] == reverse(
        "books:page", args=["pd", world.pd.pk]
    )


def test_the_bagian_organisasi_finds_the_pemda_wide_book_beside_every_pds(world: Any, login: Any) -> None:
    page = login(world.admin).get(reverse("books:index")).content.decode()
    assert reverse("books:page", args=["pemda", world.pemda.pk]) in page
    assert reverse("books:page", args=["pd", world.pd.pk]) in page
    assert reverse("books:page", args=["pd", world.other_pd.pk]) in page


@pytest.mark.parametrize("who", ["admin", "sekda"])
def test_the_pemda_wide_book_belongs_to_the_bagian_organisasi_and_the_sekda(
    world: Any, login: Any, who: str
) -> None:
    client = login(world.users[who])
    assert client.get(reverse("books:page", args=["pemda", world.pemda.pk])).status_code == 200
    assert client.get(reverse("books:settings", args=["pemda", world.pemda.pk])).status_code == 200


@pytest.mark.parametrize("who", ["head", "drafter"])
def test_a_pds_members_do_not_get_the_pemda_wide_book(world: Any, login: Any, who: str) -> None:
    assert (
        login(world.users[who]).get(reverse("books:page", args=["pemda", world.pemda.pk])).status_code == 404
    )


@pytest.mark.parametrize("who", ["drafter", "verifier1", "auditor"])
def test_only_the_head_and_the_admin_change_a_pds_book_settings(world: Any, login: Any, who: str) -> None:
    client = login(world.users[who])
    assert client.get(reverse("books:settings", args=["pd", world.pd.pk])).status_code == 403
    assert (
        "Ubah pengaturan buku"
        not in client.get(reverse("books:page", args=["pd", world.pd.pk])).content.decode()
    )
    with pytest.raises(PermissionDenied):
        book_settings_save(
            scope=Scope(pemda=world.pemda, pd=world.pd),
            actor=fresh(world.users[who]),
            data={"judul": "Buku lain"},
            loaded_version=0,
        )
    for configurer in ("head", "admin"):
        assert (
            login(world.users[configurer])
            .get(reverse("books:settings", args=["pd", world.pd.pk]))
            .status_code
            == 200
        )


def test_the_book_page_speaks_english_on_the_english_locale(world: Any, in_force: Any, client: Any) -> None:
    in_force("Penyusunan Laporan Keuangan Bulanan")
    client.force_login(world.head)
    client.cookies["django_language"] = "en"
    page = client.get(reverse("books:page", args=["pd", world.pd.pk])).content.decode()
    assert ">SOP book</a>" in page and "Build the SOP book" in page and "Decree (PDF)" in page
    settings = client.get(reverse("books:settings", args=["pd", world.pd.pk])).content.decode()
    assert "Save the settings" in settings and "Foreword" in settings
