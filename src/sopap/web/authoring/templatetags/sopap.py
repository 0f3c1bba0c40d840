from __future__ import annotations

from typing import Any

from django import template

register = template.Library()


@register.filter
def step_items(lint: Any, number: int) -> list[dict[str, Any]]:
    return lint.step_items(int(number)) if lint is not None else []


@register.filter
def get(mapping: Any, key: Any) -> Any:
    if not mapping:
        return None
    return mapping.get(key)
