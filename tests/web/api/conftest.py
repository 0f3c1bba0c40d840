"""Fixtures of the API's tests: a token per user, a client that sends it, and a rate limit that stays out of
the way (its own test sets it) on a clock that never moves (the counts are rows of the test's database, rolled back after it)."""

from __future__ import annotations

import json
from typing import Any

import pytest


@pytest.fixture(autouse=True)
def _quiet_rate_limit(settings: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    from sopap.web.api import access

    settings.API_RATE_TOKEN = (10_000, 60)
    settings.API_RATE_ANONYMOUS = (10_000, 60)
    # The middle of a window: no count of a test straddles two.
    monkeypatch.setattr(access, "clock", lambda: 1_800_000_030.0)


@pytest.fixture
def token_for(world: Any) -> Any:
    """The raw personal token of a user of the world (made once per user and test)."""
    from sopap.web.organisations.services import token_create

    made: dict[int, str] = {}

    def _token(user: Any) -> str:
        if user.pk not in made:
            made[user.pk] = token_create(user=user, name=f"tes {user.username}")[1]
        return made[user.pk]

    return _token


class Api:
    """The Django test client speaking JSON to /api/, as ``user`` (their token) or anonymously."""

    def __init__(self, client: Any, token: str | None = None, language: str | None = None) -> None:
        self.client = client
        self.headers: dict[str, str] = {}
        if token:
            self.headers["Authorization"] = f"Bearer {token}"
        if language:
            self.headers["Accept-Language"] = language

    def get(self, path: str, **params: Any) -> Any:
        return self.client.get(f"/api{path}", params, headers=self.headers)

    def post(self, path: str, body: dict[str, Any] | None = None) -> Any:
        return self.client.post(
            f"/api{path}", json.dumps(body or {}), content_type="application/json", headers=self.headers
        )

    def put(self, path: str, body: dict[str, Any]) -> Any:
        return self.client.put(
            f"/api{path}", json.dumps(body), content_type="application/json", headers=self.headers
        )


@pytest.fixture
def api(client: Any, token_for: Any) -> Any:
    """``api(user)`` acts as that user with their token; ``api()`` anonymously."""

    def _api(user: Any = None, *, language: str | None = None) -> Api:
        return Api(client, token_for(user) if user is not None else None, language)

    return _api


def sop_yaml(**changes: Any) -> str:
    from sopap.web.authoring.editor import text_from_data
    from tests.web.conftest import SOP_DATA

    return text_from_data({"versi_format": 1, **SOP_DATA, **changes})
