from __future__ import annotations

import datetime as dt
from typing import Any

from sopap.core.rules import Diagnostic, lint_text
from tests.conftest import sop_data, sop_yaml

TODAY = dt.date(2020, 1, 1)


def lint(data: dict[str, Any] | str, today: dt.date = TODAY) -> list[Diagnostic]:
    text = data if isinstance(data, str) else sop_yaml(data)
    return lint_text(text, path="contoh.sop.yaml", today=today).diagnostics


def codes(data: dict[str, Any] | str, today: dt.date = TODAY) -> list[str]:
    return [d.code for d in lint(data, today)]


def only(data: dict[str, Any] | str, code: str) -> Diagnostic:
    found = [d for d in lint(data) if d.code == code]
    assert len(found) == 1, [d.render() for d in lint(data)]
    return found[0]


__all__ = ["TODAY", "codes", "lint", "only", "sop_data"]
