"""Every API operation, every role, as the web's view matrix (tests/web/test_view_permissions.py): who gets
the data, who 403 with the web's words, who 404, who 401; the same refusals as the web's transition view."""

from __future__ import annotations

import pytest
from django.urls import reverse

from sopap.web.shared.status import Status
from tests.web.api.conftest import sop_yaml

pytestmark = pytest.mark.django_db

ROLES = ["drafter", "verifier1", "verifier2", "head", "sekda", "admin", "auditor"]


def test_anonymous_callers_get_the_catalog_and_nothing_else(api, world, make_sop, to_state):
    sop = to_state(make_sop(), "berlaku")
    draft = make_sop()
    anonymous = api()
    assert anonymous.get("/katalog/sop").status_code == 200
    assert anonymous.get(f"/katalog/sop/{sop.document_id}").status_code == 200
    assert anonymous.get("/katalog/cari", q="SPJ").status_code == 200
    assert anonymous.get(f"/katalog/sop/{sop.document_id}/unduh/yaml").status_code == 200
    for response in [
        anonymous.get("/sop"),
        anonymous.get(f"/sop/{draft.document_id}"),
        anonymous.get(f"/sop/{draft.document_id}/riwayat"),
        anonymous.get(f"/revisi/{draft.pk}"),
        anonymous.put(f"/revisi/{draft.pk}", {"version": draft.version, "yaml": sop_yaml()}),
        anonymous.post(f"/revisi/{draft.pk}/submit", {"version": draft.version}),
        anonymous.post("/sop", {"pd_id": world.pd.pk, "yaml": sop_yaml()}),
    ]:
        assert response.status_code == 401, response.wsgi_request.path
        assert response["WWW-Authenticate"] == "Bearer"
        assert response.json()["code"] == "unauthorized"


def test_the_catalog_never_shows_a_draft_even_to_its_author(api, world, make_sop):
    draft = make_sop()
    assert api(world.drafter).get(f"/katalog/sop/{draft.document_id}").status_code == 404
    assert api().get(f"/katalog/sop/{draft.document_id}/unduh/yaml").status_code == 404


def test_a_drafter_cannot_see_another_pds_drafts(api, world, make_sop):
    draft = make_sop()
    other = api(world.other_drafter)
    listed = other.get("/sop").json()
    assert draft.document_id not in [item["document_id"] for item in listed["items"]]
    for response in [
        other.get(f"/sop/{draft.document_id}"),
        other.get(f"/sop/{draft.document_id}/riwayat"),
        other.get(f"/revisi/{draft.pk}"),
        other.put(f"/revisi/{draft.pk}", {"version": draft.version, "yaml": sop_yaml()}),
        other.post(f"/revisi/{draft.pk}/submit", {"version": draft.version}),
    ]:
        assert response.status_code == 404, response.wsgi_request.path
        assert response.json()["code"] == "not_found"


def test_drafters_of_the_same_pd_see_and_edit_each_others_drafts(api, world, make_sop):
    draft = make_sop()
    colleague = api(world.drafter2)
    state = colleague.get(f"/sop/{draft.document_id}").json()
    assert state["editable"] is True and "submit" in state["actions"]
    saved = colleague.put(f"/revisi/{draft.pk}", {"version": draft.version, "yaml": sop_yaml(nama="Baru")})
    assert saved.status_code == 200 and saved.json()["name"] == "Baru"


@pytest.mark.parametrize("who", ["verifier1", "head", "admin", "auditor"])
def test_non_drafters_read_but_cannot_edit_or_create(api, world, make_sop, who):
    draft = make_sop()
    caller = api(world.users[who])
    state = caller.get(f"/sop/{draft.document_id}")
    assert state.status_code == 200 and state.json()["editable"] is False
    assert caller.get(f"/sop/{draft.document_id}/riwayat").status_code == 200
    saved = caller.put(f"/revisi/{draft.pk}", {"version": draft.version, "yaml": sop_yaml(nama="Baru")})
    assert saved.status_code == 403 and saved.json()["message"] == "SOP ini tidak dapat Anda ubah."
    created = caller.post("/sop", {"pd_id": world.pd.pk, "yaml": sop_yaml()})
    assert (
        created.status_code == 403 and created.json()["message"] == "Hanya penyusun yang dapat membuat SOP."
    )
    submitted = caller.post(f"/revisi/{draft.pk}/submit", {"version": draft.version})
    assert submitted.status_code == 403
    assert submitted.json() == {
        "code": "permission_denied",
        "message": "Peran Anda tidak mengizinkan tindakan ini.",
    }


def test_a_drafter_creates_drafts_only_in_their_own_pd(api, world):
    mine = api(world.drafter).post(
        "/sop", {"pd_id": world.pd.pk, "unit_id": world.unit.pk, "yaml": sop_yaml()}
    )
    assert mine.status_code == 201 and mine.json()["status"] == Status.DRAF
    theirs = api(world.drafter).post("/sop", {"pd_id": world.other_pd.pk, "yaml": sop_yaml()})
    assert theirs.status_code == 403
    assert theirs.json()["message"] == "Hanya penyusun pada perangkat daerah ini yang dapat menyusun SOP-nya."


def test_a_submitted_sop_can_no_longer_be_saved(api, world, make_sop, to_state):
    sop = to_state(make_sop(), "diajukan")
    response = api(world.drafter).put(
        f"/revisi/{sop.pk}", {"version": sop.version, "yaml": sop_yaml(nama="X")}
    )
    assert response.status_code == 409 and "sudah berstatus Diajukan" in response.json()["message"]


def test_nobody_skips_a_verification_step_through_the_api(api, world, make_sop, to_state):
    sop = to_state(make_sop(), "diajukan")
    path = f"/revisi/{sop.pk}/verification_approve"
    refused = api(world.verifier2).post(path, {"version": sop.version})
    assert refused.status_code == 403 and "bukan tahap Anda" in refused.json()["message"]
    done = api(world.verifier1).post(path, {"version": sop.version})
    assert done.status_code == 200 and done.json()["message"] == "Verifikasi disetujui."
    sop.refresh_from_db()
    assert sop.verification_index == 1 and sop.status == Status.DIAJUKAN


@pytest.mark.parametrize(
    ("action", "state", "allowed"),
    [
        ("submit", None, ("drafter",)),
        ("verification_approve", "diajukan", ("verifier1",)),
        ("verification_return", "diajukan", ("verifier1",)),
        ("approve", "uji_coba", ("head",)),
        ("approval_return", "uji_coba", ("head",)),
        ("decree", "disahkan", ("admin",)),
        ("withdraw", "berlaku", ("admin",)),
        ("review_open", "berlaku", ("drafter", "admin")),
    ],
)
def test_workflow_actions_refuse_every_role_the_web_refuses(
    api, login, world, make_sop, to_state, action, state, allowed
):
    sop = make_sop(author=world.drafter2)
    sop = to_state(sop, state) if state else sop
    body = {"version": sop.version, "notes": "x", "keputusan_nomor": "1"}
    form = {"catatan": "x", "keputusan_nomor": "1", "versi": sop.version}
    for who in ROLES:
        if who in allowed:
            continue
        web = login(world.users[who]).post(reverse("workflow:transition", args=[sop.pk, action]), form)
        response = api(world.users[who]).post(f"/revisi/{sop.pk}/{action}", body)
        assert response.status_code == web.status_code == 403, who
        assert response.json()["message"] in web.content.decode(), who
    done = api(world.users[allowed[0]]).post(f"/revisi/{sop.pk}/{action}", body)
    assert done.status_code == 200, done.json()
    assert done.json()["message"]


def test_an_author_never_verifies_or_approves_what_they_wrote(api, world, make_sop, to_state):
    from sopap.web.organisations.models import Role
    from sopap.web.organisations.services import membership_create

    membership_create(user=world.drafter, role=Role.PENGESAH, pd=world.pd)
    sop = to_state(make_sop(), "uji_coba")
    response = api(world.drafter).post(f"/revisi/{sop.pk}/approve", {"version": sop.version})
    assert response.status_code == 403
    assert response.json()["message"] == (
        "Anda ikut menyusun SOP ini, jadi tidak dapat memverifikasi atau mengesahkannya."
    )


def test_an_action_the_state_does_not_allow_is_a_conflict(api, world, make_sop):
    draft = make_sop()
    response = api(world.verifier1).post(
        f"/revisi/{draft.pk}/verification_approve", {"version": draft.version}
    )
    assert response.status_code == 409 and response.json()["code"] == "invalid_transition"
    assert response.json()["message"] == "Tindakan ini tidak dapat dilakukan pada SOP berstatus Draf."


def test_a_return_without_notes_is_refused_with_the_webs_words(api, world, make_sop, to_state):
    sop = to_state(make_sop(), "diajukan")
    response = api(world.verifier1).post(f"/revisi/{sop.pk}/verification_return", {"version": sop.version})
    assert response.status_code == 422 and response.json()["code"] == "refused"
    assert response.json()["message"] == "Tuliskan catatan: apa yang harus diperbaiki penyusun."


def test_refusals_are_in_english_when_the_caller_asks_for_it(api, world, make_sop, settings):
    from django.utils import translation

    draft = make_sop()
    response = api(world.auditor, language="en-GB,en;q=0.9").post(
        f"/revisi/{draft.pk}/submit", {"version": draft.version}
    )
    with translation.override("en"):
        expected = translation.gettext("Peran Anda tidak mengizinkan tindakan ini.")
    assert expected != "Peran Anda tidak mengizinkan tindakan ini."
    assert response.status_code == 403 and response.json()["message"] == expected
    assert response["Content-Language"] == "en"
    assert (
        api(world.auditor).post(f"/revisi/{draft.pk}/submit", {"version": draft.version})["Content-Language"]
        == "id"
    )


def test_the_whole_workflow_runs_through_the_api(api, world):
    created = api(world.drafter).post(
        "/sop", {"pd_id": world.pd.pk, "unit_id": world.unit.pk, "yaml": sop_yaml()}
    )
    state = created.json()
    rid, doc = state["revision_id"], state["document_id"]

    def act(who: str, action: str, **body: object) -> dict:
        version = api(world.users[who]).get(f"/revisi/{rid}").json()["version"]
        response = api(world.users[who]).post(f"/revisi/{rid}/{action}", {"version": version, **body})
        assert response.status_code == 200, (who, action, response.json())
        return response.json()["state"]

    act("drafter", "submit")
    returned = act("verifier1", "verification_return", step_notes=[{"step": 2, "text": "Siapa menerima?"}])
    assert returned["status"] == Status.DRAF
    act("drafter", "submit")
    act("verifier1", "verification_approve")
    assert act("verifier2", "verification_approve")["status"] == Status.UJI_COBA
    assert act("head", "approve")["status"] == Status.DISAHKAN
    decreed = act("admin", "decree", keputusan_nomor="188.45/7/2025", keputusan_tanggal="2025-01-02")
    assert decreed["status"] == Status.BERLAKU and decreed["number"]
    history = api(world.auditor).get(f"/sop/{doc}/riwayat").json()
    assert [t["action"] for t in history] == [
        "sop.submitted",
        "sop.verification.returned",
        "sop.submitted",
        "sop.verification.approved",
        "sop.verification.approved",
        "sop.trial.started",
        "sop.approved",
        "sop.decreed",
        "sop.in_force",
    ]
    assert history[1]["step_notes"] == [{"step": 2, "text": "Siapa menerima?"}]
    assert history[1]["label"] == "Dikembalikan ke penyusun oleh verifikator"
    assert api().get(f"/katalog/sop/{doc}").json()["status"] == Status.BERLAKU


def test_the_anonymous_test_above_covers_every_operation_that_needs_a_token(client):
    """A new operation with a token is added to the matrix above (and so to the anonymous refusals)."""
    schema = client.get("/api/openapi.json").json()
    secured = {
        (method.upper(), path)
        for path, operations in schema["paths"].items()
        for method, operation in operations.items()
        if operation.get("security")
    }
    assert secured == {
        ("GET", "/api/sop"),
        ("POST", "/api/sop"),
        ("GET", "/api/sop/{document_id}"),
        ("GET", "/api/sop/{document_id}/riwayat"),
        ("GET", "/api/revisi/{revision_id}"),
        ("PUT", "/api/revisi/{revision_id}"),
        ("POST", "/api/revisi/{revision_id}/{action}"),
    }
