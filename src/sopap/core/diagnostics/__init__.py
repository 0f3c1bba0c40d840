"""A finding about an SOP file: what is wrong, where (file, line, step, field), and how bad.

Below both the file format (sopfile, which reports structural errors with it) and the rules (which report
everything else): the one vocabulary of findings."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from sopap.core.diagnostics.messages import MESSAGES
from sopap.core.i18n import N_, tr


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"


_SEVERITY_WORD = {Severity.ERROR: N_("GALAT"), Severity.WARNING: N_("PERINGATAN")}


@dataclass
class Diagnostic:
    code: str
    severity: Severity
    params: dict[str, Any] = field(default_factory=dict)
    path: str | None = None
    line: int | None = None
    step: int | None = None
    field: str | None = None

    def message(self, lang: str = "id") -> str:
        return tr(MESSAGES[self.code], lang, **self.params)

    def location(self, lang: str = "id") -> str:
        """Where, for those who edit the file: `langkah 3, keputusan.ya` (the exact key)."""
        parts = []
        if self.step is not None:
            parts.append(tr("langkah {number}", lang, number=str(self.step)))
        if self.field:
            parts.append(self.field)
        return ", ".join(parts)

    def render(self, lang: str = "id") -> str:
        """One line for a terminal: `file:line: GALAT langkah 3, keputusan: message [code]`."""
        head = self.path or ""
        if self.line is not None:
            head = f"{head}:{self.line}" if head else tr("baris {number}", lang, number=str(self.line))
        where = self.location(lang)
        word = tr(_SEVERITY_WORD[self.severity], lang)
        text = f"{word} {where}: {self.message(lang)}" if where else f"{word}: {self.message(lang)}"
        return f"{head}: {text} [{self.code}]" if head else f"{text} [{self.code}]"

    def as_dict(self, lang: str = "id") -> dict[str, Any]:
        return {
            "file": self.path,
            "line": self.line,
            "severity": str(self.severity),
            "code": self.code,
            "step": self.step,
            "field": self.field,
            "message": self.message(lang),
        }
