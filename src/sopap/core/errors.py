"""One error base class for the whole core, so front ends catch a single type."""

from __future__ import annotations

from typing import Any


class SopapError(Exception):
    """Base of every error the core raises on purpose.

    ``message`` is in Bahasa Indonesia (the product language); ``message_en`` in English.
    ``path`` names the file concerned, when there is one.
    """

    def __init__(self, message: str, *, message_en: str | None = None, path: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.message_en = message_en or message
        self.path = path

    def localized(self, lang: str = "id") -> str:
        text = self.message_en if lang == "en" else self.message
        return f"{self.path}: {text}" if self.path else text


class SopFileError(SopapError):
    """The file cannot be read as an SOP at all: not YAML, too big, binary, unsafe."""


class SopInvalidError(SopapError):
    """The file was read but the SOP breaks the format's rules; carries the diagnostics."""

    def __init__(self, diagnostics: list[Any], *, path: str | None = None) -> None:
        self.diagnostics = diagnostics
        super().__init__(
            "; ".join(d.message("id") for d in diagnostics) or "SOP tidak valid",
            message_en="; ".join(d.message("en") for d in diagnostics) or "invalid SOP",
            path=path,
        )

    def localized(self, lang: str = "id") -> str:
        """Every diagnostic on its own line, each already naming file, line, step and field."""
        return "\n".join(d.render(lang) for d in self.diagnostics) or super().localized(lang)
