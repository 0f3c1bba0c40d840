"""`sopap seed`: a small province, and a database as the services would have left it (the catalog shows
and finds what is in force, every text is a valid SOP, a seeded account logs in and works)."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from click.testing import CliRunner

from sopap.cli.main import cli
from sopap.web.authoring.editor import data_from_text, lint
from sopap.web.authoring.models import Revision, SopDocument
from sopap.web.catalog.models import CatalogEntry, CatalogWord
from sopap.web.catalog.services import searchable_text
from sopap.web.catalog.stemmer import index_terms
from sopap.web.organisations.models import Membership, PerangkatDaerah, Role
from sopap.web.seeding import PASSWORDS, SeedRefused, seed
from sopap.web.shared.status import Status
from sopap.web.workflow.models import Transition

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def province() -> Any:
    return seed(pds=2, sop_per_pd=3)


def _member(pd: PerangkatDaerah, role: str, urutan: int | None = None) -> Any:
    memberships = Membership.objects.filter(pd=pd, role=role).select_related("user", "jabatan").order_by("id")
    return list(memberships)[(urutan or 1) - 1].user


def test_sopap_seed_makes_two_pds_of_three_sops_and_refuses_to_run_again_without_tambah(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    runner = CliRunner()
    first = runner.invoke(cli, ["seed", "--pd", "2", "--sop-per-pd", "3"])
    assert first.exit_code == 0, first.output
    assert "Selesai / done: 2 PD, 6 SOP" in first.output and "Waktu / time:" in first.output
    assert "2/2 PD, 6 SOP" in first.output
    assert SopDocument.objects.count() == 6 and PerangkatDaerah.objects.count() == 2
    again = runner.invoke(cli, ["seed", "--pd", "2", "--sop-per-pd", "3"])
    assert again.exit_code == 1 and "--tambah" in again.output
    assert SopDocument.objects.count() == 6
    more = runner.invoke(cli, ["seed", "--pd", "1", "--sop-per-pd", "4", "--tambah"])
    assert more.exit_code == 0, more.output
    assert SopDocument.objects.count() == 10 and PerangkatDaerah.objects.count() == 3


def test_the_seed_refuses_a_database_that_holds_data_unless_appending(province):
    with pytest.raises(SeedRefused):
        seed(pds=1, sop_per_pd=1)
    seed(pds=1, sop_per_pd=1, append=True)
    assert PerangkatDaerah.objects.count() == 3


def test_the_same_seed_gives_the_same_sops_and_another_seed_other_ones():
    from django.core.management import call_command

    def seeded(value: int) -> list[tuple[str, str, str, str]]:
        seed(pds=1, sop_per_pd=5, seed=value)
        rows = list(
            Revision.objects.order_by("document__created_at", "number").values_list(
                "nama", "status", "nomor", "yaml_text"
            )
        )
        call_command("flush", interactive=False, verbosity=0)
        return rows

    first = seeded(1)
    assert len(first) >= 5
    assert seeded(1) == first
    assert seeded(2) != first


def test_every_seeded_revision_is_a_valid_sop_naming_its_own_pd_and_unit(province):
    revisions = list(Revision.objects.select_related("document__pd__pemda", "document__unit__parent"))
    assert len(revisions) > 6
    for revision in revisions:
        data = data_from_text(revision.yaml_text)
        assert not lint(revision.yaml_text).result.errors, revision.yaml_text
        document = revision.document
        assert data["instansi"] == document.pd.nama
        assert data["pemerintah"] == document.pd.pemda.nama
        assert data["unit"] == [document.unit.parent.nama, document.unit.nama]
        assert data["nama"] == revision.nama
        if revision.status in {Status.DITETAPKAN, Status.BERLAKU, Status.DIGANTIKAN, Status.DICABUT}:
            assert data["nomor"] == revision.nomor == document.nomor
            assert data["disahkan_oleh"]["nama"] == document.pd.kepala_nama
            assert revision.version == 3 and revision.edits.count() == 3
        else:
            assert "nomor" not in data and revision.nomor == ""


def test_each_seeded_sop_has_its_newest_revision_as_head_and_its_revision_in_force_as_in_force(province):
    for document in SopDocument.objects.all():
        revisions = list(document.revisions.order_by("number"))
        assert document.head_id == revisions[-1].pk
        in_force = [r for r in revisions if r.status == Status.BERLAKU]
        assert document.in_force_id == (in_force[0].pk if in_force else None)
        assert len(in_force) <= 1


def test_every_seeded_transition_moves_a_revision_from_where_the_previous_one_left_it(province):
    for revision in Revision.objects.all():
        status = Status.DRAF if revision.number == 1 else Status.BERLAKU
        for transition in Transition.objects.filter(revision=revision).order_by("at", "id"):
            assert transition.from_status == status, (revision.pk, transition.action)
            status = transition.to_status
        assert status == revision.status


def test_the_catalog_index_holds_what_indexing_each_revision_in_force_would_write(province):
    entries = list(CatalogEntry.objects.select_related("revision"))
    assert {e.revision.status for e in entries} <= {Status.BERLAKU, Status.DIGANTIKAN, Status.DICABUT}
    in_force = [e for e in entries if e.revision.status == Status.BERLAKU]
    assert in_force and len(in_force) == Revision.objects.filter(status=Status.BERLAKU).count()
    vocabulary = set(CatalogWord.objects.values_list("word", flat=True))
    for entry in in_force:
        nama, body = searchable_text(data_from_text(entry.revision.yaml_text))
        assert (entry.nama_terms, entry.body_terms, entry.body_text) == (
            index_terms(nama),
            index_terms(body),
            body,
        )
        assert set(entry.body_terms.split()) <= vocabulary
    for entry in entries:
        if entry.revision.status != Status.BERLAKU:
            assert entry.ended_at is not None and entry.body_terms == ""


def test_the_catalog_shows_and_search_finds_the_seeded_sops_in_force_and_no_draft(province, client):
    page = client.get("/katalog/").content.decode()
    in_force = list(Revision.objects.filter(status=Status.BERLAKU))
    drafts = list(Revision.objects.exclude(status__in=[Status.BERLAKU, Status.DIGANTIKAN, Status.DICABUT]))
    for revision in in_force:
        assert revision.nama in page
        found = client.get("/katalog/", {"q": revision.nama}).content.decode()
        assert revision.nama in found
    for revision in drafts:
        if not Revision.objects.filter(nama=revision.nama, status=Status.BERLAKU).exists():
            assert revision.nama not in page
    sop_page = client.get(f"/katalog/sop/{in_force[0].document_id}/")
    assert sop_page.status_code == 200 and in_force[0].nama in sop_page.content.decode()


def test_a_seeded_drafter_logs_in_with_the_roles_password_and_sees_their_pds_sops(province, client):
    pd = PerangkatDaerah.objects.order_by("id").first()
    drafter = _member(pd, Role.PENYUSUN)
    response = client.post("/akun/masuk/", {"username": drafter.username, "password": PASSWORDS["penyusun"]})
    assert response.status_code == 302
    page = client.get("/sop/").content.decode()
    for document in SopDocument.objects.filter(pd=pd).select_related("head"):
        assert document.head.nama in page


def test_the_workflow_goes_on_from_a_seeded_state_with_the_seeded_accounts(province):
    from sopap.web.authoring.services import sop_create
    from sopap.web.workflow import services as wf

    pd = PerangkatDaerah.objects.order_by("id").first()
    drafter, head = _member(pd, Role.PENYUSUN), _member(pd, Role.PENGESAH)
    admin = Membership.objects.get(pemda=pd.pemda, pd=None, role=Role.ADMIN).user
    revision = sop_create(pd=pd, author=drafter, unit=pd.units.filter(parent__isnull=False).first(),
                          data=data_from_text(Revision.objects.filter(document__pd=pd).first().yaml_text))  # fmt: skip
    wf.sop_submit(sop=revision, actor=drafter)
    wf.verification_approve(sop=revision, actor=_member(pd, Role.VERIFIKATOR, 1))
    wf.verification_approve(sop=revision, actor=_member(pd, Role.VERIFIKATOR, 2))
    # Seeded PDs require the trial (the default for a new PD, Pasal 18 (3)).
    witness = _member(pd, Role.VERIFIKATOR, 1)
    wf.trial_record(
        sop=revision,
        actor=witness,
        mulai=dt.date.today(),
        selesai=dt.date.today(),
        hasil="lanjut",
        saksi=[witness],
    )
    wf.sop_approve(sop=revision, actor=head)
    wf.sop_decree(
        sop=revision, actor=admin, keputusan_nomor="100/Kep.1-Huk/2026", keputusan_tanggal=dt.date.today()
    )
    revision.refresh_from_db()
    assert revision.status == Status.BERLAKU
    # The PD's counter goes on after the seeded numbers instead of giving one of them again.
    seeded = set(
        SopDocument.objects.filter(pd=pd).exclude(pk=revision.document_id).values_list("nomor", flat=True)
    )
    assert revision.nomor and revision.nomor not in seeded
