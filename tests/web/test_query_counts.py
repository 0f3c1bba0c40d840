"""Every list page reads as many rows for a large organisation as for a small one: each page is asked for at
two sizes (3 and 15 SOPs, 2 and 6 Perangkat Daerah, one return and five) and must make the same number of
queries at both, so a lookup per SOP, per unit level, per PD or per account shows up as a failure here."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from sopap.web.organisations.models import Jabatan, PerangkatDaerah, Role, Unit
from sopap.web.organisations.services import membership_create, user_create, verification_chain_set
from sopap.web.workflow import services as wf
from tests.web.catalog.test_page_cache import without_csrf
from tests.web.conftest import SOP_DATA, fresh

pytestmark = pytest.mark.django_db

SMALL, LARGE = 3, 15


def _page(client: Any, url: str, queries: int, django_assert_num_queries: Any) -> str:
    with django_assert_num_queries(queries):
        response = client.get(url)
    assert response.status_code == 200, url
    return response.content.decode()


def _units(world: Any) -> list[Unit]:
    """The PD's units, with one more level below a Seksi, so that unit paths are three deep."""
    seksi = Unit.objects.filter(pd=world.pd, parent__isnull=False).last()
    Unit.objects.create(pd=world.pd, parent=seksi, nama="Subseksi Arsip")
    return list(Unit.objects.filter(pd=world.pd))


def _sops(
    make_sop: Any, units: list[Unit], count: int, *, first: int = 0, name: str = "SOP", **kwargs: Any
) -> list[Any]:
    """``count`` drafts spread over ``units``, named "<name> <n>" from ``first``."""
    return [
        make_sop(unit=units[n % len(units)], data={**SOP_DATA, "nama": f"{name} {n}"}, **kwargs)
        for n in range(first, first + count)
    ]


def _walk(to_state: Any, sops: list[Any], state: str) -> list[Any]:
    return [to_state(sop, state) for sop in sops]


def _perangkat_daerah(world: Any, count: int) -> list[PerangkatDaerah]:
    """``count`` more PDs of the Pemda, each with two levels of units, positions, a chain of two verifiers,
    a drafter and a verifier."""
    pds = []
    start = PerangkatDaerah.objects.count()
    for n in range(start, start + count):
        pd = PerangkatDaerah.objects.create(
            pemda=world.pemda,
            nama=f"Badan {n} Kota Serang",
            kode=str(20 + n),
            pola_nomor="{kode_pd}.{urut}.{tahun}",
        )
        sekretariat = Unit.objects.create(pd=pd, nama="Sekretariat", kode="01")
        subbagian = Unit.objects.create(pd=pd, parent=sekretariat, nama="Sub Bagian Umum")
        kasubag = Jabatan.objects.create(
            pd=pd, unit=subbagian, nama="Kepala Sub Bagian Umum", alias=["Kasubag"]
        )
        sekretaris = Jabatan.objects.create(pd=pd, unit=sekretariat, nama="Sekretaris")
        verification_chain_set(pd=pd, jabatan=[kasubag, sekretaris])
        drafter = user_create(username=f"penyusun{n}", password="pw-penyusun-123", full_name=f"Penyusun {n}")
        membership_create(user=drafter, role=Role.PENYUSUN, pd=pd, unit=subbagian)
        verifier = user_create(
            username=f"verifikator{n}", password="pw-verifikator-123", full_name=f"Verifikator {n}"
        )
        membership_create(user=verifier, role=Role.VERIFIKATOR, pd=pd, jabatan=kasubag)
        pds.append(pd)
    return pds


# ------------------------------------------------------------------------------------------ catalog


def test_the_catalog_lists_fifteen_sops_by_pd_and_unit_in_as_many_queries_as_three(
    world, make_sop, to_state, in_force_in_other_pd, client, django_assert_num_queries
):
    units = _units(world)
    _walk(to_state, _sops(make_sop, units, SMALL), "berlaku")
    in_force_in_other_pd("SOP Dinkes 0")
    # Five: the catalog's generation (the key of the page cache), the PDs of the filter, how many SOPs each
    # has in force (few enough to list them all), the entries, their units' paths.
    page = _page(client, "/katalog/", 5, django_assert_num_queries)
    assert all(f"SOP {n}<" in page for n in range(SMALL)) and "SOP Dinkes 0" in page
    _walk(to_state, _sops(make_sop, units, LARGE - SMALL, first=SMALL), "berlaku")
    in_force_in_other_pd("SOP Dinkes 1")
    page = _page(client, "/katalog/", 5, django_assert_num_queries)
    assert all(f"SOP {n}<" in page for n in range(LARGE))
    # Again, nothing changed: from the cache, one query (the generation).
    assert without_csrf(_page(client, "/katalog/", 1, django_assert_num_queries)) == without_csrf(page)
    assert "Sekretariat › Sub Bagian Keuangan" in page and "SOP Dinkes 1" in page
    assert " › Subseksi Arsip" in page


def test_the_catalog_of_one_pd_lists_fifteen_sops_in_as_many_queries_as_three(
    world, make_sop, to_state, in_force_in_other_pd, client, django_assert_num_queries
):
    units = _units(world)
    url = f"/katalog/?pd={world.pd.pk}"
    _walk(to_state, _sops(make_sop, units, SMALL), "berlaku")
    in_force_in_other_pd("SOP Dinkes")
    _page(client, url, 5, django_assert_num_queries)
    _walk(to_state, _sops(make_sop, units, LARGE - SMALL, first=SMALL), "berlaku")
    page = _page(client, url, 5, django_assert_num_queries)
    # From the cache: the generation and the PD asked for.
    assert without_csrf(_page(client, url, 2, django_assert_num_queries)) == without_csrf(page)
    assert all(f"SOP {n}<" in page for n in range(LARGE))
    assert "SOP Dinkes<" not in page


def test_a_catalog_search_finds_fifteen_sops_in_as_many_queries_as_three(
    world, make_sop, to_state, client, django_assert_num_queries
):
    units = _units(world)
    # Five: the catalog's generation, the admin's list of abbreviations (read once per search, so "SPJ" also
    # finds "surat pertanggungjawaban"), the full-text match, the entries and the PDs of the filter.
    _walk(to_state, _sops(make_sop, units, SMALL), "berlaku")
    _page(client, "/katalog/?q=SPJ", 5, django_assert_num_queries)
    _walk(to_state, _sops(make_sop, units, LARGE - SMALL, first=SMALL), "berlaku")
    page = _page(client, "/katalog/?q=SPJ", 5, django_assert_num_queries)
    assert without_csrf(_page(client, "/katalog/?q=SPJ", 1, django_assert_num_queries)) == without_csrf(page)
    assert all(f"SOP {n}<" in page for n in range(LARGE))


# ---------------------------------------------------------------------------------------- SOP lists


def test_a_verifiers_sop_list_shows_fifteen_sops_waiting_for_them_in_as_many_queries_as_three(
    world, make_sop, to_state, login, django_assert_num_queries
):
    units = _units(world)
    client = login(world.verifier1)
    _walk(to_state, _sops(make_sop, units, SMALL), "diajukan")
    _page(client, "/sop/", 6, django_assert_num_queries)
    _walk(to_state, _sops(make_sop, units, LARGE - SMALL, first=SMALL), "diajukan")
    page = _page(client, "/sop/", 6, django_assert_num_queries)
    inbox = page.split('id="inbox-h"')[1].split("</section>")[0]
    assert all(f"SOP {n}<" in inbox for n in range(LARGE))


def test_a_heads_sop_list_shows_fifteen_sops_to_approve_in_as_many_queries_as_three(
    world, make_sop, to_state, login, django_assert_num_queries
):
    units = _units(world)
    client = login(world.head)
    _walk(to_state, _sops(make_sop, units, SMALL), "uji_coba")
    _page(client, "/sop/", 8, django_assert_num_queries)
    _walk(to_state, _sops(make_sop, units, LARGE - SMALL, first=SMALL), "uji_coba")
    page = _page(client, "/sop/", 8, django_assert_num_queries)
    inbox = page.split('id="inbox-h"')[1].split("</section>")[0]
    assert all(f"SOP {n}<" in inbox for n in range(LARGE))


def test_the_sekdas_sop_list_shows_fifteen_sops_spanning_pds_in_as_many_queries_as_three(
    world, make_sop, to_state, login, django_assert_num_queries
):
    units = _units(world)
    client = login(world.sekda)
    _walk(to_state, _sops(make_sop, units, SMALL, lintas_pd=True), "uji_coba")
    _page(client, "/sop/", 9, django_assert_num_queries)
    _walk(to_state, _sops(make_sop, units, LARGE - SMALL, first=SMALL, lintas_pd=True), "uji_coba")
    page = _page(client, "/sop/", 9, django_assert_num_queries)
    inbox = page.split('id="inbox-h"')[1].split("</section>")[0]
    assert all(f"SOP {n}<" in inbox for n in range(LARGE))


def test_an_admins_sop_list_shows_fifteen_sops_to_decree_in_as_many_queries_as_three(
    world, make_sop, to_state, login, django_assert_num_queries
):
    units = _units(world)
    client = login(world.admin)
    _walk(to_state, _sops(make_sop, units, SMALL), "disahkan")
    _page(client, "/sop/", 7, django_assert_num_queries)
    _walk(to_state, _sops(make_sop, units, LARGE - SMALL, first=SMALL), "disahkan")
    page = _page(client, "/sop/", 7, django_assert_num_queries)
    inbox = page.split('id="inbox-h"')[1].split("</section>")[0]
    assert all(f"SOP {n}<" in inbox for n in range(LARGE))


def test_a_drafters_sop_list_shows_fifteen_sops_at_every_stage_in_as_many_queries_as_three(
    world, make_sop, to_state, login, django_assert_num_queries
):
    units = _units(world)
    states = ["draf", "diajukan", "uji_coba", "disahkan", "berlaku"]
    client = login(world.drafter)

    def add(first: int, count: int) -> None:
        for n, sop in enumerate(_sops(make_sop, units, count, first=first), start=first):
            if states[n % len(states)] != "draf":
                to_state(sop, states[n % len(states)])

    add(0, SMALL)
    # Six: the session, the account, its roles, the page (with how many SOPs in all), the drafts of theirs
    # waiting in the box, the returns of those and of the page's drafts.
    _page(client, "/sop/", 6, django_assert_num_queries)
    add(SMALL, LARGE - SMALL)
    page = _page(client, "/sop/", 6, django_assert_num_queries)
    assert all(f"SOP {n}<" in page for n in range(LARGE))


def test_an_sops_page_shows_five_returns_with_step_notes_in_as_many_queries_as_one(
    world, make_sop, login, django_assert_num_queries
):
    sop = make_sop()
    client = login(world.verifier1)
    url = f"/sop/{sop.document_id}/"

    def return_once(n: int) -> None:
        wf.sop_submit(sop=sop, actor=fresh(world.drafter))
        wf.verification_return(
            sop=sop,
            actor=fresh(world.verifier1),
            notes=f"Perbaiki {n}",
            step_notes={1: f"Catatan langkah satu {n}", 2: f"Catatan langkah dua {n}"},
        )

    return_once(0)
    wf.sop_submit(sop=sop, actor=fresh(world.drafter))
    _page(client, url, 10, django_assert_num_queries)
    wf.verification_return(
        sop=sop, actor=fresh(world.verifier1), notes="Perbaiki lagi", step_notes={3: "Ketiga"}
    )
    for n in range(1, 4):
        return_once(n)
    wf.sop_submit(sop=sop, actor=fresh(world.drafter))
    page = _page(client, url, 10, django_assert_num_queries)
    assert all(f"Catatan langkah dua {n}" in page for n in range(4)) and "Ketiga" in page
    assert "action-verification_approve" in page


# --------------------------------------------------------------------------------------- monitoring


def _monitored(world: Any, to_state: Any, sops: list[Any]) -> None:
    """In force, each monitored this semester; every other one evaluated this year, every third reviewed."""
    from sopap.web.monitoring.models import CRITERIA
    from sopap.web.monitoring.services import evaluation_record, monitoring_record, review_record

    today = dt.date.today()
    admin = fresh(world.admin)
    for n, sop in enumerate(_walk(to_state, sops, "berlaku")):
        document = sop.document
        monitoring_record(
            actor=admin,
            document=document,
            tanggal=today,
            cara="observasi",
            penilaian="baik" if n % 2 else "tidak_baik",
            tindakan="" if n % 2 else "Latih pelaksana",
        )
        if n % 2 == 0:
            evaluation_record(
                actor=admin,
                document=document,
                tahun=today.year,
                answers={key: True for key, _label in CRITERIA},
                rekomendasi="tetap",
            )
        if n % 3 == 0:
            review_record(actor=admin, document=document, tanggal=today, catatan="Dikaji tim; tetap")


def test_the_monitoring_page_shows_fifteen_sops_in_force_in_as_many_queries_as_three(
    world, make_sop, to_state, login, django_assert_num_queries
):
    units = _units(world)
    client = login(world.admin)
    _monitored(world, to_state, _sops(make_sop, units, SMALL))
    # 10: a Pemda-wide role's page first counts the SOPs in force, to choose rows or the list of PDs.
    _page(client, "/pemantauan/", 10, django_assert_num_queries)
    _monitored(world, to_state, _sops(make_sop, units, LARGE - SMALL, first=SMALL))
    page = _page(client, "/pemantauan/", 10, django_assert_num_queries)
    assert all(f"SOP {n}<" in page for n in range(LARGE))


def test_the_period_report_covers_six_pds_and_fifteen_sops_in_as_many_queries_as_two_and_three(
    world, make_sop, to_state, login, django_assert_num_queries
):
    units = _units(world)
    client = login(world.admin)
    _monitored(world, to_state, _sops(make_sop, units, SMALL))
    _page(client, "/pemantauan/laporan/", 11, django_assert_num_queries)
    _monitored(world, to_state, _sops(make_sop, units, LARGE - SMALL, first=SMALL))
    pds = _perangkat_daerah(world, 4)
    page = _page(client, "/pemantauan/laporan/", 11, django_assert_num_queries)
    assert all(pd.nama in page for pd in pds)
    assert f'data-label="SOP berlaku">{LARGE}</td>' in page


def test_an_sops_monitoring_page_shows_six_monitorings_in_as_many_queries_as_one(
    world, make_sop, to_state, login, django_assert_num_queries
):
    from sopap.web.monitoring.services import monitoring_record, review_record

    sop = to_state(make_sop(), "berlaku")
    client = login(world.admin)
    url = f"/pemantauan/sop/{sop.document_id}/"

    def record(n: int) -> None:
        monitoring_record(
            actor=fresh(world.admin),
            document=sop.document,
            tanggal=dt.date.today(),
            cara="wawancara",
            penilaian="baik",
            catatan=f"Pengamatan {n}",
        )
        review_record(
            actor=fresh(world.admin),
            document=sop.document,
            tanggal=dt.date.today(),
            catatan=f"Kaji ulang {n}",
        )

    record(0)
    _page(client, url, 10, django_assert_num_queries)
    for n in range(1, 6):
        record(n)
    page = _page(client, url, 10, django_assert_num_queries)
    assert all(f"Pengamatan {n}" in page and f"Kaji ulang {n}" in page for n in range(6))


# ----------------------------------------------------------------------------- organisation, accounts


def test_the_organisation_page_shows_six_pds_in_as_many_queries_as_two(
    world, login, django_assert_num_queries
):
    client = login(world.admin)
    page = _page(client, "/akun/organisasi/", 8, django_assert_num_queries)
    assert world.pd.nama in page and world.other_pd.nama in page
    pds = _perangkat_daerah(world, 4)
    page = _page(client, "/akun/organisasi/", 8, django_assert_num_queries)
    assert all(pd.nama in page for pd in pds)
    assert page.count("1. Kepala Sub Bagian Umum → 2. Sekretaris") == 4
    assert page.count('"depth-1">Sub Bagian Umum</li>') == 4


def test_the_accounts_list_shows_the_accounts_of_six_pds_in_as_many_queries_as_of_two(
    world, login, django_assert_num_queries
):
    client = login(world.admin)
    page = _page(client, "/akun/pengguna/", 5, django_assert_num_queries)
    assert "other_verifier" in page
    pds = _perangkat_daerah(world, 4)
    page = _page(client, "/akun/pengguna/", 5, django_assert_num_queries)
    assert all(pd.nama in page for pd in pds)
    assert all(f"verifikator{n}<" in page for n in range(2, 6))


def test_the_new_account_form_offers_the_units_of_six_pds_in_as_many_queries_as_of_two(
    world, login, django_assert_num_queries
):
    client = login(world.admin)
    _page(client, "/akun/pengguna/baru/", 7, django_assert_num_queries)
    pds = _perangkat_daerah(world, 4)
    page = _page(client, "/akun/pengguna/baru/", 7, django_assert_num_queries)
    assert all(f'<optgroup label="{pd.nama}">' in page for pd in pds)
    assert page.count("\u00a0Sub Bagian Umum<") == 4


def test_an_account_page_offers_the_units_of_six_pds_in_as_many_queries_as_of_two(
    world, login, django_assert_num_queries
):
    client = login(world.admin)
    url = f"/akun/pengguna/{world.drafter.pk}/"
    _page(client, url, 12, django_assert_num_queries)
    pds = _perangkat_daerah(world, 4)
    page = _page(client, url, 12, django_assert_num_queries)
    assert all(f'<optgroup label="{pd.nama}">' in page for pd in pds)


def test_the_new_sop_form_offers_the_units_of_six_pds_in_as_many_queries_as_of_two(
    world, login, django_assert_num_queries
):
    membership_create(user=world.drafter, role=Role.PENYUSUN, pd=world.other_pd)
    client = login(world.drafter)
    _page(client, "/sop/baru/", 7, django_assert_num_queries)
    for pd in _perangkat_daerah(world, 4):
        membership_create(user=world.drafter, role=Role.PENYUSUN, pd=pd)
    page = _page(client, "/sop/baru/", 7, django_assert_num_queries)
    assert page.count("\u00a0Sub Bagian Umum<") == 2 * 4  # in the new-SOP form and in the upload form


# ------------------------------------------------------------------------------- a seeded province


def _seeded_pages(pd: PerangkatDaerah) -> list[tuple[Any, str]]:
    """Every list page as each role of ``pd`` (or of its Pemda) sees it."""
    from sopap.web.authoring.models import SopDocument
    from sopap.web.organisations.models import Membership

    def member(role: str, *, pemda_wide: bool = False, n: int = 0) -> Any:
        memberships = Membership.objects.filter(role=role, pemda=pd.pemda, pd=None if pemda_wide else pd)
        return list(memberships.order_by("id").select_related("user"))[n].user

    document = SopDocument.objects.filter(pd=pd, in_force__isnull=False).order_by("id").first()
    assert document is not None
    admin = member(Role.ADMIN, pemda_wide=True)
    return [
        (None, "/katalog/"),
        (None, f"/katalog/?pd={pd.pk}"),
        (None, "/katalog/?q=surat"),
        (None, f"/katalog/sop/{document.pk}/"),
        (member(Role.PENYUSUN), "/sop/"),
        (member(Role.PENYUSUN), "/sop/?lingkup=pd"),
        (member(Role.VERIFIKATOR), "/sop/"),
        (member(Role.VERIFIKATOR, n=1), "/sop/"),
        (member(Role.PENGESAH), "/sop/"),
        (member(Role.PENGESAH, pemda_wide=True), "/sop/"),
        (admin, "/sop/"),
        (member(Role.AUDITOR, pemda_wide=True), "/sop/"),
        (admin, "/pemantauan/"),
        (admin, "/pemantauan/laporan/"),
        (admin, f"/pemantauan/sop/{document.pk}/"),
        (admin, "/akun/pengguna/"),
        (admin, "/akun/organisasi/"),
    ]


def _queries(client: Any, pages: list[tuple[Any, str]]) -> list[int]:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    counts = []
    for user, url in pages:
        client.logout()
        if user is not None:
            client.force_login(user)
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url)
        assert response.status_code == 200, url
        counts.append(len(queries))
    return counts


def test_every_list_page_of_a_seeded_province_makes_as_many_queries_for_120_sops_a_pd_as_for_40(client):
    from sopap.web.seeding import seed

    # Forty SOPs hold every state and kind of record (returns with notes, monitorings, revisions in force
    # and replaced), so a query made only when some kind is present is made at both sizes.
    seed(pds=2, sop_per_pd=40)
    # The second PD: the first one's drafter happens to hold no draft that a permission check asks the
    # editors of (one query for the whole page, made only when some check needs it).
    small = PerangkatDaerah.objects.order_by("-id").first()
    small_pages = _seeded_pages(small)
    before = _queries(client, small_pages)
    # More PDs of the same Pemda, with three times the SOPs: the Pemda-wide roles see all of them.
    seed(pds=2, sop_per_pd=120, append=True)
    large = PerangkatDaerah.objects.order_by("-id").first()
    after = _queries(client, _seeded_pages(large))
    labels = [f"{user.username.split('-')[0] if user else 'anonim'} {url}" for user, url in small_pages]
    grown = [(label, b, a) for label, b, a in zip(labels, before, after, strict=True) if a != b]
    assert grown == [], "\n".join(map(str, grown))
