"""The API's rate limit: per token, and per client address without one; 429 with Retry-After."""

from __future__ import annotations

import pytest

from sopap.web.api import access

pytestmark = pytest.mark.django_db


def test_anonymous_calls_are_counted_per_address(api, settings, client):
    settings.API_RATE_ANONYMOUS = (3, 60)
    for _ in range(3):
        assert api().get("/katalog/sop").status_code == 200
    refused = api().get("/katalog/sop")
    assert refused.status_code == 429 and refused["Retry-After"] == "30"
    assert refused.json()["code"] == "rate_limited" and "30 detik" in refused.json()["message"]
    elsewhere = client.get("/api/katalog/sop", REMOTE_ADDR="10.0.0.9")
    assert elsewhere.status_code == 200


def test_each_token_has_its_own_count(api, world, settings):
    settings.API_RATE_TOKEN = (2, 60)
    settings.API_RATE_ANONYMOUS = (1, 60)
    assert api(world.drafter).get("/sop").status_code == 200
    assert api(world.drafter).get(f"/sop/{999}").status_code == 404
    assert api(world.drafter).get("/sop").status_code == 429
    assert api(world.drafter2).get("/sop").status_code == 200
    # The public catalog needs no token, so its calls count against the address, tokens or not.
    assert api().get("/katalog/sop").status_code == 200
    assert api(world.drafter2).get("/katalog/sop").status_code == 429


def test_the_count_starts_again_in_the_next_window(api, settings, monkeypatch):
    settings.API_RATE_ANONYMOUS = (1, 60)
    assert api().get("/katalog/sop").status_code == 200
    assert api().get("/katalog/sop").status_code == 429
    monkeypatch.setattr(access, "clock", lambda: 1_800_000_090.0)
    assert api().get("/katalog/sop").status_code == 200


def test_the_schema_and_the_docs_are_not_counted(api, settings, client):
    settings.API_RATE_ANONYMOUS = (1, 60)
    for _ in range(3):
        assert client.get("/api/openapi.json").status_code == 200
    assert api().get("/katalog/sop").status_code == 200


def test_the_count_is_kept_in_the_database_not_in_the_process(api, settings):
    """What a second worker process sees: a throttle of its own and an empty process cache, the same rows."""
    from django.core.cache import caches
    from django.test import RequestFactory

    from sopap.web.organisations.models import ApiRateCount

    settings.API_RATE_ANONYMOUS = (2, 60)
    assert api().get("/katalog/sop").status_code == 200
    (row,) = ApiRateCount.objects.all()
    assert row.count == 1 and row.slot == 1_800_000_030 // 60
    # Another process counts a call from the same address: a throttle of its own, nothing in its memory.
    caches["default"].clear()
    elsewhere = RequestFactory().get("/api/katalog/sop")
    assert access.RateLimit().allow_request(elsewhere) is True
    refused = api(language="en").get("/katalog/sop")
    assert refused.status_code == 429 and refused["Retry-After"] == "30"
    assert refused.json()["message"] == "Too many requests; try again in 30 seconds."
    assert ApiRateCount.objects.get().count == 3


def test_a_new_window_deletes_the_callers_older_windows(api, settings, monkeypatch):
    from sopap.web.organisations.models import ApiRateCount

    settings.API_RATE_ANONYMOUS = (5, 60)
    api().get("/katalog/sop")
    monkeypatch.setattr(access, "clock", lambda: 1_800_000_090.0)
    api().get("/katalog/sop")
    assert list(ApiRateCount.objects.values_list("slot", "count")) == [(1_800_000_090 // 60, 1)]
