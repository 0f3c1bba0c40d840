"""The interface language of the current request, as the core's renderers and messages name it."""

from __future__ import annotations

from typing import Literal

from django.utils.translation import get_language


def current_lang() -> Literal["id", "en"]:
    """ "en" when the user chose English, otherwise "id" (Indonesian first)."""
    return "en" if (get_language() or "id").startswith("en") else "id"
