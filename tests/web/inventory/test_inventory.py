"""The inventory of needed SOPs: entries per unit with their status, coverage, "Mulai menyusun", and
every write checked against the version the user loaded."""

from __future__ import annotations

import pytest
from django.urls import reverse

from sopap.web.authoring.services import revision_update
from sopap.web.inventory.models import EntryStatus, InventoryEntry, InventoryEvent
from sopap.web.inventory.selectors import coverage_by_pd, coverage_by_unit
from sopap.web.inventory.services import entry_create, entry_link, entry_start_drafting, entry_update
from sopap.web.shared.errors import FieldErrors, PermissionDenied, StaleVersion
from tests.web.conftest import SOP_DATA, fresh

pytestmark = pytest.mark.django_db


def _entry(world, **values):  # type: ignore[no-untyped-def]
    base = {"kegiatan": "Menyusun rencana kerja", "output": "Dokumen RENJA", "aspek": "Penyusunan"}
    return entry_create(actor=fresh(world.drafter), pd=world.pd, unit=world.unit, values={**base, **values})


def test_a_title_left_empty_is_the_aspek_followed_by_the_output(world):
    entry = _entry(world)
    assert entry.judul == "Penyusunan Dokumen RENJA"
    assert InventoryEvent.objects.get(entry_id=entry.pk).action == "inventory.entry_created"


def test_an_entry_without_kegiatan_is_refused_beside_its_field(world):
    with pytest.raises(FieldErrors) as refused:
        _entry(world, kegiatan="  ")
    assert "kegiatan" in refused.value.errors


def test_mulai_menyusun_opens_a_draft_with_the_title_and_unit_and_the_entry_follows_it_into_force(
    world, to_state
):
    entry = _entry(world)
    assert entry.status == EntryStatus.BELUM
    revision = entry_start_drafting(actor=fresh(world.drafter), entry=entry, loaded_version=entry.version)
    entry.refresh_from_db()
    assert (revision.nama, revision.document.unit, entry.document) == (
        "Penyusunan Dokumen RENJA",
        world.unit,
        revision.document,
    )
    assert entry.status == EntryStatus.PENYUSUNAN
    revision = revision_update(
        sop=revision,
        actor=fresh(world.drafter),
        data={**SOP_DATA, "nama": revision.nama},
        loaded_version=revision.version,
    )
    to_state(revision, "berlaku")
    entry = InventoryEntry.objects.select_related("document").get(pk=entry.pk)
    assert entry.status == EntryStatus.BERLAKU


def test_a_save_over_a_newer_version_is_refused_and_changes_nothing(world):
    entry = _entry(world)
    entry_update(
        actor=fresh(world.drafter2),
        entry=entry,
        loaded_version=1,
        unit=None,
        values={"kegiatan": "A", "judul": "Judul A"},
    )
    with pytest.raises(StaleVersion):
        entry_update(
            actor=fresh(world.drafter), entry=entry, loaded_version=1, unit=None, values={"kegiatan": "B"}
        )
    assert InventoryEntry.objects.get(pk=entry.pk).kegiatan == "A"


def test_another_pds_drafter_and_a_verifier_cannot_write_it(world):
    entry = _entry(world)
    with pytest.raises(PermissionDenied):
        entry_update(
            actor=fresh(world.other_drafter),
            entry=entry,
            loaded_version=1,
            unit=None,
            values={"kegiatan": "x"},
        )
    with pytest.raises(PermissionDenied):
        entry_create(actor=fresh(world.verifier1), pd=world.pd, unit=None, values={"kegiatan": "x"})


def test_an_sop_of_another_pd_cannot_be_linked(world, make_sop):
    entry = _entry(world)
    other = make_sop(pd=world.other_pd, author=world.other_drafter)
    with pytest.raises(Exception, match="bukan milik"):
        entry_link(actor=fresh(world.drafter), entry=entry, loaded_version=1, document=other.document)


def test_coverage_counts_each_status_per_unit_and_per_pd(world, make_sop, to_state):
    _entry(world)
    drafting = _entry(world, kegiatan="Menyusun LKjIP", output="LKjIP")
    entry_start_drafting(actor=fresh(world.drafter), entry=drafting, loaded_version=1)
    done = _entry(world, kegiatan="Menyusun SPJ", output="SPJ")
    sop = make_sop()
    to_state(sop, "berlaku")
    entry_link(actor=fresh(world.drafter), entry=done, loaded_version=1, document=sop.document)
    [unit] = coverage_by_unit(pd=world.pd)
    assert (unit.name, unit.belum, unit.penyusunan, unit.berlaku, unit.percent) == (
        world.unit.nama,
        1,
        1,
        1,
        33,
    )
    by_pd = {c.name: c.total for c in coverage_by_pd(pds=[world.pd, world.other_pd])}
    assert by_pd == {world.pd.nama: 3, world.other_pd.nama: 0}


def test_the_page_shows_entries_and_a_pemda_role_sees_every_pd(login, world):
    _entry(world)
    page = login(world.drafter).get(reverse("inventory:index"))
    html = page.content.decode()
    assert "Penyusunan Dokumen RENJA" in html and "Mulai menyusun" in html and "Belum disusun" in html
    wide = login(world.sekda).get(reverse("inventory:index"))
    assert [c.name for c in wide.context["by_pd"]] == sorted([world.pd.nama, world.other_pd.nama])
    assert "Mulai menyusun" not in wide.content.decode()


def test_mulai_menyusun_from_the_page_lands_in_the_editor(login, world):
    entry = _entry(world)
    response = login(world.drafter).post(
        reverse("inventory:edit", args=[entry.pk]), {"tindakan": "mulai", "versi": entry.version}
    )
    entry.refresh_from_db()
    assert response.status_code == 302
    assert response.url == reverse("authoring:edit", args=[entry.document.head_id])


def test_a_stale_edit_on_the_page_keeps_the_typed_text(login, world):
    entry = _entry(world)
    entry_update(
        actor=fresh(world.drafter2),
        entry=entry,
        loaded_version=1,
        unit=None,
        values={"kegiatan": "A", "judul": "Judul A"},
    )
    response = login(world.drafter).post(
        reverse("inventory:edit", args=[entry.pk]),
        {
            "tindakan": "simpan",
            "versi": 1,
            "kegiatan": "Ketikan saya",
            "output": "",
            "aspek": "",
            "judul": "J",
        },
    )
    assert response.status_code == 409
    assert (
        "Ketikan saya" in response.content.decode() and "sudah diubah orang lain" in response.content.decode()
    )
