from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from sopap.web.organisations.selectors import roles_of


def roles(request: HttpRequest) -> dict[str, Any]:
    user = getattr(request, "user", None)
    return {"user_roles": roles_of(user=user) if user is not None else set()}
