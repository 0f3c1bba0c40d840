"""The API's refusals: each becomes a `Problem` with the status that fits, and the message the web shows."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _

from sopap.web.shared.errors import DomainError, InvalidTransition, PermissionDenied, StaleVersion


class ApiError(Exception):
    def __init__(self, status: int, code: str, message: str, **extra: Any) -> None:
        super().__init__(message)
        self.status = status
        self.code = code
        self.message = message
        self.extra = extra

    def body(self) -> dict[str, Any]:
        return {"code": self.code, "message": self.message, **self.extra}


def not_found(message: str = "") -> ApiError:
    return ApiError(404, "not_found", message or _("Tidak ditemukan."))


def refused(exc: DomainError, *, conflict: bool = False) -> ApiError:
    """A service's refusal: 403 when the role does not allow it, 409 when the SOP's state (or a newer
    version) does not, otherwise 422 (what was sent cannot be accepted), or 409 with ``conflict``."""
    if isinstance(exc, PermissionDenied):
        return ApiError(403, "permission_denied", exc.message)
    if isinstance(exc, StaleVersion):
        return ApiError(409, "stale_version", exc.message, current_version=exc.current_version)
    if isinstance(exc, InvalidTransition):
        return ApiError(409, "invalid_transition", exc.message)
    return ApiError(409 if conflict else 422, "refused", exc.message)


# The statuses each kind of operation may answer with besides its success, for the schema.
PUBLIC = (404, 422, 429)
READ = (401, 404, 422, 429)
WRITE = (400, 401, 403, 404, 409, 422, 429)
