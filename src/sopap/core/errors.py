"""One error base class for the whole core, so front ends catch a single type."""

from __future__ import annotations

from typing import Any

from sopap.core.i18n import DEFAULT_LANGUAGE, Text, Verbatim


class SopapError(Exception):
    """Base of every error the core raises on purpose.

    ``text`` is the message, shown in the reader's language (``text_in(lang)``); ``message`` is its
    Indonesian wording, the product language. ``path`` names the file concerned, when there is one.
    """

    def __init__(self, text: Text | str, *, path: str | None = None) -> None:
        self.text = text if isinstance(text, Text) else Verbatim(text)
        self.message = self.text.render(DEFAULT_LANGUAGE)
        super().__init__(self.message)
        self.path = path

    def text_in(self, lang: str = DEFAULT_LANGUAGE) -> str:
        return self.text.render(lang)

    def localized(self, lang: str = DEFAULT_LANGUAGE) -> str:
        text = self.text_in(lang)
        return f"{self.path}: {text}" if self.path else text


class SopFileError(SopapError):
    """The file cannot be read as an SOP at all: not YAML, too big, binary, unsafe."""


class SopInvalidError(SopapError):
    """The file was read but the SOP breaks the format's rules; carries the diagnostics."""

    def __init__(self, diagnostics: list[Any], *, path: str | None = None) -> None:
        self.diagnostics = diagnostics
        super().__init__(_Diagnostics(diagnostics), path=path)

    def localized(self, lang: str = DEFAULT_LANGUAGE) -> str:
        """Every diagnostic on its own line, each already naming file, line, step and field."""
        return "\n".join(d.render(lang) for d in self.diagnostics) or super().localized(lang)


class _Diagnostics(Text):
    def __init__(self, diagnostics: list[Any]) -> None:
        super().__init__("SOP tidak valid")
        self.diagnostics = diagnostics

    def render(self, lang: str = DEFAULT_LANGUAGE) -> str:
        return "; ".join(d.message(lang) for d in self.diagnostics) or super().render(lang)
