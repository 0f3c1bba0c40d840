"""A finding of the rules: what is wrong, where (file, line, step, field), and how bad."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from sopap.core.rules.messages import MESSAGES


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"


_SEVERITY_WORD = {
    "id": {Severity.ERROR: "GALAT", Severity.WARNING: "PERINGATAN"},
    "en": {Severity.ERROR: "ERROR", Severity.WARNING: "WARNING"},
}


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
        templates = MESSAGES[self.code]
        template = templates.get(lang, templates["id"])
        return template.format(**self.params)

    def location(self, lang: str = "id") -> str:
        parts = []
        if self.step is not None:
            parts.append(f"{'step' if lang == 'en' else 'langkah'} {self.step}")
        if self.field:
            parts.append(self.field)
        return ", ".join(parts)

    def render(self, lang: str = "id") -> str:
        """One line for a terminal: `file:line: GALAT langkah 3, keputusan: message [code]`."""
        head = self.path or ""
        if self.line is not None:
            head = f"{head}:{self.line}" if head else f"{'line' if lang == 'en' else 'baris'} {self.line}"
        where = self.location(lang)
        word = _SEVERITY_WORD.get(lang, _SEVERITY_WORD["id"])[self.severity]
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
