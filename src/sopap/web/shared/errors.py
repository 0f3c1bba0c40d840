"""Domain errors raised by services; views turn them into 403/400 responses with the message."""

from __future__ import annotations


class DomainError(Exception):
    """A request the rules refuse."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class FieldErrors(DomainError):
    """Every problem of one request at once, each under the form field it belongs to (None: the whole
    form), so that a form can show them all beside their fields instead of the first one alone."""

    def __init__(self, errors: dict[str | None, list[str]]) -> None:
        super().__init__(" ".join(message for messages in errors.values() for message in messages))
        self.errors = errors


class PermissionDenied(DomainError):
    """The actor's role does not allow this."""


class InvalidTransition(DomainError):
    """The SOP is not in a state that allows this."""


class StaleVersion(DomainError):
    """The user's form was loaded from an older version of the revision than the one stored now."""

    def __init__(self, message: str, *, current_version: int, loaded_version: int) -> None:
        super().__init__(message)
        self.current_version = current_version
        self.loaded_version = loaded_version
