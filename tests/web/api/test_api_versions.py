"""A save or an action sent from a version older than the stored one is refused (409) with the reason, and
nothing is written: the same optimistic check as the web's editor and workflow forms."""

from __future__ import annotations

import pytest

from sopap.web.authoring.models import RevisionEdit
from sopap.web.authoring.services import stale_message
from tests.web.api.conftest import sop_yaml

pytestmark = pytest.mark.django_db


def test_a_save_from_the_version_read_is_stored_as_the_next_version(api, world, make_sop):
    draft = make_sop()
    read = api(world.drafter).get(f"/revisi/{draft.pk}").json()
    saved = api(world.drafter).put(
        f"/revisi/{draft.pk}", {"version": read["version"], "yaml": sop_yaml(nama="Dua")}
    )
    assert saved.status_code == 200
    assert saved.json()["version"] == read["version"] + 1 and "nama: Dua" in saved.json()["yaml"]
    assert RevisionEdit.objects.filter(
        revision=draft, version=read["version"] + 1, editor=world.drafter
    ).exists()


def test_a_save_over_somebody_elses_newer_version_is_refused_and_nothing_is_written(api, world, make_sop):
    draft = make_sop()
    seen = api(world.drafter).get(f"/revisi/{draft.pk}").json()["version"]
    first = api(world.drafter2).put(
        f"/revisi/{draft.pk}", {"version": seen, "yaml": sop_yaml(nama="Punya rekan")}
    )
    assert first.status_code == 200
    late = api(world.drafter).put(
        f"/revisi/{draft.pk}", {"version": seen, "yaml": sop_yaml(nama="Punya saya")}
    )
    assert late.status_code == 409
    draft.refresh_from_db()
    assert late.json() == {
        "code": "stale_version",
        "message": stale_message(sop=draft),
        "current_version": seen + 1,
    }
    assert "Drafter2" in late.json()["message"]
    assert draft.version == seen + 1 and "Punya rekan" in draft.yaml_text
    again = api(world.drafter).put(
        f"/revisi/{draft.pk}", {"version": seen + 1, "yaml": sop_yaml(nama="Punya saya")}
    )
    assert again.status_code == 200 and again.json()["name"] == "Punya saya"


def test_an_action_from_an_older_version_is_refused(api, world, make_sop, to_state):
    from sopap.web.workflow import services as wf
    from tests.web.conftest import SOP_DATA, fresh

    sop = to_state(make_sop(), "diajukan")
    seen = sop.version
    wf.verification_return(sop=sop, actor=fresh(world.verifier1), notes="Perbaiki")
    sop.refresh_from_db()
    from sopap.web.authoring.services import revision_update

    revision_update(
        sop=sop, actor=fresh(world.drafter), data={**SOP_DATA, "nama": "Baru"}, loaded_version=sop.version
    )
    wf.sop_submit(sop=sop, actor=fresh(world.drafter))
    response = api(world.verifier1).post(f"/revisi/{sop.pk}/verification_approve", {"version": seen})
    assert response.status_code == 409 and response.json()["code"] == "stale_version"
    sop.refresh_from_db()
    assert response.json()["current_version"] == sop.version and sop.verification_index == 0


def test_a_save_without_a_version_is_invalid(api, world, make_sop):
    draft = make_sop()
    response = api(world.drafter).put(f"/revisi/{draft.pk}", {"yaml": sop_yaml()})
    assert response.status_code == 422 and response.json()["code"] == "invalid"
    assert response.json()["errors"][0]["loc"] == ["body", "body", "version"]


def test_a_file_that_is_not_an_sop_is_refused_with_the_readers_reason(api, world, make_sop):
    from sopap.web.authoring.services import uploaded_data
    from sopap.web.shared.errors import DomainError

    draft = make_sop()
    with pytest.raises(DomainError) as reason:
        uploaded_data(raw=b"- satu\n- dua\n")
    response = api(world.drafter).put(
        f"/revisi/{draft.pk}", {"version": draft.version, "yaml": "- satu\n- dua\n"}
    )
    assert response.status_code == 422 and response.json()["message"] == reason.value.message
